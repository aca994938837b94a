#include "Panels.h"

#include "Designing.h"

#include <imgui.h>

#include <bodemzicht/model/FeatureAttributes.h>
#include <bodemzicht/soil/Geotop.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "Planning.h"
#include "SectionPanel.h"
#include "SewerPanel.h"

#include <bodemzicht/clash/ReviewStore.h>
#include "ViewInput.h"

namespace bz::app {

bool drawViewPanel(ViewerState& s, render::Viewport& viewport) {
    bool changed = false;
    ImGui::Begin(tr(s, "Beeld", "View"));
    ImGui::PushItemWidth(150);  // room for the sliders' labels in the 380 px column
    for (auto [v, nl] : {std::pair{"overview", "overzicht"},
                         {"top", "bovenaanzicht"},
                         {"street", "straatniveau"}}) {
        if (ImGui::Button(tr(s, nl, v))) {
            viewport.setView(v);
            changed = true;
        }
        ImGui::SameLine();
    }
    ImGui::NewLine();
    // Search by object or clash id (Enter): selects it and takes the camera there.
    ImGui::SetNextItemWidth(200);
    if (ImGui::InputTextWithHint(
            "##search", tr(s, "zoek object- of conflict-id", "find object or clash id"),
            s.searchText, sizeof s.searchText, ImGuiInputTextFlags_EnterReturnsTrue))
        changed |= searchById(s, viewport, s.searchText);
    ImGui::SameLine();
    if (ImGui::Button(tr(s, "Zoek", "Find"))) changed |= searchById(s, viewport, s.searchText);
    if (!s.searchResult.empty()) ImGui::TextUnformatted(s.searchResult.c_str());
    float e = static_cast<float>(s.options.verticalExaggeration);
    if (ImGui::SliderFloat(tr(s, "Verticale overdrijving", "Vertical exaggeration"), &e, 1.0f,
                           10.0f)) {
        s.options.verticalExaggeration = e;
        viewport.setVerticalExaggeration(e);
        changed = true;
    }
    // Trees are rebuilt for the new exaggeration when the slider is let go (their crowns keep
    // their true height above ground).
    if (ImGui::IsItemDeactivatedAfterEdit()) s.rebuildScene = true;
    float g = static_cast<float>(s.options.groundOpacity);
    if (ImGui::SliderFloat(tr(s, "Maaiveld (0 = x-ray)", "Ground (0 = x-ray)"), &g, 0.0f, 1.0f)) {
        s.options.groundOpacity = g;
        viewport.setGroundOpacity(g);
        changed = true;
    }
    if (ImGui::Checkbox(tr(s, "Onzekerheid diepte tonen", "Show depth uncertainty"),
                        &s.options.showUncertainty))
        s.rebuildScene = true;
    if (s.options.ghg || s.options.glg) {
        if (ImGui::Checkbox(tr(s, "Grondwater (GHG licht, GLG donker blauw)",
                               "Groundwater (GHG light, GLG dark blue)"),
                            &s.options.showGroundwater))
            s.rebuildScene = true;
    } else {
        ImGui::TextDisabled("%s", tr(s, "Grondwater: geen GHG/GLG in het project",
                                     "Groundwater: no GHG/GLG in the project"));
    }
    ImGui::Checkbox(tr(s, "Kijkgat volgt de muis", "See-through lens follows the mouse"), &s.lens);
    if (ImGui::Checkbox("Nederlands", &s.dutch)) s.clashRowsDirty = true;  // headings' language
    ImGui::PopItemWidth();
    ImGui::End();
    return changed;
}

void drawProjectPanel(ViewerState& s) {
    ImGui::Begin(tr(s, "Project", "Project"));
    ImGui::TextUnformatted(s.projectPath.c_str());
    const auto& summary = s.summary;
    ImGui::Text("%zu %s, %zu %s", summary.features, tr(s, "objecten", "objects"), summary.segments,
                tr(s, "segmenten", "segments"));
    // Skipped objects, each with file, id and reason (the import report's first 20).
    if (s.loadReport.skipped()) {
        const std::string header = std::to_string(s.loadReport.skipped()) +
                                   tr(s, " objecten overgeslagen", " objects skipped") +
                                   "###skipped";
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.9f, 0.5f, 0.3f, 1));
        const bool open = ImGui::CollapsingHeader(header.c_str());
        ImGui::PopStyleColor();
        if (open) ImGui::TextWrapped("%s", s.loadReport.summary(20).c_str());
    }
    for (const auto& problem : s.problems)
        ImGui::TextColored(ImVec4(0.9f, 0.5f, 0.3f, 1), "%s", problem.c_str());
    if (ImGui::CollapsingHeader(tr(s, "Thema's", "Themes"), ImGuiTreeNodeFlags_DefaultOpen)) {
        for (const auto& [theme, byStatus] : summary.perThemeStatus) {
            auto c = render::themeColour(theme);
            ImGui::ColorButton(("##" + theme).c_str(),
                               ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1), 0, ImVec2(12, 12));
            ImGui::SameLine();
            std::size_t n = 0;
            for (const auto& [_, k] : byStatus) n += k;
            ImGui::Text("%s  %zu", theme.c_str(), n);
        }
    }
    if (ImGui::CollapsingHeader(tr(s, "Diepte-herkomst", "Depth provenance")))
        for (const auto& [p, n] : summary.vertexProvenance) ImGui::Text("%s: %zu", p.c_str(), n);
    ImGui::End();
}

namespace {

// Dutch labels for the attribute rows (model::featureAttributes gives English ones).
const std::map<std::string, std::string> kDutchKeys{
    {"layer", "laag"},
    {"theme", "thema"},
    {"status", "status"},
    {"owner", "eigenaar"},
    {"material", "materiaal"},
    {"source", "bron"},
    {"laid", "aangelegd"},
    {"planned", "gepland"},
    {"out of service", "buiten gebruik"},
    {"expected end of life", "verwacht einde levensduur"},
    {"depth", "diepte"},
    {"horizontal accuracy", "horizontale nauwkeurigheid"},
    {"outer diameter", "buitendiameter"},
    {"length", "lengte"},
    {"vertices", "knikpunten"},
    {"axis level", "hoogte as"},
    {"depth below ground", "diepte onder maaiveld"},
    {"depth provenance (vertices)", "herkomst diepte (knikpunten)"},
    {"vertical uncertainty", "verticale onzekerheid"},
    {"position", "positie"},
    {"shape", "vorm"},
    {"top", "bovenkant"},
    {"bottom", "onderkant"},
    {"bottom below ground", "onderkant onder maaiveld"},
    {"depth provenance (bottom)", "herkomst diepte (onderkant)"},
    {"depth provenance", "herkomst diepte"},
    {"width", "breedte"},
    {"plan area", "oppervlak"},
    {"volume", "volume"},
    {"inner bottom (BOB) begin", "BOB begin"},
    {"inner bottom (BOB) end", "BOB eind"},
    {"profile", "profiel"},
    {"system", "stelsel"},
    {"species", "soort"},
    {"height", "hoogte"},
    {"stem diameter", "stamdiameter"},
    {"crown diameter", "kroondiameter"},
    {"root zone diameter", "diameter wortelzone"},
    {"root depth", "worteldiepte"},
    {"root zone provenance", "herkomst wortelzone"},
    {"filter screen", "filter"},
    {"stored volume", "opgeslagen volume"},
    {"temperature", "temperatuur"},
    {"substance", "stof"},
    {"concentration", "concentratie"},
    {"medium", "medium"},
};

std::string dutchValue(std::string v) {
    for (auto [en, nl] : {std::pair{"unknown", "onbekend"},
                          {"assumed", "aangenomen"},
                          {"drawn at", "getekend op"},
                          {"measured", "gemeten"},
                          {"derived", "afgeleid"},
                          {"cylinder", "cilinder"},
                          {"box", "blok"},
                          {"rotated", "gedraaid"},
                          {"up to", "tot"}})
        for (std::size_t at = v.find(en); at != std::string::npos; at = v.find(en, at + 1))
            v.replace(at, std::string(en).size(), nl);
    return v;
}

}  // namespace

void drawSelectionPanel(ViewerState& s) {
    ImGui::Begin(tr(s, "Selectie", "Selection"));
    if (s.selectedFeature < 0 ||
        s.selectedFeature >= static_cast<long>(s.dataset.features.size())) {
        ImGui::TextUnformatted(tr(s, "Rechtsklik op een object (Shift + rechtsklik: meetpunt).",
                                  "Right-click an object (Shift + right-click: measuring point)."));
        ImGui::End();
        return;
    }
    // Everything known about the object; depths below ground from the project's ground level.
    auto rows = model::featureAttributes(s.dataset, static_cast<std::size_t>(s.selectedFeature),
                                         [&](double x, double y) { return s.ground.at(x, y); });
    if (ImGui::BeginTable("attributes", 2,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        for (const auto& row : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            auto nl = kDutchKeys.find(row.key);
            ImGui::TextUnformatted(s.dutch && nl != kDutchKeys.end() ? nl->second.c_str()
                                                                     : row.key.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(s.dutch ? dutchValue(row.value).c_str() : row.value.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::End();
}

void drawLayersPanel(ViewerState& s) {
    ImGui::Begin(tr(s, "Lagen en diepte", "Layers and depth"));
    const auto& summary = s.summary;
    ImGui::TextUnformatted(tr(s, "Lagen", "Layers"));
    for (const auto& [layer, n] : summary.perLayer) {
        bool shown = !s.options.hiddenLayers.count(layer);
        if (ImGui::Checkbox((layer + " (" + std::to_string(n) + ")").c_str(), &shown)) {
            if (shown)
                s.options.hiddenLayers.erase(layer);
            else
                s.options.hiddenLayers.insert(layer);
            s.rebuildScene = true;
        }
        ImGui::SameLine(220);
        ImGui::SetNextItemWidth(100);
        auto it = s.options.layerOpacity.find(layer);
        float opacity = it == s.options.layerOpacity.end() ? 1.0f : static_cast<float>(it->second);
        // Sliders rebuild the scene once, when let go: a rebuild takes a second or two at a million
        // segments, far too long for every step of a drag.
        if (ImGui::SliderFloat(("##opacity-" + layer).c_str(), &opacity, 0.0f, 1.0f, "%.2f"))
            s.options.layerOpacity[layer] = opacity;
        if (ImGui::IsItemDeactivatedAfterEdit()) s.rebuildScene = true;
    }
    if (s.options.basemap) {
        const std::string label = std::string(tr(s, "Basiskaart", "Base map")) + " (" +
                                  std::to_string(s.options.basemap->size()) + ")";
        if (ImGui::Checkbox(label.c_str(), &s.options.showBasemap)) s.rebuildScene = true;
    }
    // WKO wells' thermal radii.
    if (!s.options.thermalZones.empty()) {
        const std::string label =
            std::string(tr(s, "WKO thermische straal", "WKO thermal radius")) + " (" +
            std::to_string(s.options.thermalZones.size()) + ")";
        if (ImGui::Checkbox(label.c_str(), &s.options.showThermalZones)) s.rebuildScene = true;
    }
    // Contamination grids: the surface at each substance's intervention value.
    if (!s.options.contamination.empty()) {
        const std::string label = std::string(tr(s, "Verontreiniging boven interventiewaarde",
                                                 "Contamination above intervention value")) +
                                  " (" + std::to_string(s.options.contamination.size()) + ")";
        if (ImGui::Checkbox(label.c_str(), &s.options.showContamination)) s.rebuildScene = true;
        // The level of each surface: the intervention value, or one the user picks.
        if (s.options.showContamination)
            for (std::size_t n = 0; n < s.options.contamination.size(); ++n) {
                auto& iso = s.options.contamination[n];
                ImGui::PushID(static_cast<int>(n) + 1000);
                ImGui::SetNextItemWidth(90);
                ImGui::InputDouble(iso.name.c_str(), &iso.level, 0, 0, "%.4g");
                if (ImGui::IsItemDeactivatedAfterEdit()) s.rebuildScene = true;
                if (n < s.interventionLevels.size() && iso.level != s.interventionLevels[n]) {
                    ImGui::SameLine();
                    if (ImGui::SmallButton(tr(s, "interventiewaarde", "intervention value"))) {
                        iso.level = s.interventionLevels[n];
                        s.rebuildScene = true;
                    }
                }
                ImGui::PopID();
            }
    }
    // The soil model (GeoTOP) as voxels, per lithoclass in its colour, cut by the slice in m NAP.
    if (s.options.soil) {
        if (ImGui::Checkbox(tr(s, "Bodem (GeoTOP-voxels)", "Soil (GeoTOP voxels)"),
                            &s.options.showSoil))
            s.rebuildScene = true;
        if (s.options.showSoil)
            for (int code = 0; code <= 9; ++code) {
                const auto* lc = soil::lithoclass(code);
                if (!lc) continue;
                bool shown = !s.options.hiddenLithoclasses.count(code);
                ImGui::PushID(code);
                ImGui::ColorButton(
                    "##lc", ImVec4(lc->rgb[0] / 255.f, lc->rgb[1] / 255.f, lc->rgb[2] / 255.f, 1),
                    ImGuiColorEditFlags_NoTooltip, ImVec2(12, 12));
                ImGui::SameLine();
                if (ImGui::Checkbox(std::string(lc->name).c_str(), &shown)) {
                    if (shown)
                        s.options.hiddenLithoclasses.erase(code);
                    else
                        s.options.hiddenLithoclasses.insert(code);
                    s.rebuildScene = true;
                }
                ImGui::PopID();
            }
        // By stratigraphic unit (GeoTOP's strat codes), and only behind the cross-section.
        if (s.options.showSoil && !s.soilUnits.empty()) {
            const std::string units =
                std::string(tr(s, "Stratigrafische eenheden", "Stratigraphic units")) + " (" +
                std::to_string(s.soilUnits.size()) + ")";
            if (ImGui::TreeNode(units.c_str())) {
                for (int code : s.soilUnits) {
                    bool shown = !s.options.hiddenSoilUnits.count(code);
                    ImGui::PushID(code + 100000);
                    if (ImGui::Checkbox(std::to_string(code).c_str(), &shown)) {
                        if (shown)
                            s.options.hiddenSoilUnits.erase(code);
                        else
                            s.options.hiddenSoilUnits.insert(code);
                        s.rebuildScene = true;
                    }
                    ImGui::PopID();
                }
                ImGui::TreePop();
            }
        }
        if (s.options.showSoil) {
            ImGui::BeginDisabled(!s.section);
            if (ImGui::Checkbox(
                    tr(s, "Alleen achter het dwarsprofiel", "Behind the cross-section only"),
                    &s.cutSoilBySection)) {
                applySoilCut(s);
                s.rebuildScene = true;
            }
            ImGui::EndDisabled();
        }
    }
    ImGui::Separator();
    auto& o = s.options;
    bool slice = !std::isnan(o.sliceTopZ) || !std::isnan(o.sliceTopBelowGroundM);
    if (ImGui::Checkbox(tr(s, "Diepteschijf", "Depth slice"), &slice)) {
        setDepthSlice(s, slice, s.sliceBelowGround);
        s.rebuildScene = true;
    }
    if (slice) {
        // In m NAP or in m below ground (where the project has a ground level).
        ImGui::SameLine();
        if (ImGui::RadioButton("m NAP", !s.sliceBelowGround)) {
            setDepthSlice(s, true, false);
            s.rebuildScene = true;
        }
        if (s.ground.available()) {
            ImGui::SameLine();
            if (ImGui::RadioButton(tr(s, "m onder maaiveld", "m below ground"),
                                   s.sliceBelowGround)) {
                setDepthSlice(s, true, true);
                s.rebuildScene = true;
            }
        }
        double& topValue = s.sliceBelowGround ? o.sliceTopBelowGroundM : o.sliceTopZ;
        double& bottomValue = s.sliceBelowGround ? o.sliceBottomBelowGroundM : o.sliceBottomZ;
        float top = static_cast<float>(topValue), bottom = static_cast<float>(bottomValue);
        auto b = s.dataset.bounds();
        const float lo = s.sliceBelowGround ? 0.f
                                            : static_cast<float>(std::max(b.lo.z, b.hi.z - 20)),
                    hi = s.sliceBelowGround ? 10.f : static_cast<float>(b.hi.z);
        // Dragged, typed after Ctrl+click or stepped: the scene is rebuilt once the slider is
        // let go (a rebuild takes a second or two at a million segments).
        if (ImGui::SliderFloat(s.sliceBelowGround
                                   ? tr(s, "bovenkant (m onder maaiveld)", "top (m below ground)")
                                   : tr(s, "bovenkant (m NAP)", "top (m NAP)"),
                               &top, lo, hi, "%.2f")) {
            topValue = top;
            s.slicePending = true;
        }
        if (ImGui::SliderFloat(s.sliceBelowGround ? tr(s, "onderkant (m onder maaiveld)",
                                                       "bottom (m below ground)")
                                                  : tr(s, "onderkant (m NAP)", "bottom (m NAP)"),
                               &bottom, lo, hi, "%.2f")) {
            bottomValue = bottom;
            s.slicePending = true;
        }
    }
    if (s.slicePending && !ImGui::IsAnyItemActive()) {
        s.slicePending = false;
        s.rebuildScene = true;
    }
    ImGui::End();
}

void drawMeasurePanel(ViewerState& s, render::Viewport& viewport) {
    ImGui::Begin(tr(s, "Meten en bladwijzers", "Measure and bookmarks"));
    ImGui::TextUnformatted(
        tr(s, "Shift + rechtsklik: meetpunt", "Shift + right click: measuring point"));
    // Wrapped, so that nothing is cut off in the narrow column.
    for (std::size_t i = 0; i < s.measured.size(); ++i) {
        auto p = s.measured[i];
        double g = s.ground.at(p.x, p.y);
        const std::string snap = i < s.measuredSnap.size() && !s.measuredSnap[i].empty()
                                     ? " (" + s.measuredSnap[i] + ")"
                                     : "";
        if (std::isnan(g))
            ImGui::TextWrapped(
                "%zu: %.2f %.2f %.2f m NAP%s, %s", i + 1, p.x, p.y, p.z, snap.c_str(),
                tr(s, "diepte onbekend (geen maaiveld)", "depth unknown (no ground level)"));
        else
            ImGui::TextWrapped("%zu: %.2f %.2f %.2f m NAP%s, %s %.2f m", i + 1, p.x, p.y, p.z,
                               snap.c_str(), tr(s, "diepte onder maaiveld", "depth below ground"),
                               g - p.z);
    }
    if (auto m = measurement(s)) {
        ImGui::TextWrapped("%s: %.3f m (%s %.3f m, %s %+.3f m)", tr(s, "afstand", "distance"),
                           m->distance, tr(s, "horizontaal", "horizontal"), m->horizontal,
                           tr(s, "verticaal", "vertical"), m->vertical);
        // The street's cross-section along the measured line (panel "Dwarsprofiel").
        if (ImGui::Button(tr(s, "Dwarsprofiel hierlangs", "Cross-section along this line")))
            sectionFromMeasurement(s);
        ImGui::SameLine();
        // Where a new cable of the cross-section's diameter fits along the line, drawn in 3D.
        if (ImGui::Button(tr(s, "Past hier een kabel?", "Does a cable fit here?")))
            fitAlongMeasurement(s, viewport);
        if (s.fit || !s.fitProblem.empty()) ImGui::TextWrapped("%s", fitSummary(s).c_str());
        if (!s.sectionProblem.empty() && !s.section)
            ImGui::TextWrapped("%s", s.sectionProblem.c_str());
    }
    ImGui::Separator();
    ImGui::SetNextItemWidth(180);
    ImGui::InputTextWithHint("##bookmark-name", tr(s, "naam", "name"), s.bookmarkName,
                             sizeof s.bookmarkName);
    ImGui::SameLine();
    if (ImGui::Button(tr(s, "Bladwijzer toevoegen", "Add bookmark"))) {
        addBookmark(s, viewport, s.bookmarkName);
        s.bookmarkName[0] = 0;
    }
    // Bookmarks are kept in the project; each: go there, or x to remove it.
    for (std::size_t i = 0; i < s.bookmarks.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Button(s.bookmarks[i].name.c_str())) goToBookmark(s, viewport, i);
        ImGui::SameLine(0, 2);
        const bool remove = ImGui::SmallButton("x");
        ImGui::PopID();
        if (remove) {
            removeBookmark(s, i);
            break;
        }
    }
    if (!s.bookmarkProblem.empty())
        ImGui::TextColored(ImVec4(0.9f, 0.5f, 0.3f, 1), "%s", s.bookmarkProblem.c_str());
    ImGui::End();
}

// "zeker 97 %" / "likely 64 %": how sure a clash is, from the depth and position bands
// (docs/clash.md).
std::string certaintyLabel(const ViewerState& s, const clash::Clash& c) {
    const char* word = "";
    switch (c.certainty) {
        case clash::Certainty::Certain:
            word = tr(s, "zeker", "certain");
            break;
        case clash::Certainty::Likely:
            word = tr(s, "waarschijnlijk", "likely");
            break;
        case clash::Certainty::Possible:
            word = tr(s, "mogelijk", "possible");
            break;
        case clash::Certainty::None:
            return "";
    }
    char buf[64];
    const double p = c.probability;
    // Rounded to whole per cents, but never to 0 % or 100 % when it is neither.
    if (std::isnan(p))
        std::snprintf(buf, sizeof buf, "%s", word);
    else if (p > 0 && p < 0.005)
        std::snprintf(buf, sizeof buf, "%s <1 %%", word);
    else if (p < 1 && p >= 0.995)
        std::snprintf(buf, sizeof buf, "%s >99 %%", word);
    else
        std::snprintf(buf, sizeof buf, "%s %.0f %%", word, 100 * p);
    return buf;
}

namespace {

// The selected clash's review: its rule and numbers, then status and note, stored in the project
// as `bodem review` does.
void drawReview(ViewerState& s) {
    if (s.selectedClash < 0 || s.selectedClash >= static_cast<int>(s.clashes.clashes.size()))
        return;
    auto& c = s.clashes.clashes[static_cast<std::size_t>(s.selectedClash)];
    ImGui::Text("%s: %s, %s %.2f m, %s %.2f m, %s %s%s", c.id.c_str(),
                std::string(s.dutch ? clash::dutchName(c.kind) : clash::toCode(c.kind)).c_str(),
                tr(s, "afstand", "distance"), c.distanceM, tr(s, "vereist", "required"),
                c.requiredM, tr(s, "regel", "rule"), c.rule.c_str(),
                c.assumed.empty()
                    ? ""
                    : (std::string(tr(s, ", aangenomen: ", ", assumed: ")) + c.assumed).c_str());
    static const clash::ClashStatus kStatuses[] = {
        clash::ClashStatus::Active, clash::ClashStatus::Approved, clash::ClashStatus::Resolved};
    bool first = true;
    for (auto st : kStatuses) {
        if (!first) ImGui::SameLine();
        first = false;
        const std::string name(s.dutch ? clash::dutchName(st) : clash::toCode(st));
        if (ImGui::RadioButton(name.c_str(), s.reviewStatus == st)) s.reviewStatus = st;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(200);
    ImGui::InputText(tr(s, "notitie", "note"), s.reviewNote, sizeof s.reviewNote);
    ImGui::SameLine();
    if (ImGui::Button(tr(s, "Beoordeling opslaan", "Save review")) && !s.projectPath.empty()) {
        auto ok = clash::setReviewStatus(s.projectPath, c.id, s.reviewStatus, s.reviewNote);
        if (ok) {
            c.status = s.reviewStatus;
            s.clashRowsDirty = true;  // the status filter and grouping may move it
        }
        s.reviewProblem = ok ? "" : ok.error().toString();
    }
    if (!s.reviewProblem.empty()) ImGui::TextWrapped("%s", s.reviewProblem.c_str());
    // Where the rule's number comes from, in words, and whether it was checked against its source.
    if (!c.ruleSource.empty())
        ImGui::TextWrapped(
            "%s: %s%s", tr(s, "bron van de regel", "source of the rule"), c.ruleSource.c_str(),
            c.ruleVerified
                ? ""
                : tr(s, " (typische waarde, niet geverifieerd)", " (typical value, not verified)"));
}

}  // namespace

namespace {

// Sort, group, step and filter controls above the list; what they change marks the rows dirty.
bool drawClashListControls(ViewerState& s, render::Viewport& viewport) {
    bool changed = false;
    auto& set = s.clashList;
    const auto& rows = clashRows(s);
    std::size_t shown = 0;
    for (const auto& r : rows) shown += r.clash >= 0 ? 1 : r.count * set.collapsed.count(r.group);
    ImGui::Text("%zu %s %zu", shown, tr(s, "van", "of"), s.clashes.clashes.size());
    auto keyCombo = [&](const char* id, ClashKey& key) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(110);
        if (ImGui::BeginCombo(id, clashKeyName(key, s.dutch))) {
            for (ClashKey k : kClashKeys)
                if (ImGui::Selectable(clashKeyName(k, s.dutch), k == key)) {
                    key = k;
                    s.clashRowsDirty = true;
                }
            ImGui::EndCombo();
        }
    };
    ImGui::SameLine();
    ImGui::TextUnformatted(tr(s, "| sorteer", "| sort"));
    keyCombo("##sort", set.sortBy);
    ImGui::SameLine();
    if (ImGui::Checkbox(tr(s, "aflopend", "descending"), &set.descending)) s.clashRowsDirty = true;
    ImGui::SameLine();
    ImGui::TextUnformatted(tr(s, "groepeer", "group"));
    keyCombo("##group", set.groupBy);
    ImGui::SameLine();
    if (ImGui::Button(tr(s, "< vorige (P)", "< previous (P)"))) {
        stepClash(s, viewport, -1);
        changed = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(tr(s, "volgende (N) >", "next (N) >"))) {
        stepClash(s, viewport, 1);
        changed = true;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    if (ImGui::InputTextWithHint("##owner", tr(s, "eigenaar", "owner"), s.ownerFilter,
                                 sizeof s.ownerFilter)) {
        set.owner = s.ownerFilter;
        s.clashRowsDirty = true;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    if (ImGui::InputTextWithHint("##proposal", tr(s, "voorstel-id", "proposal id"),
                                 s.proposalFilter, sizeof s.proposalFilter)) {
        set.proposal = s.proposalFilter;
        s.clashRowsDirty = true;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120);
    float maxD = static_cast<float>(std::min(set.maxDistanceM, 5.0));
    if (ImGui::SliderFloat(tr(s, "max afstand", "max distance"), &maxD, -0.5f, 5.0f,
                           maxD >= 5.0f ? tr(s, "alle", "all") : "%.2f m")) {
        set.maxDistanceM = maxD >= 5.0f ? 1e9 : maxD;
        s.clashRowsDirty = true;
    }
    // What shows: kinds, certainties and statuses, each a row of checkboxes.
    // Each with a swatch of its marker colour: the legend of the markers in the 3D view.
    auto toggles = [&](const char* group, auto values, auto& shownFlags, auto name, auto swatch) {
        ImGui::PushID(group);
        bool first = true;
        for (auto v : values) {
            if (!first) ImGui::SameLine();
            first = false;
            if (auto c = swatch(v)) {
                ImGui::ColorButton(("##swatch" + std::string(name(v))).c_str(),
                                   ImVec4(c->r / 255.f, c->g / 255.f, c->b / 255.f, 1),
                                   ImGuiColorEditFlags_NoTooltip, ImVec2(12, 12));
                ImGui::SameLine(0, 2);
            }
            bool on = shownFlags[static_cast<std::size_t>(v)];
            if (ImGui::Checkbox(std::string(name(v)).c_str(), &on)) {
                shownFlags[static_cast<std::size_t>(v)] = on;
                s.clashRowsDirty = true;
            }
        }
        ImGui::PopID();
    };
    using clash::ClashKind, clash::Certainty, clash::ClashStatus;
    toggles(
        "kinds",
        std::array{ClashKind::Hard, ClashKind::Clearance, ClashKind::Constraint,
                   ClashKind::Possible, ClashKind::Duplicate},
        set.kinds, [&](ClashKind k) { return s.dutch ? clash::dutchName(k) : clash::toCode(k); },
        [](ClashKind k) { return std::optional(render::clashColour(clash::toCode(k))); });
    // Certainty as the markers show it: a hard clash's red, paler the less sure.
    toggles(
        "certainties",
        std::array{Certainty::Certain, Certainty::Likely, Certainty::Possible, Certainty::None},
        set.certainties,
        [&](Certainty c) {
            return c == Certainty::None ? std::string_view(tr(s, "n.v.t.", "n/a"))
                                        : (s.dutch ? clash::dutchName(c) : clash::toCode(c));
        },
        [](Certainty c) -> std::optional<render::Rgb> {
            if (c == Certainty::None) return std::nullopt;
            return render::clashMarkerColour({{}, "hard", "", std::string(clash::toCode(c))});
        });
    ImGui::SameLine(0, 20);
    toggles(
        "statuses",
        std::array{ClashStatus::New, ClashStatus::Active, ClashStatus::Approved,
                   ClashStatus::Resolved},
        set.statuses,
        [&](ClashStatus st) { return s.dutch ? clash::dutchName(st) : clash::toCode(st); },
        [](ClashStatus) -> std::optional<render::Rgb> { return std::nullopt; });
    // N and P step through the list (not while typing in a field).
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.WantTextInput) {
        if (ImGui::IsKeyPressed('N', false)) {
            stepClash(s, viewport, 1);
            changed = true;
        }
        if (ImGui::IsKeyPressed('P', false)) {
            stepClash(s, viewport, -1);
            changed = true;
        }
    }
    return changed;
}

}  // namespace

bool drawClashPanel(ViewerState& s, render::Viewport& viewport) {
    bool changed = false;
    ImGui::Begin(tr(s, "Conflicten", "Clashes"));
    changed |= drawClashListControls(s, viewport);
    drawReview(s);
    const auto& rows = clashRows(s);
    // Only the visible rows are laid out: reports of tens of thousands of clashes scroll freely.
    ImGui::BeginChild("rows");
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    std::string toggled;
    while (clipper.Step())
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const auto& row = rows[static_cast<std::size_t>(r)];
            if (row.clash < 0) {
                // A heading: click to fold its clashes away or back.
                const bool folded = s.clashList.collapsed.count(row.group) > 0;
                const std::string label = std::string(folded ? "[+] " : "[-] ") + row.group + " (" +
                                          std::to_string(row.count) + ")##heading-" + row.group;
                if (ImGui::Selectable(label.c_str(), false)) toggled = row.group;
                continue;
            }
            const int i = row.clash;
            const auto& c = s.clashes.clashes[static_cast<std::size_t>(i)];
            char label[320];
            std::snprintf(
                label, sizeof label, "%s%s %s %s [%s]  %s / %s  %.2f m  (%s / %s)##%d",
                s.clashList.groupBy == ClashKey::Report ? "" : "    ", c.id.c_str(),
                std::string(s.dutch ? clash::dutchName(c.kind) : clash::toCode(c.kind)).c_str(),
                std::string(s.dutch ? clash::dutchName(c.status) : clash::toCode(c.status)).c_str(),
                certaintyLabel(s, c).c_str(), c.aId.c_str(), c.bId.c_str(), c.distanceM,
                c.aOwner.empty() ? "?" : c.aOwner.c_str(),
                c.bOwner.empty() ? "?" : c.bOwner.c_str(), i);
            if (ImGui::Selectable(label, s.selectedClash == i)) {
                selectClash(s, viewport, i);
                changed = true;
            }
            if (s.selectedClash == i && changed) ImGui::SetScrollHereY(0.5f);
        }
    ImGui::EndChild();
    if (!toggled.empty()) {
        if (!s.clashList.collapsed.erase(toggled)) s.clashList.collapsed.insert(toggled);
        s.clashRowsDirty = true;
    }
    ImGui::End();
    return changed;
}

ViewArea drawPanels(ViewerState& s, render::Viewport& viewport, float width, float height) {
    const float left = 380, clashH = s.clashes.clashes.empty() ? 0.f : 280.f;
    // The left column: view (its controls always in full), project, selection, layers, then
    // measuring in what is left (at least 120 px); on windows under 900 px high project,
    // selection and layers shrink alike.
    const float viewH = 250;
    const float scale = std::min(1.f, std::max(height - 120 - viewH, 200.f) / 580);
    float y = 0;
    auto place = [&](float x, float w, float h) {
        ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_FirstUseEver);
        y += h;
    };
    place(0, left, viewH);
    drawViewPanel(s, viewport);
    place(0, left, 170 * scale);
    drawProjectPanel(s);
    place(0, left, 230 * scale);  // an object's attributes take about 20 rows
    drawSelectionPanel(s);
    place(0, left, 180 * scale);
    drawLayersPanel(s);
    place(0, left, std::max(120.f, height - y));
    drawMeasurePanel(s, viewport);
    if (!s.clashes.clashes.empty()) {
        y = height - clashH;
        place(left, width - left, clashH);
        drawClashPanel(s, viewport);
    }
    // The right column: designing (always), the cross-section (once there is one), the asset
    // manager's panels when the project holds inspections.
    const bool sewer = hasInspections(s), section = s.section.has_value();
    const float right = 360.f;
    {
        const float column = height - clashH;
        // The works plan starts folded up at the top (its title bar), out of the others' way.
        const float planBar = 24.f;
        const float share = 1.f / static_cast<float>(1 + (sewer ? 2 : 0) + (section ? 1 : 0));
        y = 0;
        place(width - right, right, 320.f);
        y = planBar;
        drawPlanPanel(s, viewport);
        place(width - right, right, (column - planBar) * share);
        drawDesignPanel(s, viewport);
        if (section) {
            place(width - right, right, (column - planBar) * share);
            drawSectionPanel(s, viewport);
        }
        if (sewer) {
            place(width - right, right, (column - planBar) * share);
            drawSewerPanel(s);
            place(width - right, right, (column - planBar) * share);
            drawProfilePanel(s);
        }
    }
    if (s.rebuildScene) {
        viewport.rebuild(s.options);
        ++s.sceneRebuilds;
        s.rebuildScene = false;
    }
    return {left, 0, width - left - right, height - clashH};
}

}  // namespace bz::app
