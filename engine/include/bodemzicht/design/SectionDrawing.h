// Draws a cross-section with cairo (SVG, PNG or PDF by the file's extension), at one scale
// across and down (true size): the ground and the soil under it, GHG and GLG, the profile's zones
// across the top, every object cut in its theme colour (networks as their ellipse with the band
// of uncertainty, bodies, root zones and zones), cover depths and the clear distances between
// neighbouring networks, and the deviations from the profile marked in red.
#pragma once

#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/design/CrossSection.h>
#include <bodemzicht/design/StreetProfile.h>

namespace bz::design {

struct SectionDrawingOptions {
    int widthPx = 1400, heightPx = 760;
    std::string title;               // default: the line's coordinates
    const FreeArea* free = nullptr;  // shaded green where a new network fits (freeSpaceInSection)
};

// How the drawing maps offset and level to the page (one scale both ways; exposed for tests).
struct SectionFrame {
    double left, right, top, bottom;  // plot area
    double o0, z1;                    // offset at `left`, level at `top`
    double scale;                     // pixels per metre, both ways
    double x(double offset) const { return left + (offset - o0) * scale; }
    double y(double level) const { return top + (z1 - level) * scale; }
    double z0() const { return z1 - (bottom - top) / scale; }
};
SectionFrame sectionFrame(const CrossSection& section, double width, double height);
// The same for a given plot box (the viewer's panel): one scale that fits the section into it.
SectionFrame sectionFrame(const CrossSection& section, double left, double top, double right,
                          double bottom);

core::Result<void> drawSection(const CrossSection& section, const StreetProfile& profile,
                               const std::vector<Deviation>& deviations, const std::string& path,
                               const SectionDrawingOptions& options = {});

}  // namespace bz::design
