#include <bodemzicht/core/Limits.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace bz::core {

namespace {

struct Entry {
    const char* name;
    const char* what;
    std::uint64_t Limits::*integer = nullptr;
    double Limits::*real = nullptr;
};

constexpr Entry kEntries[] = {
    {"zip-bytes", "uncompressed bytes of all entries of one zip", &Limits::zipUncompressedBytes},
    {"zip-ratio", "compression ratio of one zip (uncompressed / compressed)", nullptr,
     &Limits::zipCompressionRatio},
    {"zip-entries", "entries of one zip", &Limits::zipEntries},
    {"raster-cells", "cells (width x height) of one raster", &Limits::rasterCells},
    {"grid-cells", "voxels of one variable of a 3D grid (netCDF)", &Limits::gridCells},
    {"xml-depth", "nesting depth of XML elements", &Limits::xmlDepth},
    {"xml-elements", "elements of one XML file", &Limits::xmlElements},
    {"xml-bytes", "bytes of one XML file", &Limits::xmlBytes},
    {"text-bytes", "bytes of one text value", &Limits::textBytes},
    {"rule-group-depth", "nesting of groups in a rule file", &Limits::ruleGroupDepth},
    {"threads", "worker threads", &Limits::threads},
    {"vertices", "vertices of one feature", &Limits::vertices},
    {"basemap-vertices", "vertices of a project's base map (all its layers)",
     &Limits::basemapVertices},
    {"street-segments", "street segments of a project", &Limits::streetSegments},
};

std::string valueOf(const Entry& e) {
    if (e.integer) return std::to_string(limits().*e.integer);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", limits().*e.real);
    return buf;
}

}  // namespace

Limits& limits() {
    static Limits l;
    return l;
}

std::vector<LimitInfo> describeLimits() {
    std::vector<LimitInfo> out;
    for (const auto& e : kEntries) out.push_back({e.name, e.what, valueOf(e)});
    return out;
}

Result<void> setLimit(const std::string& assignment) {
    auto eq = assignment.find('=');
    std::string names;
    for (const auto& e : kEntries) names += std::string(names.empty() ? "" : ", ") + e.name;
    if (eq == std::string::npos)
        return fail("", "", "--limit wants NAME=VALUE (names: " + names + ")");
    std::string name = assignment.substr(0, eq), text = assignment.substr(eq + 1);
    for (const auto& e : kEntries) {
        if (name != e.name) continue;
        // Checked parsing: the whole text is a positive number (1e9 allowed).
        double v = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v) || v <= 0)
            return fail("", "", "--limit " + name + ": '" + text + "' is not a positive number");
        if (e.real) {
            limits().*e.real = v;
        } else {
            if (v > 1.8e19 || v != std::floor(v))
                return fail("", "", "--limit " + name + ": '" + text + "' is not a whole number");
            limits().*e.integer = static_cast<std::uint64_t>(v);
        }
        return {};
    }
    return fail("", "", "--limit: no limit named '" + name + "' (names: " + names + ")");
}

std::string overLimit(const std::string& what, const std::string& limitName) {
    for (const auto& e : kEntries)
        if (limitName == e.name)
            return what + " exceed the limit " + limitName + " (" + valueOf(e) +
                   "); raise it with --limit " + limitName + "=N if the input is trusted";
    return what + " exceed the limit " + limitName;
}

}  // namespace bz::core
