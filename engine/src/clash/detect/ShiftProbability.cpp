#include "ShiftProbability.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>
#include <utility>
#include <vector>

namespace bz::clash::detail {

namespace {

constexpr double kReach = 6.0;       // shifts searched within 6 sigma
constexpr double kTolerance = 1e-6;  // an end of the region to 1e-6 sigma
constexpr double kGolden = 0.6180339887498949;
constexpr double kElongated = 4.0;        // longest / shortest ray: a long narrow region
constexpr double kAngleTolerance = 1e-4;  // adaptive Simpson over the angle, in all
constexpr double kRayEnd = 8.0;           // beyond 8 sigma the mass is below 1e-14

double phi(double x) {
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

// Phi(hi) - Phi(lo), from the side where it does not cancel.
double massBetween(double lo, double hi) {
    const double s2 = std::sqrt(2.0);
    return lo >= 0 ? 0.5 * (std::erfc(lo / s2) - std::erfc(hi / s2))
                   : 0.5 * (std::erfc(-hi / s2) - std::erfc(-lo / s2));
}

struct Point {
    double x, y;
};
Point operator+(Point a, Point b) {
    return {a.x + b.x, a.y + b.y};
}
Point operator*(double s, Point a) {
    return {s * a.x, s * a.y};
}
double dot(Point a, Point b) {
    return a.x * b.x + a.y * b.y;
}

// Where the gap crosses zero between `in` (violated) and `out` (not): regula falsi with the
// Illinois step, which converges in a few steps on the nearly linear gaps of pipes.
template <class Gap>
double crossing(const Gap& gap, double in, double gIn, double out, double gOut,
                double tolerance = kTolerance) {
    int side = 0;
    double last = out, gLast = gOut;
    for (int i = 0; i < 100 && std::abs(out - in) > tolerance; ++i) {
        double t = (in * gOut - out * gIn) / (gOut - gIn);
        if (!(t > std::min(in, out) && t < std::max(in, out))) t = 0.5 * (in + out);
        const double g = gap(t);
        // Done when the gap's slope through the last two points puts the root within the
        // tolerance (the bracket's far end may lag behind).
        const double slope = std::abs(g - gLast) / std::abs(t - last);
        if (std::abs(g) < 0.5 * tolerance * slope) return t;
        last = t;
        gLast = g;
        if (g < 0) {
            in = t;
            gIn = g;
            if (side == -1) gOut *= 0.5;
            side = -1;
        } else {
            out = t;
            gOut = g;
            if (side == 1) gIn *= 0.5;
            side = 1;
        }
    }
    return 0.5 * (in + out);
}

// The lowest value of a convex function on [lo, hi] by golden-section search, stopped at the
// first point below zero. Returns that point and its value.
template <class F>
std::pair<double, double> lowest(const F& f, double lo, double hi, double tolerance) {
    double m1 = hi - (hi - lo) * kGolden, m2 = lo + (hi - lo) * kGolden;
    double f1 = f(m1), f2 = f(m2);
    while (!(f1 < 0) && !(f2 < 0) && hi - lo > tolerance) {
        if (f1 < f2) {
            hi = m2;
            m2 = m1;
            f2 = f1;
            m1 = hi - (hi - lo) * kGolden;
            f1 = f(m1);
        } else {
            lo = m1;
            m1 = m2;
            f1 = f2;
            m2 = lo + (hi - lo) * kGolden;
            f2 = f(m2);
        }
    }
    return f1 < f2 ? std::pair{m1, f1} : std::pair{m2, f2};
}

// The region on a line, within +-kReach: empty, or [lo, hi]. `hint`: a point thought to be
// inside (checked); on return, one inside when there is one.
struct Interval {
    bool empty = true;
    double lo = 0, hi = 0;
};

// `near`: the interval on a neighbouring line, whose ends bracket the new ones closely.
template <class Gap>
Interval intervalOn(const Gap& gap, double& hint, double tolerance = kTolerance,
                    const Interval* near = nullptr) {
    double inside = hint, gInside = gap(inside);
    if (!(gInside < 0) && hint != 0) {
        inside = 0;
        gInside = gap(0);
    }
    if (!(gInside < 0)) {
        const auto [t, g] = lowest(gap, -kReach, kReach, 1e-4);
        if (!(g < 0)) return {};
        inside = t;
        gInside = g;
    }
    hint = inside;
    auto end = [&](double reach) {
        double from = inside, gFrom = gInside;
        if (near && !near->empty) {
            const double t = reach > 0 ? near->hi : near->lo;
            if ((t - inside) * reach > 0) {  // beyond the inside point, towards this end
                const double g = gap(t);
                if (!(g < 0)) return crossing(gap, inside, gInside, t, g, tolerance);
                from = t;
                gFrom = g;
            }
        }
        const double g = gap(reach);
        return g < 0 ? reach : crossing(gap, from, gFrom, reach, g, tolerance);
    };
    return {false, end(-kReach), end(kReach)};
}

// The standard bivariate normal mass on the ray {c + r u: 0 <= r < R}, per radian: the integral
// of phi2(c + r u) r dr, in closed form (|c + r u|^2 = (r + b)^2 + q).
double rayMass(Point c, Point u, double R) {
    const double b = dot(c, u);
    const double q = std::max(0.0, dot(c, c) - b * b);
    const double mass = massBetween(b, R + b);
    const double radial = std::exp(-0.5 * b * b) - std::exp(-0.5 * (R + b) * (R + b)) -
                          b * std::sqrt(2 * M_PI) * mass;
    return std::exp(-0.5 * q) / (2 * M_PI) * radial;
}

using Gap2d = std::function<double(double, double)>;

// A point inside the region: the hint, the drawn position, the lowest gap along y or along x
// through it, or else anywhere within reach (nested searches: the region lies off both axes).
bool findInside(const Gap2d& gap, Point& c) {
    if (gap(c.x, c.y) < 0) return true;
    double y = 0, x = 0;
    if (!intervalOn([&](double t) { return gap(0, t); }, y).empty) {
        c = {0, y};
        return true;
    }
    if (!intervalOn([&](double t) { return gap(t, 0); }, x).empty) {
        c = {x, 0};
        return true;
    }
    double bestY = 0;
    auto lowestAt = [&](double tx) {
        const auto [ty, g] = lowest([&](double t) { return gap(tx, t); }, -kReach, kReach, 1e-4);
        bestY = ty;
        return g;
    };
    const auto [tx, g] = lowest(lowestAt, -kReach, kReach, 1e-4);
    if (!(g < 0)) return false;
    lowestAt(tx);
    c = {tx, bestY};
    return true;
}

// Adaptive Simpson on [a, b], given the values at a, the middle and b and Simpson's estimate
// `whole` from them. `at(x, left, right)` gives the value at x from its neighbours (which may
// serve as guesses), `mass(value)` the integrand.
template <class Value, class At, class Mass>
double adaptiveSimpson(const At& at, const Mass& mass, double a, double b, const Value& va,
                       const Value& vm, const Value& vb, double whole, double tolerance,
                       int depth) {
    const double m = 0.5 * (a + b);
    const Value vl = at(0.5 * (a + m), va, vm), vr = at(0.5 * (m + b), vm, vb);
    const double left = (m - a) / 6 * (mass(va) + 4 * mass(vl) + mass(vm));
    const double right = (b - m) / 6 * (mass(vm) + 4 * mass(vr) + mass(vb));
    const double error = left + right - whole;
    if (depth <= 0 || std::abs(error) < 15 * tolerance) return left + right + error / 15;
    return adaptiveSimpson(at, mass, a, m, va, vl, vm, left, 0.5 * tolerance, depth - 1) +
           adaptiveSimpson(at, mass, m, b, vm, vr, vb, right, 0.5 * tolerance, depth - 1);
}

// A band, whole or with ends (two crossing pipes; near the end of one, the band ends in a
// rounded cap; a pipe against a body, a rounded rectangle): along the band's normal n the region
// is an interval, the same interval over a stretch [j1, j2] of the band's direction m (convex:
// the same at both ends of the stretch is the same all along it), and beyond it an end that
// stops where the band's middle line stops. The stretch is exact (the interval's probability
// times the mass of the stretch); each end is integrated across exactly and along by
// Gauss-Legendre in a variable that smooths a rounded tip. A region that reaches past its middle
// line's end (an ellipse askew, a slanted end) is not taken as one.
bool bandProbability(const Gap2d& gap, Point c, double& probability) {
    // The normal: the gradient just off c (off a ridge of the gap, where it has no gradient).
    const Point p{c.x + 3.1e-3, c.y + 1.7e-3};
    const double h = 1e-4, g = gap(p.x, p.y);
    Point n{(gap(p.x + h, p.y) - g) / h, (gap(p.x, p.y + h) - g) / h};
    const double len = std::hypot(n.x, n.y);
    if (!(len > 1e-9)) return false;
    n = (1 / len) * n;
    const Point m{-n.y, n.x};
    auto at = [&](double s, double t) {
        const Point q = s * m + t * n;
        return gap(q.x, q.y);
    };
    double hint = dot(c, n);
    auto across = [&](double s, double tolerance) {
        return intervalOn([&](double t) { return at(s, t); }, hint, tolerance);
    };
    const double sc = dot(c, m);
    const Interval middle = across(sc, 1e-7);
    if (middle.empty) return false;
    // The same interval at s: inside just within its ends, outside just beyond them (an end at
    // the reach: still inside there).
    const double d = 1e-5;
    auto same = [&](double s) {
        auto end = [&](double t, double outward) {
            if (std::abs(t) >= kReach) return at(s, t) < 0;
            return at(s, t - outward * d) < 0 && !(at(s, t + outward * d) < 0);
        };
        return end(middle.lo, -1) && end(middle.hi, 1);
    };
    // The middle line's extent along m.
    const double spine = 0.5 * (middle.lo + middle.hi);
    double along = sc;
    const Interval line = intervalOn([&](double s) { return at(s, spine); }, along, 1e-7);
    if (line.empty) return false;
    // One side: its end e, where the same interval ends (j), and the cap's mass beyond.
    constexpr std::array<double, 8> kNode = {
        -0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498,
        0.1834346424956498,  0.5255324099163290,  0.7966664774136267,  0.9602898564975363};
    constexpr std::array<double, 8> kWeight = {
        0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
        0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};
    auto side = [&](double e, double& junction, double& cap) {
        cap = 0;
        junction = e;
        if (same(e)) return true;  // the band reaches this far unchanged
        double in = sc, out = e;
        // (Roughly: the end is integrated from wherever the stretch is known to reach.)
        for (int i = 0; i < 6; ++i) {
            const double mid = 0.5 * (in + out);
            (same(mid) ? in : out) = mid;
        }
        junction = in;
        if (std::abs(e) < kReach) {
            // The end's tip, the region's farthest point along m: on one of the lines along m
            // near the middle line, whose reach is concave across them (successive parabolas
            // through three of them). In standard units a rounded end is an ellipse whose tip
            // need not lie on the middle line.
            const double sign = e > sc ? 1 : -1;
            const double w = std::min(middle.hi - middle.lo, 2.0);
            auto reach = [&](double t) {
                double h = sc;
                const Interval l = intervalOn([&](double s) { return at(s, t); }, h, 1e-7);
                return l.empty ? -1e9 : sign > 0 ? l.hi : -l.lo;
            };
            std::array<double, 3> t{spine - 0.25 * w, spine, spine + 0.25 * w};
            std::array<double, 3> f{reach(t[0]), sign * e, reach(t[2])};
            for (int i = 0; i < 3; ++i) {
                const double a = (t[1] - t[0]) * (f[1] - f[2]), b = (t[1] - t[2]) * (f[1] - f[0]);
                const double denominator = a - b;
                if (!(std::abs(denominator) > 1e-15)) break;
                const double next =
                    t[1] - 0.5 * ((t[1] - t[0]) * a - (t[1] - t[2]) * b) / denominator;
                if (!(std::abs(next - t[1]) > 1e-9)) break;
                const double fn = reach(next);
                // Keep the best three around the best.
                std::array<std::pair<double, double>, 4> p{
                    {{t[0], f[0]}, {t[1], f[1]}, {t[2], f[2]}, {next, fn}}};
                std::sort(p.begin(), p.end());
                std::size_t best = 0;
                for (std::size_t k = 1; k < 4; ++k)
                    if (p[k].second > p[best].second) best = k;
                const std::size_t first = std::clamp<std::size_t>(best, 1, 2) - 1;
                for (std::size_t k = 0; k < 3; ++k) std::tie(t[k], f[k]) = p[first + k];
            }
            e = sign * std::max({f[0], f[1], f[2]});
            // Nothing of the region on the line across just beyond the tip (convex: nothing
            // beyond that line either). A slanted end, which this does not follow, fails here.
            hint = spine;
            const double beyond = e + sign * std::max(1e-3 * std::abs(e - junction), 1e-6);
            if (!across(beyond, 1e-3).empty) return false;
        }
        // s = j + (e - j) sin(a), a in [0, pi/2]: the tip's square root becomes smooth. Each
        // node's interval from its neighbour's.
        hint = spine;
        Interval previous = middle;
        for (int i = 0; i < 8; ++i) {
            const double a = M_PI / 4 * (kNode[i] + 1);
            const double s = junction + (e - junction) * std::sin(a);
            const Interval on =
                intervalOn([&](double t) { return at(s, t); }, hint, 1e-6, &previous);
            if (on.empty) continue;
            previous = on;
            hint = 0.5 * (on.lo + on.hi);
            const double density = std::exp(-0.5 * s * s) / std::sqrt(2 * M_PI);
            cap += kWeight[i] * M_PI / 4 * (e - junction) * std::cos(a) * density *
                   (phi(on.hi) - phi(on.lo));
        }
        cap = std::abs(cap);
        return true;
    };
    double j1 = 0, j2 = 0, cap1 = 0, cap2 = 0;
    if (!side(line.lo, j1, cap1) || !side(line.hi, j2, cap2)) return false;
    probability =
        std::clamp((phi(middle.hi) - phi(middle.lo)) * (phi(j2) - phi(j1)) + cap1 + cap2, 0.0, 1.0);
    return true;
}

// A disk in metres (two parallel pipes side by side: the shifts that bring their axes within
// the clearance of each other): the gap is the distance to its centre less its radius, which
// two gradients give and eight points on its rim and its centre confirm. Its probability is
// then a one-dimensional integral with the chord ends in closed form.
bool diskProbability(const Gap2d& metres, Point c, double sx, double sy, double& probability) {
    const double scale = sx + sy, h = 1e-5 * scale;
    auto gradient = [&](Point p, double& g) {
        g = metres(p.x, p.y);
        Point n{(metres(p.x + h, p.y) - metres(p.x - h, p.y)) / (2 * h),
                (metres(p.x, p.y + h) - metres(p.x, p.y - h)) / (2 * h)};
        const double len = std::hypot(n.x, n.y);
        return len > 0.5 ? (1 / len) * n : Point{0, 0};
    };
    double g1 = 0, g2 = 0;
    const Point p1{c.x + 3.1e-3 * scale, c.y + 1.7e-3 * scale};
    const Point n1 = gradient(p1, g1);
    const Point p2 = p1 + 0.3 * scale * Point{-n1.y, n1.x};
    const Point n2 = gradient(p2, g2);
    // p1 - l n1 = p2 - m n2
    const double det = -n1.x * n2.y + n1.y * n2.x;
    if (!(std::abs(det) > 1e-6)) return false;
    const Point d{p2.x - p1.x, p2.y - p1.y};
    const double l = (d.x * n2.y - n2.x * d.y) / det;  // Cramer
    const Point centre = p1 + (-l) * n1;
    const double radius = l - g1;
    if (!(radius > 1e-9) || !(std::abs(metres(centre.x, centre.y) + radius) < 1e-7 * scale))
        return false;
    for (int i = 0; i < 8; ++i) {
        const double a = M_PI * i / 4;
        const Point rim = centre + radius * Point{std::cos(a), std::sin(a)};
        if (!(std::abs(metres(rim.x, rim.y)) < 1e-7 * scale)) return false;
    }
    // Standardised: an axis-aligned ellipse. Over x = x0 - ax cos(t), t in [0, pi], the chord
    // in y is y0 +- ay sin(t): smooth in t, by adaptive Simpson.
    const double x0 = centre.x / sx, y0 = centre.y / sy, ax = radius / sx, ay = radius / sy;
    auto f = [&](double t) {
        const double x = x0 - ax * std::cos(t), half = ay * std::sin(t);
        return std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI) * massBetween(y0 - half, y0 + half) *
               ax * std::sin(t);
    };
    auto value = [&](double t, double, double) { return f(t); };
    auto same = [](double v) { return v; };
    double total = 0;
    constexpr int kPanels = 16;
    for (int i = 0; i < kPanels; ++i) {
        const double a = M_PI * i / kPanels, b = M_PI * (i + 1) / kPanels;
        const double fa = f(a), fm = f(0.5 * (a + b)), fb = f(b);
        total += adaptiveSimpson(value, same, a, b, fa, fm, fb, (b - a) / 6 * (fa + 4 * fm + fb),
                                 1e-7 / kPanels, 20);
    }
    probability = std::clamp(total, 0.0, 1.0);
    return true;
}

}  // namespace

double violationProbability1d(const std::function<double(double)>& gap, double& hint) {
    const Interval on = intervalOn(gap, hint);
    return on.empty ? 0.0 : phi(on.hi) - phi(on.lo);
}

double violationProbability2d(const Gap2d& metres, double sx, double sy) {
    const Gap2d gap = [&](double x, double y) { return metres(x * sx, y * sy); };
    Point c{0, 0};
    if (!findInside(gap, c)) return 0.0;  // the region is not within reach
    // The square of +-4.5 sigma inside (its corners are; convex: all of it): the mass outside
    // the square is below 1.4e-5, and half of it is the answer's error.
    bool square = true;
    for (double x : {-4.5, 4.5})
        for (double y : {-4.5, 4.5}) square = square && gap(x, y) < 0;
    if (square) {
        const double inSquare = std::pow(phi(4.5) - phi(-4.5), 2);
        return inSquare + 0.5 * (1 - inSquare);
    }
    // Parallel pipes side by side: a disk in metres; crossing pipes: a band, exact along its
    // normal.
    double probability = 0;
    if (diskProbability(metres, {c.x * sx, c.y * sy}, sx, sy, probability)) return probability;
    if (bandProbability(gap, c, probability)) return probability;
    // Else rays from a point near the middle of the region (where they leave the region then
    // changes smoothly with their angle): the middle of the chord along y, then along x.
    auto middleOf = [&](auto&& line, double t) {
        double hint = t;
        const Interval on = intervalOn(line, hint, 1e-3);
        return on.empty ? t : 0.5 * (on.lo + on.hi);
    };
    c.y = middleOf([&](double t) { return gap(c.x, t); }, c.y);
    c.x = middleOf([&](double t) { return gap(t, c.y); }, c.x);
    const double gc = gap(c.x, c.y);
    if (!(gc < 0)) return 0.0;  // cannot be: the middle of a chord of a convex region
    // P = the integral over the angle of the mass from c to where its ray leaves the region
    // (once: the region is convex), by adaptive Simpson.
    struct Ray {
        double exit, mass;
    };
    // Where the ray at `angle` leaves, searched up to `end` sigma from the mean.
    auto exitAt = [&](double angle, double guess, double end) {
        const Point u{std::cos(angle), std::sin(angle)};
        const double b = dot(c, u);
        const double q = dot(c, c) - b * b;
        if (q >= end * end) return 0.0;
        const double reach = std::max(0.0, -b + std::sqrt(end * end - q));
        auto along = [&](double r) { return gap(c.x + r * u.x, c.y + r * u.y); };
        const double gEnd = along(reach);
        if (gEnd < 0) return reach;
        double in = 0, gIn = gc, out = reach, gOut = gEnd;
        if (guess > 0 && guess < reach) {  // a neighbouring ray's exit: usually close
            const double g = along(guess);
            (g < 0 ? in : out) = guess;
            (g < 0 ? gIn : gOut) = g;
        }
        return crossing(along, in, gIn, out, gOut);
    };
    auto rayAt = [&](double angle, double guess) {
        const double exit = exitAt(angle, guess, kRayEnd);
        return Ray{exit, rayMass(c, {std::cos(angle), std::sin(angle)}, exit)};
    };
    // A ray between two others starts its search where theirs ended.
    auto rayBetween = [&](double angle, const Ray& l, const Ray& r) {
        return rayAt(angle, 0.5 * (l.exit + r.exit));
    };
    auto rayMassOf = [](const Ray& r) { return r.mass; };
    // Panels between the given angles, each halved for Simpson's middle ray.
    auto integrate = [&](const std::vector<double>& bounds) {
        double total = 0;
        Ray first = rayAt(bounds[0], 0), ra = first;
        for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
            const double a = bounds[i], b = bounds[i + 1];
            const Ray rm = rayAt(0.5 * (a + b), ra.exit);
            const Ray rb = i + 2 == bounds.size() ? first : rayAt(b, rm.exit);
            const double whole = (b - a) / 6 * (ra.mass + 4 * rm.mass + rb.mass);
            total += adaptiveSimpson(rayBetween, rayMassOf, a, b, ra, rm, rb, whole,
                                     kAngleTolerance * (b - a) / (2 * M_PI), 14);
            ra = rb;
        }
        return std::clamp(total, 0.0, 1.0);
    };
    // Sixteen rays for the region's shape.
    constexpr int kRays = 16;
    std::vector<double> exits(kRays);
    for (int i = 0; i < kRays; ++i)
        exits[i] = exitAt(2 * M_PI * i / kRays, i > 0 ? exits[i - 1] : 0.0, kRayEnd);
    const auto [shortest, longest] = std::minmax_element(exits.begin(), exits.end());
    std::vector<double> bounds;
    if (*longest > kElongated * *shortest) {
        // Long and narrow: the mass lies within narrow ranges of angle along it, both ways,
        // which evenly spaced rays would miss: panels start at its longest ray each way (by
        // golden-section search around the longest of the sixteen on that side).
        const int k = static_cast<int>(longest - exits.begin());
        auto longestNear = [&](int i) {
            const double step = 2 * M_PI / kRays, guess = exits[(i + kRays) % kRays];
            // To a tenth of the narrowest angle the region subtends: within its longest rays.
            const double tolerance = std::max(1e-5, 0.1 * *shortest / *longest);
            // (Positive: `lowest` stops at a negative value.)
            return lowest([&](double angle) { return 2e3 - exitAt(angle, guess, kRayEnd); },
                          (i - 1) * step, (i + 1) * step, tolerance)
                .first;
        };
        int opposite = k + kRays / 2;
        for (int d : {-1, 1})
            if (exits[(k + kRays / 2 + d) % kRays] > exits[opposite % kRays])
                opposite = k + kRays / 2 + d;
        const double a1 = longestNear(k), a2 = longestNear(opposite);
        for (int i = 0; i < 4; ++i) bounds.push_back(a1 + (a2 - a1) * i / 4);
        for (int i = 0; i < 4; ++i) bounds.push_back(a2 + (a1 + 2 * M_PI - a2) * i / 4);
        bounds.push_back(a1 + 2 * M_PI);
    } else {
        for (int i = 0; i <= 8; ++i) bounds.push_back(2 * M_PI * i / 8);
    }
    return integrate(bounds);
}

}  // namespace bz::clash::detail
