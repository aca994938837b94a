// Compact text encoding of per-vertex depth provenance in the store: one letter per vertex
// ("mmaa"), or a single letter when all vertices agree; uncertainties as numbers separated by
// spaces, or one number for all. Keeps a million-segment GeoPackage small and fast to parse.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io::detail {

std::string encodeProvenance(const model::VertexDepth* depths, std::size_t n);
std::string encodeUncertainty(const model::VertexDepth* depths, std::size_t n);
// Depths below ground; empty when no vertex has one (the heights are m NAP).
std::string encodeBelowGround(const model::VertexDepth* depths, std::size_t n);
// Fills `out` (n entries). Returns a message on a malformed value, empty on success.
std::string decodeDepths(std::string_view provenance, std::string_view uncertainty, std::size_t n,
                         std::vector<model::VertexDepth>& out, std::string_view belowGround = {});

}  // namespace bz::io::detail
