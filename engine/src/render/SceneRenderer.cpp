#include <bodemzicht/render/SceneRenderer.h>
#include <bodemzicht/sewer/ConditionColours.h>

#include <cmath>
#include <cstdlib>

namespace bz::render {

core::Vec3 renderOrigin(const model::Dataset& ds) {
    auto b = ds.bounds();
    if (b.empty()) return {};
    auto c = b.center();
    return {std::round(c.x / 100) * 100, std::round(c.y / 100) * 100, std::round(c.z)};
}

bool isShown(const model::Dataset& ds, const model::Feature& f, const RenderOptions& o) {
    if (o.hiddenLayers.count(ds.str(f.layer)) || o.hiddenThemes.count(ds.str(f.theme)))
        return false;
    if (std::isnan(o.sliceBottomZ) && std::isnan(o.sliceTopZ)) return true;
    auto b = ds.featureBounds(f);
    if (!std::isnan(o.sliceTopZ) && b.lo.z > o.sliceTopZ) return false;
    if (!std::isnan(o.sliceBottomZ) && b.hi.z < o.sliceBottomZ) return false;
    return true;
}

Rgb featureColour(const model::Dataset& ds, const model::Feature& f, const RenderOptions& o) {
    if (o.colourBy == RenderOptions::ColourBy::Condition && f.type == model::ObjectType::SewerPipe) {
        const auto* c = ds.firstDetail<model::SewerCondition>(f);
        auto rgb = sewer::conditionColour(c ? c->overall : 0);
        return {static_cast<std::uint8_t>(rgb.r * 255 + 0.5), static_cast<std::uint8_t>(rgb.g * 255 + 0.5),
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
