#include <bodemzicht/soil/Geotop.h>

#include <cctype>

#include "PlanClip.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace bz::soil {

namespace {

// TNO, REF_GTP_LITHO_CLASS (GeoTOP's lithoclass code table): codes, names and colours.
constexpr Lithoclass kClasses[] = {
    {0, "antropogeen", {200, 200, 200}},
    {1, "organisch materiaal (veen)", {157, 78, 64}},
    {2, "klei", {0, 146, 0}},
    {3, "kleiig zand, zandige klei en leem", {194, 207, 92}},
    {5, "zand fijn", {255, 255, 0}},
    {6, "zand midden", {243, 225, 6}},
    {7, "zand grof", {231, 195, 22}},
    {8, "grind", {216, 163, 32}},
    {9, "schelpen", {95, 95, 255}},
};

// One CSV line into fields (double quotes around a field may hold commas).
std::vector<std::string> csvFields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (char c : line) {
        if (c == '"')
            quoted = !quoted;
        else if (c == ',' && !quoted)
            out.emplace_back();
        else if (c != '\r')
            out.back() += c;
    }
    return out;
}

}  // namespace

const Lithoclass* lithoclass(int code) {
    for (const auto& c : kClasses)
        if (c.code == code) return &c;
    return nullptr;
}

core::Result<UnitTable> UnitTable::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) return core::fail(path, "", "cannot open the unit code table");
    std::string line;
    if (!std::getline(in, line)) return core::fail(path, "", "the unit code table is empty");
    auto header = csvFields(line);
    int cCode = -1, cName = -1, cNr = -1;
    for (int i = 0; i < static_cast<int>(header.size()); ++i) {
        if (header[i] == "STR_UNIT_CD") cCode = i;
        if (header[i] == "DESCRIPTION") cName = i;
        if (header[i] == "VOXEL_NR") cNr = i;
    }
    if (cCode < 0 || cName < 0 || cNr < 0)
        return core::fail(
            path, "",
            "expected the columns STR_UNIT_CD, DESCRIPTION and VOXEL_NR (TNO's REF_GTP_STR_UNIT)");
    UnitTable t;
    for (int row = 2; std::getline(in, line); ++row) {
        if (line.empty()) continue;
        auto f = csvFields(line);
        if (static_cast<int>(f.size()) <= std::max({cCode, cName, cNr}))
            return core::fail(path, "line " + std::to_string(row), "too few columns");
        char* end = nullptr;
        const long nr = std::strtol(f[cNr].c_str(), &end, 10);
        if (end == f[cNr].c_str() || *end)
            return core::fail(path, "line " + std::to_string(row),
                              "VOXEL_NR '" + f[cNr] + "' is not a whole number");
        t.units[static_cast<int>(nr)] = {f[cCode], f[cName]};
    }
    return t;
}

std::string geotopVersion(std::string_view title) {
    // vNNrN[sN]: version, release, service release.
    for (std::size_t at = title.find('v'); at != std::string_view::npos;
         at = title.find('v', at + 1)) {
        std::size_t p = at + 1;
        auto digits = [&]() -> std::optional<int> {
            const std::size_t start = p;
            int n = 0;
            while (p < title.size() && std::isdigit(static_cast<unsigned char>(title[p])) &&
                   p - start < 4)
                n = n * 10 + (title[p++] - '0');
            return p > start ? std::optional<int>(n) : std::nullopt;
        };
        const auto version = digits();
        if (!version || p >= title.size() || title[p] != 'r') continue;
        ++p;
        const auto release = digits();
        if (!release) continue;
        std::string out = std::to_string(*version) + "." + std::to_string(*release);
        if (p < title.size() && title[p] == 's') {
            ++p;
            if (const auto service = digits()) out += "." + std::to_string(*service);
        }
        return out;
    }
    return "";
}

core::Result<void> UnitTables::add(const std::string& spec) {
    const auto eq = spec.find('=');
    const std::string version = eq == std::string::npos ? "" : spec.substr(0, eq);
    const std::string path = eq == std::string::npos ? spec : spec.substr(eq + 1);
    if (byVersion.count(version))
        return core::fail(path, "",
                          version.empty() ? "a second unit table without a version"
                                          : "a second unit table for GeoTOP " + version);
    auto table = UnitTable::load(path);
    if (!table) return std::unexpected(table.error());
    byVersion[version] = std::move(*table);
    return {};
}

core::Result<const UnitTable*> UnitTables::forVersion(const std::string& version,
                                                      const std::string& gridName,
                                                      std::string& warning) const {
    warning.clear();
    if (!version.empty())
        if (auto it = byVersion.find(version); it != byVersion.end()) return &it->second;
    if (auto it = byVersion.find(""); it != byVersion.end()) {
        if (!version.empty() && byVersion.size() == 1)
            warning = "the unit table is not tied to a GeoTOP version; " + gridName +
                      " is GeoTOP " + version +
                      ": check that the table is that version's (unit codes differ between "
                      "versions)";
        return &it->second;
    }
    std::string given;
    for (const auto& [v, t] : byVersion) given += (given.empty() ? "" : ", ") + v;
    return core::fail(
        gridName, "",
        "no unit table for " +
            (version.empty() ? std::string("its GeoTOP version (unknown)") : "GeoTOP " + version) +
            " (given for " + given +
            "); unit codes differ between versions, so they are not named from "
            "another version's table");
}

std::map<int, double> volumesByLithoclass(const model::Field& grid) {
    std::map<int, double> out;
    const auto lithok = grid.variable("lithok");
    if (!lithok) return out;
    const auto& g = grid.grid();
    const double voxel = g.cellSize.x * g.cellSize.y * g.cellSize.z;
    for (int i = 0; i < g.nx; ++i)
        for (int j = 0; j < g.ny; ++j)
            for (int k = 0; k < g.nz; ++k) {
                const double v = grid.cellValue(*lithok, i, j, k);
                if (!std::isnan(v)) out[static_cast<int>(v)] += voxel;
            }
    return out;
}

core::Result<std::vector<BoreholeRow>> virtualBorehole(const model::Field& grid, double x,
                                                       double y) {
    const auto lithok = grid.variable("lithok");
    if (!lithok)
        return core::fail(grid.describe(), "", "has no variable 'lithok': not a GeoTOP grid");
    const auto strat = grid.variable("strat");
    std::array<std::optional<std::size_t>, 9> kans;
    for (int c = 0; c < 9; ++c) kans[c] = grid.variable("kans_" + std::to_string(c + 1));
    const auto& g = grid.grid();
    int i, j, k;
    if (!g.cellOf({x, y, g.origin.z + g.cellSize.z / 2}, i, j, k)) {
        const auto b = g.bounds();
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      "%.2f,%.2f lies outside the grid (x %.2f .. %.2f, y %.2f .. %.2f)", x, y,
                      b.lo.x, b.hi.x, b.lo.y, b.hi.y);
        return core::fail(grid.describe(), "", buf);
    }
    std::vector<BoreholeRow> rows;
    for (int kk = g.nz - 1; kk >= 0; --kk) {
        const double l = grid.cellValue(*lithok, i, j, kk);
        if (std::isnan(l)) {
            if (rows.empty()) continue;  // the air above the ground
            // A gap under data: shown as a row without a class (never a made-up one).
        }
        BoreholeRow r;
        r.zCentre = g.cellCentre(i, j, kk).z;
        r.lithoclass = std::isnan(l) ? -1 : static_cast<int>(l);
        if (strat) {
            const double u = grid.cellValue(*strat, i, j, kk);
            r.unit = std::isnan(u) ? -1 : static_cast<int>(u);
        }
        if (kans[0]) {
            std::array<int, 9> p{};
            for (int c = 0; c < 9; ++c) {
                const double v = kans[c] ? grid.cellValue(*kans[c], i, j, kk) : NAN;
                p[c] = std::isnan(v) ? -1 : static_cast<int>(v);
            }
            r.probabilities = p;
        }
        rows.push_back(r);
    }
    // Rows of no data at the bottom (under the model) are not the soil either.
    while (!rows.empty() && rows.back().lithoclass < 0) rows.pop_back();
    if (rows.empty())
        return core::fail(grid.describe(), "",
                          "no data in the column at this point (fill values only)");
    return rows;
}

namespace {

double topOfData(const model::Field& grid, std::size_t lithok, int i, int j) {
    const auto& g = grid.grid();
    for (int k = g.nz - 1; k >= 0; --k)
        if (!std::isnan(grid.cellValue(lithok, i, j, k)))
            return g.origin.z + (k + 1) * g.cellSize.z;
    return NAN;
}

}  // namespace

TrenchSoil trenchSoil(const model::Field& grid, const std::vector<core::Vec2>& route, double widthM,
                      double depthM, const std::function<double(double, double)>& ground) {
    TrenchSoil out;
    auto lithok = grid.variable("lithok");
    if (!lithok) return out;
    const auto& g = grid.grid();
    for (std::size_t s = 0; s + 1 < route.size(); ++s) {
        const core::Vec2 a = route[s], b = route[s + 1];
        const double len = core::length(b - a);
        out.routeLengthM += len;
        if (!(len > 0)) continue;
        const core::Vec2 n = core::Vec2{-(b - a).y, (b - a).x} * (widthM / 2 / len);
        const std::vector<core::Vec2> rect{a - n, b - n, b + n, a + n};
        double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
        for (auto p : rect)
            x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x),
            y1 = std::max(y1, p.y);
        const auto [i0, i1, j0, j1] = detail::columnRange(g, x0, y0, x1, y1);
        double inside = 0;
        for (int i = i0; i <= i1; ++i)
            for (int j = j0; j <= j1; ++j) {
                const double cx0 = g.origin.x + i * g.cellSize.x,
                             cy0 = g.origin.y + j * g.cellSize.y;
                const auto piece =
                    detail::clipToBox(rect, cx0, cy0, cx0 + g.cellSize.x, cy0 + g.cellSize.y);
                if (piece.size() < 3) continue;
                const double planArea = detail::area(piece);
                if (planArea <= 0) continue;
                core::Vec2 centroid{0, 0};
                for (auto p : piece)
                    centroid = centroid + p * (1.0 / static_cast<double>(piece.size()));
                double top = ground ? ground(centroid.x, centroid.y) : NAN;
                if (std::isnan(top)) top = topOfData(grid, *lithok, i, j);
                const double length =
                    len * planArea / (len * widthM);  // this column's share of the segment
                inside += length;
                if (std::isnan(top)) {
                    out.volumeM3[-1] += planArea * depthM;
                    out.totalM3 += planArea * depthM;
                    out.lengthM[-1] += length;
                    continue;
                }
                std::map<int, bool> present;
                for (int k = 0; k < g.nz; ++k) {
                    const double lo = g.origin.z + k * g.cellSize.z, hi = lo + g.cellSize.z;
                    const double overlap = std::min(hi, top) - std::max(lo, top - depthM);
                    if (overlap <= 0) continue;
                    const double v = grid.cellValue(*lithok, i, j, k);
                    const int cls = std::isnan(v) ? -1 : static_cast<int>(v);
                    out.volumeM3[cls] += overlap * planArea;
                    out.totalM3 += overlap * planArea;
                    present[cls] = true;
                }
                for (const auto& [cls, _] : present) out.lengthM[cls] += length;
            }
        out.outsideM += std::max(0.0, len - inside);
    }
    return out;
}

}  // namespace bz::soil
