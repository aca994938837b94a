// Moving io::Table rows in and out of OGR layers (private to io).
#pragma once

#include <ogrsf_frmts.h>

#include <string>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/io/Table.h>

namespace bz::io::detail {

OGRFieldType ogrType(ColumnType type);
// The layer's columns, rows and points (read from its start).
Table tableOfLayer(OGRLayer& layer);
// Adds the table's rows to `layer` (which has its columns); `asText`: Real cells are written as
// text with the column's decimals. The error names `source` and the row's first cell.
core::Result<void> appendRows(OGRLayer& layer, const Table& table, bool asText,
                              const std::string& source);

}  // namespace bz::io::detail
