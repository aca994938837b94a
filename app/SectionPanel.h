// The designer's cross-section panel ("Dwarsprofiel"): the street's cross-section between the two
// measuring points, drawn in 2D and linked to the 3D view both ways: hovering an object in the
// section highlights it in 3D, the object under the mouse in 3D (or selected) is outlined in the
// section.
#pragma once

#include <bodemzicht/render/SceneRenderer.h>

#include "ViewerState.h"

namespace bz::app {

// Cuts the section between the two measuring points (or says why not in state.sectionProblem).
void sectionFromMeasurement(ViewerState& state);

void drawSectionPanel(ViewerState& state, render::Viewport& viewport);

}  // namespace bz::app
