// Fields: values that fill space instead of objects in it, such as a ground-level or groundwater
// raster (2D) or a voxel model such as BRO GeoTOP (3D, several variables). One interface for both,
// whatever file they came from (io reads GDAL rasters and netCDF/HDF5 grids into it), with value
// queries at a point and along a line.
//
//     auto field = io::openField(ref);             // a model::FieldRef of the project
//     double level = (*field)->valueAt(0, {x, y, 0});
//     for (auto piece : (*field)->valuesAlong(lithoclass, a, b)) ...  // exact cell crossings
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <bodemzicht/core/Bounds.h>
#include <bodemzicht/core/Vec.h>

namespace bz::model {

enum class FieldKind : std::uint8_t {
    Raster2d,  // one value per (x, y) cell, at every height: ground level, GHG, GLG
    Grid3d,    // one value per (x, y, z) voxel: GeoTOP lithoclass, contamination grids
};
std::string_view toCode(FieldKind k);  // "raster", "grid3d" (as stored in a project)
std::optional<FieldKind> fieldKindFromCode(std::string_view code);

struct FieldVariable {
    std::string name;          // "band1", "lithok", "strat", "kans_1", ...
    bool categorical = false;  // class codes: never interpolated
    std::string unit;          // empty when none
    std::string description;
};

// The regular grid of a field: nx x ny x nz cells of `cellSize` from `origin`, the lowest corner
// (min x, min y, min z). A 2D raster has nz = 1 and no z extent.
struct GridGeometry {
    core::Vec3 origin, cellSize{1, 1, 1};
    int nx = 0, ny = 0, nz = 1;
    bool hasZ = false;

    // The cell holding p; false outside the grid (2D: z is ignored).
    bool cellOf(core::Vec3 p, int& i, int& j, int& k) const;
    core::Vec3 cellCentre(int i, int j, int k) const;
    // The grid's extent; a 2D raster's z range is empty (lo.z = hi.z = 0).
    core::Bounds3 bounds() const;
    std::uint64_t cellCount() const {
        return static_cast<std::uint64_t>(nx) * static_cast<std::uint64_t>(ny) *
               static_cast<std::uint64_t>(nz);
    }
};

// One piece of a segment inside one cell: parameters t0..t1 along a -> b and the cell's value.
struct FieldPiece {
    double t0 = 0, t1 = 0;
    double value = 0;  // NaN: no data in that cell
    int i = 0, j = 0, k = 0;
};

class Field {
  public:
    virtual ~Field() = default;
    virtual FieldKind kind() const = 0;
    virtual const GridGeometry& grid() const = 0;
    virtual const std::vector<FieldVariable>& variables() const = 0;
    // Where it came from, e.g. "raster /data/ahn.tif" or "grid geotop.nc".
    virtual std::string describe() const = 0;
    // The value of variable `v` in cell (i, j, k), j counted from the south, k from the bottom;
    // NaN for no data.
    virtual double cellValue(std::size_t v, int i, int j, int k) const = 0;

    // The value at p: a categorical variable's cell value; a continuous one interpolated linearly
    // between cell centres (bilinear in 2D, trilinear in 3D; cells of zero weight left out, so a
    // nodata neighbour counts only where it has weight). NaN outside the grid or on no data.
    double valueAt(std::size_t v, core::Vec3 p) const;
    // The pieces of segment a-b inside the grid, one per cell crossed, in order from a.
    std::vector<FieldPiece> valuesAlong(std::size_t v, core::Vec3 a, core::Vec3 b) const;
    // Index of the variable called `name`.
    std::optional<std::size_t> variable(std::string_view name) const;
};

}  // namespace bz::model
