// Builds the VTK actors of a dataset (private to the engine: VTK types stop here).
#pragma once

#include "SoilVoxels.h"

#include <vtkActor.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <memory>
#include <tuple>
#include <vector>

#include <bodemzicht/render/SceneRenderer.h>

namespace bz::render::detail {

struct ClashMarkerLevels {
    std::vector<std::pair<double, vtkSmartPointer<vtkActor>>> levels;  // grid cell (m, 0: all)
    bool moving = false;
};

struct VtkScene {
    vtkSmartPointer<vtkRenderer> renderer;
    std::vector<vtkSmartPointer<vtkActor>> actors;  // all, for exaggeration
    vtkSmartPointer<vtkActor> ground;               // full resolution, lit: still frames
    vtkSmartPointer<vtkActor> movingGround;  // coarse and unlit: frames while the camera moves
    // Groundwater sheets (GHG, GLG), like the ground: exact for still frames, coarse for moving.
    std::vector<vtkSmartPointer<vtkActor>> groundwater, movingGroundwater;
    vtkSmartPointer<vtkActor> soil;  // the soil model's voxels (RenderOptions::showSoil)
    SoilVoxelStats soilStats;
    std::vector<vtkSmartPointer<vtkActor>> contamination;  // isosurfaces of contamination grids
    // What the groundwater sheets were built for (shown, GHG, GLG): a rebuild that keeps these
    // reuses the sheets, and the ground, instead of simplifying the rasters again.
    std::tuple<bool, const void*, const void*> sheetsBuiltFor{};
    // Tiled networks and bodies (Auto style), one pair per faded layer or one for all.
    std::vector<std::shared_ptr<class NetworkLod>> networkLods;
    std::vector<std::shared_ptr<class BodyLod>> bodyLods;
    vtkSmartPointer<vtkActor> envelope;  // the selected clash's clearance envelope
    std::vector<vtkSmartPointer<vtkActor>> selectedMarker;  // its emphasised marker (overlay)
    std::vector<vtkSmartPointer<vtkActor>> measuringMarks;  // measuring points and line (overlay)
    std::vector<vtkSmartPointer<vtkActor>> overlayLines;    // RenderOptions::overlayLines
    bool moving = false;
    // Moving frames choose detail as if pixels were this many times larger (render::MovingDetail).
    double movingCoarsening = 3.0;
    double exaggeration = 1.0;
    double clipLo = 0, clipHi = 0;  // NAP range drawn of volumes "at every depth"
    core::Vec3 origin;              // RD/NAP of the local (0, 0, 0)
    // Observation markers (local coordinates, pick id), drawn as points kMarkerPixels across:
    // picked by their distance on screen.
    std::vector<std::pair<core::Vec3, long>> observationMarkers;
    vtkSmartPointer<vtkActor> observationActor;
    // Layer 1 over the scene, sharing its camera: what must show through everything (the clash
    // markers, through an opaque ground too).
    vtkSmartPointer<vtkRenderer> overlay;
    // Clash markers per level of detail, one shown a frame (shared with the frame observer).
    std::shared_ptr<struct ClashMarkerLevels> clashMarkers;
    core::Bounds3 bounds;  // local coordinates
};

// Every actor has cell data "feature" (the feature index, -1 for markers) for picking. A scene
// rebuilt from `previous` (visibility, opacity or slice changed) reuses its ground surfaces.
VtkScene buildScene(const model::Dataset& ds, const model::GroundLevel& ground,
                    const RenderOptions& options, const VtkScene* previous = nullptr);
void applyView(VtkScene& scene, const std::string& view, double exaggeration);
// A camera given in RD/NAP (a clash's viewpoint), at the exaggeration.
void applyWorldCamera(VtkScene& scene, const WorldCamera& camera, double exaggeration);
// The clipping range for what is in view: VTK's from the bounds, with the near plane following the
// camera's distance to its focal point, so that a camera metres from an object in a kilometres
// wide project does not cut it away.
void resetClippingRange(vtkRenderer* renderer);
// Metres a pixel covers at the camera's focal point (its orthographic scale when parallel).
double metresPerPixel(vtkCamera* camera, int heightPx);
void applyExaggeration(VtkScene& scene, double exaggeration);
// Replaces the lines drawn in the overlay (RenderOptions::overlayLines).
void setOverlayLines(VtkScene& s, const std::vector<RenderOptions::OverlayLine>& lines);
// Replaces the measuring points and line drawn in the overlay.
void setMeasuringPoints(VtkScene& s, const std::vector<core::Vec3>& points);
// Replaces the selected clash's envelope (both objects widened by the required clearance).
void setHighlight(VtkScene& scene, const model::Dataset& ds, const RenderOptions::Highlight& h);
// Moving frames (the camera is being dragged) trade exactness for speed: plain alpha blending of
// the translucent objects instead of depth peeling, a coarse unlit ground. Still frames peel.
void setMoving(VtkScene& scene, bool moving);
void setMovingCoarsening(VtkScene& scene, double coarsening);
// The see-through lens in the ground (window pixels from the bottom-left; radius 0: off).
void setLens(VtkScene& scene, core::Vec2 centerPx, double radiusPx);
// Puts the scene's renderers (the scene and its overlay) into a window, or takes them out.
void attach(vtkRenderWindow* window, VtkScene& scene);
void detach(vtkRenderWindow* window, VtkScene& scene);
// An offscreen render window (X/GLX under Xvfb) showing the scene, rendered once.
vtkSmartPointer<vtkRenderWindow> renderOffscreen(VtkScene& scene, int width, int height);

// Feature index at a pixel (origin top-left) of a rendered window of the given height, or -1.
long pickFeature(VtkScene& scene, int x, int y, int windowHeight);

}  // namespace bz::render::detail
