#include "VtkScene.h"

#include "Isosurface.h"
#include "SoilVoxels.h"
#include "ThermalZones.h"

#include <bodemzicht/sewer/ConditionColours.h>

#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkCellPicker.h>
#include <vtkCommand.h>
#include <vtkCoordinate.h>
#include <vtkIdTypeArray.h>
#include <vtkLegendBoxActor.h>
#include <vtkLight.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderStepsPass.h>
#include <vtkShaderProperty.h>
#include <vtkTextProperty.h>
#include <vtkTranslucentPass.h>
#include <vtkUniforms.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include <bodemzicht/geom/Decompose.h>

#include "BodyLod.h"
#include "GroundSurface.h"
#include "LodCommon.h"
#include "MeshBuilder.h"
#include "NetworkLod.h"

namespace bz::render::detail {

extern const char* const kGroundLensGlsl;  // generated from shaders/ground_lens.glsl

using model::DepthProvenance;
using model::GeometryKind;

namespace {

// The ground's triangles lie within 2 cm of the raster samples, unless that needs more than a
// cap (rough ground, e.g. AHN with buildings removed): then the finest mesh within the cap, up to
// 0.25 m in still frames and 0.5 m while the camera moves.
constexpr double kGroundErrorM = 0.02;
constexpr std::size_t kStillGroundTriangles = 50000;
constexpr double kStillGroundMaxErrorM = 0.25;
constexpr std::size_t kMovingGroundTriangles = 2000;
constexpr double kMovingGroundMaxErrorM = 0.5;
// A light sandy green: with half of its light ambient it stays light at street level, where the
// sun-less headlight grazes it (it was nearly black there).
constexpr Rgb kGroundColour{170, 185, 140};
// Groundwater sheets: GHG (mean highest level) light, GLG (mean lowest) dark blue.
constexpr Rgb kGhgColour{90, 170, 255};
constexpr Rgb kGlgColour{30, 70, 190};
constexpr double kGroundwaterOpacity = 0.3;
// Observation markers on screen: still frames; moving frames draw them smaller (point fill is
// what they cost: 18 000 markers at 8 px take ~15 ms a frame on llvmpipe, at 3 px ~3 ms).
constexpr double kMarkerPixels = 8;
constexpr double kMovingMarkerPixels = 3;
constexpr double kClashPixels = 11, kMovingClashPixels = 5;  // clash markers, on screen
constexpr double kClashCells[] = {0, 0.5, 2, 8, 32, 128};    // their levels of detail (m)

// Which of two clashes a merged marker shows: the more severe kind, then the surer.
int markerRank(const ClashMarker& m) {
    const int kind = m.kind == "hard"         ? 0
                     : m.kind == "clearance"  ? 1
                     : m.kind == "constraint" ? 2
                     : m.kind == "possible"   ? 3
                                              : 4;
    const int sure = m.certainty == "certain" ? 0 : m.certainty == "likely" ? 1 : 2;
    return kind * 3 + sure;
}

// Tubes for the linear networks of one provenance class.
vtkSmartPointer<vtkPolyData> networks(const model::Dataset& ds, core::Vec3 o, bool assumed,
                                      const RenderOptions& options, bool asTubes,
                                      core::StringPool::Id layer) {
    AxisBuilder axes;
    for (std::size_t fi = 0; fi < ds.features.size(); ++fi) {
        const auto& f = ds.features[fi];
        if (f.kind() != GeometryKind::Linear || !shownInLayer(ds, f, options, layer)) continue;
        const auto& l = ds.linears[f.geometry];
        if (depthAssumed(ds, l) != assumed) continue;
        const auto r = static_cast<float>(drawnRadius(l));
        Rgb c = featureColour(ds, f, options);
        for (std::uint32_t i = 0; i < l.vertexCount; ++i) {
            auto v = ds.vertices[l.firstVertex + i];
            if (std::isnan(v.z)) continue;  // unknown height: not drawn (bodem info lists them)
            axes.point(v.x - o.x, v.y - o.y, v.z - o.z, r, c);
        }
        axes.finish(static_cast<long>(fi));
    }
    auto pd = axes.polyData();
    return asTubes ? sweptTubes(pd, assumed) : pd;
}

// A surface actor (the ground, a groundwater level) with the see-through lens (our GLSL in
// shaders/ground_lens.glsl).
vtkSmartPointer<vtkActor> sheetActor(vtkPolyData* surface, double opacity, Rgb colour) {
    auto actor = actorFor(surface, opacity);
    // One colour, no per-cell colours to carry through simplification.
    actor->GetMapper()->ScalarVisibilityOff();
    actor->GetProperty()->SetColor(colour.r / 255.0, colour.g / 255.0, colour.b / 255.0);
    actor->GetProperty()->SetSpecular(0);
    actor->PickableOff();
    // lensCenter and lensRadius are declared by VTK as custom uniforms (setLens).
    actor->GetShaderProperty()->AddFragmentShaderReplacement(
        "//VTK::Light::Impl", true, std::string(kGroundLensGlsl) + "\n//VTK::Light::Impl\n", false);
    return actor;
}

// A surface as two actors: within 2 cm for still frames (capped, see kStillGroundTriangles) and
// coarse and unlit for moving ones (hidden until the first moving frame).
std::pair<vtkSmartPointer<vtkActor>, vtkSmartPointer<vtkActor>> sheetPair(
    const GroundSurface& surface, double opacity, Rgb colour, bool litWhenStill) {
    auto still = sheetActor(
        surface.surfaceAtMost(kStillGroundTriangles, kGroundErrorM, kStillGroundMaxErrorM), opacity,
        colour);
    if (!litWhenStill) still->GetProperty()->LightingOff();
    still->GetProperty()->SetAmbient(0.5);
    still->GetProperty()->SetDiffuse(0.5);
    auto moving = sheetActor(
        surface.surfaceAtMost(kMovingGroundTriangles, kGroundErrorM, kMovingGroundMaxErrorM),
        opacity, colour);
    moving->GetProperty()->LightingOff();
    moving->VisibilityOff();
    return {still, moving};
}

// The themes shown, most objects first (at most 16), each with its colour: a legend box in the
// top-left corner.
vtkSmartPointer<vtkLegendBoxActor> themeLegend(const model::Dataset& ds,
                                               const RenderOptions& options) {
    std::map<std::string, std::size_t> count;
    std::map<std::string, Rgb> colourOf;
    const bool byCondition = options.colourBy == RenderOptions::ColourBy::Condition;
    for (const auto& f : ds.features) {
        if (!isShown(ds, f, options)) continue;
        std::string name = ds.str(f.theme).empty() ? "?" : ds.str(f.theme);
        if (byCondition && f.type == model::ObjectType::SewerPipe) {
            const auto* c = ds.firstDetail<model::SewerCondition>(f);
            name = "riool: " + std::string(sewer::conditionName(c ? c->overall : 0));
        }
        ++count[name];
        colourOf.emplace(name, featureColour(ds, f, options));
    }
    std::vector<std::pair<std::string, std::size_t>> themes(count.begin(), count.end());
    std::stable_sort(themes.begin(), themes.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (themes.size() > 16) themes.resize(16);
    // The clash markers' kinds, after the themes (their colours; paler is less sure).
    std::map<std::string, std::size_t> kinds;
    for (const auto& m : options.clashes) ++kinds[m.kind];
    for (const char* kind : {"hard", "clearance", "constraint", "possible", "duplicate"}) {
        auto it = kinds.find(kind);
        if (it == kinds.end()) continue;
        const std::string name = std::string("conflict: ") + kind;
        themes.push_back({name, it->second});
        colourOf.emplace(name, clashColour(kind));
    }
    if (themes.empty()) return nullptr;
    auto legend = vtkSmartPointer<vtkLegendBoxActor>::New();
    legend->SetNumberOfEntries(static_cast<int>(themes.size()));
    legend->ScalarVisibilityOn();  // swatches in their own colour, names in dark grey
    for (std::size_t i = 0; i < themes.size(); ++i) {
        // A unit square in the theme's colour.
        MeshBuilder square;
        const Rgb col = colourOf.at(themes[i].first);
        auto a = square.point(0, 0, 0), b = square.point(1, 0, 0), c = square.point(1, 1, 0),
             d = square.point(0, 1, 0);
        square.triangle(a, b, c, col, -1);
        square.triangle(a, c, d, col, -1);
        auto swatch = square.polyData();
        swatch->GetCellData()->SetScalars(swatch->GetCellData()->GetArray("colours"));
        double text[3] = {0.15, 0.15, 0.15};
        legend->SetEntry(static_cast<int>(i), swatch, themes[i].first.c_str(), text);
    }
    const double h = std::min(0.9, 0.032 * static_cast<double>(themes.size()) + 0.02);
    legend->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    legend->GetPositionCoordinate()->SetValue(0.01, 0.99 - h);
    legend->GetPosition2Coordinate()->SetCoordinateSystemToNormalizedViewport();
    legend->GetPosition2Coordinate()->SetValue(0.15, h);
    legend->UseBackgroundOn();
    legend->SetBackgroundColor(1, 1, 1);
    legend->SetBackgroundOpacity(0.85);
    legend->PickableOff();
    return legend;
}

}  // namespace

void resetClippingRange(vtkRenderer* renderer) {
    renderer->ResetCameraClippingRange();
    // VTK puts the near plane at a fixed fraction of the far one, which follows the whole
    // project: in a 4 km project it cut away everything within tens of metres of a camera that
    // stands metres from a clash. Near follows the distance to what the camera looks at instead
    // (2 %, at least 2 cm); far stays within 20 000 times near, which a depth buffer resolves.
    vtkCamera* cam = renderer->GetActiveCamera();
    double range[2];
    cam->GetClippingRange(range);
    const double wanted = std::max(0.02, 0.02 * cam->GetDistance());
    if (wanted < range[0]) cam->SetClippingRange(wanted, std::min(range[1], wanted * 2e4));
}

double metresPerPixel(vtkCamera* cam, int heightPx) {
    const double visible =
        cam->GetParallelProjection()
            ? 2.0 * cam->GetParallelScale()
            : 2.0 * cam->GetDistance() * std::tan(cam->GetViewAngle() * M_PI / 360.0);
    return visible / std::max(1, heightPx);
}

namespace {

// Chooses the clash markers' level for the camera of every frame: the coarsest whose cells are
// under half a marker on screen at the focal point.
class ClashMarkerLod : public vtkCommand {
  public:
    static ClashMarkerLod* New() { return new ClashMarkerLod; }
    std::shared_ptr<ClashMarkerLevels> markers;
    void Execute(vtkObject* caller, unsigned long, void*) override {
        auto* renderer = static_cast<vtkRenderer*>(caller);
        vtkCamera* cam = renderer->GetActiveCamera();
        // Still frames: cells under half a marker (markers that merge would overlap anyway);
        // moving frames: up to two markers, since a moving view is glanced at, not read (50 000
        // clashes spread over a 100 000-segment district cost 1.8x the frame at half a marker).
        const double pixels = markers->moving ? 2 * kMovingClashPixels : kClashPixels / 2;
        const double allowed = metresPerPixel(cam, renderer->GetSize()[1]) * pixels;
        std::size_t chosen = 0;
        for (std::size_t i = 0; i < markers->levels.size(); ++i)
            if (markers->levels[i].first <= allowed) chosen = i;
        for (std::size_t i = 0; i < markers->levels.size(); ++i)
            markers->levels[i].second->SetVisibility(i == chosen);
    }
};

// Chooses the networks' detail for the camera of every frame.
class LodUpdate : public vtkCommand {
  public:
    static LodUpdate* New() { return new LodUpdate; }
    std::vector<std::shared_ptr<NetworkLod>> networks;
    std::vector<std::shared_ptr<BodyLod>> bodies;
    void Execute(vtkObject* caller, unsigned long, void*) override {
        auto* renderer = static_cast<vtkRenderer*>(caller);
        for (auto& n : networks) n->update(renderer);
        for (auto& b : bodies) b->update(renderer);
        // Tiles that just became visible must count in the clipping range.
        resetClippingRange(renderer);
    }
};

}  // namespace

VtkScene buildScene(const model::Dataset& ds, const model::GroundLevel& ground,
                    const RenderOptions& options, const VtkScene* previous) {
    VtkScene s;
    s.origin = renderOrigin(ds);
    const core::Vec3 o = s.origin;
    // Plan constraints (EV areas, project areas) hold at every depth: the dataset's bounds take
    // only their plan extent, and they are drawn within the vertical range of the other objects.
    auto b = ds.bounds();
    const double clipLo = b.lo.z - 0.5, clipHi = b.hi.z + 0.5;
    s.bounds = {b.lo - o, b.hi - o};
    s.renderer = vtkSmartPointer<vtkRenderer>::New();
    s.renderer->SetBackground(0.93, 0.94, 0.96);
    s.renderer->SetBackgroundAlpha(1.0);  // an opaque image, also inside the viewer's ImGui window
    s.renderer->SetUseDepthPeeling(true);
    // At most 4 peels, stopping once a pass changes < 5 % of the pixels (the rest is blended in
    // one pass): still frames about a third faster than 8 peels and 1 %; on the sample's overview
    // and street view no pixel differs by more than 6 % (ImageMagick compare -fuzz 6%).
    s.renderer->SetMaximumNumberOfPeels(4);
    s.renderer->SetOcclusionRatio(0.05);

    // One set of actors per layer when a layer is faded; otherwise one set for all layers, since
    // every extra translucent actor costs depth peeling.
    std::vector<core::StringPool::Id> layers;
    bool fading = false;
    for (const auto& [name, opacity] : options.layerOpacity) fading |= opacity < 1.0;
    // Auto: tiled level of detail (NetworkLod, BodyLod); Tubes and Lines: the naive pipelines.
    const bool tiled = options.networkStyle == RenderOptions::NetworkStyle::Auto;
    const bool asTubes = options.networkStyle == RenderOptions::NetworkStyle::Tubes;
    if (fading) {
        for (const auto& f : ds.features)
            if (std::find(layers.begin(), layers.end(), f.layer) == layers.end())
                layers.push_back(f.layer);
    } else {
        layers.push_back(kAllLayers);
    }
    MeshBuilder markers;
    for (core::StringPool::Id layer : layers) {
        auto fade = layer == kAllLayers ? options.layerOpacity.end()
                                        : options.layerOpacity.find(ds.str(layer));
        const double factor =
            fade == options.layerOpacity.end() ? 1.0 : std::clamp(fade->second, 0.0, 1.0);
        if (factor <= 0) continue;
        if (tiled) {
            s.networkLods.push_back(std::make_shared<NetworkLod>(ds, o, options, layer, factor));
            s.bodyLods.push_back(std::make_shared<BodyLod>(ds, o, options, layer, factor));
            for (auto& a : s.networkLods.back()->actors()) s.actors.push_back(a);
            for (auto& a : s.bodyLods.back()->actors()) s.actors.push_back(a);
        }
        for (bool assumed : {false, true}) {
            if (tiled) break;  // NetworkLod draws them
            auto pd = networks(ds, o, assumed, options, asTubes, layer);
            if (pd->GetNumberOfPoints() == 0) continue;
            // Assumed depths keep the theme colour: banded tubes, thinner lines.
            auto actor = actorFor(pd, factor, false);
            if (asTubes && assumed) showAssumedDepthBands(actor);
            if (!asTubes) {
                actor->GetProperty()->SetLineWidth(assumed ? 1.0f : 2.0f);
                actor->GetProperty()->LightingOff();
            }
            s.actors.push_back(actor);
        }

        MeshBuilder solid, translucent;
        for (std::size_t fi = 0; fi < ds.features.size(); ++fi) {
            const auto& f = ds.features[fi];
            if (!shownInLayer(ds, f, options, layer)) continue;
            long id = static_cast<long>(fi);
            Rgb c = themeColour(ds.str(f.theme));
            if (f.kind() == GeometryKind::VerticalBody) {
                if (tiled) continue;  // BodyLod draws them
                for (const auto& part : bodyParts(ds, fi, o, options.verticalExaggeration))
                    addBodyPart(solid, translucent, part);
            } else if (f.kind() == GeometryKind::Prism) {
                const auto& p = ds.prisms[f.geometry];
                std::vector<geom::Polygon2> rings;
                for (std::uint32_t r = 0; r < p.ringCount; ++r) {
                    const auto& ring = ds.rings[p.firstRing + r];
                    geom::Polygon2 local;
                    for (std::uint32_t i = 0; i < ring.pointCount; ++i)
                        local.push_back(ds.footprintPoints[ring.firstPoint + i] - o.xy());
                    rings.push_back(std::move(local));
                }
                auto parts = std::isnan(p.widthM)
                                 ? geom::convexParts(rings[0], {rings.begin() + 1, rings.end()})
                                 : geom::bufferedPolylineParts(rings[0], p.widthM);
                double bottom = p.allDepths ? clipLo : std::max(p.bottomZ, clipLo);
                double top = p.allDepths ? clipHi : std::min(p.topZ, clipHi);
                for (const auto& part : parts)
                    translucent.prism(part, bottom - o.z, top - o.z, c, id);
            }
        }
        if (solid.polys->GetNumberOfCells()) s.actors.push_back(actorFor(solid.polyData(), factor));
        if (translucent.polys->GetNumberOfCells())
            s.actors.push_back(actorFor(translucent.polyData(), 0.35 * factor));
    }
    if (tiled) {
        vtkNew<LodUpdate> update;
        update->networks = s.networkLods;
        update->bodies = s.bodyLods;
        s.renderer->AddObserver(vtkCommand::StartEvent, update);
    }
    // Clash markers: points a fixed number of pixels across in the overlay layer, so they show
    // at any distance and through the ground and other objects (50 000 cost one vertex each).
    s.overlay = vtkSmartPointer<vtkRenderer>::New();
    s.overlay->SetLayer(1);
    s.overlay->SetActiveCamera(s.renderer->GetActiveCamera());
    s.overlay->InteractiveOff();
    if (!options.clashes.empty()) {
        s.clashMarkers = std::make_shared<ClashMarkerLevels>();
        // Levels of detail: markers closer than half a marker on screen look like one, and
        // llvmpipe pays per point (70 000 cost ~35 ms a frame): per level, one marker per grid
        // cell, the most severe and most certain of the cell's clashes.
        for (double cell : kClashCells) {
            PointBuilder points;
            if (cell == 0) {
                for (const auto& m : options.clashes)
                    points.point(m.position - o, clashMarkerColour(m), -1);
            } else {
                std::unordered_map<std::uint64_t, const ClashMarker*> best;
                for (const auto& m : options.clashes) {
                    const auto key =
                        (static_cast<std::uint64_t>(std::floor(m.position.x / cell) + (1 << 30))
                         << 32) |
                        static_cast<std::uint32_t>(std::floor(m.position.y / cell) + (1 << 30));
                    auto [it, fresh] = best.emplace(key, &m);
                    if (!fresh && markerRank(m) < markerRank(*it->second)) it->second = &m;
                }
                for (const auto& [_, m] : best)
                    points.point(m->position - o, clashMarkerColour(*m), -1);
            }
            auto actor = points.actor(kClashPixels);
            actor->PickableOff();
            actor->SetVisibility(cell == 0);
            s.overlay->AddActor(actor);
            s.clashMarkers->levels.push_back({cell, actor});
        }
        vtkNew<ClashMarkerLod> lod;
        lod->markers = s.clashMarkers;
        s.renderer->AddObserver(vtkCommand::StartEvent, lod);
    }
    if (options.showObservations) {
        // Screen-sized points on the pipe wall in the class colour: visible at any distance, one
        // vertex each (200 000 cost little); picking finds them by their distance on screen.
        PointBuilder points;
        for (const auto& placed : sewer::placeObservations(ds, options.observationFilter)) {
            if (!isShown(ds, ds.features[placed.feature], options)) continue;
            const core::Vec3 p = placed.position - o;
            auto rgb = sewer::conditionColour(placed.conditionClass);
            Rgb c{static_cast<std::uint8_t>(rgb.r * 255), static_cast<std::uint8_t>(rgb.g * 255),
                  static_cast<std::uint8_t>(rgb.b * 255)};
            const long id = kObservationPickBase + static_cast<long>(placed.observation);
            points.point(p, c, id);
            s.observationMarkers.emplace_back(p, id);
        }
        if (points.size()) {
            s.observationActor = points.actor(kMarkerPixels);
            s.actors.push_back(s.observationActor);
        }
    }
    if (markers.polys->GetNumberOfCells()) s.actors.push_back(actorFor(markers.polyData(), 1.0));

    // Uncertainty bands: where an assumed or derived depth may really lie, as a thin vertical sheet
    // along the axis, as wide as the object.
    if (options.showUncertainty) {
        MeshBuilder bands;
        for (std::size_t fi = 0; fi < ds.features.size(); ++fi) {
            const auto& f = ds.features[fi];
            if (f.kind() != GeometryKind::Linear || !isShown(ds, f, options)) continue;
            const auto& l = ds.linears[f.geometry];
            double r = drawnRadius(l);
            Rgb c = themeColour(ds.str(f.theme));
            for (std::uint32_t i = 0; i + 1 < l.vertexCount; ++i) {
                const auto& d0 = ds.vertexDepths[l.firstVertex + i];
                const auto& d1 = ds.vertexDepths[l.firstVertex + i + 1];
                if (d0.provenance == DepthProvenance::Measured &&
                    d1.provenance == DepthProvenance::Measured)
                    continue;
                double band =
                    std::max(std::isnan(d0.verticalUncertaintyM) ? options.defaultUncertaintyM
                                                                 : d0.verticalUncertaintyM,
                             std::isnan(d1.verticalUncertaintyM) ? options.defaultUncertaintyM
                                                                 : d1.verticalUncertaintyM);
                core::Vec3 a = ds.vertices[l.firstVertex + i] - o,
                           b = ds.vertices[l.firstVertex + i + 1] - o;
                if (std::isnan(a.z) || std::isnan(b.z) || band <= 0) continue;
                core::Vec2 dir = (b - a).xy();
                double len = core::length(dir);
                if (len <= 0) continue;
                core::Vec2 n{-dir.y / len * r, dir.x / len * r};
                bands.prism({a.xy() - n, b.xy() - n, b.xy() + n, a.xy() + n},
                            std::min(a.z, b.z) - band, std::max(a.z, b.z) + band, c,
                            static_cast<long>(fi));
            }
        }
        if (bands.polys->GetNumberOfCells()) s.actors.push_back(actorFor(bands.polyData(), 0.2));
    }

    // The base map, draped on the ground: an edge is cut where the ground under its middle lies
    // more than 5 cm off the straight line (down to 1 m pieces), so flat streets cost one line
    // per edge (a fixed 5 m cut cost 30 ms a frame at a million segments on llvmpipe).
    if (options.basemap && options.showBasemap && !options.basemap->empty()) {
        // Two actors of one colour each (buildings, the rest): lines with a colour per line
        // take llvmpipe's slow path, one colour per actor costs next to nothing.
        LineBuilder buildings, others;
        auto heightAt = [&](core::Vec2 p) {
            const double g = ground.at(p.x, p.y);
            return (std::isnan(g) ? b.hi.z : g) + 0.05 - o.z;
        };
        for (const auto& line : *options.basemap) {
            const bool building = line.featureClass.find("pand") != std::string::npos ||
                                  line.featureClass.find("build") != std::string::npos ||
                                  line.featureClass.find("gebouw") != std::string::npos;
            LineBuilder& lines = building ? buildings : others;
            auto drape = [&](auto&& self, core::Vec2 a, double za, core::Vec2 c, double zc,
                             vtkIdType from, int depth) -> vtkIdType {
                const core::Vec2 mid = (a + c) * 0.5;
                const double zm = heightAt(mid);
                if (depth < 10 && core::length(c - a) > 1.0 &&
                    std::abs(zm - (za + zc) / 2) > 0.05) {
                    const vtkIdType m = self(self, a, za, mid, zm, from, depth + 1);
                    return self(self, mid, zm, c, zc, m, depth + 1);
                }
                const vtkIdType to = lines.point(c.x - o.x, c.y - o.y, zc);
                lines.line(from, to, {0, 0, 0}, -1);
                return to;
            };
            const std::size_t n = line.points.size();
            for (std::size_t i = 0; i + (line.closed ? 0 : 1) < n; ++i) {
                const core::Vec2 a = line.points[i], c = line.points[(i + 1) % n];
                const double za = heightAt(a);
                drape(drape, a, za, c, heightAt(c), lines.point(a.x - o.x, a.y - o.y, za), 0);
            }
        }
        for (auto [lines, colour] :
             {std::pair{&buildings, Rgb{130, 95, 70}}, {&others, Rgb{70, 70, 75}}}) {
            if (!lines->count()) continue;
            auto actor = actorFor(lines->polyData(), 1.0);
            actor->GetMapper()->ScalarVisibilityOff();
            actor->GetProperty()->SetColor(colour.r / 255.0, colour.g / 255.0, colour.b / 255.0);
            actor->GetProperty()->SetLineWidth(1.0f);
            actor->GetProperty()->LightingOff();
            actor->PickableOff();
            s.actors.push_back(actor);
        }
    }

    // Proposed objects (a designer's measures) look unlike what is in the ground: a white
    // outline around them, the back faces of a slightly larger white tube or box, while the
    // object keeps its theme colour (docs/viewer.md).
    {
        AxisBuilder axes;
        LineBuilder edges;
        for (std::size_t fi = 0; fi < ds.features.size(); ++fi) {
            const auto& f = ds.features[fi];
            if (!model::isDesign(f.status) || !isShown(ds, f, options)) continue;
            const long id = static_cast<long>(fi);
            if (f.kind() == GeometryKind::Linear) {
                if (tiled) continue;  // NetworkLod outlines them where they are tubes
                const auto& l = ds.linears[f.geometry];
                const float outline = proposalOutlineRadius(static_cast<float>(drawnRadius(l)));
                for (std::uint32_t i = 0; i < l.vertexCount; ++i) {
                    auto v = ds.vertices[l.firstVertex + i];
                    if (!std::isnan(v.z))
                        axes.point(v.x - o.x, v.y - o.y, v.z - o.z, outline, kProposalOutline);
                }
                axes.finish(id);
            } else {
                // Bodies and prisms: their outline at top and bottom and their vertical edges.
                std::vector<std::pair<std::vector<core::Vec2>, std::pair<double, double>>> rings;
                if (f.kind() == GeometryKind::VerticalBody) {
                    for (const auto& part : bodyParts(ds, fi, o, options.verticalExaggeration))
                        rings.push_back({part.footprint.empty()
                                             ? MeshBuilder::circle(part.centre, part.radius, 16)
                                             : part.footprint,
                                         {part.bottom, part.top}});
                } else if (f.kind() == GeometryKind::Prism) {
                    const auto& p = ds.prisms[f.geometry];
                    if (p.ringCount == 0 || p.allDepths) continue;
                    const auto& ring = ds.rings[p.firstRing];
                    std::vector<core::Vec2> local;
                    for (std::uint32_t i = 0; i < ring.pointCount; ++i)
                        local.push_back(ds.footprintPoints[ring.firstPoint + i] - o.xy());
                    rings.push_back(
                        {local,
                         {std::max(p.bottomZ, clipLo) - o.z, std::min(p.topZ, clipHi) - o.z}});
                }
                for (const auto& [ring, levels] : rings) {
                    const std::size_t n = ring.size();
                    for (std::size_t i = 0; i < n; ++i) {
                        const auto a = ring[i], b = ring[(i + 1) % n];
                        auto a0 = edges.point(a.x, a.y, levels.first),
                             b0 = edges.point(b.x, b.y, levels.first);
                        auto a1 = edges.point(a.x, a.y, levels.second),
                             b1 = edges.point(b.x, b.y, levels.second);
                        edges.line(a0, b0, kProposalOutline, id);
                        edges.line(a1, b1, kProposalOutline, id);
                        if (n <= 8 || i % 4 == 0) edges.line(a0, a1, kProposalOutline, id);
                    }
                }
            }
        }
        if (!axes.empty()) {
            auto outline = actorFor(sweptTubes(axes.polyData()), 1.0, false);
            showAsProposalOutline(outline);
            s.actors.push_back(outline);
        }
        if (edges.count()) {
            auto lines = actorFor(edges.polyData(), 1.0);
            lines->GetProperty()->SetLineWidth(2.0f);
            lines->GetProperty()->LightingOff();
            lines->PickableOff();
            s.actors.push_back(lines);
        }
    }

    s.clipLo = clipLo;
    s.clipHi = clipHi;

    // The ground from the ground-level raster, up to 512 cells along the longer side. Moving
    // frames draw it unlit and with fewer triangles: llvmpipe pays about a microsecond per
    // triangle of this translucent sheet, which covers most of the screen (a 64 x 64 grid cost
    // 6 ms per frame, its fill 2 ms).
    s.sheetsBuiltFor = {options.showGroundwater, options.ghg.get(), options.glg.get()};
    if (previous && previous->sheetsBuiltFor == s.sheetsBuiltFor) {
        // The same rasters as before: the same surfaces (simplifying them is ~60 ms per raster
        // at a million segments' extent), with today's ground opacity.
        s.ground = previous->ground;
        s.movingGround = previous->movingGround;
        s.groundwater = previous->groundwater;
        s.movingGroundwater = previous->movingGroundwater;
        for (vtkActor* g : {s.ground.Get(), s.movingGround.Get()})
            if (g) g->GetProperty()->SetOpacity(options.groundOpacity);
        for (auto* sheets : {&s.ground, &s.movingGround})
            if (*sheets) s.actors.push_back(*sheets);
        for (auto* sheets : {&s.groundwater, &s.movingGroundwater})
            s.actors.insert(s.actors.end(), sheets->begin(), sheets->end());
    } else {
        if (GroundSurface surface(ground, b, o); !surface.empty()) {
            auto [still, moving] = sheetPair(surface, options.groundOpacity, kGroundColour, true);
            s.ground = still;
            s.movingGround = moving;
            s.actors.push_back(still);
            s.actors.push_back(moving);
        }
        // Groundwater levels: the same kind of surface from the GHG and GLG rasters, unlit (a level
        // reads by its colour, which shading at grazing angles would darken).
        for (const auto& [level, colour] :
             {std::pair{options.ghg, kGhgColour}, {options.glg, kGlgColour}}) {
            if (!options.showGroundwater || !level || b.empty()) continue;
            GroundSurface surface(*level, b, o);
            if (surface.empty()) continue;
            auto [still, moving] = sheetPair(surface, kGroundwaterOpacity, colour, false);
            s.groundwater.push_back(still);
            s.movingGroundwater.push_back(moving);
            s.actors.push_back(still);
            s.actors.push_back(moving);
        }
    }
    // The soil model's voxels, cut by the depth slice (m NAP) when one is set.
    if (options.showSoil && options.soil) {
        const bool sliced = std::isfinite(options.sliceBottomZ) && std::isfinite(options.sliceTopZ);
        SoilVoxelFilter filter;
        filter.hiddenClasses = options.hiddenLithoclasses;
        filter.hiddenUnits = options.hiddenSoilUnits;
        if (sliced) filter.zLo = options.sliceBottomZ, filter.zHi = options.sliceTopZ;
        filter.cut = options.soilCut;
        if (auto soil =
                soilVoxelActor(*options.soil, filter, o, options.soilOpacity, &s.soilStats)) {
            s.soil = soil;
            s.actors.push_back(soil);
        }
    }
    if (options.showContamination)
        for (const auto& iso : options.contamination) {
            if (!iso.grid) continue;
            if (auto a = isosurfaceActor(*iso.grid, iso.variable, iso.level, iso.colour, o, 0.7)) {
                s.contamination.push_back(a);
                s.actors.push_back(a);
            }
        }
    if (options.showThermalZones)
        if (auto zones = thermalZoneActor(options.thermalZones, o)) s.actors.push_back(zones);
    setLens(s, options.lensCenterPx, options.lensRadiusPx);
    for (auto& a : s.actors) s.renderer->AddActor(a);
    if (options.showLegend)
        if (auto legend = themeLegend(ds, options)) s.renderer->AddActor2D(legend);
    setHighlight(s, ds, options.highlight);
    setMeasuringPoints(s, options.measuringPoints);
    setOverlayLines(s, options.overlayLines);
    if (options.camera)
        applyWorldCamera(s, *options.camera, options.verticalExaggeration);
    else
        applyView(s, options.view, options.verticalExaggeration);
    return s;
}

void setLens(VtkScene& s, core::Vec2 centerPx, double radiusPx) {
    std::vector<vtkActor*> sheets{s.ground.Get(), s.movingGround.Get()};
    for (auto& a : s.groundwater) sheets.push_back(a.Get());
    for (auto& a : s.movingGroundwater) sheets.push_back(a.Get());
    for (vtkActor* g : sheets) {
        if (!g) continue;
        vtkUniforms* u = g->GetShaderProperty()->GetFragmentCustomUniforms();
        float c[2] = {static_cast<float>(centerPx.x), static_cast<float>(centerPx.y)};
        u->SetUniform2f("lensCenter", c);
        u->SetUniformf("lensRadius", static_cast<float>(radiusPx));
    }
}

void setMoving(VtkScene& s, bool moving) {
    s.moving = moving;
    // Moving frames also draw coarser detail: cells and polygon edges several times larger.
    for (auto& n : s.networkLods) n->setCoarsening(moving ? s.movingCoarsening : 1.0);
    for (auto& b : s.bodyLods) b->setCoarsening(moving ? s.movingCoarsening : 1.0);
    if (s.ground && s.movingGround) {
        s.ground->SetVisibility(!moving);
        s.movingGround->SetVisibility(moving);
    }
    for (auto& a : s.groundwater) a->SetVisibility(!moving);
    for (auto& a : s.movingGroundwater) a->SetVisibility(moving);
    if (s.observationActor)
        s.observationActor->GetProperty()->SetPointSize(
            static_cast<float>(moving ? kMovingMarkerPixels : kMarkerPixels));
    if (s.clashMarkers) {
        s.clashMarkers->moving = moving;
        for (auto& [_, a] : s.clashMarkers->levels)
            a->GetProperty()->SetPointSize(
                static_cast<float>(moving ? kMovingClashPixels : kClashPixels));
    }
    s.renderer->SetUseDepthPeeling(!moving);
    if (moving) {
        // Plain blending in actor order, depth test on and depth writes off for translucency.
        vtkNew<vtkRenderStepsPass> steps;
        vtkNew<vtkTranslucentPass> blend;
        steps->SetTranslucentPass(blend);
        s.renderer->SetPass(steps);
    } else {
        s.renderer->SetPass(nullptr);
    }
}

void setMovingCoarsening(VtkScene& s, double coarsening) {
    s.movingCoarsening = coarsening;
    if (!s.moving) return;
    for (auto& n : s.networkLods) n->setCoarsening(coarsening);
    for (auto& b : s.bodyLods) b->setCoarsening(coarsening);
}

void applyExaggeration(VtkScene& s, double e) {
    s.exaggeration = e;
    for (auto& a : s.actors) a->SetScale(1, 1, e);
    if (s.clashMarkers)
        for (auto& [_, a] : s.clashMarkers->levels) a->SetScale(1, 1, e);
    for (auto& a : s.selectedMarker) a->SetScale(1, 1, e);
    for (auto& a : s.measuringMarks) a->SetScale(1, 1, e);
    for (auto& a : s.overlayLines) a->SetScale(1, 1, e);
}

void setOverlayLines(VtkScene& s, const std::vector<RenderOptions::OverlayLine>& lines) {
    for (auto& a : s.overlayLines)
        if (s.overlay) s.overlay->RemoveActor(a);
    s.overlayLines.clear();
    if (!s.overlay) return;
    const core::Vec3 o = s.origin;
    for (const auto& line : lines) {
        if (line.points.size() < 2) continue;
        LineBuilder lb;
        vtkIdType prev = -1;
        for (const auto& p : line.points) {
            const auto q = p - o;
            const vtkIdType id = lb.point(q.x, q.y, q.z);
            if (prev >= 0) lb.line(prev, id, line.colour, -1);
            prev = id;
        }
        auto actor = actorFor(lb.polyData(), 1.0);
        actor->GetMapper()->ScalarVisibilityOff();
        actor->GetProperty()->SetColor(line.colour.r / 255.0, line.colour.g / 255.0,
                                       line.colour.b / 255.0);
        actor->GetProperty()->SetLineWidth(line.widthPx);
        actor->GetProperty()->LightingOff();
        actor->PickableOff();
        actor->SetScale(1, 1, s.exaggeration);
        s.overlay->AddActor(actor);
        s.overlayLines.push_back(actor);
    }
}

void setMeasuringPoints(VtkScene& s, const std::vector<core::Vec3>& points) {
    for (auto& a : s.measuringMarks)
        if (s.overlay) s.overlay->RemoveActor(a);
    s.measuringMarks.clear();
    if (points.empty() || !s.overlay) return;
    const core::Vec3 o = s.origin;
    constexpr Rgb kMeasure{255, 0, 200};  // magenta: no theme or clash uses it
    if (points.size() >= 2) {
        LineBuilder line;
        for (std::size_t i = 0; i + 1 < points.size(); ++i) {
            const core::Vec3 a = points[i] - o, b = points[i + 1] - o;
            line.line(line.point(a.x, a.y, a.z), line.point(b.x, b.y, b.z), kMeasure, -1);
        }
        auto actor = actorFor(line.polyData(), 1.0);
        actor->GetProperty()->SetLineWidth(3.0f);
        actor->GetProperty()->LightingOff();
        s.measuringMarks.push_back(actor);
    }
    PointBuilder discs;
    for (const auto& p : points) discs.point(p - o, kMeasure, -1);
    s.measuringMarks.push_back(discs.actor(12));
    for (auto& a : s.measuringMarks) {
        a->PickableOff();
        a->SetScale(1, 1, s.exaggeration);
        s.overlay->AddActor(a);
    }
}

void attach(vtkRenderWindow* window, VtkScene& scene) {
    window->SetNumberOfLayers(2);
    window->AddRenderer(scene.renderer);
    if (scene.overlay) window->AddRenderer(scene.overlay);
}

void detach(vtkRenderWindow* window, VtkScene& scene) {
    window->RemoveRenderer(scene.renderer);
    if (scene.overlay) window->RemoveRenderer(scene.overlay);
}

namespace {

// Distance from a point to a feature's axis (linear: its polyline; otherwise its bounds), local.
double axisDistance(const model::Dataset& ds, const model::Feature& f, core::Vec3 p, core::Vec3 o) {
    if (f.kind() == GeometryKind::Linear) {
        const auto& l = ds.linears[f.geometry];
        double best = std::numeric_limits<double>::infinity();
        for (std::uint32_t i = 0; i + 1 < l.vertexCount; ++i) {
            const core::Vec3 a = ds.vertices[l.firstVertex + i] - o,
                             b = ds.vertices[l.firstVertex + i + 1] - o;
            if (std::isnan(a.z) || std::isnan(b.z)) continue;
            const core::Vec3 d = b - a;
            const double len2 = core::dot(d, d);
            const double t = len2 > 0 ? std::clamp(core::dot(p - a, d) / len2, 0.0, 1.0) : 0.0;
            best = std::min(best, core::length(p - (a + d * t)));
        }
        return best;
    }
    auto b = ds.featureBounds(f);
    b = {b.lo - o, b.hi - o};
    const double dx = std::max({b.lo.x - p.x, 0.0, p.x - b.hi.x}),
                 dy = std::max({b.lo.y - p.y, 0.0, p.y - b.hi.y});
    // Zones at every depth have no height: their plan distance.
    const double dz = std::isnan(b.lo.z) ? 0.0 : std::max({b.lo.z - p.z, 0.0, p.z - b.hi.z});
    return std::sqrt(dx * dx + dy * dy + dz * dz);
}

double radiusOf(const model::Dataset& ds, const model::Feature& f) {
    return f.kind() == GeometryKind::Linear ? drawnRadius(ds.linears[f.geometry]) : 0.0;
}

// The pieces [t0, t1] (metres along each segment of `f`'s axis) where the axis lies within
// `limit` of the other object; sampled every few centimetres (at most ~20 000 samples).
std::vector<std::array<core::Vec3, 2>> violatedStretch(const model::Dataset& ds,
                                                       const model::Feature& f,
                                                       const model::Feature& other,
                                                       double clearance, core::Vec3 o) {
    const auto& l = ds.linears[f.geometry];
    double total = 0;
    for (std::uint32_t i = 0; i + 1 < l.vertexCount; ++i)
        total += core::length(ds.vertices[l.firstVertex + i + 1] - ds.vertices[l.firstVertex + i]);
    if (!(total > 0) || !std::isfinite(total)) return {};
    const double step = std::max(0.05, total / 20000);
    struct Sample {
        core::Vec3 p;
        double d;
        std::uint32_t segment;
    };
    std::vector<Sample> samples;
    for (std::uint32_t i = 0; i + 1 < l.vertexCount; ++i) {
        const core::Vec3 a = ds.vertices[l.firstVertex + i] - o,
                         b = ds.vertices[l.firstVertex + i + 1] - o;
        if (std::isnan(a.z) || std::isnan(b.z)) continue;
        const double len = core::length(b - a);
        const int n = std::max(1, static_cast<int>(std::ceil(len / step)));
        for (int k = 0; k <= n; ++k) {
            const core::Vec3 p = a + (b - a) * (static_cast<double>(k) / n);
            samples.push_back({p, axisDistance(ds, other, p, o), i});
        }
    }
    if (samples.empty()) return {};
    double nearest = std::numeric_limits<double>::infinity();
    for (const auto& sm : samples) nearest = std::min(nearest, sm.d);
    // Violated where the axes are closer than both radii and the clearance; a clash that is
    // violated only within the depth bands (possible) shows its closest stretch.
    const double limit =
        std::max(clearance + radiusOf(ds, f) + radiusOf(ds, other), nearest + 0.05);
    std::vector<std::array<core::Vec3, 2>> pieces;
    for (std::size_t k = 0; k + 1 < samples.size(); ++k) {
        const auto &p = samples[k], &q = samples[k + 1];
        if (p.segment != q.segment) continue;
        if (p.d <= limit || q.d <= limit) {
            if (!pieces.empty() && pieces.back()[1] == p.p)
                pieces.back()[1] = q.p;
            else
                pieces.push_back({p.p, q.p});
        }
    }
    return pieces;
}

}  // namespace

void setHighlight(VtkScene& s, const model::Dataset& ds, const RenderOptions::Highlight& h) {
    if (s.envelope) {
        s.renderer->RemoveActor(s.envelope);
        std::erase(s.actors, s.envelope);
        s.envelope = nullptr;
    }
    for (auto& a : s.selectedMarker)
        if (s.overlay) s.overlay->RemoveActor(a);
    s.selectedMarker.clear();
    const core::Vec3 o = s.origin;
    const Rgb c = clashColour(h.kind);
    // The selected clash's marker: a white ring around a larger disc in its colour, drawn last
    // in the overlay so that it covers the others.
    if (h.location && s.overlay) {
        for (auto [pixels, colour] : {std::pair{26.0, Rgb{255, 255, 255}}, {16.0, c}}) {
            PointBuilder point;
            point.point(*h.location - o, colour, -1);
            auto actor = point.actor(pixels);
            actor->PickableOff();
            actor->SetScale(1, 1, s.exaggeration);
            s.overlay->AddActor(actor);
            s.selectedMarker.push_back(actor);
        }
    }
    // The envelope: the required clearance around each object, along the stretch where it is
    // violated; a body or zone in full.
    const auto nFeatures = static_cast<long>(ds.features.size());
    MeshBuilder envelope;
    for (auto [fi, other] : {std::pair{h.featureA, h.featureB}, {h.featureB, h.featureA}}) {
        if (fi < 0 || fi >= nFeatures) continue;
        const auto& f = ds.features[static_cast<std::size_t>(fi)];
        if (f.kind() == GeometryKind::Linear) {
            const auto& l = ds.linears[f.geometry];
            const double r = drawnRadius(l) + h.requiredM;
            std::vector<std::array<core::Vec3, 2>> pieces;
            if (other >= 0 && other < nFeatures)
                pieces = violatedStretch(ds, f, ds.features[static_cast<std::size_t>(other)],
                                         h.requiredM, o);
            else
                for (std::uint32_t i = 0; i + 1 < l.vertexCount; ++i)
                    pieces.push_back({ds.vertices[l.firstVertex + i] - o,
                                      ds.vertices[l.firstVertex + i + 1] - o});
            for (const auto& [a, b] : pieces) {
                if (std::isnan(a.z) || std::isnan(b.z)) continue;
                // A box around each piece, wide and high by the envelope: cheap and readable.
                core::Vec2 d = (b - a).xy();
                double len = core::length(d);
                if (len <= 0) continue;
                core::Vec2 n{-d.y / len * r, d.x / len * r};
                core::Vec2 e = d * (r / len);
                envelope.prism({a.xy() - e - n, b.xy() + e - n, b.xy() + e + n, a.xy() - e + n},
                               std::min(a.z, b.z) - r, std::max(a.z, b.z) + r, c, fi);
            }
        } else {
            auto fb = ds.featureBounds(f).inflated(h.requiredM);
            envelope.prism({{fb.lo.x - o.x, fb.lo.y - o.y},
                            {fb.hi.x - o.x, fb.lo.y - o.y},
                            {fb.hi.x - o.x, fb.hi.y - o.y},
                            {fb.lo.x - o.x, fb.hi.y - o.y}},
                           std::max(fb.lo.z, s.clipLo) - o.z, std::min(fb.hi.z, s.clipHi) - o.z, c,
                           fi);
        }
    }
    if (!envelope.polys->GetNumberOfCells()) return;
    s.envelope = actorFor(envelope.polyData(), 0.3);
    s.envelope->SetScale(1, 1, s.exaggeration);
    s.actors.push_back(s.envelope);
    s.renderer->AddActor(s.envelope);
}

void applyView(VtkScene& s, const std::string& view, double e) {
    applyExaggeration(s, e);
    vtkCamera* cam = s.renderer->GetActiveCamera();
    core::Vec3 c = s.bounds.empty() ? core::Vec3{} : s.bounds.center();
    c.z *= e;
    double w = s.bounds.empty()
                   ? 10
                   : std::max(s.bounds.hi.x - s.bounds.lo.x, s.bounds.hi.y - s.bounds.lo.y);
    cam->SetFocalPoint(c.x, c.y, c.z);
    if (view == "top") {
        cam->SetPosition(c.x, c.y, c.z + 1.2 * w + 10);
        cam->SetViewUp(0, 1, 0);
    } else if (view == "street") {
        // Standing on the street a little above eye height, looking down into the ground.
        double top = (s.bounds.empty() ? 0 : s.bounds.hi.z) * e;
        double reach = std::min(60.0, 0.3 * w);
        cam->SetFocalPoint(c.x, c.y, top - 2 * e);
        cam->SetPosition(c.x - 0.6 * reach, c.y - reach, top + 4);
        cam->SetViewUp(0, 0, 1);
    } else {
        cam->SetPosition(c.x - 0.45 * w, c.y - 0.75 * w, c.z + 0.55 * w);
        cam->SetViewUp(0, 0, 1);
    }
    cam->SetViewAngle(35);
    // The top view is orthographic, as a map: wells and stems stand straight, scales hold.
    cam->SetParallelProjection(view == "top");
    if (view != "street" && !s.bounds.empty()) {
        // Fit the networks (wells reach 100 m down; frame the top 10 m) keeping the direction.
        double zlo = std::max(s.bounds.lo.z, s.bounds.hi.z - 10) * e, zhi = s.bounds.hi.z * e;
        double bb[6] = {s.bounds.lo.x, s.bounds.hi.x, s.bounds.lo.y, s.bounds.hi.y, zlo, zhi};
        s.renderer->ResetCamera(bb);
        if (view == "top")
            cam->Zoom(1.3);  // an orthographic camera zooms by its scale
        else
            cam->Dolly(1.7);
    }
    resetClippingRange(s.renderer);
}

void applyWorldCamera(VtkScene& s, const WorldCamera& c, double e) {
    applyExaggeration(s, e);
    vtkCamera* cam = s.renderer->GetActiveCamera();
    auto local = [&](core::Vec3 p) {
        core::Vec3 q = p - s.origin;
        return core::Vec3{q.x, q.y, q.z * e};
    };
    const auto pos = local(c.position), focal = local(c.focalPoint);
    cam->SetFocalPoint(focal.x, focal.y, focal.z);
    cam->SetPosition(pos.x, pos.y, pos.z);
    cam->SetViewUp(c.viewUp.x, c.viewUp.y, c.viewUp.z);
    cam->SetViewAngle(c.viewAngleDeg);
    if (c.parallelScaleM > 0) {
        cam->ParallelProjectionOn();
        cam->SetParallelScale(c.parallelScaleM);
    } else {
        cam->ParallelProjectionOff();
    }
    resetClippingRange(s.renderer);
}

vtkSmartPointer<vtkRenderWindow> renderOffscreen(VtkScene& scene, int width, int height) {
    auto window = vtkSmartPointer<vtkRenderWindow>::New();
    window->SetOffScreenRendering(1);
    window->SetSize(width, height);
    window->SetMultiSamples(0);
    window->SetAlphaBitPlanes(1);
    attach(window, scene);
    window->Render();
    return window;
}

long pickFeature(VtkScene& s, int x, int y, int windowHeight) {
    // An observation marker within its drawn radius of the pixel, nearest first.
    if (!s.observationMarkers.empty()) {
        double best = kMarkerPixels / 2 + 2;
        long found = -1;
        for (const auto& [p, id] : s.observationMarkers) {
            s.renderer->SetWorldPoint(p.x, p.y, p.z * s.exaggeration, 1.0);
            s.renderer->WorldToDisplay();
            double d[3];
            s.renderer->GetDisplayPoint(d);
            if (d[2] < 0 || d[2] > 1) continue;  // behind the camera or beyond the far plane
            const double dist = std::hypot(d[0] - x, d[1] - (windowHeight - 1 - y));
            if (dist < best) best = dist, found = id;
        }
        if (found >= 0) return found;
    }
    vtkNew<vtkCellPicker> picker;
    picker->SetTolerance(0.0005);
    // Only the objects: the ground (not pickable, see groundActor) and markers (feature -1).
    if (!picker->Pick(x, windowHeight - 1 - y, 0, s.renderer)) return -1;
    vtkActor* actor = picker->GetActor();
    vtkIdType cell = picker->GetCellId();
    if (!actor || cell < 0) return -1;
    auto* pd = vtkPolyData::SafeDownCast(actor->GetMapper()->GetInput());
    if (!pd) return -1;
    auto* ids = vtkIdTypeArray::SafeDownCast(pd->GetCellData()->GetArray("feature"));
    if (!ids || cell >= ids->GetNumberOfTuples()) return -1;
    return static_cast<long>(ids->GetValue(cell));
}

}  // namespace bz::render::detail
