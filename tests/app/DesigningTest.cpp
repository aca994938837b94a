// Designing in the viewer, driven through the view input with a hidden GL context: a heat network
// drawn by clicks (snapped to the networks' axes), its clashes in the list, a vertex dragged with
// the clashes updated live and the scene rebuilt once on release, undo, delete; the panel stores
// the measures in the project and a reopened project can edit them again.
#include <gtest/gtest.h>

#include <bodemzicht/io/DesignStore.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/render/SceneRenderer.h>

#include <algorithm>

#include "../TestSupport.h"
#include "../render/HiddenWindow.h"
#include "../render/RequireDisplay.h"
#include "Designing.h"
#include "ViewInput.h"
#include "ViewerFixture.h"

using namespace bz;

namespace {

std::size_t rowsOf(const app::ViewerState& s, const std::string& objectId) {
    return static_cast<std::size_t>(std::count_if(
        s.clashes.clashes.begin(), s.clashes.clashes.end(),
        [&](const clash::Clash& c) { return c.aId == objectId || c.bId == objectId; }));
}

}  // namespace

TEST(Designing, DrawDragUndoAndDeleteAHeatNetworkWithLiveClashes) {
    REQUIRE_DISPLAY();
    test::HiddenWindow w;
    ASSERT_NE(w.window, nullptr);
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);  // LS along y0, water along y0 + 10, at 4 m NAP
    for (auto& l : s.dataset.linears) l.outerDiameterM = 1.0f;
    s.ground = model::GroundLevel(5.0);
    s.options.view = "top";
    auto view = test::viewportFor(s);
    auto& viewport = *view;
    viewport.render();
    const int cable = test::rowOf(viewport, 0), water = test::rowOf(viewport, 1);
    ASSERT_GE(cable, 0);
    ASSERT_GE(water, 0);

    // Draw: two clicks snap to the two axes; Enter finishes.
    s.design.active = true;
    app::startDrawing(s, viewport);
    app::ViewInput click;
    click.x = 160;
    click.y = cable;
    click.leftClick = true;
    app::applyViewInput(s, viewport, click);
    click.y = water;
    app::applyViewInput(s, viewport, click);
    ASSERT_EQ(s.design.draft.points.size(), 2u);
    EXPECT_NEAR(s.design.draft.points[0].y, test::kViewerY0, 1e-6);
    EXPECT_NEAR(s.design.draft.points[1].y, test::kViewerY0 + 10, 1e-6);
    EXPECT_EQ(s.design.draftSnaps[0], "as LS");
    const int rebuildsBefore = s.sceneRebuilds;
    app::ViewInput enter;
    enter.enter = true;
    app::applyViewInput(s, viewport, enter);
    ASSERT_TRUE(s.design.editor);
    ASSERT_EQ(s.design.editor->measures().size(), 1u) << s.design.problem;
    EXPECT_FALSE(s.design.drawing);
    EXPECT_EQ(s.sceneRebuilds, rebuildsBefore + 1);
    // Its pipes cross both networks (axis 4.075 m NAP, 1 m thick networks at 4 m): in the list,
    // with the fixture's own clash kept, and as markers.
    EXPECT_GE(rowsOf(s, "ONTWERP-1-aanvoer"), 2u);
    EXPECT_GE(rowsOf(s, "ONTWERP-1-retour"), 2u);
    EXPECT_EQ(rowsOf(s, "ONTWERP-1-aanvoer"), s.design.editor->clashesOf(0).size() / 2);
    EXPECT_EQ(std::count_if(s.clashes.clashes.begin(), s.clashes.clashes.end(),
                            [](const clash::Clash& c) { return c.id == "C1"; }),
              1);
    EXPECT_EQ(s.options.clashes.size(), s.clashes.clashes.size());
    // The measure is drawn over the scene in its colour.
    auto image = render::renderImage(s.dataset, s.ground, s.options);
    ASSERT_TRUE(image) << image.error().toString();
    bool orange = false;
    for (int y = 0; y < image->height; ++y)
        for (int x = 140; x < 180; ++x) {
            const auto c = image->at(x, y);
            orange = orange || (c.r > 240 && c.g > 170 && c.g < 210 && c.b < 120);
        }
    EXPECT_TRUE(orange) << "the drawn measure shows over the scene";

    // Drag the northern vertex 8 m east (onto the water main further along): the clashes follow
    // live, the scene is rebuilt once, on release.
    const auto feature = s.design.editor->featuresOf(0)[0];
    const auto north = s.design.editor->measures()[0].points[1];
    ASSERT_TRUE(app::beginMeasureDrag(s, feature, {north.x, north.y, 4.5}, false, 0.5));
    EXPECT_EQ(s.design.dragVertex, 1);
    const auto beforeDrag = s.clashes.clashes;
    const int rebuildsAtDrag = s.sceneRebuilds;
    app::dragMeasureTo(s, viewport, {north.x + 8, north.y});
    EXPECT_EQ(s.sceneRebuilds, rebuildsAtDrag);
    EXPECT_NEAR(s.design.editor->measures()[0].points[1].x, north.x + 8, 1e-9);
    bool moved = false;
    for (const auto& c : s.clashes.clashes)
        if (c.bId == "ONTWERP-1-aanvoer" && c.aId == "W")
            for (const auto& b : beforeDrag)
                if (b.id == c.id) moved = moved || core::distance(b.pointB, c.pointB) > 1;
    EXPECT_TRUE(moved) << "the clash with the water main moved with the vertex";
    // Live markers over the scene while dragging: crosses in the marker colours.
    EXPECT_GT(s.design.lines.size(), 4u);
    app::ViewInput release;
    release.leftRelease = true;
    app::applyViewInput(s, viewport, release);
    EXPECT_EQ(s.design.dragMeasure, -1);
    EXPECT_EQ(s.sceneRebuilds, rebuildsAtDrag + 1);

    // Ctrl+Z: the whole drag undone at once; Ctrl+Y again.
    app::ViewInput undo;
    undo.undo = true;
    app::applyViewInput(s, viewport, undo);
    EXPECT_NEAR(s.design.editor->measures()[0].points[1].x, north.x, 1e-9);
    app::ViewInput redo;
    redo.redo = true;
    app::applyViewInput(s, viewport, redo);
    EXPECT_NEAR(s.design.editor->measures()[0].points[1].x, north.x + 8, 1e-9);

    // Delete: the measure and its rows go; the fixture's clash stays.
    s.design.selected = 0;
    app::ViewInput del;
    del.del = true;
    app::applyViewInput(s, viewport, del);
    EXPECT_TRUE(s.design.editor->measures().empty());
    ASSERT_EQ(s.clashes.clashes.size(), 1u);
    EXPECT_EQ(s.clashes.clashes[0].id, "C1");
    EXPECT_EQ(s.dataset.features.size(), 2u);
}

TEST(Designing, SnapsToTheFirstPointAnotherMeasureAndTheStreet) {
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);
    s.ground = model::GroundLevel(5.0);
    auto map = std::make_shared<model::Basemap>();
    map->push_back(
        {"bgt",
         "wegdeel",
         {{test::kViewerX0 - 30, test::kViewerY0 + 4}, {test::kViewerX0 + 30, test::kViewerY0 + 4}},
         false});
    s.options.basemap = map;
    s.design.drawing = true;
    s.design.draft = design::defaultMeasure(design::MeasureKind::Wadi);
    std::string what;
    // Onto the kerb line, and onto its end point.
    auto p =
        app::snapDesignPoint(s, -1, {test::kViewerX0 + 1, test::kViewerY0 + 4.2, 5}, 0.5, &what);
    EXPECT_NEAR(p.y, test::kViewerY0 + 4, 1e-9);
    EXPECT_EQ(what, "lijn wegdeel");
    p = app::snapDesignPoint(s, -1, {test::kViewerX0 + 29.8, test::kViewerY0 + 4.1, 5}, 0.5, &what);
    EXPECT_NEAR(p.x, test::kViewerX0 + 30, 1e-9);
    EXPECT_EQ(what, "hoekpunt wegdeel");
    // Far from everything: the point itself.
    p = app::snapDesignPoint(s, -1, {test::kViewerX0 + 1, test::kViewerY0 + 6, 5}, 0.5, &what);
    EXPECT_NEAR(p.y, test::kViewerY0 + 6, 1e-9);
    EXPECT_EQ(what, "");
    // The draft's first point closes the outline.
    s.design.draft.points = {{test::kViewerX0, test::kViewerY0 + 6},
                             {test::kViewerX0 + 5, test::kViewerY0 + 6}};
    p = app::snapDesignPoint(s, -1, {test::kViewerX0 + 0.2, test::kViewerY0 + 6.1, 5}, 0.5, &what);
    EXPECT_NEAR(p.x, test::kViewerX0, 1e-9);
    EXPECT_EQ(what, "beginpunt");
}

TEST(Designing, StoredMeasuresComeBackEditableWhenTheProjectIsOpenedAgain) {
    test::ScratchDir dir("designing");
    const std::string project = dir.file("p.gpkg");
    {
        app::ViewerState s;
        test::fillTwoNetworksAndAClash(s);
        model::Dataset ds = s.dataset;
        ds.ground.kind = model::GroundBasis::Kind::Constant;
        ds.ground.level = 5.0;
        ASSERT_TRUE(io::writeProject(ds, project));
    }
    app::ViewerState s;
    ASSERT_TRUE(app::openProject(s, project, ""));
    s.ground = model::GroundLevel(5.0);
    auto m = design::defaultMeasure(design::MeasureKind::Cable);
    m.points = {{test::kViewerX0, test::kViewerY0 - 3}, {test::kViewerX0, test::kViewerY0 + 3}};
    ASSERT_TRUE(app::designEditor(s).add(m));
    EXPECT_TRUE(s.design.editor->unsaved());
    ASSERT_TRUE(app::storeDesignInProject(s)) << s.design.problem;
    EXPECT_FALSE(s.design.editor->unsaved());
    auto stored = io::readDesign(project);
    ASSERT_TRUE(stored);
    ASSERT_EQ(stored->features.size(), 1u);
    EXPECT_EQ(stored->features[0].status, model::ObjectStatus::Proposed);

    app::ViewerState again;
    ASSERT_TRUE(app::openProject(again, project, ""));
    ASSERT_TRUE(again.design.editor);
    ASSERT_EQ(again.design.editor->measures().size(), 1u);
    EXPECT_EQ(again.design.editor->measures()[0], s.design.editor->measures()[0]);
    EXPECT_EQ(again.dataset.findAll("ONTWERP-1").size(), 1u);  // once, owned by the editor
    EXPECT_EQ(again.dataset.features.size(), 3u);
    // It crosses the low-voltage cable: its clash is in the list of the reopened project.
    EXPECT_GE(rowsOf(again, "ONTWERP-1"), 1u);
}

TEST(Designing, TheSpaceBudgetColoursTheStreetsInTheTopView) {
    REQUIRE_DISPLAY();
    test::HiddenWindow w;
    ASSERT_NE(w.window, nullptr);
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);  // LS along y0, water along y0 + 10
    s.ground = model::GroundLevel(5.0);
    s.options.view = "top";
    model::StreetSegment street;
    street.id = "S1";
    street.name = "Teststraat";
    street.line = {{test::kViewerX0 - 18, test::kViewerY0 + 5},
                   {test::kViewerX0 + 18, test::kViewerY0 + 5}};
    street.widthM = 12;
    s.design.streets = {street};
    auto view = test::viewportFor(s);
    auto& viewport = *view;
    app::showBudget(s, viewport, true);
    ASSERT_TRUE(s.design.budget) << s.design.budgetProblem;
    ASSERT_EQ(s.design.budget->segments.size(), 1u);
    const double share = s.design.budget->segments[0].freeShare();
    EXPECT_GT(share, 0.2);
    EXPECT_LT(share, 1.0);  // both networks lie in the street
    const auto colour = design::budgetColour(share);
    auto image = render::renderImage(s.dataset, s.ground, s.options);
    ASSERT_TRUE(image) << image.error().toString();
    int coloured = 0;
    for (int y = 0; y < image->height; ++y) {
        const auto c = image->at(image->width / 2, y);
        coloured += std::abs(c.r - colour.r) < 12 && std::abs(c.g - colour.g) < 12 &&
                    std::abs(c.b - colour.b) < 12;
    }
    EXPECT_GE(coloured, 3) << "the street in its budget colour";
    // Hidden again: no budget lines.
    app::showBudget(s, viewport, false);
    EXPECT_TRUE(s.options.overlayLines.empty());
    // Without streets: said why.
    s.design.streets.clear();
    EXPECT_FALSE(app::computeBudget(s, viewport));
    EXPECT_NE(s.design.budgetProblem.find("--as streets"), std::string::npos);
}
