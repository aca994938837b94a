#include "ClashList.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>

namespace bz::app {

namespace {

bool containsIgnoringCase(const std::string& text, const std::string& part) {
    if (part.empty()) return true;
    auto it = std::search(text.begin(), text.end(), part.begin(), part.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
    });
    return it != text.end();
}

// Distance classes, so that grouping by distance gives a handful of headings.
int distanceClass(double d) {
    if (d < 0) return 0;
    if (d < 0.1) return 1;
    if (d < 0.3) return 2;
    if (d < 0.5) return 3;
    return 4;
}

bool shown(const clash::Clash& c, const ClashListSettings& s) {
    return s.kinds[static_cast<std::size_t>(c.kind)] &&
           s.certainties[static_cast<std::size_t>(c.certainty)] &&
           s.statuses[static_cast<std::size_t>(c.status)] &&
           (containsIgnoringCase(c.aOwner, s.owner) || containsIgnoringCase(c.bOwner, s.owner)) &&
           containsIgnoringCase(c.bId, s.proposal) && c.distanceM <= s.maxDistanceM;
}

// Compares two clashes under a key; 0 when equal.
int compare(const clash::Clash& a, const clash::Clash& b, ClashKey key) {
    auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : y < x ? 1 : 0; };
    switch (key) {
        case ClashKey::Report:
            return 0;
        case ClashKey::Kind:
            return cmp(static_cast<int>(a.kind), static_cast<int>(b.kind));
        case ClashKey::Certainty:
            return cmp(static_cast<int>(a.certainty), static_cast<int>(b.certainty));
        case ClashKey::Owner:
            return cmp(a.aOwner, b.aOwner);
        case ClashKey::Proposal:
            return cmp(a.bId, b.bId);
        case ClashKey::Status:
            return cmp(static_cast<int>(a.status), static_cast<int>(b.status));
        case ClashKey::Distance:
            return cmp(a.distanceM, b.distanceM);
    }
    return 0;
}

}  // namespace

const char* clashKeyName(ClashKey key, bool dutch) {
    switch (key) {
        case ClashKey::Report:
            return dutch ? "rapport" : "report";
        case ClashKey::Kind:
            return dutch ? "soort" : "kind";
        case ClashKey::Certainty:
            return dutch ? "zekerheid" : "certainty";
        case ClashKey::Owner:
            return dutch ? "eigenaar" : "owner";
        case ClashKey::Proposal:
            return dutch ? "voorstel" : "proposal";
        case ClashKey::Status:
            return "status";
        case ClashKey::Distance:
            return dutch ? "afstand" : "distance";
    }
    return "";
}

std::string clashKeyValue(const clash::Clash& c, ClashKey key, bool dutch) {
    switch (key) {
        case ClashKey::Report:
            return "";
        case ClashKey::Kind:
            return std::string(dutch ? clash::dutchName(c.kind) : clash::toCode(c.kind));
        case ClashKey::Certainty:
            return std::string(dutch ? clash::dutchName(c.certainty) : clash::toCode(c.certainty));
        case ClashKey::Owner:
            return c.aOwner.empty() ? (dutch ? "eigenaar onbekend" : "owner unknown") : c.aOwner;
        case ClashKey::Proposal:
            return c.bId;
        case ClashKey::Status:
            return std::string(dutch ? clash::dutchName(c.status) : clash::toCode(c.status));
        case ClashKey::Distance: {
            static const char* kClasses[] = {"< 0 m", "0 - 0.1 m", "0.1 - 0.3 m", "0.3 - 0.5 m",
                                             ">= 0.5 m"};
            return kClasses[distanceClass(c.distanceM)];
        }
    }
    return "";
}

std::vector<ClashListRow> clashListRows(const clash::ClashReport& report,
                                        const ClashListSettings& settings, bool dutch) {
    const auto& all = report.clashes;
    std::vector<int> order;
    order.reserve(all.size());
    for (std::size_t i = 0; i < all.size(); ++i)
        if (shown(all[i], settings)) order.push_back(static_cast<int>(i));
    // Grouped: by the group's key first (in its natural order), then the sort key, then the
    // report's order, so that equal rows keep the report's severity order.
    auto groupRank = [&](const clash::Clash& a, const clash::Clash& b) {
        if (settings.groupBy == ClashKey::Distance)
            return distanceClass(a.distanceM) < distanceClass(b.distanceM)   ? -1
                   : distanceClass(a.distanceM) > distanceClass(b.distanceM) ? 1
                                                                             : 0;
        return compare(a, b, settings.groupBy);
    };
    std::stable_sort(order.begin(), order.end(), [&](int ia, int ib) {
        const auto &a = all[static_cast<std::size_t>(ia)], &b = all[static_cast<std::size_t>(ib)];
        if (int g = groupRank(a, b)) return g < 0;
        int c = compare(a, b, settings.sortBy);
        return settings.descending ? c > 0 : c < 0;
    });
    std::vector<ClashListRow> rows;
    rows.reserve(order.size() + 16);
    if (settings.groupBy == ClashKey::Report) {
        for (int i : order) rows.push_back({i, all[static_cast<std::size_t>(i)].groupId, 0});
        return rows;
    }
    std::size_t heading = 0;
    std::string current;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto& c = all[static_cast<std::size_t>(order[k])];
        std::string value = clashKeyValue(c, settings.groupBy, dutch);
        if (k == 0 || value != current) {
            current = value;
            heading = rows.size();
            rows.push_back({-1, value, 0});
        }
        ++rows[heading].count;
        if (!settings.collapsed.count(value)) rows.push_back({order[k], value, 0});
    }
    return rows;
}

int neighbourClash(const std::vector<ClashListRow>& rows, int current, int step) {
    std::vector<int> clashes;
    for (const auto& r : rows)
        if (r.clash >= 0) clashes.push_back(r.clash);
    if (clashes.empty()) return -1;
    auto at = std::find(clashes.begin(), clashes.end(), current);
    if (at == clashes.end()) return step >= 0 ? clashes.front() : clashes.back();
    const long k = std::clamp<long>(static_cast<long>(at - clashes.begin()) + step, 0,
                                    static_cast<long>(clashes.size()) - 1);
    return clashes[static_cast<std::size_t>(k)];
}

}  // namespace bz::app
