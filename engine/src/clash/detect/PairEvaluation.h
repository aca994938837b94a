// Pair evaluation, one unit of the clash pipeline (private to clash): the exact distances of the
// primitive pairs the broad phase found, accumulated per pair of objects (the deepest overlap,
// the worst clearance violation, the worst violation within the depth and plan bands), and what a
// report row needs from them: the violated length, the certainty and probability, the row itself.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include <bodemzicht/clash/ClashModel.h>
#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/geom/Distance.h>

#include "RuleLookup.h"

namespace bz::clash::detail {

struct PrimPair {
    bool aCapsule, bCapsule;
    std::uint32_t ai, bi;
};

// The worst primitive pair of one kind found so far.
struct Best {
    double margin = INFINITY;
    geom::Contact contact;
    double required = 0;
    bool crossing = false;
    bool found = false;
    double band = 0;
    PrimPair prims{true, true, 0, 0};
};

// What is known about one candidate pair (A existing, B being checked).
struct PairAccumulator {
    std::uint32_t fa = 0, fb = 0;
    PairRule rule;
    Best hard, violation, possible;
    double possibleDz = 0;  // the worst vertical shift within the bands
};

class PairEvaluator {
  public:
    PairEvaluator(const ClashModel& model, const RuleLookup& lookup, const RuleSet& rules,
                  const ClashOptions& options);

    const ClashModel& model() const { return mModel; }
    const model::Dataset& dataset() const { return mDs; }
    const RuleLookup& lookup() const { return mLookup; }
    const RuleSet& rules() const { return mRules; }

    // Adds one primitive pair (found by the broad phase, B moved by `off`) to the accumulator.
    void accumulate(PairAccumulator& acc, bool aCap, std::uint32_t ai, bool bCap, std::uint32_t bi,
                    const core::Bounds3& bBox, core::Vec3 off) const;

    // Length along the linear one of the two objects where they are closer than `threshold`;
    // NaN when neither is linear.
    double violatedLength(std::uint32_t fa, std::uint32_t fb, core::Vec3 off,
                          double threshold) const;
    // Certainty and probability of a clash on its worst primitive pair (docs/clash.md).
    void assessCertainty(Clash& k, const PrimPair& p, core::Vec3 off, double required,
                         std::uint32_t fa, std::uint32_t fb) const;
    // How far an object may lie from where it is drawn, in plan (its horizontal accuracy; 0 when
    // the source does not say).
    double horizontalBand(std::uint32_t feature) const;
    // How far the two may lie from each other's drawn place in plan: both accuracies.
    double planBand(std::uint32_t fa, std::uint32_t fb) const {
        return horizontalBand(fa) + horizontalBand(fb);
    }
    // A report row: both objects, the contact, the rule that judged it and what was assumed.
    Clash makeClash(const PairAccumulator& acc, ClashKind kind, const Best& best,
                    double required) const;
    // Only the identity of a clash of two objects (stable id, ids, themes, owners, types).
    Clash clashBetween(std::uint32_t fa, std::uint32_t fb, ClashKind kind) const;

    // "parallel" or "crossing" for two linear objects, else "".
    std::string relationOf(std::uint32_t fa, std::uint32_t fb, const Best& best) const;
    bool nearEndpoint(std::uint32_t feature, core::Vec3 p, double tol) const;
    double axisLength(std::uint32_t feature) const;

    core::Bounds3 primBounds(bool capsule, std::uint32_t i, core::Vec3 off = {}) const {
        auto b = capsule ? mModel.capsules()[i].bounds() : mModel.extrusions()[i].bounds();
        return {b.lo + off, b.hi + off};
    }
    double primBand(bool capsule, std::uint32_t i) const {
        return capsule ? mModel.capsuleBands()[i] : mModel.extrusionBands()[i];
    }
    template <typename F>
    void forEachPrim(std::uint32_t feature, F&& f) const {
        const auto& s = mModel.shapes()[feature];
        for (std::uint32_t k = 0; k < s.capsuleCount; ++k) f(true, s.firstCapsule + k);
        for (std::uint32_t k = 0; k < s.extrusionCount; ++k) f(false, s.firstExtrusion + k);
    }

  private:
    core::Vec3 horizontalDirection(const PrimPair& p, const geom::Contact& c) const;
    geom::Contact pairDistance(const PrimPair& p, core::Vec3 off, bool& crossing) const;
    geom::Contact pairWithinBand(const PrimPair& p, core::Vec3 off, double band, double& dz) const;
    const geom::Extrusion& extrusionAt(std::uint32_t i, core::Vec3 off,
                                       geom::Extrusion& scratch) const;

    const ClashModel& mModel;
    const model::Dataset& mDs;
    const RuleLookup& mLookup;
    const RuleSet& mRules;
    const ClashOptions& mOptions;
};

// Gap between two boxes (0 when they overlap): a lower bound of the distance between contents.
double boxGap(const core::Bounds3& a, const core::Bounds3& b);

}  // namespace bz::clash::detail
