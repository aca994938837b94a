// The longitudinal profile (lengteprofiel) of a sewer route: one pipe or a chain of pipes through
// their manholes, laid out along the route's chainage (m, 2D length from the route's start) with
// levels in m NAP: ground, BOB and crown of every pipe, the manholes, GHG/GLG where known, the
// observations at their distance, and the invert measured by the inspection's inclination
// measurements (BXA) with the storage a sag loses to standing water.
//
//     auto p = sewer::buildProfile(ds, {"GWSW-h0_1", "GWSW-h1_1"}, fields);
//     p->pipes[1].start;   // chainage of the second pipe's start
#pragma once

#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/GroundLevel.h>

namespace bz::sewer {

struct ProfileFields {
    model::GroundLevel ground, ghg, glg;  // each may be unavailable
};

struct LongitudinalProfile {
    struct Point {
        double chainage = 0, level = 0;  // m, m NAP
    };
    struct Pipe {
        std::string id;
        std::uint32_t feature = 0;
        double start = 0, end = 0;        // chainage
        double bobStart = 0, bobEnd = 0;  // m NAP, in the route's direction
        double heightM = 0;               // inner height (0: unknown)
        bool reversed = false;            // drawn against its own begin -> end
        std::string fromNode, toNode;     // in the route's direction
        int conditionClass = 0;
        bool heightAssumed = false;  // BOB from an assumed depth
    };
    struct Manhole {
        std::string id;
        double chainage = 0;
        double cover = 0, bottom = 0;  // m NAP; NaN when the project has no such manhole
        bool found = false;
    };
    struct Observation {
        std::string pipeId, code;
        double chainage = 0, level = 0;  // on the pipe wall at its clock position
        int conditionClass = 0;
        std::string label;  // "BAJ A 133.7"
    };
    struct MeasuredInvert {
        std::string pipeId, inspectionId;
        std::vector<Point> invert;  // from the inclination measurements
        std::vector<Point> water;   // standing water level where it is above the invert
        double lostStorageM3 = 0;   // volume of standing water (the pipe's cross-section)
    };

    std::vector<std::string> route;
    double length = 0;
    std::vector<Pipe> pipes;
    std::vector<Manhole> manholes;
    std::vector<Point> ground, ghg, glg;
    std::vector<Observation> observations;
    std::vector<MeasuredInvert> measured;
    double minLevel = 0, maxLevel = 0;  // of everything drawn

    // The BOB at a chainage (linear along the pipe that holds it); NaN outside the route.
    double bobAt(double chainage) const;
};

// Builds the profile; the route's pipes must be sewer pipes with a profile (BOB), each sharing a
// node (or an end point within 0.5 m) with the next. Errors name the pipe.
core::Result<LongitudinalProfile> buildProfile(const model::Dataset& ds,
                                               const std::vector<std::string>& route,
                                               const ProfileFields& fields,
                                               double groundStepM = 1.0);

// The invert along an inspection from its inclination measurements (BXA): slope in % (K) or
// degrees (J) integrated from the BOB at the start node, or offsets from the BOB line in mm (A)
// or m (AA), or levels in m NAP (B). Distances are from the inspection's start node.
std::vector<LongitudinalProfile::Point> invertFromInclination(
    const std::vector<const model::SewerObservation*>& observations, double bobAtStart,
    double bobAtEnd, double length);

// The level standing water keeps above `invert` when the pipe drains at its lower end: per
// point, the highest invert between it and the outlet.
std::vector<LongitudinalProfile::Point> standingWater(
    const std::vector<LongitudinalProfile::Point>& invert, bool drainsAtEnd);

}  // namespace bz::sewer
