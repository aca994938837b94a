// Axis-aligned bounds in RD/NAP metres.
#pragma once

#include <algorithm>
#include <limits>

#include <bodemzicht/core/Vec.h>

namespace bz::core {

struct Bounds3 {
    Vec3 lo{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
            std::numeric_limits<double>::infinity()};
    Vec3 hi{-std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
            -std::numeric_limits<double>::infinity()};

    bool empty() const { return lo.x > hi.x || lo.y > hi.y || lo.z > hi.z; }
    void expand(Vec3 p) {
        lo = {std::min(lo.x, p.x), std::min(lo.y, p.y), std::min(lo.z, p.z)};
        hi = {std::max(hi.x, p.x), std::max(hi.y, p.y), std::max(hi.z, p.z)};
    }
    void merge(const Bounds3& b) {
        if (b.empty()) return;
        expand(b.lo);
        expand(b.hi);
    }
    Bounds3 inflated(double r) const {
        if (empty()) return *this;
        return {{lo.x - r, lo.y - r, lo.z - r}, {hi.x + r, hi.y + r, hi.z + r}};
    }
    bool overlaps(const Bounds3& o) const {
        return lo.x <= o.hi.x && o.lo.x <= hi.x && lo.y <= o.hi.y && o.lo.y <= hi.y &&
               lo.z <= o.hi.z && o.lo.z <= hi.z;
    }
    Vec3 center() const { return (lo + hi) * 0.5; }
};

}  // namespace bz::core
