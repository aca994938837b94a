#include <bodemzicht/io/Raster.h>

#include <bodemzicht/core/Limits.h>
#include <bodemzicht/io/LocalPaths.h>

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "GdalErrors.h"

namespace bz::io {

using core::fail;

namespace {

bool isRdNew(const OGRSpatialReference& srs) {
    OGRSpatialReference horizontal(srs);
    if (horizontal.IsCompound()) horizontal.StripVertical();
    const char* code = horizontal.GetAuthorityCode(nullptr);
    if (code && std::string(code) == "28992") return true;
    OGRSpatialReference rd;
    rd.importFromEPSG(28992);
    const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", nullptr};
    return horizontal.IsSame(&rd, options);
}

}  // namespace

core::Result<Raster> Raster::open(const std::string& path) {
    detail::registerGdalOnce();
    if (auto local = checkLocalPath(path, "the raster path"); !local)
        return std::unexpected(local.error());
    detail::GdalErrorCapture errors;
    // Plain raster formats only: a VRT or a WMS description could point GDAL at other files or
    // at a server, whatever path the project stores.
    static const char* const kDrivers[] = {"GTiff", "AAIGrid", "XYZ", "HFA", "netCDF",
                                           "GPKG",  "PNG",     "EHdr", nullptr};
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(
        path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, kDrivers));
    if (!ds) return fail(path, "", "cannot open as a raster" + errors.because(path));
    if (ds->GetRasterCount() < 1) return fail(path, "", "raster has no bands");
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    if (!srs) return fail(path, "", "raster has no CRS; expected RD New (EPSG:28992)");
    if (!isRdNew(*srs)) {
        const char* name = srs->GetName();
        return fail(path, "",
                    std::string("raster CRS is '") + (name ? name : "?") +
                        "', not RD New (EPSG:28992); reproject it with gdalwarp -t_srs EPSG:28992");
    }
    double gt[6];
    if (ds->GetGeoTransform(gt) != CE_None || gt[2] != 0 || gt[4] != 0)
        return fail(path, "", "raster has no north-up geotransform");
    for (double v : gt)
        if (!std::isfinite(v)) return fail(path, "", "raster geotransform is not finite");
    if (!(std::abs(gt[1]) > 1e-6) || !(std::abs(gt[5]) > 1e-6))
        return fail(path, "", "raster cell size is zero");
    const auto cells = static_cast<std::uint64_t>(ds->GetRasterXSize()) *
                       static_cast<std::uint64_t>(ds->GetRasterYSize());
    if (cells > core::limits().rasterCells)
        return fail(path, "",
                    core::overLimit("the raster's " + std::to_string(ds->GetRasterXSize()) +
                                        " x " + std::to_string(ds->GetRasterYSize()) + " cells",
                                    "raster-cells"));
    Raster r;
    r.mPath = path;
    r.mWidth = ds->GetRasterXSize();
    r.mHeight = ds->GetRasterYSize();
    r.mOriginX = gt[0];
    r.mOriginY = gt[3];
    r.mCellX = gt[1];
    r.mCellY = gt[5];
    r.mValues.resize(static_cast<std::size_t>(r.mWidth) * r.mHeight);
    GDALRasterBand* band = ds->GetRasterBand(1);
    if (band->RasterIO(GF_Read, 0, 0, r.mWidth, r.mHeight, r.mValues.data(), r.mWidth, r.mHeight,
                       GDT_Float32, 0, 0) != CE_None)
        return fail(path, "", "cannot read raster band 1" + errors.because(path));
    int hasNoData = 0;
    double noData = band->GetNoDataValue(&hasNoData);
    for (auto& v : r.mValues)
        if ((hasNoData && v == static_cast<float>(noData)) || !std::isfinite(v)) v = NAN;
    return r;
}

core::Result<void> Raster::writeGeoTiff(const std::string& path, double originX, double originY,
                                        double cellSize, int width, int height,
                                        const std::vector<float>& values, float noData) {
    detail::registerGdalOnce();
    detail::GdalErrorCapture errors;
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!drv) return fail(path, "", "GDAL has no GTiff driver");
    char** opts = nullptr;
    opts = CSLSetNameValue(opts, "COMPRESS", "DEFLATE");
    std::unique_ptr<GDALDataset> ds(drv->Create(path.c_str(), width, height, 1, GDT_Float32, opts));
    CSLDestroy(opts);
    if (!ds) return fail(path, "", "cannot create GeoTIFF" + errors.because(path));
    double gt[6] = {originX, cellSize, 0, originY, 0, -cellSize};
    ds->SetGeoTransform(gt);
    OGRSpatialReference rd;
    rd.importFromEPSG(28992);
    ds->SetSpatialRef(&rd);
    GDALRasterBand* band = ds->GetRasterBand(1);
    band->SetNoDataValue(noData);
    std::vector<float> copy = values;
    if (band->RasterIO(GF_Write, 0, 0, width, height, copy.data(), width, height, GDT_Float32, 0,
                       0) != CE_None)
        return fail(path, "", "cannot write GeoTIFF" + errors.because(path));
    return {};
}

double Raster::sample(double x, double y) const {
    // Continuous pixel coordinates relative to cell centres.
    double px = (x - mOriginX) / mCellX - 0.5;
    double py = (y - mOriginY) / mCellY - 0.5;
    if (px < -0.5 || py < -0.5 || px > mWidth - 0.5 || py > mHeight - 0.5) return NAN;
    px = std::clamp(px, 0.0, static_cast<double>(mWidth - 1));
    py = std::clamp(py, 0.0, static_cast<double>(mHeight - 1));
    int x0 = static_cast<int>(std::floor(px)), y0 = static_cast<int>(std::floor(py));
    int x1 = std::min(x0 + 1, mWidth - 1), y1 = std::min(y0 + 1, mHeight - 1);
    double fx = px - x0, fy = py - y0;
    // Cells with zero weight are left out, so a nodata neighbour only matters when it counts.
    double sum = 0;
    const double w[4] = {(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy};
    const int ix[4] = {x0, x1, x0, x1}, iy[4] = {y0, y0, y1, y1};
    for (int k = 0; k < 4; ++k) {
        if (w[k] == 0) continue;
        sum += w[k] * mValues[static_cast<std::size_t>(iy[k]) * mWidth + ix[k]];  // NaN propagates
    }
    return sum;
}

double GroundLevel::at(double x, double y) const {
    if (mHasRaster) {
        double v = mRaster.sample(x, y);
        if (!std::isnan(v) || !mHasConstant) return v;
    }
    return mHasConstant ? mConstant : NAN;
}

std::string GroundLevel::describe() const {
    if (mHasRaster) return "raster " + mRaster.path();
    if (mHasConstant) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "constant %.2f m NAP", mConstant);
        return buf;
    }
    return "none";
}

}  // namespace bz::io
