// The tables that tools keep in a project next to its objects (clash reviews, the last clash
// report, viewer bookmarks): opening the GeoPackage for them and replacing one (private).
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>

#include <bodemzicht/core/Error.h>

namespace bz::io::detail {

// The project opened to read (update false) or write its tables; the error names the project,
// says what for (e.g. "to store bookmarks") and gives GDAL's reason.
core::Result<std::unique_ptr<GDALDataset>> openProjectTables(const std::string& project,
                                                             bool update,
                                                             const std::string& purpose);

// Drops the table `name` if it is there and creates it afresh (without columns yet).
core::Result<OGRLayer*> replaceTable(GDALDataset& ds, const std::string& project, const char* name,
                                     OGRSpatialReference* srs = nullptr,
                                     OGRwkbGeometryType geometry = wkbNone);

}  // namespace bz::io::detail
