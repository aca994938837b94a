// The sample district's planned works as owners and the road manager would bring them: a GeoJSON
// of the grid operators' planned replacements and one of the municipality's road maintenance,
// with a work without a date and one in the past, to show that these are reported.
#pragma once

#include <string>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/sample/SampleDistrict.h>

namespace bz::sample {

// Writes DIR/werken_netbeheerders.geojson and DIR/wegonderhoud.geojson; returns their paths.
core::Result<std::pair<std::string, std::string>> writeSamplePlannedWorks(
    const SampleOptions& options, const std::string& dir);

}  // namespace bz::sample
