// A regular 3D grid read from netCDF-4/HDF5 (BRO GeoTOP and the like), in RD New + NAP metres: a
// model::Field with one variable per 3D variable of the file. The dimension order and the
// coordinates come from the file (GeoTOP stores x, y, z with z fastest; coordinates are cell
// centres, unless a CF `bounds` variable places the cells otherwise), never from an assumption;
// fill values are no data. Variables are read when first
// asked for.
//
//     auto geotop = io::VoxelGrid::open("geotop.nc");
//     auto lithok = geotop->variable("lithok");
//     double code = geotop->valueAt(*lithok, {140000, 455000, -2.0});
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Field.h>

namespace bz::io {

class VoxelGrid final : public model::Field {
  public:
    // Integer variables are categorical (class codes such as lithok and strat), except those
    // named kans_* or onz_* (GeoTOP's probabilities and uncertainties); floats are continuous.
    // The CRS comes from the file: GeoTOP's `epsg` attributes on the coordinates, or the CF
    // grid mapping a variable names (its crs_wkt, spatial_ref or epsg_code); it must be RD New
    // (+ NAP). A file without either is refused unless `crs` (EPSG:28992 or EPSG:7415) is given.
    static core::Result<VoxelGrid> open(const std::string& path,
                                        const std::optional<std::string>& crs = std::nullopt);
    VoxelGrid(VoxelGrid&&) noexcept;
    VoxelGrid& operator=(VoxelGrid&&) noexcept;
    ~VoxelGrid() override;

    const std::string& path() const;
    // The file's global attributes that say which model and version it holds ("title",
    // "comment"), e.g. "geotop v01r6 (100.0m * 100.0m * 0.5m"; empty when absent.
    const std::string& modelVersion() const;
    // What the reader had to decide about the file, for the user: a coordinate that gives cell
    // edges (its CF `bounds` say so), placed by its bounds.
    const std::vector<std::string>& notes() const;

    model::FieldKind kind() const override { return model::FieldKind::Grid3d; }
    const model::GridGeometry& grid() const override;
    const std::vector<model::FieldVariable>& variables() const override;
    std::string describe() const override;
    double cellValue(std::size_t v, int i, int j, int k) const override;

  private:
    struct Private;
    explicit VoxelGrid(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

}  // namespace bz::io
