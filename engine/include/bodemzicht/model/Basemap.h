// A base map: outlines of roads, buildings and the like from any GIS layer, drawn flat on the
// ground for orientation. Not objects in the ground: never checked for clashes.
#pragma once

#include <string>
#include <vector>

#include <bodemzicht/core/Vec.h>

namespace bz::model {

struct BasemapLine {
    std::string source;              // file name it came from (re-importing it replaces its lines)
    std::string featureClass;        // the layer's name, e.g. BGT "wegdeel", "pand"
    std::vector<core::Vec2> points;  // RD New
    bool closed = false;             // a polygon ring
};

using Basemap = std::vector<BasemapLine>;

}  // namespace bz::model
