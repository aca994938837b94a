#include <bodemzicht/clash/RuleSet.h>

#include <bodemzicht/core/Limits.h>

#include <functional>

#include <bodemzicht/model/Themes.h>

#include <bodemzicht/model/Types.h>
#include <cstdio>

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>

namespace bz::clash {

extern const char* const kDutchDefaultRulesToml;  // generated from datasets/rules/nl-default.toml

namespace {

using core::fail;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

struct Parser {
    std::string file;
    RuleSet& rules;

    core::Error error(const toml::node& n, const std::string& key, const std::string& what) const {
        return {file, "",
                "line " + std::to_string(n.source().begin.line) + ", key '" + key + "': " + what};
    }

    // A rule number: `x` or `{ value = x, source = "...", verified = bool, unit = "..." }`.
    core::Result<RuleValue> value(const toml::node& n, const std::string& key,
                                  bool allowNegative = false) const {
        RuleValue v;
        v.key = key;
        v.line = static_cast<int>(n.source().begin.line);
        if (auto num = n.value<double>()) {
            v.value = *num;
            v.source = file + ":" + std::to_string(v.line);
        } else if (const auto* t = n.as_table()) {
            auto val = (*t)["value"].value<double>();
            if (!val) return std::unexpected(error(n, key, "missing numeric 'value'"));
            v.value = *val;
            v.source = (*t)["source"].value_or(std::string());
            if (v.source.empty())
                return std::unexpected(
                    error(n, key, "missing 'source' (every number names its source)"));
            v.verified = (*t)["verified"].value_or(false);
            v.unit = (*t)["unit"].value_or(std::string());
            for (auto&& [k, _] : *t) {
                std::string ks(k.str());
                if (ks != "value" && ks != "source" && ks != "verified" && ks != "unit")
                    return std::unexpected(error(n, key, "unknown field '" + ks + "'"));
            }
        } else {
            return std::unexpected(
                error(n, key, "expected a number or { value, source, verified }"));
        }
        if (!std::isfinite(v.value)) return std::unexpected(error(n, key, "value is not finite"));
        if (!allowNegative && v.value < 0)
            return std::unexpected(error(n, key, "negative value " + std::to_string(v.value)));
        return v;
    }

    // { min = A, max = B, source = "...", verified = ... }
    core::Result<io::PlausibleRange> range(const toml::node& n, const std::string& key) const {
        const auto* t = n.as_table();
        if (!t) return std::unexpected(error(n, key, "expected { min, max, source, verified }"));
        io::PlausibleRange r;
        auto lo = (*t)["min"].value<double>(), hi = (*t)["max"].value<double>();
        auto src = (*t)["source"].value<std::string>();
        if (!lo || !hi || !std::isfinite(*lo) || !std::isfinite(*hi) || *lo > *hi)
            return std::unexpected(error(n, key, "needs finite min <= max"));
        if (!src)
            return std::unexpected(
                error(n, key, "missing 'source' (every number names its source)"));
        for (auto&& [k, _] : *t) {
            std::string ks(k.str());
            if (ks != "min" && ks != "max" && ks != "source" && ks != "verified")
                return std::unexpected(error(n, key, "unknown field '" + ks + "'"));
        }
        r.min = *lo;
        r.max = *hi;
        r.source = *src;
        return r;
    }

    // A point object's shape: { shape, place, diameter_m | width_m + length_m, height_m, depth_m }
    // with the sizes as rule values (each with its source).
    core::Result<io::PointObjectShape> pointObject(const toml::node& n,
                                                   const std::string& key) const {
        const auto* t = n.as_table();
        if (!t) return std::unexpected(error(n, key, "expected a table"));
        io::PointObjectShape s;
        std::string shape = (*t)["shape"].value_or(std::string("cylinder"));
        std::string place = (*t)["place"].value_or(std::string("network"));
        if (shape == "cylinder")
            s.shape = io::PointObjectShape::Shape::Cylinder;
        else if (shape == "box")
            s.shape = io::PointObjectShape::Shape::Box;
        else
            return std::unexpected(
                error(n, key + ".shape", "'" + shape + "' is not cylinder or box"));
        if (place == "network")
            s.place = io::PointObjectShape::Place::Network;
        else if (place == "network-to-ground")
            s.place = io::PointObjectShape::Place::NetworkToGround;
        else if (place == "ground")
            s.place = io::PointObjectShape::Place::Ground;
        else
            return std::unexpected(error(
                n, key + ".place", "'" + place + "' is not network, network-to-ground or ground"));
        std::string sources;
        for (auto&& [k, node] : *t) {
            std::string ks(k.str());
            if (ks == "shape" || ks == "place") continue;
            double* out = ks == "diameter_m" ? &s.diameterM
                          : ks == "width_m"  ? &s.widthM
                          : ks == "length_m" ? &s.lengthM
                          : ks == "height_m" ? &s.heightM
                          : ks == "depth_m"  ? &s.depthM
                                             : nullptr;
            if (!out) return std::unexpected(error(node, key + "." + ks, "unknown key"));
            auto v = value(node, key + "." + ks);
            if (!v) return std::unexpected(v.error());
            *out = v->value;
            if (sources.find(v->source) == std::string::npos)
                sources += (sources.empty() ? "" : "; ") + v->source;
        }
        if (s.shape == io::PointObjectShape::Shape::Box && !(s.widthM > 0 && s.lengthM > 0))
            return std::unexpected(error(n, key, "a box needs width_m and length_m"));
        if (s.shape == io::PointObjectShape::Shape::Cylinder && !(s.diameterM > 0))
            return std::unexpected(error(n, key, "a cylinder needs diameter_m"));
        s.source = sources;
        return s;
    }

    bool knownName(const std::string& s) const {
        return s == "*" || model::themes::isKnown(s) || rules.groups.count(s);
    }

    core::Result<std::vector<std::string>> themeList(const toml::node& n,
                                                     const std::string& key) const {
        const auto* arr = n.as_array();
        if (!arr) return std::unexpected(error(n, key, "expected a list of themes"));
        std::vector<std::string> out;
        for (const auto& e : *arr) {
            auto s = e.value<std::string>();
            if (!s) return std::unexpected(error(e, key, "expected a theme name"));
            if (!knownName(*s))
                return std::unexpected(error(e, key, "unknown theme or group '" + *s + "'"));
            out.push_back(*s);
        }
        return out;
    }

    core::Result<void> themeValues(const toml::table& t, const std::string& key,
                                   std::map<std::string, RuleValue>& out, bool themes) {
        for (auto&& [k, node] : t) {
            std::string name(k.str());
            if (themes && !knownName(name))
                return std::unexpected(
                    error(node, key + "." + name, "unknown theme '" + name + "'"));
            auto v = value(node, key + "." + name);
            if (!v) return std::unexpected(v.error());
            out[themes ? name : lower(name)] = *v;
        }
        return {};
    }

    // Empty when the group's nesting is fine, else what is wrong.
    std::string nestingProblem(const std::string& group) const {
        std::vector<std::string> path;
        std::function<std::string(const std::string&)> visit = [&](const std::string& g) {
            if (std::find(path.begin(), path.end(), g) != path.end()) {
                std::string cycle;
                for (const auto& p : path) cycle += p + " -> ";
                return "groups form a cycle: " + cycle + g;
            }
            if (path.size() >= core::limits().ruleGroupDepth)
                return core::overLimit("groups nested " + std::to_string(path.size()) + " deep",
                                       "rule-group-depth");
            auto it = rules.groups.find(g);
            if (it == rules.groups.end()) return std::string();
            path.push_back(g);
            for (const auto& member : it->second)
                if (member != g)
                    if (auto why = visit(member); !why.empty()) return why;
            path.pop_back();
            return std::string();
        };
        return visit(group);
    }

    core::Result<void> run(const toml::table& root) {
        static const std::vector<std::string> kSections = {
            "ruleset",      "groups", "defaults",     "clearance",     "trees",     "wko",
            "infiltration", "zones",  "intervention", "point_objects", "plausible", "excavation"};
        for (auto&& [k, node] : root)
            if (std::find(kSections.begin(), kSections.end(), std::string(k.str())) ==
                kSections.end())
                return std::unexpected(error(node, std::string(k.str()), "unknown section"));
        if (auto name = root["ruleset"]["name"].value<std::string>()) rules.name = *name;
        if (const auto* g = root["groups"].as_table()) {
            for (auto&& [k, node] : *g) {
                std::string group(k.str());
                rules.groups[group] = {};  // allow groups naming groups defined earlier
                auto list = themeList(node, "groups." + group);
                if (!list) return std::unexpected(list.error());
                rules.groups[group] = *list;
            }
            // Groups of groups: no cycle, and no deeper nesting than the limit, so that matching
            // a theme always ends.
            for (auto&& [k, node] : *g)
                if (auto why = nestingProblem(std::string(k.str())); !why.empty())
                    return std::unexpected(error(node, "groups." + std::string(k.str()), why));
        }
        if (const auto* d = root["defaults"].as_table()) {
            for (auto&& [k, node] : *d) {
                std::string key(k.str());
                core::Result<void> ok;
                if (key == "depth_uncertainty_m") {
                    const auto* t = node.as_table();
                    if (!t)
                        return std::unexpected(error(node, "defaults." + key, "expected a table"));
                    for (auto&& [pk, pn] : *t)
                        if (!model::provenanceFromCode(std::string(pk.str())))
                            return std::unexpected(
                                error(pn, "defaults." + key + "." + std::string(pk.str()),
                                      "not a provenance (measured, derived, assumed, unknown)"));
                    ok = themeValues(*t, "defaults." + key, rules.depthUncertainty, false);
                } else if (key == "cover_depth_m" || key == "diameter_m") {
                    const auto* t = node.as_table();
                    if (!t)
                        return std::unexpected(error(node, "defaults." + key, "expected a table"));
                    ok = themeValues(*t, "defaults." + key,
                                     key == "cover_depth_m" ? rules.coverDepth : rules.diameter,
                                     true);
                } else if (key == "parallel_angle_deg" || key == "duplicate_tolerance_m") {
                    auto v = value(node, "defaults." + key);
                    if (!v) return std::unexpected(v.error());
                    (key == "parallel_angle_deg" ? rules.parallelAngleDeg
                                                 : rules.duplicateTolerance) = *v;
                } else if (key == "cover_ground_radius_m") {
                    auto v = value(node, "defaults." + key);
                    if (!v) return std::unexpected(v.error());
                    rules.coverGroundRadius = *v;
                } else if (key == "appurtenance_diameter_m" ||
                           key == "cabinet_foundation_depth_m" || key == "manhole_depth_m") {
                    auto v = value(node, "defaults." + key);
                    if (!v) return std::unexpected(v.error());
                    (key == "appurtenance_diameter_m"      ? rules.appurtenanceDiameter
                     : key == "cabinet_foundation_depth_m" ? rules.cabinetFoundationDepth
                                                           : rules.manholeDepth) = *v;
                } else if (key == "depth_point_snap_m" || key == "depth_point_influence_m" ||
                           key == "depth_point_uncertainty_growth") {
                    auto v = value(node, "defaults." + key);
                    if (!v) return std::unexpected(v.error());
                    (key == "depth_point_snap_m"        ? rules.depthPoints.snap
                     : key == "depth_point_influence_m" ? rules.depthPoints.influence
                                                        : rules.depthPoints.uncertaintyGrowth) = *v;
                } else {
                    return std::unexpected(error(node, "defaults." + key, "unknown key"));
                }
                if (!ok) return ok;
            }
        }
        if (const auto* arr = root["clearance"].as_array()) {
            std::vector<ClearanceRule> parsed;
            for (std::size_t i = 0; i < arr->size(); ++i) {
                const auto* t = (*arr)[i].as_table();
                std::string key = "clearance[" + std::to_string(i + 1) + "]";
                if (!t) return std::unexpected(error((*arr)[i], key, "expected a table"));
                ClearanceRule r;
                for (const char* side : {"a", "b"}) {
                    auto s = (*t)[side].value<std::string>();
                    if (!s) return std::unexpected(error(*t, key + "." + side, "missing theme"));
                    if (!knownName(*s))
                        return std::unexpected(error(*(*t).get(side), key + "." + side,
                                                     "unknown theme or group '" + *s + "'"));
                    (side[0] == 'a' ? r.a : r.b) = *s;
                }
                if (!t->contains("parallel_m"))
                    return std::unexpected(error(*t, key + ".parallel_m", "missing value"));
                auto p = value(*t->get("parallel_m"), key + ".parallel_m");
                if (!p) return std::unexpected(p.error());
                r.parallel = *p;
                if (t->contains("crossing_m")) {
                    auto c = value(*t->get("crossing_m"), key + ".crossing_m");
                    if (!c) return std::unexpected(c.error());
                    r.crossing = *c;
                } else {
                    r.crossing = r.parallel;
                }
                for (auto&& [k, node] : *t) {
                    std::string ks(k.str());
                    if (ks != "a" && ks != "b" && ks != "parallel_m" && ks != "crossing_m" &&
                        ks != "note")
                        return std::unexpected(error(node, key + "." + ks, "unknown key"));
                }
                r.id = "clearance:" + r.a + "/" + r.b;
                parsed.push_back(std::move(r));
            }
            // An extending file's clearances come first: among equally specific rules, first wins.
            rules.clearances.insert(rules.clearances.begin(), parsed.begin(), parsed.end());
        }
        auto optionalValue = [&](const toml::table& t, const char* k, const std::string& prefix,
                                 std::optional<RuleValue>& out) -> core::Result<void> {
            if (!t.contains(k)) return {};
            auto v = value(*t.get(k), prefix + "." + k);
            if (!v) return std::unexpected(v.error());
            out = *v;
            return {};
        };
        auto checkKeys = [&](const toml::table& t, const std::string& prefix,
                             std::initializer_list<const char*> allowed) -> core::Result<void> {
            for (auto&& [k, node] : t) {
                std::string ks(k.str());
                if (std::none_of(allowed.begin(), allowed.end(),
                                 [&](const char* a) { return ks == a; }))
                    return std::unexpected(error(node, prefix + "." + ks, "unknown key"));
            }
            return {};
        };
        if (const auto* t = root["trees"].as_table()) {
            if (auto ok = checkKeys(*t, "trees",
                                    {"distance_from_stem_m", "applies_to",
                                     "root_zone_crown_radius_plus_m", "root_depth_m"});
                !ok)
                return ok;
            for (auto [k, out] :
                 {std::pair{"distance_from_stem_m", &rules.trees.distanceFromStem},
                  {"root_zone_crown_radius_plus_m", &rules.trees.rootZoneCrownRadiusPlus},
                  {"root_depth_m", &rules.trees.rootDepth}})
                if (auto ok = optionalValue(*t, k, "trees", *out); !ok) return ok;
            if (t->contains("applies_to")) {
                auto l = themeList(*t->get("applies_to"), "trees.applies_to");
                if (!l) return std::unexpected(l.error());
                rules.trees.appliesTo = *l;
            }
        }
        if (const auto* t = root["wko"].as_table()) {
            if (auto ok = checkKeys(*t, "wko",
                                    {"c_water_j_m3k", "c_aquifer_j_m3k", "same_temperature_factor",
                                     "opposite_temperature_factor"});
                !ok)
                return ok;
            for (auto [k, out] :
                 {std::pair{"c_water_j_m3k", &rules.wko.cWater},
                  {"c_aquifer_j_m3k", &rules.wko.cAquifer},
                  {"same_temperature_factor", &rules.wko.sameTemperatureFactor},
                  {"opposite_temperature_factor", &rules.wko.oppositeTemperatureFactor}})
                if (auto ok = optionalValue(*t, k, "wko", *out); !ok) return ok;
        }
        if (const auto* t = root["infiltration"].as_table()) {
            if (auto ok = checkKeys(*t, "infiltration", {"min_bottom_above_ghg_m", "applies_to"});
                !ok)
                return ok;
            if (auto ok = optionalValue(*t, "min_bottom_above_ghg_m", "infiltration",
                                        rules.infiltration.minBottomAboveGhg);
                !ok)
                return ok;
            if (t->contains("applies_to")) {
                auto l = themeList(*t->get("applies_to"), "infiltration.applies_to");
                if (!l) return std::unexpected(l.error());
                rules.infiltration.appliesTo = *l;
            }
        }
        if (const auto* t = root["excavation"].as_table()) {
            if (auto ok = checkKeys(*t, "excavation",
                                    {"network_working_space_m", "dewatering_margin_below_glg_m"});
                !ok)
                return ok;
            for (auto [k, out] :
                 {std::pair{"network_working_space_m", &rules.excavation.networkWorkingSpace},
                  {"dewatering_margin_below_glg_m", &rules.excavation.dewateringMarginBelowGlg}})
                if (auto ok = optionalValue(*t, k, "excavation", *out); !ok) return ok;
        }
        if (const auto* t = root["zones"].as_table()) {
            if (auto ok = checkKeys(*t, "zones", {"protected_themes"}); !ok) return ok;
            if (t->contains("protected_themes")) {
                auto l = themeList(*t->get("protected_themes"), "zones.protected_themes");
                if (!l) return std::unexpected(l.error());
                rules.protectedThemes = *l;
            }
        }
        if (const auto* t = root["point_objects"].as_table()) {
            for (auto&& [k, node] : *t) {
                auto shape = pointObject(node, "point_objects." + std::string(k.str()));
                if (!shape) return std::unexpected(shape.error());
                rules.pointObjects[std::string(k.str())] = *shape;
            }
        }
        if (const auto* t = root["plausible"].as_table()) {
            for (auto&& [k, node] : *t) {
                std::string theme(k.str());
                const std::string key = "plausible." + theme;
                if (!knownName(theme))
                    return std::unexpected(error(node, key, "unknown theme '" + theme + "'"));
                const auto* pt = node.as_table();
                if (!pt) return std::unexpected(error(node, key, "expected a table"));
                for (auto&& [pk, pn] : *pt) {
                    std::string what(pk.str());
                    if (what != "diameter_m" && what != "depth_m")
                        return std::unexpected(error(pn, key + "." + what, "unknown key"));
                    auto r = range(pn, key + "." + what);
                    if (!r) return std::unexpected(r.error());
                    (what == "diameter_m" ? rules.plausibleDiameter : rules.plausibleDepth)[theme] =
                        *r;
                }
            }
        }
        if (const auto* t = root["intervention"].as_table()) {
            for (auto&& [medium, node] : *t) {
                const auto* mt = node.as_table();
                std::string m(medium.str());
                if (m != "grond" && m != "grondwater")
                    return std::unexpected(
                        error(node, "intervention." + m, "medium must be 'grond' or 'grondwater'"));
                if (!mt)
                    return std::unexpected(error(node, "intervention." + m, "expected a table"));
                if (auto ok = themeValues(*mt, "intervention." + m, rules.intervention[m], false);
                    !ok)
                    return ok;
            }
        }
        return {};
    }
};

}  // namespace

core::Result<RuleSet> RuleSet::parse(const std::string& text, const std::string& sourceName) {
    toml::table root;
    try {
        root = toml::parse(text, sourceName);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << "line " << e.source().begin.line << ": " << e.description();
        return fail(sourceName, "", msg.str());
    }
    RuleSet rules;
    std::string extends = root["ruleset"]["extends"].value_or(std::string());
    if (!extends.empty()) {
        if (extends != "nl-default")
            return fail(sourceName, "",
                        "line " +
                            std::to_string(root["ruleset"]["extends"].node()->source().begin.line) +
                            ", key 'ruleset.extends': only \"nl-default\" can be extended");
        rules = dutchDefault();
    }
    rules.file = sourceName;
    Parser p{sourceName, rules};
    if (auto ok = p.run(root); !ok) return std::unexpected(ok.error());
    if (rules.name.empty()) rules.name = sourceName;
    return rules;
}

core::Result<RuleSet> RuleSet::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) return fail(path, "", "cannot read rule file");
    std::stringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), path);
}

const RuleSet& RuleSet::dutchDefault() {
    static const RuleSet rules = [] {
        auto r = parse(kDutchDefaultRulesToml, "nl-default.toml");
        if (!r) throw std::logic_error("built-in rule set is invalid: " + r.error().toString());
        return *r;
    }();
    return rules;
}

bool RuleSet::matches(const std::string& name, const std::string& theme) const {
    if (name == "*" || name == theme) return true;
    const std::string& t =
        model::themes::isKnown(theme) ? theme : std::string(model::themes::kFallback);
    if (name == t) return true;
    auto it = groups.find(name);
    if (it == groups.end()) return false;
    for (const auto& member : it->second)
        if (member != name && matches(member, t)) return true;
    return false;
}

const ClearanceRule* RuleSet::clearanceFor(const std::string& ta, const std::string& tb) const {
    // A theme beats a group, a small group beats a large one, and anything beats "*".
    auto specificity = [&](const std::string& name, const std::string& theme) {
        if (!matches(name, theme)) return -1;
        if (name == "*") return 0;
        if (auto g = groups.find(name); g != groups.end())
            return 1000 - static_cast<int>(std::min<std::size_t>(g->second.size(), 999));
        return 2000;
    };
    const ClearanceRule* best = nullptr;
    int bestScore = -1;
    for (const auto& r : clearances) {
        int s1 = std::min(specificity(r.a, ta), specificity(r.b, tb));
        int s2 = std::min(specificity(r.a, tb), specificity(r.b, ta));
        int direct = s1 >= 0 ? specificity(r.a, ta) + specificity(r.b, tb) : -1;
        int swapped = s2 >= 0 ? specificity(r.a, tb) + specificity(r.b, ta) : -1;
        int score = std::max(direct, swapped);
        if (score > bestScore) {
            bestScore = score;
            best = &r;
        }
    }
    return best;
}

namespace {
double lookup(const std::map<std::string, RuleValue>& m, const std::string& theme,
              const RuleValue** used) {
    auto it = m.find(theme);
    if (it == m.end()) it = m.find("*");
    if (it == m.end()) {
        if (used) *used = nullptr;
        return NAN;
    }
    if (used) *used = &it->second;
    return it->second.value;
}
}  // namespace

double RuleSet::defaultCoverDepth(const std::string& theme, const RuleValue** used) const {
    return lookup(coverDepth, theme, used);
}
double RuleSet::defaultDiameter(const std::string& theme, const RuleValue** used) const {
    return lookup(diameter, theme, used);
}
double RuleSet::defaultUncertainty(const std::string& provenance) const {
    auto it = depthUncertainty.find(provenance);
    return it == depthUncertainty.end() ? 0.0 : it->second.value;
}

double RuleSet::thermalRadius(double volume, double screenLength) const {
    if (!wko.cWater || !wko.cAquifer || !(volume > 0) || !(screenLength > 0)) return NAN;
    return std::sqrt(wko.cWater->value * volume /
                     (wko.cAquifer->value * std::numbers::pi * screenLength));
}

const RuleValue* RuleSet::interventionValue(const std::string& medium,
                                            const std::string& substance) const {
    auto m = intervention.find(medium);
    if (m == intervention.end()) return nullptr;
    auto s = m->second.find(lower(substance));
    return s == m->second.end() ? nullptr : &s->second;
}

const RuleValue* RuleSet::find(std::string_view key) const {
    auto opt = [](const std::optional<RuleValue>& v) { return v ? &*v : nullptr; };
    auto inMap = [](const std::map<std::string, RuleValue>& m, std::string_view k) {
        auto it = m.find(std::string(k));
        return it == m.end() ? nullptr : &it->second;
    };
    const std::pair<std::string_view, const RuleValue*> singles[] = {
        {"defaults.parallel_angle_deg", &parallelAngleDeg},
        {"defaults.duplicate_tolerance_m", &duplicateTolerance},
        {"defaults.appurtenance_diameter_m", opt(appurtenanceDiameter)},
        {"defaults.cabinet_foundation_depth_m", opt(cabinetFoundationDepth)},
        {"defaults.manhole_depth_m", opt(manholeDepth)},
        {"defaults.cover_ground_radius_m", opt(coverGroundRadius)},
        {"defaults.depth_point_snap_m", opt(depthPoints.snap)},
        {"defaults.depth_point_influence_m", opt(depthPoints.influence)},
        {"defaults.depth_point_uncertainty_growth", opt(depthPoints.uncertaintyGrowth)},
        {"trees.distance_from_stem_m", opt(trees.distanceFromStem)},
        {"trees.root_zone_crown_radius_plus_m", opt(trees.rootZoneCrownRadiusPlus)},
        {"trees.root_depth_m", opt(trees.rootDepth)},
        {"wko.c_water_j_m3k", opt(wko.cWater)},
        {"wko.c_aquifer_j_m3k", opt(wko.cAquifer)},
        {"wko.same_temperature_factor", opt(wko.sameTemperatureFactor)},
        {"wko.opposite_temperature_factor", opt(wko.oppositeTemperatureFactor)},
        {"infiltration.min_bottom_above_ghg_m", opt(infiltration.minBottomAboveGhg)},
        {"excavation.network_working_space_m", opt(excavation.networkWorkingSpace)},
        {"excavation.dewatering_margin_below_glg_m", opt(excavation.dewateringMarginBelowGlg)},
    };
    for (auto [k, v] : singles)
        if (k == key) return v;
    for (auto [prefix, table] :
         {std::pair{std::string_view("defaults.cover_depth_m."), &coverDepth},
          {"defaults.diameter_m.", &diameter},
          {"defaults.depth_uncertainty_m.", &depthUncertainty}})
        if (key.starts_with(prefix)) return inMap(*table, key.substr(prefix.size()));
    return nullptr;
}

io::ReadOptions readOptionsFrom(const RuleSet& rules) {
    io::ReadOptions o;
    o.defaults.defaultCoverM = rules.defaultCoverDepth("overig");
    o.defaults.assumedBandM = rules.defaultUncertainty("assumed");
    for (auto theme : model::themes::kImkl)
        o.defaults.coverByTheme[std::string(theme)] = rules.defaultCoverDepth(std::string(theme));
    o.defaults.pointObjects = rules.pointObjects;
    o.defaults.plausibleDiameter = rules.plausibleDiameter;
    o.defaults.plausibleDepth = rules.plausibleDepth;
    if (rules.coverGroundRadius) o.defaults.coverGroundRadiusM = rules.coverGroundRadius->value;
    for (const auto& format : io::sourceFormats())
        for (const auto& option : format.options)
            if (!option.ruleKey.empty())
                if (const RuleValue* v = rules.find(option.ruleKey)) {
                    char buf[64];
                    std::snprintf(buf, sizeof buf, "%.17g", v->value);
                    o.formatOptions[format.name + "." + option.name] = buf;
                }
    return o;
}

}  // namespace bz::clash
