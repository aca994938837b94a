#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/io/GenericImporter.h>
#include <bodemzicht/io/ProjectStore.h>

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
        bool append = false;
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
    cmd->add_flag("--append", a->append, "Add to the features already in the project");
    return [a] {
        io::GenericImportOptions options;
        if (!a->groundRaster.empty()) {
            auto r = io::Raster::open(a->groundRaster);
            if (!r) {
                std::fprintf(stderr, "bodem import: %s\n", r.error().toString().c_str());
                return 1;
            }
            options.groundLevel = io::GroundLevel(std::move(*r));
        } else if (!std::isnan(a->groundLevel)) {
            options.groundLevel = io::GroundLevel(a->groundLevel);
        }
        if (!a->crs.empty()) options.sourceCrs = a->crs;
        model::Dataset ds;
        io::ImportReport report;
        if (a->append && std::filesystem::exists(a->into)) {
            auto existing = io::readProject(a->into, report);
            if (!existing) {
                std::fprintf(stderr, "bodem import: %s\n", existing.error().toString().c_str());
                return 1;
            }
            ds = std::move(*existing);
        }
        int failedSources = 0;
        auto sources = sourceOptions(options.groundLevel, a->crs, clash::RuleSet::dutchDefault());
        for (const auto& src : a->sources) {
            // Another Bodemzicht project (or its layers in PostGIS) merges as is.
            auto ok = io::readSource(src, sources, ds, report);
            if (!ok) {
                std::fprintf(stderr, "bodem import: %s\n", ok.error().toString().c_str());
                ++failedSources;
            }
        }
        std::printf("ground level: %s\n%s", options.groundLevel.describe().c_str(),
                    report.summary(100).c_str());
        if (auto ok = io::writeProject(ds, a->into); !ok) {
            std::fprintf(stderr, "bodem import: %s\n", ok.error().toString().c_str());
            return 1;
        }
        std::printf("wrote %zu features to %s\n", ds.features.size(), a->into.c_str());
        return failedSources ? 2 : 0;
    };
}

}  // namespace bz::tools
