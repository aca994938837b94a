#include <bodemzicht/geom/Shapes.h>

#include <algorithm>

namespace bz::geom {

core::Bounds3 Capsule::bounds() const {
    core::Bounds3 b;
    b.expand(a);
    b.expand(this->b);
    return b.inflated(radius);
}

Extrusion Extrusion::cylinder(Vec2 center, double radius, double bottomZ, double topZ) {
    Extrusion e;
    e.center = center;
    e.radius = radius;
    e.bottomZ = bottomZ;
    e.topZ = topZ;
    return e;
}

Extrusion Extrusion::prism(std::vector<Vec2> convexCcw, double bottomZ, double topZ) {
    Extrusion e;
    e.polygon = std::move(convexCcw);
    Vec2 sum;
    for (auto p : e.polygon) sum = sum + p;
    if (!e.polygon.empty()) e.center = sum * (1.0 / e.polygon.size());
    e.bottomZ = bottomZ;
    e.topZ = topZ;
    return e;
}

core::Bounds3 Extrusion::bounds() const {
    core::Bounds3 b;
    if (isCircle()) {
        b.expand(Vec3{center.x - radius, center.y - radius, bottomZ});
        b.expand(Vec3{center.x + radius, center.y + radius, topZ});
    } else {
        for (auto p : polygon) {
            b.expand(Vec3{p.x, p.y, bottomZ});
            b.expand(Vec3{p.x, p.y, topZ});
        }
    }
    return b;
}

}  // namespace bz::geom
