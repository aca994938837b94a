// A single-band raster field (ground level, GHG, GLG) read through GDAL, in RD New metres.
#pragma once

#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>

namespace bz::io {

class Raster {
  public:
    // Opens band 1 of a GDAL raster. Rasters in another CRS are refused with a clear error
    // (reproject them with gdalwarp -t_srs EPSG:28992 first).
    static core::Result<Raster> open(const std::string& path);
    // Writes a GeoTIFF in EPSG:28992; `values` row-major from the north-west corner.
    static core::Result<void> writeGeoTiff(const std::string& path, double originX, double originY,
                                           double cellSize, int width, int height,
                                           const std::vector<float>& values, float noData);

    // Bilinear interpolation between cell centres; NaN outside the raster or next to nodata.
    double sample(double x, double y) const;
    int width() const { return mWidth; }
    int height() const { return mHeight; }
    const std::string& path() const { return mPath; }

  private:
    std::string mPath;
    int mWidth = 0, mHeight = 0;
    double mOriginX = 0, mOriginY = 0, mCellX = 1, mCellY = -1;  // GDAL geotransform
    std::vector<float> mValues;                                  // NaN for nodata
};

// Where a ground level comes from: a raster, else a constant the user gave.
class GroundLevel {
  public:
    GroundLevel() = default;
    explicit GroundLevel(double constantM) : mConstant(constantM), mHasConstant(true) {}
    explicit GroundLevel(Raster r) : mRaster(std::move(r)), mHasRaster(true) {}
    bool available() const { return mHasRaster || mHasConstant; }
    bool isRaster() const { return mHasRaster; }
    double at(double x, double y) const;  // NaN when unknown
    std::string describe() const;         // e.g. "raster maaiveld.tif" or "constant 5.20 m NAP"

  private:
    Raster mRaster;
    double mConstant = 0;
    bool mHasConstant = false, mHasRaster = false;
};

}  // namespace bz::io
