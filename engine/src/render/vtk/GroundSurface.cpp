#include "GroundSurface.h"

#include <vtkCellArray.h>
#include <vtkPoints.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace bz::render::detail {

namespace {
// Blocks of 64 cells: triangles up to 64 cells across where the ground is flat, and blocks
// small enough that the grid fits the scene's bounds with nearly square cells.
constexpr int kBlockCells = 64;
}  // namespace

GroundSurface::GroundSurface(const model::GroundLevel& ground, const core::Bounds3& b, core::Vec3 o,
                             int maxCells) {
    if (!ground.available() || b.empty()) return;
    const double w = std::max(b.hi.x - b.lo.x, 1.0), h = std::max(b.hi.y - b.lo.y, 1.0);
    const double target = std::max(std::max(w, h) / maxCells, 1.0);
    const int blocksX = std::max(1, static_cast<int>(std::lround(w / (kBlockCells * target))));
    const int blocksY = std::max(1, static_cast<int>(std::lround(h / (kBlockCells * target))));
    const int nx = blocksX * kBlockCells + 1, ny = blocksY * kBlockCells + 1;
    cellX_ = w / (nx - 1);
    cellY_ = h / (ny - 1);
    x0_ = b.lo.x - o.x;
    y0_ = b.lo.y - o.y;
    z0_ = o.z;
    std::vector<double> z(static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny));
    bool any = false;
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
            double v = ground.at(b.lo.x + i * cellX_, b.lo.y + j * cellY_);
            z[static_cast<std::size_t>(j) * nx + i] = v;
            any |= !std::isnan(v);
        }
    if (any) heights_ = std::make_unique<geom::HeightFieldMesh>(std::move(z), nx, ny, kBlockCells);
}

vtkSmartPointer<vtkPolyData> GroundSurface::polyData(
    const geom::HeightFieldMesh::Mesh& mesh) const {
    vtkNew<vtkPoints> points;
    points->SetDataTypeToFloat();
    points->SetNumberOfPoints(static_cast<vtkIdType>(mesh.vertices.size()));
    const auto nx = static_cast<std::uint32_t>(heights_->nx());
    for (std::size_t k = 0; k < mesh.vertices.size(); ++k) {
        const int i = static_cast<int>(mesh.vertices[k] % nx),
                  j = static_cast<int>(mesh.vertices[k] / nx);
        points->SetPoint(static_cast<vtkIdType>(k), x0_ + i * cellX_, y0_ + j * cellY_,
                         heights_->height(i, j) - z0_);
    }
    vtkNew<vtkCellArray> polys;
    polys->AllocateExact(static_cast<vtkIdType>(mesh.triangles.size()),
                         static_cast<vtkIdType>(3 * mesh.triangles.size()));
    for (const auto& t : mesh.triangles) {
        vtkIdType ids[3] = {t[0], t[1], t[2]};
        polys->InsertNextCell(3, ids);
    }
    auto pd = vtkSmartPointer<vtkPolyData>::New();
    pd->SetPoints(points);
    pd->SetPolys(polys);
    return pd;
}

vtkSmartPointer<vtkPolyData> GroundSurface::surface(double maxErrorM) const {
    return polyData(heights_->extract(maxErrorM));
}

vtkSmartPointer<vtkPolyData> GroundSurface::surfaceAtMost(std::size_t maxTriangles,
                                                          double minErrorM,
                                                          double maxErrorM) const {
    return polyData(heights_->extractAtMost(maxTriangles, minErrorM, maxErrorM));
}

}  // namespace bz::render::detail
