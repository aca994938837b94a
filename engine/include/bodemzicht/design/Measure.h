// A measure a designer draws: a heat network (supply and return), a cable route, a trench, a tree
// pit, a wadi, an infiltration crate or a WKO well, with its size, depth and owner. It becomes
// ordinary proposed objects of the data model (addMeasure), so the clash core, the store and
// every view treat it like a proposal read from a file.
//
//     design::Measure m = design::defaultMeasure(design::MeasureKind::HeatNetwork);
//     m.id = "ONTWERP-1";
//     m.points = {{x0, y0}, {x1, y1}};
//     auto features = design::addMeasure(m, ground, dataset);  // the two pipes' indices
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/GroundLevel.h>

namespace bz::design {

enum class MeasureKind : std::uint8_t {
    HeatNetwork,        // two pipes, supply and return, side by side
    Cable,              // one cable or pipe
    Trench,             // an open trench along a line
    TreePit,            // a planting pit: an outline, or a square around one point
    Wadi,               // a shallow infiltration basin: an outline
    InfiltrationCrate,  // crates under the street: an outline, or a square around one point
    WkoWell,            // an aquifer thermal energy well at one point
};
inline constexpr MeasureKind kMeasureKinds[] = {
    MeasureKind::HeatNetwork, MeasureKind::Cable, MeasureKind::Trench,
    MeasureKind::TreePit,     MeasureKind::Wadi,  MeasureKind::InfiltrationCrate,
    MeasureKind::WkoWell};

std::string_view toCode(MeasureKind kind);     // "heat_network", "cable", ...
std::string_view dutchName(MeasureKind kind);  // "warmtenet", "kabel", ...
bool isLinear(MeasureKind kind);               // drawn as a line (networks, trench)
bool isPointMeasure(MeasureKind kind);         // may be one point (tree pit, crate, well)
std::size_t minimumPoints(MeasureKind kind);   // to be complete

struct Measure {
    std::string id;  // unique in the project; the objects made of it derive their ids from it
    MeasureKind kind = MeasureKind::Cable;
    std::string theme, owner, material;
    // RD New: the route (networks, trench), the outline (tree pit, wadi, crate: three or more
    // points; one point gives a square of sizeM), the place (well: one point).
    std::vector<core::Vec2> points;
    // Outer diameter (networks, well), width (trench) or side of the square (tree pit, crate).
    double sizeM = 0.16;
    // Depth of the top below ground (networks: the cover; bodies: 0 at the surface), or its
    // level in m NAP when depthIsNap.
    double topDepthM = 0.8;
    bool depthIsNap = false;
    // Vertical extent of a body (trench or pit depth, crate height, well depth); unused for
    // networks.
    double heightM = 1.2;
    // Heat network: the distance between the two pipes' axes.
    double pairSpacingM = 0.6;
    // WKO well: its screen (m below the well's top), seasonal volume, temperature and system.
    double screenTopDepthM = 60, screenBottomDepthM = 90, storedVolumeM3 = 50000;
    std::string temperature = "warm", systemId;
    int year = 0;  // planned year (0: not given)
    // Space kept for a later measure (status reserved): in the space budget, not in bodem clash.
    bool reserved = false;

    bool operator==(const Measure&) const = default;
};

// A measure of this kind with the usual sizes and theme (a 160 mm cable 0.6 m deep, a heat
// network of two 250 mm pipes 0.8 m deep, ...).
Measure defaultMeasure(MeasureKind kind);

// Whether the measure can be turned into objects: enough points, finite, sizes within reason;
// the reason when not.
core::Result<void> validateMeasure(const Measure& m);

// The ids of the objects a measure becomes: the measure's id, or id-aanvoer and id-retour for a
// heat network.
std::vector<std::string> objectIds(const Measure& m);

// Appends the measure's objects to `ds` as proposed objects (layer "ontwerp") and returns their
// indices. Depths below ground need the ground level; where it is unknown the measure must be
// given in m NAP.
core::Result<std::vector<std::uint32_t>> addMeasure(const Measure& m,
                                                    const model::GroundLevel& ground,
                                                    model::Dataset& ds);

// A measure as JSON, kept with its objects in the project (attribute `measure_def` of its first
// object) so that the viewer can edit it again after a store; and read back, checked.
std::string toJson(const Measure& m);
core::Result<Measure> measureFromJson(std::string_view json);

// A polyline moved sideways by `offset` (left of the direction of travel positive), with mitred
// corners (limited at sharp bends).
std::vector<core::Vec2> offsetPolyline(const std::vector<core::Vec2>& line, double offset);

}  // namespace bz::design
