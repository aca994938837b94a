// The viewer's actions on its state, driven without a window (a hidden GL context for the
// viewport): selecting a clash, opening a project with a bad clash report.
#include <gtest/gtest.h>

#include <bodemzicht/clash/ReportStore.h>
#include <bodemzicht/clash/ReportWriter.h>
#include <bodemzicht/render/SceneRenderer.h>
#include <bodemzicht/sample/SampleDistrict.h>

#include <cstdlib>

#include "../TestSupport.h"
#include "../render/HiddenWindow.h"
#include "../render/RequireDisplay.h"
#include "ViewerFixture.h"
#include "ViewerState.h"

using namespace bz;

namespace {

constexpr double X0 = test::kViewerX0, Y0 = test::kViewerY0;

}  // namespace

TEST(ViewerState, SelectingAClashHighlightsBothObjectsByIdAndFliesThere) {
    REQUIRE_DISPLAY();
    test::HiddenWindow w;
    ASSERT_NE(w.window, nullptr);
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);
    auto view = test::viewportFor(s);
    auto& viewport = *view;
    viewport.render();

    app::selectClash(s, viewport, 0);
    EXPECT_EQ(s.selectedClash, 0);
    EXPECT_EQ(s.options.highlight.featureA, 1);
    EXPECT_EQ(s.options.highlight.featureB, 0);
    EXPECT_DOUBLE_EQ(s.options.highlight.requiredM, 0.5);
    EXPECT_EQ(s.options.highlight.kind, "clearance");
    auto focal = viewport.camera().focalPoint + render::renderOrigin(s.dataset);
    EXPECT_NEAR(focal.x, X0 + 5, 1e-6);
    EXPECT_NEAR(focal.y, Y0 + 5, 1e-6);
    EXPECT_NEAR(focal.z, 4, 1e-6);
    EXPECT_NE(viewport.render(), 0u);
    // An index outside the report changes nothing.
    app::selectClash(s, viewport, 7);
    EXPECT_EQ(s.selectedClash, 0);
}

TEST(ViewerState, AnIdInTwoSourcesHighlightsTheExistingAndTheProposedOne) {
    REQUIRE_DISPLAY();
    test::HiddenWindow w;
    ASSERT_NE(w.window, nullptr);
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);
    // A proposal that happens to carry the existing water main's id, and one of the cable's.
    std::vector<model::VertexDepth> d(2, {model::DepthProvenance::Measured, 0.05f});
    model::Dataset::Meta m;
    m.layer = "voorstel";
    m.theme = "warmte";
    m.type = model::ObjectType::HeatPipe;
    m.status = model::ObjectStatus::Proposed;
    m.id = "W";
    s.dataset.addLinear(m, {{X0 - 20, Y0 + 20, 4}, {X0 + 20, Y0 + 20, 4}}, d, 0.2f);
    m.id = "LS";
    s.dataset.addLinear(m, {{X0 - 20, Y0 - 20, 4}, {X0 + 20, Y0 - 20, 4}}, d, 0.2f);
    s.clashes.clashes[0].bId = "LS";
    auto view = test::viewportFor(s);
    app::selectClash(s, *view, 0);
    EXPECT_EQ(s.options.highlight.featureA, 1);  // the existing W, not the proposed one
    EXPECT_EQ(s.options.highlight.featureB, 3);  // the proposed LS, not the existing cable
}

TEST(ViewerState, AMissingClashReportIsAnErrorNamingTheFile) {
    test::ScratchDir dir("viewer_state");
    auto project = sample::writeSampleDistrict(dir.path().string(), {});
    ASSERT_TRUE(project) << project.error().toString();
    app::ViewerState s;
    auto ok = app::openProject(s, *project, dir.file("nope.csv"));
    ASSERT_FALSE(ok);
    EXPECT_NE(ok.error().toString().find("nope.csv"), std::string::npos) << ok.error().toString();
    // Without a report the same project opens, with its summary.
    app::ViewerState t;
    ASSERT_TRUE(app::openProject(t, *project, ""));
    EXPECT_GT(t.summary.segments, 1000u);
    EXPECT_EQ(t.summary.segments, t.dataset.segmentCount());
}

TEST(ViewerState, OpeningAProjectListsTheClashesOfItsLastRun) {
    test::ScratchDir dir("viewer_last_run");
    auto project = sample::writeSampleDistrict(dir.path().string(), {});
    ASSERT_TRUE(project) << project.error().toString();
    app::ViewerState before;
    ASSERT_TRUE(app::openProject(before, *project, ""));
    EXPECT_TRUE(before.clashes.clashes.empty()) << "no run yet";
    // What `bodem clash PROJECT` stores.
    clash::ClashReport report;
    clash::Clash c;
    c.id = "C1";
    c.kind = clash::ClashKind::Hard;
    c.aId = "A";
    c.bId = "B";
    c.aOwner = "Enexis";
    c.bOwner = "Vitens";
    c.pointA = c.pointB = {155100, 463100, 1.5};
    report.clashes.push_back(c);
    ASSERT_TRUE(clash::storeReport(*project, report));
    app::ViewerState s;
    ASSERT_TRUE(app::openProject(s, *project, ""));
    ASSERT_EQ(s.clashes.clashes.size(), 1u);
    EXPECT_EQ(s.clashes.clashes[0].bOwner, "Vitens");
    ASSERT_EQ(s.options.clashes.size(), 1u);  // its marker
    EXPECT_NEAR(s.options.clashes[0].position.z, 1.5, 1e-6);
    // A report given on the command line wins.
    ASSERT_TRUE(clash::writeCsv(clash::ClashReport{}, dir.file("empty.csv")));
    app::ViewerState given;
    ASSERT_TRUE(app::openProject(given, *project, dir.file("empty.csv")));
    EXPECT_TRUE(given.clashes.clashes.empty());
}

TEST(ViewerState, BookmarksAreKeptInTheProjectInRdNapAndRestoredAtAnyExaggeration) {
    REQUIRE_DISPLAY();
    test::HiddenWindow w;
    ASSERT_NE(w.window, nullptr);
    test::ScratchDir dir("viewer_bookmarks");
    auto project = sample::writeSampleDistrict(dir.path().string(), {});
    ASSERT_TRUE(project) << project.error().toString();
    app::ViewerState s;
    ASSERT_TRUE(app::openProject(s, *project, ""));
    EXPECT_TRUE(s.bookmarks.empty());
    s.options.width = 320;
    s.options.height = 240;
    render::Viewport viewport(s.dataset, s.ground, s.options);
    viewport.initializeFromCurrentContext();
    viewport.setView("street");
    const auto street = viewport.camera();
    app::addBookmark(s, viewport, "straat");
    viewport.setView("top");
    app::addBookmark(s, viewport, "");
    EXPECT_TRUE(s.bookmarkProblem.empty()) << s.bookmarkProblem;
    ASSERT_EQ(s.bookmarks.size(), 2u);
    EXPECT_EQ(s.bookmarks[1].name, "#2");
    // In RD/NAP: the street view's focal point lies inside the district.
    const auto extent = s.dataset.bounds();
    EXPECT_GT(s.bookmarks[0].focalPoint.x, extent.lo.x);
    EXPECT_LT(s.bookmarks[0].focalPoint.x, extent.hi.x);

    // Opened again (another session): the same bookmarks; going to one at 3x exaggeration puts
    // the camera where it was, heights scaled.
    app::ViewerState again;
    ASSERT_TRUE(app::openProject(again, *project, ""));
    ASSERT_EQ(again.bookmarks.size(), 2u);
    EXPECT_EQ(again.bookmarks[0].name, "straat");
    again.options.verticalExaggeration = 3;  // as the view panel sets both
    viewport.setVerticalExaggeration(3);
    app::goToBookmark(again, viewport, 0);
    auto cam = viewport.camera();
    EXPECT_NEAR(cam.position.x, street.position.x, 1e-6);
    EXPECT_NEAR(cam.position.y, street.position.y, 1e-6);
    EXPECT_NEAR(cam.position.z, 3 * street.position.z, 1e-6);
    EXPECT_NEAR(cam.focalPoint.z, 3 * street.focalPoint.z, 1e-6);
    app::removeBookmark(again, 0);
    app::ViewerState third;
    ASSERT_TRUE(app::openProject(third, *project, ""));
    ASSERT_EQ(third.bookmarks.size(), 1u);
    EXPECT_EQ(third.bookmarks[0].name, "#2");
    // A project that cannot be written: the bookmark stays for this session, and says why.
    app::ViewerState readOnly;
    readOnly.projectPath = dir.file("missing/nope.gpkg");
    app::addBookmark(readOnly, viewport, "x");
    EXPECT_EQ(readOnly.bookmarks.size(), 1u);
    EXPECT_NE(readOnly.bookmarkProblem.find("nope.gpkg"), std::string::npos)
        << readOnly.bookmarkProblem;
}

TEST(ViewerState, ABrokenRasterOrStoredReportIsSaidAndTheRestStillOpens) {
    test::ScratchDir dir("viewer_broken_parts");
    auto project = sample::writeSampleDistrict(dir.path().string(), {});
    ASSERT_TRUE(project) << project.error().toString();
    std::filesystem::remove(dir.file("ground_level.tif"));
    {
        std::ofstream broken(dir.file("ghg.tif"), std::ios::trunc);
        broken << "not a GeoTIFF";
    }
    app::ViewerState s;
    ASSERT_TRUE(app::openProject(s, *project, ""));
    EXPECT_GT(s.dataset.features.size(), 100u);
    ASSERT_EQ(s.problems.size(), 2u);
    EXPECT_NE(s.problems[0].find("ground level not shown"), std::string::npos) << s.problems[0];
    EXPECT_NE(s.problems[0].find("ground_level.tif"), std::string::npos) << s.problems[0];
    EXPECT_NE(s.problems[1].find("groundwater level ghg not shown"), std::string::npos)
        << s.problems[1];
    EXPECT_NE(s.problems[1].find("ghg.tif: cannot open as a raster: not recognized as a supported"),
              std::string::npos)
        << s.problems[1];
    EXPECT_NE(s.problems[0].find("cannot open as a raster: no such file"), std::string::npos)
        << s.problems[0];
    EXPECT_FALSE(s.ground.available());
    EXPECT_EQ(s.options.ghg, nullptr);
    EXPECT_NE(s.options.glg, nullptr);  // the other level still loads
}
