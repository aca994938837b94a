// 2D drawings with cairo, one drawing for SVG, PNG and PDF: the file written by its extension,
// next to the target and renamed into place (a failed write leaves no half file), and the few
// helpers every drawing uses (text, tick steps, colours). Longitudinal and cross-sections use it.
#pragma once

#include <cairo.h>

#include <functional>
#include <string>

#include <bodemzicht/core/Error.h>

namespace bz::drawing {

struct Colour {
    double r, g, b;
};

// Writes a width x height drawing (pixels for PNG, points for SVG and PDF) to .svg, .png or .pdf;
// `what` names it in errors ("a profile", "a cross-section").
core::Result<void> writeDrawing(const std::string& path, int width, int height,
                                const std::string& what, const std::function<void(cairo_t*)>& draw);

void setColour(cairo_t* cr, Colour c, double alpha = 1);
// Text at (x, y) (its baseline's left end, or right end when `right`).
void text(cairo_t* cr, double x, double y, const std::string& s, double size = 11,
          bool right = false);
// A tick step of 1, 2 or 5 times a power of ten giving about `count` ticks over `range`.
double niceStep(double range, int count);

}  // namespace bz::drawing
