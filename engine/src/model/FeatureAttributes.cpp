#include <bodemzicht/model/FeatureAttributes.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include <bodemzicht/geom/Decompose.h>

namespace bz::model {

namespace {

std::string number(double v, const char* unit, int decimals = 2) {
    if (std::isnan(v)) return "unknown";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f%s%s", decimals, v, *unit ? " " : "", unit);
    return buf;
}

std::string orUnknown(const std::string& s) {
    return s.empty() ? "unknown" : s;
}

std::string provenance(const VertexDepth& d) {
    std::string s(toCode(d.provenance));
    if (!std::isnan(d.verticalUncertaintyM)) s += ", +/- " + number(d.verticalUncertaintyM, "m");
    return s;
}

}  // namespace

std::vector<AttributeRow> featureAttributes(const Dataset& ds, std::size_t fi,
                                            const std::function<double(double, double)>& groundAt) {
    std::vector<AttributeRow> rows;
    if (fi >= ds.features.size()) return rows;
    const Feature& f = ds.features[fi];
    auto add = [&](std::string key, std::string value) {
        rows.push_back({std::move(key), std::move(value)});
    };
    add("id", f.id);
    add("layer", orUnknown(ds.str(f.layer)));
    add("theme", orUnknown(ds.str(f.theme)));
    add("type", std::string(toCode(f.type)));
    add("status", std::string(toCode(f.status)));
    add("owner", orUnknown(ds.str(f.owner)));
    add("material", orUnknown(ds.str(f.material)));
    add("source", orUnknown(ds.str(f.source)));
    add("laid", f.dates.laid.known() ? f.dates.laid.toString() : "unknown");
    if (f.dates.planned.known()) add("planned", f.dates.planned.toString());
    if (f.dates.outOfService.known()) add("out of service", f.dates.outOfService.toString());
    if (f.dates.endOfLife.known()) add("expected end of life", f.dates.endOfLife.toString());
    add("horizontal accuracy", number(f.horizontalAccuracyM, "m"));
    auto ground = [&](double x, double y) { return groundAt ? groundAt(x, y) : NAN; };

    switch (f.kind()) {
        case GeometryKind::Linear: {
            const auto& l = ds.linears[f.geometry];
            add("outer diameter", std::isnan(l.outerDiameterM)
                                      ? "unknown (drawn at 100 mm, assumed)"
                                      : number(l.outerDiameterM * 1000, "mm", 0));
            double length = 0, lo = INFINITY, hi = -INFINITY, shallowest = INFINITY,
                   deepest = -INFINITY;
            std::map<std::string, std::size_t> byProvenance;
            float band = 0;
            double givenLo = INFINITY, givenHi = -INFINITY;  // depths below ground as the source gave
            for (std::uint32_t i = 0; i < l.vertexCount; ++i) {
                const auto& v = ds.vertices[l.firstVertex + i];
                const auto& d = ds.vertexDepths[l.firstVertex + i];
                ++byProvenance[std::string(toCode(d.provenance))];
                if (!std::isnan(d.belowGroundM)) {
                    givenLo = std::min(givenLo, static_cast<double>(d.belowGroundM));
                    givenHi = std::max(givenHi, static_cast<double>(d.belowGroundM));
                }
                if (!std::isnan(d.verticalUncertaintyM))
                    band = std::max(band, d.verticalUncertaintyM);
                if (i > 0) length += core::distance(ds.vertices[l.firstVertex + i - 1], v);
                if (std::isnan(v.z)) continue;
                lo = std::min(lo, v.z);
                hi = std::max(hi, v.z);
                double g = ground(v.x, v.y);
                if (!std::isnan(g)) {
                    shallowest = std::min(shallowest, g - v.z);
                    deepest = std::max(deepest, g - v.z);
                }
            }
            add("length", number(length, "m"));
            add("vertices", std::to_string(l.vertexCount));
            const bool onAssumedGround = !std::isinf(givenLo) && ds.ground.assumed();
            add("axis level", std::isinf(lo) ? "unknown"
                              : number(lo, "") + " .. " + number(hi, "m NAP") +
                                    (onAssumedGround ? " (on an assumed ground)" : ""));
            if (!std::isinf(givenLo))
                add("axis depth below ground (as given)",
                    number(givenLo, "") + " .. " + number(givenHi, "m"));
            else if (!std::isinf(shallowest))
                add("depth below ground", number(shallowest, "") + " .. " + number(deepest, "m"));
            if (onAssumedGround) add("ground", describe(ds.ground));
            std::string prov;
            for (const auto& [p, n] : byProvenance)
                prov += (prov.empty() ? "" : ", ") + p + " " + std::to_string(n);
            add("depth provenance (vertices)", prov);
            if (band > 0) add("vertical uncertainty", "up to +/- " + number(band, "m"));
            break;
        }
        case GeometryKind::VerticalBody: {
            const auto& b = ds.bodies[f.geometry];
            add("position", number(b.center.x, "", 2) + ", " + number(b.center.y, "", 2));
            add("shape", b.isCylinder()
                             ? "cylinder, diameter " + number(2 * b.radiusM, "m")
                             : "box " + number(b.widthM, "") + " x " + number(b.lengthM, "m") +
                                   ", rotated " + number(b.rotationDeg, "deg", 0));
            add("top", number(b.topZ, "m NAP"));
            add("bottom", number(b.bottomZ, "m NAP"));
            double g = ground(b.center.x, b.center.y);
            if (!std::isnan(g)) add("bottom below ground", number(g - b.bottomZ, "m"));
            add("depth provenance (bottom)", provenance(b.depth));
            break;
        }
        case GeometryKind::Prism: {
            const auto& p = ds.prisms[f.geometry];
            if (p.allDepths) {
                add("depth", "at every depth (a plan constraint)");
            } else {
                add("top", number(p.topZ, "m NAP"));
                add("bottom", number(p.bottomZ, "m NAP"));
            }
            if (!std::isnan(p.widthM)) add("width", number(p.widthM, "m"));
            // Plan area: a polygon less its holes, or a line buffered by its width.
            double area = 0;
            for (std::uint32_t r = 0; r < p.ringCount; ++r) {
                const auto& ring = ds.rings[p.firstRing + r];
                const geom::Polygon2 pts(ds.footprintPoints.begin() + ring.firstPoint,
                                         ds.footprintPoints.begin() + ring.firstPoint +
                                             ring.pointCount);
                if (!std::isnan(p.widthM)) {
                    double length = 0;
                    for (std::size_t i = 1; i < pts.size(); ++i)
                        length += core::length(pts[i] - pts[i - 1]);
                    area += length * p.widthM;
                    continue;
                }
                area += (r == 0 ? 1 : -1) * std::abs(geom::signedArea(pts));
            }
            add("plan area", number(area, "m2", 1));
            if (!p.allDepths) {
                add("volume", number(area * (p.topZ - p.bottomZ), "m3", 1));
                add("depth provenance", provenance(p.depth));
            }
            break;
        }
    }

    for (const auto* s : ds.detailsOf<SewerProfile>(f)) {
        add("inner bottom (BOB) begin", number(s->bobBeginM, "m NAP"));
        add("inner bottom (BOB) end", number(s->bobEndM, "m NAP"));
        add("profile", orUnknown(s->shape) + " " + number(s->widthMm, "", 0) + " x " +
                           number(s->heightMm, "mm", 0));
        add("system", orUnknown(s->systemType));
    }
    for (const auto* t : ds.detailsOf<TreeDetail>(f)) {
        add("species", orUnknown(t->species));
        add("height", number(t->heightM, "m"));
        add("stem diameter", number(t->stemDiameterM, "m"));
        add("crown diameter", number(t->crownDiameterM, "m"));
        add("root zone diameter", number(t->rootZoneDiameterM, "m"));
        add("root depth", number(t->rootDepthM, "m"));
        add("root zone provenance", std::string(toCode(t->rootZoneProvenance)));
    }
    for (const auto* w : ds.detailsOf<WellDetail>(f)) {
        add("filter screen",
            number(w->screenBottomZ, "") + " .. " + number(w->screenTopZ, "m NAP"));
        add("stored volume", number(w->storedVolumeM3, "m3", 0));
        add("temperature", orUnknown(w->temperature));
        add("system", orUnknown(w->systemId));
    }
    for (const auto* c : ds.detailsOf<ContaminationDetail>(f)) {
        add("substance", orUnknown(c->substance));
        add("concentration", number(c->concentration, c->unit.c_str()));
        add("medium", orUnknown(c->medium));
    }
    // What else the source said, under its own names.
    for (const auto& a : ds.attributesOf(f)) add(ds.str(a.key), toString(a.value));
    return rows;
}

}  // namespace bz::model
