#include <bodemzicht/geom/Distance.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace bz::geom {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kGolden = 0.6180339887498949;

// Minimises a convex function on [lo, hi] to `tol` in the argument by Brent's method: parabolic
// steps where the function is smooth (a distance to a convex set is, outside it), golden-section
// steps where not; also compares the end points (the minimum of a convex function may sit on one).
template <typename F>
double minimiseConvex(F&& f, double lo, double hi, double tol, double& argmin) {
    constexpr double kStep = 1 - kGolden;  // 0.381966...
    const double fl = f(lo), fh = f(hi);
    double a = lo, b = hi;
    double x = a + kStep * (b - a), w = x, v = x;
    double fx = f(x), fw = fx, fv = fx;
    double d = 0, e = 0;
    const double tol1 = 0.5 * tol + 1e-16, tol2 = 2 * tol1;
    for (int i = 0; i < 200; ++i) {
        const double xm = 0.5 * (a + b);
        if (std::abs(x - xm) <= tol2 - 0.5 * (b - a)) break;
        bool golden = true;
        if (std::abs(e) > tol1) {
            // A parabola through x, w and v, taken when its step is inside and shrinking.
            double r = (x - w) * (fx - fv), q = (x - v) * (fx - fw);
            double pNum = (x - v) * q - (x - w) * r;
            q = 2 * (q - r);
            if (q > 0) pNum = -pNum;
            q = std::abs(q);
            const double before = e;
            e = d;
            if (std::abs(pNum) < std::abs(0.5 * q * before) && pNum > q * (a - x) &&
                pNum < q * (b - x)) {
                d = pNum / q;
                const double u = x + d;
                if (u - a < tol2 || b - u < tol2) d = std::copysign(tol1, xm - x);
                golden = false;
            }
        }
        if (golden) {
            e = x >= xm ? a - x : b - x;
            d = kStep * e;
        }
        const double u = std::abs(d) >= tol1 ? x + d : x + std::copysign(tol1, d);
        const double fu = f(u);
        if (fu <= fx) {
            (u >= x ? a : b) = x;
            v = w;
            fv = fw;
            w = x;
            fw = fx;
            x = u;
            fx = fu;
        } else {
            (u < x ? a : b) = u;
            if (fu <= fw || w == x) {
                v = w;
                fv = fw;
                w = u;
                fw = fu;
            } else if (fu <= fv || v == x || v == w) {
                v = u;
                fv = fu;
            }
        }
    }
    argmin = x;
    double best = fx;
    if (fl < best) {
        best = fl;
        argmin = lo;
    }
    if (fh < best) {
        best = fh;
        argmin = hi;
    }
    return best;
}

Vec2 closestOnSegment2d(Vec2 p, Vec2 a, Vec2 b) {
    Vec2 ab = b - a;
    double len2 = core::dot(ab, ab);
    double t = len2 > 0 ? std::clamp(core::dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    return a + ab * t;
}

// Tolerance in the segment parameter that gives ~1e-9 m along the segment.
double paramTolerance(Vec3 a, Vec3 b) {
    double len = core::distance(a, b);
    return len > 1e-9 ? 1e-9 / len : 1.0;
}

Extrusion shifted(const Extrusion& e, double dz) {
    Extrusion s = e;
    s.bottomZ += dz;
    s.topZ += dz;
    return s;
}

Capsule shifted(const Capsule& c, double dz) {
    return {c.a + Vec3{0, 0, dz}, c.b + Vec3{0, 0, dz}, c.radius};
}

// Clips convex polygon `subject` by convex CCW polygon `clip` (Sutherland-Hodgman).
std::vector<Vec2> clipConvex(const std::vector<Vec2>& subject, const std::vector<Vec2>& clip) {
    std::vector<Vec2> out = subject;
    for (std::size_t i = 0; i < clip.size() && !out.empty(); ++i) {
        Vec2 a = clip[i], b = clip[(i + 1) % clip.size()];
        auto side = [&](Vec2 p) { return core::cross(b - a, p - a); };
        std::vector<Vec2> in = std::move(out);
        out.clear();
        for (std::size_t k = 0; k < in.size(); ++k) {
            Vec2 p = in[k], q = in[(k + 1) % in.size()];
            double sp = side(p), sq = side(q);
            if (sp >= 0) out.push_back(p);
            if ((sp >= 0) != (sq >= 0)) out.push_back(core::lerp(p, q, sp / (sp - sq)));
        }
    }
    return out;
}

}  // namespace

double closestSegmentSegment(Vec3 p1, Vec3 q1, Vec3 p2, Vec3 q2, double& s, double& t, Vec3& c1,
                             Vec3& c2) {
    // Ericson, Real-Time Collision Detection, 5.1.9.
    Vec3 d1 = q1 - p1, d2 = q2 - p2, r = p1 - p2;
    double a = core::dot(d1, d1), e = core::dot(d2, d2), f = core::dot(d2, r);
    constexpr double eps = 1e-18;
    if (a <= eps && e <= eps) {
        s = t = 0;
    } else if (a <= eps) {
        s = 0;
        t = std::clamp(f / e, 0.0, 1.0);
    } else {
        double c = core::dot(d1, r);
        if (e <= eps) {
            t = 0;
            s = std::clamp(-c / a, 0.0, 1.0);
        } else {
            double b = core::dot(d1, d2);
            double denom = a * e - b * b;
            s = denom > 1e-14 * a * e ? std::clamp((b * f - c * e) / denom, 0.0, 1.0) : 0.0;
            t = (b * s + f) / e;
            if (t < 0) {
                t = 0;
                s = std::clamp(-c / a, 0.0, 1.0);
            } else if (t > 1) {
                t = 1;
                s = std::clamp((b - c) / a, 0.0, 1.0);
            }
        }
    }
    c1 = p1 + d1 * s;
    c2 = p2 + d2 * t;
    return core::distance(c1, c2);
}

double signedDistance2d(Vec2 p, const Extrusion& e, Vec2* nearest) {
    if (e.isCircle()) {
        Vec2 d = p - e.center;
        double len = core::length(d);
        if (nearest)
            *nearest = len > 0 ? e.center + d * (e.radius / len) : e.center + Vec2{e.radius, 0};
        return len - e.radius;
    }
    bool inside = true;
    double best = kInf;
    Vec2 bestPoint;
    const auto& poly = e.polygon;
    for (std::size_t i = 0; i < poly.size(); ++i) {
        Vec2 a = poly[i], b = poly[(i + 1) % poly.size()];
        if (core::cross(b - a, p - a) < 0) inside = false;
        Vec2 q = closestOnSegment2d(p, a, b);
        double d = core::distance(p, q);
        if (d < best) {
            best = d;
            bestPoint = q;
        }
    }
    if (nearest) *nearest = bestPoint;
    return inside ? -best : best;
}

double signedDistance(Vec3 p, const Extrusion& e, Vec3* nearest) {
    Vec2 q;
    double h = signedDistance2d(p.xy(), e, &q);
    double below = e.bottomZ - p.z, above = p.z - e.topZ;
    double v = std::max(below, above);
    if (h > 0 && v > 0) {
        if (nearest) *nearest = {q.x, q.y, std::clamp(p.z, e.bottomZ, e.topZ)};
        return std::sqrt(h * h + v * v);
    }
    if (h >= v) {
        if (nearest) *nearest = {q.x, q.y, std::clamp(p.z, e.bottomZ, e.topZ)};
        return h;
    }
    if (nearest) *nearest = {p.x, p.y, below >= above ? e.bottomZ : e.topZ};
    return v;
}

Contact distance(const Capsule& a, const Capsule& b) {
    double s, t;
    Vec3 c1, c2;
    double d = closestSegmentSegment(a.a, a.b, b.a, b.b, s, t, c1, c2);
    Contact c;
    c.distance = d - a.radius - b.radius;
    Vec3 dir = d > 0 ? (c2 - c1) * (1.0 / d) : Vec3{0, 0, 1};
    if (c.distance >= 0) {
        c.pointA = c1 + dir * a.radius;
        c.pointB = c2 - dir * b.radius;
    } else {
        double sum = a.radius + b.radius;
        c.pointA = c.pointB = sum > 0 ? c1 + (c2 - c1) * (a.radius / sum) : c1;
    }
    return c;
}

namespace {

// Inside a convex prism the signed distance of a point is the largest of its face planes'
// distances; along the segment a maximum of linear functions of t, whose least value over [0, 1]
// is found exactly by walking up the upper envelope from t = 0. Returns that value (negative:
// the axis enters the body there, and it is the least signed distance too; the planes never
// exceed the distance outside).
double leastPlaneDistance(const Capsule& a, const Extrusion& b, double& tStar) {
    struct Line {
        double slope, at0;
    };
    std::array<Line, 66> lines;
    std::size_t n = 0;
    const Vec3 d = a.b - a.a;
    const auto& poly = b.polygon;
    if (poly.size() + 2 > lines.size()) return kInf;
    for (std::size_t i = 0; i < poly.size(); ++i) {
        const Vec2 e = poly[(i + 1) % poly.size()] - poly[i];
        const double len = core::length(e);
        if (!(len > 0)) continue;
        const Vec2 normal{e.y / len, -e.x / len};  // outward: the polygon runs anticlockwise
        lines[n++] = {core::dot(normal, d.xy()), core::dot(normal, a.a.xy() - poly[i])};
    }
    lines[n++] = {d.z, a.a.z - b.topZ};
    lines[n++] = {-d.z, b.bottomZ - a.a.z};
    std::size_t active = 0;
    for (std::size_t i = 1; i < n; ++i)
        if (lines[i].at0 > lines[active].at0 ||
            (lines[i].at0 == lines[active].at0 && lines[i].slope > lines[active].slope))
            active = i;
    double t = 0;
    for (std::size_t step = 0; step <= n && lines[active].slope < 0; ++step) {
        // The next line to overtake the active one, where it does.
        double next = 1;
        std::size_t nextLine = active;
        for (std::size_t j = 0; j < n; ++j) {
            if (!(lines[j].slope > lines[active].slope)) continue;
            const double tj =
                (lines[active].at0 - lines[j].at0) / (lines[j].slope - lines[active].slope);
            if (tj < next ||
                (tj == next && nextLine != active && lines[j].slope > lines[nextLine].slope)) {
                next = tj;
                nextLine = j;
            }
        }
        t = std::max(t, std::min(next, 1.0));
        if (nextLine == active || next >= 1) break;
        active = nextLine;
    }
    tStar = t;
    double value = -kInf;
    for (std::size_t i = 0; i < n; ++i) value = std::max(value, lines[i].slope * t + lines[i].at0);
    return value;
}

// A segment apart from a convex prism: the closest pair is an end of the segment and a face's
// inside, or the segment and an edge of the prism (a face's inside is closest to an inner point
// of the segment only when they are parallel, and then to its ends too). Exact, without a search.
// Returns the distance, p on the segment and q on the prism.
double segmentPrismDistance(Vec3 a, Vec3 b, const Extrusion& e, Vec3& p, Vec3& q) {
    double best = kInf;
    auto consider = [&](double d, Vec3 onSegment, Vec3 onPrism) {
        if (d < best) {
            best = d;
            p = onSegment;
            q = onPrism;
        }
    };
    const auto& poly = e.polygon;
    const std::size_t n = poly.size();
    for (Vec3 end : {a, b}) {
        bool inside = true;
        for (std::size_t i = 0; i < n; ++i) {
            const Vec2 p0 = poly[i], p1 = poly[(i + 1) % n];
            const Vec2 edge = p1 - p0;
            const double len = core::length(edge);
            if (!(len > 0)) continue;
            const Vec2 along = edge * (1.0 / len), outward{along.y, -along.x};
            const double out = core::dot(outward, end.xy() - p0);
            if (out > 0) inside = false;
            const double at = core::dot(along, end.xy() - p0);
            // (On the face's plane counts: an end touching the face is at distance 0.)
            if (out >= 0 && at >= 0 && at <= len && end.z >= e.bottomZ && end.z <= e.topZ) {
                const Vec2 foot = p0 + along * at;
                consider(out, end, {foot.x, foot.y, end.z});
            }
        }
        if (inside && end.z >= e.topZ) consider(end.z - e.topZ, end, {end.x, end.y, e.topZ});
        if (inside && end.z <= e.bottomZ)
            consider(e.bottomZ - end.z, end, {end.x, end.y, e.bottomZ});
    }
    double s, t;
    Vec3 c1, c2;
    for (std::size_t i = 0; i < n; ++i) {
        const Vec2 v = poly[i], w = poly[(i + 1) % n];
        for (auto [from, to] : {std::pair{Vec3{v.x, v.y, e.bottomZ}, Vec3{v.x, v.y, e.topZ}},
                                std::pair{Vec3{v.x, v.y, e.topZ}, Vec3{w.x, w.y, e.topZ}},
                                std::pair{Vec3{v.x, v.y, e.bottomZ}, Vec3{w.x, w.y, e.bottomZ}}}) {
            const double d = closestSegmentSegment(a, b, from, to, s, t, c1, c2);
            consider(d, c1, c2);
        }
    }
    return best;
}

}  // namespace

Contact distance(const Capsule& a, const Extrusion& b) {
    auto f = [&](double t) { return signedDistance(core::lerp(a.a, a.b, t), b); };
    double tStar = 0;
    Vec3 p, q;
    double sd = 0;
    if (!b.isCircle() && leastPlaneDistance(a, b, tStar) < 0) {
        // Through the body: exact from the face planes.
        p = core::lerp(a.a, a.b, tStar);
        sd = signedDistance(p, b, &q);
    } else if (!b.isCircle()) {
        // Apart from it: exact from its faces and edges.
        sd = segmentPrismDistance(a.a, a.b, b, p, q);
    } else {
        // A cylinder: the distance, smooth outside it, by Brent's method.
        minimiseConvex(f, 0.0, 1.0, paramTolerance(a.a, a.b), tStar);
        p = core::lerp(a.a, a.b, tStar);
        sd = signedDistance(p, b, &q);
    }
    Contact c;
    c.distance = sd - a.radius;
    if (sd <= 0) {
        c.pointA = c.pointB = p;
    } else if (c.distance < 0) {
        c.pointA = c.pointB = q;
    } else {
        c.pointA = p + (q - p) * (a.radius / sd);
        c.pointB = q;
    }
    return c;
}

double footprintDistance(const Extrusion& a, const Extrusion& b, Vec2& pa, Vec2& pb) {
    if (a.isCircle() && b.isCircle()) {
        Vec2 d = b.center - a.center;
        double len = core::length(d);
        Vec2 dir = len > 0 ? d * (1.0 / len) : Vec2{1, 0};
        double dist = len - a.radius - b.radius;
        if (dist >= 0) {
            pa = a.center + dir * a.radius;
            pb = b.center - dir * b.radius;
        } else {
            double sum = a.radius + b.radius;
            pa = pb = sum > 0 ? a.center + d * (a.radius / sum) : a.center;
        }
        return dist;
    }
    if (a.isCircle() || b.isCircle()) {
        const Extrusion& circle = a.isCircle() ? a : b;
        const Extrusion& poly = a.isCircle() ? b : a;
        Vec2 q;
        double sd = signedDistance2d(circle.center, poly, &q);
        double dist = sd - circle.radius;
        Vec2 onCircle, onPoly = q;
        if (sd <= 0) {
            onCircle = onPoly = circle.center;
        } else if (dist < 0) {
            onCircle = q;
        } else {
            onCircle = circle.center + (q - circle.center) * (circle.radius / sd);
        }
        pa = a.isCircle() ? onCircle : onPoly;
        pb = a.isCircle() ? onPoly : onCircle;
        return dist;
    }
    // Two convex polygons: separating axes over both edge sets.
    double maxSep = -kInf;
    for (const Extrusion* e : {&a, &b}) {
        const Extrusion* o = e == &a ? &b : &a;
        const auto& poly = e->polygon;
        for (std::size_t i = 0; i < poly.size(); ++i) {
            Vec2 edge = poly[(i + 1) % poly.size()] - poly[i];
            double len = core::length(edge);
            if (len <= 0) continue;
            Vec2 n{edge.y / len, -edge.x / len};  // outward for CCW
            double eMax = -kInf, oMin = kInf;
            for (auto p : poly) eMax = std::max(eMax, core::dot(n, p));
            for (auto p : o->polygon) oMin = std::min(oMin, core::dot(n, p));
            maxSep = std::max(maxSep, oMin - eMax);
        }
    }
    if (maxSep > 0) {
        // Separated: the closest pair has a vertex of one polygon.
        double best = kInf;
        for (const Extrusion* e : {&a, &b}) {
            const Extrusion* o = e == &a ? &b : &a;
            for (auto v : e->polygon) {
                Vec2 q;
                double d = signedDistance2d(v, *o, &q);
                if (d < best) {
                    best = d;
                    pa = e == &a ? v : q;
                    pb = e == &a ? q : v;
                }
            }
        }
        return best;
    }
    auto inter = clipConvex(a.polygon, b.polygon);
    Vec2 c = a.center;
    if (!inter.empty()) {
        Vec2 sum;
        for (auto p : inter) sum = sum + p;
        c = sum * (1.0 / inter.size());
    }
    pa = pb = c;
    return maxSep;
}

Contact distance(const Extrusion& a, const Extrusion& b) {
    Vec2 pa, pb;
    double h = footprintDistance(a, b, pa, pb);
    double v = std::max(b.bottomZ - a.topZ, a.bottomZ - b.topZ);
    bool aBelow = a.topZ < b.bottomZ;
    double zA = aBelow ? a.topZ : a.bottomZ, zB = aBelow ? b.bottomZ : b.topZ;
    double zMid = 0.5 * (std::max(a.bottomZ, b.bottomZ) + std::min(a.topZ, b.topZ));
    Contact c;
    if (h > 0 && v > 0) {
        c.distance = std::sqrt(h * h + v * v);
        c.pointA = {pa.x, pa.y, zA};
        c.pointB = {pb.x, pb.y, zB};
    } else if (h >= v) {
        c.distance = h;
        c.pointA = {pa.x, pa.y, zMid};
        c.pointB = {pb.x, pb.y, zMid};
    } else {
        c.distance = v;
        c.pointA = {pa.x, pa.y, v > 0 ? zA : zMid};
        c.pointB = {pa.x, pa.y, v > 0 ? zB : zMid};
    }
    return c;
}

namespace {

template <typename A, typename B>
Contact withinBand(const A& a, const B& b, double band, double& worstDz) {
    if (band <= 0) {
        worstDz = 0;
        return distance(a, b);
    }
    auto f = [&](double dz) { return distance(shifted(a, dz), b).distance; };
    minimiseConvex(f, -band, band, 1e-7, worstDz);
    return distance(shifted(a, worstDz), b);
}

template <typename G>
bool sublevelInterval(G&& g, double threshold, double tol, double& t0, double& t1) {
    double tStar = 0;
    double gMin = minimiseConvex(g, 0.0, 1.0, tol, tStar);
    if (gMin >= threshold) return false;
    auto crossing = [&](double inside, double outside) {
        if (g(outside) < threshold) return outside;
        for (int i = 0; i < 100 && std::abs(outside - inside) > tol; ++i) {
            double mid = 0.5 * (inside + outside);
            (g(mid) < threshold ? inside : outside) = mid;
        }
        return 0.5 * (inside + outside);
    };
    t0 = crossing(tStar, 0.0);
    t1 = crossing(tStar, 1.0);
    return true;
}

}  // namespace

Contact distanceWithinBand(const Capsule& a, const Capsule& b, double band, double& dz) {
    return withinBand(a, b, band, dz);
}
Contact distanceWithinBand(const Capsule& a, const Extrusion& b, double band, double& dz) {
    return withinBand(a, b, band, dz);
}
Contact distanceWithinBand(const Extrusion& a, const Capsule& b, double band, double& dz) {
    // Shifting A up equals shifting B down.
    Contact c = withinBand(b, a, band, dz);
    dz = -dz;
    std::swap(c.pointA, c.pointB);
    return c;
}
Contact distanceWithinBand(const Extrusion& a, const Extrusion& b, double band, double& dz) {
    return withinBand(a, b, band, dz);
}

namespace {

// Parameter interval of line p(t) = o + t d inside the sphere |x - c| <= r; false when none.
bool lineSphere(Vec3 o, Vec3 d, Vec3 c, double r, double& lo, double& hi) {
    Vec3 m = o - c;
    double a = core::dot(d, d), b = core::dot(m, d), cc = core::dot(m, m) - r * r;
    if (a <= 0) {
        if (cc > 0) return false;
        lo = -INFINITY;
        hi = INFINITY;
        return true;
    }
    double disc = b * b - a * cc;
    if (disc < 0) return false;
    double sq = std::sqrt(disc);
    lo = (-b - sq) / a;
    hi = (-b + sq) / a;
    return true;
}

}  // namespace

bool intervalWithin(const Capsule& a, const Capsule& b, double threshold, double& t0, double& t1) {
    // Points within `threshold` of capsule b's surface form a capsule of radius R around b's axis:
    // intersect a's axis with it in closed form (cylinder part plus the two end spheres).
    double R = threshold + a.radius + b.radius;
    if (R <= 0) return false;
    Vec3 o = a.a, d = a.b - a.a;
    Vec3 axis = b.b - b.a;
    double L = core::length(axis);
    double lo = INFINITY, hi = -INFINITY;
    auto take = [&](double l, double h) {
        lo = std::min(lo, l);
        hi = std::max(hi, h);
    };
    double l, h;
    if (lineSphere(o, d, b.a, R, l, h)) take(l, h);
    if (L > 0) {
        if (lineSphere(o, d, b.b, R, l, h)) take(l, h);
        Vec3 u = axis * (1.0 / L);
        // Component perpendicular to the axis: |w0 + t wd|^2 <= R^2.
        Vec3 m = o - b.a;
        Vec3 w0 = m - u * core::dot(m, u), wd = d - u * core::dot(d, u);
        double qa = core::dot(wd, wd), qb = core::dot(w0, wd), qc = core::dot(w0, w0) - R * R;
        double cl = -INFINITY, ch = INFINITY;
        bool cyl = true;
        if (qa > 0) {
            double disc = qb * qb - qa * qc;
            if (disc < 0)
                cyl = false;
            else {
                double sq = std::sqrt(disc);
                cl = (-qb - sq) / qa;
                ch = (-qb + sq) / qa;
            }
        } else if (qc > 0) {
            cyl = false;
        }
        // ... and the projection on the axis within [0, L].
        double s0 = core::dot(m, u), sd = core::dot(d, u);
        if (cyl) {
            if (sd != 0) {
                double p0 = (0 - s0) / sd, p1 = (L - s0) / sd;
                cl = std::max(cl, std::min(p0, p1));
                ch = std::min(ch, std::max(p0, p1));
            } else if (s0 < 0 || s0 > L) {
                cyl = false;
            }
            if (cyl && cl <= ch) take(cl, ch);
        }
    }
    // Strict inequality as in the sampling definition: an interval of zero length does not count.
    t0 = std::max(0.0, lo);
    t1 = std::min(1.0, hi);
    if (core::dot(d, d) <= 0) {
        if (lo <= 0 && hi >= 0) {
            t0 = 0;
            t1 = 1;
            return true;
        }
        return false;
    }
    return t1 > t0;
}

bool intervalWithin(const Capsule& a, const Extrusion& b, double threshold, double& t0,
                    double& t1) {
    auto g = [&](double t) { return signedDistance(core::lerp(a.a, a.b, t), b) - a.radius; };
    return sublevelInterval(g, threshold, paramTolerance(a.a, a.b), t0, t1);
}

double lengthWithin(const Capsule& a, const Capsule& b, double threshold) {
    double t0, t1;
    return intervalWithin(a, b, threshold, t0, t1) ? (t1 - t0) * core::distance(a.a, a.b) : 0.0;
}

double lengthWithin(const Capsule& a, const Extrusion& b, double threshold) {
    double t0, t1;
    return intervalWithin(a, b, threshold, t0, t1) ? (t1 - t0) * core::distance(a.a, a.b) : 0.0;
}

}  // namespace bz::geom
