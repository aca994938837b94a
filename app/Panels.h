// Dear ImGui panels of the viewer; each draws from and edits the ViewerState and returns true when
// the view must be updated.
#pragma once

#include <bodemzicht/render/SceneRenderer.h>

#include "ViewerState.h"

namespace bz::app {

bool drawViewPanel(ViewerState& state, render::Viewport& viewport);
void drawProjectPanel(ViewerState& state);
void drawLayersPanel(ViewerState& state);
void drawMeasurePanel(ViewerState& state, render::Viewport& viewport);
void drawSelectionPanel(ViewerState& state);
bool drawClashPanel(ViewerState& state, render::Viewport& viewport);
// How sure a clash is, as its row says it: "zeker 97 %", "possible <1 %" (docs/clash.md).
std::string certaintyLabel(const ViewerState& state, const clash::Clash& clash);

// Where the 3D view goes in the first-use layout.
struct ViewArea {
    float x, y, w, h;
};
// All panels of one frame, in their first-use layout for a window of width x height (a left
// column, clashes along the bottom when there are any), then what they changed applied: a
// visibility, opacity or slice change rebuilds the scene once. Returns the area left for the 3D
// view.
ViewArea drawPanels(ViewerState& state, render::Viewport& viewport, float width, float height);

}  // namespace bz::app
