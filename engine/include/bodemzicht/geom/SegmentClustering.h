// Level of detail for many line segments by vertex clustering (Rossignac and Borrel, 1993): every
// vertex is replaced by the first vertex that fell in its cell of a regular grid, segments whose
// ends share a cell vanish and duplicates merge. Each output vertex is a real input vertex and lies
// in the same cell as every vertex it stands for, so with cells no larger than a pixel's footprint
// the picture moves by about a pixel while the segment count drops to the occupied cell pairs.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include <bodemzicht/core/Vec.h>

namespace bz::geom {

struct SegmentRef {
    core::Vec3 a, b;
};

struct ClusteredSegments {
    std::vector<core::Vec3> vertices;                    // representatives, real input vertices
    std::vector<std::array<std::uint32_t, 2>> segments;  // indices into vertices
    std::vector<std::uint32_t> source;  // per output segment: the first input segment it stands for
};

// Cell sizes: cellXY horizontally, cellZ vertically (both > 0).
ClusteredSegments clusterSegments(std::span<const SegmentRef> input, double cellXY, double cellZ);

// Joins runs of segments through vertices where exactly two segments of one group meet (a group is
// what may be drawn as one, e.g. one colour): each run between junctions is simplified by
// Douglas-Peucker with `tolerance`, so a straight main cut into many pieces becomes one segment.
// Kept vertices are the input's; junctions (other degrees, group changes) always stay; each output
// segment's source is that of the run's first segment.
ClusteredSegments simplifyRuns(const ClusteredSegments& in, std::span<const std::uint32_t> group,
                               double tolerance);

// Distance from p to segment a-b (exposed for tests).
double pointSegmentDistance(core::Vec3 p, core::Vec3 a, core::Vec3 b);

// The integer cell of a point (exposed for tests).
std::array<std::int64_t, 3> clusterCell(core::Vec3 p, double cellXY, double cellZ);

}  // namespace bz::geom
