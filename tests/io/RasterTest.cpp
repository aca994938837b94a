#include <bodemzicht/io/Raster.h>

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <random>

#include "../TestSupport.h"

using namespace bz;

TEST(Raster, BilinearSamplingReproducesAPlaneExactly) {
    test::ScratchDir dir("raster");
    const int w = 20, h = 10;
    const double ox = 250000, oy = 470100, cell = 2;
    auto plane = [](double x, double y) { return 3.0 + 0.01 * (x - 250000) - 0.02 * (y - 470000); };
    std::vector<float> v(w * h);
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c)
            v[r * w + c] = static_cast<float>(plane(ox + (c + 0.5) * cell, oy - (r + 0.5) * cell));
    ASSERT_TRUE(io::Raster::writeGeoTiff(dir.file("p.tif"), ox, oy, cell, w, h, v, -9999));
    auto r = io::Raster::open(dir.file("p.tif"));
    ASSERT_TRUE(r) << r.error().toString();
    for (double x : {250001.0, 250013.3, 250038.9})
        for (double y : {470081.0, 470090.7, 470099.0})
            EXPECT_NEAR(r->sample(x, y), plane(x, y), 1e-5);
    EXPECT_TRUE(std::isnan(r->sample(249990, 470090)));  // outside
}

TEST(Raster, NoDataIsNotInterpolated) {
    test::ScratchDir dir("raster2");
    std::vector<float> v{1, 1, 1, -9999};
    ASSERT_TRUE(io::Raster::writeGeoTiff(dir.file("n.tif"), 0, 2, 1, 2, 2, v, -9999));
    auto r = io::Raster::open(dir.file("n.tif"));
    ASSERT_TRUE(r);
    EXPECT_NEAR(r->sample(0.5, 1.5), 1.0, 1e-12);
    EXPECT_TRUE(std::isnan(r->sample(1.0, 1.0)));  // touches the nodata cell
}

TEST(Raster, RasterInAnotherCrsIsRefusedWithAHint) {
    test::ScratchDir dir("raster3");
    GDALAllRegister();
    auto* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    auto* ds = drv->Create(dir.file("wgs.tif").c_str(), 2, 2, 1, GDT_Float32, nullptr);
    double gt[6] = {5.0, 0.001, 0, 52.0, 0, -0.001};
    ds->SetGeoTransform(gt);
    OGRSpatialReference wgs;
    wgs.importFromEPSG(4326);
    ds->SetSpatialRef(&wgs);
    GDALClose(ds);
    auto r = io::Raster::open(dir.file("wgs.tif"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message,
              "raster CRS is 'WGS 84', not RD New (EPSG:28992); reproject it with gdalwarp -t_srs "
              "EPSG:28992");
}

TEST(GroundLevel, RasterFallsBackToNothingAndConstantIsConstant) {
    model::GroundLevel none;
    EXPECT_FALSE(none.available());
    EXPECT_TRUE(std::isnan(none.at(1, 2)));
    model::GroundLevel c(4.25);
    EXPECT_EQ(c.at(250000, 470000), 4.25);
    EXPECT_EQ(c.describe(), "constant 4.25 m NAP");
}

TEST(Raster, PiecesAlongALineFollowTheCellsLikeBruteForceSampling) {
    test::ScratchDir dir("raster_along");
    std::vector<float> values;
    for (int j = 0; j < 6; ++j)
        for (int i = 0; i < 8; ++i) values.push_back(static_cast<float>(10 * j + i));
    auto path = dir.file("r.tif");
    ASSERT_TRUE(io::Raster::writeGeoTiff(path, 1000, 2060, 10.0, 8, 6, values, -9999));
    auto r = io::Raster::open(path);
    ASSERT_TRUE(r);
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> ux(980, 1100), uy(1980, 2080);
    for (int n = 0; n < 200; ++n) {
        core::Vec3 a{ux(rng), uy(rng), 0}, b{ux(rng), uy(rng), 5};
        double inside = 0;
        for (const auto& p : r->valuesAlong(0, a, b)) {
            inside += p.t1 - p.t0;
            auto mid = core::lerp(a, b, 0.5 * (p.t0 + p.t1));
            // Row 0 of the file is the north: the value of the cell the middle lies in.
            int col = static_cast<int>((mid.x - 1000) / 10), row = static_cast<int>((2060 - mid.y) / 10);
            EXPECT_EQ(p.value, 10 * row + col);
        }
        int hits = 0;
        for (int s = 0; s < 10000; ++s) {
            auto q = core::lerp(a, b, (s + 0.5) / 10000);
            hits += q.x >= 1000 && q.x <= 1080 && q.y >= 2000 && q.y <= 2060;
        }
        EXPECT_NEAR(inside, hits / 10000.0, 2e-4);
    }
}
