// Each `bodem` subcommand registers itself on the CLI11 app and runs when chosen.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/io/KlicImporter.h>

namespace bz::tools {

// KLIC import options from a ground level and the rule set's assumed sizes of point objects.
inline io::KlicImportOptions klicOptions(const io::GroundLevel& ground,
                                         const clash::RuleSet& rules) {
    io::KlicImportOptions o;
    o.groundLevel = ground;
    if (rules.appurtenanceDiameter) o.appurtenanceDiameterM = rules.appurtenanceDiameter->value;
    if (rules.cabinetFoundationDepth)
        o.cabinetFoundationDepthM = rules.cabinetFoundationDepth->value;
    if (rules.manholeDepth) o.manholeDepthM = rules.manholeDepth->value;
    o.defaultCoverM = rules.defaultCoverDepth("overig");
    return o;
}

using Runner = std::function<int()>;

Runner registerSample(CLI::App& app);
Runner registerInfo(CLI::App& app);
Runner registerImport(CLI::App& app);
Runner registerClash(CLI::App& app);
Runner registerReview(CLI::App& app);
Runner registerBench(CLI::App& app);

}  // namespace bz::tools
