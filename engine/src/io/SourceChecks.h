// The checks every source goes through after its reader, whatever the format: coordinates and
// heights that are finite and plausible for RD New + NAP, sizes that are finite, ids that are not
// repeated within one source (private).
#pragma once

#include <string>
#include <vector>

#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io::detail {

// One flag per feature of `ds`: keep it. Each refused feature is in `report` with its id and why.
std::vector<bool> checkFeatures(const model::Dataset& ds, const std::string& source,
                                ImportReport& report);

// Warns (with the feature id, never changing anything) about networks whose outer diameter or
// axis depth below ground lies outside the plausible range of their theme.
void warnImplausible(const model::Dataset& ds, const std::string& source,
                     const ReadDefaults& defaults, ImportReport& report);

}  // namespace bz::io::detail
