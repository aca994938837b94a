#include "SourceChecks.h"

#include <bodemzicht/core/Limits.h>

#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_set>

namespace bz::io::detail {

namespace {

// EPSG:28992's area of use with a margin, and NAP heights from deep wells to the highest roofs:
// anything outside is a unit or CRS mistake (degrees read as metres, mm as m) or a hostile value.
constexpr double kMinX = -7000 - 10000, kMaxX = 300000 + 10000;
constexpr double kMinY = 289000 - 10000, kMaxY = 629000 + 10000;
constexpr double kMinZ = -1000, kMaxZ = 1000;

std::string fmt(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

// Empty when fine, else what is wrong.
std::string checkXy(double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y)) return "a coordinate is not a finite number";
    if (x < kMinX || x > kMaxX || y < kMinY || y > kMaxY)
        return "coordinate (" + fmt(x) + ", " + fmt(y) + ") lies outside RD New (EPSG:28992)";
    return {};
}

std::string checkZ(double z, bool unknownAllowed) {
    if (std::isnan(z)) return unknownAllowed ? std::string() : "a height is missing (NaN)";
    if (!std::isfinite(z)) return "a height is not a finite number";
    if (z < kMinZ || z > kMaxZ) return "height " + fmt(z) + " m NAP is implausible";
    return {};
}

std::string checkSize(double v, const char* what) {
    if (std::isnan(v)) return {};  // unknown: the rule set's default is used and marked
    if (!std::isfinite(v) || v < 0 || v > 1000)
        return std::string(what) + " " + fmt(v) + " m is not a plausible size";
    return {};
}

std::string checkFeature(const model::Dataset& ds, const model::Feature& f) {
    std::string why;
    auto first = [&](std::string s) {
        if (why.empty()) why = std::move(s);
    };
    switch (f.kind()) {
        case model::GeometryKind::Linear: {
            const auto& g = ds.linears[f.geometry];
            if (g.vertexCount > core::limits().vertices)
                return core::overLimit(std::to_string(g.vertexCount) + " vertices", "vertices");
            first(checkSize(g.outerDiameterM, "diameter"));
            for (std::uint32_t i = 0; i < g.vertexCount && why.empty(); ++i) {
                auto v = ds.vertices[g.firstVertex + i];
                first(checkXy(v.x, v.y));
                first(checkZ(v.z, true));
                if (!why.empty()) why = "vertex " + std::to_string(i) + ": " + why;
            }
            break;
        }
        case model::GeometryKind::VerticalBody: {
            const auto& b = ds.bodies[f.geometry];
            first(checkXy(b.center.x, b.center.y));
            first(checkZ(b.topZ, false));
            first(checkZ(b.bottomZ, false));
            first(checkSize(b.radiusM, "radius"));
            first(checkSize(b.widthM, "width"));
            first(checkSize(b.lengthM, "length"));
            break;
        }
        case model::GeometryKind::Prism: {
            const auto& p = ds.prisms[f.geometry];
            if (!p.allDepths) {  // a zone at every depth has no levels
                first(checkZ(p.topZ, false));
                first(checkZ(p.bottomZ, false));
            }
            first(checkSize(p.widthM, "width"));
            for (std::uint32_t r = 0; r < p.ringCount && why.empty(); ++r) {
                const auto& ring = ds.rings[p.firstRing + r];
                for (std::uint32_t i = 0; i < ring.pointCount && why.empty(); ++i) {
                    auto q = ds.footprintPoints[ring.firstPoint + i];
                    first(checkXy(q.x, q.y));
                }
            }
            break;
        }
    }
    return why;
}

}  // namespace

std::vector<bool> checkFeatures(const model::Dataset& ds, const std::string& source,
                                ImportReport& report) {
    std::vector<bool> keep(ds.features.size(), true);
    // Ids are unique per source file (a project merges several sources, each with its own ids).
    // Keyed by the source's pool id and a view of the id: no string is copied.
    struct Key {
        core::StringPool::Id source;
        std::string_view id;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const {
            return std::hash<std::string_view>()(k.id) * 31 + k.source;
        }
    };
    std::unordered_set<Key, KeyHash> seen;
    seen.reserve(ds.features.size());
    for (std::uint32_t i = 0; i < ds.features.size(); ++i) {
        const auto& f = ds.features[i];
        const std::string& file = ds.str(f.source).empty() ? source : ds.str(f.source);
        if (std::string why = checkFeature(ds, f); !why.empty()) {
            keep[i] = false;
            report.reject({file, f.id, why});
            continue;
        }
        if (f.id.empty()) continue;  // readers give ids; an empty one is not a repeat
        if (!seen.insert({f.source, f.id}).second) {
            keep[i] = false;
            report.reject({file, f.id,
                           "id repeated in the source; the first object with this id is kept, "
                           "this one is not merged into it"});
        }
    }
    return keep;
}

void warnImplausible(const model::Dataset& ds, const std::string& source,
                     const ReadDefaults& defaults, ImportReport& report) {
    auto rangeFor = [](const std::map<std::string, PlausibleRange>& m,
                       const std::string& theme) -> const PlausibleRange* {
        auto it = m.find(theme);
        if (it == m.end()) it = m.find("*");
        return it == m.end() ? nullptr : &it->second;
    };
    auto say = [&](const model::Feature& f, const char* what, double v, const PlausibleRange& r) {
        char buf[256];
        std::snprintf(buf, sizeof buf,
                      "%s %.3f m is outside the plausible range %.3f-%.3f m for '%s' (%s): check "
                      "the unit; kept as given",
                      what, v, r.min, r.max, ds.str(f.theme).c_str(), r.source.c_str());
        report.warn({source, f.id, buf});
    };
    for (const auto& f : ds.features) {
        if (f.kind() != model::GeometryKind::Linear) continue;
        const auto& l = ds.linears[f.geometry];
        const std::string& theme = ds.str(f.theme);
        // A duct or sleeve carries the theme's cables: its own size is not a cable's, only
        // any network's.
        const std::string& sizeTheme = f.type == model::ObjectType::Duct ? "*" : theme;
        if (const auto* r = rangeFor(defaults.plausibleDiameter, sizeTheme);
            r && !std::isnan(l.outerDiameterM) &&
            (l.outerDiameterM < r->min || l.outerDiameterM > r->max))
            say(f, "outer diameter", l.outerDiameterM, *r);
        if (const auto* r = rangeFor(defaults.plausibleDepth, theme)) {
            for (std::uint32_t i = 0; i < l.vertexCount; ++i) {
                const double d = ds.vertexDepths[l.firstVertex + i].belowGroundM;
                if (!std::isnan(d) && (d < r->min || d > r->max)) {
                    say(f, "depth of the axis below ground", d, *r);
                    break;
                }
            }
        }
    }
}

}  // namespace bz::io::detail
