// The works plan in the viewer: the sample's plan computed from the project, its streets coloured
// by their openings (coupled or separately), the year slider picking out what opens then, and a
// click on a street in the 3D view selecting its plan rows.
#include <gtest/gtest.h>

#include <bodemzicht/sample/SampleDistrict.h>

#include "../TestSupport.h"
#include "../render/HiddenWindow.h"
#include "../render/RequireDisplay.h"
#include "Planning.h"
#include "ViewInput.h"
#include "ViewerFixture.h"

using namespace bz;

namespace {

bool sameColour(render::Rgb a, render::Rgb b) {
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

}  // namespace

TEST(Planning, TheSamplesPlanColoursItsStreetsAndTheYearPicksOutWhatOpens) {
    test::ScratchDir dir("viewer_plan");
    auto project = sample::writeSampleDistrict(dir.path().string(), {});
    ASSERT_TRUE(project) << project.error().toString();
    app::ViewerState s;
    ASSERT_TRUE(app::openProject(s, *project, ""));
    s.planning.show = true;
    ASSERT_TRUE(app::computePlan(s, 2027)) << s.planning.problem;
    const auto& plan = *s.planning.plan;
    ASSERT_EQ(s.planning.lines.size(), plan.segments.size());
    long hoofdstraat = -1;
    for (std::size_t k = 0; k < plan.segments.size(); ++k)
        if (plan.segments[k].segment == "H1-0") hoofdstraat = static_cast<long>(k);
    ASSERT_GE(hoofdstraat, 0);
    const auto& seg = plan.segments[static_cast<std::size_t>(hoofdstraat)];
    // Coupled: the colour of its number of openings; separately more, and redder.
    EXPECT_TRUE(
        sameColour(s.planning.lines[hoofdstraat].colour, app::openingsColour(seg.coupled.size())));
    EXPECT_LT(seg.coupled.size(), seg.separateOpenings);
    s.planning.coupled = false;
    app::updatePlanLines(s);
    EXPECT_TRUE(sameColour(s.planning.lines[hoofdstraat].colour,
                           app::openingsColour(seg.separateOpenings)));
    s.planning.coupled = true;
    // 2029: Enexis' gas works open the Hoofdstraat (wider); 2033: it stays closed.
    s.planning.year = 2029;
    app::updatePlanLines(s);
    EXPECT_GT(s.planning.lines[hoofdstraat].widthPx, 5.f);
    s.planning.year = 2033;
    app::updatePlanLines(s);
    EXPECT_LT(s.planning.lines[hoofdstraat].widthPx, 5.f);
    // A point in the middle of the segment selects it; one far away nothing.
    core::Vec2 mid{0, 0};
    for (const auto& st : s.planning.streets)
        if (st.id == "H1-0") mid = (st.line.front() + st.line.back()) * 0.5;
    ASSERT_TRUE(app::selectPlanSegmentAt(s, mid + core::Vec2{0, 2}));
    EXPECT_EQ(s.planning.selected, hoofdstraat);
    EXPECT_FALSE(app::selectPlanSegmentAt(s, {0, 0}));
    // The lines go over the scene with the others.
    app::composeOverlayLines(s);
    EXPECT_GE(s.options.overlayLines.size(), s.planning.lines.size());
}

TEST(Planning, AClickOnAStreetInTheViewSelectsItsPlanRows) {
    REQUIRE_DISPLAY();
    test::HiddenWindow w;
    ASSERT_NE(w.window, nullptr);
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);  // LS along y0 (no year laid: due), water 10 m north
    s.ground = model::GroundLevel(5.0);
    s.options.view = "top";
    // A street along the cable; the plan built from it directly.
    s.planning.streets = {
        {"S1",
         "Kabelstraat",
         {{test::kViewerX0 - 30, test::kViewerY0}, {test::kViewerX0 + 30, test::kViewerY0}},
         14,
         ""}};
    plan::PlanOptions options;
    options.startYear = 2027;
    s.planning.plan = plan::buildPlan(s.dataset, s.planning.streets, {},
                                      plan::ServiceLifeTable::shipped(), options);
    ASSERT_EQ(s.planning.plan->segments.size(), 1u);
    s.planning.show = true;
    auto view = test::viewportFor(s);
    auto& viewport = *view;
    viewport.render();
    // A click on the cable, which lies in the street.
    const int cable = test::rowOf(viewport, 0);
    ASSERT_GE(cable, 0);
    app::ViewInput click;
    click.x = 160;
    click.y = cable;
    click.leftClick = true;
    app::applyViewInput(s, viewport, click);
    EXPECT_EQ(s.planning.selected, 0);
    ASSERT_FALSE(s.planning.lines.empty());
    EXPECT_GT(s.planning.lines[0].widthPx, 8.f);  // the selected street stands out
}
