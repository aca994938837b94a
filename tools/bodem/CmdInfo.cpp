#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/io/BasemapStore.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/StreetStore.h>
#include <bodemzicht/model/DatasetSummary.h>
#include <bodemzicht/soil/Geotop.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "Commands.h"

namespace bz::tools {

namespace {

// The groundwater levels as the project derives them (GHG, GLG, the water table of a head
// grid): their range in m NAP and below the ground, and what they come from.
void printGroundwaterLevels(const model::Dataset& ds) {
    auto ground = io::openFieldRaster(ds, "ground_level");
    bool header = false;
    for (const auto& f : ds.fields) {
        if (f.name != "ghg" && f.name != "glg" && f.name != "head") continue;
        if (!header) std::printf("groundwater levels:\n"), header = true;
        core::Result<model::GroundLevel> level = io::openFieldRaster(ds, f.name);
        if (!level) {
            std::printf("  %s: not readable: %s\n", f.name.c_str(),
                        level.error().toString().c_str());
            continue;
        }
        const auto* field = level->field();
        if (!field) continue;
        const auto& g = field->grid();
        double lo = INFINITY, hi = -INFINITY, dLo = INFINITY, dHi = -INFINITY;
        const int stride =
            std::max(1, static_cast<int>(std::sqrt(static_cast<double>(g.nx) * g.ny / 40000.0)));
        for (int j = 0; j < g.ny; j += stride)
            for (int i = 0; i < g.nx; i += stride) {
                const double v = field->cellValue(0, i, j, 0);
                if (!std::isfinite(v)) continue;
                lo = std::min(lo, v), hi = std::max(hi, v);
                const auto c = g.cellCentre(i, j, 0);
                const double z = ground && ground->available() ? ground->at(c.x, c.y) : NAN;
                if (std::isfinite(z)) dLo = std::min(dLo, z - v), dHi = std::max(dHi, z - v);
            }
        if (!std::isfinite(lo)) {
            std::printf("  %s: no level anywhere (%s)\n", f.name.c_str(), f.path.c_str());
            continue;
        }
        std::printf("  %s: %.2f .. %.2f m NAP", f.name.c_str(), lo, hi);
        if (std::isfinite(dLo)) std::printf(", %.2f .. %.2f m below the ground", dLo, dHi);
        std::printf(" (%s; given in %s)\n", field->describe().c_str(),
                    f.unit.empty() ? "m NAP" : f.unit.c_str());
    }
}

}  // namespace

Runner registerInfo(CLI::App& app) {
    auto project = std::make_shared<std::string>();
    auto* cmd =
        app.add_subcommand("info", "Summarise a project: layers, themes, extent, depth provenance");
    cmd->add_option("PROJECT", *project,
                    "Project GeoPackage or any GDAL source with the project layers")
        ->required();
    return [project] {
        io::ImportReport report;
        auto ds = io::readProject(*project, report);
        if (!ds) {
            std::fprintf(stderr, "bodem info: %s\n", ds.error().toString().c_str());
            return 1;
        }
        std::printf("project: %s\n%s", project->c_str(), model::summarize(*ds).toText().c_str());
        std::printf("ground under depths below ground: %s\n", model::describe(ds->ground).c_str());
        if (!ds->fields.empty()) {
            std::printf("fields:\n");
            for (const auto& f : ds->fields)
                std::printf("  %s: %s %s (%s)\n", f.name.c_str(),
                            std::string(model::toCode(f.kind)).c_str(), f.path.c_str(),
                            f.unit.c_str());
            // A soil model: its volume per lithoclass (what the ground under the project is).
            for (const auto& f : ds->fields) {
                if (f.kind != model::FieldKind::Grid3d) continue;
                auto grid = io::openField(f);
                if (!grid) {
                    std::printf("  %s: not readable: %s\n", f.name.c_str(),
                                grid.error().toString().c_str());
                    continue;
                }
                // A contamination grid: per substance the volume above its intervention value.
                if (f.name.starts_with("contamination")) {
                    const auto& rules = clash::RuleSet::dutchDefault();
                    const auto& g = (*grid)->grid();
                    const double cell = g.cellSize.x * g.cellSize.y * g.cellSize.z;
                    for (std::size_t v = 0; v < (*grid)->variables().size(); ++v) {
                        const auto& var = (*grid)->variables()[v];
                        const auto* limit = rules.interventionValue(
                            clash::perLitre(var.unit) ? "grondwater" : "grond", var.name);
                        double above = 0, withData = 0, max = -INFINITY;
                        for (int k = 0; k < g.nz; ++k)
                            for (int j = 0; j < g.ny; ++j)
                                for (int i = 0; i < g.nx; ++i) {
                                    const double x = (*grid)->cellValue(v, i, j, k);
                                    if (std::isnan(x)) continue;
                                    withData += cell;
                                    max = std::max(max, x);
                                    if (limit && x >= limit->value) above += cell;
                                }
                        if (limit)
                            std::printf(
                                "  %s %s: %.0f m3 above the intervention value (%g %s) of "
                                "%.0f m3 with data; highest %.0f %s\n",
                                f.name.c_str(), var.name.c_str(), above, limit->value,
                                limit->unit.c_str(), withData, max, var.unit.c_str());
                        else
                            std::printf(
                                "  %s %s: no intervention value in the rule set; %.0f m3 "
                                "with data, highest %.0f %s\n",
                                f.name.c_str(), var.name.c_str(), withData, max, var.unit.c_str());
                    }
                    continue;
                }
                const auto volumes = soil::volumesByLithoclass(**grid);
                if (volumes.empty()) continue;
                std::printf("  %s volumes by lithoclass:\n", f.name.c_str());
                for (const auto& [cls, m3] : volumes) {
                    const auto* lc = soil::lithoclass(cls);
                    std::printf("    %2d %-34s %14.0f m3\n", cls,
                                lc ? std::string(lc->name).c_str() : "unknown code", m3);
                }
            }
        }
        printGroundwaterLevels(*ds);
        // The base map (orientation only), lines per source.
        if (auto map = io::readBasemap(*project); !map) {
            std::printf("base map: not readable: %s\n", map.error().toString().c_str());
        } else if (!map->empty()) {
            std::map<std::string, std::size_t> perSource;
            for (const auto& l : *map) ++perSource[l.source];
            std::string parts;
            for (const auto& [source, n] : perSource)
                parts += (parts.empty() ? "" : ", ") + source + " " + std::to_string(n);
            std::printf("base map: %zu lines (%s)\n", map->size(), parts.c_str());
        }
        // The street segments (space budget, works plan).
        if (auto streets = io::readStreets(*project); !streets) {
            std::printf("street segments: not readable: %s\n", streets.error().toString().c_str());
        } else if (!streets->empty()) {
            std::set<std::string> names;
            double length = 0;
            for (const auto& s : *streets) {
                if (!s.name.empty()) names.insert(s.name);
                for (std::size_t i = 0; i + 1 < s.line.size(); ++i)
                    length += core::length(s.line[i + 1] - s.line[i]);
            }
            std::printf("street segments: %zu in %zu named streets, %.1f km\n", streets->size(),
                        names.size(), length / 1000);
        }
        std::printf("load:\n%s", report.summary(20).c_str());
        return 0;
    };
}

}  // namespace bz::tools
