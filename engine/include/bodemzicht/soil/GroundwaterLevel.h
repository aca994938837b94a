// Groundwater levels (GHG, GLG) in m NAP from what the sources give: a raster in m NAP, a BRO WDM
// depth raster in cm (or m) below the ground, or a head grid (stijghoogte, m NAP) in 2D or 3D.
// What the source said is kept in the project (the field's unit names the basis); the level in
// m NAP is derived here when the project is opened, so it follows a better ground.
//
//     auto level = soil::levelFromDepth(wdm, 0.01, ground, "GLG from glg_wdm.tif");
//     auto table = soil::waterTableFromHead(head, *head.variable("head"), "GHG from head.nc");
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <bodemzicht/model/Field.h>
#include <bodemzicht/model/GroundLevel.h>
#include <bodemzicht/model/MemoryField.h>

namespace bz::soil {

// How a groundwater field's values stand, as its unit in the project says it.
enum class LevelBasis {
    Nap,                // "m NAP": the level itself (a GHG/GLG raster, a 2D head grid)
    CmBelowGround,      // "cm below ground": BRO WDM (positive down)
    MetresBelowGround,  // "m below ground"
};
std::string_view toUnit(LevelBasis b);
std::optional<LevelBasis> levelBasisFromUnit(std::string_view unit);

// The level (m NAP) on the depth raster's own cells: the ground at each cell centre less the
// depth times `metresPerUnit`; NaN where either is unknown.
model::MemoryField levelFromDepth(const model::Field& depth, double metresPerUnit,
                                  const model::GroundLevel& ground, std::string description);

// The water table (phreatic level, m NAP) per column of a 3D head grid: the level where the
// pressure head (head - z) becomes zero, interpolated between the cell centres around it
// scanning down from the top of the data; the head of the top cell where that cell is already
// saturated (water at or above the top of the data); NaN where no cell of the column is
// saturated. A grid with one layer gives its head as it is.
model::MemoryField waterTableFromHead(const model::Field& head, std::size_t variable,
                                      std::string description);

}  // namespace bz::soil
