// Everything known about one feature as labelled rows, for the viewer's selection panel: its
// attributes, geometry figures, depth provenance and detail record. Unknown values say so and
// values the tools assume in their place are marked as assumed.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <bodemzicht/model/Dataset.h>

namespace bz::model {

struct AttributeRow {
    std::string key;    // English label, e.g. "outer diameter"
    std::string value;  // e.g. "110 mm", "unknown (drawn at 100 mm, assumed)"
};

// groundAt(x, y): the ground level (m NAP) for depths below ground; empty or NaN: not given.
std::vector<AttributeRow> featureAttributes(
    const Dataset& ds, std::size_t feature,
    const std::function<double(double, double)>& groundAt = {});

}  // namespace bz::model
