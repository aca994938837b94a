// Level of detail for the linear networks (cables, pipes, sewers): the project is cut into tiles
// and each tile is drawn, per frame, at the detail its distance allows:
//  - tubes at true diameter per diameter class, once that class spans a few pixels;
//  - exact lines when a pixel covers less than the finest clustering cell;
//  - vertex-clustered lines (geom::clusterSegments) with cells below a pixel's footprint further
//    away, so a street with twenty parallel cables costs one line where they merge into a pixel.
// VTK's frustum culler skips the tiles outside the view. Levels are built on first use, so the
// first frame only pays for what it shows.
#pragma once

#include <vtkActor.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <array>
#include <memory>
#include <vector>

#include <bodemzicht/core/Bounds.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/render/SceneRenderer.h>

#include "LodCommon.h"

namespace bz::render::detail {

class NetworkLod {
  public:
    // Clustering cells of the line levels (m); level 0 draws exact lines.
    static constexpr std::array<double, 10> kCellSizes{0.0, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64};
    // The coarsest level whose cell is at most this many pixels is drawn.
    static constexpr double kCellPixels = 2.0;
    // Diameter classes with their own tube actors (upper bounds, m).
    static constexpr std::array<double, 3> kDiameterClasses{0.15, 0.4, 1e9};
    // A class is drawn as tubes once its largest diameter covers this many pixels.
    static constexpr double kTubePixels = 3.0;

    // The objects of one layer (kAllLayers: every layer), their opacity multiplied by `opacity`
    // (a faded layer).
    NetworkLod(const model::Dataset& ds, core::Vec3 origin, const RenderOptions& options,
               core::StringPool::Id layer = kAllLayers, double opacity = 1.0);
    ~NetworkLod();

    // Every tile actor (hidden until chosen), for adding to the renderer and exaggeration.
    std::vector<vtkSmartPointer<vtkActor>> actors() const;
    // Chooses each tile's detail for the renderer's camera and the actors' vertical exaggeration
    // (call before every render).
    void update(vtkRenderer* renderer);
    // Moving frames choose their detail as if pixels were `factor` times larger (1: still frames).
    void setCoarsening(double factor) { coarsening_ = factor; }
    std::size_t segmentCount() const { return segments_.size(); }
    // Segments drawn in the last update (lines after clustering, plus tubed ones), for tests.
    std::size_t drawnSegments() const { return drawn_; }

  private:
    struct Segment {
        float a[3], b[3];
        float radius;
        std::int32_t feature;
        Rgb colour;
        bool assumed;
        bool proposed;  // gets a white outline where drawn as a tube
    };
    struct Tile;
    // Building a level only reads the tile and the segments (it runs on worker threads); the
    // caller hands the result to the tile's actor.
    struct BuiltLines {
        vtkSmartPointer<vtkPolyData> lines;
        std::size_t count = 0;
    };
    BuiltLines buildLines(const Tile& t, std::size_t level, double exaggeration) const;
    // Tubes of one diameter class: measured and assumed depths (either may be null).
    // Tubes of one diameter class: measured, assumed (banded) and the outlines of proposed ones.
    std::array<vtkSmartPointer<vtkPolyData>, 3> buildTubes(const Tile& t, std::size_t cls) const;

    std::vector<Segment> segments_;
    std::vector<std::unique_ptr<Tile>> tiles_;
    double coarsening_ = 1.0;
    std::size_t drawn_ = 0;
};

}  // namespace bz::render::detail
