// Each `bodem` subcommand registers itself on the CLI11 app and runs when chosen.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace bz::tools {

using Runner = std::function<int()>;

Runner registerSample(CLI::App& app);
Runner registerInfo(CLI::App& app);
Runner registerImport(CLI::App& app);
Runner registerClash(CLI::App& app);
Runner registerReview(CLI::App& app);
Runner registerBench(CLI::App& app);

}  // namespace bz::tools
