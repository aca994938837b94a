// Exact signed distances between the clash primitives.
//
// Definitions (docs/clash.md has the derivations):
//  * capsule-capsule: |closest axis points| - r1 - r2. Exact, also when overlapping.
//  * extrusion-extrusion: with h the signed 2D footprint distance (negative: 2D penetration depth)
//    and v the vertical gap (negative: overlap), sqrt(h^2+v^2) when both are positive, else
//    max(h, v). Exact, the minimum translation distance when overlapping.
//  * capsule-extrusion: min over the axis points p of sd(p) - r, with sd the extrusion's signed
//    distance function. Exact when apart; when overlapping, the depth of the axis's deepest point
//    inside the body plus the radius ("how far the pipe sits inside").
#pragma once

#include <bodemzicht/geom/Shapes.h>

namespace bz::geom {

// Closest points of segments p1-q1 and p2-q2 (parameters s, t in [0,1]); handles zero length.
double closestSegmentSegment(Vec3 p1, Vec3 q1, Vec3 p2, Vec3 q2, double& s, double& t, Vec3& c1,
                             Vec3& c2);

// 2D: signed distance from a point to a circle or convex polygon footprint, with the nearest
// boundary point.
double signedDistance2d(Vec2 p, const Extrusion& e, Vec2* nearest = nullptr);
// 3D signed distance from a point to an extrusion, with the nearest surface point.
double signedDistance(Vec3 p, const Extrusion& e, Vec3* nearest = nullptr);

Contact distance(const Capsule& a, const Capsule& b);
Contact distance(const Capsule& a, const Extrusion& b);
Contact distance(const Extrusion& a, const Extrusion& b);

// Signed 2D distance between two footprints (negative: penetration depth) and closest points.
double footprintDistance(const Extrusion& a, const Extrusion& b, Vec2& pa, Vec2& pb);

// Smallest distance when A may be shifted vertically by any dz in [-band, band]: used for
// "possible" clashes of objects at an assumed depth. Returns the contact at the worst shift and
// the shift itself in `worstDz`.
Contact distanceWithinBand(const Capsule& a, const Capsule& b, double band, double& worstDz);
Contact distanceWithinBand(const Capsule& a, const Extrusion& b, double band, double& worstDz);
Contact distanceWithinBand(const Extrusion& a, const Capsule& b, double band, double& worstDz);
Contact distanceWithinBand(const Extrusion& a, const Extrusion& b, double band, double& worstDz);

// The parameter interval [t0, t1] of capsule a's axis along which its signed distance to B is
// below `threshold` (convex, so one interval); false when there is none.
bool intervalWithin(const Capsule& a, const Capsule& b, double threshold, double& t0, double& t1);
bool intervalWithin(const Capsule& a, const Extrusion& b, double threshold, double& t0, double& t1);

// Length of capsule a's axis along which its signed distance to B is below `threshold`.
double lengthWithin(const Capsule& a, const Capsule& b, double threshold);
double lengthWithin(const Capsule& a, const Extrusion& b, double threshold);

}  // namespace bz::geom
