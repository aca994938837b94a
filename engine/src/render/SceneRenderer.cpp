#include <bodemzicht/render/SceneRenderer.h>
#include <bodemzicht/sewer/ConditionColours.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace bz::render {

core::Vec3 renderOrigin(const model::Dataset& ds) {
    auto b = ds.bounds();
    if (b.empty()) return {};
    auto c = b.center();
    return {std::round(c.x / 100) * 100, std::round(c.y / 100) * 100, std::round(c.z)};
}

namespace {

// Whether a feature reaches between two depths below the ground above it (either may be NaN:
// open). Linear objects piece by piece (the ground under a long cable varies), others at the
// centre of their footprint.
bool withinDepthBelowGround(const model::Dataset& ds, const model::Feature& f,
                            const RenderOptions& o) {
    const double top = std::isnan(o.sliceTopBelowGroundM) ? -1e9 : o.sliceTopBelowGroundM;
    const double bottom = std::isnan(o.sliceBottomBelowGroundM) ? 1e9 : o.sliceBottomBelowGroundM;
    auto depthAt = [&](core::Vec3 p) { return o.sliceGround.at(p.x, p.y) - p.z; };
    if (f.kind() == model::GeometryKind::Linear) {
        const auto& l = ds.linears[f.geometry];
        bool unknown = true;
        for (std::uint32_t i = 0; i + 1 < l.vertexCount; ++i) {
            const double a = depthAt(ds.vertices[l.firstVertex + i]),
                         b = depthAt(ds.vertices[l.firstVertex + i + 1]);
            if (std::isnan(a) || std::isnan(b)) continue;
            unknown = false;
            if (std::max(a, b) >= top && std::min(a, b) <= bottom) return true;
        }
        return unknown;
    }
    const auto box = ds.featureBounds(f);
    const double g = o.sliceGround.at((box.lo.x + box.hi.x) / 2, (box.lo.y + box.hi.y) / 2);
    if (std::isnan(g) || std::isnan(box.lo.z)) return true;
    return g - box.lo.z >= top && g - box.hi.z <= bottom;
}

}  // namespace

bool isShown(const model::Dataset& ds, const model::Feature& f, const RenderOptions& o) {
    if (o.hiddenLayers.count(ds.str(f.layer)) || o.hiddenThemes.count(ds.str(f.theme)))
        return false;
    if (!std::isnan(o.sliceTopBelowGroundM) || !std::isnan(o.sliceBottomBelowGroundM))
        if (!withinDepthBelowGround(ds, f, o)) return false;
    if (std::isnan(o.sliceBottomZ) && std::isnan(o.sliceTopZ)) return true;
    auto b = ds.featureBounds(f);
    if (!std::isnan(o.sliceTopZ) && b.lo.z > o.sliceTopZ) return false;
    if (!std::isnan(o.sliceBottomZ) && b.hi.z < o.sliceBottomZ) return false;
    return true;
}

Rgb featureColour(const model::Dataset& ds, const model::Feature& f, const RenderOptions& o) {
    if (o.colourBy == RenderOptions::ColourBy::Condition &&
        f.type == model::ObjectType::SewerPipe) {
        const auto* c = ds.firstDetail<model::SewerCondition>(f);
        auto rgb = sewer::conditionColour(c ? c->overall : 0);
        return {static_cast<std::uint8_t>(rgb.r * 255 + 0.5),
                static_cast<std::uint8_t>(rgb.g * 255 + 0.5),
                static_cast<std::uint8_t>(rgb.b * 255 + 0.5)};
    }
    return themeColour(ds.str(f.theme));
}

Rgb clashMarkerColour(const ClashMarker& m) {
    const Rgb c = clashColour(m.kind);
    const double white = m.certainty == "possible" ? 0.5 : m.certainty == "likely" ? 0.2 : 0.0;
    auto mix = [&](std::uint8_t v) {
        return static_cast<std::uint8_t>(v + (255 - v) * white + 0.5);
    };
    return {mix(c.r), mix(c.g), mix(c.b)};
}

bool displayAvailable() {
    const char* d = std::getenv("DISPLAY");
    return d && *d;
}

}  // namespace bz::render
