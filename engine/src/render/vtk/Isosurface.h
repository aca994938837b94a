// A contamination grid in the 3D view: the surface where a substance reaches a level (the
// intervention value), by flying edges on the regular grid's cell centres (VTK), in the scene's
// local coordinates. Cells without data count as below every level.
#pragma once

#include <vtkActor.h>
#include <vtkSmartPointer.h>

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Field.h>
#include <bodemzicht/render/ThemeColours.h>

namespace bz::render {

// Null when the surface is empty (the level is reached nowhere, or everywhere).
vtkSmartPointer<vtkActor> isosurfaceActor(const model::Field& grid, std::size_t variable,
                                          double level, Rgb colour, core::Vec3 origin,
                                          double opacity, std::size_t* triangles = nullptr);

}  // namespace bz::render
