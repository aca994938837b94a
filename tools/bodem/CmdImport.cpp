#include <bodemzicht/clash/RuleSet.h>

#include <bodemzicht/io/BasemapStore.h>
#include <bodemzicht/io/PlannedWorksStore.h>
#include <bodemzicht/io/ProjectImport.h>
#include <bodemzicht/io/StreetStore.h>
#include <bodemzicht/sewer/Classification.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "Commands.h"

namespace bz::tools {

Runner registerImport(CLI::App& app) {
    struct Args {
        std::vector<std::string> sources, options;
        std::string into, groundRaster, crs, format, rules, conditionTable, as, levels = "nap";
        double groundLevel = NAN;
        bool append = false, strict = false, listFormats = false;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand(
        "import",
        "Import sources (KLIC, GWSW, tree registers, GIS layers, projects) into a project");
    cmd->add_option("SOURCE", a->sources,
                    "Levering_*.zip, GWSW Turtle or GIS export, tree register, a GIS source in the "
                    "generic schema (GeoPackage, GeoJSON, Shapefile, CSV, PG:...), or a project");
    cmd->add_option("--into", a->into, "Project GeoPackage to write");
    cmd->add_flag("--formats", a->listFormats, "List the formats, their extensions and options");
    cmd->add_option("--format", a->format, "Read every source as this format (see --formats)");
    cmd->add_option("--option", a->options,
                    "A format's option, FORMAT.NAME=VALUE (see --formats); repeatable");
    cmd->add_option("--rules", a->rules,
                    "Rule file whose defaults the readers use (cover depths, point-object sizes)");
    cmd->add_option("--ground-level", a->groundLevel,
                    "Constant ground level (m NAP) for depths given below ground");
    cmd->add_option("--ground-raster", a->groundRaster,
                    "Ground-level raster (GeoTIFF, RD New) for depths given below ground");
    cmd->add_option("--crs", a->crs,
                    "CRS of layers that have none (e.g. CSV): EPSG:28992, EPSG:4326, ...");
    cmd->add_option(
        "--condition-table", a->conditionTable,
        "Sewer condition table (TOML) that classifies inspection observations; default: "
        "the shipped example (datasets/sewer/condition-nl.toml, docs/sewer.md)");
    cmd->add_option("--as", a->as,
                    "basemap: draw the sources' lines and polygons (BGT roads and buildings, any "
                    "GIS layer) flat on the ground of an existing project, for orientation only; "
                    "streets: the street segments (centre lines with id, name, width_m: NWB road "
                    "sections, BGT roads) of the space budget and the works plan; ghg, glg: the "
                    "groundwater level (a raster, a BRO WDM depth raster with --levels, or a "
                    "head grid .nc) the constraints and the viewer use; works: owners' planned "
                    "works or road maintenance (geometry, owner, kind, start/end or year) for "
                    "the works plan")
        ->check(CLI::IsMember({"basemap", "streets", "ghg", "glg", "works"}));
    cmd->add_option("--levels", a->levels,
                    "With --as ghg/glg: what the raster's values are: nap (m NAP, default), "
                    "cm-below-ground (BRO WDM) or m-below-ground")
        ->check(CLI::IsMember({"nap", "cm-below-ground", "m-below-ground"}));
    cmd->add_flag("--append", a->append,
                  "Keep the project's other sources; a source already in it is replaced");
    cmd->add_flag("--strict", a->strict,
                  "Any skipped feature is an error (exit 2) and nothing is written");
    return [a] {
        if (a->listFormats) {
            std::printf("%s", formatsText().c_str());
            return 0;
        }
        if (a->sources.empty() || a->into.empty()) {
            std::fprintf(stderr,
                         "bodem import: give SOURCE... and --into PROJECT (or --formats)\n");
            return 1;
        }
        // netCDF 3D grids: GeoTOP or a contamination grid, as a field of the project.
        const bool grids = std::all_of(a->sources.begin(), a->sources.end(), [](const auto& s) {
            const auto ext = std::filesystem::path(s).extension().string();
            return ext == ".nc" || ext == ".nc4";
        });
        if (grids && a->as.empty()) {
            const std::optional<std::string> crs =
                a->crs.empty() ? std::nullopt : std::optional<std::string>(a->crs);
            for (const auto& source : a->sources) {
                auto imported = io::importGrid(a->into, source, crs);
                if (!imported) {
                    std::fprintf(stderr, "bodem import: %s\n", imported.error().toString().c_str());
                    return 1;
                }
                for (const auto& w : imported->warnings) std::printf("warning: %s\n", w.c_str());
                std::string vars;
                for (const auto& v : imported->variables) vars += (vars.empty() ? "" : ", ") + v;
                std::printf("%s: field %s (%s: %s)\n", source.c_str(), imported->field.name.c_str(),
                            imported->geotop ? "GeoTOP"
                            : imported->head ? "head grid"
                                             : "contamination grid",
                            vars.c_str());
            }
            return 0;
        }
        if (a->as == "ghg" || a->as == "glg") {
            if (a->sources.size() != 1) {
                std::fprintf(stderr, "bodem import: --as %s takes one raster or head grid\n",
                             a->as.c_str());
                return 1;
            }
            const auto basis = a->levels == "cm-below-ground"  ? soil::LevelBasis::CmBelowGround
                               : a->levels == "m-below-ground" ? soil::LevelBasis::MetresBelowGround
                                                               : soil::LevelBasis::Nap;
            const std::optional<std::string> crs =
                a->crs.empty() ? std::nullopt : std::optional<std::string>(a->crs);
            auto level = io::importGroundwaterLevel(a->into, a->sources[0], a->as, basis, crs);
            if (!level) {
                std::fprintf(stderr, "bodem import: %s\n", level.error().toString().c_str());
                return 1;
            }
            for (const auto& w : level->warnings) std::printf("warning: %s\n", w.c_str());
            std::printf("%s: field %s (%s, %s): %.2f .. %.2f m NAP over %zu cells\n",
                        a->sources[0].c_str(), level->field.name.c_str(),
                        level->field.description.c_str(), level->field.unit.c_str(), level->minM,
                        level->maxM, level->cells);
            return 0;
        }
        if (a->as == "works") {
            // Each file's works replace that file's earlier import; other files' are kept.
            const std::optional<std::string> crs =
                a->crs.empty() ? std::nullopt : std::optional<std::string>(a->crs);
            for (const auto& source : a->sources) {
                auto works = io::readPlannedWorksSource(source, crs);
                if (!works) {
                    std::fprintf(stderr, "bodem import: %s\n", works.error().toString().c_str());
                    return 1;
                }
                for (const auto& why : works->skipped) std::printf("  %s\n", why.c_str());
                const std::string name = std::filesystem::path(source).filename().string();
                if (auto ok = io::storePlannedWorks(a->into, works->works, name); !ok) {
                    std::fprintf(stderr, "bodem import: %s\n", ok.error().toString().c_str());
                    return 1;
                }
                std::printf("planned works %s: %zu read, %zu left out\n", name.c_str(),
                            works->works.size(), works->skipped.size());
            }
            return 0;
        }
        if (a->as == "streets") {
            // One road layer replaces the project's street segments.
            if (a->sources.size() != 1) {
                std::fprintf(stderr, "bodem import: --as streets takes one road layer\n");
                return 1;
            }
            const std::optional<std::string> crs =
                a->crs.empty() ? std::nullopt : std::optional<std::string>(a->crs);
            auto streets = io::readStreetSource(a->sources[0], crs);
            if (!streets) {
                std::fprintf(stderr, "bodem import: %s\n", streets.error().toString().c_str());
                return 1;
            }
            for (const auto& why : streets->skipped) std::printf("  %s\n", why.c_str());
            if (auto ok = io::storeStreets(a->into, streets->segments); !ok) {
                std::fprintf(stderr, "bodem import: %s\n", ok.error().toString().c_str());
                return 1;
            }
            std::size_t named = 0, withWidth = 0;
            for (const auto& s : streets->segments)
                named += !s.name.empty(), withWidth += s.widthM > 0;
            std::printf(
                "street segments: %zu (%zu named, %zu with a width); %zu features without a "
                "line left out\n",
                streets->segments.size(), named, withWidth, streets->withoutLine);
            return 0;
        }
        if (a->as == "basemap") {
            // Outlines for orientation, kept apart from the objects (never clash-checked).
            const std::optional<std::string> crs =
                a->crs.empty() ? std::nullopt : std::optional<std::string>(a->crs);
            for (const auto& source : a->sources) {
                auto map = io::readBasemapSource(source, crs);
                if (!map) {
                    std::fprintf(stderr, "bodem import: %s\n", map.error().toString().c_str());
                    return 1;
                }
                const std::string name = std::filesystem::path(source).filename().string();
                if (auto ok = io::storeBasemap(a->into, name, map->lines); !ok) {
                    std::fprintf(stderr, "bodem import: %s\n", ok.error().toString().c_str());
                    return 1;
                }
                std::printf(
                    "base map %s: %zu lines from %zu features in %zu layers; %zu features "
                    "without lines or polygons not drawn\n",
                    name.c_str(), map->lines.size(), map->features, map->layers.size(),
                    map->withoutLines);
            }
            return 0;
        }
        clash::RuleSet rules = clash::RuleSet::dutchDefault();
        if (!a->rules.empty()) {
            auto r = clash::RuleSet::load(a->rules);
            if (!r) {
                std::fprintf(stderr, "bodem import: %s\n", r.error().toString().c_str());
                return 1;
            }
            rules = std::move(*r);
        }
        auto ground = io::groundFromOptions(a->groundRaster, a->groundLevel);
        if (!ground) {
            std::fprintf(stderr, "bodem import: %s\n", ground.error().toString().c_str());
            return 1;
        }
        auto options = readOptions(rules, *ground, a->crs, a->format, a->options);
        if (!options) {
            std::fprintf(stderr, "bodem import: %s\n", options.error().toString().c_str());
            return 1;
        }
        std::optional<sewer::ClassificationTable> table;
        if (!a->conditionTable.empty()) {
            auto t = sewer::ClassificationTable::load(a->conditionTable);
            if (!t) {
                std::fprintf(stderr, "bodem import: %s\n", t.error().toString().c_str());
                return 1;
            }
            table = std::move(*t);
        }
        io::ImportRequest request;
        if (table) request.conditionTable = &*table;
        request.sources = a->sources;
        request.options = std::move(*options);
        request.append = a->append;
        request.strict = a->strict;
        io::ImportReport report;
        auto outcome = io::importIntoProject(a->into, request, report);
        std::printf("ground level: %s\n%s", ground->describe().c_str(),
                    report.summary(100).c_str());
        if (!outcome) {
            std::fprintf(stderr, "bodem import: %s\n", outcome.error().toString().c_str());
            return a->strict && report.skipped() ? 2 : 1;
        }
        for (const auto& c : outcome->changes)
            std::printf("%s: %zu added, %zu removed, %zu changed, %zu unchanged\n", c.key.c_str(),
                        c.added, c.removed, c.changed, c.unchanged);
        const auto& o = *outcome;
        if (o.inspectionsLinked + o.inspectionsOnCarrier + o.inspectionsUnplaced +
            o.inspectionsReplaced)
            std::printf(
                "sewer inspections: %zu linked to the project's pipes and manholes, %zu "
                "placed by their own coordinates, %zu unplaced, %zu replaced; %zu objects "
                "with a condition class\n",
                o.inspectionsLinked, o.inspectionsOnCarrier, o.inspectionsUnplaced,
                o.inspectionsReplaced, o.pipesAssessed);
        std::printf("wrote %zu features to %s\n", outcome->features, a->into.c_str());
        return 0;
    };
}

}  // namespace bz::tools
