#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/design/FreeSpace.h>
#include <bodemzicht/design/SpaceBudget.h>
#include <bodemzicht/design/StreetProfile.h>
#include <bodemzicht/io/BasemapStore.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/StreetStore.h>
#include <bodemzicht/io/Table.h>

#include <algorithm>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "Commands.h"

namespace bz::tools {

namespace {

// A JSON string's text: quotes, backslashes and control characters escaped.
std::string jsonText(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\', out += c;
        else if (static_cast<unsigned char>(c) < 0x20)
            out += ' ';
        else
            out += c;
    }
    return out;
}

struct GeoLine {
    std::vector<std::pair<std::string, std::string>> properties;  // text values
    std::vector<core::Vec3> points;
};

// GeoJSON of 3D lines in RD New + NAP in the generic import schema (docs/import.md), written
// next to the target and renamed into place.
core::Result<void> writeLines(const std::string& path, const std::vector<GeoLine>& lines) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{"
               "\"name\":"
               "\"urn:ogc:def:crs:EPSG::28992\"}},\"features\":[\n";
        char buf[96];
        for (std::size_t i = 0; i < lines.size(); ++i) {
            out << (i ? ",\n" : "") << "{\"type\":\"Feature\",\"properties\":{";
            for (std::size_t k = 0; k < lines[i].properties.size(); ++k)
                out << (k ? "," : "") << "\"" << lines[i].properties[k].first << "\":\""
                    << jsonText(lines[i].properties[k].second) << "\"";
            out << "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[";
            for (std::size_t k = 0; k < lines[i].points.size(); ++k) {
                const auto& p = lines[i].points[k];
                std::snprintf(buf, sizeof buf, "%s[%.3f,%.3f,%.3f]", k ? "," : "", p.x, p.y, p.z);
                out << buf;
            }
            out << "]}}";
        }
        out << "\n]}\n";
        if (!out) return core::fail(path, "", "cannot write");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) return core::fail(path, "", "cannot write: " + ec.message());
    return {};
}

// `bodem space PROJECT --budget`: the room left per street segment and zone of the profile.
int runBudget(const std::string& project, const std::string& profilePath, double diameter,
              double clearance, double step, const std::string& csv, const std::string& out) {
    io::ImportReport report;
    auto ds = io::readProject(project, report);
    if (!ds) {
        std::fprintf(stderr, "bodem space: %s\n", ds.error().toString().c_str());
        return 1;
    }
    auto streets = io::readStreets(project);
    if (!streets) {
        std::fprintf(stderr, "bodem space: %s\n", streets.error().toString().c_str());
        return 1;
    }
    design::StreetProfile profile = design::StreetProfile::shipped();
    if (!profilePath.empty()) {
        auto p = design::StreetProfile::load(profilePath);
        if (!p) {
            std::fprintf(stderr, "bodem space: %s\n", p.error().toString().c_str());
            return 1;
        }
        profile = std::move(*p);
    }
    design::BudgetOptions o;
    o.diameterM = diameter > 0 ? diameter : 0.16;
    if (!std::isnan(clearance)) o.clearanceM = clearance;
    o.stationStepM = step;
    auto levels = projectLevels(*ds, "bodem space");
    auto budget = design::spaceBudget(*ds, levels.ground, profile, *streets, o);
    if (!budget) {
        std::fprintf(stderr, "bodem space: %s: %s\n", project.c_str(),
                     budget.error().toString().c_str());
        return 1;
    }
    std::size_t assumedWidth = 0;
    for (const auto& s : budget->segments) assumedWidth += s.widthAssumed;
    std::printf(
        "space budget of %zu street segments (room for %.0f mm with %.2f m clearance, down to "
        "%.1f m; profile: %s)\n",
        budget->segments.size(), o.diameterM * 1000, o.clearanceM, o.maxDepthM,
        profile.name.c_str());
    if (assumedWidth)
        std::printf("  %zu segments have no width: %.0f m facade to facade assumed\n", assumedWidth,
                    o.defaultWidthM);
    for (const auto& why : budget->skipped) std::printf("  not measured: %s\n", why.c_str());
    // The tightest segments first: where the next network will not fit.
    std::vector<const design::SegmentBudget*> order;
    for (const auto& s : budget->segments) order.push_back(&s);
    std::sort(order.begin(), order.end(),
              [](const auto* x, const auto* y) { return x->freeShare() < y->freeShare(); });
    for (std::size_t i = 0; i < order.size() && i < 10; ++i) {
        const auto& s = *order[i];
        std::string tight;
        for (const auto& z : s.zones)
            if (z.freeShare() < 0.5) {
                char buf[96];
                std::snprintf(buf, sizeof buf, "%s%s %.0f %%", tight.empty() ? "" : ", ",
                              z.zone.c_str(), 100 * z.freeShare());
                tight += buf;
            }
        std::printf("  %-10s %-22s %5.0f m  free %3.0f %%%s%s\n", s.segment.c_str(),
                    s.street.c_str(), s.lengthM, 100 * s.freeShare(),
                    tight.empty() ? "" : "  tight: ", tight.c_str());
    }
    if (!csv.empty()) {
        io::Table t;
        using io::ColumnType;
        t.columns = {{"segment"},
                     {"street"},
                     {"zone"},
                     {"zone_width_m", ColumnType::Real, 2},
                     {"free_width_m", ColumnType::Real, 2},
                     {"free_share", ColumnType::Real, 3},
                     {"proposed_or_reserved_width_m", ColumnType::Real, 2},
                     {"length_m", ColumnType::Real, 1},
                     {"street_width_m", ColumnType::Real, 1},
                     {"width_assumed", ColumnType::Integer},
                     {"sections", ColumnType::Integer}};
        for (const auto& s : budget->segments)
            for (const auto& z : s.zones)
                t.addRow({s.segment, s.street, z.zone, z.widthM, z.freeWidthM, z.freeShare(),
                          z.designWidthM, s.lengthM, s.widthM, std::int64_t(s.widthAssumed),
                          std::int64_t(s.sections)});
        if (auto ok = io::writeTableFile(csv, io::TableFormat::Csv, t, "budget"); !ok) {
            std::fprintf(stderr, "bodem space: %s\n", ok.error().toString().c_str());
            return 1;
        }
        std::printf("wrote %s\n", csv.c_str());
    }
    if (!out.empty()) {
        std::vector<GeoLine> lines;
        for (const auto& s : budget->segments) {
            char share[32];
            std::snprintf(share, sizeof share, "%.3f", s.freeShare());
            GeoLine l{{{"segment", s.segment}, {"street", s.street}, {"free_share", share}}, {}};
            for (const auto& p : s.line) l.points.push_back({p.x, p.y, 0});
            lines.push_back(std::move(l));
        }
        if (auto ok = writeLines(out, lines); !ok) {
            std::fprintf(stderr, "bodem space: %s\n", ok.error().toString().c_str());
            return 1;
        }
        std::printf("wrote %s (%zu street segments)\n", out.c_str(), lines.size());
    }
    return 0;
}

}  // namespace

Runner registerSpace(CLI::App& app) {
    struct Args {
        std::string project, along, out, blocked, csv, theme = "laagspanning", owner, rules;
        double diameter = 0, clearance = NAN, search = 3.0, maxDepth = 3.0, step = 1.0;
        bool budget = false;
        std::string profile;
        double budgetStep = 20;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand(
        "space",
        "Where a new pipe or cable still fits along a street: offset and depth with the rule "
        "set's clearances to everything, checked by the clash core; where nothing fits, what is in "
        "the way");
    cmd->add_option("PROJECT", a->project, "Project GeoPackage")->required();
    cmd->add_option("--along", a->along,
                    "The route (a line in GeoJSON, GeoPackage, ...; its first line)");
    cmd->add_option("--diameter", a->diameter,
                    "Outer diameter of the new network (m); --budget: the size room is counted "
                    "for (default 0.16)");
    cmd->add_flag("--budget", a->budget,
                  "The space budget per street segment (the project's streets: bodem import "
                  "ROADS --as streets): free width and share per zone of the street profile "
                  "after what lies there and what is proposed or reserved");
    cmd->add_option("--profile", a->profile,
                    "Street profile TOML (default: shipped): the zone a route prefers, the zones "
                    "of --budget");
    cmd->add_option("--budget-step", a->budgetStep,
                    "--budget: a cross-section every this many metres (default 20)");
    cmd->add_option("--theme", a->theme,
                    "Its theme (IMKL thema), for the clearances and the least cover");
    cmd->add_option("--owner", a->owner, "Its owner, written with the route");
    cmd->add_option("--clearance", a->clearance,
                    "Keep this clearance (m) to everything instead of the rule set's pairs");
    cmd->add_option("--search", a->search, "How far from the route it may move, either side (m)");
    cmd->add_option("--max-depth", a->maxDepth, "Deepest cover tried (m below ground)");
    cmd->add_option("--step", a->step, "Positions along the route every this many metres");
    cmd->add_option("--rules", a->rules, "Rule file (default: the Dutch default)");
    cmd->add_option("--out", a->out,
                    "Write the fitted route as 3D lines (GeoJSON, importable as proposals); "
                    "--budget: the street segments with their free share");
    cmd->add_option("--blocked", a->blocked, "Write the stretches where nothing fits (GeoJSON)");
    cmd->add_option("--csv", a->csv,
                    "Write one row per position along the route (--budget: per segment and zone)");
    return [a] {
        if (a->budget)
            return runBudget(a->project, a->profile, a->diameter, a->clearance, a->budgetStep,
                             a->csv, a->out);
        if (a->along.empty() || !(a->diameter > 0)) {
            std::fprintf(stderr,
                         "bodem space: give --along ROUTE and --diameter M (or --budget)\n");
            return 1;
        }
        clash::RuleSet rules = clash::RuleSet::dutchDefault();
        if (!a->rules.empty()) {
            auto r = clash::RuleSet::load(a->rules);
            if (!r) {
                std::fprintf(stderr, "bodem space: %s\n", r.error().toString().c_str());
                return 1;
            }
            rules = std::move(*r);
        }
        auto route = io::readBasemapSource(a->along, std::nullopt);
        if (!route) {
            std::fprintf(stderr, "bodem space: %s\n", route.error().toString().c_str());
            return 1;
        }
        io::ImportReport report;
        auto ds = io::readProject(a->project, report);
        if (!ds) {
            std::fprintf(stderr, "bodem space: %s\n", ds.error().toString().c_str());
            return 1;
        }
        design::FreeSpaceRequest r;
        r.route = route->lines.front().points;
        if (route->lines.front().closed) r.route.push_back(r.route.front());
        r.diameterM = a->diameter;
        r.theme = a->theme;
        r.owner = a->owner;
        if (!std::isnan(a->clearance)) r.clearanceM = a->clearance;
        r.searchHalfWidthM = a->search;
        r.maxDepthM = a->maxDepth;
        r.stationStepM = a->step;
        // A route that leaves the project's data is refused, not answered with an empty file.
        const auto b = ds->bounds();
        for (const auto& p : r.route)
            if (p.x < b.lo.x - 50 || p.x > b.hi.x + 50 || p.y < b.lo.y - 50 || p.y > b.hi.y + 50) {
                std::fprintf(stderr,
                             "bodem space: the route's point %.2f,%.2f lies outside the project (x "
                             "%.2f .. %.2f, y %.2f .. %.2f)\n",
                             p.x, p.y, b.lo.x, b.hi.x, b.lo.y, b.hi.y);
                return 1;
            }
        // Along a street of the project: its own zone of the street profile first.
        if (auto streets = io::readStreets(a->project); streets && !streets->empty()) {
            design::StreetProfile profile = design::StreetProfile::shipped();
            if (!a->profile.empty()) {
                auto p = design::StreetProfile::load(a->profile);
                if (!p) {
                    std::fprintf(stderr, "bodem space: %s\n", p.error().toString().c_str());
                    return 1;
                }
                profile = std::move(*p);
            }
            // A route that leaves the streets: said, with where (it is still answered).
            for (auto [from, to] : design::outsideStreets(*streets, r.route))
                std::printf("warning: the route leaves the project's streets from %.0f to %.0f m\n",
                            from, to);
            std::string street;
            r.preferredOffsets =
                design::preferredZoneOffsets(profile, r.theme, *streets, r.route, &street);
            if (!r.preferredOffsets.empty())
                std::printf("along street segment %s: preferring the %s zone of the profile\n",
                            street.c_str(), r.theme.c_str());
        }
        auto levels = projectLevels(*ds, "bodem space");
        auto fit = design::findFreeSpace(*ds, rules, levels.ground, r);
        if (!fit) {
            std::fprintf(stderr, "bodem space: %s: %s\n", a->project.c_str(),
                         fit.error().toString().c_str());
            return 1;
        }
        std::printf(
            "route %.1f m: %.1f m fits in %zu piece(s), %zu stretch(es) where nothing fits; %zu "
            "objects "
            "considered; checked by the clash core in %d round(s) (fit %.0f ms, check %.0f ms)\n",
            fit->routeLengthM, fit->fittedLengthM, fit->runs.size(), fit->blocked.size(),
            fit->obstacles, fit->verificationRounds, fit->fitMs, fit->verifyMs);
        for (const auto& s : fit->blocked) {
            std::string who;
            for (std::size_t i = 0; i < s.inTheWay.size() && i < 8; ++i)
                who += (i ? ", " : "") + s.inTheWay[i];
            if (s.inTheWay.size() > 8) who += ", ...";
            std::printf("  nothing fits from %.1f to %.1f m: in the way %s\n", s.fromM, s.toM,
                        who.empty() ? "(no ground level there)" : who.c_str());
        }
        if (fit->runs.empty())
            std::printf("nothing of %.0f mm fits anywhere along the route\n", a->diameter * 1000);
        if (!a->out.empty()) {
            std::vector<GeoLine> lines;
            char mm[32];
            std::snprintf(mm, sizeof mm, "%.0f", r.diameterM * 1000);
            for (std::size_t i = 0; i < fit->runs.size(); ++i) {
                GeoLine l{{{"id", "FIT-" + std::to_string(i + 1)},
                           {"theme", r.theme},
                           {"status", "proposed"},
                           {"owner", r.owner},
                           {"diameter_mm", mm},
                           {"depth_source", "measured"}},
                          {}};
                for (const auto& p : fit->runs[i]) l.points.push_back(p.axis);
                lines.push_back(std::move(l));
            }
            if (auto ok = writeLines(a->out, lines); !ok) {
                std::fprintf(stderr, "bodem space: %s\n", ok.error().toString().c_str());
                return 1;
            }
            std::printf("wrote %s (%zu lines)\n", a->out.c_str(), lines.size());
        }
        if (!a->blocked.empty()) {
            std::vector<GeoLine> lines;
            for (std::size_t i = 0; i < fit->blocked.size(); ++i) {
                std::string who;
                for (const auto& id : fit->blocked[i].inTheWay)
                    who += (who.empty() ? "" : " ") + id;
                GeoLine l{{{"id", "BLOCKED-" + std::to_string(i + 1)}, {"in_the_way", who}}, {}};
                for (const auto& p : fit->blocked[i].line) l.points.push_back({p.x, p.y, 0});
                lines.push_back(std::move(l));
            }
            if (auto ok = writeLines(a->blocked, lines); !ok) {
                std::fprintf(stderr, "bodem space: %s\n", ok.error().toString().c_str());
                return 1;
            }
            std::printf("wrote %s (%zu stretches)\n", a->blocked.c_str(), lines.size());
        }
        if (!a->csv.empty()) {
            io::Table t;
            using io::ColumnType;
            t.columns = {{"piece", ColumnType::Integer},      {"chainage_m", ColumnType::Real, 2},
                         {"x", ColumnType::Real, 3},          {"y", ColumnType::Real, 3},
                         {"axis_nap_m", ColumnType::Real, 3}, {"offset_m", ColumnType::Real, 2},
                         {"cover_m", ColumnType::Real, 2}};
            for (std::size_t i = 0; i < fit->runs.size(); ++i)
                for (const auto& p : fit->runs[i])
                    t.addRow({std::int64_t(i + 1), p.chainageM, p.axis.x, p.axis.y, p.axis.z,
                              p.offsetM, p.coverM});
            if (auto ok = io::writeTableFile(a->csv, io::TableFormat::Csv, t, "space"); !ok) {
                std::fprintf(stderr, "bodem space: %s\n", ok.error().toString().c_str());
                return 1;
            }
            std::printf("wrote %s\n", a->csv.c_str());
        }
        return 0;
    };
}

}  // namespace bz::tools
