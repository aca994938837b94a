// Where a ground level comes from: a 2D field (a raster such as AHN, read by io), or a constant the
// user gave, or nothing. Cheap to copy: the field is shared.
//
//     model::GroundLevel ground(std::move(*io::Raster::open("ahn.tif")));
//     double z = ground.at(x, y);  // NaN where the raster has no value
#pragma once

#include <concepts>
#include <cstddef>
#include <memory>
#include <string>

#include <bodemzicht/model/Field.h>

namespace bz::model {

class GroundLevel {
  public:
    GroundLevel() = default;
    explicit GroundLevel(double constantM) : mConstant(constantM), mHasConstant(true) {}
    explicit GroundLevel(std::shared_ptr<const Field> field, std::size_t variable = 0)
        : mField(std::move(field)), mVariable(variable) {}
    template <std::derived_from<Field> F>
    explicit GroundLevel(F field)
        : GroundLevel(std::shared_ptr<const Field>(std::make_shared<const F>(std::move(field)))) {}

    bool available() const { return mField != nullptr || mHasConstant; }
    bool isRaster() const { return mField != nullptr; }
    const Field* field() const { return mField.get(); }
    double at(double x, double y) const;  // m NAP; NaN when unknown
    std::string describe() const;         // "raster maaiveld.tif" or "constant 5.20 m NAP"

  private:
    std::shared_ptr<const Field> mField;
    std::size_t mVariable = 0;
    double mConstant = 0;
    bool mHasConstant = false;
};

}  // namespace bz::model
