// One entry point for every supported input. Each format is a driver (engine/src/io/formats/<fmt>/):
// a cheap identify() on the path and header bytes, an open() that reads, and its own options. The
// drivers sit in one table (formats()); the source is opened once and shared between their
// identify steps. docs/architecture.md says how to add a format.
//
//     io::ReadOptions options;                       // ground level, CRS, per-format options
//     options.formatOptions["klic.depth-point-snap-m"] = "2";
//     std::string format;
//     auto ok = io::readSource("Levering_22G003180_1.zip", options, dataset, report, &format);
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/GroundLevel.h>

namespace bz::io {

// One option a format takes (`bodem import --option FORMAT.NAME=VALUE`).
struct FormatOption {
    enum class Type { Number, Text };
    std::string name;          // e.g. "depth-point-snap-m"
    Type type = Type::Number;
    std::string defaultValue;  // as text; "" for none
    std::string description;
    // The rule-file key whose value it takes when a rule set is given (e.g.
    // "defaults.depth_point_snap_m"); empty when none.
    std::string ruleKey;
};

struct FormatInfo {
    std::string name;         // "klic", "gwsw-turtle", "project", ...
    std::string description;  // one line
    std::vector<std::string> extensions;    // lower-case, no dot; empty: any GDAL source
    std::vector<std::string> capabilities;  // e.g. "3d", "depth-below-ground", "planned"
    std::vector<FormatOption> options;
};

// The formats in the order their drivers are asked.
std::vector<FormatInfo> sourceFormats();

// How a point object that a source gives as a point only (a KLIC appurtenance, cabinet,
// manhole) is drawn and checked: its shape, size and where it sits, all assumed (rule set,
// [point_objects]).
struct PointObjectShape {
    enum class Shape { Cylinder, Box } shape = Shape::Cylinder;
    enum class Place {
        Network,          // centred on its network's depth (a cable joint)
        NetworkToGround,  // from below its network up to the ground (a valve with its street box)
        Ground,           // from heightM above the ground down to depthM below it (a cabinet)
    } place = Place::Network;
    double diameterM = 0.3, widthM = 0, lengthM = 0;  // cylinder, or box width x length
    double heightM = 0, depthM = 0;                   // Ground: above and below the ground
    std::string source;
};

// A plausible range of a value per theme (rule set, [plausible]): outside it the value is
// reported with the feature id (a unit error such as 219.1 cm for 219.1 mm), never changed.
struct PlausibleRange {
    double min = 0, max = 0;
    std::string source;
};

// Defaults every reader may need for what its source leaves out (from the rule set).
struct ReadDefaults {
    std::map<std::string, double> coverByTheme;  // cover depth (m) of a network without one
    double defaultCoverM = 1.0;                  // for themes not in coverByTheme
    double assumedBandM = 0.5;                   // vertical band (m) of an assumed depth
    // By type code (IMKL appurtenance types, "kast", "technischGebouw", "mangat", ...; "*").
    std::map<std::string, PointObjectShape> pointObjects;
    // By theme ("*" for the rest): outer diameter (m) and depth of the axis below ground (m).
    std::map<std::string, PlausibleRange> plausibleDiameter, plausibleDepth;
    // How far a manhole's cover level stands for the ground around it (io/CoverGround.h).
    double coverGroundRadiusM = 50;
};

struct ReadOptions {
    model::GroundLevel groundLevel;        // for depths given below ground
    std::optional<std::string> sourceCrs;  // for layers without a CRS (CSV)
    std::string format;  // a format's name: read as that, without identifying; empty: identify
    // "FORMAT.NAME" -> value, checked against the format's declared options.
    std::map<std::string, std::string> formatOptions;
    ReadDefaults defaults;
};

// The name of the format whose driver takes the source; an error when none does (the error says
// why, e.g. GDAL's reason it cannot open the file).
core::Result<std::string> identifySource(const std::string& source);

// Reads one source and appends its features to `dataset`, after the checks all sources share
// (finite, plausible RD/NAP coordinates; ids not repeated within the source): refused features
// are in `report`. An error result means the source could not be read as a whole; `dataset` is
// then unchanged. `format` receives the name of the format read.
core::Result<void> readSource(const std::string& source, const ReadOptions& options,
                              model::Dataset& dataset, ImportReport& report,
                              std::string* format = nullptr);

// What identifies a source across imports: a KLIC delivery by its request number (so version 2
// of a request replaces version 1), any other file by its file name.
std::string sourceKey(const std::string& source);

}  // namespace bz::io
