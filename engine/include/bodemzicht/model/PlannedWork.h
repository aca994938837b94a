// Works an owner or the road manager has planned in the street: a grid operator's replacement, a
// new heat main, the municipality's road maintenance; with their dates, for the works plan.
#pragma once

#include <string>
#include <vector>

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Date.h>

namespace bz::model {

struct PlannedWork {
    std::string id;                // the layer's own id
    std::string owner;             // who does it (netbeheerder, gemeente)
    std::string kind;              // what: "vervanging gasleiding", "wegonderhoud", ...
    Date start, end;               // when (a year, a month or a day)
    std::vector<core::Vec2> line;  // where: its line, or a polygon's outline, RD New
    std::string source;            // the file it came from
};

using PlannedWorks = std::vector<PlannedWork>;

}  // namespace bz::model
