// The viewer's state: the loaded project, its clashes and what the user has selected.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/design/CrossSection.h>
#include <bodemzicht/design/FreeSpace.h>
#include <bodemzicht/design/StreetProfile.h>
#include <bodemzicht/io/Bookmarks.h>
#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/io/Raster.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/DatasetSummary.h>
#include <bodemzicht/render/SceneRenderer.h>
#include <bodemzicht/sewer/LongitudinalProfile.h>

#include <array>
#include <optional>

#include "ClashList.h"
#include "DesignSession.h"
#include "Planning.h"

namespace bz::app {

struct ViewerState {
    std::string projectPath;
    model::Dataset dataset;
    model::DatasetSummary summary;  // computed once: at a million segments it takes ~0.5 s
    io::ImportReport loadReport;
    // Parts of the project that could not be read (a raster, the stored clashes, bookmarks);
    // the rest shows, and the project panel lists these.
    std::vector<std::string> problems;
    model::GroundLevel ground;
    clash::ClashReport clashes;
    render::RenderOptions options;
    long selectedFeature = -1;
    int selectedClash = -1;
    // The clash list as the user filtered, sorted and grouped it; rows recomputed when dirty.
    ClashListSettings clashList;
    std::vector<ClashListRow> clashRows;
    bool clashRowsDirty = true;
    char ownerFilter[64] = "", proposalFilter[64] = "";
    // Search by object or clash id, and what it found.
    char searchText[96] = "";
    std::string searchResult;
    long selectedObservation = -1;  // index into dataset.observations
    // The review being edited for the selected clash, and why storing it failed.
    clash::ClashStatus reviewStatus = clash::ClashStatus::Approved;
    char reviewNote[256] = "";
    std::string reviewProblem;
    // The longitudinal profile shown (sewer pipe ids along the route), and why it is not.
    std::vector<std::string> profileRoute;
    std::optional<sewer::LongitudinalProfile> profile;
    std::string profileProblem;
    char observationCodes[128] = "";
    std::optional<std::array<int, 6>>
        pipesPerClass;  // sewer pipes per condition class (0: none)  // the marker filter as typed,
                        // e.g. BAB, BBA
    bool dutch = true;  // labels in Dutch by default
    bool rebuildScene = false;      // visibility or slice changed
    bool sliceBelowGround = false;  // the depth slice in m below ground instead of m NAP
    bool slicePending = false;      // a slice value changed; applied once its slider is let go
    int sceneRebuilds = 0;          // how often the scene was rebuilt (tests, diagnostics)
    // The cross-section between the measuring points, its deviations from the street profile,
    // the cut hovered in the 2D panel (index, -1) and where each cut was drawn (screen pixels),
    // the object under the mouse in 3D (-1), and why there is no section.
    std::optional<design::CrossSection> section;
    std::vector<design::Deviation> sectionDeviations;
    long sectionHover = -1;
    std::vector<std::array<float, 4>> sectionCutRects;  // x0, y0, x1, y1 per cut
    long hovered3d = -1;
    std::string sectionProblem;
    // Free space in the section for a new network of this diameter and clearance (shaded).
    int freeDiameterMm = 160;
    float freeClearanceM = 0.3f;
    std::optional<design::FreeArea> sectionFree;
    // "Fit here": where a new cable of freeDiameterMm fits along the measured line (the clash
    // core's check included), drawn in 3D; why not, when not.
    std::optional<design::FreeSpaceResult> fit;
    std::string fitProblem;
    std::vector<render::RenderOptions::OverlayLine> fitLines;  // its lines in 3D
    // Drawing measures (panel "Ontwerpen"): declared after the dataset, whose objects the
    // editor appends to and takes back when it goes.
    DesignSession design;
    // The works plan (panel "Werkenplan").
    PlanSession planning;
    bool lens = false;  // see-through lens following the mouse
    // The soil model's stratigraphic units (strat voxel codes present), for the unit filter; the
    // intervention value of each contamination surface (options.contamination), to go back to.
    std::vector<int> soilUnits;
    std::vector<double> interventionLevels;
    bool cutSoilBySection = false;  // the voxels behind the cross-section only
    // Measuring: the last two picked points (RD/NAP).
    std::vector<core::Vec3> measured;
    std::vector<std::string> measuredSnap;  // per point what it snapped to ("as LS-1"), or ""
    // Camera bookmarks (RD/NAP, no exaggeration), kept in the project; why saving failed, if so.
    std::vector<io::CameraBookmark> bookmarks;
    std::string bookmarkProblem;
    char bookmarkName[64] = "";
};

// Opens a project (and its ground-level raster) and, optionally, a clash report CSV.
core::Result<void> openProject(ViewerState& state, const std::string& project,
                               const std::string& clashReport);

// The markers of state.clashes in state.options (shown at the next rebuild).
void refreshClashMarkers(ViewerState& state);

// The bundled sample: generated once into the user's cache folder.
core::Result<std::string> bundledSample();

// Selects a clash of the report: both objects (found by id) get the envelope of the violated
// clearance and the camera flies to the clash (clash::clashView).
void selectClash(ViewerState& state, render::Viewport& viewport, int index);
// The envelope of a clash's objects, found by id (the existing one and the proposed one).
render::RenderOptions::Highlight clashHighlight(const ViewerState& state, const clash::Clash& c);
// The camera of clash::clashView as the renderer takes it.
render::WorldCamera clashCamera(const clash::Clash& c);
// The index of the clash with this id in the report, or -1.
int findClash(const ViewerState& state, const std::string& id);
// Finds a clash or an object by its id (exactly, else the first whose id contains the text) and
// selects it: a clash as selectClash does, an object with the camera above it. Says in
// state.searchResult what was found; false when nothing was.
bool searchById(ViewerState& state, render::Viewport& viewport, const std::string& text);
// The clash list's rows, recomputed when the settings or a review changed them.
const std::vector<ClashListRow>& clashRows(ViewerState& state);
// Selects the next (step 1) or previous (-1) clash of the list as the user sees it.
void stepClash(ViewerState& state, render::Viewport& viewport, int step);

// Bookmarks the camera under `name` (numbered when empty) and stores the list in the project.
void addBookmark(ViewerState& state, const render::Viewport& viewport, std::string name);
// Moves the camera to a bookmark, at the current vertical exaggeration.
void goToBookmark(ViewerState& state, render::Viewport& viewport, std::size_t index);
void removeBookmark(ViewerState& state, std::size_t index);

// Switches the depth slice on (a 3 m slab from the top of the data, or 0-1.5 m below ground) or
// off, in m NAP or in m below ground.
void setDepthSlice(ViewerState& state, bool on, bool belowGround);

// The overlay lines of the fitted route and of the measures being drawn, in 3D: in the options
// (compose) and also in the view (show).
void composeOverlayLines(ViewerState& state);
void showOverlayLines(ViewerState& state, render::Viewport& viewport);

// "Label" in the chosen language.
const char* tr(const ViewerState& s, const char* dutch, const char* english);

}  // namespace bz::app
