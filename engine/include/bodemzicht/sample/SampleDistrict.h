// A reproducible sample district in the style of a Dutch pre-war neighbourhood going off natural
// gas (think Hengelo's Nijverheid): a street grid with a standard cross-section of cables and
// pipes, a gravity sewer, street trees, rasters, contamination and a proposal layer.
#pragma once

#include <cstdint>
#include <string>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::sample {

struct SampleOptions {
    int blocks = 3;  // the district is blocks x blocks housing blocks; 42 gives ~1M segments
    std::uint64_t seed = 1;                 // same seed, same district, byte for byte
    core::Vec2 origin{251200.0, 476400.0};  // south-west street corner, RD New (Hengelo area)
    int heatStreetEvery = 3;                // a heat main in every n-th east-west street
    double inspectedShare = 0.35;           // of the sewer in inspections.ribx (0: no file)
};

// The district in memory; rasters are referenced as fields (ground_level.tif, ghg.tif, glg.tif).
model::Dataset generateDistrict(const SampleOptions& options);

// Ground level (m NAP) of the synthetic terrain, GHG and GLG (m NAP) at a point.
double sampleGroundLevel(const SampleOptions& options, double x, double y);
double sampleGhg(const SampleOptions& options, double x, double y);
double sampleGlg(const SampleOptions& options, double x, double y);

// Writes DIR/district.gpkg, the three GeoTIFFs, DIR/geotop.nc (a GeoTOP-like soil block),
// DIR/inspections.ribx (RIBX camera inspections
// of part of the sewer, to import) and DIR/basemap_pand.geojson and basemap_wegdeel.geojson
// (BGT-like building blocks and kerbs, already imported as the project's base map); returns the
// project path.
core::Result<std::string> writeSampleDistrict(const std::string& dir, const SampleOptions& options);

}  // namespace bz::sample
