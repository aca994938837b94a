// WKO wells' thermal radii in the 3D view: a translucent cylinder per well over its screen, warm
// red, cold blue (RenderOptions::thermalZones).
#pragma once

#include <vector>

#include <vtkActor.h>
#include <vtkSmartPointer.h>

#include <bodemzicht/render/SceneRenderer.h>

namespace bz::render {

vtkSmartPointer<vtkActor> thermalZoneActor(const std::vector<RenderOptions::ThermalZone>& zones,
                                           core::Vec3 origin);

}  // namespace bz::render
