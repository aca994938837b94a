#include <bodemzicht/model/MemoryField.h>

#include <cmath>

namespace bz::model {

MemoryField::MemoryField(FieldKind kind, GridGeometry grid, std::vector<FieldVariable> variables,
                         std::string description)
    : mKind(kind),
      mGrid(grid),
      mVariables(std::move(variables)),
      mDescription(std::move(description)),
      mValues(mVariables.size(), std::vector<float>(grid.cellCount(), NAN)) {}

void MemoryField::fill(std::size_t v, const std::function<double(int, int, int)>& f) {
    for (int k = 0; k < mGrid.nz; ++k)
        for (int j = 0; j < mGrid.ny; ++j)
            for (int i = 0; i < mGrid.nx; ++i)
                mValues[v][index(i, j, k)] = static_cast<float>(f(i, j, k));
}

void MemoryField::set(std::size_t v, int i, int j, int k, double value) {
    mValues[v][index(i, j, k)] = static_cast<float>(value);
}

double MemoryField::cellValue(std::size_t v, int i, int j, int k) const {
    if (v >= mValues.size() || i < 0 || j < 0 || k < 0 || i >= mGrid.nx || j >= mGrid.ny ||
        k >= mGrid.nz)
        return NAN;
    return mValues[v][index(i, j, k)];
}

}  // namespace bz::model
