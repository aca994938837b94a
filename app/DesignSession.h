// What the viewer keeps while a designer draws measures: the editor (engine), the measure being
// drawn, the drag in progress and what the 3D view shows of them before the scene is rebuilt.
#pragma once

#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/design/MeasureEditor.h>
#include <bodemzicht/design/SpaceBudget.h>
#include <bodemzicht/model/Street.h>
#include <bodemzicht/render/SceneRenderer.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bz::app {

struct DesignSession {
    std::unique_ptr<design::MeasureEditor> editor;  // made on first use (designEditor)
    bool active = false;   // design mode: the left mouse draws and drags measures
    bool drawing = false;  // points go into `draft`
    design::Measure draft = design::defaultMeasure(design::MeasureKind::HeatNetwork);
    std::vector<std::string> draftSnaps;  // per point what it snapped to, or ""
    long selected = -1;                   // measure index
    // The drag in progress: which measure and vertex (-1: the whole measure), from where.
    long dragMeasure = -1, dragVertex = -1;
    core::Vec2 dragFrom;
    // The clashes of the report that are not the measures' (the measures' come from the editor).
    std::vector<clash::Clash> otherClashes;
    bool otherClashesTaken = false;
    // Measures (and, while dragging, their live clashes) as lines over the scene.
    std::vector<render::RenderOptions::OverlayLine> lines;
    std::string problem, message;  // the last refusal; the last thing done
    // The project's street segments and their space budget, coloured on the streets when shown.
    model::StreetLayer streets;
    std::optional<design::SpaceBudget> budget;
    bool showBudget = false;
    std::string budgetProblem;
    char exportPath[256] = "ontwerp.geojson";
    char owner[64] = "";
};

}  // namespace bz::app
