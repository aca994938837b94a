// Drawing and editing measures in the viewer, apart from GLFW and ImGui so that tests drive it:
// draw a measure point by point on the ground (snapped to its own first point, to existing
// objects and to the base map's streets), drag a vertex or the whole measure with its clashes
// re-checked live, undo, redo, delete, store in the project as proposals, export.
#pragma once

#include <bodemzicht/render/SceneRenderer.h>

#include <string>

#include "ViewerState.h"

namespace bz::app {

// The editor over the project's objects, made on first use with the project's ground and GHG.
design::MeasureEditor& designEditor(ViewerState& state);
// Takes the measures stored in the project out of its objects and into the editor (openProject).
void loadStoredMeasures(ViewerState& state);

// A drawn point snapped: to the draft's own first point (closing an outline), a vertex of a
// measure, an existing object's axis or vertex, a base map line or vertex; within `tolM` in plan.
// `what` says to what ("" for the point itself).
core::Vec2 snapDesignPoint(const ViewerState& state, long feature, core::Vec3 picked, double tolM,
                           std::string* what = nullptr);

void startDrawing(ViewerState& state, render::Viewport& viewport);
void addDraftPoint(ViewerState& state, render::Viewport& viewport, core::Vec2 point,
                   std::string snappedTo = "");
// Adds the draft as a measure (checked); false, with the reason in design.problem, when it cannot.
bool finishDrawing(ViewerState& state, render::Viewport& viewport);
void cancelDrawing(ViewerState& state, render::Viewport& viewport);

// Starts dragging the measure that `feature` belongs to: the vertex nearest `picked` when within
// `tolM`, else (or with `whole`) the whole measure. False when the feature is not a measure's.
bool beginMeasureDrag(ViewerState& state, long feature, core::Vec3 picked, bool whole, double tolM);
void dragMeasureTo(ViewerState& state, render::Viewport& viewport, core::Vec2 point);
void endMeasureDrag(ViewerState& state, render::Viewport& viewport);

void undoDesign(ViewerState& state, render::Viewport& viewport);
void redoDesign(ViewerState& state, render::Viewport& viewport);
void deleteSelectedMeasure(ViewerState& state, render::Viewport& viewport);
// Changes the selected measure's size, depth or owner (the panel's fields); one undo step.
bool changeSelectedMeasure(ViewerState& state, render::Viewport& viewport, design::Measure m);

// Stores the measures in the project as proposals (the objects bodem clash checks).
bool storeDesignInProject(ViewerState& state);
bool exportDesignTo(ViewerState& state, const std::string& path);

// The space budget of the project's streets (design::spaceBudget with the shipped profile),
// shown as a colour on the streets; false with the reason in design.budgetProblem.
bool computeBudget(ViewerState& state, render::Viewport& viewport);
bool computeBudget(ViewerState& state);  // before there is a view (screenshots)
void showBudget(ViewerState& state, render::Viewport& viewport, bool show);

// The clash list, the overlay lines and the markers from the measures and the budget, in the
// state only (before there is a view, or for an offscreen picture).
void syncDesignState(ViewerState& state);

// After a change: the clash list (the measures' rows from the editor), the overlay lines and,
// unless a drag goes on, the scene with its markers.
void afterDesignChange(ViewerState& state, render::Viewport& viewport);

// A measure given as text (bodemzicht --draw): "KIND:X,Y;X,Y;..." with KIND a code of
// design::toCode (heat_network, cable, trench, tree_pit, wadi, infiltration_crate, wko_well),
// added as if drawn.
bool drawFromText(ViewerState& state, const std::string& text);

// The panel "Ontwerpen".
void drawDesignPanel(ViewerState& state, render::Viewport& viewport);

}  // namespace bz::app
