#include <bodemzicht/io/CoverGround.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <variant>

#include <bodemzicht/spatial/UniformGrid.h>

namespace bz::io {

namespace {

// The cover levels gridded once: a plain in-memory raster field.
class GriddedCovers final : public model::Field {
  public:
    GriddedCovers(model::GridGeometry g, std::vector<float> values, std::string what)
        : mGrid(g), mValues(std::move(values)), mWhat(std::move(what)) {
        mVariables.push_back({"ground_level", false, "m NAP", mWhat});
    }
    model::FieldKind kind() const override { return model::FieldKind::Raster2d; }
    const model::GridGeometry& grid() const override { return mGrid; }
    const std::vector<model::FieldVariable>& variables() const override { return mVariables; }
    std::string describe() const override { return mWhat; }
    double cellValue(std::size_t, int i, int j, int) const override {
        if (i < 0 || j < 0 || i >= mGrid.nx || j >= mGrid.ny) return NAN;
        return mValues[static_cast<std::size_t>(j) * mGrid.nx + i];
    }

  private:
    model::GridGeometry mGrid;
    std::vector<float> mValues;
    std::vector<model::FieldVariable> mVariables;
    std::string mWhat;
};

}  // namespace

std::optional<model::GroundLevel> groundFromCoverLevels(const model::Dataset& ds, double radiusM) {
    std::vector<core::Vec3> covers;  // x, y, level
    for (const auto& f : ds.features) {
        if (f.kind() != model::GeometryKind::VerticalBody) continue;
        const auto* v = ds.attribute(f, kCoverLevelAttribute);
        const double* level = v ? std::get_if<double>(v) : nullptr;
        if (!level || !std::isfinite(*level)) continue;
        const auto& b = ds.bodies[f.geometry];
        covers.push_back({b.center.x, b.center.y, *level});
    }
    if (covers.empty() || !(radiusM > 0)) return std::nullopt;
    core::Bounds3 box;
    for (auto c : covers) box.expand(c);
    box = box.inflated(radiusM);
    // 1 m cells, coarser where the area is large (at most ~4 million cells).
    const double w = box.hi.x - box.lo.x, h = box.hi.y - box.lo.y;
    const double cell = std::max(1.0, std::sqrt(w * h / 4e6));
    model::GridGeometry g;
    g.origin = {box.lo.x, box.lo.y, 0};
    g.cellSize = {cell, cell, 1};
    g.nx = std::max(1, static_cast<int>(std::ceil(w / cell)));
    g.ny = std::max(1, static_cast<int>(std::ceil(h / cell)));
    std::vector<core::Bounds3> boxes;
    for (auto c : covers) boxes.push_back({{c.x, c.y, 0}, {c.x, c.y, 0}});
    spatial::UniformGrid index(boxes);
    std::vector<float> values(static_cast<std::size_t>(g.nx) * g.ny, NAN);
    std::vector<std::uint32_t> stamp;
    std::uint32_t epoch = 0;
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const core::Vec3 p = g.cellCentre(i, j, 0);
            const core::Bounds3 q{{p.x - radiusM, p.y - radiusM, -1}, {p.x + radiusM, p.y + radiusM, 1}};
            double sum = 0, weight = 0;
            bool exact = false;
            index.query(q, stamp, epoch, [&](std::uint32_t k) {
                const double d2 = (covers[k].x - p.x) * (covers[k].x - p.x) +
                                  (covers[k].y - p.y) * (covers[k].y - p.y);
                if (d2 > radiusM * radiusM || exact) return;
                if (d2 < 1e-12) {
                    sum = covers[k].z, weight = 1, exact = true;
                    return;
                }
                sum += covers[k].z / d2;
                weight += 1 / d2;
            });
            if (weight > 0) values[static_cast<std::size_t>(j) * g.nx + i] = static_cast<float>(sum / weight);
        }
    char what[160];
    std::snprintf(what, sizeof what, "the sewer's cover levels (%zu manholes, within %.0f m)",
                  covers.size(), radiusM);
    return model::GroundLevel(std::shared_ptr<const model::Field>(
        std::make_shared<GriddedCovers>(g, std::move(values), what)));
}

}  // namespace bz::io
