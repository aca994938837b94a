#include "SamplePlannedWorks.h"

#include "Layout.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace bz::sample {

namespace {

using namespace layout;

// A work along street j (east-west, from block i0 to i1) or street i (north-south).
struct Work {
    const char *id, *owner, *kind, *start, *end, *year;
    bool eastWest;
    int street, from, to;  // street number, blocks from .. to along it
};

core::Result<void> writeWorks(const SampleOptions& o, const std::string& path, const char* name,
                              std::initializer_list<Work> works) {
    std::string features;
    char buf[768];
    for (const auto& w : works) {
        const int n = std::max(1, o.blocks);
        const int street = std::min(w.street, n), from = std::min(w.from, n - 1),
                  to = std::min(w.to, n);
        double x0, y0, x1, y1;
        if (w.eastWest) {
            y0 = y1 = o.origin.y + street * kPitchY;
            x0 = o.origin.x + from * kPitchX + 5, x1 = o.origin.x + to * kPitchX - 5;
        } else {
            x0 = x1 = o.origin.x + street * kPitchX;
            y0 = o.origin.y + from * kPitchY + 5, y1 = o.origin.y + to * kPitchY - 5;
        }
        std::string dates;
        if (*w.start) dates += std::string(",\"start\":\"") + w.start + "\"";
        if (*w.end) dates += std::string(",\"end\":\"") + w.end + "\"";
        if (*w.year) dates += std::string(",\"jaar\":") + w.year;
        std::snprintf(buf, sizeof buf,
                      "%s{\"type\":\"Feature\",\"properties\":{\"id\":\"%s\",\"owner\":\"%s\","
                      "\"kind\":\"%s\"%s},\"geometry\":{\"type\":\"LineString\",\"coordinates\":"
                      "[[%.2f,%.2f],[%.2f,%.2f]]}}",
                      features.empty() ? "" : ",\n", w.id, w.owner, w.kind, dates.c_str(), x0, y0,
                      x1, y1);
        features += buf;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "{\"type\":\"FeatureCollection\",\"name\":\"" << name
        << "\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::28992\"}"
           "},"
           "\"features\":[\n"
        << features << "\n]}\n";
    if (!out) return core::fail(path, "", "cannot write the sample's planned works");
    return {};
}

}  // namespace

core::Result<std::pair<std::string, std::string>> writeSamplePlannedWorks(const SampleOptions& o,
                                                                          const std::string& dir) {
    const auto owners = (std::filesystem::path(dir) / "werken_netbeheerders.geojson").string();
    const auto roads = (std::filesystem::path(dir) / "wegonderhoud.geojson").string();
    // The grid operators: gas mains replaced along the Hoofdstraat (the heat network comes),
    // fibre in the Kerkstraat, an asbestos-cement water main along the Eikenlaan; one work
    // without a date and one finished before the plan: both reported, not planned.
    if (auto ok = writeWorks(
            o, owners, "werken_netbeheerders",
            {{"ENX-GAS-2029", "Enexis", "vervanging gasleiding", "2029-03", "2029-10", "", true, 1,
              0, 2},
             {"KPN-GV-2028", "KPN", "aanleg glasvezel", "2028-05-01", "2028-09-30", "", true, 2, 0,
              3},
             {"VIT-W-2031", "Vitens", "vervanging waterleiding (AC)", "2031", "2032", "", false, 1,
              0, 3},
             {"ENX-ZONDER-DATUM", "Enexis", "kabelvervanging", "", "", "", false, 2, 0, 1},
             {"KPN-2019", "KPN", "koperkabel verwijderd", "2019-04", "2019-06", "", true, 3, 0,
              1}});
        !ok)
        return std::unexpected(ok.error());
    // The road manager: the Hoofdstraat resurfaced a year after the gas works (a no-dig
    // conflict to couple), the Beukenlaan later.
    if (auto ok = writeWorks(o, roads, "wegonderhoud",
                             {{"WO-HOOFDSTRAAT", "Gemeente Hengelo", "wegonderhoud (asfalt)", "",
                               "", "2030", true, 1, 0, 3},
                              {"WO-BEUKENLAAN", "Gemeente Hengelo", "wegonderhoud (klinkers)", "",
                               "", "2033", false, 2, 0, 3}});
        !ok)
        return std::unexpected(ok.error());
    return std::pair{owners, roads};
}

}  // namespace bz::sample
