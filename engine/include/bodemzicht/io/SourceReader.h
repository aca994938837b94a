// One entry point for every supported input: it looks at the source and picks the reader — a
// Bodemzicht project (any GDAL source with its layers), a KLIC delivery, GWSW-OroX Turtle, a GWSW
// GIS export, a tree register, or any GDAL vector source in the generic schema.
#pragma once

#include <optional>
#include <string>

#include <bodemzicht/io/GenericImporter.h>
#include <bodemzicht/io/KlicImporter.h>
#include <bodemzicht/io/TreeImporter.h>

namespace bz::io {

enum class SourceKind { Project, Klic, GwswTurtle, GwswGis, TreeRegister, Generic };

struct SourceOptions {
    model::GroundLevel groundLevel;
    std::optional<std::string> sourceCrs;  // for layers without a CRS
    KlicImportOptions klic;   // point-object sizes (its ground level is set from above)
    TreeImportOptions trees;  // root-zone parameters (likewise)
};

SourceKind detectSource(const std::string& source);

// Reads one source and appends its features to `dataset`, after the checks all sources share
// (finite, plausible RD/NAP coordinates; ids not repeated within the source): refused features
// are in `report`. An error result means the source could not be read as a whole; `dataset` is
// then unchanged.
core::Result<void> readSource(const std::string& source, const SourceOptions& options,
                              model::Dataset& dataset, ImportReport& report,
                              SourceKind* kind = nullptr);

// What identifies a source across imports: a KLIC delivery by its request number (so version 2
// of a request replaces version 1), any other file by its file name.
std::string sourceKey(const std::string& source);

}  // namespace bz::io
