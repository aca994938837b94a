// The viewer's panels driven through Dear ImGui without a window backend (a hidden GL context for
// the viewport): the first-use layout fits the window, labels follow the language, and using a
// checkbox or button changes the state and, for layers, the scene.
#include <bodemzicht/io/DesignStore.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/model/DatasetCopy.h>
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <bodemzicht/model/DatasetSummary.h>
#include <bodemzicht/render/SceneRenderer.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "../render/HiddenWindow.h"
#include "../render/RequireDisplay.h"
#include "Designing.h"
#include "Panels.h"
#include "SectionPanel.h"
#include "SewerPanel.h"
#include "ViewInput.h"
#include "ViewerFixture.h"
#include "ViewerState.h"

using namespace bz;

namespace {

// An ImGui context of its own, frames without a platform or renderer backend.
struct Ui {
    ImGuiContext* context;
    Ui(float w, float h) {
        context = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(w, h);
        io.DeltaTime = 1.0f / 60;
        unsigned char* pixels;
        int tw, th;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
    }
    ~Ui() { ImGui::DestroyContext(context); }
    app::ViewArea frame(app::ViewerState& s, render::Viewport& viewport) {
        ImGui::NewFrame();
        auto area = app::drawPanels(s, viewport, ImGui::GetIO().DisplaySize.x,
                                    ImGui::GetIO().DisplaySize.y);
        ImGui::Render();
        return area;
    }
    // Presses a widget of a window by its label, as a click would, in the next frame.
    static bool press(const char* window, const std::string& label) {
        ImGuiWindow* w = ImGui::FindWindowByName(window);
        if (!w) return false;
        ImGui::ActivateItem(w->GetID(label.c_str()));
        return true;
    }
};

struct Rect {
    float x0, y0, x1, y1;
};

std::vector<std::pair<std::string, Rect>> panelRects(const std::vector<const char*>& names) {
    std::vector<std::pair<std::string, Rect>> out;
    for (const char* n : names) {
        ImGuiWindow* w = ImGui::FindWindowByName(n);
        EXPECT_NE(w, nullptr) << "no window '" << n << "'";
        if (w) out.push_back({n, {w->Pos.x, w->Pos.y, w->Pos.x + w->Size.x, w->Pos.y + w->Size.y}});
    }
    return out;
}

}  // namespace

TEST(Panels, FirstUseLayoutFitsTheWindowWithoutOverlapsInDutch) {
    REQUIRE_DISPLAY();
    test::HiddenWindow hidden;
    ASSERT_NE(hidden.window, nullptr);
    for (auto [width, height] : {std::pair{1600.f, 900.f}, std::pair{1280.f, 720.f}}) {
        SCOPED_TRACE(std::to_string(width) + "x" + std::to_string(height));
        app::ViewerState s;
        test::fillTwoNetworksAndAClash(s);
        render::Viewport viewport(s.dataset, s.ground, s.options);
        viewport.initializeFromCurrentContext();
        Ui ui(width, height);
        auto area = ui.frame(s, viewport);
        auto rects = panelRects({"Beeld", "Project", "Selectie", "Lagen en diepte",
                                 "Meten en bladwijzers", "Conflicten"});
        rects.push_back({"3D", {area.x, area.y, area.x + area.w, area.y + area.h}});
        for (std::size_t i = 0; i < rects.size(); ++i) {
            const auto& [name, r] = rects[i];
            EXPECT_GE(r.x0, 0) << name;
            EXPECT_GE(r.y0, 0) << name;
            EXPECT_LE(r.x1, width + 0.5f) << name;
            EXPECT_LE(r.y1, height + 0.5f) << name;
            EXPECT_GE(r.y1 - r.y0, 100) << name << " too small to use";
            for (std::size_t j = 0; j < i; ++j) {
                const auto& q = rects[j].second;
                bool overlap = r.x0 < q.x1 - 0.5f && q.x0 < r.x1 - 0.5f && r.y0 < q.y1 - 0.5f &&
                               q.y0 < r.y1 - 0.5f;
                EXPECT_FALSE(overlap) << name << " overlaps " << rects[j].first;
            }
        }
        EXPECT_EQ(ImGui::FindWindowByName("Layers and depth"), nullptr);  // Dutch by default
        // The view panel's controls all show without scrolling (a second frame: sizes settle).
        ui.frame(s, viewport);
        ImGuiWindow* view = ImGui::FindWindowByName("Beeld");
        ASSERT_NE(view, nullptr);
        EXPECT_EQ(view->ScrollMax.y, 0.f)
            << "the view panel needs " << view->ScrollMax.y << " px more";
    }
}

TEST(Panels, UsingWidgetsChangesStateLanguageAndScene) {
    REQUIRE_DISPLAY();
    test::HiddenWindow hidden;
    ASSERT_NE(hidden.window, nullptr);
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);
    auto view = test::viewportFor(s);
    auto& viewport = *view;
    Ui ui(1600, 900);
    ui.frame(s, viewport);
    viewport.render();
    const std::size_t both = viewport.drawnSegments();
    ASSERT_GT(both, 0u);

    // Switching a layer off: hidden in the options and the scene rebuilt without it.
    ASSERT_TRUE(Ui::press("Lagen en diepte", "klic (1)"));
    ui.frame(s, viewport);
    EXPECT_EQ(s.options.hiddenLayers.count("klic"), 1u);
    EXPECT_FALSE(s.rebuildScene) << "the change should have been applied";
    viewport.render();
    EXPECT_GT(viewport.drawnSegments(), 0u);  // the sewer pipe
    EXPECT_LT(viewport.drawnSegments(), both);
    ASSERT_TRUE(Ui::press("Lagen en diepte", "klic (1)"));
    ui.frame(s, viewport);
    viewport.render();
    EXPECT_EQ(viewport.drawnSegments(), both);

    // A selected object: its attributes in the selection panel (a table of rows).
    s.selectedFeature = 1;
    ui.frame(s, viewport);
    ui.frame(s, viewport);  // a window's content size is that of its previous frame
    ImGuiWindow* selection = ImGui::FindWindowByName("Selectie");
    ASSERT_NE(selection, nullptr);
    EXPECT_GT(selection->ContentSize.y, 150.f) << "the attribute rows are missing";

    // A bookmark of the current camera, and a depth slice.
    ASSERT_TRUE(Ui::press("Meten en bladwijzers", "Bladwijzer toevoegen"));
    ui.frame(s, viewport);
    ASSERT_EQ(s.bookmarks.size(), 1u);
    ASSERT_TRUE(Ui::press("Lagen en diepte", "Diepteschijf"));
    ui.frame(s, viewport);
    EXPECT_FALSE(std::isnan(s.options.sliceTopZ));

    // Groundwater sheets: offered once the project has a level, drawn when ticked.
    s.options.ghg = std::make_shared<model::GroundLevel>(3.5);
    ui.frame(s, viewport);
    ASSERT_TRUE(Ui::press("Beeld", "Grondwater (GHG licht, GLG donker blauw)"));
    ui.frame(s, viewport);
    EXPECT_TRUE(s.options.showGroundwater);
    EXPECT_FALSE(s.rebuildScene);

    // English: the same panels under their English names.
    ASSERT_TRUE(Ui::press("Beeld", "Nederlands"));
    ui.frame(s, viewport);
    EXPECT_FALSE(s.dutch);
    ui.frame(s, viewport);
    EXPECT_NE(ImGui::FindWindowByName("Layers and depth"), nullptr);
    EXPECT_NE(ImGui::FindWindowByName("Clashes"), nullptr);
    ASSERT_TRUE(Ui::press("Measure and bookmarks", "Add bookmark"));
    ui.frame(s, viewport);
    EXPECT_EQ(s.bookmarks.size(), 2u);
}

TEST(Panels, AClashsCertaintyIsRoundedButNeverToNothingOrToCertainty) {
    app::ViewerState s;
    clash::Clash c;
    c.certainty = clash::Certainty::Possible;
    c.probability = 0.003;
    EXPECT_EQ(app::certaintyLabel(s, c), "mogelijk <1 %");
    c.probability = 0.0;
    EXPECT_EQ(app::certaintyLabel(s, c), "mogelijk 0 %");
    c.certainty = clash::Certainty::Likely;
    c.probability = 0.996;
    s.dutch = false;
    EXPECT_EQ(app::certaintyLabel(s, c), "likely >99 %");
    c.certainty = clash::Certainty::Certain;
    c.probability = 1.0;
    EXPECT_EQ(app::certaintyLabel(s, c), "certain 100 %");
    c.probability = 0.644;
    EXPECT_EQ(app::certaintyLabel(s, c), "certain 64 %");
}

TEST(Panels, SewerPanelsColourByConditionFilterObservationsAndDrawTheProfile) {
    REQUIRE_DISPLAY();
    test::HiddenWindow hidden;
    ASSERT_NE(hidden.window, nullptr);
    app::ViewerState s;
    test::fillInspectedSewer(s);
    auto view = test::viewportFor(s);
    auto& viewport = *view;
    Ui ui(1600, 900);
    auto area = ui.frame(s, viewport);
    // The asset manager's column on the right, next to the 3D view, nothing overlapping.
    auto rects = panelRects({"Beeld", "Project", "Selectie", "Lagen en diepte",
                             "Meten en bladwijzers", "Riolering", "Lengteprofiel"});
    rects.push_back({"3D", {area.x, area.y, area.x + area.w, area.y + area.h}});
    for (std::size_t i = 0; i < rects.size(); ++i)
        for (std::size_t j = 0; j < i; ++j) {
            const auto& r = rects[i].second;
            const auto& q = rects[j].second;
            EXPECT_FALSE(r.x0 < q.x1 - 0.5f && q.x0 < r.x1 - 0.5f && r.y0 < q.y1 - 0.5f &&
                         q.y0 < r.y1 - 0.5f)
                << rects[i].first << " overlaps " << rects[j].first;
        }
    // Colour by condition class: the option, and the scene rebuilt.
    ASSERT_TRUE(Ui::press("Riolering", "Conditieklasse"));
    ui.frame(s, viewport);
    EXPECT_EQ(s.options.colourBy, render::RenderOptions::ColourBy::Condition);
    EXPECT_FALSE(s.rebuildScene);
    ASSERT_TRUE(Ui::press("Riolering", "Waarnemingen tonen"));
    ui.frame(s, viewport);
    EXPECT_TRUE(s.options.showObservations);
    // Without a selected pipe there is no profile button; with one, the profile of that pipe,
    // then extended with the next pipe on the route.
    s.selectedFeature = 0;
    ui.frame(s, viewport);
    ASSERT_TRUE(Ui::press("Riolering", "Lengteprofiel"));
    ui.frame(s, viewport);
    ASSERT_TRUE(s.profile.has_value()) << s.profileProblem;
    EXPECT_EQ(s.profile->pipes.size(), 1u);
    EXPECT_EQ(app::nextPipeOnRoute(s), "R2");
    ui.frame(s, viewport);
    ASSERT_TRUE(Ui::press("Riolering", "Verleng met volgende streng"));
    ui.frame(s, viewport);
    ASSERT_EQ(s.profile->pipes.size(), 2u);
    EXPECT_DOUBLE_EQ(s.profile->length, 70);
    EXPECT_EQ(s.profile->observations.size(), 2u);
    // The selected observation's details: its row in the sewer panel.
    s.selectedObservation = 0;
    ui.frame(s, viewport);
    ui.frame(s, viewport);
    ImGuiWindow* sewerPanel = ImGui::FindWindowByName("Riolering");
    ASSERT_NE(sewerPanel, nullptr);
    EXPECT_NE(ImGui::FindWindowByName("Lengteprofiel"), nullptr);
}

#include <bodemzicht/clash/ReviewStore.h>
#include <bodemzicht/sample/SampleDistrict.h>

#include "../TestSupport.h"

TEST(Panels, AClashIsReviewedFromTheListAndTheReviewIsStoredInTheProject) {
    REQUIRE_DISPLAY();
    test::HiddenWindow hidden;
    ASSERT_NE(hidden.window, nullptr);
    test::ScratchDir dir("review");
    auto project = sample::writeSampleDistrict(dir.path().string(), {});
    ASSERT_TRUE(project);
    auto r = test::run(std::string(BODEMZICHT_BINARY_DIR) + "/tools/bodem clash " + *project);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    app::ViewerState s;
    ASSERT_TRUE(app::openProject(s, *project, ""));
    ASSERT_FALSE(s.clashes.clashes.empty());
    s.options.width = 320;
    s.options.height = 240;
    auto view = test::viewportFor(s);
    Ui ui(1600, 900);
    ui.frame(s, *view);
    app::selectClash(s, *view, 0);
    ui.frame(s, *view);
    // Dutch names in the Dutch interface: the review's status buttons.
    ASSERT_TRUE(Ui::press("Conflicten", "geaccepteerd"));
    ui.frame(s, *view);
    EXPECT_EQ(s.reviewStatus, clash::ClashStatus::Approved);
    std::snprintf(s.reviewNote, sizeof s.reviewNote, "%s", "proefsleuf gegraven, ligt dieper");
    ASSERT_TRUE(Ui::press("Conflicten", "Beoordeling opslaan"));
    ui.frame(s, *view);
    EXPECT_EQ(s.reviewProblem, "");
    EXPECT_EQ(s.clashes.clashes[0].status, clash::ClashStatus::Approved);
    auto stored = clash::readReviews(*project);
    ASSERT_TRUE(stored) << stored.error().toString();
    const auto& rec = stored->at(s.clashes.clashes[0].id);
    EXPECT_EQ(rec.status, clash::ClashStatus::Approved);
    EXPECT_EQ(rec.note, "proefsleuf gegraven, ligt dieper");
}

TEST(Panels, TheClashListIsFilteredSortedGroupedSteppedAndSearched) {
    REQUIRE_DISPLAY();
    test::HiddenWindow hidden;
    ASSERT_NE(hidden.window, nullptr);
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);
    // Three more clashes: kinds, owners and distances that differ.
    auto base = s.clashes.clashes[0];
    base.aOwner = "Vitens";
    base.distanceM = 0.30;
    s.clashes.clashes[0] = base;
    for (auto [id, kind, owner, distance] :
         {std::tuple{"C2", clash::ClashKind::Hard, "Liander", -0.05},
          std::tuple{"C3", clash::ClashKind::Clearance, "Liander", 0.10},
          std::tuple{"C4", clash::ClashKind::Hard, "Vitens", -0.20}}) {
        auto c = base;
        c.id = id;
        c.kind = kind;
        c.aOwner = owner;
        c.distanceM = distance;
        s.clashes.clashes.push_back(c);
    }
    render::Viewport viewport(s.dataset, s.ground, s.options);
    viewport.initializeFromCurrentContext();
    Ui ui(1600, 900);
    ui.frame(s, viewport);
    auto listed = [&] {
        std::vector<std::string> ids;
        for (const auto& r : app::clashRows(s))
            if (r.clash >= 0)
                ids.push_back(s.clashes.clashes[static_cast<std::size_t>(r.clash)].id);
        return ids;
    };
    EXPECT_EQ(listed(), (std::vector<std::string>{"C1", "C2", "C3", "C4"}));
    // Filter: untick "harde botsing" in the row of kinds.
    ImGuiWindow* list = ImGui::FindWindowByName("Conflicten");
    ASSERT_NE(list, nullptr);
    const std::string hard(clash::dutchName(clash::ClashKind::Hard));
    ImGui::ActivateItem(ImHashStr(hard.c_str(), 0, list->GetID("kinds")));
    ui.frame(s, viewport);
    ui.frame(s, viewport);
    EXPECT_EQ(listed(), (std::vector<std::string>{"C1", "C3"}));
    ImGui::ActivateItem(ImHashStr(hard.c_str(), 0, list->GetID("kinds")));
    ui.frame(s, viewport);
    ui.frame(s, viewport);
    ASSERT_EQ(listed().size(), 4u);
    // Sort by distance through the combo: open it, then choose "afstand" in its popup.
    ASSERT_TRUE(Ui::press("Conflicten", "##sort"));
    ui.frame(s, viewport);
    ui.frame(s, viewport);
    ASSERT_TRUE(Ui::press("##Combo_00", "afstand"));
    ui.frame(s, viewport);
    ui.frame(s, viewport);
    EXPECT_EQ(s.clashList.sortBy, app::ClashKey::Distance);
    EXPECT_EQ(listed(), (std::vector<std::string>{"C4", "C2", "C3", "C1"}));
    // Group by owner: a heading per owner, the clashes under it still by distance.
    ASSERT_TRUE(Ui::press("Conflicten", "##group"));
    ui.frame(s, viewport);
    ui.frame(s, viewport);
    ASSERT_TRUE(Ui::press("##Combo_00", "eigenaar"));
    ui.frame(s, viewport);
    ui.frame(s, viewport);
    std::vector<std::string> headings;
    for (const auto& r : app::clashRows(s))
        if (r.clash < 0) headings.push_back(r.group + ":" + std::to_string(r.count));
    EXPECT_EQ(headings, (std::vector<std::string>{"Liander:2", "Vitens:2"}));
    EXPECT_EQ(listed(), (std::vector<std::string>{"C2", "C3", "C4", "C1"}));
    // N and P step through the list as shown.
    auto key = [&](int k) {
        ImGui::GetIO().KeysDown[k] = true;
        ui.frame(s, viewport);
        ImGui::GetIO().KeysDown[k] = false;
        ui.frame(s, viewport);
        return s.selectedClash < 0
                   ? std::string()
                   : s.clashes.clashes[static_cast<std::size_t>(s.selectedClash)].id;
    };
    EXPECT_EQ(key('N'), "C2");
    EXPECT_EQ(key('N'), "C3");
    EXPECT_EQ(key('N'), "C4");
    EXPECT_EQ(key('P'), "C3");
    // Search by id: a clash, then an object.
    std::snprintf(s.searchText, sizeof s.searchText, "%s", "C1");
    ASSERT_TRUE(Ui::press("Beeld", "Zoek"));
    ui.frame(s, viewport);
    EXPECT_EQ(s.clashes.clashes[static_cast<std::size_t>(s.selectedClash)].id, "C1");
    std::snprintf(s.searchText, sizeof s.searchText, "%s", "W");
    ASSERT_TRUE(Ui::press("Beeld", "Zoek"));
    ui.frame(s, viewport);
    ASSERT_GE(s.selectedFeature, 0);
    EXPECT_EQ(s.dataset.features[static_cast<std::size_t>(s.selectedFeature)].id, "W");
    std::snprintf(s.searchText, sizeof s.searchText, "%s", "nergens");
    ASSERT_TRUE(Ui::press("Beeld", "Zoek"));
    ui.frame(s, viewport);
    EXPECT_NE(s.searchResult.find("niets gevonden"), std::string::npos) << s.searchResult;
}

TEST(Panels, ASliceValueTypedAfterCtrlClickIsApplied) {
    REQUIRE_DISPLAY();
    test::HiddenWindow hidden;
    ASSERT_NE(hidden.window, nullptr);
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);
    render::Viewport viewport(s.dataset, s.ground, s.options);
    viewport.initializeFromCurrentContext();
    Ui ui(1600, 900);
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Enter] = 257;  // as the GLFW backend maps it
    app::setDepthSlice(s, true, false);
    ui.frame(s, viewport);
    // Find the top slider on screen by hovering down the panel.
    ImGuiWindow* w = ImGui::FindWindowByName("Lagen en diepte");
    ASSERT_NE(w, nullptr);
    const ImGuiID id = w->GetID("bovenkant (m NAP)");
    ImVec2 at(-1, -1);
    for (float y = w->Pos.y; y < w->Pos.y + w->Size.y && at.x < 0; y += 3) {
        io.MousePos = ImVec2(w->Pos.x + 60, y);
        ui.frame(s, viewport);
        if (ImGui::GetCurrentContext()->HoveredId == id) at = io.MousePos;
    }
    ASSERT_GE(at.x, 0) << "slider not found";
    // Ctrl+click turns it into a text field; type 2.5 and press Enter.
    const int before = s.sceneRebuilds;
    io.KeyCtrl = true;
    io.MouseDown[0] = true;
    ui.frame(s, viewport);
    io.MouseDown[0] = false;
    io.KeyCtrl = false;
    ui.frame(s, viewport);
    ASSERT_EQ(ImGui::GetCurrentContext()->ActiveId, id) << "not in text input";
    io.AddInputCharactersUTF8("2.5");
    ui.frame(s, viewport);
    io.KeysDown[257] = true;
    ui.frame(s, viewport);
    io.KeysDown[257] = false;
    io.MousePos = ImVec2(-1, -1);
    ui.frame(s, viewport);
    ui.frame(s, viewport);
    EXPECT_DOUBLE_EQ(s.options.sliceTopZ, 2.5);
    EXPECT_GT(s.sceneRebuilds, before) << "the typed value never reached the scene";
    EXPECT_FALSE(s.slicePending);
}

TEST(Panels, MeasuringTextIsShownInFullInTheNarrowColumn) {
    REQUIRE_DISPLAY();
    test::HiddenWindow hidden;
    ASSERT_NE(hidden.window, nullptr);
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);
    s.ground = model::GroundLevel(5.0);
    render::Viewport viewport(s.dataset, s.ground, s.options);
    viewport.initializeFromCurrentContext();
    Ui ui(1280, 720);
    app::addMeasuringPoint(s, {test::kViewerX0 + 0.123, test::kViewerY0 + 0.456, 4.0},
                           "knikpunt WATERLEIDING-123456789");
    app::addMeasuringPoint(s, {test::kViewerX0 + 10.5, test::kViewerY0 + 10.25, 3.5},
                           "as LAAGSPANNING-987654321");
    ui.frame(s, viewport);
    ui.frame(s, viewport);
    ImGuiWindow* w = ImGui::FindWindowByName("Meten en bladwijzers");
    ASSERT_NE(w, nullptr);
    // Nothing runs past the panel's right edge: the lines wrap.
    EXPECT_LE(w->ContentSize.x, w->Size.x)
        << "content " << w->ContentSize.x << " in a window of " << w->Size.x;
}

TEST(Panels, TheCrossSectionPanelIsLinkedToThe3dView) {
    REQUIRE_DISPLAY();
    test::HiddenWindow hidden;
    ASSERT_NE(hidden.window, nullptr);
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);  // LS along y0, water along y0 + 10, both at 4 m NAP
    s.ground = model::GroundLevel(5.0);
    render::Viewport viewport(s.dataset, s.ground, s.options);
    viewport.initializeFromCurrentContext();
    Ui ui(1600, 900);
    // Two measuring points across both networks, then the button under the measurement.
    app::addMeasuringPoint(s, {test::kViewerX0 + 5, test::kViewerY0 - 2, 5});
    app::addMeasuringPoint(s, {test::kViewerX0 + 5, test::kViewerY0 + 12, 5});
    ui.frame(s, viewport);
    ui.frame(s, viewport);
    // The button is under the measurement: scrolled into view as a user would.
    ImGuiWindow* measure = ImGui::FindWindowByName("Meten en bladwijzers");
    ASSERT_NE(measure, nullptr);
    ImGui::SetScrollY(measure, measure->ScrollMax.y);
    ui.frame(s, viewport);
    ASSERT_TRUE(Ui::press("Meten en bladwijzers", "Dwarsprofiel hierlangs"));
    ui.frame(s, viewport);
    ui.frame(s, viewport);
    ASSERT_TRUE(s.section.has_value()) << s.sectionProblem;
    ASSERT_EQ(s.section->cuts.size(), 2u);
    EXPECT_EQ(s.section->cuts[0].id, "LS");
    EXPECT_NEAR(s.section->cuts[0].offsetM, 2.0, 1e-9);
    EXPECT_NEAR(s.section->cuts[1].offsetM, 12.0, 1e-9);
    EXPECT_NEAR(s.section->cuts[1].topBelowGroundM, 0.9, 1e-6);
    // Free space for a 160 mm cable is shaded; a 1.5 m pipe 5 m from everything fits nowhere.
    ASSERT_TRUE(s.sectionFree.has_value());
    EXPECT_GT(s.sectionFree->freeAreaM2, 10.0);
    s.freeDiameterMm = 1500;
    s.freeClearanceM = 5.0f;
    app::sectionFromMeasurement(s);
    EXPECT_EQ(s.sectionFree->freeAreaM2, 0.0);
    s.freeDiameterMm = 160;
    s.freeClearanceM = 0.3f;
    app::sectionFromMeasurement(s);  // the 0.2 m main's top at 4.1 (float size)
    ui.frame(s, viewport);
    ASSERT_EQ(s.sectionCutRects.size(), 2u);
    // Hovering the water main in the section highlights it in 3D and tells what it is.
    const auto r = s.sectionCutRects[1];
    ImGui::GetIO().MousePos = ImVec2((r[0] + r[2]) / 2, (r[1] + r[3]) / 2);
    ui.frame(s, viewport);
    ui.frame(s, viewport);
    EXPECT_EQ(s.sectionHover, 1);
    ImGui::GetIO().MousePos = ImVec2(-1, -1);
    ui.frame(s, viewport);
    EXPECT_EQ(s.sectionHover, -1);
    // Without two points: said, no section.
    app::ViewerState empty;
    test::fillTwoNetworksAndAClash(empty);
    app::sectionFromMeasurement(empty);
    EXPECT_FALSE(empty.section.has_value());
    EXPECT_NE(empty.sectionProblem.find("twee meetpunten"), std::string::npos);
}

TEST(Panels, FitHereDrawsWhereANewCableFitsAlongTheMeasuredLine) {
    REQUIRE_DISPLAY();
    test::HiddenWindow hidden;
    ASSERT_NE(hidden.window, nullptr);
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);  // LS along y0 and water along y0 + 10, at 4 m NAP
    s.ground = model::GroundLevel(5.0);
    render::Viewport viewport(s.dataset, s.ground, s.options);
    viewport.initializeFromCurrentContext();
    // Along the middle of the street, 30 m.
    app::addMeasuringPoint(s, {test::kViewerX0 - 15, test::kViewerY0 + 5, 5});
    app::addMeasuringPoint(s, {test::kViewerX0 + 15, test::kViewerY0 + 5, 5});
    app::fitAlongMeasurement(s, viewport);
    ASSERT_TRUE(s.fit.has_value()) << s.fitProblem;
    EXPECT_NEAR(s.fit->fittedLengthM, 30, 1.0);
    EXPECT_TRUE(s.fit->blocked.empty());
    ASSERT_FALSE(s.options.overlayLines.empty());
    EXPECT_EQ(s.options.overlayLines.front().colour.g, 200);  // the fitted route, green
    EXPECT_NE(app::fitSummary(s).find("160 mm past over"), std::string::npos) << app::fitSummary(s);
    // Every fitted point keeps the rule set's distance from both networks in plan.
    for (const auto& p : s.fit->runs.front()) {
        EXPECT_GT(std::abs(p.axis.y - test::kViewerY0), 0.2);
        EXPECT_GT(std::abs(p.axis.y - test::kViewerY0 - 10), 0.2);
    }
    // One point only: said.
    s.measured.pop_back();
    app::fitAlongMeasurement(s, viewport);
    EXPECT_FALSE(s.fit.has_value());
    EXPECT_NE(s.fitProblem.find("twee meetpunten"), std::string::npos);
}

TEST(Panels, TheDesignPanelDrawsUndoesAndSaysWhyAMeasureIsRefused) {
    REQUIRE_DISPLAY();
    test::HiddenWindow hidden;
    ASSERT_NE(hidden.window, nullptr);
    app::ViewerState s;
    test::fillTwoNetworksAndAClash(s);
    s.ground = model::GroundLevel(5.0);
    auto view = test::viewportFor(s);
    auto& viewport = *view;
    Ui ui(1600, 900);
    ui.frame(s, viewport);
    ASSERT_TRUE(Ui::press("Ontwerpen", "Tekenen"));
    ui.frame(s, viewport);
    EXPECT_TRUE(s.design.drawing);
    EXPECT_TRUE(s.design.active);
    // Done with one point: refused, with the reason, still drawing.
    app::addDraftPoint(s, viewport, {test::kViewerX0, test::kViewerY0 - 3});
    ui.frame(s, viewport);
    ASSERT_TRUE(Ui::press("Ontwerpen", "Klaar"));
    ui.frame(s, viewport);
    EXPECT_NE(s.design.problem.find("at least 2 points"), std::string::npos) << s.design.problem;
    EXPECT_TRUE(s.design.drawing);
    app::addDraftPoint(s, viewport, {test::kViewerX0, test::kViewerY0 + 3});
    ASSERT_TRUE(Ui::press("Ontwerpen", "Klaar"));
    ui.frame(s, viewport);
    ASSERT_TRUE(s.design.editor);
    ASSERT_EQ(s.design.editor->measures().size(), 1u);
    EXPECT_FALSE(s.design.drawing);
    EXPECT_GT(s.clashes.clashes.size(), 1u);  // the fixture's clash and the new heat network's
    // Stored from the panel into the project (written here from the fixture).
    test::ScratchDir dir("design_panel");
    s.projectPath = dir.file("p.gpkg");
    {
        model::Dataset base;
        model::appendDataset(s.dataset, base, [&](std::uint32_t i) {
            return s.dataset.features[i].status != model::ObjectStatus::Proposed;
        });
        ASSERT_TRUE(io::writeProject(base, s.projectPath));
    }
    ASSERT_TRUE(Ui::press("Ontwerpen", "Opslaan in project *"));
    ui.frame(s, viewport);
    EXPECT_TRUE(s.design.problem.empty()) << s.design.problem;
    auto stored = io::readDesign(s.projectPath);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->features.size(), 2u);  // the heat network's two pipes
    EXPECT_FALSE(s.design.editor->unsaved());
    // Undo from the panel: gone, the list back to the fixture's clash.
    ASSERT_TRUE(Ui::press("Ontwerpen", "Ongedaan maken"));
    ui.frame(s, viewport);
    EXPECT_TRUE(s.design.editor->measures().empty());
    EXPECT_EQ(s.clashes.clashes.size(), 1u);
}

TEST(Panels, TheProjectsSoilModelIsOpenedForTheView) {
    REQUIRE_DISPLAY();
    test::HiddenWindow hidden;
    ASSERT_NE(hidden.window, nullptr);
    test::ScratchDir dir("panel_soil");
    auto project = sample::writeSampleDistrict(dir.path().string(), {});
    ASSERT_TRUE(project) << project.error().toString();
    app::ViewerState s;
    ASSERT_TRUE(app::openProject(s, *project, ""));
    ASSERT_TRUE(s.options.soil) << "the sample's GeoTOP block is the project's soil model";
    EXPECT_TRUE(s.options.soil->variable("lithok").has_value());
    // Shown and filtered through the options the layers panel sets; the scene takes them.
    s.options.showSoil = true;
    s.options.hiddenLithoclasses = {0};
    auto view = test::viewportFor(s);
    view->render();
    view->rebuild(s.options);
    view->render();
    // Its stratigraphic units for the unit filter, as the grid holds them.
    EXPECT_FALSE(s.soilUnits.empty());
    EXPECT_TRUE(std::is_sorted(s.soilUnits.begin(), s.soilUnits.end()));
    // The contamination surfaces at their intervention values: lead in soil (530 mg/kg ds),
    // benzene in groundwater (30 ug/l, not the soil's 1.1 mg/kg ds).
    ASSERT_EQ(s.options.contamination.size(), s.interventionLevels.size());
    std::map<std::string, double> levels;
    for (const auto& iso : s.options.contamination) levels[iso.name] = iso.level;
    EXPECT_DOUBLE_EQ(levels["lood (contamination_plume)"], 530);
    EXPECT_DOUBLE_EQ(levels["benzeen (contamination_plume)"], 30);
    // Cut by the cross-section: the voxels behind the line between the measuring points, and
    // the cut follows a new section.
    s.measured = {{251300, 476500, 24}, {251300, 476560, 24}};
    app::sectionFromMeasurement(s);
    ASSERT_TRUE(s.section) << s.sectionProblem;
    s.cutSoilBySection = true;
    app::applySoilCut(s);
    ASSERT_TRUE(s.options.soilCut);
    EXPECT_DOUBLE_EQ(s.options.soilCut->second.y, 476560);
    s.measured = {{251300, 476500, 24}, {251360, 476500, 24}};
    app::sectionFromMeasurement(s);
    ASSERT_TRUE(s.options.soilCut);
    EXPECT_DOUBLE_EQ(s.options.soilCut->second.x, 251360);
    EXPECT_TRUE(s.rebuildScene);
    s.cutSoilBySection = false;
    app::applySoilCut(s);
    EXPECT_FALSE(s.options.soilCut);
}
