// `bodem plan`: the works plan per street segment (docs/planning.md).
#include <bodemzicht/io/PlannedWorksStore.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/StreetStore.h>
#include <bodemzicht/io/Table.h>
#include <bodemzicht/plan/WorksPlan.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "Commands.h"

namespace bz::tools {

namespace {

std::string window(int from, int to) {
    return from == to ? std::to_string(from) : std::to_string(from) + "-" + std::to_string(to);
}

// "GWSW-H1-2 (rioolVrijverval beton: 2031-2041, assumed year laid)"; ids joined by "; ".
std::string describe(const plan::SegmentPlan& s, const plan::Opening& o, plan::ItemKind kind) {
    std::string out;
    for (auto i : o.items) {
        const auto& it = s.items[i];
        if (it.kind != kind) continue;
        std::string one = it.id + " (" + (it.owner.empty() ? "" : it.owner + ", ") + it.what +
                          ": " + window(it.fromYear, it.toYear);
        if (!it.assumed.empty()) one += ", assumed " + it.assumed;
        out += (out.empty() ? "" : "; ") + one + ")";
    }
    return out;
}

}  // namespace

Runner registerPlan(CLI::App& app) {
    struct Args {
        std::string project, csv, geojson, life;
        int years = 10, start = 0;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand(
        "plan",
        "The works plan: per street segment what is due, planned and proposed, coupled into as "
        "few openings as their windows allow, and who to involve");
    cmd->add_option("PROJECT", a->project, "Project GeoPackage")->required();
    cmd->add_option("--years", a->years, "The plan's horizon in years (default 10)")
        ->check(CLI::Range(1, 100));
    cmd->add_option("--start", a->start, "The plan's first year (default: this year)")
        ->check(CLI::Range(1900, 2300));
    cmd->add_option("--life", a->life,
                    "Service-life table (TOML); default: the shipped example "
                    "(datasets/rules/service-life-nl.toml)");
    cmd->add_option("--csv", a->csv, "Write the rows (one per segment and opening) as CSV");
    cmd->add_option("--geojson", a->geojson,
                    "Write the rows as GeoJSON points at the segments' middles");
    return [a] {
        io::ImportReport report;
        auto ds = io::readProject(a->project, report);
        if (!ds) {
            std::fprintf(stderr, "bodem plan: %s\n", ds.error().toString().c_str());
            return 1;
        }
        auto streets = io::readStreets(a->project);
        if (!streets) {
            std::fprintf(stderr, "bodem plan: %s\n", streets.error().toString().c_str());
            return 1;
        }
        if (streets->empty()) {
            *streets = plan::streetsFromSewer(*ds);
            if (streets->empty()) {
                std::fprintf(stderr,
                             "bodem plan: %s has no street segments and no sewer mains to "
                             "derive them from: import a road layer (bodem import ROADS --into "
                             "PROJECT --as streets)\n",
                             a->project.c_str());
                return 1;
            }
            std::printf(
                "street segments: none in the project; %zu derived from the sewer mains "
                "(unnamed; import a road layer for names)\n",
                streets->size());
        }
        auto works = io::readPlannedWorks(a->project);
        if (!works) {
            std::fprintf(stderr, "bodem plan: %s\n", works.error().toString().c_str());
            return 1;
        }
        const plan::ServiceLifeTable* table = &plan::ServiceLifeTable::shipped();
        std::optional<plan::ServiceLifeTable> own;
        if (!a->life.empty()) {
            auto t = plan::ServiceLifeTable::load(a->life);
            if (!t) {
                std::fprintf(stderr, "bodem plan: %s\n", t.error().toString().c_str());
                return 1;
            }
            own = std::move(*t);
            table = &*own;
        }
        plan::PlanOptions options;
        options.years = a->years;
        options.startYear = a->start ? a->start : model::Date::today().year();
        const auto t0 = std::chrono::steady_clock::now();
        const auto p = plan::buildPlan(*ds, *streets, *works, *table, options);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();

        io::Table t;
        using io::ColumnType;
        t.columns = {{"segment"},  {"street"}, {"window"},   {"due"},     {"planned"},
                     {"proposed"}, {"owners"}, {"informed"}, {"conflict"}};
        std::size_t due = 0, planned = 0, proposed = 0, conflicts = 0;
        std::map<std::string, core::Vec2> middleOf;  // a point per segment for the GeoJSON
        for (const auto& st : *streets)
            if (!st.line.empty()) middleOf[st.id] = st.line[st.line.size() / 2];
        for (const auto& s : p.segments) {
            const core::Vec2 at = middleOf[s.segment];
            for (std::size_t k = 0; k < s.coupled.size(); ++k) {
                const auto& o = s.coupled[k];
                std::set<std::string> owners;
                for (auto i : o.items) {
                    if (!s.items[i].owner.empty()) owners.insert(s.items[i].owner);
                    due += s.items[i].kind == plan::ItemKind::Due;
                    planned += s.items[i].kind == plan::ItemKind::Planned;
                    proposed += s.items[i].kind == plan::ItemKind::Proposed;
                }
                std::string who, informed;
                for (const auto& w : owners) who += (who.empty() ? "" : "; ") + w;
                for (const auto& w : s.present)
                    if (!owners.count(w)) informed += (informed.empty() ? "" : "; ") + w;
                const std::string& conflict = o.conflict;
                conflicts += !conflict.empty();
                t.addRow(
                    {s.segment, s.street, window(o.fromYear, o.toYear),
                     describe(s, o, plan::ItemKind::Due), describe(s, o, plan::ItemKind::Planned),
                     describe(s, o, plan::ItemKind::Proposed), who, informed, conflict},
                    {at.x, at.y, 0});
            }
        }
        std::printf(
            "works plan %d-%d: %zu street segments with work, %zu openings coupled "
            "(%zu rows: %zu due, %zu planned, %zu proposed); %zu no-dig conflicts; "
            "%.0f ms\n",
            p.startYear, p.startYear + p.years - 1, p.segments.size(), t.rows.size(), t.rows.size(),
            due, planned, proposed, conflicts, ms);
        std::size_t separate = 0, coupled = 0;
        for (const auto& st : p.streets) separate += st.separate, coupled += st.coupled;
        std::printf(
            "openings in %d years, per street: %zu planned separately, %zu coupled "
            "(%zu saved)\n",
            p.years, separate, coupled, separate - coupled);
        for (const auto& st : p.streets)
            std::printf("  %-32s %3zu segments  %3zu separately  %3zu coupled\n", st.street.c_str(),
                        st.segments, st.separate, st.coupled);
        for (const auto& problem : p.problems) std::printf("note: %s\n", problem.c_str());
        if (!a->csv.empty()) {
            if (auto ok = io::writeTableFile(a->csv, io::TableFormat::Csv, t, "plan"); !ok) {
                std::fprintf(stderr, "bodem plan: %s\n", ok.error().toString().c_str());
                return 1;
            }
            std::printf("wrote %s\n", a->csv.c_str());
        }
        if (!a->geojson.empty()) {
            if (auto ok = io::writeTableFile(a->geojson, io::TableFormat::GeoJson, t, "plan");
                !ok) {
                std::fprintf(stderr, "bodem plan: %s\n", ok.error().toString().c_str());
                return 1;
            }
            std::printf("wrote %s\n", a->geojson.c_str());
        }
        return 0;
    };
}

}  // namespace bz::tools
