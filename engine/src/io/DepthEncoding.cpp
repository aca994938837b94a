#include "DepthEncoding.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace bz::io::detail {

std::string encodeProvenance(const model::VertexDepth* d, std::size_t n) {
    std::string s;
    bool uniform = true;
    for (std::size_t i = 1; i < n; ++i) uniform &= d[i].provenance == d[0].provenance;
    if (n == 0) return "u";
    if (uniform) return std::string(1, model::toChar(d[0].provenance));
    for (std::size_t i = 0; i < n; ++i) s += model::toChar(d[i].provenance);
    return s;
}

namespace {
void appendNumber(std::string& s, float v) {
    if (std::isnan(v)) {
        s += "nan";
        return;
    }
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    s.append(buf, r.ptr);
}
bool same(float a, float b) {
    return a == b || (std::isnan(a) && std::isnan(b));
}
}  // namespace

namespace {

// One number when all vertices share it, else one per vertex, separated by blanks.
std::string encodeFloats(const model::VertexDepth* d, std::size_t n, float model::VertexDepth::*m) {
    std::string s;
    if (n == 0) return "nan";
    bool uniform = true;
    for (std::size_t i = 1; i < n; ++i) uniform &= same(d[i].*m, d[0].*m);
    if (uniform) {
        appendNumber(s, d[0].*m);
        return s;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (i) s += ' ';
        appendNumber(s, d[i].*m);
    }
    return s;
}

// The inverse; a message on a malformed list, empty on success.
std::string decodeFloats(std::string_view text, std::size_t n, const char* column,
                         bool allowNegative, std::vector<model::VertexDepth>& out,
                         float model::VertexDepth::*m) {
    std::vector<float> values;
    const char* c = text.data();
    const char* end = c + text.size();
    while (c < end) {
        while (c < end && *c == ' ') ++c;
        if (c >= end) break;
        if (end - c >= 3 && std::string_view(c, 3) == "nan") {
            values.push_back(NAN);
            c += 3;
            continue;
        }
        float v = 0;
        auto r = std::from_chars(c, end, v);
        if (r.ec != std::errc() || !std::isfinite(v))
            return std::string(column) + " '" + std::string(text.substr(0, 40)) +
                   "' is not a list of numbers";
        if (v < 0 && !allowNegative) return std::string(column) + " is negative";
        values.push_back(v);
        c = r.ptr;
    }
    if (values.size() != 1 && values.size() != n)
        return std::string(column) + " has " + std::to_string(values.size()) + " values for " +
               std::to_string(n) + " vertices";
    for (std::size_t i = 0; i < n; ++i) out[i].*m = values.size() == 1 ? values[0] : values[i];
    return {};
}

}  // namespace

std::string encodeUncertainty(const model::VertexDepth* d, std::size_t n) {
    return encodeFloats(d, n, &model::VertexDepth::verticalUncertaintyM);
}

std::string encodeBelowGround(const model::VertexDepth* d, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isnan(d[i].belowGroundM)) return encodeFloats(d, n, &model::VertexDepth::belowGroundM);
    return {};
}

std::string decodeDepths(std::string_view prov, std::string_view unc, std::size_t n,
                         std::vector<model::VertexDepth>& out, std::string_view belowGround) {
    out.assign(n, {});
    if (prov.size() != 1 && prov.size() != n)
        return "vertex_provenance has " + std::to_string(prov.size()) + " letters for " +
               std::to_string(n) + " vertices";
    for (std::size_t i = 0; i < n; ++i) {
        auto p = model::provenanceFromChar(prov.size() == 1 ? prov[0] : prov[i]);
        if (!p)
            return "vertex_provenance letter '" +
                   std::string(1, prov.size() == 1 ? prov[0] : prov[i]) +
                   "' is not one of m, d, a, u";
        out[i].provenance = *p;
    }
    if (auto msg = decodeFloats(unc, n, "vertex_uncertainty_m", false, out,
                                &model::VertexDepth::verticalUncertaintyM);
        !msg.empty())
        return msg;
    // Older projects have no depths below ground: their heights are m NAP.
    if (!belowGround.empty())
        return decodeFloats(belowGround, n, "vertex_below_ground_m", true, out,
                            &model::VertexDepth::belowGroundM);
    return {};
}

}  // namespace bz::io::detail
