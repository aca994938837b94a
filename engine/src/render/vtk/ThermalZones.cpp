#include "ThermalZones.h"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkProperty.h>
#include <vtkUnsignedCharArray.h>

#include <cmath>
#include <numbers>

#include "MeshBuilder.h"

namespace bz::render {

vtkSmartPointer<vtkActor> thermalZoneActor(const std::vector<RenderOptions::ThermalZone>& zones,
                                           core::Vec3 o) {
    if (zones.empty()) return nullptr;
    constexpr int kSides = 48;
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> polys;
    vtkNew<vtkUnsignedCharArray> colours;
    colours->SetName("colours");
    colours->SetNumberOfComponents(3);
    for (const auto& z : zones) {
        if (!(z.radiusM > 0) || !(z.topZ > z.bottomZ)) continue;
        const Rgb c = z.warm ? Rgb{230, 80, 60} : Rgb{60, 120, 230};
        const vtkIdType first = points->GetNumberOfPoints();
        for (int s = 0; s < kSides; ++s) {
            const double a = 2 * std::numbers::pi * s / kSides;
            const double x = z.centre.x + z.radiusM * std::cos(a) - o.x,
                         y = z.centre.y + z.radiusM * std::sin(a) - o.y;
            points->InsertNextPoint(x, y, z.bottomZ - o.z);
            points->InsertNextPoint(x, y, z.topZ - o.z);
        }
        for (int s = 0; s < kSides; ++s) {
            const vtkIdType b0 = first + 2 * s, b1 = first + 2 * ((s + 1) % kSides);
            const vtkIdType side[4] = {b0, b1, b1 + 1, b0 + 1};
            polys->InsertNextCell(4, side);
            colours->InsertNextTuple3(c.r, c.g, c.b);
        }
        for (int top = 0; top < 2; ++top) {  // the caps
            std::vector<vtkIdType> ring;
            for (int s = 0; s < kSides; ++s) ring.push_back(first + 2 * s + top);
            polys->InsertNextCell(kSides, ring.data());
            colours->InsertNextTuple3(c.r, c.g, c.b);
        }
    }
    if (polys->GetNumberOfCells() == 0) return nullptr;
    vtkNew<vtkPolyData> pd;
    pd->SetPoints(points);
    pd->SetPolys(polys);
    pd->GetCellData()->AddArray(colours);
    auto actor = detail::actorFor(pd, 0.3);
    actor->PickableOff();
    actor->GetProperty()->LightingOff();
    return actor;
}

}  // namespace bz::render
