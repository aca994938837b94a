// The sample district's base map as a user would bring it: a GeoJSON in RD New with BGT-like
// building blocks (pand) and kerb lines (wegdeel), imported into the project as its base map.
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

}  // namespace bz::sample
