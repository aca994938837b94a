#include <bodemzicht/plan/SegmentLocator.h>
#include <bodemzicht/plan/WorksPlan.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <utility>

namespace bz::plan {

std::string_view toCode(ItemKind k) {
    switch (k) {
        case ItemKind::Due:
            return "due";
        case ItemKind::Planned:
            return "planned";
        case ItemKind::Proposed:
            return "proposed";
    }
    return "due";
}

model::StreetLayer streetsFromSewer(const model::Dataset& ds) {
    model::StreetLayer out;
    for (const auto& f : ds.features) {
        if (f.type != model::ObjectType::SewerPipe || f.kind() != model::GeometryKind::Linear ||
            model::isDesign(f.status))
            continue;
        model::StreetSegment s;
        s.id = "riool:" + f.id;
        s.line = ds.planLine(ds.linears[f.geometry]);
        s.source = "sewer mains";
        if (s.line.size() >= 2) out.push_back(std::move(s));
    }
    return out;
}

std::vector<Opening> coupleWindows(const std::vector<PlanItem>& items,
                                   const std::vector<std::size_t>& which) {
    std::vector<std::size_t> order = which;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (items[a].toYear != items[b].toYear) return items[a].toYear < items[b].toYear;
        return items[a].fromYear < items[b].fromYear;
    });
    std::vector<Opening> out;
    std::vector<bool> served(items.size(), false);
    for (std::size_t n = 0; n < order.size(); ++n) {
        if (served[order[n]]) continue;
        const int year = items[order[n]].toYear;  // the first end not yet served
        Opening o;
        o.fromYear = -1000000, o.toYear = 1000000;
        for (std::size_t m = n; m < order.size(); ++m) {
            const auto& it = items[order[m]];
            if (served[order[m]] || it.fromYear > year) continue;
            served[order[m]] = true;
            o.items.push_back(order[m]);
            o.fromYear = std::max(o.fromYear, it.fromYear);
            o.toYear = std::min(o.toYear, it.toYear);
        }
        std::sort(o.items.begin(), o.items.end());
        out.push_back(std::move(o));
    }
    return out;
}

namespace {

// The points an object is placed by.
std::vector<core::Vec2> placeOf(const model::Dataset& ds, const model::Feature& f, double step) {
    switch (f.kind()) {
        case model::GeometryKind::Linear:
            return pointsAlong(ds.planLine(ds.linears[f.geometry]), step);
        case model::GeometryKind::VerticalBody:
            return {ds.bodies[f.geometry].center};
        case model::GeometryKind::Prism: {
            const auto& p = ds.prisms[f.geometry];
            auto ring = ds.outerRing(p);
            if (ring.size() > 2 && std::isnan(p.widthM)) ring.push_back(ring.front());  // closed
            return pointsAlong(ring, step);
        }
    }
    return {};
}

// Segments holding any of the points, each once.
std::vector<std::uint32_t> segmentsOf(const SegmentLocator& locator,
                                      const std::vector<core::Vec2>& points) {
    std::vector<std::uint32_t> out;
    for (auto p : points) locator.segmentsAt(p, out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// Openings when each group (an owner's due objects, an owner's proposals, each planned work)
// is opened on its own.
std::size_t separateOpenings(const std::vector<PlanItem>& items) {
    std::map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& it = items[i];
        const std::string key = it.kind == ItemKind::Planned
                                    ? "planned\n" + it.id
                                    : std::string(toCode(it.kind)) + "\n" + it.owner;
        groups[key].push_back(i);
    }
    std::size_t n = 0;
    for (const auto& [key, which] : groups) n += coupleWindows(items, which).size();
    return n;
}

std::string year(int y) {
    return std::to_string(y);
}

}  // namespace

WorksPlan buildPlan(const model::Dataset& ds, const model::StreetLayer& streets,
                    const model::PlannedWorks& works, const ServiceLifeTable& table,
                    const PlanOptions& options) {
    WorksPlan plan;
    plan.startYear = options.startYear;
    plan.years = options.years;
    plan.noDigYears = static_cast<int>(table.noDigYears.value);
    const int last = options.startYear + options.years - 1;
    const SegmentLocator locator(streets, options.defaultWidthM);
    std::vector<std::vector<PlanItem>> items(streets.size());
    std::vector<std::set<std::string>> present(streets.size());

    // Overlapping segments: their objects count in both.
    for (std::uint32_t s = 0; s < streets.size(); ++s) {
        std::map<std::uint32_t, int> along;
        const auto pts = pointsAlong(streets[s].line, options.sampleStepM);
        std::vector<std::uint32_t> near;
        for (auto p : pts) {
            near.clear();
            locator.segmentsAt(p, near);
            for (auto o : near)
                if (o > s && distanceToLine(p, streets[o].line) < 1.0) ++along[o];
        }
        for (auto [o, n] : along)
            if (n >= 3)
                plan.problems.push_back(
                    "street segments " + streets[s].id + " and " + streets[o].id +
                    " overlap over about " +
                    std::to_string(static_cast<int>((n - 1) * options.sampleStepM)) +
                    " m: what lies there is planned in both");
    }

    // Objects: due (existing ones with a service life), planned by their owner, proposed.
    // Materials the table does not list, per theme: how many objects, a few ids.
    std::map<std::pair<std::string, std::string>, std::pair<std::size_t, std::string>> unlisted;
    for (const auto& f : ds.features) {
        const std::string owner = ds.str(f.owner);
        std::optional<PlanItem> item;
        if (auto w = replacementWindow(ds, f, table, options.startYear)) {
            if (w->defaultLife) {
                auto& u = unlisted[{ds.str(f.theme), ds.str(f.material)}];
                if (++u.first <= 3) u.second += (u.second.empty() ? "" : ", ") + f.id;
            }
            if (w->fromYear <= last) {
                PlanItem it;
                it.kind = ItemKind::Due;
                it.fromYear = w->fromYear;
                it.toYear = w->toYear;
                it.basis = w->basis;
                it.assumed = w->assumed;
                item = it;
            }
        } else if (f.status == model::ObjectStatus::Proposed ||
                   f.status == model::ObjectStatus::PlannedByOwner) {
            PlanItem it;
            it.kind =
                f.status == model::ObjectStatus::Proposed ? ItemKind::Proposed : ItemKind::Planned;
            // Its own year where it has one in the plan's time, else any year of the plan.
            const int y = f.dates.planned.known() ? f.dates.planned.year()
                          : f.dates.laid.known()  ? f.dates.laid.year()
                                                  : 0;
            if (y >= options.startYear && y <= last) {
                it.fromYear = it.toYear = y;
                it.basis = "planned " + year(y);
            } else {
                it.fromYear = options.startYear;
                it.toYear = last;
                it.basis = "any year of the plan";
                if (it.kind == ItemKind::Planned) it.assumed = "year";
            }
            item = it;
        }
        const bool inform = !owner.empty() && !model::isDesign(f.status);
        if (!item && !inform) continue;
        const auto where = segmentsOf(locator, placeOf(ds, f, options.sampleStepM));
        for (auto s : where) {
            if (inform) present[s].insert(owner);
            if (!item) continue;
            PlanItem it = *item;
            it.id = f.id;
            it.owner = owner;
            const std::string material = ds.str(f.material);
            it.what = ds.str(f.theme) + (material.empty() ? "" : " " + material);
            items[s].push_back(std::move(it));
        }
    }

    for (const auto& [key, u] : unlisted)
        plan.problems.push_back("material '" + key.second + "' (" + key.first +
                                ") is not in the service-life table: " + std::to_string(u.first) +
                                " objects got the theme's default life (" + u.second +
                                (u.first > 3 ? ", ..." : "") + ")");

    // Works the owners and the road manager planned.
    std::size_t later = 0;
    for (const auto& w : works) {
        if (w.end.year() < options.startYear) {
            plan.problems.push_back("planned work " + w.id + " (" + w.owner + ", " + w.source +
                                    ") ended " + w.end.toString() +
                                    ", before the plan starts: not planned");
            continue;
        }
        if (w.start.year() > last) {
            ++later;
            continue;
        }
        const auto where = segmentsOf(locator, pointsAlong(w.line, options.sampleStepM));
        if (where.empty()) {
            plan.problems.push_back("planned work " + w.id + " (" + w.owner + ", " + w.source +
                                    ") lies in no street segment: not planned");
            continue;
        }
        for (auto s : where) {
            PlanItem it;
            it.kind = ItemKind::Planned;
            it.id = w.id;
            it.owner = w.owner;
            it.what = w.kind;
            it.fromYear = std::max(w.start.year(), options.startYear);
            it.toYear = w.end.year();
            it.basis = w.start.toString() + (w.end == w.start ? "" : " - " + w.end.toString());
            items[s].push_back(std::move(it));
        }
    }
    if (later)
        plan.problems.push_back(std::to_string(later) + " planned works start after " + year(last) +
                                ", beyond the plan: not planned");

    // Per segment: coupled and separate openings, no-dig conflicts.
    std::map<std::string, std::vector<std::uint32_t>> byStreet;
    for (std::uint32_t s = 0; s < streets.size(); ++s) {
        if (items[s].empty()) continue;
        SegmentPlan sp;
        sp.segment = streets[s].id;
        sp.street = streets[s].name;
        sp.items = std::move(items[s]);
        std::vector<std::size_t> all(sp.items.size());
        std::iota(all.begin(), all.end(), 0);
        sp.coupled = coupleWindows(sp.items, all);
        sp.separateOpenings = separateOpenings(sp.items);
        sp.present.assign(present[s].begin(), present[s].end());
        for (std::size_t k = 1; k < sp.coupled.size(); ++k) {
            const auto& a = sp.coupled[k - 1];
            auto& b = sp.coupled[k];
            // Even the earliest year of one and the latest of the next are too close.
            if (b.toYear - a.fromYear < plan.noDigYears)
                b.conflict = "within the " + year(plan.noDigYears) +
                             "-year no-dig period after the opening " + year(a.fromYear) +
                             (a.toYear == a.fromYear ? "" : "-" + year(a.toYear)) +
                             ": couple them or move one";
        }
        byStreet[sp.street.empty() ? sp.segment : sp.street].push_back(
            static_cast<std::uint32_t>(plan.segments.size()));
        plan.segments.push_back(std::move(sp));
    }
    // Per street: a street is opened when any of its segments is.
    for (const auto& [street, segs] : byStreet) {
        std::vector<PlanItem> merged;
        std::set<std::string> seen;
        for (auto s : segs)
            for (const auto& it : plan.segments[s].items)
                if (seen.insert(std::string(toCode(it.kind)) + "\n" + it.id).second)
                    merged.push_back(it);
        std::vector<std::size_t> all(merged.size());
        std::iota(all.begin(), all.end(), 0);
        plan.streets.push_back(
            {street, segs.size(), separateOpenings(merged), coupleWindows(merged, all).size()});
    }
    return plan;
}

}  // namespace bz::plan
