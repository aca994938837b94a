#include <bodemzicht/model/DatasetSummary.h>

#include <bodemzicht/model/Themes.h>

#include <cmath>
#include <cstdio>
#include <sstream>

namespace bz::model {

DatasetSummary summarize(const Dataset& ds) {
    DatasetSummary s;
    s.features = ds.features.size();
    s.segments = ds.segmentCount();
    s.vertices = ds.vertices.size();
    s.extent = ds.bounds();
    for (const auto& f : ds.features) {
        ++s.perLayer[ds.str(f.layer)];
        ++s.perType[std::string(toCode(f.type))];
        ++s.perStatus[std::string(toCode(f.status))];
        ++s.perThemeStatus[ds.str(f.theme)][std::string(toCode(f.status))];
        if (f.owner == core::StringPool::kEmpty) ++s.unknownOwner;
        if (!f.dates.laid.known() && f.status != ObjectStatus::Proposed) ++s.unknownYear;
        if (!themes::isKnown(ds.str(f.theme))) ++s.unknownTheme;
        switch (f.kind()) {
            case GeometryKind::Linear: {
                const auto& l = ds.linears[f.geometry];
                if (std::isnan(l.outerDiameterM)) ++s.unknownDiameter;
                for (std::uint32_t i = 0; i < l.vertexCount; ++i)
                    ++s.vertexProvenance[std::string(
                        toCode(ds.vertexDepths[l.firstVertex + i].provenance))];
                break;
            }
            case GeometryKind::VerticalBody:
                ++s.bodyProvenance[std::string(toCode(ds.bodies[f.geometry].depth.provenance))];
                break;
            case GeometryKind::Prism:
                ++s.bodyProvenance[std::string(toCode(ds.prisms[f.geometry].depth.provenance))];
                break;
        }
    }
    auto problem = [&](std::size_t n, const char* what) {
        if (n) s.problems.push_back(std::to_string(n) + " " + what);
    };
    problem(s.unknownDiameter,
            "networks without a diameter (the rule set's default is used, marked assumed)");
    problem(s.vertexProvenance["unknown"],
            "network vertices without any height (default cover depth is assumed)");
    problem(s.unknownOwner, "features without an owner");
    problem(s.unknownTheme, "features with a theme Bodemzicht does not know (handled as 'overig')");
    return s;
}

std::string DatasetSummary::toText() const {
    std::ostringstream out;
    char buf[256];
    out << "features: " << features << "  network segments: " << segments
        << "  vertices: " << vertices << "\n";
    if (!extent.empty()) {
        std::snprintf(buf, sizeof buf,
                      "extent (EPSG:7415): x %.2f .. %.2f, y %.2f .. %.2f, z %.2f .. %.2f m NAP "
                      "(%.0f x %.0f m)\n",
                      extent.lo.x, extent.hi.x, extent.lo.y, extent.hi.y, extent.lo.z, extent.hi.z,
                      extent.hi.x - extent.lo.x, extent.hi.y - extent.lo.y);
        out << buf;
    }
    auto table = [&](const char* title, const std::map<std::string, std::size_t>& m) {
        out << title << ":\n";
        for (const auto& [k, v] : m) out << "  " << (k.empty() ? "(none)" : k) << ": " << v << "\n";
    };
    table("layers", perLayer);
    table("object types", perType);
    table("status", perStatus);
    // The owners' planned networks get a column only where a project has them.
    const bool planned = perStatus.count("planned") > 0;
    out << (planned ? "themes (existing / proposed / out_of_service / planned by the owner):\n"
                    : "themes (existing / proposed / out_of_service):\n");
    for (const auto& [theme, st] : perThemeStatus) {
        auto get = [&](const char* k) {
            auto it = st.find(k);
            return it == st.end() ? std::size_t{0} : it->second;
        };
        std::snprintf(buf, sizeof buf, "  %-28s %8zu %8zu %8zu",
                      theme.empty() ? "(none)" : theme.c_str(), get("existing"), get("proposed"),
                      get("out_of_service"));
        out << buf;
        if (planned) {
            std::snprintf(buf, sizeof buf, " %8zu", get("planned"));
            out << buf;
        }
        out << "\n";
    }
    auto shares = [&](const char* title, const std::map<std::string, std::size_t>& m) {
        std::size_t total = 0;
        for (const auto& [_, v] : m) total += v;
        if (!total) return;
        out << title << ":\n";
        for (const auto& [k, v] : m) {
            if (!v) continue;
            std::snprintf(buf, sizeof buf, "  %-9s %9zu  %5.1f %%\n", k.c_str(), v,
                          100.0 * v / total);
            out << buf;
        }
    };
    shares("depth provenance, network vertices", vertexProvenance);
    shares("depth provenance, bodies and zones", bodyProvenance);
    out << "problems:";
    if (problems.empty()) out << " none";
    out << "\n";
    for (const auto& p : problems) out << "  " << p << "\n";
    return out.str();
}

}  // namespace bz::model
