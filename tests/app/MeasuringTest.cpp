// Measuring points snap to the axis of the object hit: against a brute-force nearest point on
// random polylines.
#include <gtest/gtest.h>

#include <random>

#include "Measuring.h"

using namespace bz;

TEST(Measuring, SnapsToTheNearestAxisPointLikeDenseSampling) {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> u(-10, 10);
    for (int round = 0; round < 300; ++round) {
        model::Dataset ds;
        model::Dataset::Meta m;
        m.id = "L" + std::to_string(round);
        m.theme = "water";
        m.type = model::ObjectType::Pipe;
        std::vector<core::Vec3> pts;
        const int n = 2 + static_cast<int>(rng() % 5);
        for (int i = 0; i < n; ++i) pts.push_back({u(rng), u(rng), u(rng) / 5});
        ds.addLinear(
            m, pts,
            std::vector<model::VertexDepth>(pts.size(), {model::DepthProvenance::Measured, 0.05f}),
            0.2f);
        const core::Vec3 picked{u(rng), u(rng), u(rng) / 5};
        // Vertex snapping off (0 m): the nearest axis point itself.
        auto snapped = app::snapMeasuringPoint(ds, 0, picked, true, 0.0);
        double brute = 1e300;
        for (int i = 0; i + 1 < n; ++i)
            for (int k = 0; k <= 2000; ++k) {
                const core::Vec3 q = pts[i] + (pts[i + 1] - pts[i]) * (k / 2000.0);
                brute = std::min(brute, core::length(q - picked));
            }
        const double found = core::length(snapped.point - picked);
        EXPECT_LE(found, brute + 1e-9);
        EXPECT_GE(found, brute - 0.02);  // sampling at 1/2000 of a segment of up to ~30 m
        // The nearest point may be an end or a bend itself: then it says so.
        EXPECT_TRUE(snapped.what == "as " + m.id || snapped.what == "knikpunt " + m.id)
            << snapped.what;
    }
}

TEST(Measuring, SnapsToANearbyVertexABodysAxisOrStaysOnTheSurface) {
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "LS-1";
    m.theme = "laagspanning";
    m.type = model::ObjectType::Cable;
    ds.addLinear(m, {{0, 0, 4}, {10, 0, 4}, {10, 10, 4}},
                 std::vector<model::VertexDepth>(3, {model::DepthProvenance::Measured, 0.05f}),
                 0.1f);
    m.id = "K2";
    m.theme = "rioolVrijverval";
    m.type = model::ObjectType::Manhole;
    model::VerticalBody b;
    b.center = {20, 20};
    b.topZ = 5;
    b.bottomZ = 2;
    b.radiusM = 0.6f;
    ds.addBody(m, b);
    auto bend = app::snapMeasuringPoint(ds, 0, {9.9, 0.15, 4.05});
    EXPECT_EQ(bend.what, "knikpunt LS-1");
    EXPECT_DOUBLE_EQ(bend.point.x, 10);
    EXPECT_DOUBLE_EQ(bend.point.y, 0);
    auto axis = app::snapMeasuringPoint(ds, 0, {5, 0.05, 4.05});
    EXPECT_EQ(axis.what, "as LS-1");
    EXPECT_NEAR(axis.point.y, 0, 1e-12);
    EXPECT_NEAR(axis.point.z, 4, 1e-12);
    auto well = app::snapMeasuringPoint(ds, 1, {20.5, 20.2, 3.3}, false);
    EXPECT_EQ(well.what, "axis K2");
    EXPECT_DOUBLE_EQ(well.point.x, 20);
    EXPECT_DOUBLE_EQ(well.point.z, 3.3);
    auto ground = app::snapMeasuringPoint(ds, -1, {3, 3, 5});
    EXPECT_EQ(ground.what, "");
    EXPECT_DOUBLE_EQ(ground.point.x, 3);
}
