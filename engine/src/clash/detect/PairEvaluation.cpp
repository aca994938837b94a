#include "PairEvaluation.h"

#include "ShiftProbability.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace bz::clash::detail {

using model::Feature;

namespace {

geom::Capsule moved(const geom::Capsule& c, core::Vec3 o) {
    return {c.a + o, c.b + o, c.radius};
}
geom::Extrusion moved(const geom::Extrusion& e, core::Vec3 o) {
    geom::Extrusion m = e;
    m.center = m.center + o.xy();
    for (auto& p : m.polygon) p = p + o.xy();
    m.bottomZ += o.z;
    m.topZ += o.z;
    return m;
}

bool isLinear(const Feature& f) {
    return f.kind() == model::GeometryKind::Linear;
}

}  // namespace

double boxGap(const core::Bounds3& a, const core::Bounds3& b) {
    double dx = std::max({0.0, a.lo.x - b.hi.x, b.lo.x - a.hi.x});
    double dy = std::max({0.0, a.lo.y - b.hi.y, b.lo.y - a.hi.y});
    double dz = std::max({0.0, a.lo.z - b.hi.z, b.lo.z - a.hi.z});
    return std::sqrt(dx * dx + dy * dy + dz * dz);
}

PairEvaluator::PairEvaluator(const ClashModel& model, const RuleLookup& lookup,
                             const RuleSet& rules, const ClashOptions& options)
    : mModel(model), mDs(model.dataset()), mLookup(lookup), mRules(rules), mOptions(options) {}

geom::Contact PairEvaluator::pairDistance(const PrimPair& p, core::Vec3 off, bool& crossing) const {
    crossing = false;
    if (p.aCapsule && p.bCapsule) {
        const auto& a = mModel.capsules()[p.ai];
        auto b = moved(mModel.capsules()[p.bi], off);
        core::Vec2 da = (a.b - a.a).xy(), db = (b.b - b.a).xy();
        double la = core::length(da), lb = core::length(db);
        crossing = la > 1e-9 && lb > 1e-9
                       ? std::abs(core::dot(da, db)) / (la * lb) < mLookup.cosParallel()
                       : true;
        return geom::distance(a, b);
    }
    geom::Extrusion scratch;
    if (p.aCapsule) return geom::distance(mModel.capsules()[p.ai], extrusionAt(p.bi, off, scratch));
    if (p.bCapsule) {
        geom::Contact c =
            geom::distance(moved(mModel.capsules()[p.bi], off), mModel.extrusions()[p.ai]);
        std::swap(c.pointA, c.pointB);
        return c;
    }
    return geom::distance(mModel.extrusions()[p.ai], extrusionAt(p.bi, off, scratch));
}

geom::Contact PairEvaluator::pairWithinBand(const PrimPair& p, core::Vec3 off, double band,
                                            double& dz) const {
    if (p.aCapsule && p.bCapsule)
        return geom::distanceWithinBand(mModel.capsules()[p.ai],
                                        moved(mModel.capsules()[p.bi], off), band, dz);
    if (p.aCapsule)
        return geom::distanceWithinBand(mModel.capsules()[p.ai],
                                        moved(mModel.extrusions()[p.bi], off), band, dz);
    if (p.bCapsule)
        return geom::distanceWithinBand(mModel.extrusions()[p.ai],
                                        moved(mModel.capsules()[p.bi], off), band, dz);
    return geom::distanceWithinBand(mModel.extrusions()[p.ai],
                                    moved(mModel.extrusions()[p.bi], off), band, dz);
}

const geom::Extrusion& PairEvaluator::extrusionAt(std::uint32_t i, core::Vec3 off,
                                                  geom::Extrusion& scratch) const {
    if (off == core::Vec3{}) return mModel.extrusions()[i];
    scratch = moved(mModel.extrusions()[i], off);
    return scratch;
}

double PairEvaluator::violatedLength(std::uint32_t fa, std::uint32_t fb, core::Vec3 off,
                                     double threshold) const {
    bool bLinear = isLinear(mDs.features[fb]);
    std::uint32_t lin = bLinear ? fb : fa, other = bLinear ? fa : fb;
    if (!isLinear(mDs.features[lin])) return NAN;
    core::Vec3 linOff = bLinear ? off : core::Vec3{}, otherOff = bLinear ? core::Vec3{} : off;
    // The other object's primitives and boxes once, then each capsule against the near ones.
    thread_local std::vector<std::pair<bool, std::uint32_t>> otherPrims;
    thread_local std::vector<core::Bounds3> otherBoxes;
    thread_local std::vector<std::pair<double, double>> spans;
    otherPrims.clear();
    otherBoxes.clear();
    core::Bounds3 all;
    forEachPrim(other, [&](bool capsule, std::uint32_t i) {
        otherPrims.push_back({capsule, i});
        otherBoxes.push_back(primBounds(capsule, i, otherOff));
        all.merge(otherBoxes.back());
    });
    geom::Extrusion scratch;
    double total = 0;
    const auto& s = mModel.shapes()[lin];
    for (std::uint32_t k = 0; k < s.capsuleCount; ++k) {
        auto c = moved(mModel.capsules()[s.firstCapsule + k], linOff);
        auto cb = c.bounds();
        if (boxGap(cb, all) > threshold) continue;
        spans.clear();
        for (std::size_t j = 0; j < otherPrims.size(); ++j) {
            if (boxGap(cb, otherBoxes[j]) > threshold) continue;
            auto [capsule, i] = otherPrims[j];
            double t0, t1;
            bool hit = capsule ? geom::intervalWithin(c, moved(mModel.capsules()[i], otherOff),
                                                      threshold, t0, t1)
                               : geom::intervalWithin(c, extrusionAt(i, otherOff, scratch),
                                                      threshold, t0, t1);
            if (hit) spans.push_back({t0, t1});
        }
        std::sort(spans.begin(), spans.end());
        double covered = 0, end = -1;
        for (auto [t0, t1] : spans) {
            if (t0 > end) {
                covered += t1 - t0;
                end = t1;
            } else if (t1 > end) {
                covered += t1 - end;
                end = t1;
            }
        }
        total += covered * core::distance(c.a, c.b);
    }
    return total;
}

bool PairEvaluator::nearEndpoint(std::uint32_t feature, core::Vec3 p, double tol) const {
    const auto& f = mDs.features[feature];
    if (!isLinear(f)) return false;
    const auto& s = mModel.shapes()[feature];
    if (!s.capsuleCount) return false;
    return core::distance(mModel.capsules()[s.firstCapsule].a, p) <= tol ||
           core::distance(mModel.capsules()[s.firstCapsule + s.capsuleCount - 1].b, p) <= tol;
}

double PairEvaluator::axisLength(std::uint32_t feature) const {
    double len = 0;
    const auto& s = mModel.shapes()[feature];
    for (std::uint32_t k = 0; k < s.capsuleCount; ++k) {
        const auto& c = mModel.capsules()[s.firstCapsule + k];
        len += core::distance(c.a, c.b);
    }
    return len;
}

Clash PairEvaluator::clashBetween(std::uint32_t fa, std::uint32_t fb, ClashKind kind) const {
    const auto& a = mDs.features[fa];
    const auto& b = mDs.features[fb];
    Clash k;
    k.id = stableClashId(a.id, b.id);
    k.kind = kind;
    k.featureA = fa;
    k.featureB = fb;
    k.aId = a.id;
    k.bId = b.id;
    k.aTheme = mDs.str(a.theme);
    k.bTheme = mDs.str(b.theme);
    k.aOwner = mDs.str(a.owner);
    k.bOwner = mDs.str(b.owner);
    k.aType = std::string(model::toCode(a.type));
    k.bType = std::string(model::toCode(b.type));
    return k;
}

double PairEvaluator::horizontalBand(std::uint32_t feature) const {
    const float h = mDs.features[feature].horizontalAccuracyM;
    return std::isfinite(h) && h > 0 ? h : 0.0;
}

core::Vec3 PairEvaluator::horizontalDirection(const PrimPair& p, const geom::Contact& c) const {
    // Across the separation in plan; where the contact is vertical (one above the other), across
    // A's axis, the horizontal direction that can bring them together.
    core::Vec2 d = (c.pointB - c.pointA).xy();
    if (p.aCapsule) {
        // Shifts along A's axis change nothing (closest points of parallel axes are not even
        // unique): across the axis only.
        const auto& a = mModel.capsules()[p.ai];
        const core::Vec2 axis = (a.b - a.a).xy();
        const double al = core::length(axis);
        if (al > 1e-9) {
            const core::Vec2 u = axis * (1.0 / al);
            const core::Vec2 across = d - u * core::dot(d, u);
            d = core::length(across) > 1e-9 ? across : core::Vec2{-u.y, u.x};
        }
    }
    const double len = core::length(d);
    return len < 1e-9 ? core::Vec3{1, 0, 0} : core::Vec3{d.x / len, d.y / len, 0};
}

void PairEvaluator::accumulate(PairAccumulator& acc, bool aCap, std::uint32_t ai, bool bCap,
                               std::uint32_t bi, const core::Bounds3& bBox, core::Vec3 off) const {
    const PairRule& rule = acc.rule;
    bool anyPhysical = rule.mode == Mode::Physical || rule.mode == Mode::Tree;
    double band = anyPhysical ? primBand(aCap, ai) + primBand(bCap, bi) : 0.0;
    // How far either object may lie from where it is drawn, in plan (its horizontal accuracy).
    const double plan = anyPhysical && !mOptions.selfCheck ? planBand(acc.fa, acc.fb) : 0.0;
    double maxReq = std::max(mLookup.required(rule, false), mLookup.required(rule, true));
    if (boxGap(primBounds(aCap, ai), bBox) - band - plan > maxReq) return;
    PrimPair p{aCap, bCap, ai, bi};
    bool crossing = false;
    geom::Contact c = pairDistance(p, off, crossing);
    double req = mLookup.required(rule, crossing);
    if (c.distance < 0 && c.distance < acc.hard.margin)
        acc.hard = {c.distance, c, req, crossing, true, 0, p};
    double margin = c.distance - req;
    if (margin < 0 && margin < acc.violation.margin)
        acc.violation = {margin, c, req, crossing, true, 0, p};
    if (margin >= 0 && anyPhysical && !mOptions.selfCheck && band + plan > 0 &&
        c.distance - band - plan < req) {
        // The closest the pair comes for a shift within both bands: exactly in depth; in plan
        // to first order (the distance falls by the shift times the horizontal part of the
        // direction between the closest points).
        double dz = 0;
        geom::Contact cb = pairWithinBand(p, off, band, dz);
        double best = cb.distance;
        if (plan > 0 && best - req >= 0) {
            const core::Vec3 d = cb.pointB - cb.pointA;
            const double len = core::length(d);
            best -= plan * (len > 1e-9 ? core::length(d.xy()) / len : 1.0);
        }
        double pm = best - req;
        if (pm < 0 && pm < acc.possible.margin) {
            acc.possible = {pm, c, req, crossing, true, band, p};
            acc.possibleDz = dz;
        }
    }
}

void PairEvaluator::assessCertainty(Clash& k, const PrimPair& p, core::Vec3 off, double required,
                                    std::uint32_t fa, std::uint32_t fb) const {
    // Depth: the objects' vertical bands; plan: their horizontal accuracies, across the
    // separation (docs/clash.md). The relative shift is normal with these sigmas, independent.
    const double ua = primBand(p.aCapsule, p.ai), ub = primBand(p.bCapsule, p.bi);
    const double band = ua + ub, sigma = std::sqrt(ua * ua + ub * ub);
    const double ha = horizontalBand(fa), hb = horizontalBand(fb);
    const double plan = planBand(fa, fb), sigmaPlan = std::sqrt(ha * ha + hb * hb);
    bool crossing = false;
    const geom::Contact c0 = pairDistance(p, off, crossing);
    const core::Vec3 e = horizontalDirection(p, c0);
    auto gap = [&](double du, double dz) {
        bool c = false;
        return pairDistance(p, off + e * du + core::Vec3{0, 0, dz}, c).distance - required;
    };
    const double g0 = c0.distance - required;
    if (!(sigma > 0) && !(sigmaPlan > 0)) {
        k.certainty = g0 < 0 ? Certainty::Certain : Certainty::Possible;
        k.probability = g0 < 0 ? 1.0 : 0.0;
        return;
    }
    // Certain: violated at every corner of the bands, hence (convexity) everywhere in them.
    bool certain = g0 < 0;
    for (double su : {-1.0, 1.0})
        for (double sz : {-1.0, 1.0}) certain = certain && gap(su * plan, sz * band) < 0;
    k.certainty = certain ? Certainty::Certain : g0 < 0 ? Certainty::Likely : Certainty::Possible;
    // The probability over the shifts (ShiftProbability.h).
    double hint = 0;
    if (!(sigmaPlan > 0))
        k.probability = violationProbability1d([&](double t) { return gap(0, t * sigma); }, hint);
    else if (!(sigma > 0))
        k.probability =
            violationProbability1d([&](double t) { return gap(t * sigmaPlan, 0); }, hint);
    else
        k.probability = violationProbability2d(gap, sigmaPlan, sigma);
}

std::string PairEvaluator::relationOf(std::uint32_t fa, std::uint32_t fb, const Best& best) const {
    if (!isLinear(mDs.features[fa]) || !isLinear(mDs.features[fb])) return "";
    return best.crossing ? "crossing" : "parallel";
}

namespace {

// The source's own attributes of an object, for the report: "key=value; ...".
std::string attributesText(const model::Dataset& ds, const Feature& f) {
    std::string out;
    for (const auto& a : ds.attributesOf(f))
        out += (out.empty() ? "" : "; ") + ds.str(a.key) + "=" + model::toString(a.value);
    return out;
}

}  // namespace

Clash PairEvaluator::makeClash(const PairAccumulator& acc, ClashKind kind, const Best& best,
                               double required) const {
    const auto& a = mDs.features[acc.fa];
    const auto& b = mDs.features[acc.fb];
    Clash k = clashBetween(acc.fa, acc.fb, kind);
    k.distanceM = best.contact.distance;
    k.requiredM = required;
    k.pointA = best.contact.pointA;
    k.pointB = best.contact.pointB;
    k.relation = kind == ClashKind::Constraint ? "" : relationOf(acc.fa, acc.fb, best);
    auto rule = mLookup.describe(a, b, acc.rule, k.relation);
    k.rule = std::move(rule.rule);
    k.ruleSource = std::move(rule.source);
    k.ruleVerified = rule.verified;
    std::string assumed;
    auto note = [&](const char* who, std::uint32_t f) {
        const auto& s = mModel.shapes()[f];
        if (s.assumedDepth) assumed += std::string(who) + ":depth ";
        if (s.assumedDiameter) assumed += std::string(who) + ":diameter ";
    };
    note("a", acc.fa);
    note("b", acc.fb);
    if (!assumed.empty()) assumed.pop_back();
    k.assumed = assumed;
    k.aAttributes = attributesText(mDs, a);
    k.bAttributes = attributesText(mDs, b);
    return k;
}

}  // namespace bz::clash::detail
