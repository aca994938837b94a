// `bodem import`: reads any GDAL vector source in the generic schema (columns id, theme, owner,
// status, diameter_mm, year; optional type, material, depth_m, depth_source, depth_uncertainty_m,
// top_m, bottom_m, width_m) and appends its features to a dataset.
#pragma once

#include <optional>
#include <string>

#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/io/Raster.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io {

struct GenericImportOptions {
    model::GroundLevel groundLevel;               // for 2D geometry with a cover depth
    std::optional<std::string> layerName;  // only this layer of the source; all layers otherwise
    std::optional<std::string> sourceCrs;  // for layers without a CRS (CSV), e.g. "EPSG:28992"
};

// Appends the features of `source` to `dataset`. Returns an error only when the source cannot be
// opened at all; every bad feature is skipped with a reason in `report`.
core::Result<void> importGeneric(const std::string& source, const GenericImportOptions& options,
                                 model::Dataset& dataset, ImportReport& report);

}  // namespace bz::io
