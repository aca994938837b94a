#include <bodemzicht/geom/MinimumRectangle.h>

#include <algorithm>
#include <cmath>

namespace bz::geom {

using core::Vec2;

std::vector<Vec2> convexHull(std::vector<Vec2> p) {
    std::sort(p.begin(), p.end(), [](Vec2 a, Vec2 b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    p.erase(std::unique(p.begin(), p.end()), p.end());
    if (p.size() < 3) return p;
    std::vector<Vec2> hull(2 * p.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {  // lower hull
        while (k >= 2 && core::cross(hull[k - 1] - hull[k - 2], p[i] - hull[k - 2]) <= 0) --k;
        hull[k++] = p[i];
    }
    for (std::size_t i = p.size() - 1, t = k + 1; i-- > 0;) {  // upper hull
        while (k >= t && core::cross(hull[k - 1] - hull[k - 2], p[i] - hull[k - 2]) <= 0) --k;
        hull[k++] = p[i];
    }
    hull.resize(k - 1);
    return hull;
}

OrientedRectangle minimumAreaRectangle(const std::vector<Vec2>& points) {
    OrientedRectangle best;
    auto hull = convexHull(points);
    if (hull.size() < 3) return best;
    double bestArea = INFINITY;
    // The smallest rectangle has a side on an edge of the hull.
    for (std::size_t i = 0; i < hull.size(); ++i) {
        Vec2 e = hull[(i + 1) % hull.size()] - hull[i];
        double len = core::length(e);
        if (len <= 0) continue;
        Vec2 u = e * (1.0 / len), v{-u.y, u.x};
        double lu = INFINITY, hu = -INFINITY, lv = INFINITY, hv = -INFINITY;
        for (Vec2 p : hull) {
            double a = core::dot(p, u), b = core::dot(p, v);
            lu = std::min(lu, a), hu = std::max(hu, a), lv = std::min(lv, b), hv = std::max(hv, b);
        }
        double area = (hu - lu) * (hv - lv);
        if (area < bestArea) {
            bestArea = area;
            best.width = hu - lu;
            best.length = hv - lv;
            best.center = u * (0.5 * (lu + hu)) + v * (0.5 * (lv + hv));
            best.rotationDeg = std::atan2(u.y, u.x) * 180.0 / M_PI;
        }
    }
    return best;
}

}  // namespace bz::geom
