// The works plan in the viewer (panel "Werkenplan"): the project's plan (bodem plan) computed on
// request, its street segments coloured by how often they open in the plan's years (coupled or
// separately), a year slider that picks out what opens in that year, and a street clicked in 3D
// (or chosen in the list) with its plan rows.
#pragma once

#include <bodemzicht/model/Street.h>
#include <bodemzicht/plan/WorksPlan.h>
#include <bodemzicht/render/SceneRenderer.h>

#include <optional>
#include <string>
#include <vector>

namespace bz::app {

struct ViewerState;

struct PlanSession {
    bool show = false;    // the streets coloured by their openings
    bool coupled = true;  // openings coupled, else as planned separately
    int year = 0;         // the slider: what opens in this year stands out
    std::optional<plan::WorksPlan> plan;
    model::StreetLayer streets;
    bool streetsDerived = false;  // from the sewer mains: the project has no street layer
    long selected = -1;           // into plan->segments
    std::string problem;
    std::vector<render::RenderOptions::OverlayLine> lines;
};

// Computes the project's plan from this year on (10 years); false with plan.problem set.
bool computePlan(ViewerState& state, int startYear);
// The overlay lines for the plan (none when not shown); the caller shows them.
void updatePlanLines(ViewerState& state);
// Openings of a segment in the session's mode, and whether one of them can fall in `year`.
std::size_t openingsOf(const PlanSession& session, const plan::SegmentPlan& segment);
bool opensIn(const PlanSession& session, const plan::SegmentPlan& segment, int year);
// The colour for a number of openings: 1 green, 2 yellow, 3 orange, 4 and more red.
render::Rgb openingsColour(std::size_t openings);
// Selects the plan segment whose corridor holds p (the nearest centre line); false when none.
bool selectPlanSegmentAt(ViewerState& state, core::Vec2 p);

void drawPlanPanel(ViewerState& state, render::Viewport& viewport);

}  // namespace bz::app
