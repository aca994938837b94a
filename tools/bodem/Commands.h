// Each `bodem` subcommand registers itself on the CLI11 app and runs when chosen.
#pragma once

#include <CLI/CLI.hpp>

#include <cmath>
#include <functional>

#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/model/Themes.h>

namespace bz::tools {

// Reader options from a ground level, a CRS for layers without one and the rule set's values for
// assumed point-object sizes and root zones.
inline io::SourceOptions sourceOptions(const model::GroundLevel& ground, const std::string& crs,
                                       const clash::RuleSet& rules) {
    io::SourceOptions o;
    o.groundLevel = ground;
    if (!crs.empty()) o.sourceCrs = crs;
    if (rules.appurtenanceDiameter)
        o.klic.appurtenanceDiameterM = rules.appurtenanceDiameter->value;
    if (rules.cabinetFoundationDepth)
        o.klic.cabinetFoundationDepthM = rules.cabinetFoundationDepth->value;
    if (rules.manholeDepth) o.klic.manholeDepthM = rules.manholeDepth->value;
    o.klic.defaultCoverM = rules.defaultCoverDepth("overig");
    if (rules.depthPoints.snap) o.klic.depthPointSnapM = rules.depthPoints.snap->value;
    if (rules.depthPoints.influence) o.klic.depthPointInfluenceM = rules.depthPoints.influence->value;
    if (rules.depthPoints.uncertaintyGrowth)
        o.klic.depthPointUncertaintyGrowth = rules.depthPoints.uncertaintyGrowth->value;
    o.klic.assumedBandM = rules.defaultUncertainty("assumed");
    for (auto theme : model::themes::kImkl)
        o.klic.coverByTheme[std::string(theme)] = rules.defaultCoverDepth(std::string(theme));
    if (rules.trees.rootZoneCrownRadiusPlus)
        o.trees.rootZoneCrownRadiusPlusM = rules.trees.rootZoneCrownRadiusPlus->value;
    if (rules.trees.rootDepth) o.trees.rootDepthM = rules.trees.rootDepth->value;
    return o;
}

using Runner = std::function<int()>;

Runner registerSample(CLI::App& app);
Runner registerInfo(CLI::App& app);
Runner registerImport(CLI::App& app);
Runner registerClash(CLI::App& app);
Runner registerReview(CLI::App& app);
Runner registerGround(CLI::App& app);
Runner registerBench(CLI::App& app);

}  // namespace bz::tools
