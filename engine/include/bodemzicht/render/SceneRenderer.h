// Renders a dataset with VTK, relative to a local origin (float32 at RD coordinates would jitter by
// centimetres): cables and pipes as tubes at their true diameter coloured by theme, assumed depths
// translucent, bodies as cylinders or boxes, prisms as translucent volumes, the ground surface from
// the ground-level raster, clash markers. VTK stays behind this header.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Basemap.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/GroundLevel.h>
#include <bodemzicht/render/FramePacer.h>
#include <bodemzicht/render/MovingDetail.h>
#include <bodemzicht/render/ThemeColours.h>
#include <bodemzicht/sewer/ObservationPlacement.h>

namespace bz::render {

struct ClashMarker {
    core::Vec3 position;  // RD/NAP
    std::string kind;     // hard, clearance, ...
    std::string label;
    std::string certainty;  // certain, likely, possible or "" (clash::toCode)
};

// A clash marker's colour: the kind's, paler the less sure the clash is (possible: half white).
Rgb clashMarkerColour(const ClashMarker& marker);

// A camera in RD/NAP (no exaggeration): where it stands, what it looks at, which way is up.
// parallelScaleM > 0: an orthographic view showing twice that many metres top to bottom.
struct WorldCamera {
    core::Vec3 position, focalPoint, viewUp{0, 0, 1};
    double viewAngleDeg = 45;  // vertical field of view of a perspective camera
    double parallelScaleM = 0;
};

struct RenderOptions {
    int width = 1280, height = 720;
    std::string view = "overview";      // overview | top | street
    std::optional<WorldCamera> camera;  // when set, instead of the view's camera
    double verticalExaggeration = 1.0;
    double groundOpacity = 0.3;  // 1: opaque ground, lower: x-ray
    std::vector<ClashMarker> clashes;
    std::set<std::string> hiddenLayers, hiddenThemes;  // per-layer / per-theme visibility
    std::map<std::string, double> layerOpacity;        // per-layer opacity factor (default 1)
    // Depth slice: only objects reaching between these levels (m NAP); NaN: no slice.
    double sliceBottomZ = std::numeric_limits<double>::quiet_NaN();
    double sliceTopZ = std::numeric_limits<double>::quiet_NaN();
    // The same in depth below ground (m, positive down), with the ground it is measured from:
    // a cable is shown where any part of it lies between the two depths below the ground above
    // it. Objects where the ground is unknown stay shown.
    double sliceTopBelowGroundM = std::numeric_limits<double>::quiet_NaN();
    double sliceBottomBelowGroundM = std::numeric_limits<double>::quiet_NaN();
    model::GroundLevel sliceGround;
    // Networks and bodies: Auto is the tiled level of detail (tubes near, exact then clustered
    // lines further away, chosen per frame). Tubes and Lines draw every segment so and every body
    // in full: the naive pipelines, kept to compare with.
    enum class NetworkStyle { Auto, Tubes, Lines } networkStyle = NetworkStyle::Auto;
    // The selected clash: an envelope of the violated clearance (radius + required clearance)
    // in the clash's colour around the stretch of each object where the clearance is violated
    // (where none is, around the stretch closest to the other object), and its marker emphasised
    // (a larger disc with a white ring) when `location` is given.
    struct Highlight {
        long featureA = -1, featureB = -1;
        double requiredM = 0;
        std::string kind;
        std::optional<core::Vec3> location;  // RD/NAP
    } highlight;
    // A base map (roads, buildings: io::readBasemap) drawn as lines on the ground, 5 cm above
    // it; where the ground is unknown, at the top of the data.
    std::shared_ptr<const model::Basemap> basemap;
    bool showBasemap = true;
    // Measuring points (RD/NAP), drawn over everything as discs joined by a line.
    std::vector<core::Vec3> measuringPoints;
    // Lines drawn over everything (RD/NAP): a route found by the free-space finder, the stretches
    // where nothing fits.
    struct OverlayLine {
        std::vector<core::Vec3> points;
        Rgb colour{0, 0, 0};
        float widthPx = 3;
    };
    std::vector<OverlayLine> overlayLines;
    // See-through lens: the ground is cut away within this many pixels of lensCenterPx (pixels
    // from the bottom-left, as OpenGL counts); 0: no lens.
    double lensRadiusPx = 0;
    core::Vec2 lensCenterPx;
    // Draw the vertical uncertainty band of networks whose depth is assumed or derived.
    bool showUncertainty = false;
    double defaultUncertaintyM = 0.5;  // for assumed depths without a stated band (rule set)
    // Groundwater levels (the project's GHG and GLG rasters, m NAP) drawn as translucent sheets,
    // GHG light and GLG dark blue; null or without data: not drawn.
    std::shared_ptr<const model::GroundLevel> ghg, glg;
    bool showGroundwater = false;
    // The soil model (GeoTOP: a 3D field with `lithok`) as voxels in the lithoclass colours,
    // without the classes and stratigraphic units (`strat`) hidden, cut by the depth slice in
    // m NAP when one is set, and by a vertical section (RD, from -> to: the voxels whose centre
    // lies left of it stay, so the section's face shows the soil along it).
    std::shared_ptr<const model::Field> soil;
    bool showSoil = false;
    std::set<int> hiddenLithoclasses, hiddenSoilUnits;
    std::optional<std::pair<core::Vec2, core::Vec2>> soilCut;
    double soilOpacity = 0.5;
    // Contamination grids: per substance the surface where it reaches `level` (the intervention
    // value unless the user picks another), in its colour.
    struct Isosurface {
        std::string name;  // "lood (contamination_plume)"
        std::shared_ptr<const model::Field> grid;
        std::size_t variable = 0;
        double level = 0;
        Rgb colour{90, 60, 40};
    };
    std::vector<Isosurface> contamination;
    bool showContamination = false;
    // WKO wells' thermal radii (clash::RuleSet::thermalRadius) over their screens, warm or cold.
    struct ThermalZone {
        core::Vec2 centre;
        double topZ = 0, bottomZ = 0, radiusM = 0;  // the screen, m NAP
        bool warm = true;
    };
    std::vector<ThermalZone> thermalZones;
    bool showThermalZones = false;
    // A legend of the themes shown (their KLIC colours) in the image's top-left corner: for
    // screenshots, which have no panels around them.
    bool showLegend = false;
    // Networks in their theme colour, or sewer pipes by condition class (from their inspections:
    // green 1 to red 5, grey not inspected; sewer::conditionColour) and the rest in theme colour.
    enum class ColourBy { Theme, Condition } colourBy = ColourBy::Theme;
    // Sewer observations as markers on the pipe wall at their distance and clock position,
    // coloured by class; pickable (isObservationPick).
    bool showObservations = false;
    sewer::ObservationFilter observationFilter;
};

// Picking an observation marker gives kObservationPickBase + its index in
// Dataset::observations.
inline constexpr long kObservationPickBase = 1L << 40;
inline bool isObservationPick(long id) {
    return id >= kObservationPickBase;
}

// A feature's colour under the options (theme, or condition class for sewer pipes).
Rgb featureColour(const model::Dataset& ds, const model::Feature& f, const RenderOptions& options);

// Whether a feature is drawn under the options' visibility and depth slice.
bool isShown(const model::Dataset& ds, const model::Feature& f, const RenderOptions& options);

struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;  // row 0 is the top row
    Rgb at(int x, int y) const {
        const std::uint8_t* p = &rgb[(static_cast<std::size_t>(y) * width + x) * 3];
        return {p[0], p[1], p[2]};
    }
};

// The local origin used for rendering: the dataset's bounds centre rounded to 100 m.
core::Vec3 renderOrigin(const model::Dataset& ds);

// Builds (does not draw) the soil voxels and contamination surfaces the options ask for, timed:
// `bodem bench soil`. No display needed.
struct SoilLayersBuilt {
    double voxelsMs = 0, surfacesMs = 0;
    std::size_t voxels = 0, voxelFaces = 0, surfaceTriangles = 0;
};
SoilLayersBuilt buildSoilLayers(const RenderOptions& options);

// Offscreen render. Needs an X display (run under xvfb-run on servers): VTK in Debian 12 is GLX
// only.
core::Result<Image> renderImage(const model::Dataset& ds, const model::GroundLevel& ground,
                                const RenderOptions& options);
core::Result<void> writePng(const Image& image, const std::string& path);
// Many pictures of one scene from different cameras (report and BCF snapshots): the scene is
// built once, offscreen.
class SnapshotRenderer {
  public:
    static core::Result<std::unique_ptr<SnapshotRenderer>> create(const model::Dataset& ds,
                                                                  const model::GroundLevel& ground,
                                                                  const RenderOptions& options);
    ~SnapshotRenderer();
    Image render(const WorldCamera& camera, const RenderOptions::Highlight& highlight = {});
    // One of the preset views (overview, top, street) of the whole scene, without a highlight.
    Image render(const std::string& view);

  private:
    SnapshotRenderer();
    struct Private;
    std::unique_ptr<Private> d;
};

// The image as PNG bytes (for a report or a BCF snapshot).
core::Result<std::vector<std::uint8_t>> encodePng(const Image& image);

// Renders `frames` frames of a camera orbit around the whole project offscreen and returns the
// time of each (ms), for `bodemzicht --benchmark N`. Levels of detail are built when first needed,
// during the timed frames; `warm` flies the orbit once untimed first (levels cached, as after the
// first moments in the viewer). Moving frames adapt their detail to `detail`'s budget as the
// viewer does (its final state is left there); without one, they draw the finest moving detail.
core::Result<std::vector<double>> benchmarkOrbit(const model::Dataset& ds,
                                                 const model::GroundLevel& ground,
                                                 const RenderOptions& options, int frames,
                                                 FrameQuality quality = FrameQuality::Moving,
                                                 bool warm = false, MovingDetail* detail = nullptr);

// Flies to each view in turn as the viewer does when a clash is chosen (its envelope and marker,
// the camera, an exact still frame) and returns the time of each (ms), for
// `bodemzicht --benchmark-flyto N`. The scene is built first, untimed.
core::Result<std::vector<double>> benchmarkFlyTo(
    const model::Dataset& ds, const model::GroundLevel& ground, const RenderOptions& options,
    const std::vector<std::pair<WorldCamera, RenderOptions::Highlight>>& views);

// True when an X display is available for rendering.
bool displayAvailable();

// An interactive view for the viewer: VTK renders into the caller's current OpenGL context
// (GLFW) into its own framebuffer, whose colour texture the caller shows (Dear ImGui).
class Viewport {
  public:
    Viewport(const model::Dataset& ds, const model::GroundLevel& ground,
             const RenderOptions& options);
    ~Viewport();
    Viewport(const Viewport&) = delete;
    Viewport& operator=(const Viewport&) = delete;

    void initializeFromCurrentContext();  // after the GL context is current and GLEW is loaded
    void resize(int width, int height);
    unsigned render();  // returns the GL texture holding the image
    void orbit(double dxDeg, double dyDeg);
    void zoom(double factor);
    // Metres a pixel covers at the focal point (the orthographic scale in the top view).
    double metresPerPixel() const;
    void pan(double dxPx, double dyPx);
    void setView(const std::string& view);
    void setGroundOpacity(double opacity);
    // Moving while the user drags or scrolls; Still for the exact frame after.
    void setQuality(FrameQuality quality);
    // How coarse moving frames are (MovingDetail::coarsening).
    void setMovingCoarsening(double coarsening);
    // Network segments drawn in the last frame after level of detail (0 without tiling).
    std::size_t drawnSegments() const;
    void setVerticalExaggeration(double factor);
    // Moves the see-through lens (viewport pixels, origin top-left); radius 0 switches it off.
    void setLens(int x, int y, double radiusPx);
    // Feature index under a viewport pixel (origin top-left), or -1.
    long pick(int x, int y);
    // The surface point (RD/NAP, exaggeration undone) under a pixel, for measuring.
    std::optional<core::Vec3> pickPoint(int x, int y);
    // Shows the envelope of a selected clash (or none) without rebuilding the scene.
    void setHighlight(const RenderOptions::Highlight& highlight);
    // Shows the measuring points and the line between them, without rebuilding the scene.
    void setMeasuringPoints(const std::vector<core::Vec3>& points);
    // Replaces the overlay lines, without rebuilding the scene.
    void setOverlayLines(const std::vector<RenderOptions::OverlayLine>& lines);
    // Rebuilds the objects after visibility, slice or clash markers changed; keeps the camera.
    void rebuild(const RenderOptions& options);
    // Points the camera at an RD/NAP location from a few metres away (a clash, a bookmark).
    void flyTo(core::Vec3 target, double distanceM = 12.0);
    struct CameraState {
        core::Vec3 position, focalPoint, viewUp;
    };
    CameraState camera() const;  // local coordinates, heights exaggerated
    void setCamera(const CameraState& state);
    // The same in RD/NAP without exaggeration (bookmarks): valid at any exaggeration.
    CameraState worldCamera() const;
    void setWorldCamera(const CameraState& state);
    // Places the camera with its field of view (and orthographic scale), in RD/NAP.
    void lookFrom(const WorldCamera& camera);

  private:
    struct Private;
    std::unique_ptr<Private> d;
};

}  // namespace bz::render
