// The probability that a random shift violates a clearance, for the certainty of a clash
// (private to clash). The shift is standard normal in one or two independent directions, the
// violating region ({shift: gap(shift) < 0}) is convex: the gap is a distance between convex
// shapes, which is convex in a translation.
#pragma once

#include <functional>

namespace bz::clash::detail {

// P(gap(t) < 0) for a standard normal t. `hint` is a shift thought to be inside the region (or
// not: it is checked); on return, a shift inside it when there is one.
double violationProbability1d(const std::function<double(double)>& gap, double& hint);

// P(gap(x, y) < 0) for independent normal shifts x and y in metres with sigmas sx and sy (both
// above 0). Recognised and done (nearly) exactly: a disk (parallel pipes side by side) and a
// band, whole or with ends (crossing pipes, also near the end of one; a pipe against a body);
// any other region by the mass along rays from a point inside it (exact per ray, adaptive
// Simpson over their angle), within about 2e-3 (docs/clash.md).
double violationProbability2d(const std::function<double(double, double)>& gap, double sx,
                              double sy);

}  // namespace bz::clash::detail
