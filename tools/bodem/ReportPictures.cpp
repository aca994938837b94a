#include "ReportPictures.h"

#include <bodemzicht/render/SceneRenderer.h>

namespace bz::tools {

ReportPictures reportPictures(const model::Dataset& ds, const model::GroundLevel& ground,
                              const clash::ClashReport& report, int width, int height) {
    ReportPictures out;
    render::RenderOptions options;
    options.width = width;
    options.height = height;
    options.showLegend = true;
    for (const auto& c : report.clashes)
        options.clashes.push_back({c.location(), std::string(clash::toCode(c.kind)), c.id,
                                   std::string(clash::toCode(c.certainty))});
    auto renderer = render::SnapshotRenderer::create(ds, ground, options);
    if (!renderer) {
        out.problem = renderer.error().toString();
        return out;
    }
    std::shared_ptr<render::SnapshotRenderer> shared(std::move(*renderer));
    out.keepAlive = shared;
    out.snapshots = [shared](const clash::ClashView& view,
                             const std::vector<const clash::Clash*>& group)
        -> std::optional<std::vector<std::uint8_t>> {
        render::WorldCamera cam{view.position, view.focalPoint, view.viewUp, view.fieldOfViewDeg, 0};
        render::RenderOptions::Highlight h;
        const auto& first = *group.front();
        h.featureA = first.featureA;
        h.featureB = first.featureB;
        h.requiredM = first.requiredM;
        h.kind = std::string(clash::toCode(first.kind));
        auto png = render::encodePng(shared->render(cam, h));
        if (!png) return std::nullopt;
        return std::move(*png);
    };
    out.overview = [shared]() -> std::optional<std::vector<std::uint8_t>> {
        auto png = render::encodePng(shared->render("top"));
        if (!png) return std::nullopt;
        return std::move(*png);
    };
    return out;
}

}  // namespace bz::tools
