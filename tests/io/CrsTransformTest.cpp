// PROJ's ballpark fallback is refused; with the RDNAPTRANS2018 grids the grid-based operation is
// used (checked by the operation, not just the numbers).
#include <bodemzicht/io/CrsTransform.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "../TestSupport.h"

using bz::io::CrsTransform;

TEST(CrsTransform, RdIsIdentity) {
    auto t = CrsTransform::create("EPSG:28992", true);
    ASSERT_TRUE(t);
    EXPECT_TRUE(t->isIdentity());
    auto p = t->apply({155000, 463000, 1.5});
    ASSERT_TRUE(p);
    EXPECT_EQ(p->x, 155000);
    EXPECT_EQ(p->z, 1.5);
}

TEST(CrsTransform, BallparkWithoutGridsIsRefused) {
    // An empty grid folder first in the search path; PROJ_DATA may still hold proj.db only.
    bz::test::ScratchDir empty("nogrids");
    auto t = CrsTransform::create("EPSG:4937", true, {empty.path().string()});
    ASSERT_TRUE(t);
    auto p = t->apply({5.38764, 52.15616, 50});
    if (p)
        GTEST_SKIP() << "this machine has the RDNAPTRANS2018 grids installed system-wide: "
                     << t->lastOperation();
    EXPECT_NE(p.error().message.find("ballpark"), std::string::npos) << p.error().message;
    EXPECT_NE(p.error().message.find("RDNAPTRANS2018"), std::string::npos);
}

TEST(CrsTransform, WithTheGridsTheRdnaptransOperationIsUsed) {
    std::string grids = bz::test::sharedData() + "/proj";
    ASSERT_TRUE(std::filesystem::exists(grids + "/nl_nsgi_rdtrans2018.tif")) << "missing " << grids;
    auto t = CrsTransform::create("EPSG:4937", true, {grids});
    ASSERT_TRUE(t);
    auto p = t->apply({5.38764, 52.15616, 50});
    ASSERT_TRUE(p) << p.error().message;
    // Reference: PROJ 9.1's cs2cs EPSG:4937 -> EPSG:7415 with the same three grids. (The shared
    // toolchain notes quote 155029.7839 463109.8880, 7 cm away; cs2cs agrees with us, not them.)
    EXPECT_NEAR(p->x, 155029.8599, 0.001);
    EXPECT_NEAR(p->y, 463109.8262, 0.001);
    EXPECT_NEAR(p->z, 6.7245, 0.001);
    EXPECT_EQ(t->lastOperation().find("Ballpark"), std::string::npos);
    EXPECT_NE(t->lastOperation().find("NAP"), std::string::npos) << t->lastOperation();
    EXPECT_GT(t->lastAccuracyM(), 0.0);
    EXPECT_LT(t->lastAccuracyM(), 0.05);
}
