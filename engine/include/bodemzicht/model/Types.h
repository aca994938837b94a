// Enumerations of the subsurface data model and their stored codes (see docs/data-model.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace bz::model {

// Lifecycle status (INSPIRE's ConditionOfFacility, as KLIC uses it, plus the designer's
// proposals). Every proposed feature is checked against every object that is in the ground.
//  Existing          functional
//  Proposed          a designer's measure, checked against the rest
//  OutOfService      disused, still in the ground
//  PlannedByOwner    an operator's own plan (KLIC "projected"): shown, checked against proposals
//                    only on request, never reported as a proposal
//  UnderConstruction being laid: in the ground for every check
//  Abandoned         decommissioned and left in the ground (verlaten)
//  Removed           no longer in the ground: kept for its history, never checked
//  Reserved          space a designer keeps for a later measure: counts in the space budget
enum class ObjectStatus : std::uint8_t {
    Existing,
    Proposed,
    OutOfService,
    PlannedByOwner,
    UnderConstruction,
    Abandoned,
    Removed,
    Reserved,  // space kept for a later measure (the heat network of 2030): a design, not checked
};

// The source of the measures drawn in the viewer (design::MeasureEditor, io::storeDesign).
inline constexpr const char* kDesignSource = "ontwerp";

// A designer's object: proposed or reserved.
inline bool isDesign(ObjectStatus s) {
    return s == ObjectStatus::Proposed || s == ObjectStatus::Reserved;
}

// Is an object of this status physically in the ground (a proposal may hit it)?
bool inTheGround(ObjectStatus s);

// Where a vertex's height comes from. `Assumed` heights come from a default cover depth and carry
// the rule set's uncertainty; `Unknown` is a 2D feature nobody gave a height to.
enum class DepthProvenance : std::uint8_t { Measured, Derived, Assumed, Unknown };

// The three geometric kinds the clash core understands.
enum class GeometryKind : std::uint8_t { Linear, VerticalBody, Prism };

// What an object is. It selects the geometry kind and which detail record it has.
enum class ObjectType : std::uint8_t {
    Cable,
    Pipe,
    Duct,
    HeatPipe,
    SewerPipe,  // linear networks
    Tree,
    Manhole,
    Well,
    Foundation,
    Cabinet,
    Appurtenance,  // vertical bodies
    Trench,
    TreePit,
    Wadi,
    InfiltrationCrate,
    ContaminationZone,
    ProtectedZone,
    Area,  // prisms
};

GeometryKind geometryKindOf(ObjectType type);

std::string_view toCode(ObjectStatus s);
// Every status, in enum order (for tables and listings).
inline constexpr ObjectStatus kStatuses[] = {
    ObjectStatus::Existing,       ObjectStatus::Proposed,          ObjectStatus::OutOfService,
    ObjectStatus::PlannedByOwner, ObjectStatus::UnderConstruction, ObjectStatus::Abandoned,
    ObjectStatus::Removed};
std::string_view toCode(DepthProvenance p);
std::string_view toCode(ObjectType t);
char toChar(DepthProvenance p);  // one letter per vertex in the store: m d a u

std::optional<ObjectStatus> statusFromCode(std::string_view code);
std::optional<DepthProvenance> provenanceFromCode(std::string_view code);
std::optional<DepthProvenance> provenanceFromChar(char c);
std::optional<ObjectType> objectTypeFromCode(std::string_view code);

}  // namespace bz::model
