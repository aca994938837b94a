// Resource limits for untrusted input: a shared project, a delivery zip, a raster or a rule file
// can ask for any amount of memory or time, so every reader checks these before it allocates or
// recurses. The defaults are far above real inputs; a user raises one with `bodem --limit
// NAME=VALUE` (names in docs/reliability.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>

namespace bz::core {

struct Limits {
    std::uint64_t zipUncompressedBytes = 4ull << 30;  // all entries of one zip together
    double zipCompressionRatio = 200;                 // uncompressed / compressed
    std::uint64_t zipEntries = 20000;
    std::uint64_t rasterCells = 200'000'000;     // width x height of one raster (800 MB as float)
    std::uint64_t gridCells = 200'000'000;       // voxels of one variable of a 3D grid
    std::uint64_t xmlDepth = 256;                // nesting of elements
    std::uint64_t xmlElements = 100'000'000;     // elements in one XML file
    std::uint64_t xmlBytes = 8ull << 30;         // bytes read from one XML file
    std::uint64_t textBytes = 16ull << 20;       // one text value (element text, attribute, field)
    std::uint64_t ruleGroupDepth = 32;           // groups nested in groups in a rule file
    std::uint64_t threads = 256;                 // --threads
    std::uint64_t vertices = 10'000'000;         // vertices of one feature's geometry
    std::uint64_t basemapVertices = 20'000'000;  // vertices of a project's base map, all layers
    std::uint64_t streetSegments = 1'000'000;    // street segments of a project
};

// The limits in force (process-wide; set once at start-up, before any reading).
Limits& limits();

struct LimitInfo {
    std::string name;  // as given to --limit, e.g. "raster-cells"
    std::string what;
    std::string value;  // current value as text
};
std::vector<LimitInfo> describeLimits();

// "raster-cells=1e9": sets one limit; the error says which names exist.
Result<void> setLimit(const std::string& assignment);

// "the raster's 100000 x 100000 cells" -> "... exceed the limit raster-cells (200000000); raise it
// with --limit raster-cells=N": the sentence every reader uses when a limit stops it.
std::string overLimit(const std::string& what, const std::string& limitName);

}  // namespace bz::core
