// Rule lookup, one unit of the clash pipeline (private to clash): which rule judges a pair of
// objects and what distance it asks, resolved once per pair of themes (string matching per pair
// of objects would dominate the run time), and how far each theme's rules reach for the broad
// phase.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <bodemzicht/clash/ClashDetector.h>
#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::clash::detail {

// How a pair of objects is judged.
enum class Mode : std::uint8_t {
    Skip,           // not at all
    Physical,       // a distance between two objects (clearance rules, --clearance, --self)
    Tree,           // a distance from a tree's stem
    Protected,      // inside a protected zone
    Contamination,  // inside a zone contaminated above the intervention value
};

struct PairRule {
    Mode mode = Mode::Skip;
    const ClearanceRule* clearance = nullptr;
    double fixedRequired = 0;  // tree distance, uniform clearance
};

// What a report says about the rule that judged a pair.
struct RuleDescription {
    std::string rule, source;
    bool verified = false;
};

class RuleLookup {
  public:
    RuleLookup(const model::Dataset& ds, const RuleSet& rules, const ClashOptions& options);

    // The rule for existing (or indexed) object `a` against checked object `b`.
    PairRule ruleFor(const model::Feature& a, const model::Feature& b) const;
    // The distance the rule asks (parallel or crossing).
    double required(const PairRule& rule, bool crossing) const;
    // Its name and source for the report (`relation`: "crossing", "parallel" or "").
    RuleDescription describe(const model::Feature& a, const model::Feature& b, const PairRule& rule,
                             const std::string& relation) const;

    std::size_t themeCount() const { return mThemeCount; }
    std::size_t slot(const model::Feature& f) const {
        return static_cast<std::size_t>(mThemeSlot[f.theme]);
    }
    // The largest distance any rule asks between themes a and b (--clearance: that one).
    double reach(std::size_t slotA, std::size_t slotB) const;
    bool treeTheme(std::size_t slot) const { return mTreeTheme[slot]; }
    // The distance the tree rule asks from a stem; 0 when there is no tree rule.
    double treeDistance() const { return mTreeDistance; }
    double cosParallel() const { return mCosParallel; }

  private:
    bool isProtected(const model::Feature& f) const;
    const model::Dataset& mDs;
    const RuleSet& mRules;
    const ClashOptions& mOptions;
    std::vector<std::int32_t> mThemeSlot;  // string id -> dense theme index, -1 unused
    std::size_t mThemeCount = 0;
    std::vector<const ClearanceRule*> mPairRules;  // themeCount x themeCount
    std::vector<std::uint8_t> mProtectedTheme, mTreeTheme;
    double mTreeDistance = 0, mCosParallel = 0;
};

}  // namespace bz::clash::detail
