// The sample district's base map files (BGT-like, GeoJSON in RD New).
#pragma once

#include <string>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/sample/SampleDistrict.h>

namespace bz::sample {

// Writes PREFIX_pand.geojson (building blocks) and PREFIX_wegdeel.geojson (kerbs).
core::Result<void> writeSampleBasemap(const SampleOptions& options, const std::string& prefix);
// The street segments (GeoJSON lines with id, name and width_m), one per street between junctions.
core::Result<void> writeSampleStreets(const SampleOptions& options, const std::string& path);

}  // namespace bz::sample
