// `bodem bench soil`: the viewer's soil layers built on blocks of the sizes the soil issue names:
// GeoTOP voxels on a 100 x 100 x 300 block, a contamination surface on a 200 x 200 x 100 grid.
#include <bodemzicht/model/MemoryField.h>
#include <bodemzicht/render/SceneRenderer.h>

#include <bodemzicht/io/VoxelGrid.h>
#include <bodemzicht/soil/Excavation.h>

#include <netcdf.h>

#include <algorithm>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "ReportPictures.h"

namespace bz::tools {

namespace {

// A grid in memory from (155000, 463000, -30) of `cell`, value f(i, j, k).
std::shared_ptr<model::MemoryField> benchGrid(int nx, int ny, int nz, core::Vec3 cell,
                                              std::string variable, bool categorical,
                                              const std::function<double(int, int, int)>& f) {
    model::GridGeometry g;
    g.origin = {155000, 463000, -30};
    g.cellSize = cell;
    g.nx = nx, g.ny = ny, g.nz = nz;
    g.hasZ = true;
    auto grid = std::make_shared<model::MemoryField>(
        model::FieldKind::Grid3d, g,
        std::vector<model::FieldVariable>{{std::move(variable), categorical, "", ""}},
        "bench grid");
    grid->fill(0, f);
    return grid;
}

// A GeoTOP block as TNO serves it: x, y, z with z fastest, 100 m x 100 m x 0.5 m, shorts for
// lithok, strat and kans_1..kans_9, fill -127, EPSG 7415 on the coordinates.
bool writeGeotopBlock(const std::string& path, int nx, int ny, int nz) {
    int nc = 0, dx, dy, dz, vx, vy, vz;
    if (nc_create(path.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc) != NC_NOERR) return false;
    int st = nc_def_dim(nc, "x", nx, &dx);
    if (!st) st = nc_def_dim(nc, "y", ny, &dy);
    if (!st) st = nc_def_dim(nc, "z", nz, &dz);
    if (!st) st = nc_def_var(nc, "x", NC_DOUBLE, 1, &dx, &vx);
    if (!st) st = nc_def_var(nc, "y", NC_DOUBLE, 1, &dy, &vy);
    if (!st) st = nc_def_var(nc, "z", NC_DOUBLE, 1, &dz, &vz);
    if (!st) st = nc_put_att_text(nc, vx, "epsg", 4, "7415");
    if (!st) st = nc_put_att_text(nc, NC_GLOBAL, "title", 12, "geotop v01r6");
    std::vector<std::string> names = {"lithok", "strat"};
    for (int c = 1; c <= 9; ++c) names.push_back("kans_" + std::to_string(c));
    const int dims[3] = {dx, dy, dz};
    const short fill = -127;
    std::vector<int> ids(names.size());
    for (std::size_t v = 0; v < names.size(); ++v) {
        if (!st) st = nc_def_var(nc, names[v].c_str(), NC_SHORT, 3, dims, &ids[v]);
        if (!st) st = nc_put_att_short(nc, ids[v], "_FillValue", NC_SHORT, 1, &fill);
    }
    if (!st) st = nc_enddef(nc);
    std::vector<double> xs(nx), ys(ny), zs(nz);
    for (int i = 0; i < nx; ++i) xs[i] = 155050 + 100.0 * i;
    for (int j = 0; j < ny; ++j) ys[j] = 463050 + 100.0 * j;
    for (int k = 0; k < nz; ++k) zs[k] = -30 + 0.5 * k + 0.25;
    if (!st) st = nc_put_var_double(nc, vx, xs.data());
    if (!st) st = nc_put_var_double(nc, vy, ys.data());
    if (!st) st = nc_put_var_double(nc, vz, zs.data());
    std::vector<short> values(static_cast<std::size_t>(nx) * ny * nz);
    for (std::size_t v = 0; v < names.size() && !st; ++v) {
        for (std::size_t n = 0; n < values.size(); ++n) {
            const int k = static_cast<int>(n % nz);
            values[n] = zs[k] > 0 ? fill
                        : v == 0  ? static_cast<short>(zs[k] > -3 ? 2 : 5)
                        : v == 1  ? static_cast<short>(zs[k] > -3 ? 2000 : 3100)
                                  : static_cast<short>((n + v) % 100);
        }
        st = nc_put_var_short(nc, ids[v], values.data());
    }
    const int closed = nc_close(nc);
    return !st && closed == NC_NOERR;
}

}  // namespace

int benchSoil() {
    render::RenderOptions o;
    // GeoTOP-like: layers of clay, peat and sand undulating across the block, air above 0 m.
    o.soil = benchGrid(100, 100, 300, core::Vec3{100, 100, 0.5}, "lithok", true,
                       [](int i, int j, int k) {
                           const double z = -30 + (k + 0.5) * 0.5;
                           const double w = 3 * std::sin(i * 0.2) * std::cos(j * 0.15);
                           if (z > 0) return static_cast<double>(NAN);
                           if (z > -3 + w) return 2.0;
                           if (z > -6 + w) return 1.0;
                           return z > -20 ? 5.0 : 7.0;
                       });
    auto plume =
        benchGrid(200, 200, 100, core::Vec3{1, 1, 0.1}, "lood", false, [](int i, int j, int k) {
            const double dx = i - 100, dy = j - 90, dz = (k - 50) * 0.5;
            return 1400 * std::exp(-(dx * dx + dy * dy * 1.5 + dz * dz) / (2 * 35.0 * 35.0));
        });
    o.contamination.push_back({"lood", plume, 0, 530, {150, 40, 150}});
    std::printf("%-34s %10s %12s %10s\n", "layer", "cells", "built (ms)", "faces");
    for (int run = 0; run < 3; ++run) {
        const auto built = render::buildSoilLayers(o);
        std::printf("%-34s %10d %12.0f %10zu\n", "GeoTOP voxels 100x100x300", 3000000,
                    built.voxelsMs, built.voxelFaces);
        std::printf("%-34s %10d %12.0f %10zu\n", "isosurface 200x200x100 (530)", 4000000,
                    built.surfacesMs, built.surfaceTriangles);
    }
    // Read from netCDF: the block in GeoTOP's own layout, opened as the viewer and clash do.
    {
        const auto path =
            (std::filesystem::temp_directory_path() / "bodem-bench-geotop.nc").string();
        if (!writeGeotopBlock(path, 100, 100, 300)) {
            std::printf("cannot write %s\n", path.c_str());
            return 1;
        }
        for (int run = 0; run < 3; ++run) {
            // Opened, then every voxel's lithoclass and unit read (variables load when first
            // asked for), as drawing the block does.
            const auto t0 = std::chrono::steady_clock::now();
            auto grid = io::VoxelGrid::open(path);
            if (!grid) {
                std::printf("%s\n", grid.error().toString().c_str());
                return 1;
            }
            double sum = 0;
            for (const char* name : {"lithok", "strat"}) {
                const auto v = grid->variable(name);
                for (int k = 0; k < 300; ++k)
                    for (int j = 0; j < 100; ++j)
                        for (int i = 0; i < 100; ++i) {
                            const double x = grid->cellValue(*v, i, j, k);
                            if (!std::isnan(x)) sum += x;
                        }
            }
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count();
            std::printf("%-34s %10d %12.0f %10zu variables (checksum %.0f)\n",
                        "GeoTOP netCDF 100x100x300 read", 3000000, ms, grid->variables().size(),
                        sum);
        }
        std::filesystem::remove(path);
    }
    // A 1 km trench (0.6 m wide, 1.2 m deep, four bends) through a contamination grid of
    // 1 m x 1 m x 0.25 m cells: the excavation pass's volume per substance.
    {
        auto lead = benchGrid(1100, 120, 40, core::Vec3{1, 1, 0.25}, "lood", false,
                              [](int i, int j, int k) { return (i * 7 + j * 3 + k) % 1000; });
        std::vector<core::Vec2> route;
        for (int n = 0; n <= 5; ++n)
            route.push_back({155020 + 200.0 * n, 463020 + (n % 2 ? 60.0 : 20.0)});
        double length = 0;
        for (std::size_t n = 1; n < route.size(); ++n)
            length += core::length(route[n] - route[n - 1]);
        const auto footprint = soil::lineFootprint(route, 0.6);
        for (int run = 0; run < 3; ++run) {
            const auto t0 = std::chrono::steady_clock::now();
            const auto dug = soil::excavate(
                *lead, 0, footprint, -21.2, [](double, double) { return -20.0; }, 530);
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count();
            std::printf("%-34s %10d %12.1f %7.0f m3 dug, %.0f m3 above 530 (%.0f m)\n",
                        "excavation of a 1 km trench", 5280000, ms, dug.excavatedM3, dug.aboveM3,
                        length);
        }
    }
    // Drawn: an orbit around the block with the voxels shown (needs a display: xvfb-run on a
    // server, where Mesa's llvmpipe draws on the CPU).
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "bench";
    m.theme = "laagspanning";
    m.type = model::ObjectType::Cable;
    ds.addLinear(m, {{155000, 463000, -1}, {165000, 473000, -1}},
                 std::vector<model::VertexDepth>(2, {model::DepthProvenance::Measured, 0.1f}),
                 0.05f);
    o.showSoil = true;
    o.width = 1280, o.height = 720;
    for (auto quality : {render::FrameQuality::Still, render::FrameQuality::Moving}) {
        auto times = render::benchmarkOrbit(ds, model::GroundLevel(), o, 30, quality, true);
        if (!times) {
            std::printf("voxels drawn: %s\n", times.error().toString().c_str());
            return 0;
        }
        std::vector<double> t = *times;
        std::sort(t.begin(), t.end());
        double mean = 0;
        for (double x : t) mean += x / static_cast<double>(t.size());
        std::printf(
            "GeoTOP voxels 100x100x300 drawn, %s frames 1280x720: mean %.1f ms, median "
            "%.1f ms (%.0f frames/s)\n",
            quality == render::FrameQuality::Still ? "still" : "moving", mean, t[t.size() / 2],
            1000.0 / t[t.size() / 2]);
    }
    return 0;
}

}  // namespace bz::tools
