// Pictures for clash reports (BCF snapshots): the run's objects with its clash markers, seen from
// a clash's view, rendered offscreen. Needs an X display (xvfb-run on servers); without one, or
// in a build without rendering, `snapshots` gives no picture and `problem` says why.
#pragma once

#include <bodemzicht/clash/BcfWriter.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/GroundLevel.h>

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace bz::tools {

struct ReportPictures {
    // A group's picture (once: the BCF and the HTML report share it); the `limit` most severe
    // groups get one (most hard clashes, then most certain ones, then the largest), the others
    // none.
    decltype(clash::BcfOptions::snapshot) snapshots;
    std::function<std::optional<std::vector<std::uint8_t>>()> overview;  // from above
    std::string problem;
    std::shared_ptr<void> keepAlive;  // the renderer behind `snapshots`
};

ReportPictures reportPictures(const model::Dataset& ds, const model::GroundLevel& ground,
                              const clash::ClashReport& report, int width, int height,
                              std::size_t limit);

// The ids of the `limit` most severe clash groups of a report.
std::set<std::string> mostSevereGroups(const clash::ClashReport& report, std::size_t limit);

// Two pictures of a work area (`bodem omgeving`): a map from above and a 3D view from the
// south-west, framed on the area's bounds, written as PNG files; the error says why not (no
// display, no rendering in this build).
core::Result<void> renderAreaPictures(const model::Dataset& ds, const model::GroundLevel& ground,
                                      const std::vector<core::Vec2>& area,
                                      const std::string& mapPng, const std::string& viewPng);

// `bodem bench soil` (needs the rendering build; without it says so and returns 1).
int benchSoil();

}  // namespace bz::tools
