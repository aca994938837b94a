// Broad phase of the clash core: a uniform 2D grid over the primitives' bounding boxes, stored as
// compressed rows (one offset per cell, one primitive list). Subsurface data is flat (kilometres
// wide, metres deep), so a 2D grid with a z test on the boxes beats a 3D BVH here and builds in
// linear time; the per-primitive cell ranges are computed on all cores.
#pragma once

#include <cstdint>
#include <vector>

#include <bodemzicht/core/Bounds.h>

namespace bz::spatial {

struct GridBuildOptions {
    double cellSizeM = 0;  // 0: choose from the median primitive size
    unsigned threads = 0;  // 0: hardware concurrency
};

class UniformGrid {
  public:
    UniformGrid() = default;
    UniformGrid(const std::vector<core::Bounds3>& primitives, GridBuildOptions options = {});

    core::Bounds3 bounds() const { return mBounds; }
    double cellSize() const { return mCell; }
    std::size_t primitiveCount() const { return mBoxes.size(); }

    // Calls visit(primitiveIndex) once for every primitive whose box overlaps `query`.
    // `stamp` is caller scratch space (one entry per primitive, zero-initialised, reused across
    // queries by one thread) that removes duplicates from primitives spanning several cells.
    template <typename Visit>
    void query(const core::Bounds3& query, std::vector<std::uint32_t>& stamp, std::uint32_t& epoch,
               Visit&& visit) const;

    // Every primitive overlapping `query`, sorted; convenient and slower.
    std::vector<std::uint32_t> query(const core::Bounds3& query) const;

  private:
    struct Box {
        float lo[3], hi[3];  // relative to mBounds.lo, widened by a millimetre to stay conservative
    };
    bool cellRange(const core::Bounds3& b, int& x0, int& y0, int& x1, int& y1) const;
    bool overlaps(const Box& box, const core::Bounds3& q) const;

    core::Bounds3 mBounds;
    double mCell = 1;
    int mNx = 0, mNy = 0;
    std::vector<Box> mBoxes;
    std::vector<std::uint32_t> mCellStart;  // size mNx*mNy+1
    std::vector<std::uint32_t> mItems;
};

template <typename Visit>
void UniformGrid::query(const core::Bounds3& q, std::vector<std::uint32_t>& stamp,
                        std::uint32_t& epoch, Visit&& visit) const {
    int x0, y0, x1, y1;
    if (!cellRange(q, x0, y0, x1, y1)) return;
    if (stamp.size() < mBoxes.size()) stamp.assign(mBoxes.size(), 0);
    if (++epoch == 0) {
        std::fill(stamp.begin(), stamp.end(), 0);
        epoch = 1;
    }
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            std::size_t c = static_cast<std::size_t>(y) * mNx + x;
            for (std::uint32_t k = mCellStart[c]; k < mCellStart[c + 1]; ++k) {
                std::uint32_t p = mItems[k];
                if (stamp[p] == epoch) continue;
                stamp[p] = epoch;
                if (overlaps(mBoxes[p], q)) visit(p);
            }
        }
}

}  // namespace bz::spatial
