// Sewer inspections find their pipe (private to io): after an import has merged its sources into
// the project, every inspection moves to the project's own sewer pipe or manhole with the same
// node ids (a pipe by its two manholes, in either direction, else by its reference; a manhole by
// its id); one with no such object stays on the carrier its RIBX file drew, or is reported as
// unplaced. Inspections of a file that is imported again are replaced, and those of an object
// that a re-imported source replaced follow it to its new version.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io::detail {

struct LinkSummary {
    std::size_t linked = 0;     // moved to a project pipe or manhole
    std::size_t onCarrier = 0;  // placed by the RIBX's own coordinates
    std::size_t unplaced = 0;   // reported, not imported
    std::size_t replaced = 0;   // of a file imported again
    // RIBX carriers that left because the project holds their object, by source key.
    std::map<std::string, std::size_t> carriersDropped;
};

// `firstIncoming`: the index of the first feature of this import in `ds`; `orphans`: inspections
// of objects the import replaced; `incomingKeys`: source keys of this import.
LinkSummary linkInspections(model::Dataset& ds, std::uint32_t firstIncoming,
                            std::vector<model::UnplacedInspection> orphans,
                            const std::set<std::string>& incomingKeys, ImportReport& report);

// The inspections (with their observations) of one feature.
std::vector<model::UnplacedInspection> inspectionsOf(const model::Dataset& ds,
                                                     const model::Feature& f);

}  // namespace bz::io::detail
