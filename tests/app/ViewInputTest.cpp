// The mouse over the 3D view (app::applyViewInput), driven with a hidden GL context: picking,
// measuring points with their distance, and the camera moves.
#include <gtest/gtest.h>

#include <bodemzicht/render/SceneRenderer.h>

#include "../render/HiddenWindow.h"
#include "../render/RequireDisplay.h"
#include "ViewInput.h"
#include "ViewerFixture.h"

using namespace bz;

TEST(ViewInput, RightClickPicksShiftRightClickMeasuresAndDragsMoveTheCamera) {
    REQUIRE_DISPLAY();
    test::HiddenWindow w;
    ASSERT_NE(w.window, nullptr);
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);
    // A metre thick, so that both are tubes a few pixels wide in the top view.
    for (auto& l : s.dataset.linears) l.outerDiameterM = 1.0f;
    s.options.view = "top";
    auto view = test::viewportFor(s);
    auto& viewport = *view;
    viewport.render();
    const int cable = test::rowOf(viewport, 0), water = test::rowOf(viewport, 1);
    ASSERT_GE(cable, 0);
    ASSERT_GE(water, 0);

    app::ViewInput click;
    click.x = 160;
    click.y = cable;
    click.rightClick = true;
    app::applyViewInput(s, viewport, click);
    EXPECT_EQ(s.selectedFeature, 0);
    EXPECT_TRUE(s.measured.empty());

    // Shift + right click: measuring points on the cable and on the water main, 10 m apart.
    click.shift = true;
    app::applyViewInput(s, viewport, click);
    click.y = water;
    app::applyViewInput(s, viewport, click);
    ASSERT_EQ(s.measured.size(), 2u);
    // Snapped from the top of the tubes to their axes (at 4 m NAP), and said so.
    EXPECT_NEAR(s.measured[0].y, test::kViewerY0, 1e-6);
    EXPECT_NEAR(s.measured[0].z, 4.0, 1e-6);
    EXPECT_NEAR(s.measured[1].y, test::kViewerY0 + 10, 1e-6);
    ASSERT_EQ(s.measuredSnap.size(), 2u);
    EXPECT_EQ(s.measuredSnap[0], "as LS");
    EXPECT_EQ(s.measuredSnap[1], "as W");
    EXPECT_EQ(s.options.measuringPoints.size(), 2u) << "the points are drawn in 3D";
    auto m = app::measurement(s);
    ASSERT_TRUE(m);
    EXPECT_NEAR(m->distance, core::distance(s.measured[0], s.measured[1]), 1e-9);
    EXPECT_NEAR(m->horizontal, 10.0, 1e-6);
    EXPECT_NEAR(m->vertical, s.measured[1].z - s.measured[0].z, 1e-9);
    EXPECT_NEAR(m->distance * m->distance,
                m->horizontal * m->horizontal + m->vertical * m->vertical, 1e-6);
    EXPECT_EQ(s.selectedFeature, 0) << "measuring does not change the selection";
    // A third point starts a new measurement; the sky gives none.
    app::applyViewInput(s, viewport, click);
    EXPECT_EQ(s.measured.size(), 1u);
    EXPECT_FALSE(app::measurement(s));
    click.x = 2;
    click.y = 2;
    app::applyViewInput(s, viewport, click);
    EXPECT_EQ(s.measured.size(), 1u);

    // Wheel and drags move the camera.
    // (The top view is orthographic: zooming changes its scale, not the camera's distance.)
    const double scaleBefore = viewport.metresPerPixel();
    app::ViewInput wheel;
    wheel.wheel = 1;
    app::applyViewInput(s, viewport, wheel);
    EXPECT_LT(viewport.metresPerPixel(), scaleBefore / 1.1);
    auto zoomed = viewport.camera();
    app::ViewInput drag;
    drag.leftDrag = true;
    drag.dx = 40;
    app::applyViewInput(s, viewport, drag);
    EXPECT_GT(core::distance(viewport.camera().position, zoomed.position), 0.1);
    auto orbited = viewport.camera();
    drag.leftDrag = false;
    drag.middleDrag = true;
    app::applyViewInput(s, viewport, drag);
    EXPECT_GT(core::distance(viewport.camera().focalPoint, orbited.focalPoint), 0.01);
}

#include "SewerPanel.h"

TEST(ViewInput, RightClickOnAnObservationMarkerSelectsTheObservationAndItsPipe) {
    REQUIRE_DISPLAY();
    test::HiddenWindow w;
    ASSERT_NE(w.window, nullptr);
    app::ViewerState s;
    test::fillInspectedSewer(s);
    s.options.view = "top";
    s.options.showObservations = true;
    auto view = test::viewportFor(s);
    auto& viewport = *view;
    viewport.render();
    // The markers sit 20 m into R1 and R2 on their south walls; the first found from the left is
    // R1's.
    int row = -1, column = -1;
    for (int x = 0; x < 320 && row < 0; x += 2)
        for (int y = 0; y < 240 && row < 0; ++y)
            if (render::isObservationPick(viewport.pick(x, y))) row = y, column = x;
    ASSERT_GE(row, 0) << "no marker in the view";
    app::ViewInput click;
    click.x = column;
    click.y = row;
    click.rightClick = true;
    app::applyViewInput(s, viewport, click);
    ASSERT_EQ(s.selectedObservation, 0);
    EXPECT_EQ(s.dataset.observations[0].code, "BAC");
    EXPECT_EQ(s.selectedFeature, 0);  // its pipe R1
    EXPECT_EQ(app::featureOfObservation(s.dataset, 1), 1);
}
