// Heights given below ground follow the best ground level the project knows: when a ground
// raster (AHN) or a level arrives after the import, or is given at clash time, every vertex, body
// and zone that the source placed below ground gets its NAP height again from its stored depth
// below ground. Heights the source gave in m NAP are left as they are.
#pragma once

#include <cstddef>
#include <string>

#include <bodemzicht/core/Error.h>

#include <bodemzicht/io/Raster.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io {

struct RelevelStats {
    std::size_t vertices = 0, bodies = 0, prisms = 0;  // re-levelled
    std::size_t onFlatFallback = 0;  // of those, where the ground had no value (outside, nodata)
};

// Re-levels `ds` on `ground`; where it has no value, on a flat ground at `flatFallback` (which
// then stays assumed). Sets ds.ground to describe the new basis.
RelevelStats relevel(model::Dataset& ds, const model::GroundLevel& ground, double flatFallback);

// The flat level used when nothing better is known: the dataset's own flat level if it has one,
// else 0 m NAP.
double flatGroundOf(const model::Dataset& ds);

// `bodem ground`: sets the project's ground (a raster, stored as its ground_level field, or a
// constant) and re-levels everything given below ground; one safe write.
core::Result<RelevelStats> setProjectGround(const std::string& project, const model::GroundLevel& ground,
                                            const std::string& rasterPath);

// `bodem ground --covers`: the ground from the project's own manhole cover levels (GWSW), within
// `radiusM` of a manhole; an error when the project has none. One safe write.
core::Result<RelevelStats> setProjectGroundFromCovers(const std::string& project, double radiusM,
                                                      std::string* describedAs = nullptr);

}  // namespace bz::io
