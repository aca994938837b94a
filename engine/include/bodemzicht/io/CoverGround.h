// A ground level from the cover levels of manholes (GWSW Putdekselniveau / Maaiveldhoogte): where
// no ground raster is known, the sewer's own survey places everything given below ground near it.
//
//     if (auto ground = io::groundFromCoverLevels(ds, 50)) io::relevel(ds, *ground, flat);
#pragma once

#include <cstddef>
#include <optional>

#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/GroundLevel.h>

namespace bz::io {

// The attribute a reader gives a manhole whose top is its measured cover level (m NAP).
inline constexpr const char* kCoverLevelAttribute = "cover_level_m";

// A ground interpolated (inverse distance squared) between the cover levels of the dataset's
// manholes, on a grid of at most a few million cells; no value further than `radiusM` from every
// manhole. nullopt when there is no cover level.
std::optional<model::GroundLevel> groundFromCoverLevels(const model::Dataset& ds, double radiusM);

}  // namespace bz::io
