// `bodem omgeving`: the environment analysis of a work area, in Dutch for a project leader
// (docs/planning.md).
#include <bodemzicht/clash/HtmlReport.h>
#include <bodemzicht/clash/ReportStore.h>
#include <bodemzicht/design/SpaceBudget.h>
#include <bodemzicht/design/StreetProfile.h>
#include <bodemzicht/geom/Decompose.h>
#include <bodemzicht/io/BasemapStore.h>
#include <bodemzicht/io/PlannedWorksStore.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/StreetStore.h>
#include <bodemzicht/plan/AreaAnalysis.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "Commands.h"
#include "ReportPictures.h"

namespace bz::tools {

namespace {

std::string escape(const std::string& s) {
    return clash::escapeHtml(s);
}

bool inside(core::Vec2 p, const std::vector<core::Vec2>& poly) {
    return geom::contains(poly, {}, p);
}

std::string fixed(double v, const char* fmt) {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

std::string html(const plan::AreaAnalysis& a, const std::string& project, const std::string& area,
                 bool pictures) {
    std::string s =
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Omgevingsanalyse "
        "werkgebied</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:"
        "left}img{max-width:48%;margin:1%}</style></head><body>\n";
    s += "<h1>Omgevingsanalyse werkgebied</h1>\n<p>Project " + escape(project) + ", werkgebied " +
         escape(area) + ": " + fixed(a.areaM2, "%.0f") + " m2, " +
         std::to_string(a.features.size()) + " objecten, " + std::to_string(a.owners.size()) +
         " eigenaren.</p>\n";
    if (pictures)
        s += "<p><img src=\"kaart.png\" alt=\"kaart van het werkgebied\"><img src=\"3d.png\" "
             "alt=\"3D-beeld van het werkgebied\"></p>\n";
    s += "<h2>Welke domeinen spelen hier</h2>\n<ul>\n";
    for (const auto& d : a.domains) {
        s += "<li><b>" + escape(d.name) + "</b>: ";
        if (d.findings.empty()) s += "niets in het werkgebied";
        for (std::size_t k = 0; k < d.findings.size(); ++k)
            s += (k ? "; " : "") + escape(d.findings[k]);
        s += "</li>\n";
    }
    s += "</ul>\n<h2>Belanghebbenden</h2>\n<table><tr><th>eigenaar</th><th>objecten</th><th>"
         "thema's</th><th>kabels en leidingen (m)</th><th>EV-zone</th><th>contact</th></tr>\n";
    for (const auto& o : a.owners) {
        std::string themes;
        for (const auto& t : o.themes) themes += (themes.empty() ? "" : ", ") + t;
        s += "<tr><td>" + escape(o.owner) + "</td><td>" + std::to_string(o.objects) + "</td><td>" +
             escape(themes) + "</td><td>" + fixed(o.lengthM, "%.0f") + "</td><td>" +
             (o.protectedZone ? "ja: eerst bellen" : "") + "</td><td>" + escape(o.contact) +
             "</td></tr>\n";
    }
    s += "</table>\n<h2>Koppelkansen</h2>\n<ul>\n";
    if (a.chances.empty()) s += "<li>geen (of geen werkenplan: bodem plan)</li>\n";
    for (const auto& c : a.chances) s += "<li>" + escape(c) + "</li>\n";
    s += "</ul>\n<h2>Randvoorwaarden</h2>\n<ul>\n";
    if (a.constraints.empty())
        s += "<li>geen conflicten van de laatste controle in het werkgebied (of geen controle: "
             "bodem clash)</li>\n";
    for (const auto& c : a.constraints) s += "<li>" + escape(c) + "</li>\n";
    s += "</ul>\n<h2>Ruimte in de straat</h2>\n<ul>\n";
    for (const auto& b : a.spaceBudget) s += "<li>" + escape(b) + "</li>\n";
    s += "</ul>\n<h2>Wat weten we, en hoe goed</h2>\n<ul>\n";
    for (const auto& q : a.quality) s += "<li>" + escape(q) + "</li>\n";
    s += "</ul>\n<p><small>Gemaakt met Bodemzicht (bodem omgeving). Aangenomen dieptes en "
         "levensduren zijn aannames, geen metingen.</small></p>\n</body></html>\n";
    return s;
}

}  // namespace

Runner registerOmgeving(CLI::App& app) {
    struct Args {
        std::string project, area, html, json, flooding;
        int start = 0;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand(
        "omgeving",
        "The environment analysis of a work area: domains, every owner and contact, coupling "
        "chances, constraints and what is known, as an HTML report in Dutch");
    cmd->add_option("PROJECT", a->project, "Project GeoPackage")->required();
    cmd->add_option("--area", a->area, "The work area: a polygon (GeoJSON, GeoPackage, ...)")
        ->required();
    cmd->add_option("--html", a->html,
                    "Write the report (HTML, Dutch) to this file; its pictures beside it");
    cmd->add_option("--json", a->json, "Write the analysis as JSON");
    cmd->add_option("--flooding", a->flooding,
                    "Flooding or waterlogging areas (polygons, any GIS layer) for the climate "
                    "adaptation domain");
    cmd->add_option("--start", a->start, "The works plan's first year (default: this year)")
        ->check(CLI::Range(1900, 2300));
    return [a] {
        const auto t0 = std::chrono::steady_clock::now();
        io::ImportReport report;
        auto ds = io::readProject(a->project, report);
        if (!ds) {
            std::fprintf(stderr, "bodem omgeving: %s\n", ds.error().toString().c_str());
            return 1;
        }
        auto outline = io::readBasemapSource(a->area, std::nullopt);
        if (!outline) {
            std::fprintf(stderr, "bodem omgeving: %s\n", outline.error().toString().c_str());
            return 1;
        }
        std::vector<core::Vec2> area;
        for (const auto& l : outline->lines)
            if (l.closed && l.points.size() >= 3) {
                area = l.points;
                break;
            }
        if (area.empty()) {
            std::fprintf(stderr, "bodem omgeving: %s: has no polygon to take as the work area\n",
                         a->area.c_str());
            return 1;
        }
        const int year = a->start ? a->start : model::Date::today().year();
        // The works plan, where the project has streets (or a sewer to derive them from).
        auto streets = io::readStreets(a->project);
        auto works = io::readPlannedWorks(a->project);
        std::optional<plan::WorksPlan> worksPlan;
        model::StreetLayer layer;
        if (streets && works) {
            layer = streets->empty() ? plan::streetsFromSewer(*ds) : *streets;
            plan::PlanOptions options;
            options.startYear = year;
            if (!layer.empty())
                worksPlan =
                    plan::buildPlan(*ds, layer, *works, plan::ServiceLifeTable::shipped(), options);
        }
        plan::AreaContext ctx;
        ctx.year = year;
        ctx.today = model::Date::today();
        if (worksPlan) ctx.plan = &*worksPlan, ctx.streets = &layer;
        // The constraints: the last clash run's rows in the area, with their numbers.
        if (auto stored = clash::readStoredReport(a->project); stored && *stored) {
            std::map<std::string, std::size_t> byKind;
            double contaminated = 0, dewatered = 0;
            for (const auto& c : (*stored)->clashes) {
                if (!inside(c.location().xy(), area)) continue;
                ++byKind[std::string(clash::toCode(c.kind))];
                if (std::isfinite(c.contaminatedM3)) contaminated += c.contaminatedM3;
                if (std::isfinite(c.belowGlgM3)) dewatered += c.belowGlgM3;
            }
            const std::map<std::string, std::string> dutch = {
                {"hard", "overlap"},
                {"clearance", "te weinig afstand"},
                {"possible", "mogelijk conflict (onzekere diepte)"},
                {"constraint", "randvoorwaarde (zone, bodem, grondwater)"}};
            for (const auto& [kind, n] : byKind) {
                auto it = dutch.find(kind);
                ctx.constraints.push_back(std::to_string(n) + " x " +
                                          (it == dutch.end() ? kind : it->second) +
                                          " uit de laatste controle (bodem clash)");
            }
            if (contaminated > 0)
                ctx.constraints.push_back(fixed(contaminated, "%.1f") +
                                          " m3 te ontgraven boven de interventiewaarde");
            if (dewatered > 0)
                ctx.constraints.push_back(fixed(dewatered, "%.1f") +
                                          " m3 te ontgraven onder de GLG: bemaling nodig");
        }
        if (!a->flooding.empty()) {
            auto flood = io::readBasemapSource(a->flooding, std::nullopt);
            if (!flood) {
                std::fprintf(stderr, "bodem omgeving: %s\n", flood.error().toString().c_str());
                return 1;
            }
            ctx.floodingGiven = true;
            for (const auto& l : flood->lines)
                if (l.closed) ctx.flooding.push_back(l.points);
        }
        // The room left in the area's streets (the space budget), where the project has a
        // ground and streets.
        {
            model::StreetLayer inArea;
            if (streets)
                for (const auto& st : *streets)
                    if (plan::polylineMeetsArea(st.line, area)) inArea.push_back(st);
            auto ground = io::openFieldRaster(*ds, "ground_level");
            if (inArea.empty()) {
                ctx.spaceBudget.push_back(
                    "geen straatvakken in het werkgebied (bodem import "
                    "WEGEN --as streets)");
            } else if (!ground || !ground->available()) {
                ctx.spaceBudget.push_back("onbekend: het project heeft geen maaiveld");
            } else if (auto budget = design::spaceBudget(
                           *ds, *ground, design::StreetProfile::shipped(), inArea, {})) {
                for (const auto& sb : budget->segments)
                    ctx.spaceBudget.push_back(
                        (sb.street.empty() ? sb.segment : sb.street + " (" + sb.segment + ")") +
                        ": " + fixed(100 * sb.freeShare(), "%.0f") +
                        " % van de ruimte vrij voor een kabel van 160 mm" +
                        (sb.widthAssumed ? " (straatbreedte aangenomen)" : ""));
            }
        }
        const auto analysis = plan::analyseArea(*ds, area, ctx);
        std::printf(
            "work area %s: %.0f m2, %zu objects, %zu owners, %zu coupling chances, %zu "
            "constraints\n",
            a->area.c_str(), analysis.areaM2, analysis.features.size(), analysis.owners.size(),
            analysis.chances.size(), analysis.constraints.size());
        if (analysis.features.empty())
            std::printf(
                "warning: %s holds none of the project's objects: does it lie over the "
                "project, in RD New?\n",
                a->area.c_str());
        for (const auto& o : analysis.owners)
            std::printf("  %-30s %5zu objects%s\n", o.owner.c_str(), o.objects,
                        o.protectedZone ? "  (EV zone: contact first)" : "");
        if (!a->html.empty()) {
            const auto dir = std::filesystem::path(a->html).parent_path();
            auto ground = io::openFieldRaster(*ds, "ground_level");
            const auto pictures =
                renderAreaPictures(*ds, ground ? *ground : model::GroundLevel(), area,
                                   (dir / "kaart.png").string(), (dir / "3d.png").string());
            if (!pictures)
                std::printf("report without pictures: %s\n", pictures.error().toString().c_str());
            std::ofstream out(a->html, std::ios::binary | std::ios::trunc);
            out << html(analysis, a->project, a->area, pictures.has_value());
            if (!out) {
                std::fprintf(stderr, "bodem omgeving: cannot write %s\n", a->html.c_str());
                return 1;
            }
            std::printf("wrote %s%s\n", a->html.c_str(),
                        pictures ? " (with kaart.png and 3d.png)" : "");
        }
        if (!a->json.empty()) {
            nlohmann::json j;
            j["area_m2"] = analysis.areaM2;
            j["objects"] = analysis.features.size();
            for (const auto& o : analysis.owners)
                j["owners"].push_back({{"owner", o.owner},
                                       {"objects", o.objects},
                                       {"length_m", o.lengthM},
                                       {"themes", o.themes},
                                       {"protected_zone", o.protectedZone},
                                       {"contact", o.contact}});
            for (const auto& d : analysis.domains) j["domains"][d.name] = d.findings;
            j["chances"] = analysis.chances;
            j["constraints"] = analysis.constraints;
            j["space_budget"] = analysis.spaceBudget;
            j["quality"] = analysis.quality;
            std::ofstream out(a->json, std::ios::binary | std::ios::trunc);
            out << j.dump(2) << "\n";
            if (!out) {
                std::fprintf(stderr, "bodem omgeving: cannot write %s\n", a->json.c_str());
                return 1;
            }
            std::printf("wrote %s\n", a->json.c_str());
        }
        std::printf("%.0f ms\n",
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                        .count());
        return 0;
    };
}

}  // namespace bz::tools
