#include <bodemzicht/render/FramePacer.h>

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
