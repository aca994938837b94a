#include <bodemzicht/soil/Excavation.h>

#include <algorithm>
#include <cmath>

#include "PlanClip.h"

namespace bz::soil {

Excavated excavate(const model::Field& grid, std::size_t variable,
                   const std::vector<std::vector<core::Vec2>>& polygons, double bottomZ,
                   const std::function<double(double, double)>& top, double threshold) {
    Excavated out;
    const auto& g = grid.grid();
    for (const auto& poly : polygons) {
        if (poly.size() < 3) continue;
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        for (auto p : poly)
            x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x),
            y1 = std::max(y1, p.y);
        // The whole polygon's volume, to count what lies outside the grid.
        double inside = 0;
        const double total = detail::area(poly);
        const auto [i0, i1, j0, j1] = detail::columnRange(g, x0, y0, x1, y1);
        for (int i = i0; i <= i1; ++i)
            for (int j = j0; j <= j1; ++j) {
                const double cx0 = g.origin.x + i * g.cellSize.x,
                             cy0 = g.origin.y + j * g.cellSize.y;
                const auto piece =
                    detail::clipToBox(poly, cx0, cy0, cx0 + g.cellSize.x, cy0 + g.cellSize.y);
                if (piece.size() < 3) continue;
                const double planArea = detail::area(piece);
                if (!(planArea > 0)) continue;
                inside += planArea;
                core::Vec2 c{0, 0};
                for (auto p : piece) c = c + p * (1.0 / static_cast<double>(piece.size()));
                const double from = top ? top(c.x, c.y) : NAN;
                if (!std::isfinite(from) || from <= bottomZ) continue;
                const double gridLo = g.origin.z, gridHi = g.origin.z + g.nz * g.cellSize.z;
                // Above or below the grid: dug, but not in it.
                const double outsideHeight = std::max(0.0, from - std::max(bottomZ, gridHi)) +
                                             std::max(0.0, std::min(from, gridLo) - bottomZ);
                out.excavatedM3 += planArea * (from - bottomZ);
                out.outsideM3 += planArea * outsideHeight;
                const int k0 =
                    std::max(0, static_cast<int>(std::floor((bottomZ - gridLo) / g.cellSize.z)));
                const int k1 = std::min(
                    g.nz - 1, static_cast<int>(std::floor((from - gridLo) / g.cellSize.z)));
                for (int k = k0; k <= k1; ++k) {
                    const double lo = gridLo + k * g.cellSize.z, hi = lo + g.cellSize.z;
                    const double h = std::min(hi, from) - std::max(lo, bottomZ);
                    if (h <= 0) continue;
                    const double v = grid.cellValue(variable, i, j, k);
                    if (std::isnan(v)) continue;
                    out.withDataM3 += planArea * h;
                    if (std::isnan(out.maxValue) || v > out.maxValue) out.maxValue = v;
                    if (v >= threshold) out.aboveM3 += planArea * h;
                }
            }
        // Beside the grid in plan: the depth at the polygon's own centroid.
        if (total > inside + 1e-9) {
            core::Vec2 c{0, 0};
            for (auto p : poly) c = c + p * (1.0 / static_cast<double>(poly.size()));
            const double from = top ? top(c.x, c.y) : NAN;
            if (std::isfinite(from) && from > bottomZ) {
                out.excavatedM3 += (total - inside) * (from - bottomZ);
                out.outsideM3 += (total - inside) * (from - bottomZ);
            }
        }
    }
    return out;
}

std::vector<std::vector<core::Vec2>> lineFootprint(const std::vector<core::Vec2>& line,
                                                   double widthM) {
    std::vector<std::vector<core::Vec2>> out;
    for (std::size_t s = 0; s + 1 < line.size(); ++s) {
        const core::Vec2 a = line[s], b = line[s + 1];
        const double len = core::length(b - a);
        if (!(len > 0)) continue;
        const core::Vec2 n = core::Vec2{-(b - a).y, (b - a).x} * (widthM / 2 / len);
        out.push_back({a - n, b - n, b + n, a + n});
    }
    return out;
}

}  // namespace bz::soil
