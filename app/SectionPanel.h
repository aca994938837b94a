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

// The soil voxels cut by the section (state.cutSoilBySection and a section: only those behind
// it, seen from the right of the line from the first to the second measuring point) or not.
void applySoilCut(ViewerState& state);

// Finds where a new cable of state.freeDiameterMm fits along the measured line (design::
// findFreeSpace, the Dutch rule set's clearances for laagspanning) and draws it in 3D: the fitted
// pieces green, the stretches where nothing fits red on the ground.
void fitAlongMeasurement(ViewerState& state, render::Viewport& viewport);
// "past over 38 van 40 m; niets past van 12 tot 14 m: KL-1, ..." (state.fit in words).
std::string fitSummary(const ViewerState& state);

}  // namespace bz::app
