#include <bodemzicht/sample/SampleDistrict.h>

#include <cstdio>
#include <memory>
#include <string>

#include "Commands.h"

namespace bz::tools {

Runner registerSample(CLI::App& app) {
    struct Args {
        std::string out;
        int blocks = 3;
        std::uint64_t seed = 1;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand("sample", "Generate the reproducible sample district");
    cmd->add_option("--out", a->out, "Output folder (district.gpkg and rasters)")->required();
    cmd->add_option("--blocks", a->blocks, "Blocks per side (42 gives about one million segments)")
        ->check(CLI::Range(1, 200));
    cmd->add_option("--seed", a->seed, "Random seed");
    return [a] {
        sample::SampleOptions o;
        o.blocks = a->blocks;
        o.seed = a->seed;
        auto project = sample::writeSampleDistrict(a->out, o);
        if (!project) {
            std::fprintf(stderr, "bodem sample: %s\n", project.error().toString().c_str());
            return 1;
        }
        std::printf("wrote %s\n", project->c_str());
        return 0;
    };
}

}  // namespace bz::tools
