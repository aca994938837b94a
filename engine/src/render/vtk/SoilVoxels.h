// GeoTOP in the 3D view: the voxels of a lithoclass grid as boxes in the official lithoclass
// colours, only their faces towards a voxel not drawn (so a 100 x 100 x 300 block is its
// surface, not 18 million faces), filtered by class and cut to a level range (the depth slice).
// The regular grid is walked directly; no general cutter.
#pragma once

#include <set>

#include <vtkActor.h>
#include <vtkSmartPointer.h>

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Field.h>

namespace bz::render {

struct SoilVoxelStats {
    std::size_t voxels = 0, faces = 0;
};

// Null when the grid has no `lithok` or nothing is left to draw. `origin`: the scene's local
// origin; heights between zLo and zHi (m NAP; the voxels are cut there).
vtkSmartPointer<vtkActor> soilVoxelActor(const model::Field& grid, const std::set<int>& hidden,
                                         double zLo, double zHi, core::Vec3 origin, double opacity,
                                         SoilVoxelStats* stats = nullptr);

}  // namespace bz::render
