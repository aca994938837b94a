#include <bodemzicht/clash/ClashModel.h>

#include <algorithm>
#include <cmath>

#include <bodemzicht/geom/Decompose.h>

namespace bz::clash {

using model::DepthProvenance;

namespace {

float bandFor(DepthProvenance p, float uncertainty, const RuleSet& rules) {
    // Measured heights are taken as exact for "possible" clashes; the rest carries its band.
    if (p == DepthProvenance::Measured) return 0.f;
    if (std::isnan(uncertainty))
        return static_cast<float>(rules.defaultUncertainty(std::string(model::toCode(p))));
    return uncertainty;
}

}  // namespace

ClashModel::ClashModel(const model::Dataset& ds, const RuleSet& rules,
                       const model::GroundLevel& ground)
    : mDs(&ds), mGround(ground) {
    mShapes.resize(ds.features.size());
    mCapsules.reserve(ds.segmentCount());
    mCapsuleBand.reserve(ds.segmentCount());
    std::size_t unplaced = 0;
    std::string firstUnplaced;
    // A zone at every depth reaches above and below everything else: as a solid, it spans the
    // other objects' heights with a wide margin (its own stored levels do not exist). The extent
    // is only computed when there is such a zone.
    double allLo = -1000.0, allHi = 1000.0;
    if (std::any_of(ds.prisms.begin(), ds.prisms.end(),
                    [](const model::PrismGeometry& p) { return p.allDepths; })) {
        const auto extent = ds.bounds();
        if (!extent.empty()) {
            allLo = extent.lo.z - 100.0;
            allHi = extent.hi.z + 100.0;
        }
    }
    for (std::size_t fi = 0; fi < ds.features.size(); ++fi) {
        const auto& f = ds.features[fi];
        FeatureShape& s = mShapes[fi];
        const std::string& theme = ds.str(f.theme);
        switch (f.kind()) {
            case model::GeometryKind::Linear: {
                const auto& l = ds.linears[f.geometry];
                double radius = l.outerDiameterM / 2.0;
                if (std::isnan(radius)) {
                    radius = rules.defaultDiameter(theme) / 2.0;
                    s.assumedDiameter = true;
                }
                if (std::isnan(radius)) radius = 0;
                s.firstCapsule = static_cast<std::uint32_t>(mCapsules.size());
                core::Vec3 prev{};
                float prevBand = 0;
                for (std::uint32_t i = 0; i < l.vertexCount; ++i) {
                    core::Vec3 v = ds.vertices[l.firstVertex + i];
                    const auto& d = ds.vertexDepths[l.firstVertex + i];
                    if (d.provenance != DepthProvenance::Measured &&
                        d.provenance != DepthProvenance::Derived)
                        s.assumedDepth = true;
                    if (std::isnan(v.z)) {
                        double g = ground.at(v.x, v.y);
                        v.z = g - rules.defaultCoverDepth(theme) - radius;
                    }
                    if (std::isnan(v.z)) {
                        s.usable = false;
                        break;
                    }
                    float band = bandFor(d.provenance, d.verticalUncertaintyM, rules);
                    if (i > 0) {
                        mCapsules.push_back({prev, v, radius});
                        mCapsuleBand.push_back(std::max(prevBand, band));
                    }
                    prev = v;
                    prevBand = band;
                }
                if (!s.usable) {
                    mCapsules.resize(s.firstCapsule);
                    mCapsuleBand.resize(s.firstCapsule);
                    ++unplaced;
                    if (firstUnplaced.empty()) firstUnplaced = f.id;
                }
                s.capsuleCount = static_cast<std::uint32_t>(mCapsules.size()) - s.firstCapsule;
                break;
            }
            case model::GeometryKind::VerticalBody: {
                const auto& b = ds.bodies[f.geometry];
                s.firstExtrusion = static_cast<std::uint32_t>(mExtrusions.size());
                if (b.isCylinder()) {
                    mExtrusions.push_back(
                        geom::Extrusion::cylinder(b.center, b.radiusM, b.bottomZ, b.topZ));
                } else {
                    double a = b.rotationDeg * M_PI / 180.0, hw = b.widthM / 2.0,
                           hl = b.lengthM / 2.0;
                    core::Vec2 ux{std::cos(a), std::sin(a)}, uy{-std::sin(a), std::cos(a)};
                    std::vector<core::Vec2> box{
                        b.center - ux * hw - uy * hl, b.center + ux * hw - uy * hl,
                        b.center + ux * hw + uy * hl, b.center - ux * hw + uy * hl};
                    mExtrusions.push_back(geom::Extrusion::prism(box, b.bottomZ, b.topZ));
                }
                mExtrusionBand.push_back(
                    bandFor(b.depth.provenance, b.depth.verticalUncertaintyM, rules));
                s.assumedDepth = b.depth.provenance == DepthProvenance::Assumed ||
                                 b.depth.provenance == DepthProvenance::Unknown;
                s.extrusionCount = 1;
                break;
            }
            case model::GeometryKind::Prism: {
                const auto& p = ds.prisms[f.geometry];
                std::vector<geom::Polygon2> rings;
                for (std::uint32_t r = 0; r < p.ringCount; ++r) {
                    const auto& ring = ds.rings[p.firstRing + r];
                    rings.emplace_back(
                        ds.footprintPoints.begin() + ring.firstPoint,
                        ds.footprintPoints.begin() + ring.firstPoint + ring.pointCount);
                }
                std::vector<geom::Polygon2> parts;
                if (!std::isnan(p.widthM))
                    parts = geom::bufferedPolylineParts(rings[0], p.widthM);
                else if (!rings.empty())
                    parts = geom::convexParts(
                        rings[0], std::vector<geom::Polygon2>(rings.begin() + 1, rings.end()));
                s.firstExtrusion = static_cast<std::uint32_t>(mExtrusions.size());
                float band = bandFor(p.depth.provenance, p.depth.verticalUncertaintyM, rules);
                const double bottom = p.allDepths ? allLo : p.bottomZ;
                const double top = p.allDepths ? allHi : p.topZ;
                for (auto& part : parts) {
                    mExtrusions.push_back(geom::Extrusion::prism(std::move(part), bottom, top));
                    mExtrusionBand.push_back(band);
                }
                s.extrusionCount = static_cast<std::uint32_t>(parts.size());
                s.assumedDepth = !p.allDepths && (p.depth.provenance == DepthProvenance::Assumed ||
                                                  p.depth.provenance == DepthProvenance::Unknown);
                if (parts.empty()) {
                    s.usable = false;
                    mNotes.push_back("feature '" + f.id +
                                     "': footprint is degenerate, not checked");
                }
                break;
            }
        }
    }
    if (unplaced)
        mNotes.push_back(std::to_string(unplaced) +
                         " networks have no heights and no ground level is known to " +
                         "place them at the default cover depth (first: '" + firstUnplaced +
                         "'); they were not checked. Give the project a ground_level field or pass "
                         "--ground-level.");
}

}  // namespace bz::clash
