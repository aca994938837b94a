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

std::string encodeUncertainty(const model::VertexDepth* d, std::size_t n) {
    std::string s;
    if (n == 0) return "nan";
    bool uniform = true;
    for (std::size_t i = 1; i < n; ++i)
        uniform &= same(d[i].verticalUncertaintyM, d[0].verticalUncertaintyM);
    if (uniform) {
        appendNumber(s, d[0].verticalUncertaintyM);
        return s;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (i) s += ' ';
        appendNumber(s, d[i].verticalUncertaintyM);
    }
    return s;
}

std::string decodeDepths(std::string_view prov, std::string_view unc, std::size_t n,
                         std::vector<model::VertexDepth>& out) {
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
    std::vector<float> values;
    const char* c = unc.data();
    const char* end = c + unc.size();
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
        if (r.ec != std::errc())
            return "vertex_uncertainty_m '" + std::string(unc) + "' is not a list of numbers";
        if (v < 0) return "vertex_uncertainty_m is negative";
        values.push_back(v);
        c = r.ptr;
    }
    if (values.size() != 1 && values.size() != n)
        return "vertex_uncertainty_m has " + std::to_string(values.size()) + " values for " +
               std::to_string(n) + " vertices";
    for (std::size_t i = 0; i < n; ++i)
        out[i].verticalUncertaintyM = values.size() == 1 ? values[0] : values[i];
    return {};
}

}  // namespace bz::io::detail
