// `bodem bench soil`: the viewer's soil layers built on blocks of the sizes the soil issue names:
// GeoTOP voxels on a 100 x 100 x 300 block, a contamination surface on a 200 x 200 x 100 grid.
#include <bodemzicht/model/MemoryField.h>
#include <bodemzicht/render/SceneRenderer.h>

#include <algorithm>

#include <chrono>
#include <cmath>
#include <cstdio>
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
