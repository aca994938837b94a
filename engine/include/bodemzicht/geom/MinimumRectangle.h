// The smallest-area rectangle around a set of points (rotating calipers on the convex hull): the
// box that stands for a footprint given as a polygon, such as a cabinet's or a substation's
// extra geometry in a KLIC delivery.
#pragma once

#include <vector>

#include <bodemzicht/core/Vec.h>

namespace bz::geom {

struct OrientedRectangle {
    core::Vec2 center;
    double width = 0, length = 0;  // along the rotated x axis, along the rotated y axis
    double rotationDeg = 0;        // counter-clockwise from the x axis
};

// The hull of the points, counter-clockwise (Andrew's monotone chain), collinear points left out.
std::vector<core::Vec2> convexHull(std::vector<core::Vec2> points);

// The rectangle of least area containing every point; width 0 and length 0 for fewer than three
// points not on one line.
OrientedRectangle minimumAreaRectangle(const std::vector<core::Vec2>& points);

}  // namespace bz::geom
