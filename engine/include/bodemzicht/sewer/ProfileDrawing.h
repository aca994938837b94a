// Draws a longitudinal profile with cairo, one drawing for SVG, PNG and PDF (by the file's
// extension): ground, GHG/GLG, pipes by condition class, manholes, observations, the measured
// invert with the lost storage shaded, axes in m NAP and chainage, a legend.
#pragma once

#include <string>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/sewer/LongitudinalProfile.h>

namespace bz::sewer {

struct DrawingOptions {
    int widthPx = 1400, heightPx = 600;  // SVG/PDF: points
    std::string title;                   // default: the route
};

// Writes .svg, .png or .pdf; any other extension is an error.
core::Result<void> drawProfile(const LongitudinalProfile& profile, const std::string& path,
                               const DrawingOptions& options = {});

// How the drawing maps chainage and level to the page (exposed for tests and the viewer).
struct ProfileFrame {
    double left, right, top, bottom;  // plot area, pixels
    double c0, c1, z0, z1;            // chainage and level range
    double x(double chainage) const { return left + (chainage - c0) / (c1 - c0) * (right - left); }
    double y(double level) const { return bottom - (level - z0) / (z1 - z0) * (bottom - top); }
};
ProfileFrame frameFor(const LongitudinalProfile& profile, double width, double height);

}  // namespace bz::sewer
