#include "BodyLod.h"

#include <vtkPointData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>

#include <algorithm>
#include <cmath>

#include "LodCommon.h"

namespace bz::render::detail {

namespace {

constexpr std::size_t kBodyLevels = BodyLod::kFootprints.size();

}  // namespace

std::vector<BodyPart> bodyParts(const model::Dataset& ds, std::size_t fi, core::Vec3 o, double e) {
    const auto& f = ds.features[fi];
    const auto& body = ds.bodies[f.geometry];
    const long id = static_cast<long>(fi);
    const Rgb c = themeColour(ds.str(f.theme));
    BodyPart p;
    p.centre = body.center - o.xy();
    p.feature = id;
    p.bottom = body.bottomZ - o.z;
    p.top = body.topZ - o.z;
    if (const auto* t = ds.treeOf(f)) {
        // Above ground the stem and a translucent crown at their true size whatever the
        // exaggeration; below ground the root zone, translucent.
        e = std::max(e, 1e-3);
        const double height = std::isnan(t->heightM) ? 8.0 : t->heightM;
        const double crownRadius =
            std::isnan(t->crownDiameterM) ? 0.3 * height : t->crownDiameterM / 2;
        BodyPart stem = p;
        stem.radius = std::max(0.1f, body.radiusM);
        stem.bottom = p.top;
        stem.top = p.top + 0.6 * height / e;
        stem.colour = {110, 75, 40};
        stem.sides = 10;
        // The crown: two frustums, widening from half its radius at 40 % of the height to its
        // full radius at 60 %, then narrowing to a quarter at the top: round enough to read as
        // a crown, 2 x 16 sides.
        BodyPart lower = p, upper = p;
        lower.radius = 0.5 * crownRadius;
        lower.topRadius = crownRadius;
        lower.bottom = p.top + 0.4 * height / e;
        lower.top = p.top + 0.6 * height / e;
        upper.radius = crownRadius;
        upper.topRadius = 0.25 * crownRadius;
        upper.bottom = lower.top;
        upper.top = p.top + height / e;
        for (BodyPart* part : {&lower, &upper}) {
            part->colour = {70, 160, 60};
            part->translucent = true;
            part->sides = 16;
            part->feature = -1;  // a click on the crown picks what lies under it
        }
        BodyPart roots = p;
        roots.radius =
            std::isnan(t->rootZoneDiameterM) ? body.radiusM * 8 : t->rootZoneDiameterM / 2;
        roots.colour = c;
        roots.translucent = true;
        roots.sides = 24;
        return {stem, lower, upper, roots};
    }
    p.colour = f.type == model::ObjectType::Manhole ? Rgb{110, 110, 110} : c;
    if (body.isCylinder()) {
        p.radius = body.radiusM;
    } else {
        double a = body.rotationDeg * M_PI / 180, hw = body.widthM / 2, hl = body.lengthM / 2;
        core::Vec2 ux{std::cos(a), std::sin(a)}, uy{-std::sin(a), std::cos(a)};
        p.footprint = {p.centre - ux * hw - uy * hl, p.centre + ux * hw - uy * hl,
                       p.centre + ux * hw + uy * hl, p.centre - ux * hw + uy * hl};
        p.radius = std::hypot(hw, hl);
    }
    return {p};
}

void addBodyPart(MeshBuilder& solid, MeshBuilder& translucent, const BodyPart& p, int sides) {
    MeshBuilder& m = p.translucent ? translucent : solid;
    if (!p.footprint.empty()) {
        m.prism(p.footprint, p.bottom, p.top, p.colour, p.feature);
    } else if (p.topRadius >= 0) {
        m.frustum(p.centre, p.radius, p.topRadius, p.bottom, p.top, p.colour, p.feature,
                  sides > 0 ? sides : p.sides);
    } else {
        m.cylinder(p.centre, p.radius, p.bottom, p.top, p.colour, p.feature,
                   sides > 0 ? sides : p.sides);
    }
}

struct BodyLod::Tile {
    core::Bounds3 bounds;
    std::vector<std::uint32_t> parts;
    // Per level: solid, translucent and (for parts thinner than a pixel) line actors.
    std::array<std::array<vtkSmartPointer<vtkActor>, 3>, kBodyLevels> actors;
    std::array<bool, kBodyLevels> built{};
};

BodyLod::BodyLod(const model::Dataset& ds, core::Vec3 o, const RenderOptions& options,
                 core::StringPool::Id layer, double opacity) {
    core::Bounds3 all;
    for (std::size_t fi = 0; fi < ds.features.size(); ++fi) {
        const auto& f = ds.features[fi];
        if (f.kind() != model::GeometryKind::VerticalBody || !shownInLayer(ds, f, options, layer))
            continue;
        for (auto& p : bodyParts(ds, fi, o, options.verticalExaggeration)) {
            all.expand({p.centre.x, p.centre.y, p.bottom});
            all.expand({p.centre.x, p.centre.y, p.top});
            parts_.push_back(std::move(p));
        }
    }
    if (parts_.empty()) return;
    // Fewer, larger tiles than NetworkLod's (3 x 3 up to ~180 000 parts, at most 12 x 12):
    // bodies are small, so each tile's draw calls cost more than its triangles.
    const TileGrid tiling(all, parts_.size(), 20000, 3, 12);
    std::vector<std::unique_ptr<Tile>> grid(tiling.tileCount());
    for (std::size_t i = 0; i < parts_.size(); ++i) {
        const auto& p = parts_[i];
        auto& t = grid[tiling.tileAt(p.centre.x, p.centre.y)];
        if (!t) t = std::make_unique<Tile>();
        t->parts.push_back(static_cast<std::uint32_t>(i));
        const double r = std::max(p.radius, p.topRadius);
        t->bounds.expand({p.centre.x - r, p.centre.y - r, p.bottom});
        t->bounds.expand({p.centre.x + r, p.centre.y + r, p.top});
    }
    for (auto& t : grid) {
        if (!t) continue;
        for (auto& level : t->actors) {
            level[0] = placeholderActor(opacity, true);
            level[1] = placeholderActor(0.35 * opacity, true);
            level[2] = placeholderActor(opacity, true);
            level[2]->GetProperty()->LightingOff();
        }
        tiles_.push_back(std::move(t));
    }
}

BodyLod::~BodyLod() = default;

std::vector<vtkSmartPointer<vtkActor>> BodyLod::actors() const {
    std::vector<vtkSmartPointer<vtkActor>> out;
    for (const auto& t : tiles_)
        for (const auto& level : t->actors) out.insert(out.end(), level.begin(), level.end());
    return out;
}

std::array<vtkSmartPointer<vtkPolyData>, 3> BodyLod::build(const Tile& t, std::size_t level) const {
    MeshBuilder solid, translucent;
    LineBuilder lines;
    const double f = kFootprints[level];
    for (auto i : t.parts) {
        const auto& p = parts_[i];
        if (level == 0) {
            addBodyPart(solid, translucent, p);
            continue;
        }
        if (2 * p.radius < 1.5 * f) {
            // Thinner than a pixel and a half: a vertical line at its centre.
            lines.line(lines.point(p.centre.x, p.centre.y, p.bottom),
                       lines.point(p.centre.x, p.centre.y, p.top), p.colour, p.feature);
            continue;
        }
        // Edges of about kEdgePixels: a circle of R pixels then strays < kEdgePixels^2 / 8R px.
        const int sides = std::clamp(
            static_cast<int>(std::ceil(2 * M_PI * p.radius / (kEdgePixels * f))), 6, p.sides);
        if (p.translucent && f >= kLidFootprint) {
            // Far away a translucent volume only shows as its lid: a fifth of the triangles.
            translucent.lid(MeshBuilder::circle(p.centre, std::max(p.radius, p.topRadius), sides),
                            p.top, p.colour, p.feature);
            continue;
        }
        addBodyPart(solid, translucent, p, sides);
    }
    std::array<vtkSmartPointer<vtkPolyData>, 3> out;
    if (solid.polys->GetNumberOfCells()) out[0] = solid.polyData();
    if (translucent.polys->GetNumberOfCells()) out[1] = translucent.polyData();
    if (lines.count()) out[2] = lines.polyData();
    return out;
}

void BodyLod::update(vtkRenderer* renderer) {
    if (tiles_.empty()) return;
    const double e = tiles_.front()->actors[0][0]->GetScale()[2];
    LodView view(renderer);
    // Each tile's level this frame (kBodyLevels: not in view), then the missing levels built side
    // by side and handed to the actors here.
    std::vector<std::size_t> chosen(tiles_.size(), kBodyLevels);
    std::vector<std::size_t> missing;
    for (std::size_t i = 0; i < tiles_.size(); ++i) {
        Tile& t = *tiles_[i];
        view.setBox(t.bounds, e);
        if (!view.boxInView()) continue;
        chosen[i] = coarsestLevel(kFootprints, view.footprint() * coarsening_);
        if (!t.built[chosen[i]]) missing.push_back(i);
    }
    std::vector<std::array<vtkSmartPointer<vtkPolyData>, 3>> built(missing.size());
    parallelFor(missing.size(),
                [&](std::size_t j) { built[j] = build(*tiles_[missing[j]], chosen[missing[j]]); });
    for (std::size_t j = 0; j < missing.size(); ++j) {
        Tile& t = *tiles_[missing[j]];
        const std::size_t level = chosen[missing[j]];
        for (std::size_t a = 0; a < 3; ++a)
            if (built[j][a]) t.actors[level][a]->GetMapper()->SetInputDataObject(built[j][a]);
        t.built[level] = true;
    }
    for (std::size_t i = 0; i < tiles_.size(); ++i)
        for (std::size_t k = 0; k < kBodyLevels; ++k)
            for (auto& a : tiles_[i]->actors[k])
                a->SetVisibility(k == chosen[i] && a->GetMapper()->GetInput() &&
                                 a->GetMapper()->GetInput()->GetNumberOfCells());
}

}  // namespace bz::render::detail
