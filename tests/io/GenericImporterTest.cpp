// `bodem import` in the generic schema: each supported input kind and each bad-input case.
#include <bodemzicht/io/SourceReader.h>

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <gtest/gtest.h>

#include <cmath>

#include "../TestSupport.h"
#include "ReadAs.h"

using namespace bz;

namespace {

std::string geojson(const std::string& features, bool withCrs = true) {
    std::string crs =
        withCrs
            ? R"("crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},)"
            : "";
    return R"({"type": "FeatureCollection", )" + crs + R"("features": [)" + features + "]}";
}

std::string line(const std::string& props, const std::string& coords) {
    return R"({"type": "Feature", "properties": {)" + props +
           R"(}, "geometry": {"type": "LineString", "coordinates": )" + coords + "}}";
}

}  // namespace

TEST(GenericImport, ThreeDimensionalLinesKeepTheirNapHeights) {
    test::ScratchDir dir("gi1");
    auto path = test::writeFile(
        dir.file("net.geojson"),
        geojson(line(
            R"("id": "W1", "theme": "water", "owner": "Vitens", "status": "existing", "diameter_mm": 110, "year": 1968, "depth_source": "measured", "depth_uncertainty_m": 0.05)",
            "[[250000, 470000, 4.10], [250010, 470000, 4.05]]")));
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("generic", path, {}, ds, report));
    ASSERT_EQ(ds.features.size(), 1u) << report.summary();
    const auto& f = ds.features[0];
    EXPECT_EQ(f.type, model::ObjectType::Pipe);
    EXPECT_EQ(f.dates.laid.year(), 1968);
    EXPECT_EQ(ds.str(f.owner), "Vitens");
    EXPECT_DOUBLE_EQ(ds.vertices[1].z, 4.05);
    EXPECT_NEAR(ds.linears[0].outerDiameterM, 0.110, 1e-7);
    EXPECT_EQ(ds.vertexDepths[0].provenance, model::DepthProvenance::Measured);
    EXPECT_FLOAT_EQ(ds.vertexDepths[0].verticalUncertaintyM, 0.05f);
}

TEST(GenericImport, FlatLinesGetHeightsFromCoverDepthAndGroundLevel) {
    test::ScratchDir dir("gi2");
    auto path = test::writeFile(
        dir.file("net.geojson"),
        geojson(
            line(
                R"("id": "LS1", "theme": "laagspanning", "owner": "Enexis", "status": "existing", "diameter_mm": 50, "year": 1990, "depth_m": 0.6)",
                "[[250000, 470000], [250010, 470000]]") +
            "," +
            line(
                R"("id": "D1", "theme": "datatransport", "owner": "KPN", "status": "existing", "diameter_mm": 40, "year": 2001)",
                "[[250000, 470001], [250010, 470001]]")));
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o;
    o.groundLevel = model::GroundLevel(5.20);
    ASSERT_TRUE(test::readAs("generic", path, o, ds, report));
    ASSERT_EQ(ds.features.size(), 2u) << report.summary();
    // Axis = ground - cover - radius; a given depth without a source counts as assumed.
    EXPECT_NEAR(ds.vertices[0].z, 5.20 - 0.6 - 0.025, 1e-6);
    EXPECT_EQ(ds.vertexDepths[0].provenance, model::DepthProvenance::Assumed);
    // No depth at all: unknown stays unknown.
    const auto& d = ds.linears[test::featureById(ds, "D1")->geometry];
    EXPECT_TRUE(std::isnan(ds.vertices[d.firstVertex].z));
    EXPECT_EQ(ds.vertexDepths[d.firstVertex].provenance, model::DepthProvenance::Unknown);
}

TEST(GenericImport, CoverDepthWithoutGroundLevelStandsOnAnAssumedGroundAndKeepsItsDepth) {
    test::ScratchDir dir("gi3");
    auto path = test::writeFile(
        dir.file("net.geojson"),
        geojson(line(
            R"("id": "LS1", "theme": "laagspanning", "owner": "Enexis", "status": "existing", "diameter_mm": 50, "year": 1990, "depth_m": 0.6)",
            "[[250000, 470000], [250010, 470000]]")));
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("generic", path, {}, ds, report));
    ASSERT_EQ(ds.features.size(), 1u);
    EXPECT_TRUE(report.problems.empty());
    // 0.6 m cover + half the 50 mm cable below the ground; the ground is assumed and said so.
    EXPECT_NEAR(ds.vertexDepths[0].belowGroundM, 0.625, 1e-6);
    EXPECT_NEAR(ds.vertices[0].z, -0.625, 1e-6);
    EXPECT_EQ(ds.ground.kind, model::GroundBasis::Kind::AssumedFlat);
    ASSERT_EQ(report.warnings.size(), 1u);
    EXPECT_NE(report.warnings[0].message.find("2 depths below ground (depth_m) stand on ASSUMED"),
              std::string::npos)
        << report.warnings[0].message;
}

TEST(GenericImport, CsvWithWktNeedsAndUsesACrs) {
    test::ScratchDir dir("gi4");
    auto path = test::writeFile(
        dir.file("trees.csv"),
        "WKT,id,theme,owner,status,diameter_mm,year,top_m,bottom_m\n"
        "\"POINT (250100 470100)\",B1,boom,Gemeente,existing,400,1970,5.0,4.0\n"
        "\"POLYGON ((250000 470000,250004 470000,250004 470003,250000 470003,250000 "
        "470000))\",K1,infiltratie,Gemeente,proposed,,2027,4.5,3.5\n");
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("generic", path, {}, ds, report));
    EXPECT_EQ(ds.features.size(), 0u);
    ASSERT_EQ(report.problems.size(), 2u);
    EXPECT_NE(report.problems[0].message.find("has no CRS"), std::string::npos);
    io::ReadOptions o;
    o.sourceCrs = "EPSG:28992";
    io::ImportReport report2;
    ASSERT_TRUE(test::readAs("generic", path, o, ds, report2));
    ASSERT_EQ(ds.features.size(), 2u) << report2.summary();
    EXPECT_EQ(ds.features[0].type, model::ObjectType::Tree);
    EXPECT_FLOAT_EQ(ds.bodies[0].radiusM, 0.2f);
    EXPECT_EQ(ds.features[1].type, model::ObjectType::InfiltrationCrate);
    EXPECT_EQ(ds.features[1].status, model::ObjectStatus::Proposed);
    EXPECT_EQ(ds.prisms[0].bottomZ, 3.5);
}

TEST(GenericImport, EachBadFeatureIsNamedAndTheRestLoads) {
    test::ScratchDir dir("gi5");
    std::string ok =
        R"("theme": "gasLageDruk", "owner": "Enexis", "status": "existing", "year": 1970)";
    auto path = test::writeFile(
        dir.file("bad.geojson"),
        geojson(
            line(R"("id": "G1", "diameter_mm": 110, )" + ok,
                 "[[250000, 470000, 1], [250010, 470000, 1]]") +
            "," +
            line(R"("id": "G2", "diameter_mm": -110, )" + ok,
                 "[[250000, 470001, 1], [250010, 470001, 1]]") +
            "," +
            line(R"("id": "G3", "diameter_mm": 90000, )" + ok,
                 "[[250000, 470002, 1], [250010, 470002, 1]]") +
            "," +
            line(R"("id": "G4", "diameter_mm": 0, )" + ok,
                 "[[250000, 470003, 1], [250010, 470003, 1]]") +
            "," + line(R"("id": "G5", "diameter_mm": 110, )" + ok, "[[250000, 470004, 1]]") + "," +
            R"({"type": "Feature", "properties": {"id": "G6", "diameter_mm": 110, )" + ok +
            R"(}, "geometry": null},)" +
            line(R"("id": "", "diameter_mm": 110, )" + ok,
                 "[[250000, 470005, 1], [250010, 470005, 1]]") +
            "," +
            line(
                R"("id": "G8", "diameter_mm": 110, "theme": "gasLageDruk", "owner": "Enexis", "status": "unsure", "year": 1970)",
                "[[250000, 470006, 1], [250010, 470006, 1]]") +
            "," +
            line(
                R"("id": "G9", "diameter_mm": 110, "theme": "stadsverwarming", "owner": "Ennatuurlijk", "status": "existing", "year": 1970)",
                "[[250000, 470007, 1], [250010, 470007, 1]]")));
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("generic", path, {}, ds, report));
    // G1 and G9 load (G9's unfamiliar theme is kept and warned about).
    ASSERT_EQ(ds.features.size(), 2u) << report.summary();
    EXPECT_EQ(ds.str(ds.features[1].theme), "stadsverwarming");
    EXPECT_EQ(report.loaded(), 2u);
    EXPECT_EQ(report.skipped(), 7u);
    std::map<std::string, std::string> why;
    for (const auto& e : report.problems) {
        EXPECT_EQ(e.file, path);
        why[e.featureId] = e.message;
    }
    EXPECT_EQ(why["G2"], "diameter_mm is negative (-110.000000)");
    EXPECT_NE(why["G3"].find("implausibly large"), std::string::npos);
    EXPECT_EQ(why["G4"], "diameter_mm is 0");
    EXPECT_EQ(why["G5"], "line has fewer than 2 vertices");
    EXPECT_EQ(why["G6"], "geometry is missing or empty");
    EXPECT_EQ(why["G8"],
              "status 'unsure' is not one of existing, proposed, out_of_service, planned, "
              "under_construction, abandoned, removed");
    EXPECT_EQ(why.count("FID 6"), 1u);  // the feature with an empty id is named by its FID
    ASSERT_EQ(report.warnings.size(), 1u);
    EXPECT_NE(report.warnings[0].message.find("unknown theme 'stadsverwarming' on 1 features"),
              std::string::npos);
}

TEST(GenericImport, MissingRequiredColumnSkipsTheLayerWithTheColumnNamed) {
    test::ScratchDir dir("gi6");
    auto path = test::writeFile(
        dir.file("nostatus.geojson"),
        geojson(line(
            R"("id": "X1", "theme": "water", "owner": "Vitens", "diameter_mm": 110, "year": 1970)",
            "[[250000, 470000, 1], [250010, 470000, 1]]")));
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("generic", path, {}, ds, report));
    EXPECT_EQ(ds.features.size(), 0u);
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems[0].featureId, "X1");
    EXPECT_EQ(report.problems[0].message, "layer 'nostatus' lacks the required column 'status'");
}

TEST(GenericImport, AFileThatIsNotWhatItsNameSaysIsAnError) {
    test::ScratchDir dir("gi7");
    auto path = test::writeFile(dir.file("cables.geojson"), "<html>not json</html>");
    model::Dataset ds;
    io::ImportReport report;
    auto r = test::readAs("generic", path, {}, ds, report);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().file, path);
    EXPECT_NE(r.error().message.find("cannot be read as a vector data source"), std::string::npos);
}

TEST(GenericImport, Wgs84InputIsReprojectedToRd) {
    test::ScratchDir dir("gi8");
    // The Amersfoort tower, RD's origin (155000, 463000), in WGS84 (no crs member: GeoJSON's
    // default).
    auto path = test::writeFile(
        dir.file("wgs.geojson"),
        geojson(
            line(
                R"("id": "W84", "theme": "water", "owner": "Vitens", "status": "existing", "diameter_mm": 110, "year": 1970)",
                "[[5.3872036, 52.1551744], [5.3877, 52.1552]]"),
            false));
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o;
    o.groundLevel = model::GroundLevel(4.0);
    ASSERT_TRUE(test::readAs("generic", path, o, ds, report));
    ASSERT_EQ(ds.features.size(), 1u) << report.summary();
    // RD's origin point: Amersfoort (155000, 463000) within a metre (2D Helmert, no grids needed).
    EXPECT_NEAR(ds.vertices[0].x, 155000, 1.5);
    EXPECT_NEAR(ds.vertices[0].y, 463000, 1.5);
}

TEST(GenericImport, NaNValuesAndInvalidPolygonsAreNamed) {
    test::ScratchDir dir("gi9");
    auto path = test::writeFile(
        dir.file("zones.csv"),
        "WKT,id,theme,owner,status,diameter_mm,year,top_m,bottom_m\n"
        "\"LINESTRING (250000 470000 1,250010 470000 1)\",L1,water,Vitens,existing,NaN,1970,,\n"
        "\"POLYGON ((250000 470000,250010 470010,250010 470000,250000 470010,250000 "
        "470000))\",Z1,verontreiniging,Gemeente,existing,,1990,4,2\n"
        "\"POLYGON ((250000 470000,250010 470000,250010 470010,250000 470010,250000 "
        "470000))\",Z2,verontreiniging,Gemeente,existing,,1990,4,2\n");
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o;
    o.sourceCrs = "EPSG:28992";
    ASSERT_TRUE(test::readAs("generic", path, o, ds, report));
    ASSERT_EQ(ds.features.size(), 1u) << report.summary();
    EXPECT_EQ(ds.features[0].id, "Z2");
    std::map<std::string, std::string> why;
    for (const auto& e : report.problems) why[e.featureId] = e.message;
    EXPECT_EQ(why["L1"], "diameter_mm is 'NaN', not a number");
    EXPECT_EQ(why["Z1"], "polygon is invalid (self-intersecting or malformed rings)");
}

TEST(GenericImport, BallparkTransformationsAreRefused) {
    test::ScratchDir dir("gi10");
    // ETRS89 with ellipsoidal heights: without the RDNAPTRANS2018 grids only a ballpark exists.
    auto path = test::writeFile(dir.file("etrs.geojson"), R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4937"}},
 "features": [{"type": "Feature", "properties": {"id": "E1", "theme": "water", "owner": "Vitens", "status": "existing", "diameter_mm": 110, "year": 1970},
   "geometry": {"type": "LineString", "coordinates": [[5.38764, 52.15616, 45.0], [5.3877, 52.1562, 45.0]]}}]})");
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("generic", path, {}, ds, report));
    if (ds.features.size() == 1)
        GTEST_SKIP() << "RDNAPTRANS2018 grids are installed on this machine";
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems[0].featureId, "E1");
    EXPECT_NE(report.problems[0].message.find("PROJ could only offer a ballpark transformation"),
              std::string::npos)
        << report.problems[0].message;
}

TEST(GenericImport, ShapefileFlatGeobufAndGeoPackageReadTheSame) {
    test::ScratchDir dir("gi11");
    auto src = test::writeFile(
        dir.file("net.geojson"),
        geojson(line(
            R"("id": "W1", "theme": "water", "owner": "Vitens", "status": "existing", "diameter_mm": 110, "year": 1968, "depth_source": "measured", "depth_uncertainty_m": 0.05)",
            "[[250000, 470000, 4.10], [250010, 470000, 4.05]]")));
    GDALAllRegister();
    for (const char* driver : {"ESRI Shapefile", "FlatGeobuf", "GPKG"}) {
        std::string ext = std::string(driver) == "ESRI Shapefile" ? "shp"
                          : std::string(driver) == "FlatGeobuf"   ? "fgb"
                                                                  : "gpkg";
        std::string out = dir.file("net." + ext);
        GDALDatasetH in = GDALOpenEx(src.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
        ASSERT_NE(in, nullptr);
        const char* args[] = {"-f", driver, nullptr};
        auto* opts = GDALVectorTranslateOptionsNew(const_cast<char**>(args), nullptr);
        int err = 0;
        GDALDatasetH written = GDALVectorTranslate(out.c_str(), nullptr, 1, &in, opts, &err);
        GDALVectorTranslateOptionsFree(opts);
        ASSERT_NE(written, nullptr) << driver;
        GDALClose(written);
        GDALClose(in);
        model::Dataset ds;
        io::ImportReport report;
        ASSERT_TRUE(test::readAs("generic", out, {}, ds, report)) << driver;
        ASSERT_EQ(ds.features.size(), 1u) << driver << "\n" << report.summary();
        EXPECT_EQ(ds.features[0].id, "W1") << driver;
        EXPECT_NEAR(ds.linears[0].outerDiameterM, 0.110, 1e-6) << driver;  // diameter_m in a DBF
        EXPECT_DOUBLE_EQ(ds.vertices[1].z, 4.05) << driver;
        EXPECT_EQ(ds.vertexDepths[0].provenance, model::DepthProvenance::Measured) << driver;
        EXPECT_FLOAT_EQ(ds.vertexDepths[0].verticalUncertaintyM, 0.05f) << driver;
    }
}

TEST(GenericImport, ProposedHeightsAreDesignValuesExistingOnesAssumed) {
    test::ScratchDir dir("gi12");
    auto path = test::writeFile(
        dir.file("mix.geojson"),
        geojson(
            line(
                R"("id": "NEW", "theme": "warmte", "owner": "W", "status": "proposed", "diameter_mm": 250, "year": 2027)",
                "[[250000, 470000, 4.0], [250010, 470000, 4.0]]") +
            "," +
            line(
                R"("id": "OLD", "theme": "water", "owner": "V", "status": "existing", "diameter_mm": 110, "year": 1970)",
                "[[250000, 470005, 4.0], [250010, 470005, 4.0]]")));
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("generic", path, {}, ds, report));
    ASSERT_EQ(ds.features.size(), 2u);
    EXPECT_EQ(
        ds.vertexDepths[ds.linears[test::featureById(ds, "NEW")->geometry].firstVertex].provenance,
        model::DepthProvenance::Measured);
    EXPECT_EQ(
        ds.vertexDepths[ds.linears[test::featureById(ds, "OLD")->geometry].firstVertex].provenance,
        model::DepthProvenance::Assumed);
}
