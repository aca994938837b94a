#include <bodemzicht/io/Relevel.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "Commands.h"

namespace bz::tools {

Runner registerGround(CLI::App& app) {
    struct Args {
        std::string project, raster;
        double level = NAN;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand(
        "ground", "Set the project's ground level; everything given below ground follows it");
    cmd->add_option("PROJECT", a->project, "Project GeoPackage")->required();
    auto* raster = cmd->add_option("--raster", a->raster, "Ground-level raster (AHN GeoTIFF, RD)");
    auto* level = cmd->add_option("--level", a->level, "One ground level for the project (m NAP)");
    raster->excludes(level);
    cmd->callback([raster, level] {
        if (raster->count() + level->count() != 1)
            throw CLI::ValidationError("give --raster FILE or --level M");
    });
    return [a] {
        auto ground = io::groundFromOptions(a->raster, a->level);
        if (!ground) {
            std::fprintf(stderr, "bodem ground: %s\n", ground.error().toString().c_str());
            return 1;
        }
        auto stats = io::setProjectGround(a->project, *ground, a->raster);
        if (!stats) {
            std::fprintf(stderr, "bodem ground: %s\n", stats.error().toString().c_str());
            return 1;
        }
        std::printf("ground: %s\nre-levelled %zu vertices, %zu bodies, %zu zones",
                    ground->describe().c_str(), stats->vertices, stats->bodies, stats->prisms);
        if (stats->onFlatFallback)
            std::printf("; %zu places had no ground value and stay on the assumed flat ground",
                        stats->onFlatFallback);
        std::printf("\n");
        return 0;
    };
}

}  // namespace bz::tools
