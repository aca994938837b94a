// The asset manager's panels: sewer pipes coloured by condition class, observation markers with
// their filter and details, and the longitudinal profile of a route through the selected pipe.
#pragma once

#include <bodemzicht/render/SceneRenderer.h>

#include "ViewerState.h"

namespace bz::app {

// Whether the project holds sewer inspections (the panels are shown only then).
bool hasInspections(const ViewerState& state);

// "Riolering": colour by condition, legend with pipe counts, observations and their filter, the
// selected observation, the profile buttons.
void drawSewerPanel(ViewerState& state);

// "Lengteprofiel": the profile of state.profileRoute drawn with ImGui, saved as SVG/PNG on request.
void drawProfilePanel(ViewerState& state);

// Builds state.profile for state.profileRoute (or says why not in state.profileProblem).
void updateProfile(ViewerState& state);

// The next sewer pipe after the route's last one (sharing its end node), or "" when none.
std::string nextPipeOnRoute(const ViewerState& state);

// The feature holding an observation (index into Dataset::observations), or -1.
long featureOfObservation(const model::Dataset& ds, std::size_t observation);

}  // namespace bz::app
