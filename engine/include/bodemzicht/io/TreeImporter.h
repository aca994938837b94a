// Municipal tree registers and BGT trees from any GDAL source (points): species, height, stem and
// crown diameter, also as the class strings registers use ("0,5 tot 0,75 m.", "18 tot 24 m.",
// Dutch decimal commas). The root zone follows from the rule set (crown radius + a margin, to the
// rule set's root depth) and is marked derived; the stem is the vertical body from the ground down
// to the root depth.
#pragma once

#include <optional>
#include <string>

#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/io/Raster.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io {

struct TreeImportOptions {
    model::GroundLevel groundLevel;  // the stem's top; required
    double rootZoneCrownRadiusPlusM =
        1.0;                  // from the rule set (trees.root_zone_crown_radius_plus_m)
    double rootDepthM = 1.0;  // from the rule set (trees.root_depth_m)
    std::optional<std::string> sourceCrs;  // for sources without a CRS (CSV)
};

// A range class "0,5 tot 0,75 m." -> its midpoint in metres; also "1.2", "> 1,5 m", "< 6 m.".
// NaN for "onbekend" or text without a number.
double parseSizeClassM(const std::string& text);

// True when the source's first layer has the columns of a tree register.
bool isTreeRegister(const std::string& source);

core::Result<void> importTrees(const std::string& source, const TreeImportOptions& options,
                               model::Dataset& dataset, ImportReport& report);

}  // namespace bz::io
