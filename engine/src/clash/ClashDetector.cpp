#include <bodemzicht/clash/ClashDetector.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>

#include <bodemzicht/geom/Distance.h>
#include <bodemzicht/spatial/UniformGrid.h>

namespace bz::clash {

// [SECTION] index
// [SECTION] rule selection per pair
// [SECTION] pair evaluation
// [SECTION] level rules (infiltration above GHG) and WKO spacing
// [SECTION] driver

using model::Feature;
using model::ObjectStatus;
using model::ObjectType;

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

struct PrimRef {
    std::uint32_t feature;
    std::uint32_t index;  // into capsules or extrusions
    bool capsule;
};

// How a pair of objects is judged.
enum class Mode { Skip, Physical, Protected, Contamination, Tree };

struct PairRule {
    Mode mode = Mode::Skip;
    const ClearanceRule* clearance = nullptr;
    double fixedRequired = 0;  // tree distance, uniform clearance
    std::string rule, source;
    bool verified = false;
};

geom::Capsule moved(const geom::Capsule& c, core::Vec3 o) { return {c.a + o, c.b + o, c.radius}; }
geom::Extrusion moved(const geom::Extrusion& e, core::Vec3 o) {
    geom::Extrusion m = e;
    m.center = m.center + o.xy();
    for (auto& p : m.polygon) p = p + o.xy();
    m.bottomZ += o.z;
    m.topZ += o.z;
    return m;
}

// Gap between two boxes (0 when they overlap): a lower bound of the distance between contents.
double boxGap(const core::Bounds3& a, const core::Bounds3& b) {
    double dx = std::max({0.0, a.lo.x - b.hi.x, b.lo.x - a.hi.x});
    double dy = std::max({0.0, a.lo.y - b.hi.y, b.lo.y - a.hi.y});
    double dz = std::max({0.0, a.lo.z - b.hi.z, b.lo.z - a.hi.z});
    return std::sqrt(dx * dx + dy * dy + dz * dz);
}

bool isLinear(const Feature& f) { return f.kind() == model::GeometryKind::Linear; }

}  // namespace

struct ClashDetector::Impl {
    const ClashModel& m;
    const RuleSet& rules;
    ClashOptions opt;
    const model::Dataset& ds;
    std::vector<PrimRef> prims;
    spatial::UniformGrid grid;
    std::vector<std::uint8_t> indexed;  // per feature: in the index
    std::vector<double> reachByTheme;   // per theme string id
    double maxBand = 0;
    double indexMs = 0;
    double cosParallel = std::cos(45.0 * M_PI / 180.0);

    Impl(const ClashModel& model, const RuleSet& r, ClashOptions o)
        : m(model), rules(r), opt(o), ds(model.dataset()) {
        auto t0 = Clock::now();
        if (rules.parallelAngleDeg.value > 0) cosParallel = std::cos(rules.parallelAngleDeg.value * M_PI / 180.0);
        indexed.assign(ds.features.size(), 0);
        std::vector<core::Bounds3> boxes;
        for (std::uint32_t fi = 0; fi < ds.features.size(); ++fi) {
            const auto& f = ds.features[fi];
            const auto& s = m.shapes()[fi];
            if (f.status == ObjectStatus::Proposed || !s.usable) continue;
            indexed[fi] = 1;
            for (std::uint32_t k = 0; k < s.capsuleCount; ++k) {
                std::uint32_t ci = s.firstCapsule + k;
                prims.push_back({fi, ci, true});
                boxes.push_back(m.capsules()[ci].bounds());
                maxBand = std::max(maxBand, static_cast<double>(m.capsuleBands()[ci]));
            }
            for (std::uint32_t k = 0; k < s.extrusionCount; ++k) {
                std::uint32_t ei = s.firstExtrusion + k;
                prims.push_back({fi, ei, false});
                boxes.push_back(m.extrusions()[ei].bounds());
                maxBand = std::max(maxBand, static_cast<double>(m.extrusionBands()[ei]));
            }
        }
        grid = spatial::UniformGrid(boxes, {0.0, opt.threads});
        reachByTheme.assign(ds.strings.size(), NAN);
        indexMs = msSince(t0);
    }

    // [SECTION] rule selection per pair
    bool isProtected(const Feature& f) const {
        if (f.type == ObjectType::ProtectedZone) return true;
        for (const auto& t : rules.protectedThemes)
            if (rules.matches(t, ds.str(f.theme))) return true;
        return false;
    }
    bool treeRuleApplies(const Feature& other) const {
        if (!rules.trees.distanceFromStem) return false;
        for (const auto& t : rules.trees.appliesTo)
            if (rules.matches(t, ds.str(other.theme))) return true;
        return false;
    }
    double stemRadius(const Feature& tree) const { return ds.bodies[tree.geometry].radiusM; }

    PairRule ruleFor(const Feature& a, const Feature& b) const {
        PairRule r;
        auto zoneLike = [](const Feature& f) {
            return f.type == ObjectType::ProtectedZone || f.type == ObjectType::ContaminationZone || f.type == ObjectType::Area;
        };
        if (opt.selfCheck) {
            if (zoneLike(a) || zoneLike(b) || isProtected(a) || isProtected(b)) return r;
            r.mode = Mode::Physical;
            r.rule = "self:overlap";
            r.source = "data quality: existing objects should not overlap";
            r.verified = true;
            return r;
        }
        if (opt.uniformClearanceM) {
            if (zoneLike(a) || zoneLike(b) || isProtected(a) || isProtected(b)) return r;
            r.mode = Mode::Physical;
            r.fixedRequired = *opt.uniformClearanceM;
            r.rule = "--clearance";
            r.source = "command line";
            r.verified = true;
            return r;
        }
        if (a.type == ObjectType::Area || b.type == ObjectType::Area) return r;
        if (isProtected(a)) {
            if (zoneLike(b) || isProtected(b)) return r;
            r.mode = Mode::Protected;
            r.rule = "zones.protected_themes";
            r.source = "protected zone of " + ds.str(a.owner) + ": contact the owner before working here";
            r.verified = true;
            return r;
        }
        if (isProtected(b) || zoneLike(b)) return r;
        if (a.type == ObjectType::ContaminationZone) {
            const auto* c = ds.contaminationOf(a);
            if (!c) return r;
            const RuleValue* iv = rules.interventionValue(c->medium.empty() ? "grond" : c->medium, c->substance);
            r.mode = Mode::Contamination;
            if (iv && !std::isnan(c->concentration)) {
                if (c->concentration <= iv->value) return PairRule{};
                r.rule = "intervention." + (c->medium.empty() ? std::string("grond") : c->medium) + "." + c->substance;
                r.source = iv->source;
                r.verified = iv->verified;
            } else {
                // Unknown substance or concentration: treated as a constraint, and said so.
                r.rule = "intervention.unknown";
                r.source = "no intervention value or concentration known for '" + c->substance + "': treated as above";
            }
            return r;
        }
        if (a.type == ObjectType::Tree && treeRuleApplies(b)) {
            r.mode = Mode::Tree;
            r.fixedRequired = std::max(0.0, rules.trees.distanceFromStem->value - stemRadius(a));
            r.rule = "trees.distance_from_stem_m";
            r.source = rules.trees.distanceFromStem->source;
            r.verified = rules.trees.distanceFromStem->verified;
            return r;
        }
        if (b.type == ObjectType::Tree && treeRuleApplies(a)) {
            r.mode = Mode::Tree;
            r.fixedRequired = std::max(0.0, rules.trees.distanceFromStem->value - stemRadius(b));
            r.rule = "trees.distance_from_stem_m";
            r.source = rules.trees.distanceFromStem->source;
            r.verified = rules.trees.distanceFromStem->verified;
            return r;
        }
        if (a.type == ObjectType::Well && b.type == ObjectType::Well) return r;  // WKO pass
        r.mode = Mode::Physical;
        r.clearance = rules.clearanceFor(ds.str(a.theme), ds.str(b.theme));
        if (r.clearance) {
            r.rule = r.clearance->id;
        } else {
            r.rule = "overlap";
            r.source = "no clearance rule for this pair: only overlaps count";
            r.verified = true;
        }
        return r;
    }

    double reachFor(const Feature& b) {
        double& cached = reachByTheme[b.theme];
        if (!std::isnan(cached)) return cached;
        double reach = 0;
        if (opt.uniformClearanceM) {
            reach = *opt.uniformClearanceM;
        } else {
            const std::string& theme = ds.str(b.theme);
            for (const auto& c : rules.clearances)
                if (rules.matches(c.a, theme) || rules.matches(c.b, theme))
                    reach = std::max({reach, c.parallel.value, c.crossing.value});
            if (rules.trees.distanceFromStem) reach = std::max(reach, rules.trees.distanceFromStem->value);
        }
        return cached = reach;
    }

    // [SECTION] pair evaluation
    struct PrimPair {
        bool aCapsule, bCapsule;
        std::uint32_t ai, bi;
    };

    // Signed distance of primitive pair with B moved by `off`; fills relation for capsule pairs.
    geom::Contact pairDistance(const PrimPair& p, core::Vec3 off, bool& crossing) const {
        crossing = false;
        if (p.aCapsule && p.bCapsule) {
            const auto& a = m.capsules()[p.ai];
            auto b = moved(m.capsules()[p.bi], off);
            core::Vec2 da = (a.b - a.a).xy(), db = (b.b - b.a).xy();
            double la = core::length(da), lb = core::length(db);
            crossing = la > 1e-9 && lb > 1e-9 ? std::abs(core::dot(da, db)) / (la * lb) < cosParallel : true;
            return geom::distance(a, b);
        }
        if (p.aCapsule) return geom::distance(m.capsules()[p.ai], moved(m.extrusions()[p.bi], off));
        if (p.bCapsule) {
            geom::Contact c = geom::distance(moved(m.capsules()[p.bi], off), m.extrusions()[p.ai]);
            std::swap(c.pointA, c.pointB);
            return c;
        }
        return geom::distance(m.extrusions()[p.ai], moved(m.extrusions()[p.bi], off));
    }

    geom::Contact pairWithinBand(const PrimPair& p, core::Vec3 off, double band, double& dz) const {
        if (p.aCapsule && p.bCapsule) return geom::distanceWithinBand(m.capsules()[p.ai], moved(m.capsules()[p.bi], off), band, dz);
        if (p.aCapsule) return geom::distanceWithinBand(m.capsules()[p.ai], moved(m.extrusions()[p.bi], off), band, dz);
        if (p.bCapsule) return geom::distanceWithinBand(m.extrusions()[p.ai], moved(m.capsules()[p.bi], off), band, dz);
        return geom::distanceWithinBand(m.extrusions()[p.ai], moved(m.extrusions()[p.bi], off), band, dz);
    }

    core::Bounds3 primBounds(bool capsule, std::uint32_t i, core::Vec3 off = {}) const {
        auto b = capsule ? m.capsules()[i].bounds() : m.extrusions()[i].bounds();
        return {b.lo + off, b.hi + off};
    }
    double primBand(bool capsule, std::uint32_t i) const {
        return capsule ? m.capsuleBands()[i] : m.extrusionBands()[i];
    }

    template <typename F>
    void forEachPrim(std::uint32_t feature, F&& f) const {
        const auto& s = m.shapes()[feature];
        for (std::uint32_t k = 0; k < s.capsuleCount; ++k) f(true, s.firstCapsule + k);
        for (std::uint32_t k = 0; k < s.extrusionCount; ++k) f(false, s.firstExtrusion + k);
    }

    // Length along the linear one of the two objects where the pair is closer than `threshold`.
    double violatedLength(std::uint32_t fa, std::uint32_t fb, core::Vec3 off, double threshold) const {
        bool bLinear = isLinear(ds.features[fb]);
        std::uint32_t lin = bLinear ? fb : fa, other = bLinear ? fa : fb;
        if (!isLinear(ds.features[lin])) return NAN;
        core::Vec3 linOff = bLinear ? off : core::Vec3{}, otherOff = bLinear ? core::Vec3{} : off;
        double total = 0;
        const auto& s = m.shapes()[lin];
        std::vector<std::pair<double, double>> spans;
        for (std::uint32_t k = 0; k < s.capsuleCount; ++k) {
            auto c = moved(m.capsules()[s.firstCapsule + k], linOff);
            auto cb = c.bounds();
            spans.clear();
            forEachPrim(other, [&](bool capsule, std::uint32_t i) {
                if (boxGap(cb, primBounds(capsule, i, otherOff)) > threshold) return;
                double t0, t1;
                bool hit = capsule ? geom::intervalWithin(c, moved(m.capsules()[i], otherOff), threshold, t0, t1)
                                   : geom::intervalWithin(c, moved(m.extrusions()[i], otherOff), threshold, t0, t1);
                if (hit) spans.push_back({t0, t1});
            });
            std::sort(spans.begin(), spans.end());
            double covered = 0, end = -1;
            for (auto [t0, t1] : spans) {
                if (t0 > end) { covered += t1 - t0; end = t1; }
                else if (t1 > end) { covered += t1 - end; end = t1; }
            }
            total += covered * core::distance(c.a, c.b);
        }
        return total;
    }

    bool nearEndpoint(std::uint32_t feature, core::Vec3 p, double tol) const {
        const auto& f = ds.features[feature];
        if (!isLinear(f)) return false;
        const auto& s = m.shapes()[feature];
        if (!s.capsuleCount) return false;
        return core::distance(m.capsules()[s.firstCapsule].a, p) <= tol ||
               core::distance(m.capsules()[s.firstCapsule + s.capsuleCount - 1].b, p) <= tol;
    }

    double axisLength(std::uint32_t feature) const {
        double len = 0;
        const auto& s = m.shapes()[feature];
        for (std::uint32_t k = 0; k < s.capsuleCount; ++k) {
            const auto& c = m.capsules()[s.firstCapsule + k];
            len += core::distance(c.a, c.b);
        }
        return len;
    }

    Clash makeClash(std::uint32_t fa, std::uint32_t fb, ClashKind kind, const geom::Contact& c, double required,
                    const PairRule& rule, const std::string& relation) const {
        const auto& a = ds.features[fa];
        const auto& b = ds.features[fb];
        Clash k;
        k.id = stableClashId(a.id, b.id);
        k.kind = kind;
        k.featureA = fa;
        k.featureB = fb;
        k.aId = a.id;
        k.bId = b.id;
        k.aTheme = ds.str(a.theme);
        k.bTheme = ds.str(b.theme);
        k.aOwner = ds.str(a.owner);
        k.bOwner = ds.str(b.owner);
        k.aType = std::string(model::toCode(a.type));
        k.bType = std::string(model::toCode(b.type));
        k.distanceM = c.distance;
        k.requiredM = required;
        k.pointA = c.pointA;
        k.pointB = c.pointB;
        k.relation = relation;
        k.rule = rule.rule;
        k.ruleSource = rule.source;
        k.ruleVerified = rule.verified;
        if (rule.clearance) {
            const RuleValue& v = relation == "crossing" ? rule.clearance->crossing : rule.clearance->parallel;
            k.rule += relation == "crossing" ? ".crossing_m" : ".parallel_m";
            k.ruleSource = v.source;
            k.ruleVerified = v.verified;
        }
        std::string assumed;
        auto note = [&](const char* who, std::uint32_t f) {
            const auto& s = m.shapes()[f];
            if (s.assumedDepth) assumed += std::string(who) + ":depth ";
            if (s.assumedDiameter) assumed += std::string(who) + ":diameter ";
        };
        note("a", fa);
        note("b", fb);
        if (!assumed.empty()) assumed.pop_back();
        k.assumed = assumed;
        return k;
    }

    std::optional<Clash> evaluatePair(std::uint32_t fa, std::uint32_t fb, core::Vec3 off) const {
        const auto& a = ds.features[fa];
        const auto& b = ds.features[fb];
        PairRule rule = ruleFor(a, b);
        if (rule.mode == Mode::Skip) return std::nullopt;
        const bool selfMode = opt.selfCheck;
        auto requiredOf = [&](bool crossing) {
            if (rule.mode == Mode::Protected || rule.mode == Mode::Contamination || selfMode) return 0.0;
            if (rule.clearance) return crossing ? rule.clearance->crossing.value : rule.clearance->parallel.value;
            return rule.fixedRequired;
        };
        double maxReq = std::max(requiredOf(false), requiredOf(true));
        bool anyPhysical = rule.mode == Mode::Physical || rule.mode == Mode::Tree;

        struct Best {
            double margin = INFINITY;
            geom::Contact contact;
            double required = 0;
            bool crossing = false;
            bool found = false;
            double band = 0;
        } hard, violation, possible;
        double possibleDz = 0;
        hard.margin = INFINITY;
        forEachPrim(fb, [&](bool bCap, std::uint32_t bi) {
            auto bBox = primBounds(bCap, bi, off);
            double bBand = anyPhysical ? primBand(bCap, bi) : 0.0;
            forEachPrim(fa, [&](bool aCap, std::uint32_t ai) {
                double aBand = anyPhysical ? primBand(aCap, ai) : 0.0;
                double band = aBand + bBand;
                if (boxGap(primBounds(aCap, ai), bBox) - band > maxReq) return;
                PrimPair p{aCap, bCap, ai, bi};
                bool crossing = false;
                geom::Contact c = pairDistance(p, off, crossing);
                double req = requiredOf(crossing);
                if (c.distance < 0 && c.distance < hard.margin) hard = {c.distance, c, req, crossing, true};
                double margin = c.distance - req;
                if (margin < 0 && margin < violation.margin) violation = {margin, c, req, crossing, true};
                if (margin >= 0 && anyPhysical && !selfMode && band > 0 && c.distance - band < req) {
                    double dz = 0;
                    geom::Contact cb = pairWithinBand(p, off, band, dz);
                    double pm = cb.distance - req;
                    if (pm < 0 && pm < possible.margin) {
                        possible = {pm, c, req, crossing, true, band};
                        possibleDz = dz;
                    }
                }
            });
        });
        auto relationOf = [&](const Best& best) -> std::string {
            if (!isLinear(a) || !isLinear(b)) return "";
            return best.crossing ? "crossing" : "parallel";
        };
        if (selfMode) {
            // Same-network pieces meeting at a junction are not overlaps; near-coincident lines of
            // the same theme are duplicates.
            if (!hard.found) return std::nullopt;
            bool sameTheme = a.theme == b.theme;
            if (sameTheme && isLinear(a) && isLinear(b)) {
                double tol = rules.duplicateTolerance.value;
                double la = axisLength(fa), lb = axisLength(fb);
                double within = violatedLength(fa, fb, off, tol);
                double shorter = std::min(la, lb);
                if (shorter > 0 && within >= 0.8 * (lb <= la ? lb : shorter)) {
                    Clash k = makeClash(fa, fb, ClashKind::Duplicate, hard.contact, tol, rule, relationOf(hard));
                    k.rule = "defaults.duplicate_tolerance_m";
                    k.ruleSource = rules.duplicateTolerance.source;
                    k.ruleVerified = rules.duplicateTolerance.verified;
                    k.violatedLengthM = within;
                    return k;
                }
                double tolEnd = m.capsules()[m.shapes()[fa].firstCapsule].radius + m.capsules()[m.shapes()[fb].firstCapsule].radius + 0.01;
                if (nearEndpoint(fa, hard.contact.pointA, tolEnd) || nearEndpoint(fb, hard.contact.pointB, tolEnd))
                    return std::nullopt;
            }
            Clash k = makeClash(fa, fb, ClashKind::Hard, hard.contact, 0, rule, relationOf(hard));
            k.violatedLengthM = violatedLength(fa, fb, off, 0);
            return k;
        }
        if (rule.mode == Mode::Protected || rule.mode == Mode::Contamination) {
            if (!hard.found) return std::nullopt;
            Clash k = makeClash(fa, fb, ClashKind::Constraint, hard.contact, 0, rule, "");
            k.violatedLengthM = violatedLength(fa, fb, off, 0);
            return k;
        }
        const Best* chosen = nullptr;
        ClashKind kind = ClashKind::Hard;
        double threshold = 0;
        if (hard.found) {
            chosen = &hard;
            kind = ClashKind::Hard;
            threshold = 0;
        } else if (violation.found) {
            chosen = &violation;
            kind = ClashKind::Clearance;
            threshold = violation.required;
        } else if (possible.found) {
            chosen = &possible;
            kind = ClashKind::Possible;
        } else {
            return std::nullopt;
        }
        Clash k = makeClash(fa, fb, kind, chosen->contact, chosen->required, rule, relationOf(*chosen));
        if (kind == ClashKind::Possible) {
            k.worstShiftM = possibleDz;
            // Where a vertical shift within the band could bring the pair closer than required.
            k.violatedLengthM = violatedLength(fa, fb, off, chosen->required + chosen->band);
        } else {
            k.violatedLengthM = violatedLength(fa, fb, off, threshold);
        }
        return k;
    }

    // All clashes of feature `fb` (moved by `off`) against the index.
    void checkOne(std::uint32_t fb, core::Vec3 off, std::vector<std::uint32_t>& primStamp, std::uint32_t& primEpoch,
                  std::vector<std::uint32_t>& featureStamp, std::uint32_t& featureEpoch,
                  std::vector<std::uint32_t>& candidates, std::vector<Clash>& out) {
        const auto& b = ds.features[fb];
        if (!m.shapes()[fb].usable) return;
        double reach = reachFor(b) + maxBand + 0.01;
        if (++featureEpoch == 0) {
            std::fill(featureStamp.begin(), featureStamp.end(), 0);
            featureEpoch = 1;
        }
        candidates.clear();
        forEachPrim(fb, [&](bool cap, std::uint32_t i) {
            auto q = primBounds(cap, i, off).inflated(reach + primBand(cap, i));
            grid.query(q, primStamp, primEpoch, [&](std::uint32_t p) {
                std::uint32_t fa = prims[p].feature;
                if (fa == fb || featureStamp[fa] == featureEpoch) return;
                if (opt.selfCheck && fa > fb) return;  // each existing pair once
                featureStamp[fa] = featureEpoch;
                candidates.push_back(fa);
            });
        });
        std::sort(candidates.begin(), candidates.end());
        for (std::uint32_t fa : candidates)
            if (auto c = evaluatePair(fa, fb, off)) out.push_back(std::move(*c));
    }

    // [SECTION] level rules (infiltration above GHG) and WKO spacing
    void infiltrationRule(std::vector<Clash>& out, std::vector<std::string>& notes) const {
        if (opt.uniformClearanceM || opt.selfCheck || !rules.infiltration.minBottomAboveGhg) return;
        bool any = false;
        for (std::uint32_t fb = 0; fb < ds.features.size(); ++fb) {
            const auto& f = ds.features[fb];
            if (f.status != ObjectStatus::Proposed || f.kind() != model::GeometryKind::Prism) continue;
            bool applies = f.type == ObjectType::Wadi || f.type == ObjectType::InfiltrationCrate;
            for (const auto& t : rules.infiltration.appliesTo) applies = applies || rules.matches(t, ds.str(f.theme));
            if (!applies) continue;
            any = true;
            if (!opt.ghg || !opt.ghg->available()) continue;
            const auto& p = ds.prisms[f.geometry];
            double ghg = -INFINITY;
            core::Vec2 where{};
            const auto& ring = ds.rings[p.firstRing];
            core::Vec2 sum{};
            for (std::uint32_t i = 0; i <= ring.pointCount; ++i) {
                core::Vec2 q = i < ring.pointCount ? ds.footprintPoints[ring.firstPoint + i] : sum * (1.0 / ring.pointCount);
                if (i < ring.pointCount) sum = sum + q;
                double g = opt.ghg->at(q.x, q.y);
                if (!std::isnan(g) && g > ghg) {
                    ghg = g;
                    where = q;
                }
            }
            if (!std::isfinite(ghg)) {
                notes.push_back("infiltration rule not checked for '" + f.id + "': no GHG value at its footprint");
                continue;
            }
            double min = rules.infiltration.minBottomAboveGhg->value;
            double gap = p.bottomZ - ghg;
            if (gap >= min) continue;
            Clash k;
            k.id = stableClashId("GHG", f.id);
            k.kind = ClashKind::Constraint;
            k.featureA = fb;  // no existing object: the groundwater level itself
            k.featureB = fb;
            k.aId = "GHG";
            k.bId = f.id;
            k.aTheme = "grondwater";
            k.bTheme = ds.str(f.theme);
            k.aOwner = "waterschap / gemeente (grondwaterzorgplicht)";
            k.bOwner = ds.str(f.owner);
            k.aType = "ghg_level";
            k.bType = std::string(model::toCode(f.type));
            k.distanceM = gap;
            k.requiredM = min;
            k.pointA = {where.x, where.y, ghg};
            k.pointB = {where.x, where.y, p.bottomZ};
            k.rule = "infiltration.min_bottom_above_ghg_m";
            k.ruleSource = rules.infiltration.minBottomAboveGhg->source;
            k.ruleVerified = rules.infiltration.minBottomAboveGhg->verified;
            k.violatedLengthM = NAN;
            out.push_back(std::move(k));
        }
        if (any && (!opt.ghg || !opt.ghg->available()))
            notes.push_back("infiltration rule not checked: the project has no GHG raster (field 'ghg')");
    }

    void wkoRule(std::vector<Clash>& out, std::vector<std::string>& notes) const {
        if (opt.uniformClearanceM || opt.selfCheck || !rules.wko.sameTemperatureFactor ||
            !rules.wko.oppositeTemperatureFactor)
            return;
        std::vector<std::uint32_t> wells;
        for (std::uint32_t i = 0; i < ds.features.size(); ++i)
            if (ds.features[i].type == ObjectType::Well) wells.push_back(i);
        for (std::uint32_t fb : wells) {
            const auto& b = ds.features[fb];
            if (b.status != ObjectStatus::Proposed) continue;
            const auto* wb = ds.wellOf(b);
            if (!wb) {
                notes.push_back("WKO spacing not checked for '" + b.id + "': no screen, volume or temperature");
                continue;
            }
            double rthB = rules.thermalRadius(wb->storedVolumeM3, wb->screenTopZ - wb->screenBottomZ);
            for (std::uint32_t fa : wells) {
                const auto& a = ds.features[fa];
                if (a.status == ObjectStatus::Proposed) continue;
                const auto* wa = ds.wellOf(a);
                if (!wa) continue;
                // Screens in different aquifer depths do not interfere.
                if (wa->screenBottomZ > wb->screenTopZ || wb->screenBottomZ > wa->screenTopZ) continue;
                double rthA = rules.thermalRadius(wa->storedVolumeM3, wa->screenTopZ - wa->screenBottomZ);
                double rth = std::max(std::isnan(rthA) ? 0.0 : rthA, std::isnan(rthB) ? 0.0 : rthB);
                if (rth <= 0) {
                    notes.push_back("WKO spacing not checked for '" + a.id + "'/'" + b.id + "': no stored volume");
                    continue;
                }
                bool same = !wa->temperature.empty() && wa->temperature == wb->temperature;
                const RuleValue& factor = same ? *rules.wko.sameTemperatureFactor : *rules.wko.oppositeTemperatureFactor;
                const auto& ba = ds.bodies[a.geometry];
                const auto& bb = ds.bodies[b.geometry];
                double ra = ba.isCylinder() ? ba.radiusM : 0.0, rbb = bb.isCylinder() ? bb.radiusM : 0.0;
                double centre = core::distance(ba.center, bb.center);
                double requiredCentre = factor.value * rth;
                if (centre >= requiredCentre) continue;
                Clash k;
                k.id = stableClashId(a.id, b.id);
                k.kind = ClashKind::Clearance;
                k.featureA = fa;
                k.featureB = fb;
                k.aId = a.id;
                k.bId = b.id;
                k.aTheme = ds.str(a.theme);
                k.bTheme = ds.str(b.theme);
                k.aOwner = ds.str(a.owner);
                k.bOwner = ds.str(b.owner);
                k.aType = "well";
                k.bType = "well";
                k.distanceM = centre - ra - rbb;
                k.requiredM = requiredCentre - ra - rbb;
                double zMid = 0.5 * (std::max(wa->screenBottomZ, wb->screenBottomZ) + std::min(wa->screenTopZ, wb->screenTopZ));
                k.pointA = {ba.center.x, ba.center.y, zMid};
                k.pointB = {bb.center.x, bb.center.y, zMid};
                k.rule = same ? "wko.same_temperature_factor" : "wko.opposite_temperature_factor";
                char buf[200];
                std::snprintf(buf, sizeof buf, "; thermal radius %.1f m (R = sqrt(C_w V / (C_aq pi H))), required %.1f x R between wells",
                              rth, factor.value);
                k.ruleSource = factor.source + buf;
                k.ruleVerified = factor.verified;
                k.violatedLengthM = NAN;
                out.push_back(std::move(k));
            }
        }
    }
};

ClashDetector::ClashDetector(const ClashModel& model, const RuleSet& rules, ClashOptions options)
    : d(std::make_unique<Impl>(model, rules, options)) {}
ClashDetector::~ClashDetector() = default;
double ClashDetector::indexBuildMs() const { return d->indexMs; }

// [SECTION] driver
ClashReport ClashDetector::findClashes() const {
    ClashReport report;
    auto t0 = Clock::now();
    const auto& ds = d->ds;
    std::vector<std::uint32_t> todo;
    for (std::uint32_t i = 0; i < ds.features.size(); ++i) {
        bool proposed = ds.features[i].status == ObjectStatus::Proposed;
        if (d->opt.selfCheck ? !proposed && d->indexed[i] : proposed) todo.push_back(i);
    }
    for (std::uint32_t i = 0; i < ds.features.size(); ++i)
        if (d->indexed[i]) ++report.existingIndexed;
    report.segmentsIndexed = d->grid.primitiveCount();
    report.proposedChecked = todo.size();
    // Per-theme reach is cached lazily; fill it before the threads share it.
    for (auto fb : todo) d->reachFor(ds.features[fb]);
    unsigned threads = d->opt.threads ? d->opt.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(todo.size() / 64 + 1)));
    std::vector<std::vector<Clash>> perThread(threads);
    auto work = [&](unsigned t) {
        std::vector<std::uint32_t> primStamp(d->prims.size(), 0), featureStamp(ds.features.size(), 0), candidates;
        std::uint32_t primEpoch = 0, featureEpoch = 0;
        for (std::size_t k = t; k < todo.size(); k += threads)
            d->checkOne(todo[k], {}, primStamp, primEpoch, featureStamp, featureEpoch, candidates, perThread[t]);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool) th.join();
    for (auto& v : perThread)
        for (auto& c : v) report.clashes.push_back(std::move(c));
    d->infiltrationRule(report.clashes, report.notes);
    d->wkoRule(report.clashes, report.notes);
    std::sort(report.clashes.begin(), report.clashes.end(), [](const Clash& a, const Clash& b) { return a.id < b.id; });
    groupClashes(report.clashes, d->opt.groupRadiusM);
    report.timings.indexMs = d->indexMs;
    report.timings.queryMs = msSince(t0);
    for (const auto& n : d->m.notes()) report.notes.push_back(n);
    return report;
}

std::vector<Clash> ClashDetector::checkFeature(std::uint32_t feature, core::Vec3 offset) const {
    std::vector<std::uint32_t> primStamp(d->prims.size(), 0), featureStamp(d->ds.features.size(), 0), candidates;
    std::uint32_t primEpoch = 0, featureEpoch = 0;
    std::vector<Clash> out;
    d->checkOne(feature, offset, primStamp, primEpoch, featureStamp, featureEpoch, candidates, out);
    return out;
}

}  // namespace bz::clash
