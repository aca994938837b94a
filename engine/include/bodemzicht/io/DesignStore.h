// Storing the viewer's drawn measures in a project as proposals (the objects bodem clash checks),
// and exporting them for others. A store replaces the project's earlier drawn measures (source
// "ontwerp") and nothing else, under the project's write lock and through the same atomic rewrite
// as an import: a failure leaves the project as it was.
#pragma once

#include <string>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io {

// Replaces the project's objects of source `ontwerp` with `design`'s objects; returns how many
// it replaced.
core::Result<std::size_t> storeDesign(const std::string& project, const model::Dataset& design);

// The project's drawn measures (objects of source `ontwerp`), as a dataset of their own.
core::Result<model::Dataset> readDesign(const std::string& project);

// Writes the objects as GeoJSON in the generic import schema (3D lines in RD New + NAP; bodies and
// areas with top_m and bottom_m; docs/import.md), or as a GeoPackage project (.gpkg), so that
// bodem import reads them back as proposals.
core::Result<void> exportDesign(const model::Dataset& design, const std::string& path);

}  // namespace bz::io
