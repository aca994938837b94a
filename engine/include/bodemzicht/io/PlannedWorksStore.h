// The owners' planned works and the road maintenance (table `planned_works`): read from a GIS
// layer or CSV (geometry, owner, kind, start and end dates, or a planned year), kept in the
// project per source file, used by the works plan.
//
//     auto works = io::readPlannedWorksSource("werken_enexis.gpkg", std::nullopt);
//     io::storePlannedWorks("wijk.gpkg", works->works, "werken_enexis.gpkg");
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/PlannedWork.h>

namespace bz::io {

struct PlannedWorksRead {
    model::PlannedWorks works;
    std::vector<std::string> skipped;  // what was left out and why (file, id, what)
};

// Every feature with a line or polygon: id from `id` (`werk_id`, `identificatie`; else the
// feature number), owner from `owner`/`eigenaar`/`beheerder`/`netbeheerder`, kind from
// `kind`/`soort`/`werk`/`omschrijving`, dates from `start`/`startdatum` and `end`/`einddatum`
// (ISO dates, 2027, 2027-05 or 2027-05-01), or one year from `year`/`jaar`/`planjaar` (road
// maintenance). Left out, each named: no geometry, no date, an end before its start. A CSV with
// WKT geometry needs `fallbackCrs`.
core::Result<PlannedWorksRead> readPlannedWorksSource(
    const std::string& path, const std::optional<std::string>& fallbackCrs);

// Replaces the works of `source` in the project (other sources' works are kept), in one
// transaction.
core::Result<void> storePlannedWorks(const std::string& project, const model::PlannedWorks& works,
                                     const std::string& source);

// The project's planned works; empty when it has none.
core::Result<model::PlannedWorks> readPlannedWorks(const std::string& project);

}  // namespace bz::io
