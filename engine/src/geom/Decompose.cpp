#include <bodemzicht/geom/Decompose.h>

#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bz::geom {

using core::Vec2;

double signedArea(const Polygon2& r) {
    double a = 0;
    for (std::size_t i = 0; i < r.size(); ++i) a += core::cross(r[i], r[(i + 1) % r.size()]);
    return 0.5 * a;
}

bool isConvex(const Polygon2& r) {
    if (r.size() < 3) return false;
    bool pos = false, neg = false;
    for (std::size_t i = 0; i < r.size(); ++i) {
        double c = core::cross(r[(i + 1) % r.size()] - r[i],
                               r[(i + 2) % r.size()] - r[(i + 1) % r.size()]);
        if (c > 1e-12) pos = true;
        if (c < -1e-12) neg = true;
    }
    return !(pos && neg);
}

namespace {

Polygon2 orient(Polygon2 r, bool ccw) {
    if ((signedArea(r) > 0) != ccw) std::reverse(r.begin(), r.end());
    return r;
}

Polygon2 removeDuplicates(const Polygon2& r) {
    Polygon2 out;
    for (auto p : r)
        if (out.empty() || !(out.back() == p)) out.push_back(p);
    while (out.size() > 1 && out.front() == out.back()) out.pop_back();
    return out;
}

// A GEOS context per thread (the reentrant API), quiet: a polygon it cannot triangulate gives no
// parts, which callers report as a degenerate footprint.
GEOSContextHandle_t geos() {
    struct Context {
        GEOSContextHandle_t handle = GEOS_init_r();
        ~Context() { GEOS_finish_r(handle); }
    };
    thread_local Context context;
    return context.handle;
}

GEOSGeometry* ring(GEOSContextHandle_t h, const Polygon2& r) {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(r.size() + 1), 2);
    if (!seq) return nullptr;
    for (std::size_t i = 0; i <= r.size(); ++i) {
        const Vec2 p = r[i % r.size()];
        GEOSCoordSeq_setXY_r(h, seq, static_cast<unsigned>(i), p.x, p.y);
    }
    return GEOSGeom_createLinearRing_r(h, seq);  // takes the sequence, or frees it on failure
}

// The polygon's constrained Delaunay triangulation (GEOS), counter-clockwise triangles made of
// the input's own vertices, so that neighbours share their edges exactly.
std::vector<Polygon2> triangulate(const Polygon2& outer, const std::vector<Polygon2>& holes) {
    std::vector<Polygon2> tris;
    GEOSContextHandle_t h = geos();
    GEOSGeometry* shell = ring(h, outer);
    if (!shell) return tris;
    std::vector<GEOSGeometry*> inner;
    for (const auto& hole : holes)
        if (GEOSGeometry* r = ring(h, hole)) inner.push_back(r);
    GEOSGeometry* poly = GEOSGeom_createPolygon_r(h, shell, inner.data(),
                                                  static_cast<unsigned>(inner.size()));
    if (!poly) return tris;
    GEOSGeometry* cdt = GEOSConstrainedDelaunayTriangulation_r(h, poly);
    GEOSGeom_destroy_r(h, poly);
    if (!cdt) return tris;
    const int n = GEOSGetNumGeometries_r(h, cdt);
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* tri = GEOSGetGeometryN_r(h, cdt, i);
        const GEOSGeometry* ext = tri ? GEOSGetExteriorRing_r(h, tri) : nullptr;
        const GEOSCoordSequence* seq = ext ? GEOSGeom_getCoordSeq_r(h, ext) : nullptr;
        unsigned size = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &size) || size < 4) continue;
        Polygon2 t(3);
        for (unsigned k = 0; k < 3; ++k) GEOSCoordSeq_getXY_r(h, seq, k, &t[k].x, &t[k].y);
        if (std::abs(signedArea(t)) > 0) tris.push_back(orient(std::move(t), true));
    }
    GEOSGeom_destroy_r(h, cdt);
    return tris;
}

// Merges two convex CCW polygons sharing edge (u, v) if the union stays convex.
bool tryMerge(Polygon2& a, const Polygon2& b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
        Vec2 u = a[i], v = a[(i + 1) % a.size()];
        for (std::size_t j = 0; j < b.size(); ++j) {
            if (!(b[j] == v && b[(j + 1) % b.size()] == u)) continue;
            Polygon2 merged;
            for (std::size_t k = 0; k <= i; ++k) merged.push_back(a[k]);
            for (std::size_t k = 2; k < b.size(); ++k) merged.push_back(b[(j + k) % b.size()]);
            for (std::size_t k = i + 1; k < a.size(); ++k) merged.push_back(a[k]);
            if (!isConvex(merged) || signedArea(merged) <= 0) return false;
            a = std::move(merged);
            return true;
        }
    }
    return false;
}

}  // namespace

std::vector<Polygon2> convexParts(const Polygon2& outerIn, const std::vector<Polygon2>& holesIn) {
    Polygon2 outer = orient(removeDuplicates(outerIn), true);
    if (outer.size() < 3) return {};
    if (holesIn.empty() && isConvex(outer)) return {outer};
    std::vector<Polygon2> holes;
    for (const auto& h : holesIn) {
        auto c = removeDuplicates(h);
        if (c.size() >= 3) holes.push_back(orient(c, false));
    }
    std::vector<Polygon2> parts = triangulate(outer, holes);
    // Greedy Hertel-Mehlhorn style merging of neighbours while convex.
    bool merged = true;
    while (merged) {
        merged = false;
        for (std::size_t i = 0; i < parts.size() && !merged; ++i)
            for (std::size_t j = i + 1; j < parts.size() && !merged; ++j)
                if (tryMerge(parts[i], parts[j])) {
                    parts.erase(parts.begin() + static_cast<long>(j));
                    merged = true;
                }
    }
    return parts;
}

std::vector<Polygon2> bufferedPolylineParts(const Polygon2& line, double width) {
    std::vector<Polygon2> parts;
    double h = width / 2;
    std::vector<std::pair<Vec2, Vec2>> ends;  // per segment: normal offset
    Polygon2 pts = removeDuplicates(line);
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
        Vec2 a = pts[i], b = pts[i + 1], d = b - a;
        double len = core::length(d);
        Vec2 n{-d.y / len * h, d.x / len * h};
        parts.push_back({a - n, b - n, b + n, a + n});
        ends.push_back({n, d});
    }
    for (std::size_t i = 1; i + 1 < pts.size(); ++i) {
        Vec2 v = pts[i], n0 = ends[i - 1].first, n1 = ends[i].first;
        // Convex hull of the two rectangle ends meeting at v (a bevel joint, convex by
        // construction).
        Polygon2 quad{v - n0, v - n1, v + n1, v + n0};
        Polygon2 hull;
        std::vector<Vec2> p(quad.begin(), quad.end());
        std::sort(p.begin(), p.end(),
                  [](Vec2 a, Vec2 b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
        for (int pass = 0; pass < 2; ++pass) {
            std::size_t start = hull.size();
            for (auto q : p) {
                while (hull.size() >= start + 2 &&
                       core::cross(hull[hull.size() - 1] - hull[hull.size() - 2],
                                   q - hull[hull.size() - 2]) <= 0)
                    hull.pop_back();
                hull.push_back(q);
            }
            hull.pop_back();
            std::reverse(p.begin(), p.end());
        }
        if (hull.size() >= 3) parts.push_back(hull);
    }
    return parts;
}

bool contains(const Polygon2& outer, const std::vector<Polygon2>& holes, core::Vec2 p) {
    auto inRing = [&](const Polygon2& r) {
        bool in = false;
        for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
            if ((r[i].y > p.y) != (r[j].y > p.y) &&
                p.x < (r[j].x - r[i].x) * (p.y - r[i].y) / (r[j].y - r[i].y) + r[i].x)
                in = !in;
        return in;
    };
    if (!inRing(outer)) return false;
    for (const auto& h : holes)
        if (inRing(h)) return false;
    return true;
}

}  // namespace bz::geom
