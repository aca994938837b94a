// The space budget of a street: per street segment, how much room is left in each zone of the
// street profile after what lies there and what is proposed or reserved. Measured on
// cross-sections across the segment (facade to facade) every few metres: the free width of a zone
// is the width across the street where a new cable of the asked size still fits at some depth
// between the zone's least cover and the deepest level asked, keeping the clearance to
// everything cut (its band of uncertainty included); the free area is the cross-section area of
// such positions, and the share is that area over the area in an empty street.
//
//     auto budget = design::spaceBudget(ds, ground, design::StreetProfile::shipped(), streets, {});
//     budget->front().zones[0].freeWidthM;
#pragma once

#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/design/StreetProfile.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/GroundLevel.h>
#include <bodemzicht/model/Street.h>

namespace bz::design {

struct BudgetOptions {
    double stationStepM = 10;       // a cross-section every so many metres along a segment
    double defaultWidthM = 12;      // facade to facade where the segment has no width (marked)
    double diameterM = 0.16;        // "room" is room for a cable of this size ...
    double clearanceM = 0.3;        // ... with this clearance to everything cut
    double maxDepthM = 3.0;         // the deepest level counted (below ground)
    double gridStepM = 0.1;         // of the free-space grid in each section
    double defaultMinCoverM = 0.6;  // for zones without a least cover
};

struct ZoneBudget {
    std::string zone;
    double widthM = 0;        // across the street, both sides together
    double freeWidthM = 0;    // mean over the sections
    double freeAreaM2 = 0;    // mean free area of cable positions
    double emptyAreaM2 = 0;   // the same in an empty street
    double designWidthM = 0;  // mean width taken by proposed and reserved objects
    double freeShare() const { return emptyAreaM2 > 0 ? freeAreaM2 / emptyAreaM2 : 0.0; }
};

struct SegmentBudget {
    std::string segment, street;
    std::vector<core::Vec2> line;
    double lengthM = 0, widthM = 0;
    bool widthAssumed = false;  // the segment had no width: defaultWidthM
    int sections = 0;
    std::vector<ZoneBudget> zones;
    double freeAreaM2 = 0, emptyAreaM2 = 0;  // over every zone
    double freeShare() const { return emptyAreaM2 > 0 ? freeAreaM2 / emptyAreaM2 : 0.0; }
};

struct SpaceBudget {
    std::vector<SegmentBudget> segments;
    std::vector<std::string> skipped;  // segments that could not be measured, and why
};

// Needs the ground level (depths below ground); a segment shorter than its width has no section
// clear of its junctions and is measured once, at its middle.
core::Result<SpaceBudget> spaceBudget(const model::Dataset& ds, const model::GroundLevel& ground,
                                      const StreetProfile& profile,
                                      const model::StreetLayer& streets,
                                      const BudgetOptions& options = {});

// Red (nothing left) through yellow to green (an empty street) for a free share in [0, 1].
struct BudgetColour {
    unsigned char r, g, b;
};
BudgetColour budgetColour(double freeShare);

}  // namespace bz::design
