#include "ViewInput.h"

#include "Measuring.h"
#include "SewerPanel.h"

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

void applyViewInput(ViewerState& s, render::Viewport& viewport, const ViewInput& in) {
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
