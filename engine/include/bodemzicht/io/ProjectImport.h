// Importing sources into a project without losing anything: all sources are read and checked
// before the project is touched (a source that cannot be read writes nothing), the project's
// write lock is held from reading it to replacing it, and the project's own tables (reviews,
// the last clash report, bookmarks) are kept.
//
// With `append`, features are keyed by source (sourceKey) and id: a source that is already in the
// project replaces its earlier import, and the outcome says what was added, removed and changed.
#pragma once

#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/sewer/Classification.h>
#include <bodemzicht/soil/GroundwaterLevel.h>

namespace bz::io {

struct ImportRequest {
    std::vector<std::string> sources;
    ReadOptions options;
    bool append = false;  // keep the project's other sources; else the project holds just these
    bool strict = false;  // any skipped feature is an error and nothing is written
    // Classifies sewer observations (null: the shipped table, sewer::ClassificationTable::builtIn).
    const sewer::ClassificationTable* conditionTable = nullptr;
};

struct SourceChange {
    std::string key;  // sourceKey() of the source
    std::size_t added = 0, removed = 0, changed = 0, unchanged = 0;
};

// Where an import's time went (ms).
struct ImportTimings {
    double readSourcesMs = 0;  // the sources read and checked
    double readProjectMs = 0;  // the project read and the sources merged into it (--append)
    double mergeMs = 0;        // inspections linked and classified
    double writeMs = 0;        // the new project written and moved over the old
};

struct ImportOutcome {
    std::vector<SourceChange> changes;  // one per source key read, in key order
    std::size_t features = 0;           // in the project afterwards
    // Sewer inspections: linked to the project's pipes and manholes, placed by the RIBX's own
    // coordinates, unplaced (reported), replaced (of a file imported again).
    std::size_t inspectionsLinked = 0, inspectionsOnCarrier = 0, inspectionsUnplaced = 0,
                inspectionsReplaced = 0;
    std::size_t pipesAssessed = 0;  // sewer objects with a condition from their inspections
    std::size_t unknownCodes = 0;   // observations whose code the condition table does not know
    ImportTimings timings;
};

// Adds a field (a raster or 3D grid the project refers to) to an existing project, replacing
// one of the same name, under the project's write lock; the objects are kept as they are.
// `check` (optional) sees the project as read under the lock; an error from it leaves the project
// as it was.
core::Result<void> addProjectField(
    const std::string& project, const model::FieldRef& field,
    const std::function<core::Result<void>(const model::Dataset&)>& check = {});

// A netCDF 3D grid brought into a project: GeoTOP (it has `lithok`) becomes the field `geotop`,
// any other grid the field `contamination_<file stem>` (one variable per substance). Refused
// with the reason: no CRS (unless `crs`), no overlap with the project's objects, a variable
// without a single value; warnings name variables without units.
struct GridImport {
    model::FieldRef field;
    std::vector<std::string> variables, warnings;
    bool geotop = false;
    bool head = false;  // a head grid (a variable head or stijghoogte): the field `head`
};
core::Result<GridImport> importGrid(const std::string& project, const std::string& path,
                                    const std::optional<std::string>& crs);

// A groundwater level, `name` ghg or glg, for the project's constraints (an infiltration bottom
// above the GHG, dewatering below the GLG): a raster in m NAP; a BRO WDM depth raster (`basis`
// cm or m below ground: kept as the source gave it, put on the project's ground when opened); or
// a head grid (netCDF, 3D: its water table). Checked as the project will read it; refused with the
// project unchanged: beside the project, no value anywhere, a depth without a ground to put it
// on. A level in m NAP that lies above the ground at most places gets a warning.
struct LevelImport {
    model::FieldRef field;
    std::vector<std::string> warnings;
    double minM = NAN, maxM = NAN;  // the level (m NAP) as the project derives it
    std::size_t cells = 0;          // cells with a level (of those looked at)
};
core::Result<LevelImport> importGroundwaterLevel(const std::string& project,
                                                 const std::string& path, const std::string& name,
                                                 soil::LevelBasis basis,
                                                 const std::optional<std::string>& crs);

core::Result<ImportOutcome> importIntoProject(const std::string& project,
                                              const ImportRequest& request, ImportReport& report);

}  // namespace bz::io
