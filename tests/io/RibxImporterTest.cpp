// RIBX sewer inspections: the real Almere file and the synthetic ones read completely, linked to
// the project's pipes by node ids, placed by their coordinates or reported as unplaced, and bad
// files refused with the line and element.
#include <bodemzicht/io/ProjectImport.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/SourceReader.h>

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <regex>

#include "../TestSupport.h"
#include "ReadAs.h"

using namespace bz;

namespace {

std::string almere() {
    return test::sharedData() + "/sewer/ribxlib_36190148_5300093_ribx13_almere.ribx";
}

// Counted from the text, independently of the importer: every <ZC> element.
std::size_t countElements(const std::string& text, const std::string& name) {
    std::regex open("<" + name + "[\\s>]");
    return static_cast<std::size_t>(std::distance(
        std::sregex_iterator(text.begin(), text.end(), open), std::sregex_iterator()));
}

std::string pipeInspection(const std::string& ref, const std::string& n1, const std::string& n2,
                           const std::string& coords, const std::string& extra,
                           const std::string& observations) {
    return "<ZB_A><AAA>" + ref + "</AAA><AAD>" + n1 + "</AAD><AAF>" + n2 + "</AAF>" + coords +
           "<ABF>2025-03-01</ABF><ACA>A</ACA><ACB>300</ACB>" + extra + observations + "</ZB_A>\n";
}

std::string coordsOf(double x1, double y1, double x2, double y2) {
    char buf[400];
    std::snprintf(buf, sizeof buf,
                  "<AAE><gml:Point><gml:pos>%.2f %.2f</gml:pos></gml:Point></AAE>"
                  "<AAG><gml:Point><gml:pos>%.2f %.2f</gml:pos></gml:Point></AAG>",
                  x1, y1, x2, y2);
    return buf;
}

std::string ribx(const std::string& body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DATA "
           "xmlns:gml=\"http://www.opengis.net/gml\">\n<ZA><A2>nl</A2><A6>RIBX 1.3</A6></ZA>\n" +
           body + "</DATA>\n";
}

// A project with one sewer pipe K1 -> K2 (as GWSW gives it) and its manholes.
std::string projectWithPipe(const test::ScratchDir& dir) {
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "L-7";
    m.layer = "gwsw";
    m.theme = "rioolVrijverval";
    m.source = "riool.geojson";
    m.type = model::ObjectType::SewerPipe;
    auto fi =
        ds.addLinear(m, {{250000, 470000, 1.15}, {250040, 470000, 0.95}},
                     std::vector<model::VertexDepth>(2, {model::DepthProvenance::Derived}), 0.38f);
    model::SewerProfile sp;
    sp.bobBeginM = 1.0;
    sp.bobEndM = 0.8;
    sp.heightMm = 300;
    sp.widthMm = 300;
    sp.beginNode = "K1";
    sp.endNode = "K2";
    ds.attach(fi, sp);
    model::Dataset::Meta mh = m;
    mh.id = "K1";
    mh.type = model::ObjectType::Manhole;
    model::VerticalBody b;
    b.center = {250000, 470000};
    b.topZ = 3;
    b.bottomZ = 0.8;
    b.radiusM = 0.5f;
    ds.addBody(mh, b);
    auto path = dir.file("project.gpkg");
    EXPECT_TRUE(io::writeProject(ds, path));
    return path;
}

model::Dataset readProject(const std::string& path) {
    model::Dataset ds;
    io::ImportReport report;
    EXPECT_TRUE(io::readProjectInto(path, ds, report));
    EXPECT_EQ(report.skipped(), 0u) << report.summary();
    return ds;
}

}  // namespace

TEST(RibxImport, RealAlmereInspectionImportsEveryObservation) {
    const std::string text = test::readFile(almere());
    const std::size_t zc = countElements(text, "ZC"), zba = countElements(text, "ZB_A");
    ASSERT_EQ(zba, 2u);
    ASSERT_GT(zc, 500u);
    ASSERT_TRUE(test::identifiesAs(almere(), "ribx"));
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("ribx", almere(), {}, ds, report));
    EXPECT_EQ(report.skipped(), 0u) << report.summary();
    EXPECT_EQ(ds.inspections.size(), zba);
    EXPECT_EQ(ds.observations.size(), zc);
    // Both inspections are of pipe 5300093 between 53D0288 and 53D0092: one carrier.
    ASSERT_EQ(ds.features.size(), 1u);
    const auto& pipe = ds.features[0];
    EXPECT_EQ(pipe.id, "5300093");
    EXPECT_EQ(pipe.dates.laid.year(), 1981);
    const auto* sp = ds.sewerOf(pipe);
    ASSERT_NE(sp, nullptr);
    EXPECT_DOUBLE_EQ(sp->bobBeginM, -5.72);
    EXPECT_DOUBLE_EQ(sp->bobEndM, -5.74);
    EXPECT_EQ(sp->beginNode, "53D0288");
    EXPECT_EQ(sp->endNode, "53D0092");
    const auto& l = ds.linears[pipe.geometry];
    EXPECT_DOUBLE_EQ(ds.vertices[l.firstVertex].x, 142747.01);
    EXPECT_NEAR(ds.vertices[l.firstVertex].z, -5.72 + 0.15, 1e-9);  // BOB + half of 300 mm
    const auto& first = ds.inspections[0];
    EXPECT_EQ(first.date, model::Date::of(2016, 7, 4));
    EXPECT_EQ(first.version, "RIBX 1.3");
    EXPECT_NEAR(first.expectedLengthM, 31.30, 1e-5);
    EXPECT_NE(first.header.find("\"ABS\":\"5300093.mpg\""), std::string::npos) << first.header;
    // The third observation: a displaced joint (BAJ, A) of 133.7 mm at 1.00 m, photo and video.
    const auto& baj = ds.observations[2];
    EXPECT_EQ(baj.code, "BAJ");
    EXPECT_EQ(baj.char1, "A");
    EXPECT_DOUBLE_EQ(baj.value1, 133.7);
    EXPECT_DOUBLE_EQ(baj.distanceM, 1.0);
    EXPECT_TRUE(baj.atJoint);
    EXPECT_EQ(baj.photo, "L6704612.jpg");
    EXPECT_EQ(baj.video, "5300093.mpg|00:01:44");
    EXPECT_EQ(baj.char3, "A");
    // Clock positions and continuous-defect markers are kept.
    bool clock = false, continuous = false;
    for (const auto& o : ds.observations) {
        clock |= o.code == "BBC" && o.clock1 == 4 && o.clock2 == 8;
        continuous |= o.code == "BDD" && o.continuous == "A0";
    }
    EXPECT_TRUE(clock);
    EXPECT_TRUE(continuous);
}

TEST(RibxImport, EveryRibxFileOfTheSharedDataReadsWithoutLoss) {
    for (const char* name : {"rgs-ribx_minimal.ribx", "rgs-ribx_inclined.ribx"}) {
        const std::string path = test::sharedData() + "/sewer/" + name;
        const std::string text = test::readFile(path);
        model::Dataset ds;
        io::ImportReport report;
        ASSERT_TRUE(test::readAs("ribx", path, {}, ds, report)) << name;
        EXPECT_EQ(report.skipped(), 0u) << report.summary();
        EXPECT_EQ(ds.observations.size(), countElements(text, "ZC")) << name;
        EXPECT_EQ(ds.inspections.size(), countElements(text, "ZB_A") + countElements(text, "ZB_C"))
            << name;
        EXPECT_EQ(ds.inspections[0].version, "1.5.1");
        // No invert levels (AXG/AXH): a warning naming the pipe, the height assumed and marked.
        bool warned = false;
        for (const auto& w : report.warnings)
            warned |=
                w.featureId == "L001" && w.message.find("no invert levels") != std::string::npos;
        EXPECT_TRUE(warned) << report.summary();
        auto pipe = ds.find("L001");
        ASSERT_TRUE(pipe);
        const auto& l = ds.linears[ds.features[*pipe].geometry];
        EXPECT_EQ(ds.vertexDepths[l.firstVertex].provenance, model::DepthProvenance::Assumed);
        EXPECT_TRUE(ds.ground.assumed());
    }
}

TEST(RibxImport, DataChecksWarnWithIds) {
    test::ScratchDir dir("ribxcheck");
    auto path = test::writeFile(
        dir.file("checks.ribx"),
        ribx(pipeInspection("BIG", "A1", "A2", coordsOf(250000, 470000, 250040, 470000),
                            "<ACC>3500</ACC><AXG>1.0</AXG><AXH>0.9</AXH>",
                            "<ZC><A>BCD</A><I>0</I></ZC><ZC><A>BCE</A><I>25.0</I></ZC>")));
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("ribx", path, {}, ds, report));
    std::string all;
    for (const auto& w : report.warnings) all += w.featureId + ": " + w.message + "\n";
    EXPECT_NE(all.find("BIG: size 3500 mm is outside 50-3000 mm"), std::string::npos) << all;
    EXPECT_NE(all.find("BIG: inspected length 25.00 m is more than 20 % off the drawn length "
                       "40.00 m"),
              std::string::npos)
        << all;
}

TEST(RibxImport, AnAbsurdSizeIsReportedNotCastIntoAnInt) {
    // Found by fuzz_ribx: a height of 3e37 mm overflowed an int in the size warning.
    test::ScratchDir dir("ribxhuge");
    auto path = test::writeFile(
        dir.file("huge.ribx"),
        ribx(pipeInspection("HUGE", "A1", "A2", coordsOf(250000, 470000, 250040, 470000),
                            "<ACC>30000000000000000000000000000000000000</ACC><AXG>1.0</AXG>"
                            "<AXH>0.9</AXH>",
                            "")));
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("ribx", path, {}, ds, report));
    std::string all;
    for (const auto& w : report.warnings) all += w.featureId + ": " + w.message + "\n";
    EXPECT_NE(all.find("HUGE: size 300000"), std::string::npos) << all;
    EXPECT_NE(all.find("mm is outside 50-3000 mm"), std::string::npos) << all;
}

TEST(RibxImport, BadFilesAreRefusedWithLineAndElement) {
    test::ScratchDir dir("ribxbad");
    model::Dataset ds;
    io::ImportReport report;
    auto broken =
        test::writeFile(dir.file("broken.ribx"), ribx("<ZB_A><AAA>X</AAA>\n<ZC><A>BAB</A></ZB_A>"));
    auto r = test::readAs("ribx", broken, {}, ds, report);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("XML error at line 5 in <ZC>"), std::string::npos)
        << r.error().message;
    auto v2 = test::writeFile(dir.file("v2.ribx"),
                              "<DATA><ZA><A6>RIBX 2.0</A6></ZA><ZB_A><AAA>X</AAA></ZB_A></DATA>");
    r = test::readAs("ribx", v2, {}, ds, report);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("reads RIBX 1.0 to 1.5"), std::string::npos);
    auto entity = test::writeFile(
        dir.file("entity.ribx"),
        "<?xml version=\"1.0\"?><!DOCTYPE DATA [<!ENTITY a \"aaaaaaaa\">]><DATA>&a;</DATA>");
    r = test::readAs("ribx", entity, {}, ds, report);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("declares the entity 'a'"), std::string::npos);
    auto other = test::writeFile(dir.file("other.ribx"), "<ROOT/>");
    r = test::readAs("ribx", other, {}, ds, report);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("not a RIBX file"), std::string::npos);
    EXPECT_TRUE(ds.features.empty());
}

TEST(RibxImport, LinksToTheProjectsPipeByNodesInEitherDirection) {
    test::ScratchDir dir("ribxlink");
    const auto project = projectWithPipe(dir);
    // Inspected from K2 to K1 with different coordinates than the register: linked by nodes.
    auto path = test::writeFile(
        dir.file("insp.ribx"),
        ribx(pipeInspection("whatever", "K2", "K1", coordsOf(250040.3, 470000, 250000.2, 470000),
                            "<AXG>0.8</AXG><AXH>1.0</AXH>",
                            "<ZC><A>BAB</A><B>C</B><G>03</G><I>12.5</I></ZC>"
                            "<ZC><A>XYZ</A><I>13</I></ZC>") +
             "<ZB_C><CAA>K1</CAA><CBF>2025-03-01</CBF><ZC><A>DAB</A><B>A</B><I>0.5</I></ZC></"
             "ZB_C>"));
    io::ImportRequest request;
    request.sources = {path};
    request.append = true;
    io::ImportReport report;
    auto out = io::importIntoProject(project, request, report);
    ASSERT_TRUE(out) << out.error().toString();
    EXPECT_EQ(out->inspectionsLinked, 2u);
    EXPECT_EQ(out->inspectionsUnplaced, 0u);
    EXPECT_EQ(out->changes.at(0).added, 0u);  // the carriers did not enter the project
    auto ds = readProject(project);
    EXPECT_EQ(ds.features.size(), 2u);
    const auto* pipe = test::featureById(ds, "L-7");
    ASSERT_NE(pipe, nullptr);
    ASSERT_EQ(ds.detailsOf<model::SewerInspection>(*pipe).size(), 1u);
    auto obs = ds.detailsOf<model::SewerObservation>(*pipe);
    ASSERT_EQ(obs.size(), 2u);
    EXPECT_EQ(obs[0]->clock1, 3);
    // Unknown codes are kept and reported.
    EXPECT_EQ(obs[1]->code, "XYZ");
    EXPECT_FALSE(obs[1]->knownCode);
    bool reported = false;
    for (const auto& w : report.warnings) reported |= w.message.find("'XYZ'") != std::string::npos;
    EXPECT_TRUE(reported) << report.summary();
    // The condition: an open crack (BAB C) is class 4 in the shipped table, on the pipe.
    const auto* c = ds.firstDetail<model::SewerCondition>(*pipe);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->overall, 4);
    EXPECT_EQ(c->structural, 4);
    EXPECT_EQ(c->unknownCodes, 1);
    EXPECT_EQ(c->inspected, model::Date::of(2025, 3, 1));
    // ... and in the networks layer for GIS users.
    std::unique_ptr<GDALDataset> g(
        GDALDataset::Open(project.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(g);
    auto* layer = g->GetLayerByName("networks");
    ASSERT_TRUE(layer);
    layer->ResetReading();
    std::unique_ptr<OGRFeature> row(layer->GetNextFeature());
    ASSERT_TRUE(row);
    EXPECT_EQ(row->GetFieldAsInteger("condition_class"), 4);
    EXPECT_STREQ(row->GetFieldAsString("condition_date"), "2025-03-01");
    // The manhole inspection went to manhole K1.
    const auto* manhole = test::featureById(ds, "K1");
    ASSERT_NE(manhole, nullptr);
    EXPECT_EQ(ds.detailsOf<model::SewerInspection>(*manhole).size(), 1u);
    // Importing the same file again replaces its inspections, it does not add them twice.
    io::ImportReport again;
    out = io::importIntoProject(project, request, again);
    ASSERT_TRUE(out);
    EXPECT_EQ(out->inspectionsReplaced, 2u);
    ds = readProject(project);
    EXPECT_EQ(ds.detailsOf<model::SewerObservation>(*test::featureById(ds, "L-7")).size(), 2u);
    EXPECT_EQ(ds.inspections.size(), 2u);
}

TEST(RibxImport, UnmatchedIsPlacedByCoordinatesOrReportedAsUnplaced) {
    test::ScratchDir dir("ribxplace");
    const auto project = projectWithPipe(dir);
    auto path = test::writeFile(
        dir.file("insp.ribx"),
        ribx(pipeInspection("NEW-1", "Q1", "Q2", coordsOf(250100, 470000, 250130, 470000),
                            "<AXG>1.2</AXG><AXH>1.1</AXH>",
                            "<ZC><A>BBA</A><D>30</D><I>4</I></ZC>") +
             pipeInspection("LOST-1", "Z1", "Z2", "", "", "<ZC><A>BAF</A><I>2</I></ZC>")));
    io::ImportRequest request;
    request.sources = {path};
    request.append = true;
    io::ImportReport report;
    auto out = io::importIntoProject(project, request, report);
    ASSERT_TRUE(out) << out.error().toString();
    EXPECT_EQ(out->inspectionsOnCarrier, 1u);
    EXPECT_EQ(out->inspectionsUnplaced, 1u);
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems[0].featureId, "LOST-1");
    EXPECT_NE(report.problems[0].message.find("unplaced"), std::string::npos);
    auto ds = readProject(project);
    const auto* placed = test::featureById(ds, "NEW-1");
    ASSERT_NE(placed, nullptr);
    EXPECT_EQ(ds.str(placed->layer), "ribx");
    EXPECT_EQ(ds.firstDetail<model::SewerCondition>(*placed)->operational, 4);  // roots 30 %
    // --strict: the unplaced inspection stops the import, the project is unchanged.
    request.strict = true;
    io::ImportReport strict;
    EXPECT_FALSE(io::importIntoProject(project, request, strict));
}

TEST(RibxImport, InspectionsFollowTheirPipeWhenTheRegisterIsImportedAgain) {
    test::ScratchDir dir("ribxfollow");
    const auto project = projectWithPipe(dir);
    auto insp = test::writeFile(
        dir.file("insp.ribx"),
        ribx(pipeInspection("L-7", "K1", "K2", "", "", "<ZC><A>BAC</A><I>3</I></ZC>")));
    io::ImportRequest request;
    request.sources = {insp};
    request.append = true;
    io::ImportReport report;
    ASSERT_TRUE(io::importIntoProject(project, request, report));
    // The sewer register itself imported again (the same pipe, now from a GIS export).
    auto gis = test::writeFile(dir.file("riool.geojson"), R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
 "features": [{"type": "Feature", "properties": {"Naam": "L-7", "BobBeginpuntLeiding": 1.0,
   "BobEindpuntLeiding": 0.8, "HoogteLeiding": 300, "BeginpuntLeiding": "K1", "EindpuntLeiding": "K2"},
   "geometry": {"type": "LineString", "coordinates": [[250000, 470000], [250040, 470000]]}}]})");
    io::ImportRequest second;
    second.sources = {gis};
    second.append = true;
    io::ImportReport r2;
    auto out = io::importIntoProject(project, second, r2);
    ASSERT_TRUE(out) << out.error().toString();
    ASSERT_EQ(out->changes.size(), 1u) << r2.summary();
    EXPECT_EQ(out->changes.at(0).changed, 1u);  // the same source: its pipe was replaced
    auto ds = readProject(project);
    ASSERT_EQ(ds.findAll("L-7").size(), 1u);
    const auto& pipe = ds.features[*ds.find("L-7")];
    EXPECT_EQ(ds.str(pipe.layer), "gwsw");
    // Its inspection, observation and condition moved with it to the new version.
    EXPECT_EQ(ds.detailsOf<model::SewerInspection>(pipe).size(), 1u);
    EXPECT_EQ(ds.detailsOf<model::SewerObservation>(pipe).size(), 1u);
    ASSERT_NE(ds.firstDetail<model::SewerCondition>(pipe), nullptr);
    // BAC without a characterisation: missing parts or collapse, class 5 in the shipped table.
    EXPECT_EQ(ds.firstDetail<model::SewerCondition>(pipe)->overall, 5);
}

TEST(RibxImport, OlderConventionsReadToo) {
    // RIBX 1.0/1.1 prefixed Dutch additions with nl:, drafts of 1.2 named observations per
    // structure (ZC_A), and quantifications come with a decimal comma or a percent sign.
    test::ScratchDir dir("ribxold");
    auto path =
        test::writeFile(dir.file("old.ribx"),
                        "<DATA xmlns:nl=\"urn:nl\"><ZA><A6>RIBX 1.1</A6></ZA><ZB_A><AAA>P</AAA>"
                        "<AAE>250000,470000</AAE><AAG>250010,470000</AAG>"
                        "<ZC_A><A>nl:BZA</A><nl:D>1</nl:D><I>001,50</I></ZC_A>"
                        "<ZC><A>BBA</A><D>12,5%</D><I>2</I></ZC></ZB_A></DATA>");
    model::Dataset ds;
    io::ImportReport report;
    auto r = test::readAs("ribx", path, test::onGround(3.0), ds, report);
    ASSERT_TRUE(r) << r.error().toString();
    ASSERT_EQ(ds.observations.size(), 2u);
    EXPECT_EQ(ds.observations[0].code, "BZA");
    EXPECT_DOUBLE_EQ(ds.observations[0].distanceM, 1.5);
    EXPECT_DOUBLE_EQ(ds.observations[1].value1, 12.5);
    EXPECT_EQ(ds.observations[1].quant1, "12,5%");  // as written, kept
    ASSERT_EQ(ds.features.size(), 1u);              // placed by its GML 2 coordinates
    EXPECT_EQ(ds.inspections[0].version, "RIBX 1.1");
}
