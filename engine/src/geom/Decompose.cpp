#include <bodemzicht/geom/Decompose.h>

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

bool segmentsCross(Vec2 a, Vec2 b, Vec2 c, Vec2 d) {
    // Proper crossing only (touching at shared endpoints does not count).
    double d1 = core::cross(b - a, c - a), d2 = core::cross(b - a, d - a);
    double d3 = core::cross(d - c, a - c), d4 = core::cross(d - c, b - c);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

bool pointInTriangle(Vec2 p, Vec2 a, Vec2 b, Vec2 c) {
    double c1 = core::cross(b - a, p - a), c2 = core::cross(c - b, p - b),
           c3 = core::cross(a - c, p - c);
    return c1 >= 0 && c2 >= 0 && c3 >= 0;
}

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

// Joins each hole into the outer ring through a bridge to a visible outer vertex.
Polygon2 bridgeHoles(Polygon2 outer, std::vector<Polygon2> holes) {
    std::sort(holes.begin(), holes.end(), [](const Polygon2& a, const Polygon2& b) {
        auto mx = [](const Polygon2& r) {
            double m = -std::numeric_limits<double>::infinity();
            for (auto p : r) m = std::max(m, p.x);
            return m;
        };
        return mx(a) > mx(b);
    });
    for (std::size_t h = 0; h < holes.size(); ++h) {
        const Polygon2& hole = holes[h];
        std::size_t hi = 0;
        for (std::size_t i = 1; i < hole.size(); ++i)
            if (hole[i].x > hole[hi].x) hi = i;
        Vec2 hp = hole[hi];
        // Candidate outer vertices by distance; take the first whose bridge crosses no edge.
        std::vector<std::size_t> order(outer.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return core::distance(outer[a], hp) < core::distance(outer[b], hp);
        });
        std::size_t chosen = order.front();
        for (std::size_t oi : order) {
            Vec2 op = outer[oi];
            bool clear = true;
            auto check = [&](const Polygon2& r) {
                for (std::size_t k = 0; k < r.size() && clear; ++k)
                    if (segmentsCross(hp, op, r[k], r[(k + 1) % r.size()])) clear = false;
            };
            check(outer);
            for (std::size_t k = h; k < holes.size() && clear; ++k) check(holes[k]);
            if (clear) {
                chosen = oi;
                break;
            }
        }
        Polygon2 merged(outer.begin(), outer.begin() + chosen + 1);
        for (std::size_t k = 0; k <= hole.size(); ++k)
            merged.push_back(hole[(hi + k) % hole.size()]);
        merged.push_back(outer[chosen]);
        merged.insert(merged.end(), outer.begin() + chosen + 1, outer.end());
        outer = std::move(merged);
    }
    return outer;
}

std::vector<Polygon2> earClip(const Polygon2& ring) {
    std::vector<Polygon2> tris;
    std::vector<std::size_t> idx(ring.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::size_t guard = 0;
    while (idx.size() > 3 && guard < 10 * ring.size() * ring.size() + 100) {
        ++guard;
        bool clipped = false;
        for (std::size_t i = 0; i < idx.size(); ++i) {
            std::size_t ip = idx[(i + idx.size() - 1) % idx.size()], ic = idx[i],
                        in = idx[(i + 1) % idx.size()];
            Vec2 a = ring[ip], b = ring[ic], c = ring[in];
            double turn = core::cross(b - a, c - b);
            if (turn <= 1e-14) {
                if (std::abs(turn) <= 1e-14 && core::dot(b - a, c - b) > 0) {
                    idx.erase(idx.begin() + static_cast<long>(i));  // collinear vertex: drop
                    clipped = true;
                    break;
                }
                continue;  // reflex
            }
            bool empty = true;
            for (std::size_t k : idx) {
                if (k == ip || k == ic || k == in) continue;
                Vec2 p = ring[k];
                if (p == a || p == b || p == c) continue;  // bridge duplicates
                if (pointInTriangle(p, a, b, c)) {
                    empty = false;
                    break;
                }
            }
            if (!empty) continue;
            tris.push_back({a, b, c});
            idx.erase(idx.begin() + static_cast<long>(i));
            clipped = true;
            break;
        }
        if (!clipped) break;  // degenerate input: give up on the remainder below
    }
    if (idx.size() == 3) {
        Polygon2 t{ring[idx[0]], ring[idx[1]], ring[idx[2]]};
        if (std::abs(signedArea(t)) > 0) tris.push_back(orient(t, true));
    } else if (idx.size() > 3) {
        // Could not clip further (self-touching input): fan the rest so nothing is lost.
        for (std::size_t i = 1; i + 1 < idx.size(); ++i) {
            Polygon2 t{ring[idx[0]], ring[idx[i]], ring[idx[i + 1]]};
            if (std::abs(signedArea(t)) > 0) tris.push_back(orient(t, true));
        }
    }
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
    std::vector<Polygon2> parts = earClip(holes.empty() ? outer : bridgeHoles(outer, holes));
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
