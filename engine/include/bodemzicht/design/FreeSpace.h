// "Where does it still fit?": along a route through a street, the offset and depth at which a new
// pipe or cable of a given size keeps the rule set's clearances to everything in the ground,
// preferring the drawn position and shallow depth, with the stretches where nothing fits and what
// is in the way. Every route returned has been checked by the clash core itself: it has no hard
// and no clearance clash.
//
//     design::FreeSpaceRequest r;
//     r.route = {{x0, y0}, {x1, y1}};
//     r.diameterM = 0.16;
//     auto fit = design::findFreeSpace(ds, clash::RuleSet::dutchDefault(), ground, r);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/core/Error.h>
#include <bodemzicht/design/StreetProfile.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/GroundLevel.h>
#include <bodemzicht/model/Street.h>

namespace bz::design {

struct FreeSpaceRequest {
    std::vector<core::Vec2> route;  // RD New, the street's line the new network follows
    double diameterM = 0.16;
    std::string theme = "laagspanning";
    std::string owner;
    std::optional<double> clearanceM;  // every object needs this; default: the rule set's pairs
    double searchHalfWidthM = 3.0;     // how far from the route it may move, either side
    double maxDepthM = 3.0;            // deepest cover tried (below ground, to the top)
    double stationStepM = 1.0;         // positions along the route
    double gridStepM = 0.1;            // offsets and depths tried at each
    // Where the network's own zone of the street profile lies, as offsets from the route (left
    // positive): positions there are preferred to nearer ones outside (preferredZoneOffsets).
    std::vector<std::pair<double, double>> preferredOffsets;
};

struct FittedPoint {
    double chainageM;  // along the route
    core::Vec3 axis;   // RD/NAP
    double offsetM;    // from the route, left positive
    double coverM;     // ground to the top
};

struct BlockedStretch {
    double fromM, toM;  // chainage
    std::vector<core::Vec2> line;
    std::vector<std::string> inTheWay;  // ids of what blocks it (the nearest first)
};

struct FreeSpaceResult {
    std::vector<std::vector<FittedPoint>> runs;  // continuous pieces that fit
    std::vector<BlockedStretch> blocked;
    double routeLengthM = 0, fittedLengthM = 0;
    std::size_t obstacles = 0;   // objects considered
    int verificationRounds = 0;  // clash-core checks until clean
    double fitMs = 0, verifyMs = 0;
};

// The zones of `theme` in the street profile as offsets from `route`, for the street segment the
// route runs along (the nearest whose direction is within 30 degrees of the route's); empty when
// none does, the segment has no width, or the profile has no zone for the theme. `street` gets
// the segment's id.
std::vector<std::pair<double, double>> preferredZoneOffsets(const StreetProfile& profile,
                                                            const std::string& theme,
                                                            const model::StreetLayer& streets,
                                                            const std::vector<core::Vec2>& route,
                                                            std::string* street = nullptr);

// The stretches of a route (chainage from, to) that lie in no street segment of the layer: further
// from every centre line than half its width (12 m streets where the width is unknown), sampled
// every metre. Empty when the route stays in the streets, or there are none.
std::vector<std::pair<double, double>> outsideStreets(const model::StreetLayer& streets,
                                                      const std::vector<core::Vec2>& route,
                                                      double defaultWidthM = 12);

core::Result<FreeSpaceResult> findFreeSpace(const model::Dataset& ds, const clash::RuleSet& rules,
                                            const model::GroundLevel& ground,
                                            const FreeSpaceRequest& request);

}  // namespace bz::design
