// Base map layers in a project (table `basemap`): read from any GDAL vector source (BGT
// GeoPackage or GML, GeoJSON, Shapefile, ...), transformed to RD New, kept as outlines.
//
//     auto map = io::readBasemapSource("bgt.gpkg", std::nullopt);
//     io::storeBasemap("wijk.gpkg", "bgt.gpkg", map->lines);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Basemap.h>

namespace bz::io {

struct BasemapRead {
    model::Basemap lines;
    std::size_t features = 0;         // features with a line or polygon geometry
    std::size_t withoutLines = 0;     // points, empty or missing geometry: not drawn, counted
    std::vector<std::string> layers;  // layer names read
};

// Every vector layer of `path`: polygons as their rings, lines as they are. A layer without a CRS
// needs `fallbackCrs`; PROJ ballpark transforms are refused. More vertices than the limit
// basemap-vertices: refused.
core::Result<BasemapRead> readBasemapSource(const std::string& path,
                                            const std::optional<std::string>& fallbackCrs);

// Replaces the lines of `sourceName` in the project's base map (others stay), in one transaction.
core::Result<void> storeBasemap(const std::string& project, const std::string& sourceName,
                                const model::Basemap& lines);

// The project's base map; empty when it has none.
core::Result<model::Basemap> readBasemap(const std::string& project);

}  // namespace bz::io
