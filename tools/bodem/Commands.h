// Each `bodem` subcommand registers itself on the CLI11 app and runs when chosen.
#pragma once

#include <CLI/CLI.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/io/Raster.h>
#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/model/Themes.h>

namespace bz::tools {

// Reader options: the rule set's defaults and format options, then the ground, the CRS for layers
// without one, a format to read as, and the options given as FORMAT.NAME=VALUE (which the readers
// check: an unknown option is an error naming the format's options).
inline core::Result<io::ReadOptions> readOptions(const clash::RuleSet& rules,
                                                 const model::GroundLevel& ground,
                                                 const std::string& crs, const std::string& format,
                                                 const std::vector<std::string>& given) {
    io::ReadOptions o = clash::readOptionsFrom(rules);
    o.groundLevel = ground;
    if (!crs.empty()) o.sourceCrs = crs;
    o.format = format;
    for (const auto& kv : given) {
        auto eq = kv.find('=');
        if (eq == std::string::npos || kv.find('.') > eq)
            return core::fail("", "", "--option " + kv + ": expected FORMAT.NAME=VALUE");
        o.formatOptions[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    return o;
}

// The formats `bodem import` reads, with their options (bodem import --formats).
inline std::string formatsText() {
    std::string out;
    for (const auto& f : io::sourceFormats()) {
        out += f.name + "  " + f.description + "\n";
        std::string ext;
        for (const auto& e : f.extensions) ext += (ext.empty() ? "" : ", ") + e;
        std::string caps;
        for (const auto& c : f.capabilities) caps += (caps.empty() ? "" : ", ") + c;
        out += "    extensions: " + (ext.empty() ? std::string("any GDAL vector source") : ext) +
               "\n    capabilities: " + caps + "\n";
        for (const auto& o : f.options)
            out += "    --option " + f.name + "." + o.name + "=" +
                   (o.type == io::FormatOption::Type::Number ? "NUMBER" : "TEXT") + "  " +
                   o.description +
                   (o.defaultValue.empty() ? "" : " (default " + o.defaultValue + ")") +
                   (o.ruleKey.empty() ? "" : " [rule set: " + o.ruleKey + "]") + "\n";
    }
    return out;
}

using Runner = std::function<int()>;

// The project's ground level, GHG and GLG (a constant ground where the project has one, else its
// rasters); what cannot be read is said on stderr under `command` and left unavailable.
struct ProjectLevels {
    model::GroundLevel ground, ghg, glg;
};
ProjectLevels projectLevels(const model::Dataset& ds, const char* command);

Runner registerSample(CLI::App& app);
Runner registerInfo(CLI::App& app);
Runner registerImport(CLI::App& app);
Runner registerClash(CLI::App& app);
Runner registerReview(CLI::App& app);
Runner registerGround(CLI::App& app);
Runner registerBench(CLI::App& app);
Runner registerProfile(CLI::App& app);
Runner registerSection(CLI::App& app);
Runner registerSpace(CLI::App& app);
Runner registerSoil(CLI::App& app);
Runner registerPlan(CLI::App& app);
Runner registerOmgeving(CLI::App& app);

}  // namespace bz::tools
