// Reading a project from a GDAL dataset that is already open (private to io: the project driver
// shares the dataset its identify step opened).
#pragma once

#include <gdal_priv.h>

#include <string>

#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io::detail {

// Does the dataset hold a project layer (networks, bodies, zones)?
bool holdsProject(GDALDataset& in);
core::Result<void> readProjectFrom(GDALDataset& in, const std::string& source, model::Dataset& ds,
                                   ImportReport& report);

}  // namespace bz::io::detail
