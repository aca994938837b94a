// The panel "Ontwerpen": what to draw and how big and deep, the drawn measures with their clash
// counts, undo and redo, storing and exporting.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "Designing.h"

namespace bz::app {

namespace {

// The size field's meaning per kind.
const char* sizeLabel(const ViewerState& s, design::MeasureKind kind) {
    switch (kind) {
        case design::MeasureKind::HeatNetwork:
        case design::MeasureKind::Cable:
        case design::MeasureKind::WkoWell:
            return tr(s, "diameter (m)", "diameter (m)");
        case design::MeasureKind::Trench:
            return tr(s, "breedte (m)", "width (m)");
        default:
            return tr(s, "zijde bij één punt (m)", "side for one point (m)");
    }
}

// The fields of a measure (the draft or the selected one); true when one changed.
bool measureFields(ViewerState& s, design::Measure& m) {
    bool changed = false;
    ImGui::PushItemWidth(120);
    char theme[64];
    std::snprintf(theme, sizeof theme, "%s", m.theme.c_str());
    if (ImGui::InputText(tr(s, "thema", "theme"), theme, sizeof theme)) {
        m.theme = theme;
        changed = true;
    }
    double size = m.sizeM;
    if (ImGui::InputDouble(sizeLabel(s, m.kind), &size, 0.01, 0.1, "%.3f")) {
        m.sizeM = size;
        changed = true;
    }
    changed |= ImGui::InputDouble(
        m.depthIsNap ? tr(s, "bovenkant (m NAP)", "top (m NAP)")
                     : tr(s, "diepte bovenkant (m -mv)", "top depth (m below ground)"),
        &m.topDepthM, 0.05, 0.5, "%.2f");
    changed |= ImGui::Checkbox(tr(s, "in m NAP", "in m NAP"), &m.depthIsNap);
    if (!design::isLinear(m.kind) || m.kind == design::MeasureKind::Trench)
        changed |= ImGui::InputDouble(tr(s, "hoogte / diepte (m)", "height / depth (m)"),
                                      &m.heightM, 0.1, 1.0, "%.2f");
    if (m.kind == design::MeasureKind::HeatNetwork)
        changed |= ImGui::InputDouble(tr(s, "hart-op-hart (m)", "axis spacing (m)"),
                                      &m.pairSpacingM, 0.05, 0.2, "%.2f");
    if (m.kind == design::MeasureKind::WkoWell) {
        changed |= ImGui::InputDouble(tr(s, "filter van (m)", "screen from (m)"),
                                      &m.screenTopDepthM, 1, 10, "%.1f");
        changed |= ImGui::InputDouble(tr(s, "filter tot (m)", "screen to (m)"),
                                      &m.screenBottomDepthM, 1, 10, "%.1f");
        changed |= ImGui::InputDouble(tr(s, "volume (m3/seizoen)", "volume (m3/season)"),
                                      &m.storedVolumeM3, 1000, 10000, "%.0f");
    }
    ImGui::PopItemWidth();
    return changed;
}

}  // namespace

void drawDesignPanel(ViewerState& s, render::Viewport& viewport) {
    ImGui::Begin(tr(s, "Ontwerpen", "Design"));
    auto& d = s.design;
    ImGui::Checkbox(tr(s, "Ontwerpmodus (linkermuis tekent en versleept)",
                       "Design mode (left mouse draws and drags)"),
                    &d.active);
    // What to draw.
    int kind = static_cast<int>(d.draft.kind);
    ImGui::SetNextItemWidth(200);
    if (ImGui::BeginCombo(tr(s, "soort", "kind"),
                          s.dutch ? std::string(design::dutchName(d.draft.kind)).c_str()
                                  : std::string(design::toCode(d.draft.kind)).c_str())) {
        for (auto k : design::kMeasureKinds) {
            const std::string label(s.dutch ? design::dutchName(k) : design::toCode(k));
            if (ImGui::Selectable(label.c_str(), static_cast<int>(k) == kind)) {
                d.draft = design::defaultMeasure(k);
                d.drawing = false;
            }
        }
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(200);
    ImGui::InputTextWithHint(tr(s, "eigenaar", "owner"),
                             tr(s, "bijv. Warmtebedrijf", "e.g. heat company"), d.owner,
                             sizeof d.owner);
    measureFields(s, d.draft);
    if (!d.drawing) {
        if (ImGui::Button(tr(s, "Tekenen", "Draw"))) startDrawing(s, viewport);
    } else {
        if (ImGui::Button(tr(s, "Klaar", "Done"))) finishDrawing(s, viewport);
        ImGui::SameLine();
        if (ImGui::Button(tr(s, "Stoppen", "Stop"))) cancelDrawing(s, viewport);
        ImGui::SameLine();
        ImGui::Text("%zu %s", d.draft.points.size(), tr(s, "punten", "points"));
    }
    ImGui::SameLine();
    const bool canUndo = d.editor && d.editor->canUndo(), canRedo = d.editor && d.editor->canRedo();
    if (ImGui::Button(tr(s, "Ongedaan maken", "Undo")) && canUndo) undoDesign(s, viewport);
    ImGui::SameLine();
    if (ImGui::Button(tr(s, "Opnieuw", "Redo")) && canRedo) redoDesign(s, viewport);

    // The measures drawn, with their clashes; the selected one's fields.
    if (d.editor && !d.editor->measures().empty()) {
        ImGui::Separator();
        const auto& measures = d.editor->measures();
        for (std::size_t i = 0; i < measures.size(); ++i) {
            char row[160];
            std::snprintf(row, sizeof row, "%s  %s, %zu %s", measures[i].id.c_str(),
                          std::string(s.dutch ? design::dutchName(measures[i].kind)
                                              : design::toCode(measures[i].kind))
                              .c_str(),
                          d.editor->clashesOf(i).size(), tr(s, "conflicten", "clashes"));
            if (ImGui::Selectable(row, d.selected == static_cast<long>(i)))
                d.selected = static_cast<long>(i);
        }
        if (d.selected >= 0 && d.selected < static_cast<long>(measures.size())) {
            auto m = measures[static_cast<std::size_t>(d.selected)];
            ImGui::PushID("selected");
            ImGui::TextUnformatted(m.id.c_str());
            const bool changed = measureFields(s, m);
            ImGui::PopID();
            if (changed) changeSelectedMeasure(s, viewport, m);
            if (ImGui::Button(tr(s, "Verwijderen", "Delete"))) deleteSelectedMeasure(s, viewport);
        }
        ImGui::TextWrapped(
            tr(s, "Laatste wijziging: %.1f ms, %zu objecten in de buurt gecontroleerd",
               "Last change: %.1f ms, %zu nearby objects checked"),
            d.editor->lastEditMs(), d.editor->lastNeighbourCount());
        ImGui::Separator();
        const char* store = d.editor->unsaved()
                                ? tr(s, "Opslaan in project *", "Store in project *")
                                : tr(s, "Opslaan in project", "Store in project");
        if (ImGui::Button(store)) storeDesignInProject(s);
        ImGui::SetNextItemWidth(200);
        ImGui::InputText("##export", d.exportPath, sizeof d.exportPath);
        ImGui::SameLine();
        if (ImGui::Button(tr(s, "Exporteren", "Export"))) exportDesignTo(s, d.exportPath);
    }
    if (!d.problem.empty())
        ImGui::TextColored(ImVec4(0.9f, 0.5f, 0.3f, 1), "%s", d.problem.c_str());
    if (!d.message.empty()) ImGui::TextWrapped("%s", d.message.c_str());
    ImGui::End();
}

}  // namespace bz::app
