// Where an observation sits in 3D: along its pipe at its distance from the inspection's start
// node, on the pipe wall at its clock position (looking in the direction of inspection, 12 is the
// crown, 3 the right-hand wall, 6 the invert); one without a clock position on the crown, where
// it is seen from above.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::sewer {

struct ObservationFilter {
    std::set<std::string> codes;  // main codes shown; empty: all
    int minClass = 1;             // 0 also shows what is not a defect (inventory, remarks)
    bool latestOnly = true;       // only the inspections the pipe's condition comes from
};

struct PlacedObservation {
    std::uint32_t feature = 0;      // the pipe
    std::uint32_t observation = 0;  // index into Dataset::observations
    core::Vec3 position;            // on the wall, RD/NAP
    core::Vec3 axisPoint;           // on the axis at its distance
    double wallRadiusM = 0;
    int conditionClass = 0;
};

// Does the inspection run from the pipe's own begin (its first vertex) to its end?
bool inspectedFromBegin(const model::SewerProfile* pipe, const model::SewerInspection& in);

std::vector<PlacedObservation> placeObservations(const model::Dataset& ds,
                                                 const ObservationFilter& filter = {});

}  // namespace bz::sewer
