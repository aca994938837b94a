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
// above 0). A disk (parallel pipes side by side) and a band (crossing pipes) are recognised
// and done exactly; any other region by the mass along rays from a point inside it (exact per
// ray, adaptive Simpson over their angle), within about 2e-3.
double violationProbability2d(const std::function<double(double, double)>& gap, double sx,
                              double sy);

}  // namespace bz::clash::detail
