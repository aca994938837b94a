// The sample district's soil: a small GeoTOP-like voxel block (netCDF-4 in GeoTOP's layout) under
// the district, so that the default project has soil to ask about (bodem soil PROJECT --at X,Y).
#pragma once

#include <string>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/sample/SampleDistrict.h>

namespace bz::sample {

// Writes PATH with x, y, z (z fastest, 100 m x 100 m x 0.5 m voxels, cell centres, EPSG 7415),
// lithok, strat and kans_1..kans_9 (-127 above the ground): made ground, clay, peat in the
// south-west, fine sand below; covering `lo`..`hi` in plan.
core::Result<void> writeSampleGeotop(const SampleOptions& options, core::Vec2 lo, core::Vec2 hi,
                                     const std::string& path);

// Writes PATH: a CF-1.8 contamination grid (x fastest, 2 m x 2 m x 0.5 m cells, cell centres,
// the CRS as grid mapping `crs`) with `lood` in mg/kg ds: a plume of made ground around `centre`,
// above the intervention value (530) within about 10 m of it and 0.2-1.4 m below the ground; and
// `benzeen` in ug/l in the groundwater (below the GHG only), above its intervention value (30)
// within about 15 m.
core::Result<void> writeSamplePlume(const SampleOptions& options, core::Vec2 centre,
                                    const std::string& path);

// Writes PATH: a CF-1.8 head grid (`head`, m NAP; 25 m x 25 m x 1 m cells) whose water table is
// the sample's GHG, the head rising slightly with depth (upward seepage); no data above the ground.
core::Result<void> writeSampleHead(const SampleOptions& options, core::Vec2 lo, core::Vec2 hi,
                                   const std::string& path);

}  // namespace bz::sample
