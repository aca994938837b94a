#include <bodemzicht/model/Field.h>
#include <bodemzicht/model/GroundLevel.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bz::model {

std::string_view toCode(FieldKind k) {
    return k == FieldKind::Grid3d ? "grid3d" : "raster";
}

std::optional<FieldKind> fieldKindFromCode(std::string_view code) {
    if (code == "raster") return FieldKind::Raster2d;
    if (code == "grid3d") return FieldKind::Grid3d;
    return std::nullopt;
}

bool GridGeometry::cellOf(core::Vec3 p, int& i, int& j, int& k) const {
    const double fx = (p.x - origin.x) / cellSize.x, fy = (p.y - origin.y) / cellSize.y;
    const double fz = hasZ ? (p.z - origin.z) / cellSize.z : 0.0;
    if (!(fx >= 0 && fx <= nx && fy >= 0 && fy <= ny && fz >= 0 && fz <= nz)) return false;
    i = std::min(static_cast<int>(fx), nx - 1);
    j = std::min(static_cast<int>(fy), ny - 1);
    k = hasZ ? std::min(static_cast<int>(fz), nz - 1) : 0;
    return true;
}

core::Vec3 GridGeometry::cellCentre(int i, int j, int k) const {
    return {origin.x + (i + 0.5) * cellSize.x, origin.y + (j + 0.5) * cellSize.y,
            hasZ ? origin.z + (k + 0.5) * cellSize.z : 0.0};
}

core::Bounds3 GridGeometry::bounds() const {
    core::Bounds3 b;
    if (nx <= 0 || ny <= 0) return b;
    b.lo = {origin.x, origin.y, hasZ ? origin.z : 0.0};
    b.hi = {origin.x + nx * cellSize.x, origin.y + ny * cellSize.y,
            hasZ ? origin.z + nz * cellSize.z : 0.0};
    return b;
}

namespace {

// Continuous index of p relative to cell centres along one axis, clamped to the grid; false when
// p lies outside the grid's cells.
bool axisWeights(double p, double origin, double cell, int n, int& i0, int& i1, double& f) {
    double c = (p - origin) / cell - 0.5;
    if (!(c >= -0.5 && c <= n - 0.5)) return false;
    c = std::clamp(c, 0.0, static_cast<double>(n - 1));
    i0 = static_cast<int>(std::floor(c));
    i1 = std::min(i0 + 1, n - 1);
    f = c - i0;
    return true;
}

}  // namespace

double Field::valueAt(std::size_t v, core::Vec3 p) const {
    const GridGeometry& g = grid();
    if (v >= variables().size()) return NAN;
    if (variables()[v].categorical) {
        int i, j, k;
        return g.cellOf(p, i, j, k) ? cellValue(v, i, j, k) : NAN;
    }
    int x0, x1, y0, y1, z0 = 0, z1 = 0;
    double fx, fy, fz = 0;
    if (!axisWeights(p.x, g.origin.x, g.cellSize.x, g.nx, x0, x1, fx) ||
        !axisWeights(p.y, g.origin.y, g.cellSize.y, g.ny, y0, y1, fy))
        return NAN;
    if (g.hasZ && !axisWeights(p.z, g.origin.z, g.cellSize.z, g.nz, z0, z1, fz)) return NAN;
    double sum = 0;
    for (int c = 0; c < 8; ++c) {
        const double w = (c & 1 ? fx : 1 - fx) * (c & 2 ? fy : 1 - fy) * (c & 4 ? fz : 1 - fz);
        if (w == 0) continue;
        sum += w * cellValue(v, c & 1 ? x1 : x0, c & 2 ? y1 : y0, c & 4 ? z1 : z0);  // NaN stays
    }
    return sum;
}

std::vector<FieldPiece> Field::valuesAlong(std::size_t v, core::Vec3 a, core::Vec3 b) const {
    std::vector<FieldPiece> out;
    const GridGeometry& g = grid();
    if (v >= variables().size() || g.nx <= 0 || g.ny <= 0) return out;
    // Every parameter where the segment crosses a cell plane, plus its ends.
    std::vector<double> ts{0.0, 1.0};
    auto crossings = [&](double pa, double pb, double origin, double cell, int n) {
        if (pa == pb) return;
        const double lo = std::min(pa, pb), hi = std::max(pa, pb);
        const int first = std::max(0, static_cast<int>(std::ceil((lo - origin) / cell)));
        const int last = std::min(n, static_cast<int>(std::floor((hi - origin) / cell)));
        for (int i = first; i <= last; ++i) {
            const double t = (origin + i * cell - pa) / (pb - pa);
            if (t > 0 && t < 1) ts.push_back(t);
        }
    };
    crossings(a.x, b.x, g.origin.x, g.cellSize.x, g.nx);
    crossings(a.y, b.y, g.origin.y, g.cellSize.y, g.ny);
    if (g.hasZ) crossings(a.z, b.z, g.origin.z, g.cellSize.z, g.nz);
    std::sort(ts.begin(), ts.end());
    for (std::size_t n = 0; n + 1 < ts.size(); ++n) {
        const double t0 = ts[n], t1 = ts[n + 1];
        if (t1 - t0 <= 1e-12) continue;
        int i, j, k;
        if (!g.cellOf(core::lerp(a, b, 0.5 * (t0 + t1)), i, j, k)) continue;
        if (!out.empty() && out.back().i == i && out.back().j == j && out.back().k == k &&
            out.back().t1 == t0) {
            out.back().t1 = t1;
            continue;
        }
        out.push_back({t0, t1, cellValue(v, i, j, k), i, j, k});
    }
    return out;
}

std::optional<std::size_t> Field::variable(std::string_view name) const {
    const auto& vars = variables();
    for (std::size_t i = 0; i < vars.size(); ++i)
        if (vars[i].name == name) return i;
    return std::nullopt;
}

double GroundLevel::at(double x, double y) const {
    if (mField) return mField->valueAt(mVariable, {x, y, 0});
    return mHasConstant ? mConstant : NAN;
}

std::string GroundLevel::describe() const {
    if (mField) return mField->describe();
    if (mHasConstant) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "constant %.2f m NAP", mConstant);
        return buf;
    }
    return "none";
}

}  // namespace bz::model
