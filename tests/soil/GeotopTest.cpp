// GeoTOP for soil-policy staff: the virtual borehole on the real BRO subset against netCDF's own
// reading of the same column, and trench volumes per lithoclass against an independent count of
// sample points on small grids written here (trenches along the cells and across them at an angle).
#include <bodemzicht/io/VoxelGrid.h>
#include <bodemzicht/soil/Geotop.h>

#include <gtest/gtest.h>

#include <netcdf.h>
#include <fstream>

#include <cmath>
#include <random>

#include "../TestSupport.h"

using namespace bz;

#define NC_OK(x) ASSERT_EQ((x), NC_NOERR)

TEST(Geotop, TheVirtualBoreholeReadsTheColumnAsNetcdfDoes) {
    const std::string path = test::sharedData() + "/bro/geost_geotop_usp.nc";
    auto grid = io::VoxelGrid::open(path);
    ASSERT_TRUE(grid) << grid.error().toString();
    const double x = 140000, y = 455500;
    auto rows = soil::virtualBorehole(*grid, x, y);
    ASSERT_TRUE(rows) << rows.error().toString();
    // netCDF: the column whose x and y coordinates are nearest the point.
    int nc, vx, vy, vz, vl, vs, vk;
    NC_OK(nc_open(path.c_str(), NC_NOWRITE, &nc));
    NC_OK(nc_inq_varid(nc, "x", &vx));
    NC_OK(nc_inq_varid(nc, "y", &vy));
    NC_OK(nc_inq_varid(nc, "z", &vz));
    NC_OK(nc_inq_varid(nc, "lithok", &vl));
    NC_OK(nc_inq_varid(nc, "strat", &vs));
    NC_OK(nc_inq_varid(nc, "kans_5", &vk));
    std::vector<double> xs(19), ys(15), zs(313);
    NC_OK(nc_get_var_double(nc, vx, xs.data()));
    NC_OK(nc_get_var_double(nc, vy, ys.data()));
    NC_OK(nc_get_var_double(nc, vz, zs.data()));
    std::size_t ix = 0, iy = 0;
    for (std::size_t i = 0; i < xs.size(); ++i)
        if (std::abs(xs[i] - x) < std::abs(xs[ix] - x)) ix = i;
    for (std::size_t j = 0; j < ys.size(); ++j)
        if (std::abs(ys[j] - y) < std::abs(ys[iy] - y)) iy = j;
    struct Cell {
        double z;
        short l, s, k;
    };
    std::vector<Cell> column;
    for (std::size_t k = 0; k < zs.size(); ++k) {
        std::size_t at[3] = {ix, iy, k};
        short l, s, p;
        NC_OK(nc_get_var1_short(nc, vl, at, &l));
        NC_OK(nc_get_var1_short(nc, vs, at, &s));
        NC_OK(nc_get_var1_short(nc, vk, at, &p));
        column.push_back({zs[k], l, s, p});
    }
    nc_close(nc);
    // From the highest cell with data down to the lowest.
    std::vector<Cell> expected;
    for (auto it = column.rbegin(); it != column.rend(); ++it)
        if (!expected.empty() || it->l != -127) expected.push_back(*it);
    while (!expected.empty() && expected.back().l == -127) expected.pop_back();
    ASSERT_EQ(rows->size(), expected.size());
    for (std::size_t r = 0; r < expected.size(); ++r) {
        EXPECT_DOUBLE_EQ((*rows)[r].zCentre, expected[r].z) << r;
        EXPECT_EQ((*rows)[r].lithoclass, expected[r].l == -127 ? -1 : expected[r].l) << r;
        EXPECT_EQ((*rows)[r].unit, expected[r].s == -127 ? -1 : expected[r].s) << r;
        ASSERT_TRUE((*rows)[r].probabilities);
        EXPECT_EQ((*(*rows)[r].probabilities)[4], expected[r].k == -127 ? -1 : expected[r].k) << r;
    }
    // Names and colours of the classes; a point outside the grid is an error naming it.
    EXPECT_EQ(soil::lithoclass(5)->name, "zand fijn");
    EXPECT_EQ(soil::lithoclass(4), nullptr);
    auto outside = soil::virtualBorehole(*grid, 100000, 400000);
    ASSERT_FALSE(outside);
    EXPECT_NE(outside.error().toString().find("outside the grid"), std::string::npos);
    // The unit table names the units (TNO's code table from the shared data).
    auto units = soil::UnitTable::load(test::sharedData() + "/bro/nlmod_REF_GTP_STR_UNIT.csv");
    ASSERT_TRUE(units) << units.error().toString();
    EXPECT_EQ(units->units.at(1000).first, "AAOP");
}

TEST(Geotop, UnitCodesAreNamedFromTheTableOfTheGridsOwnVersion) {
    EXPECT_EQ(soil::geotopVersion("geotop v01r6 (100.0m * 100.0m * 0.5m"), "1.6");
    EXPECT_EQ(soil::geotopVersion("GeoTOP v01r6s1 voxelmodel"), "1.6.1");
    EXPECT_EQ(soil::geotopVersion("voxel model, version unknown"), "");
    EXPECT_EQ(soil::geotopVersion("v1r"), "");
    // Two versions' tables that give code 1100 different units.
    test::ScratchDir dir("unit_tables");
    const auto v16 = dir.file("v16.csv"), v161 = dir.file("v161.csv");
    for (auto [path, name] : {std::pair{v16, "EENHEID_A"}, {v161, "EENHEID_B"}}) {
        std::ofstream out(path);
        out << "STR_UNIT_CD,DESCRIPTION,VOXEL_NR,SEQ_NR,RED_DEC,GREEN_DEC,BLUE_DEC\n"
            << name << ",\"Eenheid, zoals de versie haar noemt\",1100,1,1,2,3\n";
    }
    soil::UnitTables tables;
    ASSERT_TRUE(tables.add("1.6=" + v16));
    ASSERT_TRUE(tables.add("1.6.1=" + v161));
    EXPECT_FALSE(tables.add("1.6=" + v161));  // one table per version
    std::string warning;
    auto t = tables.forVersion("1.6.1", "grid.nc", warning);
    ASSERT_TRUE(t);
    EXPECT_EQ((*t)->units.at(1100).first, "EENHEID_B");
    t = tables.forVersion("1.6", "grid.nc", warning);
    ASSERT_TRUE(t);
    EXPECT_EQ((*t)->units.at(1100).first, "EENHEID_A");
    EXPECT_TRUE(warning.empty());
    // A grid of a version without a table: refused, never named from another version's table.
    auto other = tables.forVersion("1.5", "grid.nc", warning);
    ASSERT_FALSE(other);
    EXPECT_NE(other.error().message.find("no unit table for GeoTOP 1.5"), std::string::npos);
    EXPECT_NE(other.error().toString().find("grid.nc"), std::string::npos);
    // A table without a version serves any grid, with a warning when the grid's is known.
    soil::UnitTables any;
    ASSERT_TRUE(any.add(v16));
    t = any.forVersion("1.6.1", "grid.nc", warning);
    ASSERT_TRUE(t);
    EXPECT_NE(warning.find("not tied to a GeoTOP version"), std::string::npos);
    EXPECT_FALSE(any.add(dir.file("missing.csv")));
}

namespace {

// A 4 x 3 x 6 grid of 10 m x 10 m x 0.5 m cells from (1000, 2000, -3): lithok = (i + 2 j + k) % 8,
// with no data above k = 4 in column (3, 2) (the air).
void writeSmallGeotop(const std::string& path) {
    int nc, dx, dy, dz, vx, vy, vz, vl;
    NC_OK(nc_create(path.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc));
    NC_OK(nc_def_dim(nc, "x", 4, &dx));
    NC_OK(nc_def_dim(nc, "y", 3, &dy));
    NC_OK(nc_def_dim(nc, "z", 6, &dz));
    NC_OK(nc_def_var(nc, "x", NC_DOUBLE, 1, &dx, &vx));
    NC_OK(nc_def_var(nc, "y", NC_DOUBLE, 1, &dy, &vy));
    NC_OK(nc_def_var(nc, "z", NC_DOUBLE, 1, &dz, &vz));
    NC_OK(nc_put_att_text(nc, vx, "epsg", 4, "7415"));
    int dims[3] = {dx, dy, dz};
    NC_OK(nc_def_var(nc, "lithok", NC_SHORT, 3, dims, &vl));
    short fill = -127;
    NC_OK(nc_put_att_short(nc, vl, "_FillValue", NC_SHORT, 1, &fill));
    NC_OK(nc_enddef(nc));
    double x[4] = {1005, 1015, 1025, 1035}, y[3] = {2005, 2015, 2025},
           z[6] = {-2.75, -2.25, -1.75, -1.25, -0.75, -0.25};
    NC_OK(nc_put_var_double(nc, vx, x));
    NC_OK(nc_put_var_double(nc, vy, y));
    NC_OK(nc_put_var_double(nc, vz, z));
    std::vector<short> l(4 * 3 * 6);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < 6; ++k)
                l[(static_cast<std::size_t>(i) * 3 + j) * 6 + k] =
                    (i == 3 && j == 2 && k > 4) ? fill : static_cast<short>((i + 2 * j + k) % 8);
    NC_OK(nc_put_var_short(nc, vl, l.data()));
    NC_OK(nc_close(nc));
}

}  // namespace

TEST(Geotop, TrenchVolumesMatchAnIndependentCountOfSamplePoints) {
    test::ScratchDir dir("geotop_trench");
    const std::string path = dir.file("small.nc");
    writeSmallGeotop(path);
    auto grid = io::VoxelGrid::open(path);
    ASSERT_TRUE(grid) << grid.error().toString();
    auto lithok = *grid->variable("lithok");
    const double width = 0.8, depth = 1.2;
    auto ground = [](double x, double) {
        return -0.1 - 0.01 * (x - 1000);
    };  // a gently sloping ground
    // Aligned with the cells, across a cell boundary, and at an angle through several columns.
    const std::vector<std::vector<core::Vec2>> routes{{{1002, 2005}, {1038, 2005}},
                                                      {{1005, 2010.2}, {1030, 2010.2}},
                                                      {{1003, 2002}, {1037, 2027}, {1010, 2028}}};
    for (const auto& route : routes) {
        auto got = soil::trenchSoil(*grid, route, width, depth, ground);
        // Points every 5 cm along, across and down the trench, each counted in its voxel's class.
        std::map<int, double> expected;
        double total = 0;
        const double step = 0.05;
        for (std::size_t s = 0; s + 1 < route.size(); ++s) {
            const core::Vec2 a = route[s], b = route[s + 1];
            const double len = core::length(b - a);
            const core::Vec2 u = (b - a) * (1 / len), n{-u.y, u.x};
            for (double t = step / 2; t < len; t += step)
                for (double w = -width / 2 + step / 2; w < width / 2; w += step) {
                    const core::Vec2 p = a + u * t + n * w;
                    const double top = ground(p.x, p.y);
                    for (double d = step / 2; d < depth; d += step) {
                        int i, j, k;
                        if (!grid->grid().cellOf({p.x, p.y, top - d}, i, j, k)) continue;
                        const double v = grid->cellValue(lithok, i, j, k);
                        expected[std::isnan(v) ? -1 : static_cast<int>(v)] += step * step * step;
                        total += step * step * step;
                    }
                }
        }
        EXPECT_NEAR(got.totalM3, total, 0.01 * total);
        for (const auto& [cls, volume] : expected)
            EXPECT_NEAR(got.volumeM3[cls], volume, 0.02 * total + 1e-6) << "class " << cls;
        for (const auto& [cls, volume] : got.volumeM3)
            EXPECT_TRUE(expected.count(cls) || volume < 0.02 * total)
                << "class " << cls << " not dug";
    }
    // A route leaving the grid: the part outside is counted apart, never made up.
    auto off = soil::trenchSoil(*grid, {{1030, 2005}, {1080, 2005}}, width, depth, ground);
    EXPECT_NEAR(off.outsideM, 40, 1e-6);
    EXPECT_NEAR(off.routeLengthM, 50, 1e-9);
}

TEST(Geotop, VolumesByLithoclassCountTheVoxelsWithData) {
    test::ScratchDir dir("geotop_volumes");
    const std::string path = dir.file("small.nc");
    writeSmallGeotop(path);
    auto grid = io::VoxelGrid::open(path);
    ASSERT_TRUE(grid) << grid.error().toString();
    auto volumes = soil::volumesByLithoclass(*grid);
    // (i + 2 j + k) % 8 over 4 x 3 x 6 voxels of 10 x 10 x 0.5 m, one voxel without data.
    std::map<int, double> expected;
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < 6; ++k)
                if (!(i == 3 && j == 2 && k > 4)) expected[(i + 2 * j + k) % 8] += 50.0;
    EXPECT_EQ(volumes, expected);
}
