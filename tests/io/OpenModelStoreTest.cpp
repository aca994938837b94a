// The open data model through the store: a source's own attributes survive import, store and
// reload (typed, with non-UTF-8 text refused by nobody), lifecycle dates keep their precision,
// several detail records per feature come back, zones at every depth stay so, and projects
// written before these changes still read.
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/SourceReader.h>

#include <gtest/gtest.h>

#include <cmath>

#include "../TestSupport.h"
#include "ReadAs.h"

using namespace bz;

TEST(OpenModelStore, ASourcesOwnAttributesSurviveImportStoreAndReload) {
    test::ScratchDir dir("attrs");
    auto src = test::writeFile(dir.file("kabels.geojson"), R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
 "features": [
  {"type": "Feature", "properties": {"id": "K1", "theme": "laagspanning", "status": "existing",
    "diameter_mm": 50, "depth_m": 0.6, "laid_date": "1975-03", "end_of_life_date": "2035",
    "kabeltype": "4x150 Al", "spanning_v": 400, "aders": 4, "gepantserd": true,
    "inspectie": "2019-06-11", "opmerking": "caf\u00e9 \u2013 nagemeten"},
   "geometry": {"type": "LineString", "coordinates": [[250000, 470000], [250010, 470000]]}}]})");
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("generic", src, test::onGround(10), ds, report)) << report.summary();
    const auto* k = test::featureById(ds, "K1");
    ASSERT_NE(k, nullptr);
    EXPECT_EQ(k->dates.laid.toString(), "1975-03");
    EXPECT_EQ(k->dates.endOfLife.toString(), "2035");
    auto check = [](const model::Dataset& d, const model::Feature& f) {
        ASSERT_NE(d.attribute(f, "kabeltype"), nullptr);
        EXPECT_EQ(std::get<std::string>(*d.attribute(f, "kabeltype")), "4x150 Al");
        EXPECT_EQ(model::toString(*d.attribute(f, "spanning_v")), "400");
        EXPECT_EQ(model::toString(*d.attribute(f, "aders")), "4");
        EXPECT_EQ(model::toString(*d.attribute(f, "opmerking")), "caf\u00e9 \u2013 nagemeten");
        EXPECT_NE(d.attribute(f, "gepantserd"), nullptr);
        EXPECT_NE(d.attribute(f, "inspectie"), nullptr);
        // Schema columns are not attributes.
        EXPECT_EQ(d.attribute(f, "diameter_mm"), nullptr);
        EXPECT_EQ(d.attribute(f, "laid_date"), nullptr);
    };
    check(ds, *k);
    const std::string project = dir.file("p.gpkg");
    ASSERT_TRUE(io::writeProject(ds, project));
    io::ImportReport r2;
    auto back = io::readProject(project, r2);
    ASSERT_TRUE(back) << back.error().toString();
    const auto* kb = test::featureById(*back, "K1");
    ASSERT_NE(kb, nullptr);
    check(*back, *kb);
    EXPECT_EQ(kb->dates, k->dates);
    // The attribute values and their order are as imported: the same fingerprint.
    EXPECT_EQ(model::toString(*back->attribute(*kb, "inspectie")),
              model::toString(*ds.attribute(*k, "inspectie")));
    EXPECT_EQ(back->attributesOf(*kb).size(), ds.attributesOf(*k).size());
}

TEST(OpenModelStore, TextThatIsNotUtf8IsStoredNotThrown) {
    test::ScratchDir dir("attrs2");
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "K1";
    m.attributes = {{"naam", std::string("Stra\xDF"
                                         "e \xff\xfe")}};  // Latin-1 bytes
    ds.addLinear(m, {{250000, 470000, 1}, {250010, 470000, 1}},
                 {{model::DepthProvenance::Measured}, {model::DepthProvenance::Measured}}, 0.1f);
    const std::string project = dir.file("p.gpkg");
    ASSERT_TRUE(io::writeProject(ds, project));
    io::ImportReport report;
    auto back = io::readProject(project, report);
    ASSERT_TRUE(back);
    ASSERT_EQ(back->features.size(), 1u);
    auto* v = back->attribute(back->features[0], "naam");
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(model::toString(*v).substr(0, 4), "Stra");  // the rest replaced, not lost wholesale
}

TEST(OpenModelStore, SeveralDetailRecordsAndZonesAtEveryDepthComeBack) {
    test::ScratchDir dir("details");
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "V1";
    m.type = model::ObjectType::ContaminationZone;
    m.source = "bodemloket.gpkg";
    auto zone = ds.addPrism(m, {{{250000, 470000}, {250010, 470000}, {250010, 470010}}}, -2, 0,
                            model::kUnknown, {model::DepthProvenance::Measured, 0.1f});
    ds.attach(zone, model::ContaminationDetail{"lood", 820, "mg/kg ds", "grond"});
    ds.attach(zone, model::ContaminationDetail{"minerale olie", 6000, "mg/kg ds", "grond"});
    m.id = "EV-1";
    m.type = model::ObjectType::ProtectedZone;
    auto ev = ds.addPrism(m, {{{249000, 469000}, {251000, 469000}, {251000, 471000}}}, NAN, NAN,
                          model::kUnknown, {model::DepthProvenance::Unknown, model::kUnknown});
    ds.prisms[ds.features[ev].geometry].allDepths = true;
    const std::string project = dir.file("p.gpkg");
    ASSERT_TRUE(io::writeProject(ds, project));
    io::ImportReport report;
    auto back = io::readProject(project, report);
    ASSERT_TRUE(back) << back.error().toString();
    const auto* v = test::featureById(*back, "V1");
    ASSERT_NE(v, nullptr);
    auto subs = back->detailsOf<model::ContaminationDetail>(*v);
    ASSERT_EQ(subs.size(), 2u);
    EXPECT_EQ(subs[0]->substance, "lood");
    EXPECT_EQ(subs[1]->substance, "minerale olie");
    EXPECT_DOUBLE_EQ(subs[1]->concentration, 6000);
    const auto* e = test::featureById(*back, "EV-1");
    ASSERT_NE(e, nullptr);
    EXPECT_TRUE(back->prisms[e->geometry].allDepths);
    EXPECT_DOUBLE_EQ(back->bounds().lo.z, -2);  // not -100
    for (const auto& w : report.warnings)
        EXPECT_EQ(w.message.find("record"), std::string::npos) << w.message;
}

TEST(OpenModelStore, ProjectsWrittenBeforeTheOpenModelStillRead) {
    // Version 1 of the store: one detail record in the object layer's own columns, zones at every
    // depth as -100..+100 m NAP, a year instead of dates (a GeoJSON named like the layer).
    test::ScratchDir dir("legacy");
    auto zones = test::writeFile(dir.file("zones.geojson"), R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::7415"}},
 "features": [
  {"type": "Feature", "properties": {"id": "V1", "theme": "verontreiniging", "status": "existing",
    "type": "contamination_zone", "year": 1990, "top_m": 0, "bottom_m": -2, "depth_provenance": "measured",
    "substance": "lood", "concentration": 820, "unit": "mg/kg ds", "medium": "grond"},
   "geometry": {"type": "Polygon", "coordinates": [[[250000, 470000], [250010, 470000], [250010, 470010], [250000, 470000]]]}},
  {"type": "Feature", "properties": {"id": "EV-1", "theme": "evGebied", "status": "existing",
    "type": "protected_zone", "top_m": 100, "bottom_m": -100, "depth_provenance": "unknown"},
   "geometry": {"type": "Polygon", "coordinates": [[[249000, 469000], [251000, 469000], [251000, 471000], [249000, 469000]]]}}]})");
    io::ImportReport report;
    auto ds = io::readProject(zones, report);
    ASSERT_TRUE(ds) << ds.error().toString();
    const auto* v = test::featureById(*ds, "V1");
    ASSERT_NE(v, nullptr);
    ASSERT_NE(ds->contaminationOf(*v), nullptr);
    EXPECT_EQ(ds->contaminationOf(*v)->substance, "lood");
    EXPECT_EQ(v->dates.laid.toString(), "1990");
    const auto* e = test::featureById(*ds, "EV-1");
    ASSERT_NE(e, nullptr);
    EXPECT_TRUE(ds->prisms[e->geometry].allDepths);
    EXPECT_DOUBLE_EQ(ds->bounds().hi.z, 0);
}
