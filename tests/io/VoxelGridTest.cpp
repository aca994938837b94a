// 3D grids from netCDF (io::VoxelGrid): the dimension order and the coordinates come from the
// file, fill values are no data, values read back at known cells; the exact pieces along a line
// match brute-force sampling; the real BRO GeoTOP sample reads as netCDF itself says.
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/VoxelGrid.h>

#include <gtest/gtest.h>
#include <netcdf.h>

#include <cmath>
#include <random>

#include "../TestSupport.h"

using namespace bz;

namespace {

#define NC_OK(call) ASSERT_EQ((call), NC_NOERR) << #call

// A grid stored z, y, x (x fastest) with y running north to south, unlike GeoTOP: a reader that
// assumed GeoTOP's order would put every value in the wrong cell. Cell (i, j, k) holds
// 100 i + 10 j + k; value -99 is the fill value; `prob` is a float variable.
void writeGrid(const std::string& path) {
    int nc, dz, dy, dx, vz, vy, vx, vcode, vprob;
    NC_OK(nc_create(path.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc));
    NC_OK(nc_def_dim(nc, "z", 4, &dz));
    NC_OK(nc_def_dim(nc, "y", 3, &dy));
    NC_OK(nc_def_dim(nc, "x", 5, &dx));
    NC_OK(nc_def_var(nc, "z", NC_FLOAT, 1, &dz, &vz));
    NC_OK(nc_def_var(nc, "y", NC_DOUBLE, 1, &dy, &vy));
    NC_OK(nc_def_var(nc, "x", NC_DOUBLE, 1, &dx, &vx));
    NC_OK(nc_put_att_text(nc, vy, "epsg", 5, "28992"));
    int dims[3] = {dz, dy, dx};
    NC_OK(nc_def_var(nc, "code", NC_SHORT, 3, dims, &vcode));
    short fill = -99;
    NC_OK(nc_put_att_short(nc, vcode, "_FillValue", NC_SHORT, 1, &fill));
    NC_OK(nc_put_att_text(nc, vcode, "long_name", 4, "code"));
    NC_OK(nc_def_var(nc, "prob", NC_FLOAT, 3, dims, &vprob));
    NC_OK(nc_enddef(nc));
    float z[4] = {-1.75f, -1.25f, -0.75f, -0.25f};  // centres, 0.5 m layers from -2 m
    double y[3] = {463250, 463150, 463050};         // north to south, 100 m cells
    double x[5] = {155050, 155150, 155250, 155350, 155450};
    NC_OK(nc_put_var_float(nc, vz, z));
    NC_OK(nc_put_var_double(nc, vy, y));
    NC_OK(nc_put_var_double(nc, vx, x));
    std::vector<short> code(4 * 3 * 5);
    std::vector<float> prob(code.size());
    for (int k = 0; k < 4; ++k)
        for (int fy = 0; fy < 3; ++fy)
            for (int i = 0; i < 5; ++i) {
                const int j = 2 - fy;  // file row fy is the grid's row j from the south
                const std::size_t at = (static_cast<std::size_t>(k) * 3 + fy) * 5 + i;
                code[at] = static_cast<short>(100 * i + 10 * j + k);
                prob[at] = static_cast<float>(i + j + k) / 10;
            }
    code[0] = fill;  // k 0, file row 0 (j 2), i 0
    NC_OK(nc_put_var_short(nc, vcode, code.data()));
    NC_OK(nc_put_var_float(nc, vprob, prob.data()));
    NC_OK(nc_close(nc));
}

}  // namespace

TEST(VoxelGrid, TheFilesOwnDimensionOrderAndCoordinatesPlaceEveryValue) {
    test::ScratchDir dir("voxels");
    const std::string path = dir.file("grid.nc");
    writeGrid(path);
    auto g = io::VoxelGrid::open(path);
    ASSERT_TRUE(g) << g.error().toString();
    const auto& grid = g->grid();
    EXPECT_EQ(grid.nx, 5);
    EXPECT_EQ(grid.ny, 3);
    EXPECT_EQ(grid.nz, 4);
    EXPECT_DOUBLE_EQ(grid.origin.x, 155000);
    EXPECT_DOUBLE_EQ(grid.origin.y, 463000);
    EXPECT_DOUBLE_EQ(grid.origin.z, -2.0);
    EXPECT_DOUBLE_EQ(grid.cellSize.z, 0.5);
    auto code = g->variable("code"), prob = g->variable("prob");
    ASSERT_TRUE(code && prob);
    EXPECT_TRUE(g->variables()[*code].categorical);
    EXPECT_FALSE(g->variables()[*prob].categorical);
    for (int k = 0; k < 4; ++k)
        for (int j = 0; j < 3; ++j)
            for (int i = 0; i < 5; ++i) {
                if (i == 0 && j == 2 && k == 0) {
                    EXPECT_TRUE(std::isnan(g->cellValue(*code, i, j, k)));  // the fill value
                    continue;
                }
                EXPECT_EQ(g->cellValue(*code, i, j, k), 100 * i + 10 * j + k) << i << j << k;
                EXPECT_NEAR(g->cellValue(*prob, i, j, k), (i + j + k) / 10.0, 1e-6);
            }
    // At a point: the cell it lies in, for a class code.
    EXPECT_EQ(g->valueAt(*code, {155420, 463150, -0.6}), 100 * 4 + 10 * 1 + 2);
    EXPECT_TRUE(std::isnan(g->valueAt(*code, {155420, 463150, 0.1})));  // above the grid
    // Continuous: trilinear between cell centres.
    EXPECT_NEAR(g->valueAt(*prob, {155100, 463100, -1.5}), (0.5 + 0.5 + 0.5) / 10, 1e-6);
}

TEST(VoxelGrid, PiecesAlongALineMatchBruteForceSampling) {
    test::ScratchDir dir("voxels2");
    const std::string path = dir.file("grid.nc");
    writeGrid(path);
    auto g = io::VoxelGrid::open(path);
    ASSERT_TRUE(g);
    auto code = *g->variable("code");
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> ux(154900, 155600), uy(462900, 463400), uz(-2.5, 0.5);
    for (int n = 0; n < 200; ++n) {
        core::Vec3 a{ux(rng), uy(rng), uz(rng)}, b{ux(rng), uy(rng), uz(rng)};
        auto pieces = g->valuesAlong(code, a, b);
        // Pieces are ordered, do not overlap, and each lies in one cell with that cell's value.
        double inside = 0;
        for (std::size_t p = 0; p < pieces.size(); ++p) {
            ASSERT_LT(pieces[p].t0, pieces[p].t1);
            if (p) {
                ASSERT_LE(pieces[p - 1].t1, pieces[p].t0 + 1e-12);
            }
            inside += pieces[p].t1 - pieces[p].t0;
            for (double f : {0.1, 0.5, 0.9}) {
                double t = pieces[p].t0 + f * (pieces[p].t1 - pieces[p].t0);
                int i, j, k;
                ASSERT_TRUE(g->grid().cellOf(core::lerp(a, b, t), i, j, k));
                EXPECT_EQ(i, pieces[p].i);
                EXPECT_EQ(j, pieces[p].j);
                EXPECT_EQ(k, pieces[p].k);
            }
        }
        // Brute force: the share of 20 000 samples inside the grid is the pieces' length.
        int hits = 0;
        const int samples = 20000;
        for (int s = 0; s < samples; ++s) {
            int i, j, k;
            hits += g->grid().cellOf(core::lerp(a, b, (s + 0.5) / samples), i, j, k);
        }
        EXPECT_NEAR(inside, static_cast<double>(hits) / samples, 2.0 / samples);
    }
}

TEST(VoxelGrid, TheBroGeotopSampleReadsAsItsNetcdfSays) {
    const std::string path = test::sharedData() + "/bro/geost_geotop_usp.nc";
    auto g = io::VoxelGrid::open(path);
    ASSERT_TRUE(g) << g.error().toString();
    EXPECT_EQ(g->grid().nx, 19);
    EXPECT_EQ(g->grid().ny, 15);
    EXPECT_EQ(g->grid().nz, 313);
    EXPECT_DOUBLE_EQ(g->grid().origin.x, 139450);  // first centre 139500, 100 m cells
    EXPECT_DOUBLE_EQ(g->grid().origin.z, -50.25);  // first centre -50, 0.5 m layers
    EXPECT_NE(g->modelVersion().find("geotop v01r6"), std::string::npos) << g->modelVersion();
    auto lithok = g->variable("lithok"), strat = g->variable("strat"), kans = g->variable("kans_5");
    ASSERT_TRUE(lithok && strat && kans);
    EXPECT_TRUE(g->variables()[*lithok].categorical);
    EXPECT_TRUE(g->variables()[*strat].categorical);
    EXPECT_FALSE(g->variables()[*kans].categorical);
    // Against netCDF's own reading of the same cells (GeoTOP's order: x, y, z).
    int nc, var;
    ASSERT_EQ(nc_open(path.c_str(), NC_NOWRITE, &nc), NC_NOERR);
    ASSERT_EQ(nc_inq_varid(nc, "lithok", &var), NC_NOERR);
    std::size_t checked = 0, fill = 0;
    for (std::size_t i : {0, 5, 18})
        for (std::size_t j : {0, 7, 14})
            for (std::size_t k : {0, 100, 104, 200, 312}) {
                std::size_t at[3] = {i, j, k};
                short v = 0;
                ASSERT_EQ(nc_get_var1_short(nc, var, at, &v), NC_NOERR);
                double mine = g->cellValue(*lithok, static_cast<int>(i), static_cast<int>(j),
                                           static_cast<int>(k));
                if (v == -127) {
                    EXPECT_TRUE(std::isnan(mine));
                    ++fill;
                } else {
                    EXPECT_EQ(mine, v) << i << " " << j << " " << k;
                    ++checked;
                }
            }
    nc_close(nc);
    EXPECT_GT(checked, 20u);
    EXPECT_GT(fill, 0u);  // the air above the ground is no data
}

TEST(VoxelGrid, FieldsOfAProjectOpenByTheirKind) {
    model::FieldRef grid{"geotop", test::sharedData() + "/bro/geost_geotop_usp.nc",
                         model::FieldKind::Grid3d, "", "BRO GeoTOP"};
    auto f = io::openField(grid);
    ASSERT_TRUE(f) << f.error().toString();
    EXPECT_EQ((*f)->kind(), model::FieldKind::Grid3d);
    EXPECT_TRUE((*f)->variable("lithok"));
    // Not a grid: said, with the file.
    test::ScratchDir dir("voxels3");
    model::FieldRef bad{"x", test::writeFile(dir.file("x.nc"), "not netcdf"),
                        model::FieldKind::Grid3d, "", ""};
    auto b = io::openField(bad);
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().file, bad.path);
    EXPECT_NE(b.error().message.find("cannot open as netCDF"), std::string::npos);
}
