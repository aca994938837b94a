// Every distance routine against a brute-force sampling reference on random input, including
// degenerate cases (parallel, touching, zero-length, vertical).
#include <bodemzicht/geom/Decompose.h>
#include <bodemzicht/geom/Distance.h>

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace bz::geom;
using bz::core::Vec2;
using bz::core::Vec3;

namespace {

std::mt19937_64 rng(20261128);
double uni(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
}
Vec3 randomPoint(double s = 3) {
    return {uni(-s, s), uni(-s, s), uni(-s, s)};
}

// Reference signed distance to an extrusion by brute force: distance to densely sampled surface
// points, negative when inside.
double referenceSd(Vec3 p, const Extrusion& e) {
    bool inside2d;
    std::vector<Vec2> boundary;
    if (e.isCircle()) {
        inside2d = bz::core::distance(p.xy(), e.center) <= e.radius;
        for (int k = 0; k < 2000; ++k) {
            double a = 2 * M_PI * k / 2000;
            boundary.push_back(e.center + Vec2{std::cos(a), std::sin(a)} * e.radius);
        }
    } else {
        inside2d = contains(e.polygon, {}, p.xy());
        for (std::size_t i = 0; i < e.polygon.size(); ++i)
            for (int k = 0; k < 400; ++k)
                boundary.push_back(
                    bz::core::lerp(e.polygon[i], e.polygon[(i + 1) % e.polygon.size()], k / 400.0));
    }
    bool insideZ = p.z >= e.bottomZ && p.z <= e.topZ;
    double best = 1e300;
    // Side walls.
    for (auto q : boundary)
        best = std::min(best,
                        bz::core::distance(p, Vec3{q.x, q.y, std::clamp(p.z, e.bottomZ, e.topZ)}));
    // Caps: the footprint at top and bottom.
    if (inside2d)
        best = std::min(best, std::min(std::abs(p.z - e.bottomZ), std::abs(p.z - e.topZ)));
    else {
        double h = 1e300;
        for (auto q : boundary) h = std::min(h, bz::core::distance(p.xy(), q));
        double v = std::max(e.bottomZ - p.z, p.z - e.topZ);
        if (v > 0) best = std::min(best, std::sqrt(h * h + v * v));
    }
    return inside2d && insideZ ? -best : best;
}

Extrusion randomConvexPrism() {
    // Random convex polygon: sorted angles on an ellipse.
    int n = 3 + static_cast<int>(uni(0, 6));
    std::vector<double> ang;
    for (int i = 0; i < n; ++i) ang.push_back(uni(0, 2 * M_PI));
    std::sort(ang.begin(), ang.end());
    Vec2 c{uni(-1, 1), uni(-1, 1)};
    double rx = uni(0.3, 2), ry = uni(0.3, 2);
    std::vector<Vec2> poly;
    for (double a : ang) poly.push_back(c + Vec2{rx * std::cos(a), ry * std::sin(a)});
    double z0 = uni(-2, 1);
    return Extrusion::prism(poly, z0, z0 + uni(0.1, 2));
}

Extrusion randomCylinder() {
    double z0 = uni(-2, 1);
    return Extrusion::cylinder({uni(-1, 1), uni(-1, 1)}, uni(0.1, 1.5), z0, z0 + uni(0.1, 2));
}

Extrusion randomExtrusion() {
    return uni(0, 1) < 0.5 ? randomCylinder() : randomConvexPrism();
}

double referenceCapsuleCapsule(const Capsule& a, const Capsule& b) {
    double best = 1e300;
    const int n = 400;
    for (int i = 0; i <= n; ++i) {
        Vec3 p = bz::core::lerp(a.a, a.b, static_cast<double>(i) / n);
        for (int j = 0; j <= n; ++j)
            best = std::min(
                best, bz::core::distance(p, bz::core::lerp(b.a, b.b, static_cast<double>(j) / n)));
    }
    return best - a.radius - b.radius;
}

}  // namespace

TEST(SegmentDistance, MatchesSamplingOnRandomSegments) {
    for (int k = 0; k < 200; ++k) {
        Capsule a{randomPoint(), randomPoint(), 0}, b{randomPoint(), randomPoint(), 0};
        double exact = distance(a, b).distance;
        double ref = referenceCapsuleCapsule(a, b);
        // Sampling overestimates by at most half a sample step.
        EXPECT_LE(exact, ref + 1e-9);
        EXPECT_NEAR(exact, ref, 0.03) << k;
    }
}

TEST(SegmentDistance, HandlesParallelTouchingAndZeroLength) {
    // Parallel, 1 m apart.
    Capsule a{{0, 0, 0}, {10, 0, 0}, 0.1}, b{{2, 1, 0}, {5, 1, 0}, 0.2};
    EXPECT_NEAR(distance(a, b).distance, 0.7, 1e-12);
    // Collinear, overlapping: penetration equals the sum of radii.
    Capsule c{{5, 0, 0}, {15, 0, 0}, 0.05};
    EXPECT_NEAR(distance(a, c).distance, -0.15, 1e-12);
    // Touching end to end.
    Capsule d{{10.2, 0, 0}, {12, 0, 0}, 0.1};
    EXPECT_NEAR(distance(a, d).distance, 0.0, 1e-12);
    // Zero-length against zero-length, vertical offset.
    Capsule p{{1, 1, 1}, {1, 1, 1}, 0}, q{{1, 1, 3}, {1, 1, 3}, 0.5};
    EXPECT_NEAR(distance(p, q).distance, 1.5, 1e-12);
    // Vertical segment crossing a horizontal one 0.3 m below its end.
    Capsule v{{3, 0.5, -2}, {3, 0.5, -0.3}, 0};
    EXPECT_NEAR(distance(a, v).distance, std::hypot(0.5, 0.3) - 0.1, 1e-12);
}

TEST(SegmentDistance, ClosestPointsLieOnTheSurfaces) {
    for (int k = 0; k < 100; ++k) {
        Capsule a{randomPoint(), randomPoint(), uni(0, 0.5)},
            b{randomPoint(), randomPoint(), uni(0, 0.5)};
        Contact c = distance(a, b);
        if (c.distance > 0) {
            EXPECT_NEAR(bz::core::distance(c.pointA, c.pointB), c.distance, 1e-9);
        }
    }
}

TEST(ExtrusionDistance, PointSignedDistanceMatchesSampling) {
    for (int k = 0; k < 300; ++k) {
        Extrusion e = randomExtrusion();
        Vec3 p = randomPoint(2.5);
        Vec3 nearest;
        double sd = signedDistance(p, e, &nearest);
        EXPECT_NEAR(sd, referenceSd(p, e), 0.01) << k;
        EXPECT_NEAR(bz::core::distance(p, nearest), std::abs(sd), 1e-9);
    }
}

TEST(ExtrusionDistance, CapsuleAgainstExtrusionMatchesSampling) {
    for (int k = 0; k < 150; ++k) {
        Extrusion e = randomExtrusion();
        Capsule c{randomPoint(2.5), randomPoint(2.5), uni(0, 0.3)};
        if (k % 10 == 0) c.b = c.a;                        // zero length
        if (k % 10 == 1) c.b = {c.a.x, c.a.y, c.a.z + 2};  // vertical
        double ref = 1e300;
        for (int i = 0; i <= 300; ++i)
            ref = std::min(ref, referenceSd(bz::core::lerp(c.a, c.b, i / 300.0), e));
        EXPECT_NEAR(distance(c, e).distance, ref - c.radius, 0.02) << k;
    }
}

TEST(ExtrusionDistance, AnAxisThroughABodyGetsTheExactLeastSignedDistance) {
    // Axes from inside a random prism or cylinder to anywhere: the least signed distance along
    // the axis (exact from the face planes for prisms, Brent's method for cylinders) against a
    // dense sample of the point signed distance; never above any sample.
    int through = 0;
    for (int k = 0; k < 300; ++k) {
        Extrusion e = randomExtrusion();
        const auto box = e.bounds();
        Vec3 inside{uni(box.lo.x, box.hi.x), uni(box.lo.y, box.hi.y), uni(e.bottomZ, e.topZ)};
        if (signedDistance(inside, e) >= 0) continue;
        Capsule c{inside, randomPoint(3), 0.05};
        if (k % 2) std::swap(c.a, c.b);
        double sampled = 1e300;
        const int n = 20000;
        for (int i = 0; i <= n; ++i)
            sampled = std::min(sampled, signedDistance(bz::core::lerp(c.a, c.b, double(i) / n), e));
        const Contact got = distance(c, e);
        EXPECT_LE(got.distance, sampled - c.radius + 1e-9) << k;
        EXPECT_NEAR(got.distance, sampled - c.radius, 1e-3) << k;
        ++through;
    }
    EXPECT_GT(through, 100);
}

TEST(ExtrusionDistance, AnAxisBesideAPrismGetsTheExactDistanceFromItsFeatures) {
    // Axes anywhere near a random prism: the distance from its faces and edges (or from the face
    // planes where the axis enters) against a dense sample of the point signed distance along the
    // axis, and the closest points at that distance from each other.
    for (int k = 0; k < 300; ++k) {
        Extrusion e = randomConvexPrism();
        Capsule c{randomPoint(3), randomPoint(3), 0.0};
        if (k % 7 == 0) c.b = c.a;                        // a point
        if (k % 7 == 1) c.b = {c.a.x, c.a.y, c.a.z + 3};  // vertical
        if (k % 7 == 2) c.b.z = c.a.z;                    // level
        double sampled = 1e300;
        const int n = 20000;
        for (int i = 0; i <= n; ++i)
            sampled = std::min(sampled, signedDistance(bz::core::lerp(c.a, c.b, double(i) / n), e));
        const Contact got = distance(c, e);
        EXPECT_LE(got.distance, sampled + 1e-9) << k;
        EXPECT_NEAR(got.distance, sampled, 2e-3) << k;
        if (got.distance > 0) {
            EXPECT_NEAR(bz::core::distance(got.pointA, got.pointB), got.distance, 1e-9) << k;
        }
    }
}

TEST(ExtrusionDistance, AnAxisTouchingAPrismIsAtDistanceZero) {
    // A house connection starting on a tree pit's wall, one lying on its lid, one running along
    // a wall's plane across it, one ending on its lid from above.
    Extrusion pit = Extrusion::prism({{0, 0}, {2, 0}, {2, 2}, {0, 2}}, -1.2, 0);
    for (Capsule c : {Capsule{{1, 2, -0.6}, {1, 2.5, -0.6}, 0.0125},
                      Capsule{{-1, 1, 0}, {3, 1.5, 0}, 0.0125},
                      Capsule{{-1, 0, -0.5}, {3, 0, -0.7}, 0.0125},
                      Capsule{{1, 1, 1}, {1, 1, 0}, 0.0125}}) {
        EXPECT_NEAR(distance(c, pit).distance, -0.0125, 1e-12);
    }
}

// Points on the surface and inside of an extrusion: walls, caps and interior levels.
std::vector<Vec3> volumeSamples(const Extrusion& a) {
    std::vector<Vec2> footprint;
    if (a.isCircle())
        for (int i = 0; i < 120; ++i)
            footprint.push_back(a.center +
                                Vec2{std::cos(i * 2 * M_PI / 120), std::sin(i * 2 * M_PI / 120)} *
                                    a.radius);
    else
        for (std::size_t i = 0; i < a.polygon.size(); ++i)
            for (int s = 0; s < 25; ++s)
                footprint.push_back(
                    bz::core::lerp(a.polygon[i], a.polygon[(i + 1) % a.polygon.size()], s / 25.0));
    auto box = a.bounds();
    for (int i = 0; i <= 30; ++i)
        for (int j = 0; j <= 30; ++j) {
            Vec2 q{box.lo.x + (box.hi.x - box.lo.x) * i / 30.0,
                   box.lo.y + (box.hi.y - box.lo.y) * j / 30.0};
            if (signedDistance2d(q, a) <= 0) footprint.push_back(q);
        }
    std::vector<Vec3> out;
    for (auto q : footprint)
        for (int s = 0; s <= 10; ++s)
            out.push_back({q.x, q.y, a.bottomZ + (a.topZ - a.bottomZ) * s / 10.0});
    return out;
}

TEST(ExtrusionDistance, ExtrusionPairsMatchSampling) {
    for (int k = 0; k < 100; ++k) {
        Extrusion a = randomExtrusion(), b = randomExtrusion();
        Contact c = distance(a, b);
        // Reference: the smallest signed distance of either body's sampled points to the other
        // (the point routine is itself checked against brute force above).
        double ref = 1e300;
        for (auto p : volumeSamples(a)) ref = std::min(ref, signedDistance(p, b));
        for (auto p : volumeSamples(b)) ref = std::min(ref, signedDistance(p, a));
        if (c.distance > 0.02) {
            EXPECT_NEAR(c.distance, ref, 0.05) << k;
            EXPECT_NEAR(bz::core::distance(c.pointA, c.pointB), c.distance, 1e-9);
        } else if (c.distance < -0.02) {
            EXPECT_LT(ref, 0.0) << k;                      // they do overlap
            EXPECT_LE(signedDistance(c.pointA, a), 1e-9);  // the reported point is in both
            EXPECT_LE(signedDistance(c.pointA, b), 1e-9);
        }
    }
}

TEST(ExtrusionDistance, OverlappingBoxesReportTheMinimumTranslation) {
    Extrusion a = Extrusion::prism({{0, 0}, {4, 0}, {4, 2}, {0, 2}}, 0, 1);
    Extrusion b = Extrusion::prism({{3, 0.5}, {6, 0.5}, {6, 1.5}, {3, 1.5}}, 0.5, 3);
    // 1 m overlap in x, 0.5 m in z: the smaller one separates them.
    EXPECT_NEAR(distance(a, b).distance, -0.5, 1e-12);
    Extrusion cyl = Extrusion::cylinder({10, 1}, 1, 0, 1);
    EXPECT_NEAR(distance(a, cyl).distance, 5.0, 1e-12);
}

TEST(BandDistance, ShiftWithinBandFindsTheClosestApproach) {
    // Two crossing pipes 0.6 m apart vertically (axes); band 0.3 brings them to 0.3.
    Capsule a{{0, -5, 0}, {0, 5, 0}, 0.05}, b{{-5, 0, 0.6}, {5, 0, 0.6}, 0.05};
    double dz = 0;
    EXPECT_NEAR(distanceWithinBand(a, b, 0.3, dz).distance, 0.2, 1e-6);
    EXPECT_NEAR(dz, 0.3, 1e-6);
    for (int k = 0; k < 50; ++k) {
        Capsule c{randomPoint(), randomPoint(), 0.1};
        Extrusion e = randomExtrusion();
        double band = uni(0, 1);
        double ref = 1e300;
        for (int s = 0; s <= 200; ++s) {
            double shift = -band + 2 * band * s / 200;
            Capsule moved{c.a + Vec3{0, 0, shift}, c.b + Vec3{0, 0, shift}, c.radius};
            ref = std::min(ref, distance(moved, e).distance);
        }
        EXPECT_NEAR(distanceWithinBand(c, e, band, dz).distance, ref, 0.01) << k;
    }
}

TEST(LengthWithin, ParallelRunAndCrossing) {
    Capsule a{{0, 0, 0}, {20, 0, 0}, 0.05}, b{{5, 0.5, 0}, {12, 0.5, 0}, 0.05};
    // Within 0.5 m surface distance: only where a is beside b (7 m) plus the rounded ends.
    EXPECT_NEAR(lengthWithin(a, b, 0.5), 7.0 + 2 * std::sqrt(0.6 * 0.6 - 0.5 * 0.5), 1e-6);
    Extrusion box = Extrusion::prism({{9, -1}, {11, -1}, {11, 1}, {9, 1}}, -1, 1);
    EXPECT_NEAR(lengthWithin(a, box, 0.0), 2.0 + 2 * 0.05, 1e-6);
    // Sampling reference on random input, capsule pairs (closed form) and capsule-extrusion.
    for (int k = 0; k < 200; ++k) {
        Capsule c{randomPoint(), randomPoint(), uni(0, 0.2)},
            d{randomPoint(), randomPoint(), uni(0, 0.2)};
        if (k % 20 == 0) d.b = d.a;  // zero-length partner
        if (k % 20 == 1) d = {c.a + Vec3{0, 0.5, 0}, c.b + Vec3{0, 0.5, 0}, 0.1};  // parallel
        double thr = uni(-0.2, 1.5);
        int inside = 0;
        const int n = 4000;
        for (int i = 0; i < n; ++i) {
            Capsule p{bz::core::lerp(c.a, c.b, (i + 0.5) / n),
                      bz::core::lerp(c.a, c.b, (i + 0.5) / n), c.radius};
            if (distance(p, d).distance < thr) ++inside;
        }
        EXPECT_NEAR(lengthWithin(c, d, thr), bz::core::distance(c.a, c.b) * inside / n, 0.01) << k;
    }
    for (int k = 0; k < 50; ++k) {
        Capsule c{randomPoint(), randomPoint(), 0.1};
        Extrusion e = randomExtrusion();
        double thr = uni(-0.2, 1.0);
        int inside = 0;
        const int n = 4000;
        for (int i = 0; i < n; ++i)
            if (signedDistance(bz::core::lerp(c.a, c.b, (i + 0.5) / n), e) - c.radius < thr)
                ++inside;
        EXPECT_NEAR(lengthWithin(c, e, thr), bz::core::distance(c.a, c.b) * inside / n, 0.01) << k;
    }
}
