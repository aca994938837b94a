// Splitting footprints into convex parts, so that every prism is a union of convex extrusions.
#pragma once

#include <vector>

#include <bodemzicht/core/Vec.h>

namespace bz::geom {

using Polygon2 = std::vector<core::Vec2>;

// Signed area (positive: counter-clockwise).
double signedArea(const Polygon2& ring);
bool isConvex(const Polygon2& ring);

// Convex parts (counter-clockwise) covering exactly the polygon with holes: GEOS's constrained
// Delaunay triangulation merged greedily into convex pieces (Hertel-Mehlhorn). A polygon GEOS
// cannot triangulate (self-intersecting) gives none.
std::vector<Polygon2> convexParts(const Polygon2& outer, const std::vector<Polygon2>& holes = {});

// Convex parts of a polyline buffered by width/2 with flat ends: one rectangle per segment plus a
// convex joint piece at each interior vertex (bevel join).
std::vector<Polygon2> bufferedPolylineParts(const Polygon2& polyline, double width);

// Point in polygon with holes (even-odd), for tests and zone membership.
bool contains(const Polygon2& outer, const std::vector<Polygon2>& holes, core::Vec2 p);

}  // namespace bz::geom
