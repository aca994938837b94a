// Measuring points snap to what they hit: a cable or pipe's axis (its nearest vertex when within
// a few decimetres), a body's vertical axis; elsewhere the picked surface point stays.
#pragma once

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Dataset.h>

#include <string>

namespace bz::app {

struct SnappedPoint {
    core::Vec3 point;  // RD/NAP
    std::string what;  // "as LS-1", "knikpunt LS-1", "as put K2" or "" (the surface point)
};

// `feature`: the object under the mouse (-1: none); `picked`: the surface point there.
SnappedPoint snapMeasuringPoint(const model::Dataset& ds, long feature, core::Vec3 picked,
                                bool dutch = true, double vertexSnapM = 0.3);

// The point of segment a-b nearest to p.
core::Vec3 nearestOnSegment(core::Vec3 p, core::Vec3 a, core::Vec3 b);

}  // namespace bz::app
