// Writing and reading project files (private to io): the store's public API (ProjectStore.h)
// and the project driver (formats/project) share these.
#pragma once

#include <gdal_priv.h>

#include <string>

#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io::detail {

// Writes the whole dataset into the new file `path`; `project` is where it will live (field paths
// are stored relative to it) and whose other tables (reviews, reports, bookmarks) are copied.
core::Result<void> writeNewFile(const model::Dataset& ds, const std::string& path,
                                const std::string& project);

// Does the dataset hold a project layer (networks, bodies, zones)?
bool holdsProject(GDALDataset& in);
core::Result<void> readProjectFrom(GDALDataset& in, const std::string& source, model::Dataset& ds,
                                   ImportReport& report);

}  // namespace bz::io::detail
