// Level of detail for the vertical bodies (trees with their root zones, manholes, wells,
// cabinets): tiles as in NetworkLod, each drawn per frame with polygons whose edges span a few
// pixels; bodies thinner than about a pixel become vertical lines. Levels are built on first use.
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
#include "MeshBuilder.h"

namespace bz::render::detail {

// One drawable piece of a body: an upright cylinder or box, local coordinates.
struct BodyPart {
    core::Vec2 centre;
    double radius = 0;                  // cylinders (at the bottom for a frustum)
    double topRadius = -1;              // >= 0: a frustum narrowing (or widening) to this
    std::vector<core::Vec2> footprint;  // boxes (counter-clockwise); empty for cylinders
    double bottom = 0, top = 0;
    Rgb colour;
    long feature = -1;
    bool translucent = false;  // root zones
    int sides = 20;            // of the exact cylinder
};

// The parts of a vertical-body feature: a tree is its stem, its crown and its root zone. What a
// tree has above ground is built for the vertical exaggeration `e` (heights divided by it), so
// that the exaggeration, which is for what lies below ground, does not stretch it.
std::vector<BodyPart> bodyParts(const model::Dataset& ds, std::size_t featureIndex, core::Vec3 o,
                                double e = 1.0);

// Adds a part to the solid or translucent mesh with `sides` sides (0: its exact side count).
void addBodyPart(MeshBuilder& solid, MeshBuilder& translucent, const BodyPart& part, int sides = 0);

class BodyLod {
  public:
    // Nominal metres per pixel of each level; level 0 is exact.
    static constexpr std::array<double, 10> kFootprints{0.0, 0.05, 0.1, 0.2,  0.4,
                                                        0.8, 1.6,  3.2, 12.8, 51.2};
    // Polygon edges of about this many pixels.
    static constexpr double kEdgePixels = 8.0;
    // From this footprint (m per pixel) on, translucent volumes (root zones) are drawn as their
    // lid.
    static constexpr double kLidFootprint = 0.4;

    // The objects of one layer (kAllLayers: every layer), their opacity multiplied by `opacity`
    // (a faded layer).
    BodyLod(const model::Dataset& ds, core::Vec3 origin, const RenderOptions& options,
            core::StringPool::Id layer = kAllLayers, double opacity = 1.0);
    ~BodyLod();
    std::vector<vtkSmartPointer<vtkActor>> actors() const;
    void update(vtkRenderer* renderer);
    // Moving frames choose their detail as if pixels were `factor` times larger (1: still frames).
    void setCoarsening(double factor) { coarsening_ = factor; }
    std::size_t bodyCount() const { return parts_.size(); }

  private:
    struct Tile;
    // A level's solid, translucent and line meshes (null where empty); reads only, so levels
    // are built side by side, and the caller hands them to the tile's actors.
    std::array<vtkSmartPointer<vtkPolyData>, 3> build(const Tile& t, std::size_t level) const;
    std::vector<BodyPart> parts_;
    std::vector<std::unique_ptr<Tile>> tiles_;
    double coarsening_ = 1.0;
};

}  // namespace bz::render::detail
