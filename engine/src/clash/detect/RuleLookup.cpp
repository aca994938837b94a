#include "RuleLookup.h"

#include <algorithm>
#include <cmath>

namespace bz::clash::detail {

using model::Feature;
using model::ObjectType;

RuleLookup::RuleLookup(const model::Dataset& ds, const RuleSet& rules, const ClashOptions& options)
    : mDs(ds), mRules(rules), mOptions(options) {
    mCosParallel = std::cos(
        (rules.parallelAngleDeg.value > 0 ? rules.parallelAngleDeg.value : 45.0) * M_PI / 180.0);
    mTreeDistance = rules.trees.distanceFromStem && !options.uniformClearanceM
                        ? rules.trees.distanceFromStem->value
                        : 0.0;
    mThemeSlot.assign(ds.strings.size(), -1);
    std::vector<std::string> themes;
    for (const auto& f : ds.features)
        if (mThemeSlot[f.theme] < 0) {
            mThemeSlot[f.theme] = static_cast<std::int32_t>(themes.size());
            themes.push_back(ds.str(f.theme));
        }
    mThemeCount = themes.size();
    mPairRules.resize(mThemeCount * mThemeCount);
    mProtectedTheme.resize(mThemeCount);
    mTreeTheme.resize(mThemeCount);
    for (std::size_t i = 0; i < mThemeCount; ++i) {
        for (std::size_t j = 0; j < mThemeCount; ++j)
            mPairRules[i * mThemeCount + j] = rules.clearanceFor(themes[i], themes[j]);
        for (const auto& t : rules.protectedThemes)
            mProtectedTheme[i] |= rules.matches(t, themes[i]);
        for (const auto& t : rules.trees.appliesTo) mTreeTheme[i] |= rules.matches(t, themes[i]);
    }
}

double RuleLookup::reach(std::size_t a, std::size_t b) const {
    if (mOptions.uniformClearanceM) return *mOptions.uniformClearanceM;
    const ClearanceRule* r = mPairRules[a * mThemeCount + b];
    return r ? std::max(r->parallel.value, r->crossing.value) : 0.0;
}

bool RuleLookup::isProtected(const Feature& f) const {
    return f.type == ObjectType::ProtectedZone || mProtectedTheme[slot(f)];
}

PairRule RuleLookup::ruleFor(const Feature& a, const Feature& b) const {
    PairRule r;
    auto zoneLike = [](const Feature& f) {
        return f.type == ObjectType::ProtectedZone || f.type == ObjectType::ContaminationZone ||
               f.type == ObjectType::Area;
    };
    if (mOptions.selfCheck || mOptions.uniformClearanceM) {
        if (zoneLike(a) || zoneLike(b) || isProtected(a) || isProtected(b)) return r;
        r.mode = Mode::Physical;
        if (mOptions.uniformClearanceM) r.fixedRequired = *mOptions.uniformClearanceM;
        return r;
    }
    if (a.type == ObjectType::Area || b.type == ObjectType::Area) return r;
    if (isProtected(a)) {
        if (zoneLike(b) || isProtected(b)) return r;
        r.mode = Mode::Protected;
        return r;
    }
    if (isProtected(b) || zoneLike(b)) return r;
    if (a.type == ObjectType::ContaminationZone) {
        // Above the intervention value for any of its substances (or a substance or concentration
        // not known: treated as above, and said so in the report).
        bool above = false, any = false;
        for (const auto* c : mDs.detailsOf<model::ContaminationDetail>(a)) {
            any = true;
            const RuleValue* iv =
                mRules.interventionValue(c->medium.empty() ? "grond" : c->medium, c->substance);
            above |= !iv || std::isnan(c->concentration) || c->concentration > iv->value;
        }
        if (!any || !above) return r;
        r.mode = Mode::Contamination;
        return r;
    }
    // An existing tree against a network or measure, or a proposed tree against a network.
    auto treeRuleApplies = [&](const Feature& other) {
        return mRules.trees.distanceFromStem && mTreeTheme[slot(other)];
    };
    const Feature* tree = a.type == ObjectType::Tree && treeRuleApplies(b)   ? &a
                          : b.type == ObjectType::Tree && treeRuleApplies(a) ? &b
                                                                             : nullptr;
    if (tree) {
        r.mode = Mode::Tree;
        r.fixedRequired = std::max(
            0.0, mRules.trees.distanceFromStem->value - mDs.bodies[tree->geometry].radiusM);
        return r;
    }
    if (a.type == ObjectType::Well && b.type == ObjectType::Well) return r;  // the WKO pass
    r.mode = Mode::Physical;
    r.clearance = mPairRules[slot(a) * mThemeCount + slot(b)];
    return r;
}

double RuleLookup::required(const PairRule& rule, bool crossing) const {
    if (rule.mode == Mode::Protected || rule.mode == Mode::Contamination || mOptions.selfCheck)
        return 0.0;
    if (rule.clearance)
        return crossing ? rule.clearance->crossing.value : rule.clearance->parallel.value;
    return rule.fixedRequired;
}

RuleDescription RuleLookup::describe(const Feature& a, const Feature&, const PairRule& rule,
                                     const std::string& relation) const {
    if (mOptions.selfCheck)
        return {"self:overlap", "data quality: existing objects should not overlap", true};
    if (mOptions.uniformClearanceM) return {"--clearance", "command line", true};
    switch (rule.mode) {
        case Mode::Skip:
            return {};
        case Mode::Protected:
            return {
                "zones.protected_themes",
                "protected zone of " + mDs.str(a.owner) + ": contact the owner before working here",
                true};
        case Mode::Contamination: {
            // The substance that decides: the first above its intervention value.
            for (const auto* c : mDs.detailsOf<model::ContaminationDetail>(a)) {
                const std::string medium = c->medium.empty() ? "grond" : c->medium;
                const RuleValue* iv = mRules.interventionValue(medium, c->substance);
                if (!iv || std::isnan(c->concentration))
                    return {"intervention.unknown",
                            "no intervention value or concentration known for '" + c->substance +
                                "': treated as above",
                            false};
                if (c->concentration > iv->value)
                    return {"intervention." + medium + "." + c->substance, iv->source,
                            iv->verified};
            }
            return {};
        }
        case Mode::Tree:
            return {"trees.distance_from_stem_m", mRules.trees.distanceFromStem->source,
                    mRules.trees.distanceFromStem->verified};
        case Mode::Physical:
            if (!rule.clearance)
                return {"overlap", "no clearance rule for this pair: only overlaps count", true};
            const RuleValue& v =
                relation == "crossing" ? rule.clearance->crossing : rule.clearance->parallel;
            return {rule.clearance->id + (relation == "crossing" ? ".crossing_m" : ".parallel_m"),
                    v.source, v.verified};
    }
    return {};
}

}  // namespace bz::clash::detail
