// Writing a ClashReport: CSV (one row per clash) and GeoJSON (points at the clash locations,
// EPSG:28992 with NAP heights as z).
#pragma once

#include <string>

#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/core/Error.h>

namespace bz::clash {

// The CSV columns, in order.
const std::vector<std::string>& csvColumns();
core::Result<void> writeCsv(const ClashReport& report, const std::string& path);
core::Result<void> writeGeoJson(const ClashReport& report, const std::string& path);
// Reads a CSV report back (the viewer's --clashes); feature indices are not restored.
core::Result<ClashReport> readCsv(const std::string& path);

}  // namespace bz::clash
