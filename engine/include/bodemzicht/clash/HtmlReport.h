// A clash report as HTML that a project leader reads and forwards (Dutch): an overview picture,
// then per owner of the existing objects the clashes to discuss, each group with its picture from
// the clash view, and the rules applied with their sources. Written into a folder (index.html and
// the pictures beside it).
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

struct HtmlOptions {
    std::string projectName, rulesName;
    // A PNG of a group's view, and of the whole project from above with the clashes marked; nullopt
    // when none can be made (no display): the report says so instead.
    std::function<std::optional<std::vector<std::uint8_t>>(const ClashView& view,
                                                           const std::vector<const Clash*>& group)>
        snapshot;
    std::function<std::optional<std::vector<std::uint8_t>>()> overview;
};

struct HtmlSummary {
    std::size_t owners = 0, groups = 0, pictures = 0;
};

core::Result<HtmlSummary> writeHtmlReport(const ClashReport& report, const std::string& dir,
                                          const HtmlOptions& options);

// Text made safe for HTML (&, <, >, ", ').
std::string escapeHtml(std::string_view text);

}  // namespace bz::clash
