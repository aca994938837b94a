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
        bool covers = false;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand(
        "ground", "Set the project's ground level; everything given below ground follows it");
    cmd->add_option("PROJECT", a->project, "Project GeoPackage")->required();
    auto* raster = cmd->add_option("--raster", a->raster, "Ground-level raster (AHN GeoTIFF, RD)");
    auto* level = cmd->add_option("--level", a->level, "One ground level for the project (m NAP)");
    auto* covers = cmd->add_flag("--covers", a->covers,
                                 "The project's own manhole cover levels (GWSW), near its manholes");
    raster->excludes(level);
    covers->excludes(raster)->excludes(level);
    cmd->callback([raster, level, covers] {
        if (raster->count() + level->count() + covers->count() != 1)
            throw CLI::ValidationError("give --raster FILE, --level M or --covers");
    });
    return [a] {
        if (a->covers) {
            std::string what;
            const auto& rules = clash::RuleSet::dutchDefault();
            const double radius = rules.coverGroundRadius ? rules.coverGroundRadius->value : 50.0;
            auto stats = io::setProjectGroundFromCovers(a->project, radius, &what);
            if (!stats) {
                std::fprintf(stderr, "bodem ground: %s\n", stats.error().toString().c_str());
                return 1;
            }
            std::printf("ground: %s\nre-levelled %zu vertices, %zu bodies, %zu zones; %zu places "
                        "are further from a manhole and stay on the assumed flat ground\n",
                        what.c_str(), stats->vertices, stats->bodies, stats->prisms,
                        stats->onFlatFallback);
            return 0;
        }
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
