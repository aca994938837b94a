// The sample district's street grid (metres): pre-war row-house blocks with 12 m streets. Shared
// by the district, its base map and its soil block, so that they line up.
#pragma once

namespace bz::sample::layout {

constexpr double kBlockWidth = 84, kBlockDepth = 60, kStreetWidth = 12;
constexpr double kPitchX = kBlockWidth + kStreetWidth, kPitchY = kBlockDepth + kStreetWidth;

}  // namespace bz::sample::layout
