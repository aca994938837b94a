#include <bodemzicht/io/BasemapStore.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/StreetStore.h>
#include <bodemzicht/model/DatasetSummary.h>
#include <bodemzicht/soil/Geotop.h>

#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "Commands.h"

namespace bz::tools {

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
