#include "ViewInput.h"

#include "Designing.h"
#include "Measuring.h"
#include "SewerPanel.h"

#include <algorithm>
#include <cmath>

namespace bz::app {

void addMeasuringPoint(ViewerState& s, core::Vec3 point, std::string snappedTo) {
    if (s.measured.size() >= 2) {
        s.measured.clear();
        s.measuredSnap.clear();
    }
    s.measured.push_back(point);
    s.measuredSnap.push_back(std::move(snappedTo));
    s.options.measuringPoints = s.measured;
}

std::optional<Measurement> measurement(const ViewerState& s) {
    if (s.measured.size() != 2) return std::nullopt;
    const core::Vec3 d = s.measured[1] - s.measured[0];
    return Measurement{core::length(d), core::length(d.xy()), d.z};
}

namespace {

// Design mode: true when the left button went to a measure (no orbit this frame).
bool applyDesignInput(ViewerState& s, render::Viewport& viewport, const ViewInput& in) {
    auto& d = s.design;
    if (in.undo) undoDesign(s, viewport);
    if (in.redo) redoDesign(s, viewport);
    if (!d.active) return false;
    // Snapping within a dozen pixels, at least 30 cm.
    const double tol = std::max(0.3, 12 * viewport.metresPerPixel());
    if (d.dragMeasure >= 0) {
        if ((in.dx != 0 || in.dy != 0) && !in.leftRelease)
            if (auto p = viewport.pickPoint(in.x, in.y)) dragMeasureTo(s, viewport, p->xy());
        if (in.leftRelease) endMeasureDrag(s, viewport);
        return true;
    }
    if (d.drawing) {
        if (in.escape) cancelDrawing(s, viewport);
        if (in.leftClick && !in.doubleClick)
            if (auto p = viewport.pickPoint(in.x, in.y)) {
                std::string what;
                const auto q = snapDesignPoint(s, viewport.pick(in.x, in.y), *p, tol, &what);
                addDraftPoint(s, viewport, q, what);
            }
        if (in.enter || in.doubleClick) finishDrawing(s, viewport);
        return false;  // a left drag still turns the view while drawing
    }
    if (in.del) deleteSelectedMeasure(s, viewport);
    if (in.leftPress) {
        const long feature = viewport.pick(in.x, in.y);
        if (auto p = viewport.pickPoint(in.x, in.y))
            return beginMeasureDrag(s, feature, *p, in.shift, tol);
    }
    return false;
}

}  // namespace

void applyViewInput(ViewerState& s, render::Viewport& viewport, const ViewInput& in) {
    if (applyDesignInput(s, viewport, in)) return;
    // The works plan shown: a click on a street picks its plan rows.
    if (s.planning.show && in.leftClick && !in.doubleClick && !s.design.active)
        if (auto p = viewport.pickPoint(in.x, in.y))
            if (selectPlanSegmentAt(s, p->xy())) showOverlayLines(s, viewport);
    if (in.leftDrag && (in.dx != 0 || in.dy != 0)) viewport.orbit(-in.dx * 0.3, in.dy * 0.3);
    if (in.middleDrag && (in.dx != 0 || in.dy != 0)) viewport.pan(in.dx, in.dy);
    if (in.wheel != 0) viewport.zoom(in.wheel > 0 ? 1.15 : 1 / 1.15);
    if (!in.rightClick) return;
    if (in.shift) {
        // The surface point under the mouse, snapped to the axis of the object there; nothing
        // there (the sky): no point. The points show in 3D.
        if (auto p = viewport.pickPoint(in.x, in.y)) {
            auto snapped = snapMeasuringPoint(s.dataset, viewport.pick(in.x, in.y), *p, s.dutch);
            addMeasuringPoint(s, snapped.point, snapped.what);
            viewport.setMeasuringPoints(s.measured);
        }
    } else {
        const long picked = viewport.pick(in.x, in.y);
        if (render::isObservationPick(picked)) {
            // An observation marker: the observation, and its pipe as the selected object.
            s.selectedObservation = picked - render::kObservationPickBase;
            s.selectedFeature =
                featureOfObservation(s.dataset, static_cast<std::size_t>(s.selectedObservation));
        } else {
            s.selectedFeature = picked;
            s.selectedObservation = -1;
        }
    }
}

}  // namespace bz::app
