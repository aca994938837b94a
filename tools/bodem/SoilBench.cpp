// `bodem bench soil`: the viewer's soil layers built on blocks of the sizes the soil issue names:
// GeoTOP voxels on a 100 x 100 x 300 block, a contamination surface on a 200 x 200 x 100 grid.
#include <bodemzicht/render/SceneRenderer.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>

#include "ReportPictures.h"

namespace bz::tools {

namespace {

// A grid in memory: cells of `cell`, value f(i, j, k).
class BenchGrid final : public model::Field {
  public:
    BenchGrid(int nx, int ny, int nz, core::Vec3 cell, std::string variable, bool categorical,
              std::function<double(int, int, int)> f)
        : mF(std::move(f)) {
        mGrid.origin = {155000, 463000, -30};
        mGrid.cellSize = cell;
        mGrid.nx = nx, mGrid.ny = ny, mGrid.nz = nz;
        mGrid.hasZ = true;
        mVars.push_back({std::move(variable), categorical, "", ""});
    }
    model::FieldKind kind() const override { return model::FieldKind::Grid3d; }
    const model::GridGeometry& grid() const override { return mGrid; }
    const std::vector<model::FieldVariable>& variables() const override { return mVars; }
    std::string describe() const override { return "bench grid"; }
    double cellValue(std::size_t, int i, int j, int k) const override { return mF(i, j, k); }

  private:
    model::GridGeometry mGrid;
    std::vector<model::FieldVariable> mVars;
    std::function<double(int, int, int)> mF;
};

}  // namespace

int benchSoil() {
    render::RenderOptions o;
    // GeoTOP-like: layers of clay, peat and sand undulating across the block, air above 0 m.
    o.soil = std::make_shared<BenchGrid>(
        100, 100, 300, core::Vec3{100, 100, 0.5}, "lithok", true, [](int i, int j, int k) {
            const double z = -30 + (k + 0.5) * 0.5;
            const double w = 3 * std::sin(i * 0.2) * std::cos(j * 0.15);
            if (z > 0) return static_cast<double>(NAN);
            if (z > -3 + w) return 2.0;
            if (z > -6 + w) return 1.0;
            return z > -20 ? 5.0 : 7.0;
        });
    auto plume = std::make_shared<BenchGrid>(
        200, 200, 100, core::Vec3{1, 1, 0.1}, "lood", false, [](int i, int j, int k) {
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
    return 0;
}

}  // namespace bz::tools
