#include <bodemzicht/plan/SegmentLocator.h>

#include <algorithm>
#include <cmath>

namespace bz::plan {

double distanceToLine(core::Vec2 p, const std::vector<core::Vec2>& line) {
    double best = INFINITY;
    for (std::size_t k = 0; k + 1 < line.size(); ++k) {
        const core::Vec2 a = line[k], d = line[k + 1] - a;
        const double len2 = core::dot(d, d);
        const double t = len2 > 0 ? std::clamp(core::dot(p - a, d) / len2, 0.0, 1.0) : 0.0;
        best = std::min(best, core::length(p - (a + d * t)));
    }
    if (line.size() == 1) best = core::length(p - line[0]);
    return best;
}

double distanceBeside(core::Vec2 p, const std::vector<core::Vec2>& line) {
    double best = INFINITY;
    const std::size_t n = line.size();
    for (std::size_t k = 0; k + 1 < n; ++k) {
        const core::Vec2 a = line[k], d = line[k + 1] - a;
        const double len2 = core::dot(d, d);
        if (!(len2 > 0)) continue;
        const double t = core::dot(p - a, d) / len2;
        // Beyond the line's first or last point: not beside it.
        if ((k == 0 && t <= 0) || (k + 2 == n && t >= 1)) continue;
        best = std::min(best, core::length(p - (a + d * std::clamp(t, 0.0, 1.0))));
    }
    return best;
}

std::vector<core::Vec2> pointsAlong(const std::vector<core::Vec2>& line, double stepM) {
    std::vector<core::Vec2> out;
    for (std::size_t k = 0; k < line.size(); ++k) {
        out.push_back(line[k]);
        if (k + 1 == line.size()) break;
        const double len = core::length(line[k + 1] - line[k]);
        const int n = static_cast<int>(std::floor(len / stepM));
        for (int s = 1; s <= n && s < 100000; ++s) {
            const double t = s * stepM / len;
            if (t < 1) out.push_back(line[k] + (line[k + 1] - line[k]) * t);
        }
    }
    return out;
}

SegmentLocator::SegmentLocator(const model::StreetLayer& streets, double defaultWidthM,
                               double cellM)
    : mStreets(streets), mCell(cellM) {
    for (std::uint32_t s = 0; s < streets.size(); ++s) {
        const double w = streets[s].widthM > 0 ? streets[s].widthM : defaultWidthM;
        mHalf.push_back(w / 2);
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        for (auto p : streets[s].line)
            x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x),
            y1 = std::max(y1, p.y);
        const double h = mHalf.back();
        const auto i0 = static_cast<long long>(std::floor((x0 - h) / mCell)),
                   i1 = static_cast<long long>(std::floor((x1 + h) / mCell)),
                   j0 = static_cast<long long>(std::floor((y0 - h) / mCell)),
                   j1 = static_cast<long long>(std::floor((y1 + h) / mCell));
        if ((i1 - i0 + 1) * (j1 - j0 + 1) > 4000000) continue;  // absurd extent: never found
        for (auto i = i0; i <= i1; ++i)
            for (auto j = j0; j <= j1; ++j) mGrid[key(i, j)].push_back(s);
    }
}

void SegmentLocator::segmentsAt(core::Vec2 p, std::vector<std::uint32_t>& out) const {
    auto it = mGrid.find(key(static_cast<long long>(std::floor(p.x / mCell)),
                             static_cast<long long>(std::floor(p.y / mCell))));
    if (it == mGrid.end()) return;
    for (auto s : it->second)
        if (distanceBeside(p, mStreets[s].line) <= mHalf[s]) out.push_back(s);
}

}  // namespace bz::plan
