// Orientation in the 3D view: the scale bar's round length, the north arrow's direction on screen
// and the readout of what lies under the mouse.
#include <gtest/gtest.h>

#include <cmath>

#include "Orientation.h"

using namespace bz;

TEST(Orientation, ScaleBarIsARoundLengthAboutAHundredPixelsLong) {
    EXPECT_DOUBLE_EQ(app::scaleBarMetres(0.2, 100), 20);   // 20 m = 100 px
    EXPECT_DOUBLE_EQ(app::scaleBarMetres(0.3, 100), 20);   // 30 m -> 20 m
    EXPECT_DOUBLE_EQ(app::scaleBarMetres(0.06, 100), 5);   // 6 m -> 5 m
    EXPECT_DOUBLE_EQ(app::scaleBarMetres(40, 100), 2000);  // 4 km -> 2 km
    EXPECT_DOUBLE_EQ(app::scaleBarMetres(0.001, 100), 0.1);
    EXPECT_EQ(app::scaleBarMetres(0, 100), 0);
    for (double mpp : {0.013, 0.27, 3.3, 17.0}) {
        const double px = app::scaleBarMetres(mpp, 100) / mpp;
        EXPECT_GE(px, 40);
        EXPECT_LE(px, 100);
    }
    EXPECT_EQ(app::lengthLabel(20), "20 m");
    EXPECT_EQ(app::lengthLabel(2000), "2 km");
    EXPECT_EQ(app::lengthLabel(0.5), "50 cm");
}

TEST(Orientation, NorthPointsWhereRdYIsOnScreen) {
    using Cam = render::Viewport::CameraState;
    // Top view, north up on screen.
    auto n = app::northOnScreen(Cam{{0, 0, 100}, {0, 0, 0}, {0, 1, 0}});
    ASSERT_TRUE(n);
    EXPECT_NEAR(n->x, 0, 1e-9);
    EXPECT_NEAR(n->y, 1, 1e-9);
    // Top view with east up: north points left.
    n = app::northOnScreen(Cam{{0, 0, 100}, {0, 0, 0}, {1, 0, 0}});
    ASSERT_TRUE(n);
    EXPECT_NEAR(n->x, -1, 1e-9);
    EXPECT_NEAR(n->y, 0, 1e-9);
    // Looking east from the ground: north is to the left.
    n = app::northOnScreen(Cam{{0, 0, 0}, {10, 0, 0}, {0, 0, 1}});
    ASSERT_TRUE(n);
    EXPECT_NEAR(n->x, -1, 1e-9);
    // Looking due north horizontally: north is straight ahead, not on screen.
    EXPECT_FALSE(app::northOnScreen(Cam{{0, 0, 0}, {0, 10, 0}, {0, 0, 1}}));
}

TEST(Orientation, TheReadoutGivesRdNapAndDepthBelowTheGround) {
    app::ViewerState s;
    s.ground = model::GroundLevel(24.0);
    EXPECT_EQ(app::pointReadout(s, {251234.123, 476512.3, 22.95}),
              "RD 251234.12 476512.30 | 22.95 m NAP | 1.05 m onder maaiveld");
    s.dutch = false;
    EXPECT_EQ(app::pointReadout(s, {1, 2, 25}), "RD 1.00 2.00 | 25.00 m NAP | 1.00 m above ground");
    s.ground = model::GroundLevel();
    EXPECT_EQ(app::pointReadout(s, {1, 2, 3}), "RD 1.00 2.00 | 3.00 m NAP");
}
