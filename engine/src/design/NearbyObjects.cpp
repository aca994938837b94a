#include "NearbyObjects.h"

#include <bodemzicht/model/DatasetCopy.h>

#include <algorithm>
#include <cmath>

namespace bz::design::detail {

namespace {
constexpr double kPlanOnlyZ = 1e4;
}

NearbyObjects::NearbyObjects(const model::Dataset& ds,
                             const std::function<bool(std::uint32_t)>& take)
    : mDs(ds) {
    std::vector<core::Bounds3> boxes;
    for (std::uint32_t fi = 0; fi < ds.features.size(); ++fi) {
        if (take && !take(fi)) continue;
        auto b = ds.featureBounds(ds.features[fi]);
        if (b.empty() || !std::isfinite(b.lo.x) || !std::isfinite(b.hi.y)) {
            mAlways.push_back(fi);
            continue;
        }
        b.lo.z = -kPlanOnlyZ, b.hi.z = kPlanOnlyZ;
        boxes.push_back(b);
        mGridFeature.push_back(fi);
    }
    if (!boxes.empty()) mGrid = spatial::UniformGrid(boxes, {0, 1});
}

std::vector<std::uint32_t> NearbyObjects::within(const core::Bounds3& box) {
    std::vector<std::uint32_t> out = mAlways;
    auto q = box;
    q.lo.z = -kPlanOnlyZ, q.hi.z = kPlanOnlyZ;
    if (mGrid.primitiveCount() > 0)
        mGrid.query(q, mStamp, mEpoch, [&](std::uint32_t p) { out.push_back(mGridFeature[p]); });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

model::Dataset NearbyObjects::copyWithin(const core::Bounds3& box,
                                         std::vector<std::uint32_t>* indices) {
    model::Dataset local;
    const auto near = within(box);
    for (auto fi : near) model::copyFeature(mDs, fi, local, neededForChecks);
    local.ground = mDs.ground;
    if (indices) *indices = near;
    return local;
}

bool neededForChecks(const model::Dataset::DetailLink& l) {
    return l.kind == model::DetailKind::SewerProfile || l.kind == model::DetailKind::Tree ||
           l.kind == model::DetailKind::Well || l.kind == model::DetailKind::Contamination;
}

}  // namespace bz::design::detail
