#include <bodemzicht/clash/ClashDetector.h>

#include <bodemzicht/core/Limits.h>
#include <bodemzicht/core/ThreadPool.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
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
double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

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

// Gap between two boxes (0 when they overlap): a lower bound of the distance between contents.
double boxGap(const core::Bounds3& a, const core::Bounds3& b) {
    double dx = std::max({0.0, a.lo.x - b.hi.x, b.lo.x - a.hi.x});
    double dy = std::max({0.0, a.lo.y - b.hi.y, b.lo.y - a.hi.y});
    double dz = std::max({0.0, a.lo.z - b.hi.z, b.lo.z - a.hi.z});
    return std::sqrt(dx * dx + dy * dy + dz * dz);
}

bool isLinear(const Feature& f) {
    return f.kind() == model::GeometryKind::Linear;
}

}  // namespace

struct ClashDetector::Impl {
    const ClashModel& m;
    const RuleSet& rules;
    ClashOptions opt;
    const model::Dataset& ds;
    // Built on first use (ensureExistingGrid): --self and single-feature re-checks need them.
    mutable std::vector<PrimRef> prims, treePrims;
    mutable spatial::UniformGrid grid, treeGrid;
    std::vector<double> reachMain, reachTrees;  // per dense theme index
    double reachForTrees = 0;                   // a proposed tree's reach into the main grid
    std::vector<std::uint8_t> indexed;          // per feature: in the index
    // Rules resolved once per theme (string matching per pair would dominate the run time).
    std::vector<std::int32_t> themeSlot;  // string id -> dense theme index, -1 unused
    std::size_t themeCount = 0;
    std::vector<const ClearanceRule*> pairRules;  // themeCount x themeCount
    std::vector<std::uint8_t> protectedTheme, treeTheme;
    double maxBand = 0;
    double indexMs = 0;
    mutable std::mutex recheckMutex, gridMutex;
    mutable bool gridBuilt = false;
    mutable double existingIndexMs = 0;
    struct Scratch;
    mutable std::unique_ptr<Scratch> recheckScratch;
    double cosParallel = std::cos(45.0 * M_PI / 180.0);

    Impl(const ClashModel& model, const RuleSet& r, ClashOptions o)
        : m(model), rules(r), opt(o), ds(model.dataset()) {
        auto t0 = Clock::now();
        if (rules.parallelAngleDeg.value > 0)
            cosParallel = std::cos(rules.parallelAngleDeg.value * M_PI / 180.0);
        indexed.assign(ds.features.size(), 0);
        for (std::uint32_t fi = 0; fi < ds.features.size(); ++fi) {
            const auto& f = ds.features[fi];
            const auto& s = m.shapes()[fi];
            // What is in the ground, and the owners' plans when asked for; never what was removed.
            const bool planned = f.status == ObjectStatus::PlannedByOwner && opt.includePlanned;
            if (!s.usable || !(model::inTheGround(f.status) || planned)) continue;
            indexed[fi] = 1;
            for (std::uint32_t k = 0; k < s.capsuleCount; ++k)
                maxBand =
                    std::max(maxBand, static_cast<double>(m.capsuleBands()[s.firstCapsule + k]));
            for (std::uint32_t k = 0; k < s.extrusionCount; ++k)
                maxBand = std::max(maxBand,
                                   static_cast<double>(m.extrusionBands()[s.firstExtrusion + k]));
        }
        themeSlot.assign(ds.strings.size(), -1);
        std::vector<std::string> themes;
        for (const auto& f : ds.features)
            if (themeSlot[f.theme] < 0) {
                themeSlot[f.theme] = static_cast<std::int32_t>(themes.size());
                themes.push_back(ds.str(f.theme));
            }
        themeCount = themes.size();
        pairRules.resize(themeCount * themeCount);
        protectedTheme.resize(themeCount);
        treeTheme.resize(themeCount);
        for (std::size_t i = 0; i < themeCount; ++i) {
            for (std::size_t j = 0; j < themeCount; ++j)
                pairRules[i * themeCount + j] = rules.clearanceFor(themes[i], themes[j]);
            for (const auto& t : rules.protectedThemes)
                protectedTheme[i] |= rules.matches(t, themes[i]);
            for (const auto& t : rules.trees.appliesTo) treeTheme[i] |= rules.matches(t, themes[i]);
        }
        // How far each theme's queries must reach: the largest clearance it has with any theme
        // that is actually indexed, separately for the tree grid.
        std::vector<std::uint8_t> inMain(themeCount), inTrees(themeCount);
        for (std::uint32_t fi = 0; fi < ds.features.size(); ++fi)
            if (indexed[fi])
                (ds.features[fi].type == ObjectType::Tree
                     ? inTrees
                     : inMain)[themeSlot[ds.features[fi].theme]] = 1;
        reachMain.assign(themeCount, 0);
        reachTrees.assign(themeCount, 0);
        double treeDistance =
            rules.trees.distanceFromStem ? rules.trees.distanceFromStem->value : 0.0;
        for (std::size_t b = 0; b < themeCount; ++b) {
            for (std::size_t a = 0; a < themeCount; ++a) {
                const ClearanceRule* r = pairRules[a * themeCount + b];
                double req = opt.uniformClearanceM ? *opt.uniformClearanceM
                             : r                   ? std::max(r->parallel.value, r->crossing.value)
                                                   : 0.0;
                if (inMain[a]) reachMain[b] = std::max(reachMain[b], req);
                if (inTrees[a]) reachTrees[b] = std::max(reachTrees[b], req);
            }
            if (!opt.uniformClearanceM && treeTheme[b])
                reachTrees[b] = std::max(reachTrees[b], treeDistance);
            // A proposed tree reaches existing networks by the tree distance.
            if (!opt.uniformClearanceM) reachForTrees = std::max(reachForTrees, treeDistance);
        }
        indexMs = msSince(t0);
    }

    // The grid over the existing objects, for --self and for re-checking single features.
    void ensureExistingGrid() const {
        std::lock_guard lock(gridMutex);
        if (gridBuilt) return;
        auto t0 = Clock::now();
        // Trees get their own grid: the tree rule reaches 2.5 m, which would otherwise widen
        // every query of every network.
        std::vector<core::Bounds3> boxes, treeBoxes;
        boxes.reserve(m.capsules().size() + m.extrusions().size());
        prims.reserve(boxes.capacity());
        for (std::uint32_t fi = 0; fi < ds.features.size(); ++fi) {
            const auto& f = ds.features[fi];
            const auto& s = m.shapes()[fi];
            if (!indexed[fi]) continue;
            bool tree = f.type == ObjectType::Tree;
            auto& refs = tree ? treePrims : prims;
            auto& bx = tree ? treeBoxes : boxes;
            for (std::uint32_t k = 0; k < s.capsuleCount; ++k) {
                std::uint32_t ci = s.firstCapsule + k;
                refs.push_back({fi, ci, true});
                bx.push_back(m.capsules()[ci].bounds());
            }
            for (std::uint32_t k = 0; k < s.extrusionCount; ++k) {
                std::uint32_t ei = s.firstExtrusion + k;
                refs.push_back({fi, ei, false});
                bx.push_back(m.extrusions()[ei].bounds());
            }
        }
        grid = spatial::UniformGrid(boxes, {0.0, opt.threads});
        treeGrid = spatial::UniformGrid(treeBoxes, {0.0, opt.threads});
        // The re-check scratch space is sized now, so the first drag does not pay for it.
        recheckScratch = std::make_unique<Scratch>();
        recheckScratch->primStamp.assign(prims.size(), 0);
        recheckScratch->treeStamp.assign(treePrims.size(), 0);
        recheckScratch->featureStamp.assign(ds.features.size(), 0);
        recheckScratch->featureSlot.assign(ds.features.size(), 0);
        existingIndexMs = msSince(t0);
        gridBuilt = true;
    }

    // [SECTION] rule selection per pair
    bool isProtected(const Feature& f) const {
        return f.type == ObjectType::ProtectedZone || protectedTheme[themeSlot[f.theme]];
    }
    bool treeRuleApplies(const Feature& other) const {
        return rules.trees.distanceFromStem && treeTheme[themeSlot[other.theme]];
    }
    double stemRadius(const Feature& tree) const { return ds.bodies[tree.geometry].radiusM; }

    // `describe`: also fill the rule's name and source (only needed once a clash is found).
    PairRule ruleFor(const Feature& a, const Feature& b, bool describe) const {
        PairRule r;
        auto zoneLike = [](const Feature& f) {
            return f.type == ObjectType::ProtectedZone || f.type == ObjectType::ContaminationZone ||
                   f.type == ObjectType::Area;
        };
        if (opt.selfCheck) {
            if (zoneLike(a) || zoneLike(b) || isProtected(a) || isProtected(b)) return r;
            r.mode = Mode::Physical;
            if (describe) r.rule = "self:overlap";
            if (describe) r.source = "data quality: existing objects should not overlap";
            if (describe) r.verified = true;
            return r;
        }
        if (opt.uniformClearanceM) {
            if (zoneLike(a) || zoneLike(b) || isProtected(a) || isProtected(b)) return r;
            r.mode = Mode::Physical;
            r.fixedRequired = *opt.uniformClearanceM;
            if (describe) r.rule = "--clearance";
            if (describe) r.source = "command line";
            if (describe) r.verified = true;
            return r;
        }
        if (a.type == ObjectType::Area || b.type == ObjectType::Area) return r;
        if (isProtected(a)) {
            if (zoneLike(b) || isProtected(b)) return r;
            r.mode = Mode::Protected;
            if (describe) r.rule = "zones.protected_themes";
            if (describe)
                r.source = "protected zone of " + ds.str(a.owner) +
                           ": contact the owner before working here";
            if (describe) r.verified = true;
            return r;
        }
        if (isProtected(b) || zoneLike(b)) return r;
        if (a.type == ObjectType::ContaminationZone) {
            const auto* c = ds.contaminationOf(a);
            if (!c) return r;
            const RuleValue* iv =
                rules.interventionValue(c->medium.empty() ? "grond" : c->medium, c->substance);
            r.mode = Mode::Contamination;
            if (iv && !std::isnan(c->concentration)) {
                if (c->concentration <= iv->value) return PairRule{};
                if (describe)
                    r.rule = "intervention." +
                             (c->medium.empty() ? std::string("grond") : c->medium) + "." +
                             c->substance;
                if (describe) r.source = iv->source;
                if (describe) r.verified = iv->verified;
            } else {
                // Unknown substance or concentration: treated as a constraint, and said so.
                if (describe) r.rule = "intervention.unknown";
                if (describe)
                    r.source = "no intervention value or concentration known for '" + c->substance +
                               "': treated as above";
            }
            return r;
        }
        // An existing tree against a network or measure, or a proposed tree against a network.
        const Feature* tree = a.type == ObjectType::Tree && treeRuleApplies(b)   ? &a
                              : b.type == ObjectType::Tree && treeRuleApplies(a) ? &b
                                                                                 : nullptr;
        if (tree) {
            r.mode = Mode::Tree;
            r.fixedRequired =
                std::max(0.0, rules.trees.distanceFromStem->value - stemRadius(*tree));
            if (describe) r.rule = "trees.distance_from_stem_m";
            if (describe) r.source = rules.trees.distanceFromStem->source;
            if (describe) r.verified = rules.trees.distanceFromStem->verified;
            return r;
        }
        if (a.type == ObjectType::Well && b.type == ObjectType::Well) return r;  // WKO pass
        r.mode = Mode::Physical;
        r.clearance = pairRules[themeSlot[a.theme] * themeCount + themeSlot[b.theme]];
        if (r.clearance) {
            if (describe) r.rule = r.clearance->id;
        } else {
            if (describe) r.rule = "overlap";
            if (describe) r.source = "no clearance rule for this pair: only overlaps count";
            if (describe) r.verified = true;
        }
        return r;
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
            crossing = la > 1e-9 && lb > 1e-9
                           ? std::abs(core::dot(da, db)) / (la * lb) < cosParallel
                           : true;
            return geom::distance(a, b);
        }
        geom::Extrusion scratch;
        if (p.aCapsule) return geom::distance(m.capsules()[p.ai], extrusionAt(p.bi, off, scratch));
        if (p.bCapsule) {
            geom::Contact c = geom::distance(moved(m.capsules()[p.bi], off), m.extrusions()[p.ai]);
            std::swap(c.pointA, c.pointB);
            return c;
        }
        return geom::distance(m.extrusions()[p.ai], extrusionAt(p.bi, off, scratch));
    }

    geom::Contact pairWithinBand(const PrimPair& p, core::Vec3 off, double band, double& dz) const {
        if (p.aCapsule && p.bCapsule)
            return geom::distanceWithinBand(m.capsules()[p.ai], moved(m.capsules()[p.bi], off),
                                            band, dz);
        if (p.aCapsule)
            return geom::distanceWithinBand(m.capsules()[p.ai], moved(m.extrusions()[p.bi], off),
                                            band, dz);
        if (p.bCapsule)
            return geom::distanceWithinBand(m.extrusions()[p.ai], moved(m.capsules()[p.bi], off),
                                            band, dz);
        return geom::distanceWithinBand(m.extrusions()[p.ai], moved(m.extrusions()[p.bi], off),
                                        band, dz);
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
    // An extrusion moved by `off`, without copying its polygon when there is no offset.
    const geom::Extrusion& extrusionAt(std::uint32_t i, core::Vec3 off,
                                       geom::Extrusion& scratch) const {
        if (off == core::Vec3{}) return m.extrusions()[i];
        scratch = moved(m.extrusions()[i], off);
        return scratch;
    }

    double violatedLength(std::uint32_t fa, std::uint32_t fb, core::Vec3 off,
                          double threshold) const {
        bool bLinear = isLinear(ds.features[fb]);
        std::uint32_t lin = bLinear ? fb : fa, other = bLinear ? fa : fb;
        if (!isLinear(ds.features[lin])) return NAN;
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
        const auto& s = m.shapes()[lin];
        for (std::uint32_t k = 0; k < s.capsuleCount; ++k) {
            auto c = moved(m.capsules()[s.firstCapsule + k], linOff);
            auto cb = c.bounds();
            if (boxGap(cb, all) > threshold) continue;
            spans.clear();
            for (std::size_t j = 0; j < otherPrims.size(); ++j) {
                if (boxGap(cb, otherBoxes[j]) > threshold) continue;
                auto [capsule, i] = otherPrims[j];
                double t0, t1;
                bool hit = capsule ? geom::intervalWithin(c, moved(m.capsules()[i], otherOff),
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

    // The identity of a clash: its stable id and both objects' ids, themes, owners and types.
    Clash clashBetween(std::uint32_t fa, std::uint32_t fb, ClashKind kind) const {
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
        return k;
    }

    Clash makeClash(std::uint32_t fa, std::uint32_t fb, ClashKind kind, const geom::Contact& c,
                    double required, const PairRule&, const std::string& relation) const {
        const auto& a = ds.features[fa];
        const auto& b = ds.features[fb];
        PairRule rule = ruleFor(a, b, true);
        Clash k = clashBetween(fa, fb, kind);
        k.distanceM = c.distance;
        k.requiredM = required;
        k.pointA = c.pointA;
        k.pointB = c.pointB;
        k.relation = relation;
        k.rule = rule.rule;
        k.ruleSource = rule.source;
        k.ruleVerified = rule.verified;
        if (rule.clearance) {
            const RuleValue& v =
                relation == "crossing" ? rule.clearance->crossing : rule.clearance->parallel;
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

    struct Best {
        double margin = INFINITY;
        geom::Contact contact;
        double required = 0;
        bool crossing = false;
        bool found = false;
        double band = 0;
        PrimPair prims{true, true, 0, 0};  // the primitive pair it was found on
    };
    // What is known so far about one candidate pair (A existing, B being checked).
    struct PairAccumulator {
        std::uint32_t fa = 0, fb = 0;
        PairRule rule;
        Best hard, violation, possible;
        double possibleDz = 0;
    };

    double requiredOf(const PairRule& rule, bool crossing) const {
        if (rule.mode == Mode::Protected || rule.mode == Mode::Contamination || opt.selfCheck)
            return 0.0;
        if (rule.clearance)
            return crossing ? rule.clearance->crossing.value : rule.clearance->parallel.value;
        return rule.fixedRequired;
    }

    // Adds one primitive pair (found by the grid) to the pair's accumulator.
    void accumulate(PairAccumulator& acc, bool aCap, std::uint32_t ai, bool bCap, std::uint32_t bi,
                    const core::Bounds3& bBox, core::Vec3 off) const {
        const PairRule& rule = acc.rule;
        bool anyPhysical = rule.mode == Mode::Physical || rule.mode == Mode::Tree;
        double band = anyPhysical ? primBand(aCap, ai) + primBand(bCap, bi) : 0.0;
        double maxReq = std::max(requiredOf(rule, false), requiredOf(rule, true));
        if (boxGap(primBounds(aCap, ai), bBox) - band > maxReq) return;
        PrimPair p{aCap, bCap, ai, bi};
        bool crossing = false;
        geom::Contact c = pairDistance(p, off, crossing);
        double req = requiredOf(rule, crossing);
        if (c.distance < 0 && c.distance < acc.hard.margin)
            acc.hard = {c.distance, c, req, crossing, true, 0, p};
        double margin = c.distance - req;
        if (margin < 0 && margin < acc.violation.margin)
            acc.violation = {margin, c, req, crossing, true, 0, p};
        if (margin >= 0 && anyPhysical && !opt.selfCheck && band > 0 && c.distance - band < req) {
            double dz = 0;
            geom::Contact cb = pairWithinBand(p, off, band, dz);
            double pm = cb.distance - req;
            if (pm < 0 && pm < acc.possible.margin) {
                acc.possible = {pm, c, req, crossing, true, band, p};
                acc.possibleDz = dz;
            }
        }
    }

    // Certainty and probability of a clash on its worst primitive pair (docs/clash.md). The
    // distance between two convex primitives is convex in a vertical shift of one of them, so the
    // shifts that violate `required` form one interval, found by bisection; the relative shift is
    // normal with sigma = sqrt(bandA^2 + bandB^2).
    void assessCertainty(Clash& k, const PrimPair& p, core::Vec3 off, double required) const {
        const double ua = primBand(p.aCapsule, p.ai), ub = primBand(p.bCapsule, p.bi);
        const double band = ua + ub, sigma = std::sqrt(ua * ua + ub * ub);
        auto gap = [&](double dz) {
            bool crossing = false;
            return pairDistance(p, off + core::Vec3{0, 0, dz}, crossing).distance - required;
        };
        const double g0 = gap(0);
        if (!(sigma > 0)) {
            k.certainty = g0 < 0 ? Certainty::Certain : Certainty::Possible;
            k.probability = g0 < 0 ? 1.0 : 0.0;
            return;
        }
        // Certain: violated at both ends of the band, hence (convexity) everywhere in it.
        if (g0 < 0 && gap(-band) < 0 && gap(band) < 0)
            k.certainty = Certainty::Certain;
        else
            k.certainty = g0 < 0 ? Certainty::Likely : Certainty::Possible;
        // The violating interval within +-6 sigma: a point inside it (the nominal position, or
        // else the lowest gap by golden-section search), then each end by bisection (18 steps:
        // 6 sigma / 2^18, a probability error below 1e-5).
        const double reach = 6 * sigma;
        double inside = 0;
        if (!(g0 < 0)) {
            double lo = -reach, hi = reach;
            for (int i = 0; i < 40; ++i) {
                double m1 = lo + (hi - lo) * 0.381966, m2 = hi - (hi - lo) * 0.381966;
                if (gap(m1) < gap(m2))
                    hi = m2;
                else
                    lo = m1;
            }
            inside = 0.5 * (lo + hi);
            if (!(gap(inside) < 0)) {
                k.probability = 0;
                return;
            }
        }
        auto edge = [&](double in, double out) {
            if (gap(out) < 0) return out;  // violated to the end of the reach
            for (int i = 0; i < 18; ++i) {
                double mid = 0.5 * (in + out);
                (gap(mid) < 0 ? in : out) = mid;
            }
            return 0.5 * (in + out);
        };
        const double z1 = edge(inside, -reach), z2 = edge(inside, reach);
        auto phi = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
        k.probability = phi(z2 / sigma) - phi(z1 / sigma);
    }

    // Decides the pair's clash (if any) from everything accumulated.
    std::optional<Clash> finish(const PairAccumulator& acc, std::uint32_t fb,
                                core::Vec3 off) const {
        const std::uint32_t fa = acc.fa;
        const auto& a = ds.features[fa];
        const auto& b = ds.features[fb];
        const PairRule& rule = acc.rule;
        const bool selfMode = opt.selfCheck;
        const Best& hard = acc.hard;
        const Best& violation = acc.violation;
        const Best& possible = acc.possible;
        const double possibleDz = acc.possibleDz;
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
                    Clash k = makeClash(fa, fb, ClashKind::Duplicate, hard.contact, tol, rule,
                                        relationOf(hard));
                    k.rule = "defaults.duplicate_tolerance_m";
                    k.ruleSource = rules.duplicateTolerance.source;
                    k.ruleVerified = rules.duplicateTolerance.verified;
                    k.violatedLengthM = within;
                    return k;
                }
                double tolEnd = m.capsules()[m.shapes()[fa].firstCapsule].radius +
                                m.capsules()[m.shapes()[fb].firstCapsule].radius + 0.01;
                if (nearEndpoint(fa, hard.contact.pointA, tolEnd) ||
                    nearEndpoint(fb, hard.contact.pointB, tolEnd))
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
        Clash k =
            makeClash(fa, fb, kind, chosen->contact, chosen->required, rule, relationOf(*chosen));
        if (rule.mode == Mode::Physical || rule.mode == Mode::Tree)
            assessCertainty(k, chosen->prims, off, chosen->required);
        if (kind == ClashKind::Possible) {
            k.worstShiftM = possibleDz;
            // Where a vertical shift within the band could bring the pair closer than required.
            k.violatedLengthM = violatedLength(fa, fb, off, chosen->required + chosen->band);
        } else {
            k.violatedLengthM = violatedLength(fa, fb, off, threshold);
        }
        return k;
    }

    // Scratch space of one thread.
    struct Scratch {
        std::vector<std::uint32_t> primStamp, treeStamp, featureStamp, featureSlot;
        std::uint32_t primEpoch = 0, treeEpoch = 0, featureEpoch = 0;
        std::vector<PairAccumulator> pairs;
    };

    // All clashes of feature `fb` (moved by `off`) against the index: every primitive of B asks the
    // grid for nearby existing primitives, and each hit is evaluated exactly once.
    void checkOne(std::uint32_t fb, core::Vec3 off, Scratch& sc, std::vector<Clash>& out) const {
        const auto& b = ds.features[fb];
        if (!m.shapes()[fb].usable) return;
        const std::size_t slotB = static_cast<std::size_t>(themeSlot[b.theme]);
        double reach = reachMain[slotB], reachTree = reachTrees[slotB];
        if (b.type == ObjectType::Tree) reach = std::max(reach, reachForTrees);
        if (sc.featureStamp.size() < ds.features.size()) {
            sc.featureStamp.assign(ds.features.size(), 0);
            sc.featureSlot.assign(ds.features.size(), 0);
        }
        if (++sc.featureEpoch == 0) {
            std::fill(sc.featureStamp.begin(), sc.featureStamp.end(), 0);
            sc.featureEpoch = 1;
        }
        sc.pairs.clear();
        auto visitor = [&](const std::vector<PrimRef>& refs, bool bCap, std::uint32_t bi,
                           const core::Bounds3& bBox) {
            return [&, bCap, bi](std::uint32_t p) {
                const PrimRef& ref = refs[p];
                std::uint32_t fa = ref.feature;
                if (fa == fb || (opt.selfCheck && fa > fb))
                    return;  // self: each existing pair once
                if (sc.featureStamp[fa] != sc.featureEpoch) {
                    sc.featureStamp[fa] = sc.featureEpoch;
                    PairRule rule = ruleFor(ds.features[fa], b, false);
                    if (rule.mode == Mode::Skip) {
                        sc.featureSlot[fa] = ~0u;
                        return;
                    }
                    sc.featureSlot[fa] = static_cast<std::uint32_t>(sc.pairs.size());
                    sc.pairs.push_back({});
                    sc.pairs.back().fa = fa;
                    sc.pairs.back().rule = rule;
                }
                std::uint32_t slot = sc.featureSlot[fa];
                if (slot == ~0u) return;
                accumulate(sc.pairs[slot], ref.capsule, ref.index, bCap, bi, bBox, off);
            };
        };
        forEachPrim(fb, [&](bool bCap, std::uint32_t bi) {
            auto bBox = primBounds(bCap, bi, off);
            double pad = primBand(bCap, bi) + maxBand + 0.01;
            grid.query(bBox.inflated(reach + pad), sc.primStamp, sc.primEpoch,
                       visitor(prims, bCap, bi, bBox));
            if (treeGrid.primitiveCount())
                treeGrid.query(bBox.inflated(reachTree + pad), sc.treeStamp, sc.treeEpoch,
                               visitor(treePrims, bCap, bi, bBox));
        });
        std::sort(sc.pairs.begin(), sc.pairs.end(),
                  [](const PairAccumulator& x, const PairAccumulator& y) { return x.fa < y.fa; });
        for (const auto& acc : sc.pairs)
            if (auto c = finish(acc, fb, off)) out.push_back(std::move(*c));
    }

    // [SECTION] streaming broad phase
    // For a full run the proposal (tens of thousands of segments) is indexed instead of the
    // existing objects (millions): every existing primitive then streams once past a small grid,
    // in parallel over contiguous feature ranges, and each nearby pair is evaluated exactly.
    // Would finish() report this pair? (Cheap: decided from the accumulated minima.)
    bool wouldClash(const PairAccumulator& acc) const {
        if (acc.rule.mode == Mode::Protected || acc.rule.mode == Mode::Contamination)
            return acc.hard.found;
        return acc.hard.found || acc.violation.found || acc.possible.found;
    }

    // Returns the per-thread time spent building report rows (`finish`), which runs inside the
    // stream while the pair's data is still in cache.
    void streamAgainstProposal(const std::vector<std::uint32_t>& todo, unsigned threads,
                               std::vector<std::vector<Clash>>& perThread, double& buildMs,
                               std::vector<double>& finishMs) const {
        auto t0 = Clock::now();
        std::vector<PrimRef> refs;
        std::vector<core::Bounds3> boxes;
        std::vector<std::uint8_t> proposalTheme(themeCount, 0);
        bool proposalHasTrees = false;
        double maxProposalBand = 0;
        for (std::uint32_t fb : todo) {
            if (!m.shapes()[fb].usable) continue;
            proposalTheme[themeSlot[ds.features[fb].theme]] = 1;
            proposalHasTrees |= ds.features[fb].type == ObjectType::Tree;
            forEachPrim(fb, [&](bool cap, std::uint32_t i) {
                refs.push_back({fb, i, cap});
                boxes.push_back(primBounds(cap, i));
                maxProposalBand = std::max(maxProposalBand, primBand(cap, i));
            });
        }
        spatial::UniformGrid proposalGrid(boxes, {0.0, threads});
        // Reach of each existing theme toward the proposal's themes.
        double treeDistance = rules.trees.distanceFromStem && !opt.uniformClearanceM
                                  ? rules.trees.distanceFromStem->value
                                  : 0.0;
        std::vector<double> reachA(themeCount, 0.0), reachTreeA(themeCount, 0.0);
        for (std::size_t a = 0; a < themeCount; ++a) {
            for (std::size_t b = 0; b < themeCount; ++b) {
                if (!proposalTheme[b]) continue;
                const ClearanceRule* r = pairRules[a * themeCount + b];
                double req = opt.uniformClearanceM ? *opt.uniformClearanceM
                             : r                   ? std::max(r->parallel.value, r->crossing.value)
                                                   : 0.0;
                reachA[a] = std::max(reachA[a], req);
                if (treeTheme[b]) reachTreeA[a] = std::max(reachTreeA[a], treeDistance);
            }
            reachTreeA[a] = std::max(reachTreeA[a], reachA[a]);
            if (proposalHasTrees && treeTheme[a]) reachA[a] = std::max(reachA[a], treeDistance);
        }
        buildMs = msSince(t0);
        if (refs.empty()) return;

        const std::uint32_t nf = static_cast<std::uint32_t>(ds.features.size());
        // Chunks of consecutive features handed out on demand: the work is where the proposal is.
        constexpr std::uint32_t kChunk = 1024;
        std::atomic<std::uint32_t> nextChunk{0};
        auto work = [&](unsigned t) {
            std::vector<std::uint32_t> stamp, fbStamp(nf, 0), fbSlot(nf, 0);
            std::uint32_t epoch = 0, fbEpoch = 0;
            std::vector<PairAccumulator> pairs;
            for (;;) {
                std::uint32_t begin = nextChunk.fetch_add(kChunk);
                if (begin >= nf) break;
                std::uint32_t end = std::min(nf, begin + kChunk);
                for (std::uint32_t fa = begin; fa < end; ++fa) {
                    if (!indexed[fa]) continue;
                    const Feature& a = ds.features[fa];
                    std::size_t slotA = static_cast<std::size_t>(themeSlot[a.theme]);
                    double reach = a.type == ObjectType::Tree ? reachTreeA[slotA] : reachA[slotA];
                    if (++fbEpoch == 0) {
                        std::fill(fbStamp.begin(), fbStamp.end(), 0);
                        fbEpoch = 1;
                    }
                    pairs.clear();
                    forEachPrim(fa, [&](bool aCap, std::uint32_t ai) {
                        auto aBox = primBounds(aCap, ai);
                        auto q = aBox.inflated(reach + primBand(aCap, ai) + maxProposalBand + 0.01);
                        proposalGrid.query(q, stamp, epoch, [&](std::uint32_t p) {
                            const PrimRef& ref = refs[p];
                            std::uint32_t fb = ref.feature;
                            if (fbStamp[fb] != fbEpoch) {
                                fbStamp[fb] = fbEpoch;
                                PairRule rule = ruleFor(a, ds.features[fb], false);
                                if (rule.mode == Mode::Skip) {
                                    fbSlot[fb] = ~0u;
                                    return;
                                }
                                fbSlot[fb] = static_cast<std::uint32_t>(pairs.size());
                                pairs.push_back({});
                                pairs.back().fa = fa;
                                pairs.back().fb = fb;
                                pairs.back().rule = rule;
                            }
                            if (fbSlot[fb] == ~0u) return;
                            accumulate(pairs[fbSlot[fb]], aCap, ai, ref.capsule, ref.index,
                                       boxes[p], {});
                        });
                    });
                    bool any = false;
                    for (const auto& acc : pairs) any |= wouldClash(acc);
                    if (!any) continue;
                    auto tf = Clock::now();
                    for (const auto& acc : pairs)
                        if (wouldClash(acc))
                            if (auto c = finish(acc, acc.fb, {}))
                                perThread[t].push_back(std::move(*c));
                    finishMs[t] += msSince(tf);
                }
            }
        };
        core::ThreadPool::shared().run(threads, work);
    }

    // [SECTION] level rules (infiltration above GHG) and WKO spacing
    void infiltrationRule(std::vector<Clash>& out, std::vector<std::string>& notes) const {
        if (opt.uniformClearanceM || opt.selfCheck || !rules.infiltration.minBottomAboveGhg) return;
        bool any = false;
        for (std::uint32_t fb = 0; fb < ds.features.size(); ++fb) {
            const auto& f = ds.features[fb];
            if (f.status != ObjectStatus::Proposed || f.kind() != model::GeometryKind::Prism)
                continue;
            bool applies = f.type == ObjectType::Wadi || f.type == ObjectType::InfiltrationCrate;
            for (const auto& t : rules.infiltration.appliesTo)
                applies = applies || rules.matches(t, ds.str(f.theme));
            if (!applies) continue;
            any = true;
            if (!opt.ghg || !opt.ghg->available()) continue;
            const auto& p = ds.prisms[f.geometry];
            double ghg = -INFINITY;
            core::Vec2 where{};
            const auto& ring = ds.rings[p.firstRing];
            core::Vec2 sum{};
            for (std::uint32_t i = 0; i <= ring.pointCount; ++i) {
                core::Vec2 q = i < ring.pointCount ? ds.footprintPoints[ring.firstPoint + i]
                                                   : sum * (1.0 / ring.pointCount);
                if (i < ring.pointCount) sum = sum + q;
                double g = opt.ghg->at(q.x, q.y);
                if (!std::isnan(g) && g > ghg) {
                    ghg = g;
                    where = q;
                }
            }
            if (!std::isfinite(ghg)) {
                notes.push_back("infiltration rule not checked for '" + f.id +
                                "': no GHG value at its footprint");
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
            notes.push_back(
                "infiltration rule not checked: the project has no GHG raster (field 'ghg')");
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
                notes.push_back("WKO spacing not checked for '" + b.id +
                                "': no screen, volume or temperature");
                continue;
            }
            double rthB =
                rules.thermalRadius(wb->storedVolumeM3, wb->screenTopZ - wb->screenBottomZ);
            for (std::uint32_t fa : wells) {
                const auto& a = ds.features[fa];
                if (a.status == ObjectStatus::Proposed) continue;
                const auto* wa = ds.wellOf(a);
                if (!wa) continue;
                // Screens in different aquifer depths do not interfere.
                if (wa->screenBottomZ > wb->screenTopZ || wb->screenBottomZ > wa->screenTopZ)
                    continue;
                double rthA =
                    rules.thermalRadius(wa->storedVolumeM3, wa->screenTopZ - wa->screenBottomZ);
                double rth = std::max(std::isnan(rthA) ? 0.0 : rthA, std::isnan(rthB) ? 0.0 : rthB);
                if (rth <= 0) {
                    notes.push_back("WKO spacing not checked for '" + a.id + "'/'" + b.id +
                                    "': no stored volume");
                    continue;
                }
                bool same = !wa->temperature.empty() && wa->temperature == wb->temperature;
                const RuleValue& factor =
                    same ? *rules.wko.sameTemperatureFactor : *rules.wko.oppositeTemperatureFactor;
                const auto& ba = ds.bodies[a.geometry];
                const auto& bb = ds.bodies[b.geometry];
                double ra = ba.isCylinder() ? ba.radiusM : 0.0,
                       rbb = bb.isCylinder() ? bb.radiusM : 0.0;
                double centre = core::distance(ba.center, bb.center);
                double requiredCentre = factor.value * rth;
                if (centre >= requiredCentre) continue;
                Clash k = clashBetween(fa, fb, ClashKind::Clearance);
                k.distanceM = centre - ra - rbb;
                k.requiredM = requiredCentre - ra - rbb;
                double zMid = 0.5 * (std::max(wa->screenBottomZ, wb->screenBottomZ) +
                                     std::min(wa->screenTopZ, wb->screenTopZ));
                k.pointA = {ba.center.x, ba.center.y, zMid};
                k.pointB = {bb.center.x, bb.center.y, zMid};
                k.rule = same ? "wko.same_temperature_factor" : "wko.opposite_temperature_factor";
                char buf[200];
                std::snprintf(buf, sizeof buf,
                              "; thermal radius %.1f m (R = sqrt(C_w V / (C_aq pi H))), required "
                              "%.1f x R between wells",
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
double ClashDetector::indexBuildMs() const {
    d->ensureExistingGrid();
    return d->existingIndexMs;
}

// [SECTION] driver
ClashReport ClashDetector::findClashes() const {
    ClashReport report;
    auto t0 = Clock::now();
    const auto& ds = d->ds;
    std::vector<std::uint32_t> todo;
    if (d->opt.onlyFeatures) {
        todo = *d->opt.onlyFeatures;
    } else {
        for (std::uint32_t i = 0; i < ds.features.size(); ++i) {
            bool proposed = ds.features[i].status == ObjectStatus::Proposed;
            if (d->opt.selfCheck ? !proposed && d->indexed[i] : proposed) todo.push_back(i);
        }
    }
    for (std::uint32_t i = 0; i < ds.features.size(); ++i)
        if (d->indexed[i]) ++report.existingIndexed;
    for (std::uint32_t i = 0; i < ds.features.size(); ++i)
        if (d->indexed[i])
            report.segmentsIndexed +=
                d->m.shapes()[i].capsuleCount + d->m.shapes()[i].extrusionCount;
    report.proposedChecked = todo.size();
    for (std::uint32_t fb : todo)
        if (!d->m.shapes()[fb].usable) ++report.proposedUnusable;
    for (std::uint32_t i = 0; i < ds.features.size(); ++i)
        if (!d->m.shapes()[i].usable) report.uncheckedFeatures.push_back(i);
    unsigned threads = std::min<unsigned>(
        d->opt.threads ? d->opt.threads : std::max(1u, std::thread::hardware_concurrency()),
        static_cast<unsigned>(core::limits().threads));
    std::vector<std::vector<Clash>> perThread(threads);
    if (d->opt.selfCheck) {
        // Existing against existing: index them all, each one queries the index.
        d->ensureExistingGrid();
        report.timings.indexMs = d->existingIndexMs;
        auto work = [&](unsigned t) {
            Impl::Scratch scratch;
            for (std::size_t k = t; k < todo.size(); k += threads)
                d->checkOne(todo[k], {}, scratch, perThread[t]);
        };
        core::ThreadPool::shared().run(threads, work);
        report.timings.queryMs = msSince(t0) - report.timings.indexMs;
    } else {
        // Report rows are built inside the query threads (cache-warm); their time, measured per
        // thread, counts as report time, the rest of the stream as query time.
        std::vector<double> finishMs(threads, 0.0);
        d->streamAgainstProposal(todo, threads, perThread, report.timings.indexMs, finishMs);
        double rowsMs = 0;
        for (double f : finishMs) rowsMs += f / threads;
        report.timings.queryMs = msSince(t0) - report.timings.indexMs - rowsMs;
        for (const auto& v : perThread) report.pairsDetected += v.size();
    }
    std::vector<Clash> levelRules;
    d->infiltrationRule(levelRules, report.notes);
    d->wkoRule(levelRules, report.notes);
    perThread.push_back(std::move(levelRules));
    // Sort pointers by id, then move every clash once into place (a Clash holds many strings).
    // Ids are "C" + 12 hex digits: their numeric value sorts like the text, without touching the
    // clashes themselves (cache misses) during the sort.
    std::vector<std::pair<std::uint64_t, Clash*>> order;
    for (auto& v : perThread)
        for (auto& c : v) order.push_back({std::strtoull(c.id.c_str() + 1, nullptr, 16), &c});
    std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
        return x.first != y.first ? x.first < y.first : x.second->id < y.second->id;
    });
    report.clashes.reserve(order.size());
    for (auto& [key, c] : order) report.clashes.push_back(std::move(*c));
    groupClashes(report.clashes, d->opt.groupRadiusM);
    report.timings.reportMs = msSince(t0) - report.timings.indexMs - report.timings.queryMs;
    for (const auto& n : d->m.notes()) report.notes.push_back(n);
    return report;
}

std::vector<Clash> ClashDetector::checkFeature(std::uint32_t feature, core::Vec3 offset) const {
    std::vector<Clash> out;
    d->ensureExistingGrid();
    std::lock_guard lock(d->recheckMutex);
    if (!d->recheckScratch) d->recheckScratch = std::make_unique<Impl::Scratch>();
    d->checkOne(feature, offset, *d->recheckScratch, out);
    return out;
}

}  // namespace bz::clash
