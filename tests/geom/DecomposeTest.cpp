#include <bodemzicht/geom/Decompose.h>

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace bz::geom;
using bz::core::Vec2;

namespace {

bool inAnyPart(const std::vector<Polygon2>& parts, Vec2 p) {
    for (const auto& part : parts)
        if (contains(part, {}, p)) return true;
    return false;
}

double totalArea(const std::vector<Polygon2>& parts) {
    double a = 0;
    for (const auto& p : parts) a += signedArea(p);
    return a;
}

}  // namespace

TEST(ConvexParts, ConvexInputStaysOnePiece) {
    Polygon2 square{{0, 0}, {1, 0}, {1, 1}, {0, 1}};
    auto parts = convexParts(square);
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_NEAR(signedArea(parts[0]), 1.0, 1e-12);
}

TEST(ConvexParts, ClockwiseLShapeIsCoveredExactly) {
    Polygon2 l{{0, 0}, {0, 2}, {1, 2}, {1, 1}, {2, 1}, {2, 0}};  // clockwise
    auto parts = convexParts(l);
    EXPECT_GE(parts.size(), 2u);
    for (const auto& p : parts) {
        EXPECT_TRUE(isConvex(p));
        EXPECT_GT(signedArea(p), 0);
    }
    EXPECT_NEAR(totalArea(parts), 3.0, 1e-12);
}

TEST(ConvexParts, DonutWithHoleMatchesPointMembership) {
    Polygon2 outer{{0, 0}, {10, 0}, {10, 10}, {0, 10}};
    Polygon2 hole{{3, 3}, {7, 3}, {7, 7}, {3, 7}};
    auto parts = convexParts(outer, {hole});
    EXPECT_NEAR(totalArea(parts), 100.0 - 16.0, 1e-9);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> u(-1, 11);
    for (int k = 0; k < 2000; ++k) {
        Vec2 p{u(rng), u(rng)};
        EXPECT_EQ(inAnyPart(parts, p), contains(outer, {hole}, p)) << p.x << "," << p.y;
    }
}

TEST(ConvexParts, RandomStarPolygonsAreCoveredWithoutOverlap) {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> u(0, 1);
    for (int k = 0; k < 30; ++k) {
        int n = 5 + k % 12;
        Polygon2 star;
        for (int i = 0; i < n; ++i) {
            double a = 2 * M_PI * i / n, r = 1 + 2 * u(rng);
            star.push_back({r * std::cos(a), r * std::sin(a)});
        }
        auto parts = convexParts(star);
        EXPECT_NEAR(totalArea(parts), signedArea(star), 1e-9);
        for (int s = 0; s < 300; ++s) {
            Vec2 p{6 * u(rng) - 3, 6 * u(rng) - 3};
            EXPECT_EQ(inAnyPart(parts, p), contains(star, {}, p));
        }
    }
}

TEST(BufferedPolyline, CoversTheSegmentsAndABevelAtBends) {
    Polygon2 line{{0, 0}, {10, 0}, {14, 6}};
    auto parts = bufferedPolylineParts(line, 1.0);
    EXPECT_EQ(parts.size(), 3u);  // two rectangles and one joint
    for (const auto& p : parts) EXPECT_TRUE(isConvex(p));
    EXPECT_TRUE(inAnyPart(parts, {5, 0.49}));
    EXPECT_FALSE(inAnyPart(parts, {5, 0.51}));
    EXPECT_TRUE(inAnyPart(parts, {10.1, -0.3}));    // outer side of the bend, inside the bevel
    EXPECT_FALSE(inAnyPart(parts, {10.2, -0.45}));  // beyond the bevel (a round join would hold it)
    EXPECT_FALSE(inAnyPart(parts, {-0.01, 0}));     // flat end
}
