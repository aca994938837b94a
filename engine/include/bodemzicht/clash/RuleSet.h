// Clash rules as data: clearances per pair of themes (parallel and crossing), tree distances, WKO
// spacing by thermal radius, infiltration above GHG, protected zones, intervention values and the
// defaults used for missing diameters and depths. Read from TOML (docs/rules.md); the Dutch default
// (datasets/rules/nl-default.toml) is compiled in.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/io/SourceReader.h>

namespace bz::clash {

// A number from a rule file with where it came from.
struct RuleValue {
    double value = 0;
    std::string source;  // the reference the file names, or "file:line" for a bare number
    bool verified = false;
    std::string key;  // dotted key in the rule file, e.g. "clearance[3].parallel_m"
    int line = 0;
    std::string unit;  // only for intervention values
};

struct ClearanceRule {
    std::string a, b;  // theme, group or "*"
    RuleValue parallel, crossing;
    std::string id;  // "clearance:a/b"
};

struct RuleSet {
    std::string name, file;
    std::map<std::string, std::vector<std::string>> groups;
    std::vector<ClearanceRule> clearances;
    std::map<std::string, RuleValue> coverDepth, diameter;  // by theme, "*" fallback
    std::map<std::string, RuleValue> depthUncertainty;      // by provenance code
    RuleValue parallelAngleDeg, duplicateTolerance;
    // Sizes for objects that sources give as points only (KLIC appurtenances, cabinets, manholes).
    std::optional<RuleValue> appurtenanceDiameter, cabinetFoundationDepth, manholeDepth;
    // How far a manhole's measured cover level stands for the ground around it.
    std::optional<RuleValue> coverGroundRadius;
    // How a KLIC depth point acts on its element (docs/data-model.md): the distance within which
    // an unlinked point belongs to an element, the length over which its influence fades towards
    // the standard depth, and how fast the uncertainty grows with the distance from it (m per m).
    struct DepthPointRules {
        std::optional<RuleValue> snap, influence, uncertaintyGrowth;
    } depthPoints;
    struct Trees {
        std::optional<RuleValue> distanceFromStem, rootZoneCrownRadiusPlus, rootDepth;
        std::vector<std::string> appliesTo;
    } trees;
    struct Wko {
        std::optional<RuleValue> cWater, cAquifer, sameTemperatureFactor, oppositeTemperatureFactor;
    } wko;
    struct Infiltration {
        std::optional<RuleValue> minBottomAboveGhg;
        std::vector<std::string> appliesTo;
    } infiltration;
    // Digging a proposal: the working space either side of a network laid in open cut, and the
    // margin below the lowest groundwater level (GLG) under which a dig needs dewatering.
    struct Excavation {
        std::optional<RuleValue> networkWorkingSpace, dewateringMarginBelowGlg;
    } excavation;
    std::vector<std::string> protectedThemes;
    // Shapes of point objects by type code (docs/rules.md, [point_objects]).
    std::map<std::string, io::PointObjectShape> pointObjects;
    // Plausible outer diameters and axis depths below ground by theme ([plausible]).
    std::map<std::string, io::PlausibleRange> plausibleDiameter, plausibleDepth;
    std::map<std::string, std::map<std::string, RuleValue>> intervention;  // medium -> substance

    // The compiled-in Dutch default.
    static const RuleSet& dutchDefault();
    // Reads a rule file. With `[ruleset] extends = "nl-default"` it is laid over the default
    // (its clearances take precedence, its other values replace); otherwise it replaces it.
    static core::Result<RuleSet> load(const std::string& path);
    static core::Result<RuleSet> parse(const std::string& text, const std::string& sourceName);

    // Does `themeOrGroup` name `theme` ("*" matches all, unknown themes count as "overig")?
    bool matches(const std::string& themeOrGroup, const std::string& theme) const;
    // The most specific clearance rule for a pair of themes, or nullptr.
    const ClearanceRule* clearanceFor(const std::string& themeA, const std::string& themeB) const;
    double defaultCoverDepth(const std::string& theme, const RuleValue** used = nullptr) const;
    double defaultDiameter(const std::string& theme, const RuleValue** used = nullptr) const;
    double defaultUncertainty(const std::string& provenanceCode) const;
    // Thermal radius (m) of a well with seasonal volume V (m3) and screen length H (m).
    double thermalRadius(double volumeM3, double screenLengthM) const;
    // Intervention value for a substance in a medium ("grond"/"grondwater"), if the rules know it.
    const RuleValue* interventionValue(const std::string& medium,
                                       const std::string& substance) const;
    // A single value by its rule-file key ("defaults.depth_point_snap_m", "trees.root_depth_m",
    // "defaults.cover_depth_m.water", "wko.c_water_j_m3k", ...); nullptr when the set has none.
    const RuleValue* find(std::string_view dottedKey) const;
};

// What readers of sources take from a rule set: the cover depths, the assumed band, and the value
// of every format option that names a rule key (io::FormatOption::ruleKey).
io::ReadOptions readOptionsFrom(const RuleSet& rules);

}  // namespace bz::clash
