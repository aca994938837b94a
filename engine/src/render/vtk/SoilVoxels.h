// GeoTOP in the 3D view: the voxels of a lithoclass grid as boxes in the official lithoclass
// colours, only their faces towards a voxel not drawn (so a 100 x 100 x 300 block is its
// surface, not 18 million faces), filtered by class and stratigraphic unit, cut to a level range
// (the depth slice) and by a vertical section (the voxels behind it, whole voxels: their centre
// on the kept side). The regular grid is walked directly; no general cutter.
#pragma once

#include <optional>
#include <set>
#include <utility>

#include <vtkActor.h>
#include <vtkSmartPointer.h>

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Field.h>

namespace bz::render {

struct SoilVoxelStats {
    std::size_t voxels = 0, faces = 0;
};

struct SoilVoxelFilter {
    std::set<int> hiddenClasses;   // lithoclass codes (lithok)
    std::set<int> hiddenUnits;     // stratigraphic unit codes (strat), where the grid has them
    double zLo = -1e9, zHi = 1e9;  // m NAP: the voxels are cut there
    // A vertical section from `cutFrom` to `cutTo` (RD): only the voxels whose centre lies left
    // of it (looking from `cutFrom` to `cutTo`) are drawn.
    std::optional<std::pair<core::Vec2, core::Vec2>> cut;
};

// Null when the grid has no `lithok` or nothing is left to draw. `origin`: the scene's local
// origin.
vtkSmartPointer<vtkActor> soilVoxelActor(const model::Field& grid, const SoilVoxelFilter& filter,
                                         core::Vec3 origin, double opacity,
                                         SoilVoxelStats* stats = nullptr);

}  // namespace bz::render
