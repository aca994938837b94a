#include "Isosurface.h"

#include <bodemzicht/render/SceneRenderer.h>

#include "SoilVoxels.h"

#include <vtkFloatArray.h>
#include <vtkFlyingEdges3D.h>
#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>

#include <chrono>
#include <cmath>
#include <limits>

namespace bz::render {

vtkSmartPointer<vtkActor> isosurfaceActor(const model::Field& grid, std::size_t variable,
                                          double level, Rgb colour, core::Vec3 o, double opacity,
                                          std::size_t* triangles) {
    const auto& g = grid.grid();
    if (g.nx < 2 || g.ny < 2 || g.nz < 2) return nullptr;
    vtkNew<vtkImageData> image;
    image->SetDimensions(g.nx, g.ny, g.nz);
    // Samples at the cell centres, relative to the local origin.
    image->SetOrigin(g.origin.x + g.cellSize.x / 2 - o.x, g.origin.y + g.cellSize.y / 2 - o.y,
                     g.origin.z + g.cellSize.z / 2 - o.z);
    image->SetSpacing(g.cellSize.x, g.cellSize.y, g.cellSize.z);
    vtkNew<vtkFloatArray> values;
    values->SetName("value");
    values->SetNumberOfTuples(static_cast<vtkIdType>(g.cellCount()));
    // Below every level where there is no data: the surface closes there instead of leaking.
    const float none = -std::numeric_limits<float>::max();
    vtkIdType at = 0;
    for (int k = 0; k < g.nz; ++k)
        for (int j = 0; j < g.ny; ++j)
            for (int i = 0; i < g.nx; ++i) {
                const double v = grid.cellValue(variable, i, j, k);
                values->SetValue(at++, std::isnan(v) ? none : static_cast<float>(v));
            }
    image->GetPointData()->SetScalars(values);
    vtkNew<vtkFlyingEdges3D> contour;
    contour->SetInputData(image);
    contour->SetValue(0, level);
    contour->ComputeNormalsOn();
    contour->ComputeScalarsOff();
    contour->Update();
    vtkPolyData* surface = contour->GetOutput();
    if (triangles) *triangles = static_cast<std::size_t>(surface->GetNumberOfCells());
    if (surface->GetNumberOfCells() == 0) return nullptr;
    vtkNew<vtkPolyData> copy;
    copy->DeepCopy(surface);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(copy);
    mapper->ScalarVisibilityOff();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(colour.r / 255.0, colour.g / 255.0, colour.b / 255.0);
    actor->GetProperty()->SetOpacity(opacity);
    actor->GetProperty()->SetAmbient(0.4);
    actor->GetProperty()->SetDiffuse(0.6);
    actor->PickableOff();
    return actor;
}

SoilLayersBuilt buildSoilLayers(const RenderOptions& options) {
    using Clock = std::chrono::steady_clock;
    SoilLayersBuilt out;
    auto t0 = Clock::now();
    if (options.soil) {
        SoilVoxelStats stats;
        SoilVoxelFilter filter;
        filter.hiddenClasses = options.hiddenLithoclasses;
        filter.hiddenUnits = options.hiddenSoilUnits;
        filter.cut = options.soilCut;
        (void)soilVoxelActor(*options.soil, filter, options.soil->grid().origin, 1.0, &stats);
        out.voxels = stats.voxels;
        out.voxelFaces = stats.faces;
    }
    auto t1 = Clock::now();
    for (const auto& iso : options.contamination) {
        std::size_t triangles = 0;
        if (iso.grid)
            (void)isosurfaceActor(*iso.grid, iso.variable, iso.level, iso.colour,
                                  iso.grid->grid().origin, 1.0, &triangles);
        out.surfaceTriangles += triangles;
    }
    auto t2 = Clock::now();
    out.voxelsMs = std::chrono::duration<double, std::milli>(t1 - t0).count();
    out.surfacesMs = std::chrono::duration<double, std::milli>(t2 - t1).count();
    return out;
}

}  // namespace bz::render
