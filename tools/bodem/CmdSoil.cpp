#include <bodemzicht/core/Parse.h>
#include <bodemzicht/io/BasemapStore.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/Table.h>
#include <bodemzicht/io/VoxelGrid.h>
#include <bodemzicht/soil/Geotop.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "Commands.h"

namespace bz::tools {

namespace {

// The GeoTOP grid of SOURCE: a netCDF file, or a project holding a 3D grid with `lithok`; and the
// project's ground where there is one.
struct Soil {
    std::shared_ptr<const model::Field> grid;
    model::GroundLevel ground;
};

core::Result<Soil> openSoil(const std::string& source) {
    Soil s;
    const auto ext = std::filesystem::path(source).extension().string();
    if (ext == ".nc" || ext == ".nc4" || ext == ".netcdf") {
        auto g = io::VoxelGrid::open(source);
        if (!g) return std::unexpected(g.error());
        s.grid = std::make_shared<const io::VoxelGrid>(std::move(*g));
        return s;
    }
    io::ImportReport report;
    auto ds = io::readProject(source, report);
    if (!ds) return std::unexpected(ds.error());
    for (const auto& f : ds->fields) {
        if (f.kind != model::FieldKind::Grid3d) continue;
        auto field = io::openField(f);
        if (!field) return std::unexpected(field.error());
        if (!(*field)->variable("lithok")) continue;
        s.grid = *field;
        break;
    }
    if (!s.grid)
        return core::fail(source, "",
                          "the project holds no GeoTOP grid (a 3D field with 'lithok')");
    s.ground = projectLevels(*ds, "bodem soil").ground;
    return s;
}

std::string unitName(const soil::UnitTable* units, int code) {
    if (code < 0) return "";
    if (units)
        if (auto it = units->units.find(code); it != units->units.end())
            return it->second.first + " " + it->second.second;
    return std::to_string(code);
}

}  // namespace

Runner registerSoil(CLI::App& app) {
    struct Args {
        std::string source, at, along, csv;
        std::vector<std::string> units;
        double width = 0.6, depth = 1.2;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand(
        "soil",
        "The soil from BRO GeoTOP: a virtual borehole at a point, or what a trench "
        "along a route digs through per lithoclass");
    cmd->add_option("SOURCE", a->source, "GeoTOP netCDF file, or a project holding one")
        ->required();
    cmd->add_option("--at", a->at, "X,Y in RD New: one row per voxel from the top down");
    cmd->add_option("--along", a->along,
                    "A route (GeoJSON, GeoPackage, ...): lengths and volumes per lithoclass");
    cmd->add_option("--width", a->width, "With --along: the trench's width (m)");
    cmd->add_option("--depth", a->depth, "With --along: the trench's depth below the ground (m)");
    cmd->add_option("--csv", a->csv, "Write the rows as CSV");
    cmd->add_option("--units", a->units,
                    "TNO's stratigraphic unit table (REF_GTP_STR_UNIT.csv) for the units' names, "
                    "as [VERSION=]FILE (VERSION: the GeoTOP version it belongs to, 1.6 or "
                    "1.6.1); repeatable, the grid's own version's table is used");
    return [a] {
        if (a->at.empty() == a->along.empty()) {
            std::fprintf(stderr, "bodem soil: give --at X,Y or --along ROUTE\n");
            return 1;
        }
        auto soilSource = openSoil(a->source);
        if (!soilSource) {
            std::fprintf(stderr, "bodem soil: %s\n", soilSource.error().toString().c_str());
            return 1;
        }
        soil::UnitTables tables;
        for (const auto& spec : a->units)
            if (auto ok = tables.add(spec); !ok) {
                std::fprintf(stderr, "bodem soil: %s\n", ok.error().toString().c_str());
                return 1;
            }
        const auto& grid = *soilSource->grid;
        std::string version;
        if (const auto* voxel = dynamic_cast<const io::VoxelGrid*>(&grid);
            voxel && !voxel->modelVersion().empty()) {
            version = soil::geotopVersion(voxel->modelVersion());
            std::printf("model: %s%s\n", voxel->modelVersion().c_str(),
                        version.empty() ? "" : (" (GeoTOP " + version + ")").c_str());
        }
        const soil::UnitTable* units = nullptr;
        if (!tables.empty()) {
            std::string warning;
            auto table = tables.forVersion(version, a->source, warning);
            if (!table) {
                std::fprintf(stderr, "bodem soil: %s\n", table.error().toString().c_str());
                return 1;
            }
            if (!warning.empty()) std::printf("warning: %s\n", warning.c_str());
            units = *table;
        }
        if (!a->at.empty()) {
            const auto comma = a->at.find(',');
            auto x = comma == std::string::npos ? std::nullopt
                                                : core::parseNumber(a->at.substr(0, comma));
            auto y = comma == std::string::npos ? std::nullopt
                                                : core::parseNumber(a->at.substr(comma + 1));
            if (!x || !y) {
                std::fprintf(stderr, "bodem soil: --at is X,Y in RD New (e.g. 140000,455500)\n");
                return 1;
            }
            auto rows = soil::virtualBorehole(grid, *x, *y);
            if (!rows) {
                std::fprintf(stderr, "bodem soil: %s\n", rows.error().toString().c_str());
                return 1;
            }
            io::Table t;
            using io::ColumnType;
            t.columns = {{"z_nap_m", ColumnType::Real, 2},
                         {"lithoclass", ColumnType::Integer},
                         {"lithoclass_name"},
                         {"unit"}};
            for (int c = 1; c <= 9; ++c)
                t.columns.push_back({"kans_" + std::to_string(c), ColumnType::Integer});
            std::printf("%8s %4s %-34s %-28s %s\n", "z_nap", "lk", "lithoclass", "unit",
                        "kans_1..9 (%)");
            for (const auto& r : *rows) {
                const auto* lc = soil::lithoclass(r.lithoclass);
                const std::string name = r.lithoclass < 0 ? "no data"
                                         : lc             ? std::string(lc->name)
                                                          : "unknown code";
                std::vector<io::Cell> cells{r.zCentre, std::int64_t(r.lithoclass), name,
                                            unitName(units, r.unit)};
                std::string probs;
                for (int c = 0; c < 9; ++c) {
                    const int p = r.probabilities ? (*r.probabilities)[c] : -1;
                    cells.push_back(p < 0 ? io::Cell{} : io::Cell{std::int64_t(p)});
                    probs += (c ? " " : "") + (p < 0 ? std::string("-") : std::to_string(p));
                }
                t.addRow(std::move(cells));
                std::printf("%8.2f %4d %-34s %-28s %s\n", r.zCentre, r.lithoclass, name.c_str(),
                            unitName(units, r.unit).c_str(), r.probabilities ? probs.c_str() : "");
            }
            if (!a->csv.empty()) {
                if (auto ok = io::writeTableFile(a->csv, io::TableFormat::Csv, t, "borehole");
                    !ok) {
                    std::fprintf(stderr, "bodem soil: %s\n", ok.error().toString().c_str());
                    return 1;
                }
                std::printf("wrote %s\n", a->csv.c_str());
            }
            return 0;
        }
        auto route = io::readBasemapSource(a->along, std::nullopt);
        if (!route) {
            std::fprintf(stderr, "bodem soil: %s\n", route.error().toString().c_str());
            return 1;
        }
        if (!(a->width > 0 && a->depth > 0 && a->width < 50 && a->depth < 50)) {
            std::fprintf(stderr,
                         "bodem soil: --width and --depth must be positive metres (below 50)\n");
            return 1;
        }
        const auto& ground = soilSource->ground;
        auto result = soil::trenchSoil(
            grid, route->lines.front().points, a->width, a->depth,
            [&](double x, double y) { return ground.available() ? ground.at(x, y) : NAN; });
        std::printf(
            "trench %.2f m wide, %.2f m deep below %s, along %.1f m (%.1f m outside the grid): "
            "%.2f m3\n",
            a->width, a->depth,
            ground.available() ? "the project's ground" : "the top of the model's data",
            result.routeLengthM, result.outsideM, result.totalM3);
        io::Table t;
        using io::ColumnType;
        t.columns = {{"lithoclass", ColumnType::Integer},
                     {"lithoclass_name"},
                     {"length_m", ColumnType::Real, 2},
                     {"volume_m3", ColumnType::Real, 2},
                     {"share", ColumnType::Real, 3}};
        for (const auto& [cls, volume] : result.volumeM3) {
            const auto* lc = soil::lithoclass(cls);
            const std::string name = cls < 0 ? "no data"
                                     : lc    ? std::string(lc->name)
                                             : "unknown code";
            const double share = result.totalM3 > 0 ? volume / result.totalM3 : 0;
            std::printf("  %2d %-34s %8.2f m %9.2f m3 %5.1f %%\n", cls, name.c_str(),
                        result.lengthM[cls], volume, 100 * share);
            t.addRow({std::int64_t(cls), name, result.lengthM[cls], volume, share});
        }
        if (!a->csv.empty()) {
            if (auto ok = io::writeTableFile(a->csv, io::TableFormat::Csv, t, "trench"); !ok) {
                std::fprintf(stderr, "bodem soil: %s\n", ok.error().toString().c_str());
                return 1;
            }
            std::printf("wrote %s\n", a->csv.c_str());
        }
        return 0;
    };
}

}  // namespace bz::tools
