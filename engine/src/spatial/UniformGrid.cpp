#include <bodemzicht/spatial/UniformGrid.h>

#include <bodemzicht/core/Limits.h>
#include <bodemzicht/core/ThreadPool.h>

#include <algorithm>
#include <cmath>
#include <thread>

namespace bz::spatial {

namespace {
constexpr double kSlackM = 1e-3;  // float boxes are widened by this so the test stays conservative
constexpr std::size_t kMaxCells = 16u << 20;
}  // namespace

UniformGrid::UniformGrid(const std::vector<core::Bounds3>& prims, GridBuildOptions options) {
    for (const auto& b : prims) mBounds.merge(b);
    mBoxes.resize(prims.size());
    if (prims.empty()) {
        mCellStart.assign(1, 0);
        return;
    }
    double w = mBounds.hi.x - mBounds.lo.x, h = mBounds.hi.y - mBounds.lo.y;
    mCell = options.cellSizeM;
    if (mCell <= 0) {
        // About twice the median primitive extent: most primitives touch one to four cells.
        std::vector<double> sizes;
        std::size_t step = std::max<std::size_t>(1, prims.size() / 4096);
        for (std::size_t i = 0; i < prims.size(); i += step)
            sizes.push_back(std::max(prims[i].hi.x - prims[i].lo.x, prims[i].hi.y - prims[i].lo.y));
        std::nth_element(sizes.begin(), sizes.begin() + static_cast<long>(sizes.size() / 2),
                         sizes.end());
        mCell = std::max(0.5, 2.0 * sizes[sizes.size() / 2]);
    }
    // Keep the cell count bounded for sparse, huge extents.
    while ((w / mCell + 1) * (h / mCell + 1) > static_cast<double>(kMaxCells)) mCell *= 1.5;
    mNx = static_cast<int>(w / mCell) + 1;
    mNy = static_cast<int>(h / mCell) + 1;

    // Pass 1 (parallel): float boxes and cell ranges.
    std::vector<std::int32_t> ranges(prims.size() * 4);
    unsigned threads =
        std::min<unsigned>(options.threads ? options.threads
                                           : std::max(1u, std::thread::hardware_concurrency()),
                           static_cast<unsigned>(core::limits().threads));
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, prims.size() / 50000 + 1));
    auto work = [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const auto& b = prims[i];
            Box& box = mBoxes[i];
            box.lo[0] = static_cast<float>(b.lo.x - mBounds.lo.x - kSlackM);
            box.lo[1] = static_cast<float>(b.lo.y - mBounds.lo.y - kSlackM);
            box.lo[2] = static_cast<float>(b.lo.z - mBounds.lo.z - kSlackM);
            box.hi[0] = static_cast<float>(b.hi.x - mBounds.lo.x + kSlackM);
            box.hi[1] = static_cast<float>(b.hi.y - mBounds.lo.y + kSlackM);
            box.hi[2] = static_cast<float>(b.hi.z - mBounds.lo.z + kSlackM);
            int x0, y0, x1, y1;
            cellRange(b, x0, y0, x1, y1);
            ranges[i * 4] = x0;
            ranges[i * 4 + 1] = y0;
            ranges[i * 4 + 2] = x1;
            ranges[i * 4 + 3] = y1;
        }
    };
    const std::size_t chunk = (prims.size() + threads - 1) / threads;
    core::ThreadPool::shared().run(threads, [&](unsigned t) {
        work(std::min(prims.size(), t * chunk), std::min(prims.size(), (t + 1) * chunk));
    });

    // Pass 2: counts, prefix sums, fill (memory-bound; sequential is as fast on two cores).
    mCellStart.assign(static_cast<std::size_t>(mNx) * mNy + 1, 0);
    for (std::size_t i = 0; i < prims.size(); ++i)
        for (int y = ranges[i * 4 + 1]; y <= ranges[i * 4 + 3]; ++y)
            for (int x = ranges[i * 4]; x <= ranges[i * 4 + 2]; ++x)
                ++mCellStart[static_cast<std::size_t>(y) * mNx + x + 1];
    for (std::size_t c = 1; c < mCellStart.size(); ++c) mCellStart[c] += mCellStart[c - 1];
    mItems.resize(mCellStart.back());
    std::vector<std::uint32_t> cursor(mCellStart.begin(), mCellStart.end() - 1);
    for (std::size_t i = 0; i < prims.size(); ++i)
        for (int y = ranges[i * 4 + 1]; y <= ranges[i * 4 + 3]; ++y)
            for (int x = ranges[i * 4]; x <= ranges[i * 4 + 2]; ++x)
                mItems[cursor[static_cast<std::size_t>(y) * mNx + x]++] =
                    static_cast<std::uint32_t>(i);
}

bool UniformGrid::cellRange(const core::Bounds3& b, int& x0, int& y0, int& x1, int& y1) const {
    if (mBoxes.empty() || b.empty()) return false;
    auto cell = [&](double v, double origin, int n) {
        // Clamped as a double first: a far or non-finite bound must not overflow the cast.
        double c = std::floor((v - origin) / mCell);
        if (!(c > 0)) return 0;
        return c >= n - 1 ? n - 1 : static_cast<int>(c);
    };
    if (b.hi.x < mBounds.lo.x - kSlackM || b.lo.x > mBounds.hi.x + kSlackM ||
        b.hi.y < mBounds.lo.y - kSlackM || b.lo.y > mBounds.hi.y + kSlackM)
        return false;
    x0 = cell(b.lo.x - kSlackM, mBounds.lo.x, mNx);
    x1 = cell(b.hi.x + kSlackM, mBounds.lo.x, mNx);
    y0 = cell(b.lo.y - kSlackM, mBounds.lo.y, mNy);
    y1 = cell(b.hi.y + kSlackM, mBounds.lo.y, mNy);
    return true;
}

bool UniformGrid::overlaps(const Box& box, const core::Bounds3& q) const {
    double lx = q.lo.x - mBounds.lo.x, ly = q.lo.y - mBounds.lo.y, lz = q.lo.z - mBounds.lo.z;
    double hx = q.hi.x - mBounds.lo.x, hy = q.hi.y - mBounds.lo.y, hz = q.hi.z - mBounds.lo.z;
    return box.lo[0] <= hx && lx <= box.hi[0] && box.lo[1] <= hy && ly <= box.hi[1] &&
           box.lo[2] <= hz && lz <= box.hi[2];
}

std::vector<std::uint32_t> UniformGrid::query(const core::Bounds3& q) const {
    std::vector<std::uint32_t> out, stamp;
    std::uint32_t epoch = 0;
    query(q, stamp, epoch, [&](std::uint32_t p) { out.push_back(p); });
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace bz::spatial
