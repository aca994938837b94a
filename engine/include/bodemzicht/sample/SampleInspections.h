// Generated RIBX inspections of a district's sewer (for the sample and the import benchmark): a
// share of the pipes inspected, each with a start and end node observation, defects drawn from
// the common NEN-EN 13508-2 codes at random distances and clock positions, photos, and
// inclination measurements (BXA) every metre (or as asked); a manhole inspection for every tenth
// pipe.
#pragma once

#include <cstdint>
#include <string>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::sample {

struct InspectionOptions {
    double share = 1.0;             // of the main sewer pipes (not house connections) inspected
    int defectsPerPipe = 4;         // on average
    double inclinationStepM = 1.0;  // BXA every so many metres; 0: none
    int inclinationCount = 0;       // > 0: this many BXA per pipe instead, evenly spaced
    std::uint64_t seed = 7;
    std::string date = "2026-05-12";
};

struct InspectionCounts {
    std::size_t pipes = 0, manholes = 0, observations = 0;
};

// Writes the RIBX 1.3 file; the pipes are referenced by id and node ids and drawn by their
// coordinates, so the file imports into the district's project (linked) or on its own (placed).
core::Result<InspectionCounts> writeSampleInspections(const model::Dataset& district,
                                                      const std::string& path,
                                                      const InspectionOptions& options);

}  // namespace bz::sample
