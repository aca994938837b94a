// The ground's simplified mesh against brute force on random height fields with holes: every
// known grid point lies within the error asked for, points inside known cells are covered by
// exactly one triangle (no cracks, no overlaps), and no triangle covers an unknown point.
#include <bodemzicht/geom/HeightFieldMesh.h>

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace bz::geom;

namespace {

struct Grid {
    std::vector<double> h;
    int nx, ny, block;
    double at(int i, int j) const { return h[static_cast<std::size_t>(j) * nx + i]; }
};

// Waves, noise of `rough`, and round holes of unknown height.
Grid randomGrid(std::mt19937& rng, int blocksX, int blocksY, int block, double rough, int holes) {
    std::uniform_real_distribution<double> u(0, 1);
    Grid g{{}, blocksX * block + 1, blocksY * block + 1, block};
    double fx = 0.05 + 0.3 * u(rng), fy = 0.05 + 0.3 * u(rng), amp = 2 * u(rng);
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i)
            g.h.push_back(amp * std::sin(fx * i) * std::cos(fy * j) + rough * (u(rng) - 0.5));
    for (int k = 0; k < holes; ++k) {
        double cx = u(rng) * g.nx, cy = u(rng) * g.ny, r = 0.5 + 3 * u(rng);
        for (int j = 0; j < g.ny; ++j)
            for (int i = 0; i < g.nx; ++i)
                if (std::hypot(i - cx, j - cy) < r)
                    g.h[static_cast<std::size_t>(j) * g.nx + i] = NAN;
    }
    return g;
}

struct Located {
    int count = 0;
    double z = NAN;
};

// Every triangle tested: how many contain (x, y) and the mesh height there.
Located locate(const Grid& g, const HeightFieldMesh::Mesh& m, double x, double y, double eps) {
    Located out;
    for (const auto& t : m.triangles) {
        double px[3], py[3], pz[3];
        for (int k = 0; k < 3; ++k) {
            auto gi = m.vertices[t[static_cast<std::size_t>(k)]];
            px[k] = gi % g.nx, py[k] = gi / g.nx, pz[k] = g.h[gi];
        }
        double d = (py[1] - py[2]) * (px[0] - px[2]) + (px[2] - px[1]) * (py[0] - py[2]);
        double a = ((py[1] - py[2]) * (x - px[2]) + (px[2] - px[1]) * (y - py[2])) / d;
        double b = ((py[2] - py[0]) * (x - px[2]) + (px[0] - px[2]) * (y - py[2])) / d;
        double c = 1 - a - b;
        if (a < eps || b < eps || c < eps) continue;
        ++out.count;
        out.z = a * pz[0] + b * pz[1] + c * pz[2];
    }
    return out;
}

void expectValid(const Grid& g, const HeightFieldMesh::Mesh& m, double maxError,
                 std::mt19937& rng) {
    // No triangle has an unknown corner.
    for (const auto& t : m.triangles)
        for (auto v : t) ASSERT_FALSE(std::isnan(g.h[m.vertices[v]]));
    // Known grid points of fully known cells: covered, within the error.
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            bool inKnownCell = false;
            for (int dj = -1; dj <= 0; ++dj)
                for (int di = -1; di <= 0; ++di) {
                    int x0 = i + di, y0 = j + dj;
                    if (x0 < 0 || y0 < 0 || x0 + 1 >= g.nx || y0 + 1 >= g.ny) continue;
                    inKnownCell |= !std::isnan(g.at(x0, y0)) && !std::isnan(g.at(x0 + 1, y0)) &&
                                   !std::isnan(g.at(x0, y0 + 1)) &&
                                   !std::isnan(g.at(x0 + 1, y0 + 1));
                }
            if (!inKnownCell) continue;
            auto l = locate(g, m, i, j, -1e-9);  // edges count: grid points lie on them
            ASSERT_GE(l.count, 1) << "grid point " << i << "," << j << " is not covered";
            EXPECT_LE(std::abs(l.z - g.at(i, j)), maxError + 1e-9) << "at " << i << "," << j;
        }
    // Random points strictly inside cells: exactly one triangle in known cells; at most one in a
    // cell with an unknown corner (its known half may still be drawn).
    std::uniform_real_distribution<double> u(0.01, 0.99);
    for (int k = 0; k < 400; ++k) {
        int x0 = std::uniform_int_distribution<int>(0, g.nx - 2)(rng);
        int y0 = std::uniform_int_distribution<int>(0, g.ny - 2)(rng);
        double x = x0 + u(rng), y = y0 + u(rng);
        bool known = !std::isnan(g.at(x0, y0)) && !std::isnan(g.at(x0 + 1, y0)) &&
                     !std::isnan(g.at(x0, y0 + 1)) && !std::isnan(g.at(x0 + 1, y0 + 1));
        auto l = locate(g, m, x, y, 1e-12);
        if (known) {
            EXPECT_EQ(l.count, 1) << "at " << x << "," << y;
        } else {
            EXPECT_LE(l.count, 1) << "at " << x << "," << y;
        }
    }
    // No triangle covers an unknown grid point.
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i)
            if (std::isnan(g.at(i, j))) {
                EXPECT_EQ(locate(g, m, i, j, -1e-9).count, 0);
            }
}

}  // namespace

TEST(HeightFieldMesh, EveryKnownPointWithinTheErrorNoCracksNoOverlapsOnRandomGrids) {
    std::mt19937 rng(20261128);
    for (int trial = 0; trial < 12; ++trial) {
        int block = 1 << (trial % 5);  // 1 .. 16 cells
        int bx = 1 + trial % 3, by = 1 + (trial / 3) % 2;
        if (block == 1) bx += 4, by += 4;
        auto g = randomGrid(rng, bx, by, block, trial % 2 ? 0.2 : 0.0, trial % 4);
        HeightFieldMesh mesh(g.h, g.nx, g.ny, block);
        std::size_t previous = SIZE_MAX;
        for (double e : {0.0, 0.01, 0.1, 0.5, 5.0}) {
            SCOPED_TRACE("trial " + std::to_string(trial) + " error " + std::to_string(e));
            auto m = mesh.extract(e);
            expectValid(g, m, e, rng);
            EXPECT_LE(m.triangles.size(), previous) << "a larger error gave more triangles";
            previous = m.triangles.size();
        }
    }
}

TEST(HeightFieldMesh, APlaneNeedsTwoTrianglesPerBlock) {
    const int block = 32, n = 2 * block + 1;
    std::vector<double> h;
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) h.push_back(3.0 + 0.01 * i - 0.02 * j);
    HeightFieldMesh mesh(h, n, n, block);
    EXPECT_EQ(mesh.extract(1e-9).triangles.size(), 8u);
    EXPECT_EQ(mesh.extract(1e-9).vertices.size(), 9u);
}

TEST(HeightFieldMesh, AtMostKeepsTheCapWhereTheErrorBoundAllows) {
    std::mt19937 rng(7);
    auto gentle = randomGrid(rng, 2, 2, 16, 0.0, 0);
    HeightFieldMesh mesh(gentle.h, gentle.nx, gentle.ny, 16);
    auto capped = mesh.extractAtMost(60, 0.001, 10.0);
    EXPECT_LE(capped.triangles.size(), 60u);
    EXPECT_GT(capped.triangles.size(), 8u);  // finer than the coarsest where the cap allows
    expectValid(gentle, capped, 10.0, rng);
    // Rough: even the largest error allowed needs more triangles; the bound wins.
    auto rough = randomGrid(rng, 2, 2, 16, 6.0, 0);
    HeightFieldMesh roughMesh(rough.h, rough.nx, rough.ny, 16);
    auto bounded = roughMesh.extractAtMost(60, 0.001, 0.5);
    EXPECT_GT(bounded.triangles.size(), 60u);
    expectValid(rough, bounded, 0.5, rng);
    // Already fine enough at the smallest error: that mesh.
    EXPECT_EQ(mesh.extractAtMost(100000, 0.001, 10.0).triangles.size(),
              mesh.extract(0.001).triangles.size());
}

TEST(HeightFieldMesh, RejectsGridsThatAreNotWholeBlocks) {
    std::vector<double> h(10 * 10, 0.0);
    EXPECT_THROW(HeightFieldMesh(h, 10, 10, 4), std::invalid_argument);  // 9 cells, not 4k
    EXPECT_THROW(HeightFieldMesh(h, 10, 10, 3), std::invalid_argument);  // not a power of two
    std::vector<double> ok(9 * 9, 0.0);
    EXPECT_NO_THROW(HeightFieldMesh(ok, 9, 9, 8));
}
