#include <bodemzicht/geom/HeightFieldMesh.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace bz::geom {

namespace {

constexpr double kUnknown = std::numeric_limits<double>::infinity();

int log2Exact(int n) {
    int k = 0;
    while ((1 << k) < n) ++k;
    return (1 << k) == n ? k : -1;
}

}  // namespace

HeightFieldMesh::HeightFieldMesh(std::vector<double> heights, int nx, int ny, int blockCells)
    : heights_(std::move(heights)), nx_(nx), ny_(ny), blockCells_(blockCells) {
    const int k = log2Exact(blockCells);
    if (k < 0 || nx < 2 || ny < 2 || (nx - 1) % blockCells || (ny - 1) % blockCells ||
        heights_.size() != static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny))
        throw std::invalid_argument("HeightFieldMesh: grid is not whole blocks of 2^k cells");
    // Depth 0: a block's two halves; every two depths halve the legs; at depth 2k the hypotenuse
    // is a cell's diagonal and has no grid point in its middle.
    leafDepth_ = 2 * k;
    for (int y0 = 0; y0 + 1 < ny; y0 += blockCells)
        for (int x0 = 0; x0 + 1 < nx; x0 += blockCells) {
            int x1 = x0 + blockCells, y1 = y0 + blockCells;
            roots_.push_back({x0, y0, x1, y1, x1, y0});
            roots_.push_back({x1, y1, x0, y0, x0, y1});
        }
    splitError_.assign(heights_.size(), 0.0);
    // Finest splits first, so that each coarser split sees the final error of the finer ones
    // (from both triangles sharing each of their hypotenuses).
    std::vector<std::vector<Triangle>> levels;  // depths 0 .. leafDepth_ - 1: those that split
    if (leafDepth_ > 0) levels.push_back(roots_);
    while (static_cast<int>(levels.size()) < leafDepth_) {
        std::vector<Triangle> next;
        next.reserve(levels.back().size() * 2);
        for (const auto& t : levels.back()) {
            int mx = (t.ax + t.bx) / 2, my = (t.ay + t.by) / 2;
            next.push_back({t.ax, t.ay, t.cx, t.cy, mx, my});
            next.push_back({t.cx, t.cy, t.bx, t.by, mx, my});
        }
        levels.push_back(std::move(next));
    }
    for (int d = static_cast<int>(levels.size()) - 1; d >= 0; --d)
        for (const auto& t : levels[static_cast<std::size_t>(d)]) {
            int mx = (t.ax + t.bx) / 2, my = (t.ay + t.by) / 2;
            double e = exactError(t);
            if (d + 1 < leafDepth_) {
                // The children's hypotenuses are this triangle's legs a-c and c-b.
                e = std::max({e, splitError_[index((t.ax + t.cx) / 2, (t.ay + t.cy) / 2)],
                              splitError_[index((t.cx + t.bx) / 2, (t.cy + t.by) / 2)]});
            }
            auto& s = splitError_[index(mx, my)];
            s = std::max(s, e);
        }
}

// The largest vertical distance of a grid point inside t (edges included) from t's plane;
// infinite when any of them is unknown.
double HeightFieldMesh::exactError(const Triangle& t) const {
    const double za = height(t.ax, t.ay), zb = height(t.bx, t.by), zc = height(t.cx, t.cy);
    if (std::isnan(za) || std::isnan(zb) || std::isnan(zc)) return kUnknown;
    const double d = double(t.by - t.cy) * (t.ax - t.cx) + double(t.cx - t.bx) * (t.ay - t.cy);
    const int x0 = std::min({t.ax, t.bx, t.cx}), x1 = std::max({t.ax, t.bx, t.cx});
    const int y0 = std::min({t.ay, t.by, t.cy}), y1 = std::max({t.ay, t.by, t.cy});
    double worst = 0;
    for (int j = y0; j <= y1; ++j)
        for (int i = x0; i <= x1; ++i) {
            const double u =
                (double(t.by - t.cy) * (i - t.cx) + double(t.cx - t.bx) * (j - t.cy)) / d;
            const double v =
                (double(t.cy - t.ay) * (i - t.cx) + double(t.ax - t.cx) * (j - t.cy)) / d;
            const double w = 1 - u - v;
            if (u < -1e-9 || v < -1e-9 || w < -1e-9) continue;
            const double z = height(i, j);
            if (std::isnan(z)) return kUnknown;
            worst = std::max(worst, std::abs(z - (u * za + v * zb + w * zc)));
        }
    return worst;
}

template <typename Emit>
void HeightFieldMesh::walk(const Triangle& t, int depth, double maxError, Emit&& emit) const {
    const int mx = (t.ax + t.bx) / 2, my = (t.ay + t.by) / 2;
    if (depth == leafDepth_) {
        if (!std::isnan(height(t.ax, t.ay)) && !std::isnan(height(t.bx, t.by)) &&
            !std::isnan(height(t.cx, t.cy)))
            emit(t);
        return;
    }
    if (splitError_[index(mx, my)] <= maxError) {
        emit(t);
        return;
    }
    walk({t.ax, t.ay, t.cx, t.cy, mx, my}, depth + 1, maxError, emit);
    walk({t.cx, t.cy, t.bx, t.by, mx, my}, depth + 1, maxError, emit);
}

HeightFieldMesh::Mesh HeightFieldMesh::extract(double maxError) const {
    Mesh mesh;
    std::vector<std::int64_t> vertexOf(heights_.size(), -1);
    auto vertex = [&](int i, int j) {
        auto& v = vertexOf[index(i, j)];
        if (v < 0) {
            v = static_cast<std::int64_t>(mesh.vertices.size());
            mesh.vertices.push_back(static_cast<std::uint32_t>(index(i, j)));
        }
        return static_cast<std::uint32_t>(v);
    };
    for (const auto& root : roots_)
        walk(root, 0, maxError, [&](const Triangle& t) {
            mesh.triangles.push_back({vertex(t.ax, t.ay), vertex(t.bx, t.by), vertex(t.cx, t.cy)});
        });
    return mesh;
}

HeightFieldMesh::Mesh HeightFieldMesh::extractAtMost(std::size_t maxTriangles, double minError,
                                                     double maxError) const {
    auto count = [&](double e) {
        std::size_t n = 0;
        for (const auto& root : roots_) walk(root, 0, e, [&](const Triangle&) { ++n; });
        return n;
    };
    if (count(minError) <= maxTriangles) return extract(minError);
    if (count(maxError) > maxTriangles) return extract(maxError);
    // Fewer triangles as the error grows: bisect for the smallest error that fits.
    double lo = minError, hi = maxError;
    for (int step = 0; step < 30; ++step) {
        double mid = (lo + hi) / 2;
        (count(mid) <= maxTriangles ? hi : lo) = mid;
    }
    return extract(hi);
}

}  // namespace bz::geom
