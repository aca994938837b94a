// Lines in the project's own tables (base map, streets): OGR geometries as polylines, and a
// polyline as text ("x y;x y;...") and back, checked.
#pragma once

#include <ogr_api.h>
#include <ogr_geometry.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <bodemzicht/core/Vec.h>

namespace bz::io::detail {

// Every ring or line of a geometry as a polyline (curves linearised); points add nothing.
inline void collectLines(const OGRGeometry* g,
                         std::vector<std::pair<std::vector<core::Vec2>, bool>>& out) {
    if (!g || g->IsEmpty()) return;
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbLineString:
        case wkbLinearRing: {
            const auto* l = g->toLineString();
            std::vector<core::Vec2> pts;
            pts.reserve(static_cast<std::size_t>(l->getNumPoints()));
            for (int i = 0; i < l->getNumPoints(); ++i) pts.push_back({l->getX(i), l->getY(i)});
            const bool closed =
                pts.size() > 2 && pts.front().x == pts.back().x && pts.front().y == pts.back().y;
            if (closed) pts.pop_back();
            if (pts.size() >= 2) out.push_back({std::move(pts), closed});
            return;
        }
        case wkbPolygon: {
            const auto* p = g->toPolygon();
            for (const auto* ring : *p) collectLines(ring, out);
            return;
        }
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection: {
            for (const auto* part : *g->toGeometryCollection()) collectLines(part, out);
            return;
        }
        default:
            if (OGR_GT_IsCurve(g->getGeometryType()) || OGR_GT_IsSurface(g->getGeometryType()) ||
                OGR_GT_IsSubClassOf(g->getGeometryType(), wkbGeometryCollection)) {
                std::unique_ptr<OGRGeometry> linear(g->getLinearGeometry());
                if (linear &&
                    wkbFlatten(linear->getGeometryType()) != wkbFlatten(g->getGeometryType()))
                    collectLines(linear.get(), out);
            }
    }
}

inline std::string encodeLine(const std::vector<core::Vec2>& pts) {
    std::string s;
    s.reserve(pts.size() * 24);
    char buf[64];
    for (const auto& p : pts) {
        std::snprintf(buf, sizeof buf, "%s%.3f %.3f", s.empty() ? "" : ";", p.x, p.y);
        s += buf;
    }
    return s;
}

inline std::optional<std::vector<core::Vec2>> decodeLine(const std::string& s) {
    std::vector<core::Vec2> pts;
    const char* p = s.data();
    const char* end = p + s.size();
    while (p < end) {
        double x = 0, y = 0;
        auto rx = std::from_chars(p, end, x);
        if (rx.ec != std::errc() || rx.ptr >= end || *rx.ptr != ' ') return std::nullopt;
        auto ry = std::from_chars(rx.ptr + 1, end, y);
        if (ry.ec != std::errc() || !std::isfinite(x) || !std::isfinite(y)) return std::nullopt;
        pts.push_back({x, y});
        p = ry.ptr;
        if (p < end) {
            if (*p != ';') return std::nullopt;
            ++p;
        }
    }
    return pts;
}

}  // namespace bz::io::detail
