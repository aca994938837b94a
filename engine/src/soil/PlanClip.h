// Plan geometry shared by the soil computations (private to soil): a polygon clipped to an
// axis-aligned box (Sutherland-Hodgman: exact area for any simple polygon against a box), and the
// area of a polygon.
#pragma once

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Field.h>

#include <algorithm>

#include <cmath>
#include <vector>

namespace bz::soil::detail {

inline std::vector<core::Vec2> clipToBox(std::vector<core::Vec2> poly, double x0, double y0,
                                         double x1, double y1) {
    auto clip = [&](auto inside, auto cut) {
        std::vector<core::Vec2> out;
        for (std::size_t i = 0; i < poly.size(); ++i) {
            const core::Vec2 a = poly[i], b = poly[(i + 1) % poly.size()];
            const bool ia = inside(a), ib = inside(b);
            if (ia) out.push_back(a);
            if (ia != ib) out.push_back(cut(a, b));
        }
        poly = std::move(out);
    };
    auto at = [](core::Vec2 a, core::Vec2 b, double t) { return a + (b - a) * t; };
    clip([&](core::Vec2 p) { return p.x >= x0; },
         [&](core::Vec2 a, core::Vec2 b) { return at(a, b, (x0 - a.x) / (b.x - a.x)); });
    clip([&](core::Vec2 p) { return p.x <= x1; },
         [&](core::Vec2 a, core::Vec2 b) { return at(a, b, (x1 - a.x) / (b.x - a.x)); });
    clip([&](core::Vec2 p) { return p.y >= y0; },
         [&](core::Vec2 a, core::Vec2 b) { return at(a, b, (y0 - a.y) / (b.y - a.y)); });
    clip([&](core::Vec2 p) { return p.y <= y1; },
         [&](core::Vec2 a, core::Vec2 b) { return at(a, b, (y1 - a.y) / (b.y - a.y)); });
    return poly;
}

inline double area(const std::vector<core::Vec2>& p) {
    double a = 0;
    for (std::size_t i = 0; i < p.size(); ++i) a += core::cross(p[i], p[(i + 1) % p.size()]);
    return std::abs(a) / 2;
}

// The grid columns (i0..i1, j0..j1, clamped to the grid) a plan box touches.
struct ColumnRange {
    int i0, i1, j0, j1;
};
inline ColumnRange columnRange(const model::GridGeometry& g, double x0, double y0, double x1,
                               double y1) {
    return {std::max(0, static_cast<int>(std::floor((x0 - g.origin.x) / g.cellSize.x))),
            std::min(g.nx - 1, static_cast<int>(std::floor((x1 - g.origin.x) / g.cellSize.x))),
            std::max(0, static_cast<int>(std::floor((y0 - g.origin.y) / g.cellSize.y))),
            std::min(g.ny - 1, static_cast<int>(std::floor((y1 - g.origin.y) / g.cellSize.y)))};
}

}  // namespace bz::soil::detail
