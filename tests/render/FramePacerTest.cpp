#include <bodemzicht/render/FramePacer.h>
#include <bodemzicht/render/MovingDetail.h>

#include <gtest/gtest.h>

using bz::render::FramePacer;
using bz::render::FrameQuality;

TEST(FramePacer, MovingWhileInputArrivesThenOneStillFrameThenWaits) {
    FramePacer pacer(0.25);
    pacer.input(10.0);
    EXPECT_EQ(pacer.quality(10.0), FrameQuality::Moving);
    pacer.shown(FrameQuality::Moving);
    EXPECT_FALSE(pacer.waiting());
    pacer.input(10.2);  // a drag goes on: still moving a quarter second after the last event
    EXPECT_EQ(pacer.quality(10.4), FrameQuality::Moving);
    EXPECT_EQ(pacer.quality(10.46), FrameQuality::Still);
    pacer.shown(FrameQuality::Still);
    EXPECT_TRUE(pacer.waiting());  // nothing more to draw until the next event
    pacer.input(12.0);
    EXPECT_FALSE(pacer.waiting());
    EXPECT_EQ(pacer.quality(12.0), FrameQuality::Moving);
}

TEST(FramePacer, WithoutInputTheFirstFrameIsStill) {
    FramePacer pacer;
    EXPECT_EQ(pacer.quality(0.0), FrameQuality::Still);
}

using bz::render::MovingDetail;

TEST(MovingDetail, SlowFramesCoarsenUpToTheLimitAndFastFramesRefineBackToTheFinest) {
    MovingDetail detail(20.0, 3.0, 8.0);
    EXPECT_DOUBLE_EQ(detail.coarsening(), 3.0);
    double last = detail.coarsening();
    int changes = 0;
    for (int frame = 0; frame < 60; ++frame) {
        if (detail.frameTook(45.0)) {
            ++changes;
            EXPECT_GT(detail.coarsening(), last);
            last = detail.coarsening();
        }
    }
    EXPECT_GT(changes, 2);
    EXPECT_DOUBLE_EQ(detail.coarsening(), 8.0);  // never beyond the coarsest
    for (int frame = 0; frame < 60; ++frame) detail.frameTook(5.0);
    EXPECT_DOUBLE_EQ(detail.coarsening(), 3.0);  // never finer than the finest
}

TEST(MovingDetail, OneSlowFrameOrFramesNearTheBudgetChangeNothing) {
    MovingDetail detail(20.0, 3.0, 8.0);
    detail.frameTook(12.0);
    EXPECT_FALSE(detail.frameTook(26.0));  // a spike (a level built): the mean stays in budget
    EXPECT_DOUBLE_EQ(detail.coarsening(), 3.0);
    // Between 65 % of the budget and the budget: stays where it is, in both directions.
    for (int frame = 0; frame < 10; ++frame) detail.frameTook(30.0);
    const double reached = detail.coarsening();
    EXPECT_GT(reached, 3.0);
    for (int frame = 0; frame < 20; ++frame) EXPECT_FALSE(detail.frameTook(16.0));
    EXPECT_DOUBLE_EQ(detail.coarsening(), reached);
}

TEST(MovingDetail, AfterAChangeTheNextTwoFramesDoNotCount) {
    MovingDetail detail(20.0, 3.0, 8.0);
    EXPECT_TRUE(detail.frameTook(40.0));
    const double once = detail.coarsening();
    EXPECT_FALSE(detail.frameTook(90.0));  // building the levels the change asked for
    EXPECT_FALSE(detail.frameTook(90.0));
    EXPECT_DOUBLE_EQ(detail.coarsening(), once);
    EXPECT_TRUE(detail.frameTook(40.0));
}

TEST(MovingDetail, NoBudgetMeansFixedDetail) {
    MovingDetail detail(0.0, 3.0, 8.0);
    for (int frame = 0; frame < 10; ++frame) EXPECT_FALSE(detail.frameTook(500.0));
    EXPECT_DOUBLE_EQ(detail.coarsening(), 3.0);
}
