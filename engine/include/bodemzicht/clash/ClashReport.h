// The result of a clash run: one row per conflicting pair of objects.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <bodemzicht/core/Vec.h>

namespace bz::clash {

enum class ClashKind : std::uint8_t {
    Hard,        // the objects overlap
    Clearance,   // closer than the rule requires
    Constraint,  // inside a zone or against a level rule
    Possible,    // only within the depth-uncertainty band of an assumed depth: dig a trial trench
    Duplicate,   // existing data describing one object twice (--self)
};

enum class ClashStatus : std::uint8_t { New, Active, Resolved, Approved };

// How sure a clash is, from the vertical uncertainty bands of both objects (docs/clash.md):
// certain - the clearance is violated for every relative position within the bands;
// likely - violated at the nominal positions, not for all positions within the bands;
// possible - violated only for some positions within the bands;
// none - not a question of depth (a zone constraint, a duplicate).
enum class Certainty : std::uint8_t { Certain, Likely, Possible, None };

std::string_view toCode(ClashKind k);
// Dutch names as the viewer and the reports show them ("harde botsing", "zeker", "opgelost").
std::string_view dutchName(ClashKind k);
std::string_view dutchName(ClashStatus s);
std::string_view dutchName(Certainty c);
std::string_view toCode(ClashStatus s);
std::string_view toCode(Certainty c);
bool certaintyFromCode(std::string_view code, Certainty& out);
bool clashKindFromCode(std::string_view code, ClashKind& out);
bool clashStatusFromCode(std::string_view code, ClashStatus& out);

struct Clash {
    std::string id;       // stable: derived from the two object ids
    std::string groupId;  // nearby clashes share a group
    ClashKind kind = ClashKind::Hard;
    ClashStatus status = ClashStatus::New;
    std::uint32_t featureA = 0, featureB = 0;  // A: the existing object, B: the proposed one
    std::string aId, bId, aTheme, bTheme, aOwner, bOwner, aType, bType;
    double distanceM = 0;        // smallest surface distance, negative: penetration depth
    double requiredM = 0;        // the clearance that applied
    double violatedLengthM = 0;  // along the linear object; NaN when neither is linear
    core::Vec3 pointA, pointB;   // closest points, RD/NAP
    std::string relation;        // parallel, crossing or empty
    std::string rule, ruleSource;
    bool ruleVerified = false;
    std::string assumed;  // what the result depends on that was assumed, e.g. "a:depth b:diameter"
    double worstShiftM = 0;  // for possible clashes: the vertical shift that causes it
    Certainty certainty = Certainty::None;
    // Probability that the clearance is violated, with the relative vertical offset of the two
    // objects normal with sigma = sqrt(bandA^2 + bandB^2); NaN where certainty is None.
    double probability = std::numeric_limits<double>::quiet_NaN();
    // The source's own attributes of both objects, "key=value; ..." (model::Dataset::attributes).
    std::string aAttributes, bAttributes;
    // What digging the proposed object means for the soil (constraint rows of the excavation
    // pass; NaN elsewhere): the excavated volume, the part of it above the intervention value of
    // `substance` with the highest concentration met (in `unit`), and the part below the lowest
    // groundwater level (dewatering).
    std::string substance, unit;
    double excavatedM3 = std::numeric_limits<double>::quiet_NaN();
    double contaminatedM3 = std::numeric_limits<double>::quiet_NaN();
    double maxConcentration = std::numeric_limits<double>::quiet_NaN();
    double belowGlgM3 = std::numeric_limits<double>::quiet_NaN();
    core::Vec3 location() const { return (pointA + pointB) * 0.5; }
};

struct ClashReport {
    std::vector<Clash> clashes;
    std::vector<std::string> notes;  // rules not checked, features without geometry, ...
    std::size_t proposedChecked = 0, existingIndexed = 0, segmentsIndexed = 0;
    std::size_t proposedUnusable =
        0;  // of proposedChecked: no geometry could be made (notes say why)
    std::vector<std::uint32_t>
        uncheckedFeatures;          // in the run but not checked (no geometry, heights)
    std::size_t pairsDetected = 0;  // pairs closer than their rule, found by the queries
    struct Timings {
        double loadMs = 0, modelMs = 0;
        double indexMs = 0;   // building the spatial index
        double queryMs = 0;   // broad and exact narrow phase: which pairs clash, and how
        double reportMs = 0;  // report rows: ids, owners, rules, violated lengths, groups, order
    } timings;

    std::map<std::string, std::size_t> countByKind() const;
    // Summary per kind and per owner (who to contact), for stdout.
    std::string summary() const;
};

// A contamination row for the groundwater (concentrations per litre, `intervention.grondwater`):
// the volume is what is dug below the groundwater level where the water is above the value.
bool inGroundwater(const Clash& c);
// Is a concentration unit one of water (per litre: ug/l, µg/l, mg/l)?
bool perLitre(std::string_view unit);

// FNV-1a based stable id of a pair of object ids.
std::string stableClashId(std::string_view aId, std::string_view bId);

// Assigns group ids: clashes whose locations lie within `radiusM` of each other (transitively)
// share the group named after the group's smallest clash id.
void groupClashes(std::vector<Clash>& clashes, double radiusM);

}  // namespace bz::clash
