// Writes a clash report as BCF 2.1 (BIM Collaboration Format, buildingSMART), the issue format of
// BIM tools (BIMcollab, Solibri, BIMvision, ...): one topic per clash group with its viewpoint
// (the camera of clash::groupView), the components of both objects of every clash by their ids,
// a snapshot and the clashes' details in the description. Topic GUIDs follow from the group id,
// so writing the same report again gives the same topics (tools update them).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/clash/ClashView.h>
#include <bodemzicht/core/Error.h>

namespace bz::clash {

struct BcfOptions {
    std::string author = "Bodemzicht";
    std::string projectName;  // the project file, for the header
    // A PNG of the view, or nullopt when none can be made (no display): the topic then has none.
    std::function<std::optional<std::vector<std::uint8_t>>(const ClashView& view,
                                                           const std::vector<const Clash*>& group)>
        snapshot;
};

struct BcfSummary {
    std::size_t topics = 0, clashes = 0, snapshots = 0;
};

core::Result<BcfSummary> writeBcf(const ClashReport& report, const std::string& path,
                                  const BcfOptions& options);

// A GUID (8-4-4-4-12 hex, version 5 style) that depends only on the text.
std::string stableGuid(std::string_view text);

}  // namespace bz::clash
