// The project's objects in a plan grid, built once, so that a check along one measure or one
// street copies only what lies within reach instead of passing over a million segments.
#pragma once

#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/spatial/UniformGrid.h>

#include <functional>
#include <vector>

namespace bz::design::detail {

class NearbyObjects {
  public:
    // Every feature for which `take` says yes (all when empty).
    NearbyObjects(const model::Dataset& ds, const std::function<bool(std::uint32_t)>& take = {});
    // Features whose plan box overlaps `box` (its heights ignored), and those without a known
    // plan extent; sorted, each once. Not thread-safe (scratch space is shared).
    std::vector<std::uint32_t> within(const core::Bounds3& box);
    // A copy of those features with the detail records checks need (not the inspections).
    model::Dataset copyWithin(const core::Bounds3& box,
                              std::vector<std::uint32_t>* indices = nullptr);

  private:
    const model::Dataset& mDs;
    spatial::UniformGrid mGrid;
    std::vector<std::uint32_t> mGridFeature, mAlways, mStamp;
    std::uint32_t mEpoch = 0;
};

// The detail records a clash check or a section needs: profiles, trees, wells, contamination.
bool neededForChecks(const model::Dataset::DetailLink& link);

}  // namespace bz::design::detail
