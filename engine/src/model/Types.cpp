#include <bodemzicht/model/Themes.h>
#include <bodemzicht/model/Types.h>

#include <algorithm>
#include <array>
#include <utility>

namespace bz::model {

namespace {

constexpr std::array<std::pair<ObjectType, std::string_view>, 18> kTypeCodes = {{
    {ObjectType::Cable, "cable"},
    {ObjectType::Pipe, "pipe"},
    {ObjectType::Duct, "duct"},
    {ObjectType::HeatPipe, "heat_pipe"},
    {ObjectType::SewerPipe, "sewer_pipe"},
    {ObjectType::Tree, "tree"},
    {ObjectType::Manhole, "manhole"},
    {ObjectType::Well, "well"},
    {ObjectType::Foundation, "foundation"},
    {ObjectType::Cabinet, "cabinet"},
    {ObjectType::Appurtenance, "appurtenance"},
    {ObjectType::Trench, "trench"},
    {ObjectType::TreePit, "tree_pit"},
    {ObjectType::Wadi, "wadi"},
    {ObjectType::InfiltrationCrate, "infiltration_crate"},
    {ObjectType::ContaminationZone, "contamination_zone"},
    {ObjectType::ProtectedZone, "protected_zone"},
    {ObjectType::Area, "area"},
}};

}  // namespace

GeometryKind geometryKindOf(ObjectType type) {
    switch (type) {
        case ObjectType::Cable:
        case ObjectType::Pipe:
        case ObjectType::Duct:
        case ObjectType::HeatPipe:
        case ObjectType::SewerPipe:
            return GeometryKind::Linear;
        case ObjectType::Tree:
        case ObjectType::Manhole:
        case ObjectType::Well:
        case ObjectType::Foundation:
        case ObjectType::Cabinet:
        case ObjectType::Appurtenance:
            return GeometryKind::VerticalBody;
        default:
            return GeometryKind::Prism;
    }
}

std::string_view toCode(ObjectStatus s) {
    switch (s) {
        case ObjectStatus::Existing:
            return "existing";
        case ObjectStatus::Proposed:
            return "proposed";
        case ObjectStatus::OutOfService:
            return "out_of_service";
        case ObjectStatus::PlannedByOwner:
            return "planned";
        case ObjectStatus::UnderConstruction:
            return "under_construction";
        case ObjectStatus::Abandoned:
            return "abandoned";
        case ObjectStatus::Removed:
            return "removed";
        case ObjectStatus::Reserved:
            return "reserved";
    }
    return "existing";
}

bool inTheGround(ObjectStatus s) {
    return s == ObjectStatus::Existing || s == ObjectStatus::OutOfService ||
           s == ObjectStatus::UnderConstruction || s == ObjectStatus::Abandoned;
}

std::string_view toCode(DepthProvenance p) {
    switch (p) {
        case DepthProvenance::Measured:
            return "measured";
        case DepthProvenance::Derived:
            return "derived";
        case DepthProvenance::Assumed:
            return "assumed";
        case DepthProvenance::Unknown:
            return "unknown";
    }
    return "unknown";
}

char toChar(DepthProvenance p) {
    return toCode(p)[0];
}

std::string_view toCode(ObjectType t) {
    for (auto& [type, code] : kTypeCodes)
        if (type == t) return code;
    return "area";
}

std::optional<ObjectStatus> statusFromCode(std::string_view code) {
    if (code == "existing" || code == "functional" || code == "bestaand")
        return ObjectStatus::Existing;
    if (code == "proposed" || code == "plan") return ObjectStatus::Proposed;
    // INSPIRE's ConditionOfFacility "projected", as KLIC uses it: the owner's own plan.
    if (code == "planned" || code == "projected") return ObjectStatus::PlannedByOwner;
    if (code == "out_of_service" || code == "disused" || code == "buitenGebruik")
        return ObjectStatus::OutOfService;
    if (code == "under_construction" || code == "underConstruction" || code == "inAanleg")
        return ObjectStatus::UnderConstruction;
    if (code == "abandoned" || code == "decommissioned" || code == "verlaten")
        return ObjectStatus::Abandoned;
    if (code == "removed" || code == "verwijderd") return ObjectStatus::Removed;
    if (code == "reserved" || code == "gereserveerd") return ObjectStatus::Reserved;
    return std::nullopt;
}

std::optional<DepthProvenance> provenanceFromCode(std::string_view code) {
    for (auto p : {DepthProvenance::Measured, DepthProvenance::Derived, DepthProvenance::Assumed,
                   DepthProvenance::Unknown})
        if (code == toCode(p)) return p;
    return std::nullopt;
}

std::optional<DepthProvenance> provenanceFromChar(char c) {
    switch (c) {
        case 'm':
            return DepthProvenance::Measured;
        case 'd':
            return DepthProvenance::Derived;
        case 'a':
            return DepthProvenance::Assumed;
        case 'u':
            return DepthProvenance::Unknown;
    }
    return std::nullopt;
}

std::optional<ObjectType> objectTypeFromCode(std::string_view code) {
    for (auto& [type, c] : kTypeCodes)
        if (c == code) return type;
    return std::nullopt;
}

namespace themes {
bool isKnown(std::string_view code) {
    return std::find(kImkl.begin(), kImkl.end(), code) != kImkl.end() ||
           std::find(kBodemzicht.begin(), kBodemzicht.end(), code) != kBodemzicht.end();
}
}  // namespace themes

}  // namespace bz::model
