#include <bodemzicht/spatial/UniformGrid.h>

#include <gtest/gtest.h>

#include <random>

using bz::core::Bounds3;
using bz::core::Vec3;
using bz::spatial::UniformGrid;

namespace {

Bounds3 box(Vec3 lo, Vec3 hi) {
    Bounds3 b;
    b.expand(lo);
    b.expand(hi);
    return b;
}

}  // namespace

TEST(UniformGrid, EmptyInputHasEmptyBoundsAndNoHits) {
    UniformGrid g(std::vector<Bounds3>{});
    EXPECT_TRUE(g.bounds().empty());
    EXPECT_TRUE(g.query(box({0, 0, 0}, {1, 1, 1})).empty());
}

TEST(UniformGrid, QueriesMatchBruteForceAtRdCoordinates) {
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> x(250000, 250500), y(470000, 470400), z(-5, 2),
        size(0, 6);
    for (double cell : {0.0, 0.7, 25.0}) {
        std::vector<Bounds3> prims;
        for (int i = 0; i < 3000; ++i) {
            Vec3 lo{x(rng), y(rng), z(rng)};
            // A few long primitives (zones, transport mains) spanning many cells.
            double sx = i % 200 == 0 ? 300 : size(rng), sy = i % 300 == 0 ? 200 : size(rng);
            prims.push_back(box(lo, lo + Vec3{sx, sy, size(rng) * 0.2}));
        }
        UniformGrid grid(prims, {cell, 2});
        for (int q = 0; q < 300; ++q) {
            Vec3 lo{x(rng), y(rng), z(rng)};
            Bounds3 query = box(lo, lo + Vec3{size(rng) * 3, size(rng) * 3, size(rng)});
            std::vector<std::uint32_t> expected;
            for (std::uint32_t i = 0; i < prims.size(); ++i)
                if (prims[i].overlaps(query)) expected.push_back(i);
            auto got = grid.query(query);
            // The grid is conservative by one millimetre: it may add boxes that only touch.
            for (auto e : expected) EXPECT_TRUE(std::binary_search(got.begin(), got.end(), e));
            for (auto g : got) EXPECT_TRUE(prims[g].inflated(0.0011).overlaps(query));
        }
    }
}

TEST(UniformGrid, QueryOutsideTheExtentFindsNothing) {
    UniformGrid g(std::vector<Bounds3>{box({0, 0, 0}, {1, 1, 1}), box({5, 5, 0}, {6, 6, 1})});
    EXPECT_TRUE(g.query(box({100, 100, 0}, {101, 101, 1})).empty());
    EXPECT_EQ(g.query(box({0.5, 0.5, 0.5}, {5.5, 5.5, 0.6})).size(), 2u);
    EXPECT_TRUE(g.query(box({0.5, 0.5, 3}, {5.5, 5.5, 4})).empty());  // above both in z
}
