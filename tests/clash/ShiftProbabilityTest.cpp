// The probability of a violating shift against brute force on random regions: an interval and a
// band against their closed forms; disks, ellipses, rounded rectangles and capsules against a
// reference that integrates over a fine grid in one direction and exactly in the other.
#include "detect/ShiftProbability.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>

using namespace bz::clash::detail;

namespace {

double standardNormalCdf(double x) {
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

using Gap2d = std::function<double(double, double)>;

// Brute force: the midpoint rule over x (8 000 strips within +-8 sigma), the exact interval in y
// on each.
double reference(const Gap2d& gap, double sx, double sy) {
    const int n = 8000;
    const double h = 16.0 / n;
    double sum = 0;
    for (int i = 0; i < n; ++i) {
        const double x = -8 + (i + 0.5) * h;
        double hint = 0;
        const double p =
            violationProbability1d([&](double y) { return gap(x * sx, y * sy); }, hint);
        sum += p * std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI) * h;
    }
    return sum;
}

// A random convex region in metres, with its gap (a distance to it where the shape is a
// Minkowski sum with a disk), centred within +-1 m, turned at random.
struct RandomRegion {
    enum Shape { Disk, Ellipse, RoundedRectangle, Capsule } shape;
    double cx, cy, angle, a, b, radius;
    double operator()(double x, double y) const {
        const double dx = x - cx, dy = y - cy;
        const double u = std::cos(angle) * dx + std::sin(angle) * dy;
        const double v = -std::sin(angle) * dx + std::cos(angle) * dy;
        switch (shape) {
            case Disk:
                return std::hypot(dx, dy) - a;
            case Ellipse:
                return (std::hypot(u / a, v / b) - 1) * std::min(a, b);
            case RoundedRectangle:
                return std::hypot(std::max(std::abs(u) - a, 0.0), std::max(std::abs(v) - b, 0.0)) -
                       radius;
            case Capsule:
                return std::hypot(std::max(std::abs(u) - a, 0.0), v) - radius;
        }
        return 1;
    }
};

}  // namespace

TEST(ShiftProbability, AnIntervalInOneDirectionIsExact) {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> at(-7, 7), width(0.01, 5);
    for (int i = 0; i < 200; ++i) {
        const double lo = at(rng), hi = lo + width(rng);
        // A convex gap, negative on (lo, hi): the distance to the interval's middle minus its
        // half width.
        auto gap = [&](double t) { return std::abs(t - 0.5 * (lo + hi)) - 0.5 * (hi - lo); };
        double hint = 0;
        const double p = violationProbability1d(gap, hint);
        const double expected =
            standardNormalCdf(std::min(hi, 6.0)) - standardNormalCdf(std::max(lo, -6.0));
        EXPECT_NEAR(p, std::max(expected, 0.0), 1e-6) << lo << " " << hi;
        if (p > 1e-9) {
            EXPECT_LT(gap(hint), 0);
        }
    }
}

TEST(ShiftProbability, ABandInTwoDirectionsMatchesItsClosedForm) {
    // {c1 < a x + b y < c2} in metres, sigmas sx and sy: Phi(c2 / s) - Phi(c1 / s) with
    // s = |(a sx, b sy)|, for thin and wide bands.
    std::mt19937 rng(12);
    std::uniform_real_distribution<double> coef(-1, 1), at(-3, 3), width(0.02, 3), sigma(0.05, 1);
    for (int i = 0; i < 300; ++i) {
        const double a = coef(rng), b = coef(rng), sx = sigma(rng), sy = sigma(rng);
        const double r = std::hypot(a, b), s = std::hypot(a * sx, b * sy);
        const double c1 = at(rng) * s, c2 = c1 + width(rng) * s;
        auto gap = [&](double x, double y) {
            const double along = (a * x + b * y) / r;
            return std::abs(along - 0.5 * (c1 + c2) / r) - 0.5 * (c2 - c1) / r;
        };
        EXPECT_NEAR(violationProbability2d(gap, sx, sy),
                    standardNormalCdf(c2 / s) - standardNormalCdf(c1 / s), 1e-4)
            << a << " " << b << " " << c1 << " " << c2;
    }
}

TEST(ShiftProbability, RoundAndLongRegionsMatchTheReference) {
    std::mt19937 rng(13);
    std::uniform_real_distribution<double> unit(0, 1);
    for (int shape = RandomRegion::Disk; shape <= RandomRegion::Capsule; ++shape) {
        for (int i = 0; i < 25; ++i) {
            const double sx = 0.05 + unit(rng) * 0.6, sy = 0.05 + unit(rng) * 0.6;
            RandomRegion region{static_cast<RandomRegion::Shape>(shape),
                                (unit(rng) * 2 - 1) * 3 * sx,
                                (unit(rng) * 2 - 1) * 3 * sy,
                                unit(rng) * M_PI,
                                0.02 + unit(rng),
                                0.02 + unit(rng),
                                0.01 + unit(rng) * 0.5};
            const double p = violationProbability2d(region, sx, sy);
            EXPECT_NEAR(p, reference(region, sx, sy), 3e-3)
                << "shape " << shape << " case " << i << " sigmas " << sx << " " << sy;
        }
    }
}

TEST(ShiftProbability, NoRegionWithinReachIsZeroAndAllOfItIsOne) {
    double hint = 0;
    EXPECT_EQ(violationProbability1d([](double t) { return std::abs(t - 9) - 1; }, hint), 0.0);
    EXPECT_EQ(violationProbability2d([](double x, double y) { return std::hypot(x - 4, y) - 0.5; },
                                     0.5, 0.5),
              0.0);
    // Everywhere: 1 to within half the mass outside +-4.5 sigma.
    EXPECT_NEAR(violationProbability2d([](double, double) { return -1.0; }, 0.3, 0.2), 1.0, 1e-5);
}
