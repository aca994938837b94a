#include "ReportPictures.h"

#include <bodemzicht/render/SceneRenderer.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace bz::tools {

std::set<std::string> mostSevereGroups(const clash::ClashReport& report, std::size_t limit) {
    struct Weight {
        std::size_t hard = 0, certain = 0, size = 0;
    };
    std::map<std::string, Weight> groups;
    for (const auto& c : report.clashes) {
        auto& w = groups[c.groupId.empty() ? c.id : c.groupId];
        w.hard += c.kind == clash::ClashKind::Hard;
        w.certain += c.certainty == clash::Certainty::Certain;
        ++w.size;
    }
    std::vector<std::pair<std::string, Weight>> order(groups.begin(), groups.end());
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        return std::tie(a.second.hard, a.second.certain, a.second.size) >
               std::tie(b.second.hard, b.second.certain, b.second.size);
    });
    std::set<std::string> out;
    for (std::size_t i = 0; i < order.size() && i < limit; ++i) out.insert(order[i].first);
    return out;
}

ReportPictures reportPictures(const model::Dataset& ds, const model::GroundLevel& ground,
                              const clash::ClashReport& report, int width, int height,
                              std::size_t limit) {
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
    auto allowed = std::make_shared<std::set<std::string>>(mostSevereGroups(report, limit));
    auto cache =
        std::make_shared<std::map<std::string, std::optional<std::vector<std::uint8_t>>>>();
    out.snapshots = [shared, allowed, cache](const clash::ClashView& view,
                                             const std::vector<const clash::Clash*>& group)
        -> std::optional<std::vector<std::uint8_t>> {
        const auto& head = *group.front();
        const std::string id = head.groupId.empty() ? head.id : head.groupId;
        if (!allowed->count(id)) return std::nullopt;
        if (auto it = cache->find(id); it != cache->end()) return it->second;
        render::WorldCamera cam{view.position, view.focalPoint, view.viewUp, view.fieldOfViewDeg,
                                0};
        render::RenderOptions::Highlight h;
        const auto& first = *group.front();
        h.featureA = first.featureA;
        h.featureB = first.featureB;
        h.requiredM = first.requiredM;
        h.kind = std::string(clash::toCode(first.kind));
        h.location = first.location();
        auto png = render::encodePng(shared->render(cam, h));
        auto& slot = (*cache)[id];
        if (png) slot = std::move(*png);
        return slot;
    };
    out.overview = [shared]() -> std::optional<std::vector<std::uint8_t>> {
        auto png = render::encodePng(shared->render("top"));
        if (!png) return std::nullopt;
        return std::move(*png);
    };
    return out;
}

core::Result<void> renderAreaPictures(const model::Dataset& ds, const model::GroundLevel& ground,
                                      const std::vector<core::Vec2>& area,
                                      const std::string& mapPng, const std::string& viewPng) {
    core::Vec2 lo{INFINITY, INFINITY}, hi{-INFINITY, -INFINITY};
    for (auto p : area)
        lo = {std::min(lo.x, p.x), std::min(lo.y, p.y)},
        hi = {std::max(hi.x, p.x), std::max(hi.y, p.y)};
    const core::Vec2 c = (lo + hi) * 0.5;
    const double half = std::max(hi.x - lo.x, hi.y - lo.y) / 2 * 1.15 + 5;
    const double g = ground.available() ? ground.at(c.x, c.y) : NAN;
    const double z = std::isfinite(g) ? g : 0.0;
    render::RenderOptions o;
    o.width = 1000;
    o.height = 800;
    o.showLegend = true;
    o.groundOpacity = 0.25;
    // The area's outline in red, on the ground.
    render::RenderOptions::OverlayLine outline{{}, {220, 30, 30}, 4};
    for (auto p : area) {
        const double h = ground.available() ? ground.at(p.x, p.y) : NAN;
        outline.points.push_back({p.x, p.y, (std::isfinite(h) ? h : z) + 0.2});
    }
    if (!outline.points.empty()) outline.points.push_back(outline.points.front());
    o.overlayLines.push_back(std::move(outline));
    // From above, orthographic: the map.
    o.camera = render::WorldCamera{{c.x, c.y, z + 500}, {c.x, c.y, z}, {0, 1, 0}, 45, half};
    auto map = render::renderImage(ds, ground, o);
    if (!map) return std::unexpected(map.error());
    if (auto ok = render::writePng(*map, mapPng); !ok) return ok;
    // From the south-west, above the ground: the 3D view.
    o.camera = render::WorldCamera{{c.x - half * 1.2, c.y - half * 1.6, z + half * 1.1},
                                   {c.x, c.y, z - 1.5},
                                   {0, 0, 1},
                                   45,
                                   0};
    auto view = render::renderImage(ds, ground, o);
    if (!view) return std::unexpected(view.error());
    return render::writePng(*view, viewPng);
}

}  // namespace bz::tools
