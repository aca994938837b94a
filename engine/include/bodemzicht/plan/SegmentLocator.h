// Which street segments a point lies in: within half the segment's width of its centre line (a
// default width where it has none) and beside it, not beyond its ends (so what crosses a
// junction is not in the side streets that start there), through a plan grid of the corridors.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Street.h>

namespace bz::plan {

class SegmentLocator {
  public:
    SegmentLocator(const model::StreetLayer& streets, double defaultWidthM, double cellM = 25);
    // Appends the indices of the segments whose corridor holds p (each once, ascending).
    void segmentsAt(core::Vec2 p, std::vector<std::uint32_t>& out) const;
    double halfWidth(std::uint32_t segment) const { return mHalf[segment]; }

  private:
    const model::StreetLayer& mStreets;
    std::vector<double> mHalf;
    double mCell;
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> mGrid;
    std::uint64_t key(long long i, long long j) const {
        return (static_cast<std::uint64_t>(i) << 32) ^ static_cast<std::uint32_t>(j);
    }
};

// The distance from p to a polyline.
double distanceToLine(core::Vec2 p, const std::vector<core::Vec2>& line);
// The same, counting only points whose nearest point on the line is not one of its two ends
// (infinity otherwise).
double distanceBeside(core::Vec2 p, const std::vector<core::Vec2>& line);

// Points along a polyline every `stepM` (its vertices included).
std::vector<core::Vec2> pointsAlong(const std::vector<core::Vec2>& line, double stepM);

}  // namespace bz::plan
