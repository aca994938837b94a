#include "AttributesJson.h"

#include <nlohmann/json.hpp>

namespace bz::io::detail {

// Ordered: the attributes come back in the order the source gave them.
using json = nlohmann::ordered_json;

std::string attributesToJson(const model::Dataset& ds, const model::Feature& f) {
    if (f.attributeCount == 0) return "";
    json out = json::object();
    for (const auto& a : ds.attributesOf(f)) {
        const std::string& key = ds.str(a.key);
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, model::Date>)
                    out[key] = json{{"date", v.toString()}};
                else if constexpr (std::is_same_v<T, double>)
                    out[key] = std::isfinite(v) ? json(v) : json(nullptr);
                else
                    out[key] = v;
            },
            a.value);
    }
    // Replacement characters for text that is not UTF-8: a Result API never throws.
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<AttributeList> attributesFromJson(const std::string& text) {
    json in = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (in.is_discarded() || !in.is_object()) return std::nullopt;
    AttributeList out;
    for (const auto& [key, v] : in.items()) {
        if (v.is_boolean()) {
            out.emplace_back(key, v.get<bool>());
        } else if (v.is_number_integer()) {
            out.emplace_back(key, v.get<std::int64_t>());
        } else if (v.is_number()) {
            out.emplace_back(key, v.get<double>());
        } else if (v.is_string()) {
            out.emplace_back(key, v.get<std::string>());
        } else if (v.is_object() && v.size() == 1 && v.contains("date") &&
                   v["date"].is_string()) {
            auto d = model::Date::parse(v["date"].get<std::string>());
            if (!d) return std::nullopt;
            out.emplace_back(key, *d);
        } else if (v.is_null()) {
            out.emplace_back(key, NAN);
        } else {
            return std::nullopt;
        }
    }
    return out;
}

}  // namespace bz::io::detail
