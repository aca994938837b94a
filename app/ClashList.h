// The clash list as a work list: which clashes show (filters), in which order (sort) and under
// which headings (groups), and stepping through them with the keyboard. Pure logic on the report,
// so it is tested without a window; Panels draws it.
#pragma once

#include <array>
#include <set>
#include <string>
#include <vector>

#include <bodemzicht/clash/ClashReport.h>

namespace bz::app {

// What a clash can be sorted or grouped by. Report: the report's own order (most severe first)
// when sorting, no headings when grouping.
enum class ClashKey { Report, Kind, Certainty, Owner, Proposal, Status, Distance };
inline constexpr std::array<ClashKey, 7> kClashKeys{
    ClashKey::Report,   ClashKey::Kind,   ClashKey::Certainty, ClashKey::Owner,
    ClashKey::Proposal, ClashKey::Status, ClashKey::Distance};
const char* clashKeyName(ClashKey key, bool dutch);

struct ClashListSettings {
    ClashKey sortBy = ClashKey::Report, groupBy = ClashKey::Report;
    bool descending = false;
    // Shown kinds, certainties and statuses, indexed by their enum values.
    std::array<bool, 5> kinds{true, true, true, true, true};
    std::array<bool, 4> certainties{true, true, true, true};
    std::array<bool, 4> statuses{true, true, true, true};
    std::string owner;     // part of either object's owner (case-insensitive); empty: any
    std::string proposal;  // part of the proposed object's id; empty: any
    double maxDistanceM = 1e9;
    std::set<std::string> collapsed;  // group headings folded away
};

// One line of the list: a group heading (clash == -1) or a clash (index into the report).
struct ClashListRow {
    int clash = -1;
    std::string group;      // the heading's text, or the clash's group
    std::size_t count = 0;  // a heading: clashes under it
};

std::vector<ClashListRow> clashListRows(const clash::ClashReport& report,
                                        const ClashListSettings& settings, bool dutch);

// The clash `step` rows after (or before, negative) `current` in the list, skipping headings;
// the first (or last) when `current` is not in the list; -1 for an empty list.
int neighbourClash(const std::vector<ClashListRow>& rows, int current, int step);

// A clash's value under a key, as the list shows it in headings ("harde botsing", "< 0 m").
std::string clashKeyValue(const clash::Clash& c, ClashKey key, bool dutch);

}  // namespace bz::app
