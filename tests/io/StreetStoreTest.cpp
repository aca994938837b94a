// Street segments: read from a road layer (ids, names, widths; NWB-style column names; WGS84
// transformed), stored in the project and read back; features without a line, repeated ids, bad
// widths and too many segments are reported, never silently taken.
#include <bodemzicht/core/Limits.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/StreetStore.h>

#include <gtest/gtest.h>

#include <cmath>

#include "../TestSupport.h"

using namespace bz;

namespace {

// NWB-like: wvk_id and stt_naam; a multi-line, a point, a repeated id and a width that is text.
const char* kRoads = R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
 "features": [
  {"type": "Feature", "properties": {"wvk_id": "600100", "stt_naam": "Kerkstraat", "width_m": 11.5},
   "geometry": {"type": "LineString", "coordinates": [[155000, 463000], [155080, 463000]]}},
  {"type": "Feature", "properties": {"wvk_id": "600101", "stt_naam": "Molenweg"},
   "geometry": {"type": "MultiLineString", "coordinates": [[[155080, 463000], [155080, 463050]], [[155080, 463050], [155120, 463090]]]}},
  {"type": "Feature", "properties": {"wvk_id": "600102", "stt_naam": "Paal"},
   "geometry": {"type": "Point", "coordinates": [155005, 462995]}},
  {"type": "Feature", "properties": {"wvk_id": "600100", "stt_naam": "Dubbel"},
   "geometry": {"type": "LineString", "coordinates": [[155000, 463100], [155080, 463100]]}},
  {"type": "Feature", "properties": {"wvk_id": "600103", "stt_naam": "Smal", "width_m": "breed"},
   "geometry": {"type": "LineString", "coordinates": [[155000, 463200], [155080, 463200]]}}
 ]})";

std::string streetsProject(test::ScratchDir& dir) {
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "X";
    m.theme = "water";
    m.type = model::ObjectType::Pipe;
    ds.addLinear(m, {{155000, 463000, 4}, {155010, 463000, 4}},
                 std::vector<model::VertexDepth>(2, {model::DepthProvenance::Measured, 0.05f}),
                 0.1f);
    const std::string path = dir.file("p.gpkg");
    EXPECT_TRUE(io::writeProject(ds, path));
    return path;
}

}  // namespace

TEST(Streets, SegmentsAreReadStoredAndReadBackWithWhatWasLeftOut) {
    test::ScratchDir dir("streets");
    auto read =
        io::readStreetSource(test::writeFile(dir.file("nwb.geojson"), kRoads), std::nullopt);
    ASSERT_TRUE(read) << read.error().toString();
    ASSERT_EQ(read->segments.size(), 4u);  // Kerkstraat, Molenweg #1 and #2, Smal
    EXPECT_EQ(read->segments[0].id, "600100");
    EXPECT_EQ(read->segments[0].name, "Kerkstraat");
    EXPECT_DOUBLE_EQ(read->segments[0].widthM, 11.5);
    EXPECT_EQ(read->segments[1].id, "600101#1");
    EXPECT_EQ(read->segments[2].id, "600101#2");
    EXPECT_TRUE(std::isnan(read->segments[3].widthM));
    EXPECT_EQ(read->withoutLine, 1u);
    // The point, the repeated id and the text width are each reported by id.
    ASSERT_EQ(read->skipped.size(), 3u);
    std::string all;
    for (const auto& s : read->skipped) all += s + "\n";
    EXPECT_NE(all.find("600102"), std::string::npos) << all;
    EXPECT_NE(all.find("used twice"), std::string::npos) << all;
    EXPECT_NE(all.find("'breed'"), std::string::npos) << all;

    const auto project = streetsProject(dir);
    ASSERT_TRUE(io::storeStreets(project, read->segments));
    auto back = io::readStreets(project);
    ASSERT_TRUE(back) << back.error().toString();
    ASSERT_EQ(back->size(), 4u);
    EXPECT_EQ((*back)[1].name, "Molenweg");
    EXPECT_NEAR((*back)[2].line[1].x, 155120, 1e-3);
    EXPECT_DOUBLE_EQ((*back)[0].widthM, 11.5);
    EXPECT_TRUE(std::isnan((*back)[3].widthM));
    io::ImportReport report;
    auto ds = io::readProject(project, report);
    ASSERT_TRUE(ds);
    EXPECT_EQ(ds->features.size(), 1u);  // the objects are untouched
}

TEST(Streets, LayersWithoutLinesAndTooManySegmentsAreRefused) {
    test::ScratchDir dir("streets-bad");
    const auto points = test::writeFile(
        dir.file("points.geojson"),
        R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
           "geometry": {"type": "Point", "coordinates": [5.1, 52.1]}}]})");
    auto none = io::readStreetSource(points, std::nullopt);
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("no lines"), std::string::npos);
    const auto saved = core::limits().streetSegments;
    core::limits().streetSegments = 2;
    auto big = io::readStreetSource(test::writeFile(dir.file("nwb.geojson"), kRoads), std::nullopt);
    core::limits().streetSegments = saved;
    ASSERT_FALSE(big);
    EXPECT_NE(big.error().message.find("street-segments"), std::string::npos);
    auto missing = io::readStreets(dir.file("nothing.gpkg"));
    EXPECT_FALSE(missing);
}
