// The minimum-area rectangle against a brute-force search over rotations on random point sets,
// and on rectangles whose answer is known.
#include <bodemzicht/geom/MinimumRectangle.h>

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace bz;
using core::Vec2;

namespace {

// Area of the rectangle around the points aligned with angle a (brute-force reference).
double alignedArea(const std::vector<Vec2>& pts, double a) {
    Vec2 u{std::cos(a), std::sin(a)}, v{-u.y, u.x};
    double lu = INFINITY, hu = -INFINITY, lv = INFINITY, hv = -INFINITY;
    for (Vec2 p : pts) {
        lu = std::min(lu, core::dot(p, u)), hu = std::max(hu, core::dot(p, u));
        lv = std::min(lv, core::dot(p, v)), hv = std::max(hv, core::dot(p, v));
    }
    return (hu - lu) * (hv - lv);
}

bool inside(const geom::OrientedRectangle& r, Vec2 p, double tol) {
    double a = r.rotationDeg * M_PI / 180;
    Vec2 u{std::cos(a), std::sin(a)}, v{-u.y, u.x}, d = p - r.center;
    return std::abs(core::dot(d, u)) <= r.width / 2 + tol &&
           std::abs(core::dot(d, v)) <= r.length / 2 + tol;
}

}  // namespace

TEST(MinimumRectangle, ARotatedRectangleIsFoundExactly) {
    const double a = 0.4;
    Vec2 u{std::cos(a), std::sin(a)}, v{-u.y, u.x}, c{189423, 352427};
    std::vector<Vec2> pts{c + u * 1.5 + v * 1.25, c - u * 1.5 + v * 1.25, c - u * 1.5 - v * 1.25,
                          c + u * 1.5 - v * 1.25, c + u * 0.3};
    auto r = geom::minimumAreaRectangle(pts);
    EXPECT_NEAR(r.width * r.length, 3.0 * 2.5, 1e-6);
    EXPECT_NEAR(r.center.x, c.x, 1e-6);
    EXPECT_NEAR(r.center.y, c.y, 1e-6);
    for (Vec2 p : pts) EXPECT_TRUE(inside(r, p, 1e-6));
}

TEST(MinimumRectangle, MatchesABruteForceSearchOverDirectionsOnRandomPoints) {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> u(-10, 10);
    for (int n = 0; n < 200; ++n) {
        std::vector<Vec2> pts;
        int count = 3 + n % 20;
        for (int i = 0; i < count; ++i) pts.push_back({u(rng), u(rng) * (n % 3 ? 0.3 : 1.0)});
        auto r = geom::minimumAreaRectangle(pts);
        for (Vec2 p : pts) ASSERT_TRUE(inside(r, p, 1e-9));
        // Every direction through two of the points (all of the hull's edges among them) and a fine
        // sweep, each measured on all points.
        double brute = INFINITY;
        for (int k = 0; k < 3600; ++k) brute = std::min(brute, alignedArea(pts, k * M_PI / 3600));
        for (std::size_t i = 0; i < pts.size(); ++i)
            for (std::size_t j = i + 1; j < pts.size(); ++j) {
                Vec2 d = pts[j] - pts[i];
                brute = std::min(brute, alignedArea(pts, std::atan2(d.y, d.x)));
            }
        EXPECT_NEAR(r.width * r.length, brute, 1e-9 * brute);
    }
}

TEST(MinimumRectangle, HullsAreConvexAndCounterClockwise) {
    std::vector<Vec2> pts{{0, 0}, {2, 0}, {1, 1}, {2, 2}, {0, 2}, {1, 0}, {1, 2}};
    auto h = geom::convexHull(pts);
    ASSERT_EQ(h.size(), 4u);  // the collinear midpoints are left out
    for (std::size_t i = 0; i < h.size(); ++i)
        EXPECT_GT(core::cross(h[(i + 1) % 4] - h[i], h[(i + 2) % 4] - h[(i + 1) % 4]), 0);
    EXPECT_EQ(geom::minimumAreaRectangle({{0, 0}, {1, 1}}).width, 0);
}
