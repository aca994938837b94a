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

}  // namespace bz::app
