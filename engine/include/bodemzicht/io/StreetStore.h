// The project's street segments (table `streets`): read from a road layer (NWB road sections,
// BGT roads, any GDAL line layer with an id and a street name), kept in the project, used by the
// space budget and the works plan.
//
//     auto streets = io::readStreetSource("wegvakken.gpkg", std::nullopt);
//     io::storeStreets("wijk.gpkg", streets->segments);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Street.h>

namespace bz::io {

struct StreetRead {
    model::StreetLayer segments;
    std::size_t withoutLine = 0;       // features without a line: not read, counted
    std::vector<std::string> skipped;  // why features were left out (file, id, what)
};

// Every line feature of `path`: its id from `id` (else `wvk_id`, else the feature number), its
// name from `name`, `street`, `straatnaam`, `stt_naam` or `openbareruimtenaam`, its width from
// `width_m`. A multi-line becomes one segment per part (id#2, ...). A layer without a CRS needs
// `fallbackCrs`; more segments than the limit street-segments: refused.
core::Result<StreetRead> readStreetSource(const std::string& path,
                                          const std::optional<std::string>& fallbackCrs);

// Replaces the project's street segments, in one transaction.
core::Result<void> storeStreets(const std::string& project, const model::StreetLayer& streets);

// The project's street segments; empty when it has none.
core::Result<model::StreetLayer> readStreets(const std::string& project);

}  // namespace bz::io
