#include <bodemzicht/io/Raster.h>

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>

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
