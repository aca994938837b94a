// What the level-of-detail tiles share: the view's footprint of a pixel at a box and whether a box
// is in view.
#pragma once

#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>

#include <array>
#include <atomic>
#include <thread>
#include <vector>

#include <bodemzicht/core/Bounds.h>
#include <bodemzicht/core/StringPool.h>
#include <bodemzicht/core/ThreadPool.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/render/SceneRenderer.h>

namespace bz::render::detail {

// Layer filter meaning "every layer".
inline constexpr core::StringPool::Id kAllLayers = 0xffffffffu;

// Whether a feature is drawn in the actors of `layer` under the options' visibility and slice.
inline bool shownInLayer(const model::Dataset& ds, const model::Feature& f,
                         const RenderOptions& options, core::StringPool::Id layer) {
    return (layer == kAllLayers || f.layer == layer) && isShown(ds, f, options);
}

// The coarsest level whose threshold is at most `value` (thresholds ascending, level 0 always).
template <std::size_t N>
std::size_t coarsestLevel(const std::array<double, N>& thresholds, double value) {
    std::size_t level = 0;
    while (level + 1 < N && thresholds[level + 1] <= value) ++level;
    return level;
}

// Square tiles over a plan extent (at least 40 m): between minPerSide and maxPerSide tiles along
// the longer side, more for more items, so that a level built on first use stays around
// `itemsPerTile` items (a short hitch) while the tiles in view stay few draw calls.
class TileGrid {
  public:
    TileGrid(const core::Bounds3& all, std::size_t items, double itemsPerTile, int minPerSide,
             int maxPerSide)
        : x0_(all.lo.x), y0_(all.lo.y) {
        const double w = all.hi.x - all.lo.x, h = all.hi.y - all.lo.y;
        const int perSide = std::clamp(static_cast<int>(std::ceil(std::sqrt(items / itemsPerTile))),
                                       minPerSide, maxPerSide);
        size_ = std::max(40.0, std::max(w, h) / perSide);
        nx_ = std::max(1, static_cast<int>(std::ceil(w / size_)));
        ny_ = std::max(1, static_cast<int>(std::ceil(h / size_)));
    }
    std::size_t tileCount() const { return static_cast<std::size_t>(nx_) * ny_; }
    // The tile holding a plan point (points on or beyond the edge go to the nearest tile).
    std::size_t tileAt(double x, double y) const {
        int ix = std::clamp(static_cast<int>((x - x0_) / size_), 0, nx_ - 1),
            iy = std::clamp(static_cast<int>((y - y0_) / size_), 0, ny_ - 1);
        return static_cast<std::size_t>(iy) * nx_ + ix;
    }

  private:
    double x0_, y0_, size_;
    int nx_, ny_;
};

// The renderer's camera, ready to ask per tile.
class LodView {
  public:
    explicit LodView(vtkRenderer* renderer) {
        vtkCamera* cam = renderer->GetActiveCamera();
        heightPx_ = std::max(1, renderer->GetSize()[1]);
        cam->GetFrustumPlanes(renderer->GetTiledAspectRatio(), planes_);
        cam->GetPosition(pos_);
        parallel_ = cam->GetParallelProjection();
        parallelScale_ = cam->GetParallelScale();
        tanHalf_ = std::tan(cam->GetViewAngle() * M_PI / 360.0);
    }
    // A box in local coordinates, before the actors' vertical exaggeration e.
    void setBox(const core::Bounds3& b, double e) {
        lo_[0] = b.lo.x, lo_[1] = b.lo.y, lo_[2] = b.lo.z * e;
        hi_[0] = b.hi.x, hi_[1] = b.hi.y, hi_[2] = b.hi.z * e;
        if (e < 0) std::swap(lo_[2], hi_[2]);
    }
    // Whether the box lies at least partly inside the four side planes of the view (near and far
    // are left out: they follow the clipping range, which follows what is visible).
    bool boxInView() const {
        for (int k = 0; k < 4; ++k) {
            const double* pl = planes_ + 4 * k;
            double px = pl[0] >= 0 ? hi_[0] : lo_[0], py = pl[1] >= 0 ? hi_[1] : lo_[1],
                   pz = pl[2] >= 0 ? hi_[2] : lo_[2];
            if (pl[0] * px + pl[1] * py + pl[2] * pz + pl[3] < 0) return false;
        }
        return true;
    }
    // Metres per pixel at the box's nearest point.
    double footprint() const {
        if (parallel_) return 2 * parallelScale_ / heightPx_;
        double d2 = 0;
        for (int i = 0; i < 3; ++i) {
            double d = std::max({lo_[i] - pos_[i], 0.0, pos_[i] - hi_[i]});
            d2 += d * d;
        }
        return 2 * std::max(std::sqrt(d2), 0.01) * tanHalf_ / heightPx_;
    }

  private:
    double planes_[24], pos_[3], lo_[3], hi_[3];
    double heightPx_, parallelScale_, tanHalf_;
    bool parallel_;
};

// Runs job(i) for i in [0, n) on the engine's thread pool (the calling thread among them): levels
// of detail that a frame needs are built side by side. Jobs must not touch shared state.
template <typename Job>
void parallelFor(std::size_t n, Job&& job) {
    core::ThreadPool::shared().parallelFor(n, [&](std::size_t i) { job(i); });
}

}  // namespace bz::render::detail
