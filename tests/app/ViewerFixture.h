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

// Two 2 m sewer pipes in a row along x (K1 -> K2 -> K3, 40 m and 30 m) at 4 m NAP, both
// inspected; the first has a class-5 observation 20 m in at 3 o'clock (the view's centre in the
// top view) and condition 5, the second condition 2.
inline void fillInspectedSewer(app::ViewerState& s) {
    const double x0 = kViewerX0, y0 = kViewerY0;
    std::vector<model::VertexDepth> d(2, {model::DepthProvenance::Measured, 0.05f});
    model::Dataset::Meta m;
    m.layer = "gwsw";
    m.theme = "rioolVrijverval";
    m.type = model::ObjectType::SewerPipe;
    struct Pipe {
        const char* id;
        double xa, xb;
        const char *from, *to;
        int overall;
    };
    for (const Pipe& p : {Pipe{"R1", x0 - 20, x0 + 20, "K1", "K2", 5},
                          Pipe{"R2", x0 + 20, x0 + 50, "K2", "K3", 2}}) {
        m.id = p.id;
        auto fi = s.dataset.addLinear(m, {{p.xa, y0, 4}, {p.xb, y0, 4}}, d, 2.0f);
        model::SewerProfile sp;
        sp.bobBeginM = 3.0;
        sp.bobEndM = 3.0;
        sp.heightMm = 2000;
        sp.beginNode = p.from;
        sp.endNode = p.to;
        s.dataset.attach(fi, sp);
        model::SewerInspection in;
        in.id = std::string("insp-") + p.id;
        in.startNode = p.from;
        in.date = model::Date::of(2025, 1, 1);
        s.dataset.attach(fi, in);
        model::SewerObservation o;
        o.inspectionId = in.id;
        o.code = p.overall == 5 ? "BAC" : "BBC";
        o.distanceM = 20;
        o.clock1 = 3;
        o.conditionClass = p.overall;
        o.photo = "foto-1.jpg";
        s.dataset.attach(fi, o);
        model::SewerCondition c;
        c.overall = p.overall;
        c.inspected = in.date;
        s.dataset.attach(fi, c);
    }
    s.summary = model::summarize(s.dataset);
    s.options.width = 320;
    s.options.height = 240;
}

// A 320 x 240 viewport on the state, rendering into the current (hidden window's) context.
// The middle of the rows of the view's centre column where `feature` is picked (the top of a
// tube seen from above), or -1.
inline int rowOf(render::Viewport& viewport, long feature) {
    int first = -1, last = -1;
    for (int y = 0; y < 240; ++y)
        if (viewport.pick(160, y) == feature) {
            if (first < 0) first = y;
            last = y;
        }
    return first < 0 ? -1 : (first + last) / 2;
}

inline std::unique_ptr<render::Viewport> viewportFor(const app::ViewerState& s) {
    auto viewport = std::make_unique<render::Viewport>(s.dataset, s.ground, s.options);
    viewport->initializeFromCurrentContext();
    viewport->resize(320, 240);
    return viewport;
}

}  // namespace bz::test
