#include <bodemzicht/sewer/ObservationPlacement.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace bz::sewer {

bool inspectedFromBegin(const model::SewerProfile* pipe, const model::SewerInspection& in) {
    if (!pipe) return true;
    // The start node (AAB) when given, else node 1 (AAD) is where the camera went in.
    const std::string& start = !in.startNode.empty() ? in.startNode : in.node1;
    if (start.empty()) return true;
    if (!pipe->endNode.empty() && start == pipe->endNode) return false;
    return true;
}

std::vector<PlacedObservation> placeObservations(const model::Dataset& ds,
                                                 const ObservationFilter& filter) {
    std::vector<PlacedObservation> out;
    for (std::uint32_t fi = 0; fi < ds.features.size(); ++fi) {
        const auto& f = ds.features[fi];
        if (f.kind() != model::GeometryKind::Linear || f.firstDetail == model::kNoDetail) continue;
        auto inspections = ds.detailsOf<model::SewerInspection>(f);
        if (inspections.empty()) continue;
        const auto* sp = ds.sewerOf(f);
        const auto* cond = ds.firstDetail<model::SewerCondition>(f);
        const auto& g = ds.linears[f.geometry];
        if (g.vertexCount < 2) continue;
        // Cumulative plan length per vertex.
        std::vector<double> run(g.vertexCount, 0);
        for (std::uint32_t i = 1; i < g.vertexCount; ++i)
            run[i] = run[i - 1] + core::distance(ds.vertices[g.firstVertex + i - 1].xy(),
                                                 ds.vertices[g.firstVertex + i].xy());
        const double length = run.back();
        double radius = sp && std::isfinite(sp->heightMm) ? sp->heightMm / 2000.0
                        : std::isfinite(g.outerDiameterM) ? g.outerDiameterM / 2.0
                                                          : 0.15;
        for (std::uint32_t l = f.firstDetail; l != model::kNoDetail; l = ds.detailLinks[l].next) {
            const auto& link = ds.detailLinks[l];
            if (link.kind != model::DetailKind::SewerObservation) continue;
            const auto& o = ds.observations[link.index];
            if (!std::isfinite(o.distanceM) || o.code == "BXA") continue;
            if (o.conditionClass < filter.minClass) continue;
            if (!filter.codes.empty() && !filter.codes.count(o.code)) continue;
            const model::SewerInspection* in = nullptr;
            for (const auto* i : inspections)
                if (i->id == o.inspectionId) in = i;
            if (!in) continue;
            if (filter.latestOnly && cond && cond->inspected.known() &&
                !(in->date == cond->inspected))
                continue;
            const bool fromBegin = inspectedFromBegin(sp, *in);
            const double along =
                std::clamp(fromBegin ? o.distanceM : length - o.distanceM, 0.0, length);
            std::uint32_t k = 1;
            while (k + 1 < g.vertexCount && run[k] < along) ++k;
            const auto a = ds.vertices[g.firstVertex + k - 1], b = ds.vertices[g.firstVertex + k];
            const double seg = run[k] - run[k - 1];
            const double t = seg > 0 ? (along - run[k - 1]) / seg : 0;
            core::Vec3 axis = a + (b - a) * t;
            // Looking in the direction of inspection: right-hand side and up.
            core::Vec2 u = (b - a).xy() * (fromBegin ? 1.0 : -1.0);
            const double ul = core::length(u);
            u = ul > 0 ? u * (1 / ul) : core::Vec2{1, 0};
            const core::Vec2 right{u.y, -u.x};
            const double angle = (o.clock1 >= 0 ? o.clock1 : 12) * std::numbers::pi / 6;
            core::Vec3 offset{right.x * std::sin(angle) * radius,
                              right.y * std::sin(angle) * radius, std::cos(angle) * radius};
            out.push_back({fi, link.index, axis + offset, axis, radius, o.conditionClass});
        }
    }
    return out;
}

}  // namespace bz::sewer
