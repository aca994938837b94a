// A project file is shared between people, so the paths it stores (ground and groundwater
// rasters, grids) must not make a reader reach out: GDAL would fetch /vsicurl/, /vsis3/, http://
// and other remote paths as willingly as local files (server-side request forgery from a project).
// Paths read from a project or given for a field are local files only, unless the user allowed
// remote paths for this run (bodem --allow-remote).
#pragma once

#include <string>

#include <bodemzicht/core/Error.h>

namespace bz::io {

// A plain local file path: no GDAL virtual file system (/vsi...), no URL, no driver prefix
// ("PG:", "WMS:", ...).
bool isLocalPath(const std::string& path);

// Process-wide: may remote paths be opened? Off by default.
void allowRemotePaths(bool allow);
bool remotePathsAllowed();

// An error naming the path when it is not local and remote paths are not allowed.
core::Result<void> checkLocalPath(const std::string& path, const std::string& what);

}  // namespace bz::io
