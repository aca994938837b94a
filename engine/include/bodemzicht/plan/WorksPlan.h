// The municipal works plan (Gemeentelijk Werkenplan) per street segment: what is due there (the
// replacement windows of its objects), what owners and the road manager have planned, which
// measures are proposed; coupled into as few openings as the windows allow, with the no-dig
// period (graafrust) after each opening checked, and the owners to involve.
//
// Coupling: every item has a window of years it can happen in (a planned work its dates, a due
// object its replacement window, a proposal any year of the plan unless it has a year). The
// fewest openings that serve every item are found by the classic greedy for stabbing intervals
// (sorted by the window's end, an opening at the first end not yet served, which serves every
// window it falls in): optimal. Separately, each owner's due objects, each owner's proposals and
// each planned work are opened on their own (the same greedy per group).
//
//     auto plan = plan::buildPlan(ds, streets, works, plan::ServiceLifeTable::shipped(), {});
//     for (const auto& s : plan.segments) s.coupled.size(), s.separateOpenings;
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/PlannedWork.h>
#include <bodemzicht/model/Street.h>
#include <bodemzicht/plan/ServiceLife.h>

namespace bz::plan {

struct PlanOptions {
    int startYear = 2027;
    int years = 10;             // the plan's horizon: startYear .. startYear + years - 1
    double defaultWidthM = 12;  // a segment's corridor where it has no width
    double sampleStepM = 2;     // objects and works are placed by points this far apart
};

enum class ItemKind { Due, Planned, Proposed };
std::string_view toCode(ItemKind k);  // "due", "planned", "proposed"

struct PlanItem {
    ItemKind kind = ItemKind::Due;
    std::string id, owner, what;   // what: theme and material, or the work's kind
    int fromYear = 0, toYear = 0;  // the window, inclusive
    std::string basis;             // why this window
    std::string assumed;           // what the window rests on that was assumed
};

// One opening of the street: the years it can be in (every member's window holds them).
struct Opening {
    int fromYear = 0, toYear = 0;
    std::vector<std::size_t> items;  // into SegmentPlan::items
    // Set when even its latest year falls within the no-dig period after the earliest year of
    // the opening before it: they must be coupled differently or one moved.
    std::string conflict;
};

struct SegmentPlan {
    std::string segment, street;
    std::vector<PlanItem> items;
    std::vector<Opening> coupled;  // in time order
    std::size_t separateOpenings = 0;
    std::vector<std::string> present;  // owners with objects in the segment (to inform)
};

struct StreetOpenings {
    std::string street;  // its name, else the segment id
    std::size_t segments = 0, separate = 0, coupled = 0;
};

struct WorksPlan {
    int startYear = 0, years = 0, noDigYears = 0;
    std::vector<SegmentPlan> segments;  // those with anything to do, in the layer's order
    std::vector<StreetOpenings> streets;
    std::vector<std::string> problems;  // works in the past, outside every street, overlaps
};

WorksPlan buildPlan(const model::Dataset& ds, const model::StreetLayer& streets,
                    const model::PlannedWorks& works, const ServiceLifeTable& table,
                    const PlanOptions& options);

// Street segments where the project has no road layer: one per sewer main (the sewer runs under
// the street), id "riool:<pipe id>", without a name or width.
model::StreetLayer streetsFromSewer(const model::Dataset& ds);

// The fewest openings serving every window (greedy stabbing), in time order.
std::vector<Opening> coupleWindows(const std::vector<PlanItem>& items,
                                   const std::vector<std::size_t>& which);

}  // namespace bz::plan
