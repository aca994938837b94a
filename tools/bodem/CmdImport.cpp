#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/io/GenericImporter.h>
#include <bodemzicht/io/ProjectImport.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "Commands.h"

namespace bz::tools {

Runner registerImport(CLI::App& app) {
    struct Args {
        std::vector<std::string> sources;
        std::string into;
        double groundLevel = NAN;
        std::string groundRaster, crs;
        bool append = false, strict = false;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand(
        "import", "Import GDAL vector sources in the generic schema into a project");
    cmd->add_option(
           "SOURCE", a->sources,
           "GeoPackage, GeoJSON, Shapefile, FlatGeobuf, CSV with WKT, ... or another project")
        ->required();
    cmd->add_option("--into", a->into, "Project GeoPackage to write")->required();
    cmd->add_option("--ground-level", a->groundLevel,
                    "Constant ground level (m NAP) for 2D features with depth_m");
    cmd->add_option("--ground-raster", a->groundRaster,
                    "Ground-level raster (GeoTIFF, RD New) for 2D features");
    cmd->add_option("--crs", a->crs,
                    "CRS of layers that have none (e.g. CSV): EPSG:28992, EPSG:4326, ...");
    cmd->add_flag("--append", a->append,
                  "Keep the project's other sources; a source already in it is replaced");
    cmd->add_flag("--strict", a->strict,
                  "Any skipped feature is an error (exit 2) and nothing is written");
    return [a] {
        io::GenericImportOptions options;
        auto ground = io::groundFromOptions(a->groundRaster, a->groundLevel);
        if (!ground) {
            std::fprintf(stderr, "bodem import: %s\n", ground.error().toString().c_str());
            return 1;
        }
        options.groundLevel = std::move(*ground);
        if (!a->crs.empty()) options.sourceCrs = a->crs;
        io::ImportRequest request;
        request.sources = a->sources;
        request.options = sourceOptions(options.groundLevel, a->crs, clash::RuleSet::dutchDefault());
        request.append = a->append;
        request.strict = a->strict;
        io::ImportReport report;
        auto outcome = io::importIntoProject(a->into, request, report);
        std::printf("ground level: %s\n%s", options.groundLevel.describe().c_str(),
                    report.summary(100).c_str());
        if (!outcome) {
            std::fprintf(stderr, "bodem import: %s\n", outcome.error().toString().c_str());
            return a->strict && report.skipped() ? 2 : 1;
        }
        for (const auto& c : outcome->changes)
            std::printf("%s: %zu added, %zu removed, %zu changed, %zu unchanged\n", c.key.c_str(),
                        c.added, c.removed, c.changed, c.unchanged);
        std::printf("wrote %zu features to %s\n", outcome->features, a->into.c_str());
        return 0;
    };
}

}  // namespace bz::tools
