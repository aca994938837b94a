#include <bodemzicht/plan/ServiceLife.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace bz::plan {

extern const char* const kShippedServiceLife;

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

core::Error at(const std::string& origin, const toml::node& n, const std::string& what) {
    return {origin, "", "line " + std::to_string(n.source().begin.line) + ": " + what};
}

core::Result<TableValue> tableValue(const toml::table& root, const std::string& origin,
                                    const char* section, const char* key) {
    const auto* t = root[section][key].as_table();
    if (!t)
        return core::fail(origin, "",
                          std::string("[") + section + "] needs " + key +
                              " = { value = ..., source = \"...\", verified = ... }");
    TableValue v;
    auto value = (*t)["value"].value<double>();
    v.source = (*t)["source"].value_or(std::string());
    v.verified = (*t)["verified"].value_or(false);
    if (!value || v.source.empty() || *value < 0 || *value > 10000)
        return std::unexpected(at(origin, *t,
                                  std::string(section) + "." + key +
                                      ": a value from 0 to 10000 and its source are needed"));
    v.value = *value;
    return v;
}

core::Result<std::vector<std::string>> strings(const toml::table& t, const char* key,
                                               const std::string& origin) {
    std::vector<std::string> out;
    if (!t.contains(key)) return out;
    const auto* a = t[key].as_array();
    if (!a) return std::unexpected(at(origin, t, std::string(key) + " is not a list"));
    for (const auto& n : *a) {
        auto s = n.value<std::string>();
        if (!s) return std::unexpected(at(origin, n, std::string(key) + ": an entry is not text"));
        out.push_back(*s);
    }
    return out;
}

}  // namespace

core::Result<ServiceLifeTable> ServiceLifeTable::parse(std::string_view text,
                                                       const std::string& origin) {
    toml::table root;
    try {
        root = toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        return core::fail(
            origin, "",
            "line " + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    ServiceLifeTable t;
    t.origin = origin;
    struct Key {
        const char *section, *key;
        TableValue* into;
    };
    for (auto [section, key, into] : {Key{"assumptions", "unknown_year_laid", &t.unknownYearLaid},
                                      {"condition", "class_5_within_years", &t.class5Within},
                                      {"condition", "class_4_within_years", &t.class4Within},
                                      {"condition", "class_3_within_years", &t.class3Within},
                                      {"condition", "good_not_before_years", &t.goodNotBefore},
                                      {"planning", "overdue_within_years", &t.overdueWithin},
                                      {"planning", "no_dig_years", &t.noDigYears},
                                      {"planning", "announce_months", &t.announceMonths}}) {
        auto v = tableValue(root, origin, section, key);
        if (!v) return std::unexpected(v.error());
        *into = *v;
    }
    const auto* lives = root["life"].as_array();
    if (!lives || lives->empty()) return core::fail(origin, "", "no [[life]] rows");
    for (const auto& node : *lives) {
        const auto* row = node.as_table();
        if (!row) return std::unexpected(at(origin, node, "a [[life]] is not a table"));
        ServiceLife life;
        for (auto [key, into] : {std::pair{"themes", &life.themes},
                                 {"types", &life.types},
                                 {"materials", &life.materials}}) {
            auto list = strings(*row, key, origin);
            if (!list) return std::unexpected(list.error());
            *into = std::move(*list);
        }
        for (auto& m : life.materials) m = lower(m);
        if (life.themes.empty() && life.types.empty())
            return std::unexpected(at(origin, node, "a [[life]] names no 'themes' or 'types'"));
        const auto* years = (*row)["years"].as_array();
        if (!years || years->size() != 3)
            return std::unexpected(at(origin, node, "'years' must be [min, typical, max]"));
        int y[3];
        for (std::size_t i = 0; i < 3; ++i) {
            auto v = (*years)[i].value<std::int64_t>();
            if (!v || *v <= 0 || *v > 500)
                return std::unexpected(at(origin, node, "'years' must be whole years 1..500"));
            y[i] = static_cast<int>(*v);
        }
        if (!(y[0] <= y[1] && y[1] <= y[2]))
            return std::unexpected(at(origin, node, "'years' must be min <= typical <= max"));
        life.minYears = y[0], life.typicalYears = y[1], life.maxYears = y[2];
        life.source = (*row)["source"].value_or(std::string());
        life.verified = (*row)["verified"].value_or(false);
        if (life.source.empty())
            return std::unexpected(at(origin, node, "a [[life]] needs its 'source'"));
        t.lives.push_back(std::move(life));
    }
    return t;
}

core::Result<ServiceLifeTable> ServiceLifeTable::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::fail(path, "", "cannot open the service-life table");
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

const ServiceLifeTable& ServiceLifeTable::shipped() {
    static const ServiceLifeTable table = [] {
        auto t = parse(kShippedServiceLife, "datasets/rules/service-life-nl.toml");
        if (!t) throw std::logic_error("the shipped service-life table: " + t.error().toString());
        return std::move(*t);
    }();
    return table;
}

const ServiceLife* ServiceLifeTable::lifeOf(std::string_view theme, std::string_view type,
                                            std::string_view material, bool* byDefault) const {
    const std::string m = lower(material);
    bool anyWithMaterials = false;
    for (const auto& life : lives) {
        const bool applies =
            std::find(life.themes.begin(), life.themes.end(), theme) != life.themes.end() ||
            std::find(life.types.begin(), life.types.end(), type) != life.types.end();
        if (!applies) continue;
        if (life.materials.empty()) {
            if (byDefault) *byDefault = anyWithMaterials;
            return &life;
        }
        anyWithMaterials = true;
        if (m.empty()) continue;
        for (const auto& word : life.materials)
            if (m.find(word) != std::string::npos) {
                if (byDefault) *byDefault = false;
                return &life;
            }
    }
    return nullptr;
}

std::optional<ReplacementWindow> replacementWindow(const model::Dataset& ds,
                                                   const model::Feature& f,
                                                   const ServiceLifeTable& table, int startYear) {
    if (f.status != model::ObjectStatus::Existing && f.status != model::ObjectStatus::OutOfService)
        return std::nullopt;
    const std::string material = ds.str(f.material);
    bool byDefault = false;
    const auto* life = table.lifeOf(ds.str(f.theme), model::toCode(f.type), material, &byDefault);
    if (!life) return std::nullopt;
    ReplacementWindow w;
    w.life = life;
    std::vector<std::string> assumed;
    if (f.dates.laid.known()) {
        w.laidYear = f.dates.laid.year();
    } else {
        w.laidYear = static_cast<int>(table.unknownYearLaid.value);
        assumed.push_back("year laid");
    }
    // No material where the table tells materials apart: the theme's default life is assumed.
    if (byDefault && material.empty()) assumed.push_back("material");
    w.defaultLife = byDefault && !material.empty();
    w.fromYear = w.laidYear + life->minYears;
    w.toYear = w.laidYear + life->maxYears;
    w.basis =
        "laid " + std::to_string(w.laidYear) + " + " + std::to_string(life->minYears) + "-" +
        std::to_string(life->maxYears) + " years" +
        (material.empty() ? std::string()
                          : " (" + material + (byDefault ? ": the theme's default" : "") + ")");
    // A sewer's condition narrows it.
    if (const auto* c = ds.firstDetail<model::SewerCondition>(f); c && c->overall > 0) {
        const int inspected = c->inspected.known() ? c->inspected.year() : startYear;
        const std::string cls = "condition class " + std::to_string(c->overall);
        auto within = [&](const TableValue& v) {
            w.fromYear = startYear;
            w.toYear = startYear + static_cast<int>(v.value);
            w.basis = cls + " (" + std::to_string(inspected) + "): within " +
                      std::to_string(static_cast<int>(v.value)) + " years";
        };
        if (c->overall >= 5)
            within(table.class5Within);
        else if (c->overall == 4)
            within(table.class4Within);
        else if (c->overall == 3 &&
                 w.toYear > startYear + static_cast<int>(table.class3Within.value))
            w.toYear = std::max(w.fromYear, startYear + static_cast<int>(table.class3Within.value)),
            w.basis += ", " + cls + ": by " + std::to_string(w.toYear);
        else if (c->overall <= 2) {
            const int notBefore = inspected + static_cast<int>(table.goodNotBefore.value);
            if (w.fromYear < notBefore) {
                w.fromYear = notBefore;
                w.toYear = std::max(w.toYear, notBefore);
                w.basis += ", " + cls + ": not before " + std::to_string(notBefore);
            }
        }
    }
    if (w.toYear < startYear) {
        w.basis += ", overdue";
        w.fromYear = startYear;
        w.toYear = startYear + static_cast<int>(table.overdueWithin.value);
    } else if (w.fromYear < startYear) {
        w.fromYear = startYear;
    }
    for (const auto& a : assumed) w.assumed += (w.assumed.empty() ? "" : ", ") + a;
    return w;
}

}  // namespace bz::plan
