// A feature's own attributes in the store: one JSON object per feature (a GeoPackage JSON column,
// which GIS tools read). Dates are {"date": "1975-03"} so they come back as dates; text that is
// not valid UTF-8 is written with replacement characters, never thrown out (private to io).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <bodemzicht/model/Dataset.h>

namespace bz::io::detail {

using AttributeList = std::vector<std::pair<std::string, model::AttributeValue>>;

std::string attributesToJson(const model::Dataset& ds, const model::Feature& f);
// nullopt when the text is not a JSON object of scalars and dates.
std::optional<AttributeList> attributesFromJson(const std::string& json);

}  // namespace bz::io::detail
