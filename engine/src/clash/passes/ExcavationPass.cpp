// The excavation pass: what digging a proposed object means for the soil. A trench, tree pit,
// wadi or crate is dug from the ground to its bottom over its footprint; a network not lying in a
// proposed trench is dug as a trench of its diameter plus the rule set's working space either
// side, to the bottom of the pipe. Per contamination grid and substance with an intervention
// value: the volume dug above that value and the highest concentration met (constraint rows); a
// substance given per litre is groundwater, counted in what is dug below the groundwater level
// (GHG, else GLG) against `intervention.grondwater`; with a GLG raster: the volume dug below the
// lowest groundwater level (dewatering).
#include <bodemzicht/geom/Decompose.h>
#include <bodemzicht/soil/Excavation.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "ClashPass.h"

namespace bz::clash::detail {

using model::GeometryKind;
using model::ObjectStatus;
using model::ObjectType;

namespace {

struct Dig {
    std::vector<std::vector<core::Vec2>> footprint;
    double bottomZ = NAN;
    core::Vec3 at;  // where the row's marker goes
};

bool insidePolygon(core::Vec2 p, const std::vector<core::Vec2>& poly) {
    return geom::contains(poly, {}, p);
}

// The footprints of the proposed trenches, to tell which networks lie in one.
std::vector<std::vector<std::vector<core::Vec2>>> trenchFootprints(const model::Dataset& ds) {
    std::vector<std::vector<std::vector<core::Vec2>>> out;
    for (const auto& f : ds.features) {
        if (f.status != ObjectStatus::Proposed || f.type != ObjectType::Trench) continue;
        const auto& p = ds.prisms[f.geometry];
        const auto ring = ds.outerRing(p);
        // A little wider and longer: a pipe laid on the trench's edge or end is in it.
        auto line = ring;
        if (p.widthM == p.widthM && line.size() >= 2) {
            auto extend = [](core::Vec2 end, core::Vec2 next) {
                const core::Vec2 d = end - next;
                const double len = core::length(d);
                return len > 0 ? end + d * (0.05 / len) : end;
            };
            line.front() = extend(line[0], line[1]);
            line.back() = extend(line[line.size() - 1], line[line.size() - 2]);
        }
        out.push_back(p.widthM == p.widthM ? soil::lineFootprint(line, p.widthM + 0.1)
                                           : std::vector<std::vector<core::Vec2>>{ring});
    }
    return out;
}

std::optional<Dig> digOf(const PassContext& c, const model::Feature& f,
                         const std::vector<std::vector<std::vector<core::Vec2>>>& trenches) {
    const auto& ds = c.ds;
    Dig d;
    if (f.kind() == GeometryKind::Prism) {
        if (f.type != ObjectType::Trench && f.type != ObjectType::TreePit &&
            f.type != ObjectType::Wadi && f.type != ObjectType::InfiltrationCrate)
            return std::nullopt;
        const auto& p = ds.prisms[f.geometry];
        if (p.allDepths || !std::isfinite(p.bottomZ)) return std::nullopt;
        const auto ring = ds.outerRing(p);
        d.footprint = p.widthM == p.widthM ? soil::lineFootprint(ring, p.widthM)
                                           : std::vector<std::vector<core::Vec2>>{ring};
        d.bottomZ = p.bottomZ;
        d.at = {ring[0].x, ring[0].y, p.bottomZ};
        return d;
    }
    if (f.kind() != GeometryKind::Linear || !c.rules.excavation.networkWorkingSpace)
        return std::nullopt;
    const auto& g = ds.linears[f.geometry];
    std::vector<core::Vec2> axis;
    double bottom = INFINITY;
    for (std::uint32_t k = 0; k < g.vertexCount; ++k) {
        const auto& v = ds.vertices[g.firstVertex + k];
        axis.push_back(v.xy());
        bottom = std::min(bottom, v.z);
    }
    if (axis.size() < 2 || !std::isfinite(bottom)) return std::nullopt;
    // In a proposed trench: the trench's row counts the digging.
    for (const auto& t : trenches) {
        bool all = true;
        for (const auto& p : axis) {
            bool in = false;
            for (const auto& poly : t) in = in || insidePolygon(p, poly);
            all = all && in;
        }
        if (all) return std::nullopt;
    }
    const double diameter = g.outerDiameterM == g.outerDiameterM ? g.outerDiameterM : 0.1;
    d.footprint =
        soil::lineFootprint(axis, diameter + 2 * c.rules.excavation.networkWorkingSpace->value);
    d.bottomZ = bottom - diameter / 2;
    d.at = {axis[0].x, axis[0].y, d.bottomZ};
    return d;
}

std::string lower(std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

Clash constraintRow(const PassContext& c, std::uint32_t fb, const std::string& aId,
                    const std::string& aTheme, const std::string& aOwner, const Dig& d) {
    const auto& f = c.ds.features[fb];
    Clash k;
    k.id = stableClashId(aId, f.id);
    k.kind = ClashKind::Constraint;
    k.featureA = k.featureB = fb;
    k.aId = aId;
    k.bId = f.id;
    k.aTheme = aTheme;
    k.bTheme = c.ds.str(f.theme);
    k.aOwner = aOwner;
    k.bOwner = c.ds.str(f.owner);
    k.aType = "grid";
    k.bType = std::string(model::toCode(f.type));
    k.pointA = k.pointB = d.at;
    k.distanceM = 0;
    k.requiredM = NAN;
    k.violatedLengthM = NAN;
    return k;
}

class ExcavationPass final : public ClashPass {
  public:
    std::string_view name() const override { return "excavation"; }
    void run(const PassContext& c, std::vector<Clash>& out,
             std::vector<std::string>& notes) const override {
        const bool glg = c.options.glg && c.options.glg->available();
        if (c.options.contaminationGrids.empty() && !glg) return;
        const auto trenches = trenchFootprints(c.ds);
        const auto& ground = c.model.ground();
        auto top = [&](double x, double y) { return ground.available() ? ground.at(x, y) : NAN; };
        if (!ground.available()) {
            notes.push_back("excavation not counted: the project has no ground level");
            return;
        }
        std::vector<std::uint8_t> only;
        if (c.options.onlyFeatures) {
            only.assign(c.ds.features.size(), 0);
            for (auto fb : *c.options.onlyFeatures)
                if (fb < only.size()) only[fb] = 1;
        }
        auto checked = [&](std::uint32_t fb) {
            if (c.options.onlyFeatures) return only[fb] != 0;
            return c.ds.features[fb].status == ObjectStatus::Proposed;
        };
        auto table = [&](const char* medium) -> const std::map<std::string, RuleValue>* {
            auto it = c.rules.intervention.find(medium);
            return it == c.rules.intervention.end() ? nullptr : &it->second;
        };
        const auto *grond = table("grond"), *grondwater = table("grondwater");
        // Groundwater is dug below its level: the highest (GHG) where known, else the lowest.
        const model::GroundLevel* water = c.options.ghg && c.options.ghg->available()
                                              ? c.options.ghg
                                          : glg ? c.options.glg
                                                : nullptr;
        auto saturatedTop = [&](double x, double y) {
            const double level = water ? water->at(x, y) : NAN;
            return std::isfinite(level) ? std::min(top(x, y), level) : NAN;  // unknown: not dug
        };
        bool waterUnchecked = false;
        for (std::uint32_t fb = 0; fb < c.ds.features.size(); ++fb) {
            if (!checked(fb)) continue;
            const auto dig = digOf(c, c.ds.features[fb], trenches);
            if (!dig) continue;
            // Contaminants: per grid and substance with an intervention value for soil.
            for (const auto& [gridName, grid] : c.options.contaminationGrids) {
                const auto& vars = grid->variables();
                for (std::size_t v = 0; v < vars.size(); ++v) {
                    const bool inWater = perLitre(vars[v].unit);
                    const auto* values = inWater ? grondwater : grond;
                    const RuleValue* limit = nullptr;
                    if (values)
                        for (const auto& [substance, value] : *values)
                            if (lower(substance) == lower(vars[v].name)) limit = &value;
                    if (!limit) continue;
                    if (inWater && !water) {
                        waterUnchecked = true;
                        continue;
                    }
                    const auto e = inWater ? soil::excavate(*grid, v, dig->footprint, dig->bottomZ,
                                                            saturatedTop, limit->value)
                                           : soil::excavate(*grid, v, dig->footprint, dig->bottomZ,
                                                            top, limit->value);
                    if (!(e.aboveM3 > 0)) continue;
                    auto k =
                        constraintRow(c, fb, vars[v].name + "@" + gridName,
                                      inWater ? "grondwaterverontreiniging" : "verontreiniging",
                                      "gemeente (bevoegd gezag bodem)", *dig);
                    k.rule =
                        std::string(inWater ? "intervention.grondwater." : "intervention.grond.") +
                        vars[v].name;
                    k.ruleSource = limit->source;
                    k.ruleVerified = limit->verified;
                    k.substance = vars[v].name;
                    k.unit = vars[v].unit.empty() ? limit->unit : vars[v].unit;
                    k.excavatedM3 = e.excavatedM3;
                    k.contaminatedM3 = e.aboveM3;
                    k.maxConcentration = e.maxValue;
                    k.requiredM = NAN;
                    out.push_back(std::move(k));
                }
            }
            if (!glg) continue;
            // Dewatering: the dug volume below the GLG (less the margin), sampled per metre.
            const double margin = c.rules.excavation.dewateringMarginBelowGlg
                                      ? c.rules.excavation.dewateringMarginBelowGlg->value
                                      : 0.0;
            double below = 0, excavated = 0, length = 0, worst = -INFINITY;
            core::Vec3 where = dig->at;
            for (const auto& poly : dig->footprint) {
                // Each piece as a grid of 0.5 m cells in its own bounding box, counted where the
                // cell centre lies inside.
                double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
                for (auto p : poly)
                    x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x),
                    y1 = std::max(y1, p.y);
                const double step = 0.5;
                bool any = false;
                for (double x = x0 + step / 2; x < x1; x += step)
                    for (double y = y0 + step / 2; y < y1; y += step) {
                        if (!insidePolygon({x, y}, poly)) continue;
                        const double g = top(x, y), level = c.options.glg->at(x, y);
                        if (!std::isfinite(g) || g <= dig->bottomZ) continue;
                        excavated += step * step * (g - dig->bottomZ);
                        if (!std::isfinite(level)) continue;
                        const double h = std::min(g, level - margin) - dig->bottomZ;
                        if (h > 0) {
                            below += step * step * h;
                            any = true;
                            if (h > worst) worst = h, where = {x, y, dig->bottomZ};
                        }
                    }
                if (any && poly.size() == 4)  // a piece of a line: its length counts
                    length += core::length(poly[1] - poly[0]);
            }
            if (!(below > 0)) continue;
            auto k =
                constraintRow(c, fb, "GLG", "grondwater", "waterschap (bemaling melden)", *dig);
            k.pointA = {where.x, where.y, where.z + worst};
            k.pointB = where;
            k.distanceM = -worst;  // how far the bottom lies below the GLG
            k.violatedLengthM = length > 0 ? length : NAN;
            k.rule = "excavation.dewatering_margin_below_glg_m";
            if (c.rules.excavation.dewateringMarginBelowGlg) {
                k.ruleSource = c.rules.excavation.dewateringMarginBelowGlg->source;
                k.ruleVerified = c.rules.excavation.dewateringMarginBelowGlg->verified;
            }
            k.excavatedM3 = excavated;
            k.belowGlgM3 = below;
            out.push_back(std::move(k));
        }
        if (waterUnchecked)
            notes.push_back(
                "groundwater contamination not checked: the project has no groundwater level "
                "(ghg or glg)");
    }
};

}  // namespace

// Volumes are the rule set's business: not with --clearance or --self.
std::unique_ptr<ClashPass> makeExcavationPass(const ClashOptions& o) {
    if (o.uniformClearanceM || o.selfCheck) return nullptr;
    return std::make_unique<ExcavationPass>();
}

}  // namespace bz::clash::detail
