// The sample district's base map as a user would bring it: a GeoJSON in RD New with BGT-like
// building blocks (pand) and kerb lines (wegdeel), imported into the project as its base map;
// and its street layer (centre lines between junctions with names, as NWB road sections).
#include "SampleBasemap.h"

#include "Layout.h"

#include <cstdio>
#include <fstream>

namespace bz::sample {

namespace {

using namespace layout;
constexpr double kSidewalk = 2.5;

void ring(std::string& out, const char* cls, const std::string& id, double x0, double y0, double x1,
          double y1) {
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "%s{\"type\":\"Feature\",\"properties\":{\"id\":\"%s\",\"bgt_type\":\"%s\"},"
                  "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.2f,%.2f],[%.2f,%.2f],"
                  "[%.2f,%.2f],[%.2f,%.2f],[%.2f,%.2f]]]}}",
                  out.empty() ? "" : ",\n", id.c_str(), cls, x0, y0, x1, y0, x1, y1, x0, y1, x0,
                  y0);
    out += buf;
}

}  // namespace

core::Result<void> writeSampleBasemap(const SampleOptions& o, const std::string& path) {
    std::string pand, kerb;
    for (int i = 0; i < o.blocks; ++i)
        for (int j = 0; j < o.blocks; ++j) {
            const double x0 = o.origin.x + i * kPitchX + kStreetWidth / 2,
                         y0 = o.origin.y + j * kPitchY + kStreetWidth / 2;
            const std::string id = std::to_string(i) + "-" + std::to_string(j);
            ring(pand, "pand", "pand-" + id, x0, y0, x0 + kBlockWidth, y0 + kBlockDepth);
            ring(kerb, "wegdeel", "kerb-" + id, x0 - kSidewalk, y0 - kSidewalk,
                 x0 + kBlockWidth + kSidewalk, y0 + kBlockDepth + kSidewalk);
        }
    // One file per class, as a BGT download has one layer per class; the layer's name (the
    // GeoJSON's "name") is the class the viewer colours by.
    for (auto [suffix, features] : {std::pair{"pand", &pand}, {"wegdeel", &kerb}}) {
        const std::string file = path + "_" + suffix + ".geojson";
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << "{\"type\":\"FeatureCollection\",\"name\":\"" << suffix
            << "\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::"
               "28992\"}},"
               "\"features\":[\n"
            << *features << "\n]}\n";
        if (!out) return core::fail(file, "", "cannot write the sample base map");
    }
    return {};
}

core::Result<void> writeSampleStreets(const SampleOptions& o, const std::string& path) {
    // Street names: east-west streets are -straat, north-south ones -laan; a district larger than
    // the lists numbers them.
    static const char* const kStraten[] = {"Nijverheidstraat", "Hoofdstraat",  "Kerkstraat",
                                           "Molenstraat",      "Schoolstraat", "Dorpsstraat",
                                           "Stationsstraat",   "Beekstraat",   "Julianastraat"};
    static const char* const kLanen[] = {"Lindelaan",      "Eikenlaan",    "Beukenlaan",
                                         "Berkenlaan",     "Iepenlaan",    "Wilgenlaan",
                                         "Populierenlaan", "Kastanjelaan", "Esdoornlaan"};
    auto nameOf = [](const char* const* list, int k) {
        return k < 9 ? std::string(list[k])
                     : std::string(list[k % 9]) + " " + std::to_string(k / 9 + 1);
    };
    std::string features;
    char buf[512];
    auto add = [&](const std::string& id, const std::string& name, double x0, double y0, double x1,
                   double y1) {
        std::snprintf(buf, sizeof buf,
                      "%s{\"type\":\"Feature\",\"properties\":{\"id\":\"%s\",\"name\":\"%s\","
                      "\"width_m\":%.1f},\"geometry\":{\"type\":\"LineString\",\"coordinates\":"
                      "[[%.2f,%.2f],[%.2f,%.2f]]}}",
                      features.empty() ? "" : ",\n", id.c_str(), name.c_str(), kStreetWidth, x0, y0,
                      x1, y1);
        features += buf;
    };
    // Segments between junctions: the centre lines of the grid's streets.
    for (int j = 0; j <= o.blocks; ++j)
        for (int i = 0; i < o.blocks; ++i) {
            const double y = o.origin.y + j * kPitchY, x = o.origin.x + i * kPitchX;
            add("H" + std::to_string(j) + "-" + std::to_string(i), nameOf(kStraten, j), x, y,
                x + kPitchX, y);
        }
    for (int i = 0; i <= o.blocks; ++i)
        for (int j = 0; j < o.blocks; ++j) {
            const double x = o.origin.x + i * kPitchX, y = o.origin.y + j * kPitchY;
            add("V" + std::to_string(i) + "-" + std::to_string(j), nameOf(kLanen, i), x, y, x,
                y + kPitchY);
        }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "{\"type\":\"FeatureCollection\",\"name\":\"wegvakken\",\"crs\":{\"type\":\"name\","
           "\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::28992\"}},\"features\":[\n"
        << features << "\n]}\n";
    if (!out) return core::fail(path, "", "cannot write the sample street layer");
    return {};
}

}  // namespace bz::sample
