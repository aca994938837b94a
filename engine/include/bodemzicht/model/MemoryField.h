// A field held in memory: a regular grid with one float per cell and variable. What a derived
// field is (a groundwater level computed from a depth raster or a head grid) and what tests build
// instead of writing a file.
//
//     model::MemoryField level(model::FieldKind::Raster2d, grid, {{"level", false, "m NAP", ""}},
//                              "GLG from ...");
//     level.fill(0, [&](int i, int j, int) { return ...; });
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <bodemzicht/model/Field.h>

namespace bz::model {

class MemoryField final : public Field {
  public:
    MemoryField(FieldKind kind, GridGeometry grid, std::vector<FieldVariable> variables,
                std::string description);

    // Sets every cell of variable `v` to f(i, j, k) (NaN: no data).
    void fill(std::size_t v, const std::function<double(int, int, int)>& f);
    void set(std::size_t v, int i, int j, int k, double value);

    FieldKind kind() const override { return mKind; }
    const GridGeometry& grid() const override { return mGrid; }
    const std::vector<FieldVariable>& variables() const override { return mVariables; }
    std::string describe() const override { return mDescription; }
    double cellValue(std::size_t v, int i, int j, int k) const override;

  private:
    std::size_t index(int i, int j, int k) const {
        return (static_cast<std::size_t>(k) * static_cast<std::size_t>(mGrid.ny) +
                static_cast<std::size_t>(j)) *
                   static_cast<std::size_t>(mGrid.nx) +
               static_cast<std::size_t>(i);
    }

    FieldKind mKind;
    GridGeometry mGrid;
    std::vector<FieldVariable> mVariables;
    std::string mDescription;
    std::vector<std::vector<float>> mValues;  // per variable, x fastest, then y, then z
};

}  // namespace bz::model
