// A raster field (ground level, GHG, GLG, or any 2D grid) read through GDAL, in RD New metres:
// a model::Field with one variable per band.
//
//     auto ahn = io::Raster::open("ahn.tif");
//     model::GroundLevel ground(std::move(*ahn));
#pragma once

#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Field.h>
#include <bodemzicht/model/GroundLevel.h>

namespace bz::io {

class Raster final : public model::Field {
  public:
    // Opens every band of a GDAL raster (a local file of a plain raster format). Rasters in
    // another CRS are refused with a clear error (reproject them with gdalwarp -t_srs EPSG:28992).
    static core::Result<Raster> open(const std::string& path);
    // Writes a one-band GeoTIFF in EPSG:28992; `values` row-major from the north-west corner.
    static core::Result<void> writeGeoTiff(const std::string& path, double originX, double originY,
                                           double cellSize, int width, int height,
                                           const std::vector<float>& values, float noData);

    // Band 1, bilinear between cell centres; NaN outside the raster or next to nodata.
    double sample(double x, double y) const { return valueAt(0, {x, y, 0}); }
    int width() const { return mGrid.nx; }
    int height() const { return mGrid.ny; }
    const std::string& path() const { return mPath; }

    model::FieldKind kind() const override { return model::FieldKind::Raster2d; }
    const model::GridGeometry& grid() const override { return mGrid; }
    const std::vector<model::FieldVariable>& variables() const override { return mVariables; }
    std::string describe() const override { return "raster " + mPath; }
    double cellValue(std::size_t v, int i, int j, int k) const override;

  private:
    std::string mPath;
    model::GridGeometry mGrid;
    std::vector<model::FieldVariable> mVariables;
    std::vector<std::vector<float>> mBands;  // per band, rows from the south; NaN for nodata
};

// The ground as a command gives it: a raster path, else a constant level (NaN: none), else no
// ground at all.
core::Result<model::GroundLevel> groundFromOptions(const std::string& rasterPath, double levelM);

}  // namespace bz::io
