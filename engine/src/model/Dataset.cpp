#include <bodemzicht/model/Dataset.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace bz::model {

namespace {

Feature makeFeature(core::StringPool& pool, const Dataset::Meta& m, std::uint32_t geometry) {
    Feature f;
    f.id = m.id;
    f.layer = pool.intern(m.layer);
    f.theme = pool.intern(m.theme);
    f.owner = pool.intern(m.owner);
    f.material = pool.intern(m.material);
    f.source = pool.intern(m.source);
    f.type = m.type;
    f.status = m.status;
    f.yearLaid = static_cast<std::int16_t>(m.yearLaid);
    f.horizontalAccuracyM = m.horizontalAccuracyM;
    f.geometry = geometry;
    return f;
}

}  // namespace

std::uint32_t Dataset::addLinear(const Meta& meta, const std::vector<core::Vec3>& axis,
                                 const std::vector<VertexDepth>& depths, float outerDiameterM) {
    if (geometryKindOf(meta.type) != GeometryKind::Linear)
        throw std::logic_error("Dataset::addLinear(): '" + meta.id + "' is not a linear type");
    if (axis.size() != depths.size())
        throw std::logic_error("Dataset::addLinear(): one depth record per vertex expected");
    LinearGeometry g{static_cast<std::uint32_t>(vertices.size()),
                     static_cast<std::uint32_t>(axis.size()), outerDiameterM};
    vertices.insert(vertices.end(), axis.begin(), axis.end());
    vertexDepths.insert(vertexDepths.end(), depths.begin(), depths.end());
    linears.push_back(g);
    features.push_back(makeFeature(strings, meta, static_cast<std::uint32_t>(linears.size() - 1)));
    return static_cast<std::uint32_t>(features.size() - 1);
}

std::uint32_t Dataset::addBody(const Meta& meta, const VerticalBody& body) {
    if (geometryKindOf(meta.type) != GeometryKind::VerticalBody)
        throw std::logic_error("Dataset::addBody(): '" + meta.id + "' is not a vertical body type");
    bodies.push_back(body);
    features.push_back(makeFeature(strings, meta, static_cast<std::uint32_t>(bodies.size() - 1)));
    return static_cast<std::uint32_t>(features.size() - 1);
}

std::uint32_t Dataset::addPrism(const Meta& meta, const std::vector<std::vector<core::Vec2>>& rs,
                                double bottomZ, double topZ, float widthM, VertexDepth depth) {
    if (geometryKindOf(meta.type) != GeometryKind::Prism)
        throw std::logic_error("Dataset::addPrism(): '" + meta.id + "' is not a prism type");
    PrismGeometry p;
    p.firstRing = static_cast<std::uint32_t>(rings.size());
    p.ringCount = static_cast<std::uint32_t>(rs.size());
    p.widthM = widthM;
    p.topZ = topZ;
    p.bottomZ = bottomZ;
    p.depth = depth;
    for (const auto& r : rs) {
        rings.push_back({static_cast<std::uint32_t>(footprintPoints.size()),
                         static_cast<std::uint32_t>(r.size())});
        footprintPoints.insert(footprintPoints.end(), r.begin(), r.end());
    }
    prisms.push_back(p);
    features.push_back(makeFeature(strings, meta, static_cast<std::uint32_t>(prisms.size() - 1)));
    return static_cast<std::uint32_t>(features.size() - 1);
}

std::size_t Dataset::segmentCount() const {
    std::size_t n = 0;
    for (const auto& l : linears) n += l.vertexCount > 1 ? l.vertexCount - 1 : 0;
    return n;
}

core::Bounds3 Dataset::featureBounds(const Feature& f) const {
    core::Bounds3 b;
    switch (f.kind()) {
        case GeometryKind::Linear: {
            const auto& l = linears[f.geometry];
            for (std::uint32_t i = 0; i < l.vertexCount; ++i) b.expand(vertices[l.firstVertex + i]);
            double r = std::isnan(l.outerDiameterM) ? 0.0 : l.outerDiameterM / 2.0;
            return b.inflated(r);
        }
        case GeometryKind::VerticalBody: {
            const auto& v = bodies[f.geometry];
            double r = v.isCylinder() ? v.radiusM : 0.5 * std::hypot(v.widthM, v.lengthM);
            b.expand(core::Vec3{v.center.x - r, v.center.y - r, v.bottomZ});
            b.expand(core::Vec3{v.center.x + r, v.center.y + r, v.topZ});
            return b;
        }
        case GeometryKind::Prism: {
            const auto& p = prisms[f.geometry];
            double r = std::isnan(p.widthM) ? 0.0 : p.widthM / 2.0;
            for (std::uint32_t ri = 0; ri < p.ringCount; ++ri) {
                const auto& ring = rings[p.firstRing + ri];
                for (std::uint32_t i = 0; i < ring.pointCount; ++i) {
                    auto q = footprintPoints[ring.firstPoint + i];
                    b.expand(core::Vec3{q.x - r, q.y - r, p.bottomZ});
                    b.expand(core::Vec3{q.x + r, q.y + r, p.topZ});
                }
            }
            return b;
        }
    }
    return b;
}

core::Bounds3 Dataset::bounds() const {
    core::Bounds3 b;
    for (const auto& f : features) b.merge(featureBounds(f));
    return b;
}

std::size_t Dataset::geometryBytes() const {
    return linears.capacity() * sizeof(LinearGeometry) + vertices.capacity() * sizeof(core::Vec3) +
           vertexDepths.capacity() * sizeof(VertexDepth) +
           bodies.capacity() * sizeof(VerticalBody) + prisms.capacity() * sizeof(PrismGeometry) +
           rings.capacity() * sizeof(Ring) + footprintPoints.capacity() * sizeof(core::Vec2);
}

}  // namespace bz::model

namespace bz::model {

namespace {
constexpr std::pair<GroundBasis::Kind, const char*> kGroundKinds[] = {
    {GroundBasis::Kind::None, "none"},
    {GroundBasis::Kind::Raster, "raster"},
    {GroundBasis::Kind::Constant, "constant"},
    {GroundBasis::Kind::Partial, "partial"},
    {GroundBasis::Kind::AssumedFlat, "assumed-flat"},
};
}  // namespace

std::string toCode(GroundBasis::Kind k) {
    for (auto [kind, code] : kGroundKinds)
        if (kind == k) return code;
    return "none";
}

std::optional<GroundBasis::Kind> groundKindFromCode(const std::string& code) {
    for (auto [kind, c] : kGroundKinds)
        if (code == c) return kind;
    return std::nullopt;
}

std::string describe(const GroundBasis& g) {
    char level[48];
    std::snprintf(level, sizeof level, "%.2f m NAP", g.level);
    switch (g.kind) {
        case GroundBasis::Kind::None:
            return "none needed (every height is given in m NAP)";
        case GroundBasis::Kind::Raster:
            return "raster " + g.source;
        case GroundBasis::Kind::Constant:
            return std::string("constant ") + level;
        case GroundBasis::Kind::Partial:
            return g.source + ", elsewhere an ASSUMED flat ground at " + level;
        case GroundBasis::Kind::AssumedFlat:
            return std::string("ASSUMED flat ground at ") + level +
                   " (no ground level known; depths below ground are kept, heights in m NAP follow "
                   "once one is set: bodem ground PROJECT --raster AHN.tif | --level M)";
    }
    return "";
}

}  // namespace bz::model
