// A project on disk: a GeoPackage (the embedded default) with the layers `networks`, `bodies`,
// `zones`, `fields` and `project_meta` (schema in docs/data-model.md). Reading goes through GDAL,
// so the same layers in any other GDAL source (PostGIS: "PG:dbname=..."), load the same way.
#pragma once

#include <memory>
#include <string>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/io/Raster.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io {

inline constexpr const char* kNetworksLayer = "networks";
inline constexpr const char* kBodiesLayer = "bodies";
inline constexpr const char* kZonesLayer = "zones";
inline constexpr const char* kFieldsLayer = "fields";
inline constexpr const char* kMetaLayer = "project_meta";

// Writes (replacing) `path` as a GeoPackage holding the whole dataset in EPSG:7415.
core::Result<void> writeProject(const model::Dataset& dataset, const std::string& path);

// Reads a project from any GDAL vector source holding the project layers. Bad features are skipped
// and listed in `report`; the error result is for a source that cannot be read at all.
core::Result<model::Dataset> readProject(const std::string& source, ImportReport& report);
// The same, appending to `dataset` (several projects or sources in one check). Field paths are
// made absolute.
core::Result<void> readProjectInto(const std::string& source, model::Dataset& dataset,
                                   ImportReport& report);



// Opens a field of the project by its reference: a 2D raster through GDAL, a 3D grid through
// netCDF (io::Raster, io::VoxelGrid).
core::Result<std::shared_ptr<const model::Field>> openField(const model::FieldRef& ref);

// Opens a raster field of the project (e.g. "ground_level", "ghg"); an empty GroundLevel when the
// project has no such field.
core::Result<model::GroundLevel> openFieldRaster(const model::Dataset& dataset, const std::string& name);

// Resolves a field path stored in a project relative to the project file's folder.
std::string resolveFieldPath(const std::string& projectPath, const std::string& fieldPath);

}  // namespace bz::io
