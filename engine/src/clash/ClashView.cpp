#include <bodemzicht/clash/ClashView.h>

#include <algorithm>
#include <cmath>

namespace bz::clash {

namespace {

ClashView lookAt(core::Vec3 focal, double distance) {
    // The viewer's fly-to direction: from the south-west, 35 degrees down.
    const core::Vec3 dir{-0.5, -0.8, 0.6};
    const double n = core::length(dir);
    ClashView v;
    v.focalPoint = focal;
    v.position = focal + dir * (distance / n);
    return v;
}

double reachOf(const Clash& c) {
    const double gap = core::distance(c.pointA, c.pointB);
    const double stretch = std::isfinite(c.violatedLengthM) ? std::min(c.violatedLengthM, 40.0) : 0;
    return std::max({gap, c.requiredM, 0.5}) * 3 + 0.6 * stretch;
}

}  // namespace

ClashView clashView(const Clash& c) {
    return lookAt(c.location(), std::clamp(6 + reachOf(c), 8.0, 60.0));
}

ClashView groupView(const std::vector<const Clash*>& clashes) {
    if (clashes.empty()) return {};
    if (clashes.size() == 1) return clashView(*clashes.front());
    core::Vec3 lo = clashes.front()->location(), hi = lo;
    double reach = 0;
    for (const auto* c : clashes) {
        const auto p = c->location();
        lo = {std::min(lo.x, p.x), std::min(lo.y, p.y), std::min(lo.z, p.z)};
        hi = {std::max(hi.x, p.x), std::max(hi.y, p.y), std::max(hi.z, p.z)};
        reach = std::max(reach, reachOf(*c));
    }
    const double spread = core::distance(lo, hi);
    return lookAt((lo + hi) * 0.5, std::clamp(6 + reach + 1.3 * spread, 8.0, 120.0));
}

}  // namespace bz::clash
