// Base maps: any GIS layer's lines and polygon rings into the project, in RD New; re-importing a
// source replaces its lines only; limits and bad sources give clear refusals.
#include <bodemzicht/core/Limits.h>
#include <bodemzicht/io/BasemapStore.h>
#include <bodemzicht/io/ProjectStore.h>

#include <gtest/gtest.h>

#include "../TestSupport.h"

using namespace bz;

namespace {

// Two BGT-like features in RD New: a building polygon and a road edge line, plus a point.
const char* kBgt = R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
 "features": [
  {"type": "Feature", "properties": {"id": "pand1"},
   "geometry": {"type": "Polygon", "coordinates": [[[155000, 463000], [155010, 463000], [155010, 463008], [155000, 463008], [155000, 463000]]]}},
  {"type": "Feature", "properties": {"id": "rand1"},
   "geometry": {"type": "LineString", "coordinates": [[154990, 462990], [155030, 462990]]}},
  {"type": "Feature", "properties": {"id": "paal"},
   "geometry": {"type": "Point", "coordinates": [155005, 462995]}}
 ]})";

std::string emptyProject(test::ScratchDir& dir) {
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

TEST(Basemap, LinesAndRingsAreReadStoredAndReadBack) {
    test::ScratchDir dir("basemap");
    const auto bgt = test::writeFile(dir.file("bgt.geojson"), kBgt);
    auto read = io::readBasemapSource(bgt, std::nullopt);
    ASSERT_TRUE(read) << read.error().toString();
    EXPECT_EQ(read->features, 2u);
    EXPECT_EQ(read->withoutLines, 1u);  // the point: counted, not drawn
    ASSERT_EQ(read->lines.size(), 2u);
    EXPECT_TRUE(read->lines[0].closed);
    EXPECT_EQ(read->lines[0].points.size(), 4u);  // the ring without its repeated first point
    EXPECT_FALSE(read->lines[1].closed);
    EXPECT_DOUBLE_EQ(read->lines[1].points[1].x, 155030);

    const auto project = emptyProject(dir);
    ASSERT_TRUE(io::storeBasemap(project, "bgt.geojson", read->lines));
    auto back = io::readBasemap(project);
    ASSERT_TRUE(back) << back.error().toString();
    ASSERT_EQ(back->size(), 2u);
    EXPECT_EQ((*back)[0].source, "bgt.geojson");
    EXPECT_TRUE((*back)[0].closed);
    EXPECT_NEAR((*back)[0].points[2].x, 155010, 1e-3);
    EXPECT_NEAR((*back)[0].points[2].y, 463008, 1e-3);
    // The objects are untouched.
    io::ImportReport report;
    auto ds = io::readProject(project, report);
    ASSERT_TRUE(ds);
    EXPECT_EQ(ds->features.size(), 1u);

    // Another source adds; the same source again replaces only its own lines.
    model::Basemap other{{"nwb.gpkg", "wegvakken", {{155000, 462980}, {155100, 462980}}, false}};
    ASSERT_TRUE(io::storeBasemap(project, "nwb.gpkg", other));
    read->lines.pop_back();
    ASSERT_TRUE(io::storeBasemap(project, "bgt.geojson", read->lines));
    back = io::readBasemap(project);
    ASSERT_TRUE(back);
    ASSERT_EQ(back->size(), 2u);
    EXPECT_EQ((*back)[0].source, "nwb.gpkg");
    EXPECT_EQ((*back)[1].source, "bgt.geojson");
}

TEST(Basemap, BadSourcesAndTooManyVerticesAreRefusedClearly) {
    test::ScratchDir dir("basemap-bad");
    auto missing = io::readBasemapSource(dir.file("nothing.gpkg"), std::nullopt);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().toString().find("nothing.gpkg"), std::string::npos);
    const auto points = test::writeFile(
        dir.file("points.geojson"),
        R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
           "geometry": {"type": "Point", "coordinates": [5.1, 52.1]}}]})");
    auto none = io::readBasemapSource(points, std::nullopt);
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("no lines or polygons"), std::string::npos);
    const auto saved = core::limits().basemapVertices;
    core::limits().basemapVertices = 5;
    auto big = io::readBasemapSource(test::writeFile(dir.file("bgt.geojson"), kBgt), std::nullopt);
    core::limits().basemapVertices = saved;
    ASSERT_FALSE(big);
    EXPECT_NE(big.error().message.find("basemap-vertices"), std::string::npos)
        << big.error().toString();
}
