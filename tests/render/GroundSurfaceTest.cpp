// The ground surface drawn from a raster (render/vtk/GroundSurface): its vertices are raster
// samples at the right local coordinates, it covers the scene's bounds, lies close to the raster
// between samples, and the moving ground keeps its triangle cap. The simplification itself is
// tested against brute force in geom/HeightFieldMeshTest.
#include <vtkCellArray.h>
#include <vtkPolyData.h>

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "../TestSupport.h"
#include <bodemzicht/io/Raster.h>

#include "render/vtk/GroundSurface.h"

using namespace bz;

namespace {

struct Triangle {
    double x[3], y[3], z[3];
};

std::vector<Triangle> triangles(vtkPolyData* pd) {
    std::vector<Triangle> out;
    auto* polys = pd->GetPolys();
    polys->InitTraversal();
    vtkIdType n = 0;
    const vtkIdType* ids = nullptr;
    while (polys->GetNextCell(n, ids)) {
        EXPECT_EQ(n, 3);
        Triangle t;
        for (int k = 0; k < 3; ++k) {
            double p[3];
            pd->GetPoint(ids[k], p);
            t.x[k] = p[0], t.y[k] = p[1], t.z[k] = p[2];
        }
        out.push_back(t);
    }
    return out;
}

// The surface's height at (x, y): the first triangle containing it in plan, NaN if none.
double heightAt(const std::vector<Triangle>& tris, double x, double y) {
    for (const auto& t : tris) {
        double d = (t.y[1] - t.y[2]) * (t.x[0] - t.x[2]) + (t.x[2] - t.x[1]) * (t.y[0] - t.y[2]);
        if (std::abs(d) < 1e-12) continue;
        double a = ((t.y[1] - t.y[2]) * (x - t.x[2]) + (t.x[2] - t.x[1]) * (y - t.y[2])) / d;
        double b = ((t.y[2] - t.y[0]) * (x - t.x[2]) + (t.x[0] - t.x[2]) * (y - t.y[2])) / d;
        double c = 1 - a - b;
        const double eps = 1e-9;
        if (a >= -eps && b >= -eps && c >= -eps) return a * t.z[0] + b * t.z[1] + c * t.z[2];
    }
    return NAN;
}

double planArea(const std::vector<Triangle>& tris) {
    double area = 0;
    for (const auto& t : tris)
        area += std::abs((t.x[1] - t.x[0]) * (t.y[2] - t.y[0]) -
                         (t.x[2] - t.x[0]) * (t.y[1] - t.y[0])) /
                2;
    return area;
}

// A 60 x 60 m ground-level raster at RD coordinates: gentle random waves plus noise of `rough` m.
model::GroundLevel randomGround(const test::ScratchDir& dir, unsigned seed, double rough) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    const int n = 60;
    double ax = 0.5 + u(rng), ay = 0.5 + u(rng), px = 6 * u(rng), py = 6 * u(rng);
    std::vector<float> values;
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i)
            values.push_back(static_cast<float>(1.0 + 0.4 * std::sin(i * ax / 8 + px) +
                                                0.3 * std::cos(j * ay / 8 + py) +
                                                rough * (u(rng) - 0.5)));
    std::string path = dir.file("ground" + std::to_string(seed) + ".tif");
    EXPECT_TRUE(io::Raster::writeGeoTiff(path, 155000, 463060, 1.0, n, n, values, -9999));
    auto raster = io::Raster::open(path);
    EXPECT_TRUE(raster);
    return model::GroundLevel(std::move(*raster));
}

}  // namespace

// The wrapper around geom::HeightFieldMesh (tested against brute force in geom_tests): its
// vertices are raster samples at the right places relative to the origin, it covers the bounds,
// stays within its bound between them, and the moving ground keeps its cap.
TEST(GroundSurface, VerticesAreRasterSamplesAndTheSurfaceCoversTheBounds) {
    test::ScratchDir dir("ground_surface");
    const core::Bounds3 bounds{{155000, 463000, 0}, {155060, 463040, 2}};
    const core::Vec3 origin{155030, 463030, 0.5};
    for (unsigned seed = 1; seed <= 3; ++seed) {
        auto ground = randomGround(dir, seed, seed == 3 ? 2.0 : 0.01);
        render::detail::GroundSurface surface(ground, bounds, origin);
        ASSERT_FALSE(surface.empty());
        for (auto pd : {surface.surface(0.02), surface.surfaceAtMost(300, 0.02, 0.5)}) {
            double b[6];
            pd->GetBounds(b);
            EXPECT_NEAR(b[0], -30, 1e-3);
            EXPECT_NEAR(b[1], 30, 1e-3);
            EXPECT_NEAR(b[2], -30, 1e-3);
            EXPECT_NEAR(b[3], 10, 1e-3);
            EXPECT_NEAR(planArea(triangles(pd)), 60.0 * 40.0, 1e-3);
            for (vtkIdType i = 0; i < pd->GetNumberOfPoints(); ++i) {
                double p[3];
                pd->GetPoint(i, p);
                EXPECT_NEAR(p[2] + origin.z, ground.at(p[0] + origin.x, p[1] + origin.y), 1e-4);
            }
        }
        auto still = surface.surface(0.02);
        auto moving = surface.surfaceAtMost(300, 0.02, 0.5);
        EXPECT_LE(moving->GetNumberOfCells(), still->GetNumberOfCells());
        if (seed < 3) {
            EXPECT_LE(moving->GetNumberOfCells(), 300) << "gentle ground: capped";
        }
        // Between the samples the raster is bilinear, the surface linear: a few cm on this ground.
        auto tris = triangles(still);
        std::mt19937 rng(seed);
        std::uniform_real_distribution<double> ux(155001, 155059), uy(463001, 463039);
        for (int k = 0; k < 200 && seed < 3; ++k) {
            double x = ux(rng), y = uy(rng);
            EXPECT_NEAR(heightAt(tris, x - origin.x, y - origin.y) + origin.z, ground.at(x, y),
                        0.06);
        }
    }
    model::GroundLevel none;
    EXPECT_TRUE(render::detail::GroundSurface(none, bounds, origin).empty());
}
