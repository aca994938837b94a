// The clash work list against a brute-force reference on random reports: every clash that passes
// the filters is listed exactly once, in the asked order, under the right heading.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "ClashList.h"

using namespace bz;

namespace {

clash::ClashReport randomReport(std::mt19937& rng, int n) {
    const char* owners[] = {"Liander", "Vitens", "gemeente", ""};
    clash::ClashReport r;
    for (int i = 0; i < n; ++i) {
        clash::Clash c;
        c.id = "C" + std::to_string(i);
        c.kind = static_cast<clash::ClashKind>(rng() % 5);
        c.certainty = static_cast<clash::Certainty>(rng() % 4);
        c.status = static_cast<clash::ClashStatus>(rng() % 4);
        c.aOwner = owners[rng() % 4];
        c.bOwner = owners[rng() % 4];
        c.bId = "P" + std::to_string(rng() % 6);
        c.distanceM = std::uniform_real_distribution<double>(-0.3, 1.0)(rng);
        r.clashes.push_back(c);
    }
    return r;
}

bool passes(const clash::Clash& c, const app::ClashListSettings& s) {
    auto lower = [](std::string t) {
        for (auto& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return t;
    };
    const bool owner = s.owner.empty() ||
                       lower(c.aOwner).find(lower(s.owner)) != std::string::npos ||
                       lower(c.bOwner).find(lower(s.owner)) != std::string::npos;
    return s.kinds[static_cast<int>(c.kind)] && s.certainties[static_cast<int>(c.certainty)] &&
           s.statuses[static_cast<int>(c.status)] && owner &&
           (s.proposal.empty() || c.bId.find(s.proposal) != std::string::npos) &&
           c.distanceM <= s.maxDistanceM;
}

}  // namespace

TEST(ClashList, FiltersSortsAndGroupsLikeABruteForceReference) {
    std::mt19937 rng(7);
    for (int round = 0; round < 200; ++round) {
        auto report = randomReport(rng, 1 + static_cast<int>(rng() % 60));
        app::ClashListSettings s;
        for (auto& k : s.kinds) k = rng() % 4 != 0;
        for (auto& k : s.certainties) k = rng() % 4 != 0;
        for (auto& k : s.statuses) k = rng() % 4 != 0;
        if (rng() % 3 == 0) s.owner = rng() % 2 ? "lian" : "VITENS";
        if (rng() % 4 == 0) s.proposal = "P" + std::to_string(rng() % 6);
        if (rng() % 3 == 0) s.maxDistanceM = 0.2;
        s.sortBy = app::kClashKeys[rng() % app::kClashKeys.size()];
        s.groupBy = app::kClashKeys[rng() % app::kClashKeys.size()];
        s.descending = rng() % 2;
        const bool dutch = rng() % 2;
        auto rows = app::clashListRows(report, s, dutch);
        // Exactly the clashes that pass, each once.
        std::vector<int> listed, expected;
        for (const auto& r : rows)
            if (r.clash >= 0) listed.push_back(r.clash);
        for (int i = 0; i < static_cast<int>(report.clashes.size()); ++i)
            if (passes(report.clashes[static_cast<std::size_t>(i)], s)) expected.push_back(i);
        auto sortedListed = listed;
        std::sort(sortedListed.begin(), sortedListed.end());
        ASSERT_EQ(sortedListed, expected) << "round " << round;
        // Within a group, in sort order (ties in report order); headings count their clashes.
        const clash::Clash* prev = nullptr;
        int prevIndex = -1;
        std::size_t underHeading = 0;
        const app::ClashListRow* heading = nullptr;
        for (const auto& r : rows) {
            if (r.clash < 0) {
                if (heading) {
                    EXPECT_EQ(heading->count, underHeading);
                }
                heading = &r;
                underHeading = 0;
                prev = nullptr;
                continue;
            }
            ++underHeading;
            const auto& c = report.clashes[static_cast<std::size_t>(r.clash)];
            if (s.groupBy != app::ClashKey::Report) {
                ASSERT_NE(heading, nullptr);
                EXPECT_EQ(r.group, heading->group);
            }
            if (prev) {
                auto key = [&](const clash::Clash& x) -> double {
                    switch (s.sortBy) {
                        case app::ClashKey::Kind:
                            return static_cast<int>(x.kind);
                        case app::ClashKey::Certainty:
                            return static_cast<int>(x.certainty);
                        case app::ClashKey::Status:
                            return static_cast<int>(x.status);
                        case app::ClashKey::Distance:
                            return x.distanceM;
                        default:
                            return 0;
                    }
                };
                if (s.sortBy == app::ClashKey::Owner) {
                    EXPECT_TRUE(s.descending ? prev->aOwner >= c.aOwner : prev->aOwner <= c.aOwner);
                } else if (s.sortBy == app::ClashKey::Proposal) {
                    EXPECT_TRUE(s.descending ? prev->bId >= c.bId : prev->bId <= c.bId);
                } else if (s.sortBy == app::ClashKey::Report) {
                    EXPECT_LT(prevIndex, r.clash);
                } else {
                    EXPECT_TRUE(s.descending ? key(*prev) >= key(c) : key(*prev) <= key(c));
                }
            }
            prev = &c;
            prevIndex = r.clash;
        }
        if (heading) {
            EXPECT_EQ(heading->count, underHeading);
        }
    }
}

TEST(ClashList, GroupsShowTheirValueAndFoldAway) {
    std::mt19937 rng(3);
    auto report = randomReport(rng, 40);
    app::ClashListSettings s;
    s.groupBy = app::ClashKey::Kind;
    auto rows = app::clashListRows(report, s, true);
    std::map<std::string, std::size_t> perKind;
    for (const auto& c : report.clashes) ++perKind[std::string(clash::dutchName(c.kind))];
    std::map<std::string, std::size_t> headings;
    for (const auto& r : rows) {
        if (r.clash >= 0) {
            EXPECT_EQ(std::string(
                          clash::dutchName(report.clashes[static_cast<std::size_t>(r.clash)].kind)),
                      r.group);
            continue;
        }
        EXPECT_EQ(headings.count(r.group), 0u) << "one heading per kind";
        headings[r.group] = r.count;
    }
    EXPECT_EQ(headings, perKind);
    // Folding a heading keeps it with its count but hides its clashes.
    const std::string folded = rows.front().group;
    s.collapsed.insert(folded);
    for (const auto& r : app::clashListRows(report, s, true))
        if (r.group == folded) {
            EXPECT_EQ(r.clash, -1);
        }
}

TEST(ClashList, NextAndPreviousStepThroughTheListAsShown) {
    std::vector<app::ClashListRow> rows{
        {-1, "a", 2}, {5, "a", 0}, {2, "a", 0}, {-1, "b", 1}, {9, "b", 0}};
    EXPECT_EQ(app::neighbourClash(rows, -1, 1), 5);
    EXPECT_EQ(app::neighbourClash(rows, -1, -1), 9);
    EXPECT_EQ(app::neighbourClash(rows, 5, 1), 2);
    EXPECT_EQ(app::neighbourClash(rows, 2, 1), 9);  // over the heading
    EXPECT_EQ(app::neighbourClash(rows, 9, 1), 9);  // stays at the end
    EXPECT_EQ(app::neighbourClash(rows, 2, -1), 5);
    EXPECT_EQ(app::neighbourClash({}, 2, 1), -1);
}
