// The pair passes: what the pair evaluation found about two objects, judged by one rule family
// each. Their order is the table's (PassTable.cpp): an overlap is reported as such, before a
// clearance, before what is only possible within the depth and plan bands.
#include "ClashPass.h"

namespace bz::clash::detail {

namespace {

bool physical(const PairAccumulator& acc) {
    return acc.rule.mode == Mode::Physical || acc.rule.mode == Mode::Tree;
}

// --self: existing objects that overlap (data quality), and lines of one theme that describe one
// object twice (duplicates). Pieces of one network meeting at a junction are neither.
class SelfOverlapPass final : public ClashPass {
  public:
    std::string_view name() const override { return "self-overlap"; }
    bool reports(const PassContext&, const PairAccumulator& acc) const override {
        return acc.hard.found;
    }
    std::optional<Clash> judge(const PassContext& c, const PairAccumulator& acc,
                               core::Vec3 off) const override {
        const auto& a = c.ds.features[acc.fa];
        const auto& b = c.ds.features[acc.fb];
        const bool linear =
            a.kind() == model::GeometryKind::Linear && b.kind() == model::GeometryKind::Linear;
        if (a.theme == b.theme && linear) {
            const double tol = c.rules.duplicateTolerance.value;
            const double la = c.eval.axisLength(acc.fa), lb = c.eval.axisLength(acc.fb);
            const double within = c.eval.violatedLength(acc.fa, acc.fb, off, tol);
            const double shorter = std::min(la, lb);
            if (shorter > 0 && within >= 0.8 * (lb <= la ? lb : shorter)) {
                Clash k = c.eval.makeClash(acc, ClashKind::Duplicate, acc.hard, tol);
                k.rule = "defaults.duplicate_tolerance_m";
                k.ruleSource = c.rules.duplicateTolerance.source;
                k.ruleVerified = c.rules.duplicateTolerance.verified;
                k.violatedLengthM = within;
                return k;
            }
            const auto& m = c.model;
            const double tolEnd = m.capsules()[m.shapes()[acc.fa].firstCapsule].radius +
                                  m.capsules()[m.shapes()[acc.fb].firstCapsule].radius + 0.01;
            if (c.eval.nearEndpoint(acc.fa, acc.hard.contact.pointA, tolEnd) ||
                c.eval.nearEndpoint(acc.fb, acc.hard.contact.pointB, tolEnd))
                return std::nullopt;
        }
        Clash k = c.eval.makeClash(acc, ClashKind::Hard, acc.hard, 0);
        k.violatedLengthM = c.eval.violatedLength(acc.fa, acc.fb, off, 0);
        return k;
    }
};

// An object inside a protected zone (EV area, pipeline strip) or a zone contaminated above the
// intervention value: a constraint, whatever the distance.
class ConstraintZonePass final : public ClashPass {
  public:
    std::string_view name() const override { return "constraint-zone"; }
    bool reports(const PassContext&, const PairAccumulator& acc) const override {
        return (acc.rule.mode == Mode::Protected || acc.rule.mode == Mode::Contamination) &&
               acc.hard.found;
    }
    std::optional<Clash> judge(const PassContext& c, const PairAccumulator& acc,
                               core::Vec3 off) const override {
        Clash k = c.eval.makeClash(acc, ClashKind::Constraint, acc.hard, 0);
        k.violatedLengthM = c.eval.violatedLength(acc.fa, acc.fb, off, 0);
        return k;
    }
};

// Two objects that overlap, or are closer than their clearance rule (or the tree distance) asks,
// with how sure that is from their depth and plan bands.
class HardClearancePass final : public ClashPass {
  public:
    std::string_view name() const override { return "hard-clearance"; }
    bool reports(const PassContext&, const PairAccumulator& acc) const override {
        return physical(acc) && (acc.hard.found || acc.violation.found);
    }
    std::optional<Clash> judge(const PassContext& c, const PairAccumulator& acc,
                               core::Vec3 off) const override {
        const bool hard = acc.hard.found;
        const Best& best = hard ? acc.hard : acc.violation;
        Clash k = c.eval.makeClash(acc, hard ? ClashKind::Hard : ClashKind::Clearance, best,
                                   best.required);
        c.eval.assessCertainty(k, best.prims, off, best.required, acc.fa, acc.fb);
        k.violatedLengthM = c.eval.violatedLength(acc.fa, acc.fb, off, hard ? 0 : best.required);
        return k;
    }
};

// Apart at their nominal depths, but closer than required for some vertical shift within both
// depth and plan bands: possible, and worth a trial trench.
class PossibleInBandPass final : public ClashPass {
  public:
    std::string_view name() const override { return "possible-in-band"; }
    bool reports(const PassContext&, const PairAccumulator& acc) const override {
        return physical(acc) && acc.possible.found;
    }
    std::optional<Clash> judge(const PassContext& c, const PairAccumulator& acc,
                               core::Vec3 off) const override {
        const Best& best = acc.possible;
        Clash k = c.eval.makeClash(acc, ClashKind::Possible, best, best.required);
        c.eval.assessCertainty(k, best.prims, off, best.required, acc.fa, acc.fb);
        k.worstShiftM = acc.possibleDz;
        // Where a shift within the bands could bring the pair closer than required.
        k.violatedLengthM = c.eval.violatedLength(
            acc.fa, acc.fb, off, best.required + best.band + c.eval.planBand(acc.fa, acc.fb));
        return k;
    }
};

}  // namespace

std::unique_ptr<ClashPass> makeSelfOverlapPass(const ClashOptions& o) {
    return o.selfCheck ? std::make_unique<SelfOverlapPass>() : nullptr;
}
std::unique_ptr<ClashPass> makeConstraintZonePass(const ClashOptions& o) {
    return o.selfCheck ? nullptr : std::make_unique<ConstraintZonePass>();
}
std::unique_ptr<ClashPass> makeHardClearancePass(const ClashOptions& o) {
    return o.selfCheck ? nullptr : std::make_unique<HardClearancePass>();
}
std::unique_ptr<ClashPass> makePossibleInBandPass(const ClashOptions& o) {
    return o.selfCheck ? nullptr : std::make_unique<PossibleInBandPass>();
}

}  // namespace bz::clash::detail
