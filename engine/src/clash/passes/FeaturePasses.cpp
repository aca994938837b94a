// The feature passes: rules about one object and a level (a wadi's bottom above the highest
// groundwater), and between wells of aquifer thermal energy storage (their thermal radii).
#include "ClashPass.h"

#include <cmath>
#include <cstdio>

namespace bz::clash::detail {

using model::ObjectStatus;
using model::ObjectType;

namespace {

// A proposed infiltration facility (wadi, crate) must keep its bottom a rule-set distance above
// the highest groundwater level (GHG), or it does not drain.
class InfiltrationAboveGhgPass final : public ClashPass {
  public:
    std::string_view name() const override { return "infiltration-above-ghg"; }
    void run(const PassContext& c, std::vector<Clash>& out,
             std::vector<std::string>& notes) const override {
        if (!c.rules.infiltration.minBottomAboveGhg) return;
        bool any = false;
        for (std::uint32_t fb = 0; fb < c.ds.features.size(); ++fb) {
            const auto& f = c.ds.features[fb];
            if (f.status != ObjectStatus::Proposed || f.kind() != model::GeometryKind::Prism)
                continue;
            bool applies = f.type == ObjectType::Wadi || f.type == ObjectType::InfiltrationCrate;
            for (const auto& t : c.rules.infiltration.appliesTo)
                applies = applies || c.rules.matches(t, c.ds.str(f.theme));
            if (!applies) continue;
            any = true;
            if (!c.options.ghg || !c.options.ghg->available()) continue;
            const auto& p = c.ds.prisms[f.geometry];
            double ghg = -INFINITY;
            core::Vec2 where{};
            const auto& ring = c.ds.rings[p.firstRing];
            core::Vec2 sum{};
            for (std::uint32_t i = 0; i <= ring.pointCount; ++i) {
                core::Vec2 q = i < ring.pointCount ? c.ds.footprintPoints[ring.firstPoint + i]
                                                   : sum * (1.0 / ring.pointCount);
                if (i < ring.pointCount) sum = sum + q;
                double g = c.options.ghg->at(q.x, q.y);
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
            double min = c.rules.infiltration.minBottomAboveGhg->value;
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
            k.bTheme = c.ds.str(f.theme);
            k.aOwner = "waterschap / gemeente (grondwaterzorgplicht)";
            k.bOwner = c.ds.str(f.owner);
            k.aType = "ghg_level";
            k.bType = std::string(model::toCode(f.type));
            k.distanceM = gap;
            k.requiredM = min;
            k.pointA = {where.x, where.y, ghg};
            k.pointB = {where.x, where.y, p.bottomZ};
            k.rule = "infiltration.min_bottom_above_ghg_m";
            k.ruleSource = c.rules.infiltration.minBottomAboveGhg->source;
            k.ruleVerified = c.rules.infiltration.minBottomAboveGhg->verified;
            k.violatedLengthM = NAN;
            out.push_back(std::move(k));
        }
        if (any && (!c.options.ghg || !c.options.ghg->available()))
            notes.push_back(
                "infiltration rule not checked: the project has no GHG raster (field 'ghg')");
    }
};

// Proposed and existing WKO wells screened in the same depths must keep a multiple of their
// thermal radius apart (same temperature, opposite temperature).
class WkoSpacingPass final : public ClashPass {
  public:
    std::string_view name() const override { return "wko-spacing"; }
    void run(const PassContext& c, std::vector<Clash>& out,
             std::vector<std::string>& notes) const override {
        if (!c.rules.wko.sameTemperatureFactor || !c.rules.wko.oppositeTemperatureFactor) return;
        std::vector<std::uint32_t> wells;
        for (std::uint32_t i = 0; i < c.ds.features.size(); ++i)
            if (c.ds.features[i].type == ObjectType::Well) wells.push_back(i);
        for (std::uint32_t fb : wells) {
            const auto& b = c.ds.features[fb];
            if (b.status != ObjectStatus::Proposed) continue;
            const auto* wb = c.ds.wellOf(b);
            if (!wb) {
                notes.push_back("WKO spacing not checked for '" + b.id +
                                "': no screen, volume or temperature");
                continue;
            }
            double rthB =
                c.rules.thermalRadius(wb->storedVolumeM3, wb->screenTopZ - wb->screenBottomZ);
            for (std::uint32_t fa : wells) {
                const auto& a = c.ds.features[fa];
                if (a.status == ObjectStatus::Proposed) continue;
                const auto* wa = c.ds.wellOf(a);
                if (!wa) continue;
                // Screens in different aquifer depths do not interfere.
                if (wa->screenBottomZ > wb->screenTopZ || wb->screenBottomZ > wa->screenTopZ)
                    continue;
                double rthA =
                    c.rules.thermalRadius(wa->storedVolumeM3, wa->screenTopZ - wa->screenBottomZ);
                double rth = std::max(std::isnan(rthA) ? 0.0 : rthA, std::isnan(rthB) ? 0.0 : rthB);
                if (rth <= 0) {
                    notes.push_back("WKO spacing not checked for '" + a.id + "'/'" + b.id +
                                    "': no stored volume");
                    continue;
                }
                bool same = !wa->temperature.empty() && wa->temperature == wb->temperature;
                const RuleValue& factor = same ? *c.rules.wko.sameTemperatureFactor
                                               : *c.rules.wko.oppositeTemperatureFactor;
                const auto& ba = c.ds.bodies[a.geometry];
                const auto& bb = c.ds.bodies[b.geometry];
                double ra = ba.isCylinder() ? ba.radiusM : 0.0,
                       rbb = bb.isCylinder() ? bb.radiusM : 0.0;
                double centre = core::distance(ba.center, bb.center);
                double requiredCentre = factor.value * rth;
                if (centre >= requiredCentre) continue;
                Clash k = c.eval.clashBetween(fa, fb, ClashKind::Clearance);
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

}  // namespace

// Level and spacing rules are the rule set's: not with --clearance or --self.
std::unique_ptr<ClashPass> makeInfiltrationAboveGhgPass(const ClashOptions& o) {
    if (o.uniformClearanceM || o.selfCheck) return nullptr;
    return std::make_unique<InfiltrationAboveGhgPass>();
}
std::unique_ptr<ClashPass> makeWkoSpacingPass(const ClashOptions& o) {
    if (o.uniformClearanceM || o.selfCheck) return nullptr;
    return std::make_unique<WkoSpacingPass>();
}

}  // namespace bz::clash::detail
