// What digging takes out of a 3D grid (a contamination grid, GeoTOP): the excavation is a set of
// plan polygons dug from the ground down to a level; each polygon is clipped to every grid column
// in plan (exact) and to every cell in height, so volumes are exact for any footprint and any
// grid alignment.
//
//     auto lead = grid.variable("lood");
//     auto dug = soil::excavate(grid, *lead, {trenchRectangle}, bottomZ, ground, 530.0);
//     dug.aboveM3;  // m3 of soil at or above the intervention value
#pragma once

#include <functional>
#include <vector>

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Field.h>

namespace bz::soil {

struct Excavated {
    double excavatedM3 = 0;  // all of it, inside the grid
    double withDataM3 = 0;   // in cells with a value
    double aboveM3 = 0;      // in cells whose value is at or above the threshold
    double outsideM3 = 0;    // outside the grid (in plan or height)
    double maxValue = NAN;   // the highest value met
};

// `top(x, y)`: the level digging starts from (the ground, m NAP), taken at each piece's centroid;
// NaN there: nothing is dug in that piece. Polygons must not overlap (or are counted twice).
Excavated excavate(const model::Field& grid, std::size_t variable,
                   const std::vector<std::vector<core::Vec2>>& polygons, double bottomZ,
                   const std::function<double(double, double)>& top, double threshold);

// The plan rectangles of a line dug `widthM` wide: one per segment (the joints' wedges are left
// out, the overlaps at bends counted once per segment).
std::vector<std::vector<core::Vec2>> lineFootprint(const std::vector<core::Vec2>& line,
                                                   double widthM);

}  // namespace bz::soil
