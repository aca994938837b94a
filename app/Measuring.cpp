#include "Measuring.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bz::app {

core::Vec3 nearestOnSegment(core::Vec3 p, core::Vec3 a, core::Vec3 b) {
    const core::Vec3 d = b - a;
    const double len2 = core::dot(d, d);
    if (!(len2 > 0)) return a;
    return a + d * std::clamp(core::dot(p - a, d) / len2, 0.0, 1.0);
}

SnappedPoint snapMeasuringPoint(const model::Dataset& ds, long feature, core::Vec3 picked,
                                bool dutch, double vertexSnapM) {
    if (feature < 0 || feature >= static_cast<long>(ds.features.size())) return {picked, ""};
    const auto& f = ds.features[static_cast<std::size_t>(feature)];
    if (f.kind() == model::GeometryKind::Linear) {
        const auto& l = ds.linears[f.geometry];
        double best = std::numeric_limits<double>::infinity();
        core::Vec3 nearest = picked;
        for (std::uint32_t i = 0; i + 1 < l.vertexCount; ++i) {
            const core::Vec3 a = ds.vertices[l.firstVertex + i],
                             b = ds.vertices[l.firstVertex + i + 1];
            if (std::isnan(a.z) || std::isnan(b.z)) continue;
            const core::Vec3 q = nearestOnSegment(picked, a, b);
            if (const double dist = core::length(q - picked); dist < best) best = dist, nearest = q;
        }
        if (!std::isfinite(best)) return {picked, ""};
        // A vertex (a bend, a joint) close to the nearest axis point wins.
        for (std::uint32_t i = 0; i < l.vertexCount; ++i) {
            const core::Vec3 v = ds.vertices[l.firstVertex + i];
            if (!std::isnan(v.z) && core::length(v - nearest) <= vertexSnapM)
                return {v, (dutch ? "knikpunt " : "vertex ") + f.id};
        }
        return {nearest, (dutch ? "as " : "axis ") + f.id};
    }
    if (f.kind() == model::GeometryKind::VerticalBody) {
        const auto& b = ds.bodies[f.geometry];
        const double z =
            std::clamp(picked.z, std::min(b.bottomZ, b.topZ), std::max(b.bottomZ, b.topZ));
        return {{b.center.x, b.center.y, z}, (dutch ? "as " : "axis ") + f.id};
    }
    return {picked, ""};
}

}  // namespace bz::app
