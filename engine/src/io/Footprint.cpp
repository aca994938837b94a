#include <ogrsf_frmts.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include "Footprint.h"

namespace bz::io::detail {

namespace {

core::Result<core::Vec2> point(double x, double y, std::optional<CrsTransform>& t,
                               const std::string& file, const std::string& id) {
    core::Vec3 p{x, y, 0};
    if (t) {
        auto q = t->apply(p);
        if (!q) return core::fail(file, id, q.error().message);
        p = *q;
    }
    if (!std::isfinite(p.x) || !std::isfinite(p.y))
        return core::fail(file, id, "footprint has a non-finite vertex");
    return p.xy();
}

}  // namespace

core::Result<std::vector<std::vector<core::Vec2>>> footprintRings(const OGRGeometry* g,
                                                                  bool& isLine,
                                                                  std::optional<CrsTransform>& t,
                                                                  const std::string& file,
                                                                  const std::string& id) {
    if (!g || g->IsEmpty()) return core::fail(file, id, "geometry is missing or empty");
    std::vector<std::vector<core::Vec2>> rings;
    auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbMultiPolygon && g->toMultiPolygon()->getNumGeometries() == 1) {
        g = g->toMultiPolygon()->getGeometryRef(0);
        type = wkbPolygon;
    }
    if (type == wkbMultiLineString && g->toMultiLineString()->getNumGeometries() == 1) {
        g = g->toMultiLineString()->getGeometryRef(0);
        type = wkbLineString;
    }
    if (type == wkbLineString) {
        isLine = true;
        const auto* l = g->toLineString();
        if (l->getNumPoints() < 2)
            return core::fail(file, id, "line footprint has fewer than 2 vertices");
        rings.emplace_back();
        for (int i = 0; i < l->getNumPoints(); ++i) {
            auto p = point(l->getX(i), l->getY(i), t, file, id);
            if (!p) return std::unexpected(p.error());
            rings.back().push_back(*p);
        }
        return rings;
    }
    if (type != wkbPolygon)
        return core::fail(file, id,
                          std::string("footprint geometry type ") +
                              OGRGeometryTypeToName(g->getGeometryType()) +
                              " is not a Polygon or LineString (split multi-part zones into one "
                              "feature per part)");
    isLine = false;
    const auto* poly = g->toPolygon();
    for (int r = 0; r < poly->getNumInteriorRings() + 1; ++r) {
        const OGRLinearRing* ring = r == 0 ? poly->getExteriorRing() : poly->getInteriorRing(r - 1);
        int n = ring->getNumPoints();
        if (n > 1 && ring->getX(0) == ring->getX(n - 1) && ring->getY(0) == ring->getY(n - 1)) --n;
        if (n < 3)
            return core::fail(
                file, id,
                "polygon ring " + std::to_string(r) + " has fewer than 3 distinct vertices");
        rings.emplace_back();
        for (int i = 0; i < n; ++i) {
            auto p = point(ring->getX(i), ring->getY(i), t, file, id);
            if (!p) return std::unexpected(p.error());
            rings.back().push_back(*p);
        }
    }
    if (!g->IsValid())
        return core::fail(file, id, "polygon is invalid (self-intersecting or malformed rings)");
    return rings;
}

}  // namespace bz::io::detail
