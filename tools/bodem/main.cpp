// bodem: the Bodemzicht command-line tool.
#include <cstdio>
#include <exception>
#include <vector>

#include "Commands.h"

int main(int argc, char** argv) {
    CLI::App app{"bodem: Bodemzicht command-line tool for the shallow subsurface (RD New + NAP)"};
    app.require_subcommand(1);
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
    add(bz::tools::registerBench);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        for (auto& [cmd, run] : commands)
            if (cmd->parsed()) return run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bodem: %s\n", e.what());
        return 1;
    }
    return 1;
}
