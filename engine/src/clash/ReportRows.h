// The clash report as a table, shared by the CSV and GeoJSON files and the project's stored report
// (private to clash).
#pragma once

#include <string>

#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/core/Error.h>
#include <bodemzicht/io/Table.h>

namespace bz::clash::detail {

// One row per clash with the columns of csvColumns(), each clash's location as its point.
io::Table reportTable(const ClashReport& report);
// A report from a table with those columns (a CSV file or the project's clash_report).
core::Result<ClashReport> reportFromTable(const io::Table& table, const std::string& source);

}  // namespace bz::clash::detail
