// A street segment: a piece of street between two junctions, by its centre line, as a road layer
// (NWB road sections, BGT roads) or the project's own street pattern gives it. The space budget
// and the works plan are per segment.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include <bodemzicht/core/Vec.h>

namespace bz::model {

struct StreetSegment {
    std::string id;                // the layer's own id (stable across imports)
    std::string name;              // the street's name when the layer has one
    std::vector<core::Vec2> line;  // centre line, RD New
    double widthM = NAN;           // facade to facade (or the road's width); NaN: unknown
    std::string source;            // the file it came from
};

using StreetLayer = std::vector<StreetSegment>;

}  // namespace bz::model
