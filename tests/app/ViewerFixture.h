// A small viewer state shared by the viewer's tests: a low-voltage cable (layer klic) and a water
// main 10 m north of it (layer gwsw), with one clearance clash between them as a report names it
// (by ids, water main first: the report's order differs from the dataset's).
#pragma once

#include <bodemzicht/model/DatasetSummary.h>
#include <bodemzicht/render/SceneRenderer.h>

#include <memory>

#include "ViewerState.h"

namespace bz::test {

constexpr double kViewerX0 = 250000, kViewerY0 = 470000;

inline void fillTwoNetworksAndAClash(app::ViewerState& s) {
    const double x0 = kViewerX0, y0 = kViewerY0;
    std::vector<model::VertexDepth> d(2, {model::DepthProvenance::Measured, 0.05f});
    model::Dataset::Meta m;
    m.id = "LS";
    m.layer = "klic";
    m.theme = "laagspanning";
    m.type = model::ObjectType::Cable;
    s.dataset.addLinear(m, {{x0 - 20, y0, 4}, {x0 + 20, y0, 4}}, d, 0.1f);
    m.id = "W";
    m.layer = "gwsw";
    m.theme = "water";
    m.type = model::ObjectType::Pipe;
    s.dataset.addLinear(m, {{x0 - 20, y0 + 10, 4}, {x0 + 20, y0 + 10, 4}}, d, 0.2f);
    s.summary = model::summarize(s.dataset);
    clash::Clash c;
    c.id = "C1";
    c.aId = "W";
    c.bId = "LS";
    c.kind = clash::ClashKind::Clearance;
    c.requiredM = 0.5;
    c.pointA = {x0 + 5, y0 + 10, 4};
    c.pointB = {x0 + 5, y0, 4};
    s.clashes.clashes.push_back(c);
    s.options.width = 320;
    s.options.height = 240;
}

// A 320 x 240 viewport on the state, rendering into the current (hidden window's) context.
inline std::unique_ptr<render::Viewport> viewportFor(const app::ViewerState& s) {
    auto viewport = std::make_unique<render::Viewport>(s.dataset, s.ground, s.options);
    viewport->initializeFromCurrentContext();
    viewport->resize(320, 240);
    return viewport;
}

}  // namespace bz::test
