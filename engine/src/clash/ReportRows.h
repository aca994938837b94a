// The clash report's rows as the CSV and the project's stored report share them (private).
#pragma once

#include <ogrsf_frmts.h>

#include <string>
#include <vector>

#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/core/Error.h>

namespace bz::clash::detail {

// One clash as the values of csvColumns(), in that order.
std::vector<std::string> rowOf(const Clash& c);
// A report from a table with the CSV's columns (a CSV file or the project's clash_report).
core::Result<ClashReport> readReportLayer(OGRLayer& layer, const std::string& source);

}  // namespace bz::clash::detail
