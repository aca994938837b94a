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
    if (rd.importFromEPSG(28992) != OGRERR_NONE) return false;
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
    const int width = ds->GetRasterXSize(), height = ds->GetRasterYSize();
    if (cells * static_cast<std::uint64_t>(ds->GetRasterCount()) > core::limits().rasterCells)
        return fail(path, "",
                    core::overLimit("the raster's " + std::to_string(ds->GetRasterCount()) +
                                        " bands of " + std::to_string(cells) + " cells",
                                    "raster-cells"));
    // The grid from its lowest corner; GDAL counts rows from the top (gt[5] < 0 when north-up).
    const double cellX = std::abs(gt[1]), cellY = std::abs(gt[5]);
    r.mGrid.origin = {gt[1] > 0 ? gt[0] : gt[0] + width * gt[1],
                      gt[5] < 0 ? gt[3] + height * gt[5] : gt[3], 0.0};
    r.mGrid.cellSize = {cellX, cellY, 1.0};
    r.mGrid.nx = width;
    r.mGrid.ny = height;
    const bool flipX = gt[1] < 0, flipY = gt[5] < 0;
    std::vector<float> rows(static_cast<std::size_t>(width) * height);
    for (int b = 1; b <= ds->GetRasterCount(); ++b) {
        GDALRasterBand* band = ds->GetRasterBand(b);
        if (band->RasterIO(GF_Read, 0, 0, width, height, rows.data(), width, height,
                           GDT_Float32, 0, 0) != CE_None)
            return fail(path, "",
                        "cannot read raster band " + std::to_string(b) + errors.because(path));
        int hasNoData = 0;
        const double noData = band->GetNoDataValue(&hasNoData);
        std::vector<float> values(rows.size());
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                float v = rows[static_cast<std::size_t>(y) * width + x];
                if ((hasNoData && v == static_cast<float>(noData)) || !std::isfinite(v)) v = NAN;
                const int i = flipX ? width - 1 - x : x, j = flipY ? height - 1 - y : y;
                values[static_cast<std::size_t>(j) * width + i] = v;
            }
        r.mBands.push_back(std::move(values));
        const char* unit = band->GetUnitType();
        const char* what = band->GetDescription();
        r.mVariables.push_back({"band" + std::to_string(b),
                                band->GetRasterDataType() == GDT_Byte ||
                                    band->GetColorTable() != nullptr,
                                unit ? unit : "", what ? what : ""});
    }
    return r;
}

double Raster::cellValue(std::size_t v, int i, int j, int) const {
    if (v >= mBands.size() || i < 0 || j < 0 || i >= mGrid.nx || j >= mGrid.ny) return NAN;
    return mBands[v][static_cast<std::size_t>(j) * mGrid.nx + i];
}

core::Result<model::GroundLevel> groundFromOptions(const std::string& rasterPath, double levelM) {
    if (!rasterPath.empty()) {
        auto r = Raster::open(rasterPath);
        if (!r) return std::unexpected(r.error());
        return model::GroundLevel(std::move(*r));
    }
    return std::isnan(levelM) ? model::GroundLevel() : model::GroundLevel(levelM);
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
    OGRSpatialReference rd;
    GDALRasterBand* band = ds->GetRasterBand(1);
    if (ds->SetGeoTransform(gt) != CE_None || rd.importFromEPSG(28992) != OGRERR_NONE ||
        ds->SetSpatialRef(&rd) != CE_None || band->SetNoDataValue(noData) != CE_None)
        return fail(path, "", "cannot set the GeoTIFF's georeferencing" + errors.because(path));
    std::vector<float> copy = values;
    if (band->RasterIO(GF_Write, 0, 0, width, height, copy.data(), width, height, GDT_Float32, 0,
                       0) != CE_None)
        return fail(path, "", "cannot write GeoTIFF" + errors.because(path));
    return {};
}

}  // namespace bz::io
