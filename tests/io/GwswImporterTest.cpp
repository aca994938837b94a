#include <bodemzicht/io/SourceReader.h>

#include <gtest/gtest.h>

#include <cmath>

#include "../TestSupport.h"
#include "ReadAs.h"

using namespace bz;

namespace {

const char* kPrefixes = R"(@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix : <http://example.org/test#> .
@prefix gwsw: <http://data.gwsw.nl/1.6/totaal/> .
)";

std::string put(const std::string& id, const std::string& pos, double ground) {
    return ":" + id + " rdf:type gwsw:Inspectieput ; rdfs:label \"" + id +
           "\" ; gwsw:hasAspect :" + id +
           "_ori ;\n"
           "  gwsw:hasAspect [ rdf:type gwsw:BreedtePut ; gwsw:hasValue 1000 ] ;\n"
           "  gwsw:hasAspect [ rdf:type gwsw:HoogtePut ; gwsw:hasValue 2000 ] .\n"
           ":" +
           id +
           "_ori rdf:type gwsw:Putorientatie ; gwsw:hasAspect [ rdf:type gwsw:Punt ; gwsw:hasValue "
           "\"<gml:Point xmlns:gml=\\\"http://www.opengis.net/gml\\\"><gml:pos>" +
           pos +
           "</gml:pos></gml:Point>\"^^geo:gmlLiteral ] ;\n"
           "  gwsw:hasConnection [ rdf:type gwsw:Maaiveldorientatie ; gwsw:hasAspect [ rdf:type "
           "gwsw:Maaiveldhoogte ; gwsw:hasValue " +
           std::to_string(ground) + " ] ] .\n";
}

std::string pipe(const std::string& id, const std::string& from, const std::string& to,
                 const std::string& bobs) {
    return ":" + id + " rdf:type gwsw:Vuilwaterriool ; rdfs:label \"" + id +
           "\" ; gwsw:hasAspect :" + id +
           "_ori ;\n"
           "  gwsw:hasAspect [ rdf:type gwsw:BreedteLeiding ; gwsw:hasValue 300 ] ;\n"
           "  gwsw:hasAspect [ rdf:type gwsw:HoogteLeiding ; gwsw:hasValue 300 ] ;\n"
           "  gwsw:hasAspect [ rdf:type gwsw:VormLeiding ; gwsw:hasReference gwsw:Rond ] .\n"
           ":" +
           id +
           "_ori rdf:type gwsw:Leidingorientatie ;\n"
           "  gwsw:hasPart [ rdf:type gwsw:BeginpuntLeiding ; gwsw:hasConnection :" +
           from + "_ori " + bobs +
           " ] ;\n"
           "  gwsw:hasPart [ rdf:type gwsw:EindpuntLeiding ; gwsw:hasConnection :" +
           to +
           "_ori ; "
           "gwsw:hasAspect [ rdf:type gwsw:BobEindpuntLeiding ; gwsw:hasValue 1.80 ] ] .\n";
}

}  // namespace

TEST(GwswImport, RionedDemoPipeAndManholeAreExactIn3d) {
    std::string path = test::sharedData() + "/sewer/gwsw_orox_excerpt_juinen_v1_6.ttl";
    ASSERT_TRUE(test::identifiesAs(path, "gwsw-turtle"));
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("gwsw-turtle", path, {}, ds, report));
    ASSERT_EQ(ds.features.size(), 2u) << report.summary();
    EXPECT_EQ(report.skipped(), 0u);
    const model::Feature* pipe = nullptr;
    const model::Feature* put = nullptr;
    for (const auto& f : ds.features) (f.type == model::ObjectType::SewerPipe ? pipe : put) = &f;
    ASSERT_TRUE(pipe && put);
    EXPECT_EQ(pipe->id, "4");
    EXPECT_EQ(ds.str(pipe->material), "Beton");
    EXPECT_EQ(pipe->dates.laid.year(), 1970);
    const auto* s = ds.sewerOf(*pipe);
    ASSERT_NE(s, nullptr);
    EXPECT_DOUBLE_EQ(s->bobBeginM, 22.45);
    EXPECT_EQ(s->shape, "Heul");
    EXPECT_EQ(s->systemType, "GemengdStelsel");
    EXPECT_FLOAT_EQ(s->widthMm, 400);
    const auto& l = ds.linears[pipe->geometry];
    // Axis = BOB + inner height / 2 (Heul 400 x 600 mm): derived from the measured BOB.
    EXPECT_NEAR(ds.vertices[l.firstVertex].z, 22.45 + 0.3, 1e-9);
    EXPECT_DOUBLE_EQ(ds.vertices[l.firstVertex].x, 168462.01);
    EXPECT_EQ(ds.vertexDepths[l.firstVertex].provenance, model::DepthProvenance::Derived);
    // Manhole 0981: ground 24.20, 1360 mm deep, round 800 mm.
    EXPECT_EQ(put->id, "0981");
    const auto& b = ds.bodies[put->geometry];
    EXPECT_DOUBLE_EQ(b.topZ, 24.20);
    EXPECT_NEAR(b.bottomZ, 22.84, 1e-9);
    EXPECT_FLOAT_EQ(b.radiusM, 0.4f);
}

TEST(GwswImport, PipeWithoutLineUsesItsManholesAndMissingBobIsNamed) {
    test::ScratchDir dir("gwsw");
    std::string ttl =
        std::string(kPrefixes) + put("P1", "250000 470000 0", 5.0) +
        put("P2", "250040 470000 0", 4.9) +
        pipe("L1", "P1", "P2",
             "; gwsw:hasAspect [ rdf:type gwsw:BobBeginpuntLeiding ; gwsw:hasValue 2.00 ]") +
        pipe("L2", "P1", "P2", "");
    auto path = test::writeFile(dir.file("net.ttl"), ttl);
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("gwsw-turtle", path, {}, ds, report));
    EXPECT_EQ(report.loaded(), 3u) << report.summary();
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems[0].featureId, "L2");
    EXPECT_EQ(report.problems[0].message,
              "no BobBeginpuntLeiding/BobEindpuntLeiding: the sewer's height is unknown");
    for (const auto& f : ds.features) {
        if (f.id != "L1") continue;
        // The manholes it connects, by their labels (inspections are linked by them).
        EXPECT_EQ(ds.sewerOf(f)->beginNode, "P1");
        EXPECT_EQ(ds.sewerOf(f)->endNode, "P2");
        const auto& l = ds.linears[f.geometry];
        ASSERT_EQ(l.vertexCount, 2u);
        EXPECT_DOUBLE_EQ(ds.vertices[l.firstVertex + 1].x, 250040);
        EXPECT_NEAR(ds.vertices[l.firstVertex].z, 2.00 + 0.15, 1e-9);
        EXPECT_NEAR(ds.vertices[l.firstVertex + 1].z, 1.80 + 0.15, 1e-9);
    }
}

TEST(GwswImport, TurtleSyntaxErrorsNameTheLine) {
    test::ScratchDir dir("gwsw2");
    auto path = test::writeFile(
        dir.file("bad.ttl"),
        std::string(kPrefixes) + ":x rdf:type gwsw:Inspectieput ;\n  rdfs:label \"x\" \n:y\n");
    model::Dataset ds;
    io::ImportReport report;
    auto r = test::readAs("gwsw-turtle", path, {}, ds, report);
    std::string message =
        r ? (report.warnings.empty() ? "" : report.warnings[0].message) : r.error().message;
    EXPECT_NE(message.find("Turtle error at line 8"), std::string::npos) << message;
}

TEST(GwswImport, GisExportWithGwswAttributeNames) {
    test::ScratchDir dir("gwsw3");
    auto path = test::writeFile(dir.file("leidingen.geojson"), R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
 "features": [
  {"type": "Feature", "properties": {"Naam": "L-100", "BobBeginpuntLeiding": 1.95, "BobEindpuntLeiding": 1.75, "BreedteLeiding": 400, "HoogteLeiding": 600, "VormLeiding": "Eivormig", "MateriaalLeiding": "Beton", "Begindatum": "1964-01-01", "Stelseltype": "GemengdStelsel"},
   "geometry": {"type": "LineString", "coordinates": [[250000, 470000], [250030, 470000], [250060, 470000]]}},
  {"type": "Feature", "properties": {"Naam": "L-101", "BobBeginpuntLeiding": null, "BobEindpuntLeiding": 1.7},
   "geometry": {"type": "LineString", "coordinates": [[250000, 470010], [250030, 470010]]}}]})");
    ASSERT_TRUE(test::identifiesAs(path, "gwsw-gis"));
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("gwsw-gis", path, {}, ds, report));
    ASSERT_EQ(ds.features.size(), 1u) << report.summary();
    const auto& l = ds.linears[0];
    EXPECT_NEAR(ds.vertices[l.firstVertex + 1].z, 1.85 + 0.3,
                1e-9);  // BOB interpolated + half the height
    EXPECT_EQ(ds.sewerOf(ds.features[0])->shape, "Eivormig");
    EXPECT_EQ(ds.features[0].dates.laid.year(), 1964);
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems[0].featureId, "L-101");
}

// Found by the fuzzer (tests/fuzz/fuzz_gwsw_turtle): a GML literal cut off inside its coordinates
// read past the string. Now the manhole has no position and says so; nothing is read out of bounds.
TEST(GwswImport, AGmlLiteralCutOffInItsCoordinatesIsNoPosition) {
    test::ScratchDir dir("gwsw_cut_literal");
    std::string seed = test::readFile(std::string(BODEMZICHT_SOURCE_DIR) +
                                      "/tests/fuzz/corpus/gwsw_turtle/manhole.ttl");
    ASSERT_NE(seed.find("</gml:pos>"), std::string::npos);
    for (const std::string& cut : {std::string("<gml:pos>168512.00 442665.00 22.84\"^^"),
                                   std::string("<gml:pos\"^^")}) {
        std::string ttl = seed;
        auto a = ttl.find("<gml:pos>");
        auto b = ttl.find("\"^^geo:gmlLiteral");
        ttl.replace(a, b - a + 3, cut);
        auto path = test::writeFile(dir.file("cut.ttl"), ttl);
        model::Dataset ds;
        io::ImportReport report;
        auto r = test::readAs("gwsw-turtle", path, {}, ds, report);
        if (r) {
            EXPECT_TRUE(ds.features.empty()) << report.summary();
        }
    }
}
