#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#include "render/vtk/LodCommon.h"

using namespace bz;

// The levels a frame needs are built side by side (render/vtk/LodCommon.h parallelFor): every
// job runs exactly once, also with more jobs than cores and with none.
TEST(ParallelFor, RunsEveryJobExactlyOnce) {
    for (std::size_t n : {0u, 1u, 3u, 1000u}) {
        std::vector<std::atomic<int>> runs(n);
        render::detail::parallelFor(n, [&](std::size_t i) { ++runs[i]; });
        for (std::size_t i = 0; i < n; ++i)
            EXPECT_EQ(runs[i].load(), 1) << "job " << i << " of " << n;
    }
}
