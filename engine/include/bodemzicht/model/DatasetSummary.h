// What `bodem info` prints: counts per layer, kind, theme and status, extent, depth provenance
// shares (per vertex for networks) and the problems a user should look at.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <bodemzicht/model/Dataset.h>

namespace bz::model {

struct DatasetSummary {
    std::map<std::string, std::size_t> perLayer, perType, perStatus;
    std::map<std::string, std::map<std::string, std::size_t>>
        perThemeStatus;                                   // theme -> status -> n
    std::map<std::string, std::size_t> vertexProvenance;  // network vertices by provenance
    std::map<std::string, std::size_t> bodyProvenance;    // bodies and prisms by provenance
    std::size_t features = 0, segments = 0, vertices = 0;
    std::size_t unknownDiameter = 0, unknownOwner = 0, unknownYear = 0, unknownTheme = 0;
    core::Bounds3 extent;
    std::vector<std::string>
        problems;  // e.g. "12 networks without diameter (rule-set default used)"

    std::string toText() const;
};

DatasetSummary summarize(const Dataset& ds);

}  // namespace bz::model
