#include "ViewerState.h"

#include "Designing.h"

#include <bodemzicht/clash/ClashView.h>

#include <bodemzicht/clash/ReportStore.h>
#include <bodemzicht/clash/ReportWriter.h>
#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/io/BasemapStore.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/StreetStore.h>
#include <bodemzicht/sample/SampleDistrict.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace bz::app {

core::Result<void> openProject(ViewerState& state, const std::string& project,
                               const std::string& clashReport) {
    state.projectPath = project;
    auto ds = io::readProject(project, state.loadReport);
    if (!ds) return std::unexpected(ds.error());
    state.dataset = std::move(*ds);
    state.summary = model::summarize(state.dataset);
    // What the project refers to besides its objects: a part that cannot be read is left out
    // and said, the rest still shows.
    if (auto ground = io::openFieldRaster(state.dataset, "ground_level"))
        state.ground = std::move(*ground);
    else
        state.problems.push_back("ground level not shown: " + ground.error().toString());
    // A project on one ground level (bodem ground --level) has no raster: that level.
    if (!state.ground.available() &&
        state.dataset.ground.kind == model::GroundBasis::Kind::Constant)
        state.ground = model::GroundLevel(state.dataset.ground.level);
    // Groundwater levels, when the project lists them: drawn as sheets on request (view panel).
    for (auto [name, level] : {std::pair{"ghg", &state.options.ghg}, {"glg", &state.options.glg}}) {
        auto raster = io::openFieldRaster(state.dataset, name);
        if (!raster)
            state.problems.push_back(std::string("groundwater level ") + name +
                                     " not shown: " + raster.error().toString());
        else if (raster->available())
            *level = std::make_shared<const model::GroundLevel>(std::move(*raster));
    }
    // Contamination grids: the surface at the intervention value of each substance the rule set
    // has one for, shown on request (layers panel).
    for (const auto& f : state.dataset.fields) {
        if (!f.name.starts_with("contamination") || f.kind != model::FieldKind::Grid3d) continue;
        auto grid = io::openField(f);
        if (!grid) {
            state.problems.push_back("contamination grid not shown: " + grid.error().toString());
            continue;
        }
        static const render::Rgb palette[] = {
            {120, 70, 40}, {150, 40, 150}, {40, 110, 150}, {170, 120, 20}};
        for (std::size_t v = 0; v < (*grid)->variables().size(); ++v) {
            const auto& var = (*grid)->variables()[v];
            // Per litre: groundwater, against its own intervention value.
            const auto* limit = clash::RuleSet::dutchDefault().interventionValue(
                clash::perLitre(var.unit) ? "grondwater" : "grond", var.name);
            if (!limit) continue;
            const auto n = state.options.contamination.size();
            state.options.contamination.push_back(
                {var.name + " (" + f.name + ")", *grid, v, limit->value, palette[n % 4]});
            state.interventionLevels.push_back(limit->value);
        }
    }
    // WKO wells: their thermal radius over their screen, shown on request (layers panel).
    for (const auto& f : state.dataset.features) {
        const auto* w = state.dataset.wellOf(f);
        if (!w || f.kind() != model::GeometryKind::VerticalBody) continue;
        const double r = clash::RuleSet::dutchDefault().thermalRadius(
            w->storedVolumeM3, w->screenTopZ - w->screenBottomZ);
        if (!(r > 0)) continue;
        state.options.thermalZones.push_back({state.dataset.bodies[f.geometry].center,
                                              w->screenTopZ, w->screenBottomZ, r,
                                              w->temperature != "koud"});
    }
    // The soil model, shown as voxels on request (layers panel).
    for (const auto& f : state.dataset.fields) {
        if (f.name != "geotop" || f.kind != model::FieldKind::Grid3d) continue;
        if (auto grid = io::openField(f)) {
            state.options.soil = *grid;
            // Its stratigraphic units, for the filter.
            if (auto strat = (*grid)->variable("strat")) {
                std::set<int> units;
                const auto& g = (*grid)->grid();
                for (int k = 0; k < g.nz; ++k)
                    for (int j = 0; j < g.ny; ++j)
                        for (int i = 0; i < g.nx; ++i) {
                            const double u = (*grid)->cellValue(*strat, i, j, k);
                            if (!std::isnan(u)) units.insert(static_cast<int>(u));
                        }
                state.soilUnits.assign(units.begin(), units.end());
            }
        } else
            state.problems.push_back("soil model not shown: " + grid.error().toString());
    }
    if (auto map = io::readBasemap(project)) {
        if (!map->empty())
            state.options.basemap = std::make_shared<const model::Basemap>(std::move(*map));
    } else {
        state.problems.push_back("base map not shown: " + map.error().toString());
    }
    if (auto saved = io::readBookmarks(project))
        state.bookmarks = std::move(*saved);
    else
        state.problems.push_back("bookmarks not read: " + saved.error().toString());
    // The clash report given, else the one the last `bodem clash` stored in the project.
    std::optional<clash::ClashReport> clashes;
    if (!clashReport.empty()) {
        auto report = clash::readCsv(clashReport);
        if (!report) return std::unexpected(report.error());
        clashes = std::move(*report);
    } else if (auto stored = clash::readStoredReport(project)) {
        clashes = std::move(*stored);
    } else {
        state.problems.push_back("clashes of the last run not shown: " + stored.error().toString());
    }
    if (clashes) {
        state.clashes = std::move(*clashes);
        refreshClashMarkers(state);
    }
    if (auto streets = io::readStreets(project))
        state.design.streets = std::move(*streets);
    else
        state.problems.push_back("street segments not read: " + streets.error().toString());
    // Measures drawn and stored earlier: editable again, their clashes re-checked.
    loadStoredMeasures(state);
    return {};
}

void refreshClashMarkers(ViewerState& state) {
    state.options.clashes.clear();
    for (const auto& c : state.clashes.clashes)
        state.options.clashes.push_back({c.location(), std::string(clash::toCode(c.kind)), c.id,
                                         std::string(clash::toCode(c.certainty))});
}

render::RenderOptions::Highlight clashHighlight(const ViewerState& s, const clash::Clash& c) {
    // Through the id index. Ids are unique per source, not across sources: the existing object
    // is one that is not a proposal, the proposed one a proposal, where ids repeat.
    auto pick = [&](const std::string& id, bool proposed) {
        long found = -1;
        for (std::uint32_t k : s.dataset.findAll(id)) {
            const bool isProposal = s.dataset.features[k].status == model::ObjectStatus::Proposed;
            if (found < 0 || isProposal == proposed) found = static_cast<long>(k);
            if (isProposal == proposed) break;
        }
        return found;
    };
    const long fa = pick(c.aId, false), fb = pick(c.bId, true);
    return {fa, fb, std::isnan(c.requiredM) ? 0.0 : c.requiredM, std::string(clash::toCode(c.kind)),
            c.location()};
}

render::WorldCamera clashCamera(const clash::Clash& c) {
    const auto v = clash::clashView(c);
    return {v.position, v.focalPoint, v.viewUp, v.fieldOfViewDeg, 0};
}

void selectClash(ViewerState& s, render::Viewport& viewport, int index) {
    if (index < 0 || index >= static_cast<int>(s.clashes.clashes.size())) return;
    const auto& c = s.clashes.clashes[static_cast<std::size_t>(index)];
    s.selectedClash = index;
    s.reviewStatus = c.status == clash::ClashStatus::New ? clash::ClashStatus::Active : c.status;
    s.reviewNote[0] = '\0';
    s.reviewProblem.clear();
    s.options.highlight = clashHighlight(s, c);
    viewport.setHighlight(s.options.highlight);
    // The view of clash::clashView, as `bodemzicht --clash ID` and the BCF viewpoints show it.
    viewport.lookFrom(clashCamera(c));
}

void composeOverlayLines(ViewerState& s) {
    s.options.overlayLines = s.fitLines;
    s.options.overlayLines.insert(s.options.overlayLines.end(), s.design.lines.begin(),
                                  s.design.lines.end());
    s.options.overlayLines.insert(s.options.overlayLines.end(), s.planning.lines.begin(),
                                  s.planning.lines.end());
}

void showOverlayLines(ViewerState& s, render::Viewport& viewport) {
    composeOverlayLines(s);
    viewport.setOverlayLines(s.options.overlayLines);
}

int findClash(const ViewerState& s, const std::string& id) {
    for (std::size_t i = 0; i < s.clashes.clashes.size(); ++i)
        if (s.clashes.clashes[i].id == id) return static_cast<int>(i);
    return -1;
}

bool searchById(ViewerState& s, render::Viewport& viewport, const std::string& raw) {
    std::string text = raw;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.erase(0, 1);
    if (text.empty()) {
        s.searchResult.clear();
        return false;
    }
    const bool nl = s.dutch;
    if (int c = findClash(s, text); c >= 0) {
        selectClash(s, viewport, c);
        s.searchResult = (nl ? "conflict " : "clash ") + text;
        return true;
    }
    std::optional<std::uint32_t> feature = s.dataset.find(text);
    if (!feature)  // a part of an id: the first object whose id contains it
        for (std::uint32_t i = 0; i < s.dataset.features.size() && !feature; ++i)
            if (s.dataset.features[i].id.find(text) != std::string::npos) feature = i;
    if (!feature) {
        for (std::size_t i = 0; i < s.clashes.clashes.size(); ++i)
            if (s.clashes.clashes[i].id.find(text) != std::string::npos) {
                selectClash(s, viewport, static_cast<int>(i));
                s.searchResult = (nl ? "conflict " : "clash ") + s.clashes.clashes[i].id;
                return true;
            }
        s.searchResult = (nl ? "niets gevonden met id " : "nothing found with id ") + text;
        return false;
    }
    const auto& f = s.dataset.features[*feature];
    s.selectedFeature = static_cast<long>(*feature);
    const auto b = s.dataset.featureBounds(f);
    const core::Vec3 centre = (b.lo + b.hi) * 0.5;
    const double size = std::max({b.hi.x - b.lo.x, b.hi.y - b.lo.y, 4.0});
    viewport.flyTo(std::isnan(centre.z) ? core::Vec3{centre.x, centre.y, 0} : centre,
                   std::min(size * 1.5, 500.0));
    s.searchResult = (nl ? "object " : "object ") + f.id;
    return true;
}

const std::vector<ClashListRow>& clashRows(ViewerState& s) {
    if (s.clashRowsDirty) {
        s.clashRows = clashListRows(s.clashes, s.clashList, s.dutch);
        s.clashRowsDirty = false;
    }
    return s.clashRows;
}

void stepClash(ViewerState& s, render::Viewport& viewport, int step) {
    const int next = neighbourClash(clashRows(s), s.selectedClash, step);
    if (next >= 0 && next != s.selectedClash) selectClash(s, viewport, next);
}

void setDepthSlice(ViewerState& s, bool on, bool belowGround) {
    auto& o = s.options;
    o.sliceTopZ = o.sliceBottomZ = o.sliceTopBelowGroundM = o.sliceBottomBelowGroundM = NAN;
    s.sliceBelowGround = belowGround && s.ground.available();
    o.sliceGround = s.ground;
    if (!on) return;
    if (s.sliceBelowGround) {
        o.sliceTopBelowGroundM = 0;
        o.sliceBottomBelowGroundM = 1.5;
    } else {
        auto b = s.dataset.bounds();
        o.sliceTopZ = b.hi.z;
        o.sliceBottomZ = std::max(b.lo.z, b.hi.z - 3);
    }
}

namespace {

void storeBookmarks(ViewerState& s) {
    auto ok = io::writeBookmarks(s.projectPath, s.bookmarks);
    s.bookmarkProblem = ok ? "" : "not saved: " + ok.error().toString();
}

}  // namespace

void addBookmark(ViewerState& s, const render::Viewport& viewport, std::string name) {
    auto cam = viewport.worldCamera();
    if (name.empty()) name = "#" + std::to_string(s.bookmarks.size() + 1);
    s.bookmarks.push_back({name, cam.position, cam.focalPoint, cam.viewUp});
    storeBookmarks(s);
}

void goToBookmark(ViewerState& s, render::Viewport& viewport, std::size_t index) {
    if (index >= s.bookmarks.size()) return;
    const auto& b = s.bookmarks[index];
    viewport.setWorldCamera({b.position, b.focalPoint, b.viewUp});
}

void removeBookmark(ViewerState& s, std::size_t index) {
    if (index >= s.bookmarks.size()) return;
    s.bookmarks.erase(s.bookmarks.begin() + static_cast<std::ptrdiff_t>(index));
    storeBookmarks(s);
}

core::Result<std::string> bundledSample() {
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"))
        base = xdg;
    else if (const char* home = std::getenv("HOME"))
        base = std::filesystem::path(home) / ".cache";
    else
        base = std::filesystem::temp_directory_path();
    auto dir = base / "bodemzicht" / "sample";
    auto project = dir / "district.gpkg";
    if (std::filesystem::exists(project)) return project.string();
    return sample::writeSampleDistrict(dir.string(), {});
}

const char* tr(const ViewerState& s, const char* dutch, const char* english) {
    return s.dutch ? dutch : english;
}

}  // namespace bz::app
