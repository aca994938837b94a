#include "SoilVoxels.h"

#include <bodemzicht/soil/Geotop.h>

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkProperty.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "MeshBuilder.h"

namespace bz::render {

vtkSmartPointer<vtkActor> soilVoxelActor(const model::Field& grid, const SoilVoxelFilter& filter,
                                         core::Vec3 o, double opacity, SoilVoxelStats* stats) {
    const auto lithok = grid.variable("lithok");
    if (!lithok) return nullptr;
    const auto strat = grid.variable("strat");
    const auto& g = grid.grid();
    const double zLo = filter.zLo, zHi = filter.zHi;
    // Columns behind the section: left of it.
    auto kept = [&](int i, int j) {
        if (!filter.cut) return true;
        const auto [a, b] = *filter.cut;
        const auto c = g.cellCentre(i, j, 0);
        return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x) > 0;
    };
    // The class of every voxel drawn (-1: not drawn), walked once.
    const int kLo = std::max(0, static_cast<int>(std::floor((zLo - g.origin.z) / g.cellSize.z)));
    const int kHi =
        std::min(g.nz - 1, static_cast<int>(std::floor((zHi - g.origin.z) / g.cellSize.z)));
    if (kLo > kHi) return nullptr;
    std::vector<std::int8_t> cls(static_cast<std::size_t>(g.nx) * g.ny * g.nz, -1);
    auto at = [&](int i, int j, int k) {
        return (static_cast<std::size_t>(k) * g.ny + j) * g.nx + i;
    };
    std::size_t shown = 0;
    for (int k = kLo; k <= kHi; ++k)
        for (int j = 0; j < g.ny; ++j)
            for (int i = 0; i < g.nx; ++i) {
                const double v = grid.cellValue(*lithok, i, j, k);
                if (std::isnan(v)) continue;
                const int c = static_cast<int>(v);
                if (filter.hiddenClasses.count(c) || !soil::lithoclass(c) || !kept(i, j)) continue;
                if (strat && !filter.hiddenUnits.empty()) {
                    const double u = grid.cellValue(*strat, i, j, k);
                    if (!std::isnan(u) && filter.hiddenUnits.count(static_cast<int>(u))) continue;
                }
                cls[at(i, j, k)] = static_cast<std::int8_t>(c);
                ++shown;
            }
    if (!shown) return nullptr;
    auto drawn = [&](int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= kLo && i < g.nx && j < g.ny && k <= kHi &&
               cls[at(i, j, k)] >= 0;
    };
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> quads;
    vtkNew<vtkUnsignedCharArray> colours;
    colours->SetName("colours");
    colours->SetNumberOfComponents(3);
    std::size_t faces = 0;
    for (int k = kLo; k <= kHi; ++k) {
        // Cut to the level range.
        const double z0 = std::max(zLo, g.origin.z + k * g.cellSize.z) - o.z;
        const double z1 = std::min(zHi, g.origin.z + (k + 1) * g.cellSize.z) - o.z;
        if (z1 <= z0) continue;
        for (int j = 0; j < g.ny; ++j)
            for (int i = 0; i < g.nx; ++i) {
                const int c = cls[at(i, j, k)];
                if (c < 0) continue;
                const double x0 = g.origin.x + i * g.cellSize.x - o.x, x1 = x0 + g.cellSize.x;
                const double y0 = g.origin.y + j * g.cellSize.y - o.y, y1 = y0 + g.cellSize.y;
                const auto rgb = soil::lithoclass(c)->rgb;
                auto quad = [&](std::array<std::array<double, 3>, 4> p) {
                    vtkIdType ids[4];
                    for (int q = 0; q < 4; ++q) ids[q] = points->InsertNextPoint(p[q].data());
                    quads->InsertNextCell(4, ids);
                    colours->InsertNextTuple3(rgb[0], rgb[1], rgb[2]);
                    ++faces;
                };
                if (!drawn(i - 1, j, k))
                    quad({{{x0, y0, z0}, {x0, y0, z1}, {x0, y1, z1}, {x0, y1, z0}}});
                if (!drawn(i + 1, j, k))
                    quad({{{x1, y0, z0}, {x1, y1, z0}, {x1, y1, z1}, {x1, y0, z1}}});
                if (!drawn(i, j - 1, k))
                    quad({{{x0, y0, z0}, {x1, y0, z0}, {x1, y0, z1}, {x0, y0, z1}}});
                if (!drawn(i, j + 1, k))
                    quad({{{x0, y1, z0}, {x0, y1, z1}, {x1, y1, z1}, {x1, y1, z0}}});
                if (!drawn(i, j, k - 1) || z0 > g.origin.z + k * g.cellSize.z - o.z)
                    quad({{{x0, y0, z0}, {x0, y1, z0}, {x1, y1, z0}, {x1, y0, z0}}});
                if (!drawn(i, j, k + 1) || z1 < g.origin.z + (k + 1) * g.cellSize.z - o.z)
                    quad({{{x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}}});
            }
    }
    if (stats) *stats = {shown, faces};
    vtkNew<vtkPolyData> pd;
    pd->SetPoints(points);
    pd->SetPolys(quads);
    pd->GetCellData()->AddArray(colours);
    auto actor = detail::actorFor(pd, opacity);
    actor->PickableOff();
    actor->GetProperty()->SetAmbient(0.4);
    actor->GetProperty()->SetDiffuse(0.6);
    return actor;
}

}  // namespace bz::render
