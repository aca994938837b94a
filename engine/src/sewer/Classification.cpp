#include <bodemzicht/sewer/Classification.h>

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace bz::sewer {

extern const char* const kShippedConditionToml;

std::string_view toCode(Aspect a) {
    switch (a) {
        case Aspect::Structural:
            return "structural";
        case Aspect::Operational:
            return "operational";
        case Aspect::Infiltration:
            return "infiltration";
        case Aspect::None:
            break;
    }
    return "";
}

namespace {

core::Error ruleError(const std::string& origin, const toml::node& n, const std::string& what) {
    return {origin, "", "line " + std::to_string(n.source().begin.line) + ": " + what};
}

core::Result<std::vector<std::string>> codeList(const toml::node* n, const std::string& origin,
                                                const std::string& key) {
    std::vector<std::string> out;
    if (!n) return out;
    const auto* a = n->as_array();
    if (!a) return std::unexpected(ruleError(origin, *n, "'" + key + "' is not a list of codes"));
    for (const auto& e : *a) {
        auto s = e.value<std::string>();
        if (!s) return std::unexpected(ruleError(origin, e, "'" + key + "' holds a non-text code"));
        out.push_back(*s);
    }
    return out;
}

core::Result<int> classOf(const toml::node& n, const std::string& origin) {
    auto c = n.value<std::int64_t>();
    if (!c || *c < 1 || *c > 5)
        return std::unexpected(ruleError(origin, n, "'class' must be a whole number 1 to 5"));
    return static_cast<int>(*c);
}

}  // namespace

core::Result<ClassificationTable> ClassificationTable::parse(std::string_view text,
                                                             const std::string& origin) {
    toml::table root;
    try {
        root = toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        return core::fail(
            origin, "",
            "line " + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    ClassificationTable t;
    t.mName = root["name"].value_or(std::string());
    if (t.mName.empty()) return core::fail(origin, "", "the table has no 'name'");
    auto sources = codeList(root.get("sources"), origin, "sources");
    if (!sources) return std::unexpected(sources.error());
    if (sources->empty())
        return core::fail(origin, "",
                          "the table names no 'sources' (every table says where its "
                          "classes come from)");
    t.mSources = std::move(*sources);
    if (const auto* aspects = root["aspects"].as_table()) {
        for (auto [list, key] : {std::pair{&t.mStructural, "structural"},
                                 {&t.mOperational, "operational"},
                                 {&t.mInfiltration, "infiltration"},
                                 {&t.mOther, "other"}}) {
            auto codes = codeList(aspects->get(key), origin, key);
            if (!codes) return std::unexpected(codes.error());
            *list = std::move(*codes);
        }
    }
    const auto* rules = root["rule"].as_array();
    if (!rules) return core::fail(origin, "", "the table has no [[rule]]");
    for (const auto& node : *rules) {
        const auto* r = node.as_table();
        if (!r) return std::unexpected(ruleError(origin, node, "a [[rule]] is not a table"));
        auto codes = codeList(r->get("codes"), origin, "codes");
        if (!codes) return std::unexpected(codes.error());
        if (codes->empty())
            return std::unexpected(ruleError(origin, node, "a rule has no 'codes'"));
        ClassRule base;
        base.char1 = (*r)["char1"].value_or(std::string());
        base.char2 = (*r)["char2"].value_or(std::string());
        base.note = (*r)["note"].value_or(std::string());
        std::vector<ClassRule> expanded;
        if (const auto* ranges = (*r)["ranges"].as_array()) {
            for (const auto& rn : *ranges) {
                const auto* range = rn.as_table();
                if (!range || !range->get("class"))
                    return std::unexpected(
                        ruleError(origin, rn, "a range is not { min, max, class }"));
                ClassRule cr = base;
                cr.minValue = (*range)["min"].value_or(cr.minValue);
                cr.maxValue = (*range)["max"].value_or(cr.maxValue);
                if (!(cr.minValue < cr.maxValue))
                    return std::unexpected(
                        ruleError(origin, rn, "a range's min is not below its max"));
                auto c = classOf(*range->get("class"), origin);
                if (!c) return std::unexpected(c.error());
                cr.conditionClass = *c;
                expanded.push_back(cr);
            }
        } else if (const auto* c = r->get("class")) {
            auto cls = classOf(*c, origin);
            if (!cls) return std::unexpected(cls.error());
            base.conditionClass = *cls;
            expanded.push_back(base);
        } else {
            return std::unexpected(
                ruleError(origin, node, "a rule has neither 'class' nor 'ranges'"));
        }
        for (const auto& code : *codes)
            for (auto cr : expanded) {
                cr.code = code;
                t.mRules.push_back(std::move(cr));
            }
    }
    return t;
}

core::Result<ClassificationTable> ClassificationTable::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::fail(path, "", "cannot read the condition table");
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

const ClassificationTable& ClassificationTable::builtIn() {
    static const ClassificationTable table = [] {
        auto t = parse(kShippedConditionToml, "datasets/sewer/condition-nl.toml");
        if (!t) throw std::logic_error("the shipped condition table: " + t.error().toString());
        return *t;
    }();
    return table;
}

Aspect ClassificationTable::aspectOf(std::string_view code) const {
    auto in = [&](const std::vector<std::string>& list) {
        return std::find(list.begin(), list.end(), code) != list.end();
    };
    if (in(mStructural)) return Aspect::Structural;
    if (in(mOperational)) return Aspect::Operational;
    if (in(mInfiltration)) return Aspect::Infiltration;
    return Aspect::None;
}

bool ClassificationTable::knows(std::string_view code) const {
    if (aspectOf(code) != Aspect::None) return true;
    if (std::find(mOther.begin(), mOther.end(), code) != mOther.end()) return true;
    return std::any_of(mRules.begin(), mRules.end(),
                       [&](const ClassRule& r) { return r.code == code; });
}

Classified ClassificationTable::classify(const model::SewerObservation& o) const {
    Classified out;
    out.knownCode = knows(o.code);
    out.aspect = aspectOf(o.code);
    for (const auto& r : mRules) {
        if (r.code != o.code) continue;
        if (!r.char1.empty() && r.char1 != o.char1) continue;
        if (!r.char2.empty() && r.char2 != o.char2) continue;
        const bool ranged = r.minValue != -std::numeric_limits<double>::infinity() ||
                            r.maxValue != std::numeric_limits<double>::infinity();
        if (ranged && !(o.value1 >= r.minValue && o.value1 < r.maxValue)) continue;
        out.conditionClass = r.conditionClass;
        break;
    }
    return out;
}

}  // namespace bz::sewer
