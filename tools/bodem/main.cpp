// bodem: the Bodemzicht command-line tool.
#include <cstdio>
#include <exception>
#include <vector>

#include <bodemzicht/core/Limits.h>
#include <bodemzicht/io/LocalPaths.h>

#include "Commands.h"

int main(int argc, char** argv) {
    CLI::App app{"bodem: Bodemzicht command-line tool for the shallow subsurface (RD New + NAP)"};
    app.require_subcommand(1);
    app.fallthrough();  // the options below may also follow the subcommand
    std::vector<std::string> limits;
    bool allowRemote = false;
    app.add_option("--limit", limits,
                   "Raise an input limit, NAME=VALUE (zip-bytes, zip-ratio, zip-entries, "
                   "raster-cells, grid-cells, xml-depth, xml-elements, xml-bytes, text-bytes, "
                   "rule-group-depth, threads, vertices; docs/reliability.md)");
    app.add_flag("--allow-remote", allowRemote,
                 "Let paths from projects and options be remote (/vsicurl/, http://, ...)");
    app.footer(
        "Exit codes: 0 done (skipped features are counted and listed); 1 error, nothing was "
        "written (a source that cannot be read as a whole, a project that cannot be written, a "
        "limit); 2 import --strict and features were skipped, nothing was written; 3 clash "
        "--fail-on found such a clash; 4 clash --fail-on, but the proposal could not be checked "
        "(in part); other codes: the command line was wrong. docs/reliability.md");
    std::vector<std::pair<CLI::App*, bz::tools::Runner>> commands;
    auto add = [&](auto registerFn) {
        std::size_t before = app.get_subcommands({}).size();
        auto runner = registerFn(app);
        commands.emplace_back(app.get_subcommands({}).at(before), runner);
    };
    add(bz::tools::registerSample);
    add(bz::tools::registerInfo);
    add(bz::tools::registerImport);
    add(bz::tools::registerClash);
    add(bz::tools::registerReview);
    add(bz::tools::registerGround);
    add(bz::tools::registerBench);
    add(bz::tools::registerProfile);
    add(bz::tools::registerSection);
    add(bz::tools::registerSpace);
    add(bz::tools::registerSoil);
    add(bz::tools::registerPlan);
    add(bz::tools::registerOmgeving);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    for (const auto& l : limits)
        if (auto ok = bz::core::setLimit(l); !ok) {
            std::fprintf(stderr, "bodem: %s\n", ok.error().message.c_str());
            return 1;
        }
    bz::io::allowRemotePaths(allowRemote);
    try {
        for (auto& [cmd, run] : commands)
            if (cmd->parsed()) return run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bodem: %s\n", e.what());
        return 1;
    }
    return 1;
}
