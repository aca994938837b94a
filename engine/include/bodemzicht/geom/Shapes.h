// The solid primitives of the clash core, in RD/NAP metres:
//  * Capsule: every point within `radius` of segment a-b (one piece of a cable or pipe).
//  * Extrusion: a convex 2D footprint (a circle, or a convex polygon in counter-clockwise order)
//    extruded vertically between bottomZ and topZ. Vertical cylinders (trees, manholes, wells) and
//    convex prism parts (trenches, pits, crates, zones) are both extrusions; non-convex footprints
//    are split into convex parts (see Decompose.h).
#pragma once

#include <vector>

#include <bodemzicht/core/Bounds.h>
#include <bodemzicht/core/Vec.h>

namespace bz::geom {

using core::Vec2;
using core::Vec3;

struct Capsule {
    Vec3 a, b;
    double radius = 0;
    core::Bounds3 bounds() const;
};

struct Extrusion {
    // Circle when `polygon` is empty, else a convex counter-clockwise polygon.
    Vec2 center;
    double radius = 0;
    std::vector<Vec2> polygon;
    double bottomZ = 0, topZ = 0;

    static Extrusion cylinder(Vec2 center, double radius, double bottomZ, double topZ);
    static Extrusion prism(std::vector<Vec2> convexCcw, double bottomZ, double topZ);
    bool isCircle() const { return polygon.empty(); }
    core::Bounds3 bounds() const;
};

// The result of a distance query: signed surface distance (negative: overlap, its magnitude the
// penetration depth) and the closest points on A and B (inside both when they overlap).
struct Contact {
    double distance = 0;
    Vec3 pointA, pointB;
};

}  // namespace bz::geom
