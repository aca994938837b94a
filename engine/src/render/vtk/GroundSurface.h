// The ground surface drawn from the ground-level raster: sampled on a grid over the scene and
// simplified with a guaranteed vertical error (geom::HeightFieldMesh).
#pragma once

#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

#include <memory>

#include <bodemzicht/core/Bounds.h>
#include <bodemzicht/core/Vec.h>
#include <bodemzicht/geom/HeightFieldMesh.h>
#include <bodemzicht/model/GroundLevel.h>

namespace bz::render::detail {

class GroundSurface {
  public:
    // Samples the ground over bounds (RD/NAP) at most maxCells cells along the longer side and
    // cells of at least 1 m; positions relative to origin o.
    GroundSurface(const model::GroundLevel& ground, const core::Bounds3& bounds, core::Vec3 o,
                  int maxCells = 512);
    bool empty() const { return !heights_; }
    // Every sample within maxErrorM (vertically) of the surface.
    vtkSmartPointer<vtkPolyData> surface(double maxErrorM) const;
    // The finest surface with at most maxTriangles, its error at most maxErrorM (which wins).
    vtkSmartPointer<vtkPolyData> surfaceAtMost(std::size_t maxTriangles, double minErrorM,
                                               double maxErrorM) const;

  private:
    vtkSmartPointer<vtkPolyData> polyData(const geom::HeightFieldMesh::Mesh& mesh) const;
    std::unique_ptr<geom::HeightFieldMesh> heights_;
    double x0_ = 0, y0_ = 0, cellX_ = 1, cellY_ = 1, z0_ = 0;
};

}  // namespace bz::render::detail
