// KLIC deliveries: the real Kadaster samples from ../shared/data/klic and small fixtures of our own
// for depth handling and each bad-input case.
#include <bodemzicht/clash/ClashDetector.h>
#include <bodemzicht/clash/ClashModel.h>
#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/io/SourceReader.h>

#include <cpl_vsi.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "../TestSupport.h"
#include "ReadAs.h"

using namespace bz;

namespace {

std::string klicSample(const std::string& name) {
    return test::sharedData() + "/klic/" + name;
}

// Number of gml:featureMember elements in a file (or the IMKL file inside a zip).
std::size_t featureMembers(const std::string& path, const std::string& inner = "") {
    std::string p = inner.empty() ? path : "/vsizip/" + path + "/" + inner;
    VSILFILE* f = VSIFOpenL(p.c_str(), "rb");
    EXPECT_NE(f, nullptr) << p;
    std::string text;
    std::vector<char> buf(1 << 20);
    std::size_t n;
    while (f && (n = VSIFReadL(buf.data(), 1, buf.size(), f)) > 0) text.append(buf.data(), n);
    if (f) VSIFCloseL(f);
    std::size_t count = 0;
    for (std::size_t at = 0; (at = text.find("<gml:featureMember>", at)) != std::string::npos; ++at)
        ++count;
    return count;
}

const char* kHeader = R"(<?xml version="1.0" encoding="UTF-8"?>
<gml:FeatureCollection gml:id="fc" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:imkl="http://www.geostandaarden.nl/imkl/wibon"
 xmlns:net="http://inspire.ec.europa.eu/schemas/net/4.0" xmlns:us-net-common="http://inspire.ec.europa.eu/schemas/us-net-common/4.0"
 xmlns:xlink="http://www.w3.org/1999/xlink">
)";

std::string network(const std::string& id, const std::string& theme, const std::string& cover) {
    return R"(<gml:featureMember><imkl:Utiliteitsnet gml:id=")" + id +
           R"("><imkl:thema xlink:href="http://definities.geostandaarden.nl/imkl2015/id/waarde/Thema/)" +
           theme + R"("/><imkl:standaardDieptelegging uom="urn:ogc:def:uom:OGC::m">)" + cover +
           "</imkl:standaardDieptelegging></imkl:Utiliteitsnet></gml:featureMember>\n";
}

std::string utilityLink(const std::string& id, const std::string& posList) {
    return R"(<gml:featureMember><us-net-common:UtilityLink gml:id=")" + id +
           R"("><net:centrelineGeometry><gml:LineString gml:id="g)" + id +
           R"(" srsName="urn:ogc:def:crs:EPSG::28992"><gml:posList>)" + posList +
           "</gml:posList></gml:LineString></net:centrelineGeometry></us-net-common:UtilityLink></"
           "gml:featureMember>\n";
}

std::string cable(const std::string& id, const std::string& net, const std::string& linkId,
                  const std::string& diameter, const std::string& uom) {
    return R"(<gml:featureMember><imkl:Elektriciteitskabel gml:id=")" + id +
           R"("><net:inNetwork xlink:href=")" + net + R"("/><net:link xlink:href=")" + linkId +
           R"("/><us-net-common:currentStatus xlink:href="http://inspire.ec.europa.eu/codelist/ConditionOfFacilityValue/functional"/>)"
           R"(<us-net-common:validFrom>1996-01-01T00:00:00</us-net-common:validFrom><imkl:kabelDiameter uom="urn:ogc:def:uom:OGC::)" +
           uom + R"(">)" + diameter +
           "</imkl:kabelDiameter></imkl:Elektriciteitskabel></gml:featureMember>\n";
}

std::string depthPoint(const std::string& id, const std::string& net, const std::string& pos,
                       const std::string& depth) {
    return R"(<gml:featureMember><imkl:DiepteTovMaaiveld gml:id=")" + id +
           R"("><imkl:diepteNauwkeurigheid xlink:href="http://definities.geostandaarden.nl/imkl2015/id/waarde/NauwkeurigheidDiepteValue/tot30cm"/>)"
           R"(<imkl:dieptePeil uom="urn:ogc:def:uom:OGC::m">)" +
           depth + R"(</imkl:dieptePeil><imkl:ligging><gml:Point gml:id="p)" + id +
           R"("><gml:pos>)" + pos +
           R"(</gml:pos></gml:Point></imkl:ligging><imkl:inNetwork xlink:href=")" + net +
           "\"/></imkl:DiepteTovMaaiveld></gml:featureMember>\n";
}

std::string beheerder(const std::string& code, const std::string& name) {
    return R"(<gml:featureMember><imkl:Beheerder gml:id="nl.imkl-)" + code +
           R"(._Beheerder"><imkl:bronhoudercode>)" + code +
           "</imkl:bronhoudercode><imkl:organisatie><imkl:Organisatie><imkl:naam>" + name +
           "</imkl:naam></imkl:Organisatie></imkl:organisatie></imkl:Beheerder></"
           "gml:featureMember>\n";
}

}  // namespace

TEST(KlicImport, KadasterDeliveriesImportWithCountsThatAddUp) {
    struct Case {
        const char* file;
        const char* inner;
        std::size_t minLoaded;
    };
    for (const Case& c : {Case{"Levering_22G003180_1.zip",
                               "22G003180_1/GI_gebiedsinformatielevering_22G003180_1_V2.xml", 30},
                          Case{"Levering_22O000518_1.zip",
                               "22O000518_1/GI_gebiedsinformatielevering_22O000518_1_V2.xml", 400},
                          Case{"Levering_22C001966_3.zip",
                               "22C001966_3/GI_gebiedsinformatielevering_22C001966_3_V2.xml", 5000},
                          Case{"b4udignl_18G007160_1_GI_imkl121_allthemes.xml", "", 20},
                          Case{"b4udignl_22G064233_1_GI_small.xml", "", 2},
                          Case{"kadaster_voorbeeld1_mantelbuis_extrageometrie.xml", "", 3},
                          Case{"kadaster_voorbeeld2_duct_pipe_cable.xml", "", 5}}) {
        std::string path = klicSample(c.file);
        ASSERT_TRUE(std::filesystem::exists(path)) << path;
        EXPECT_TRUE(test::identifiesAs(path, "klic")) << c.file;
        model::Dataset ds;
        io::ImportReport report;
        io::ReadOptions o;
        o.groundLevel = model::GroundLevel(10.0);
        ASSERT_TRUE(test::readAs("klic", path, o, ds, report)) << c.file;
        EXPECT_GE(report.loaded(), c.minLoaded) << c.file << "\n" << report.summary();
        EXPECT_EQ(report.skipped(), 0u) << c.file << "\n" << report.summary();
        // Every feature of the file is accounted for: imported, skipped or not imported (and why).
        std::size_t members = std::string(c.file).ends_with(".zip") ? featureMembers(path, c.inner)
                                                                    : featureMembers(path);
        EXPECT_EQ(report.loaded() + report.skipped() + report.ignored(), members)
            << c.file << "\n"
            << report.summary();
    }
}

TEST(KlicImport, ThemeOwnerDiameterAndStatusComeFromTheDelivery) {
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o;
    o.groundLevel = model::GroundLevel(1.0);
    ASSERT_TRUE(test::readAs("klic", klicSample("Levering_22C001966_3.zip"), o, ds, report));
    std::size_t heat = 0;
    for (const auto& f : ds.features) {
        if (f.type != model::ObjectType::HeatPipe) continue;
        ++heat;
        EXPECT_EQ(ds.str(f.theme), "warmte");
        const auto& l = ds.linears[f.geometry];
        // Amsterdam's heat net gives pipeDiameter in cm: converted, so metres stay plausible.
        if (!std::isnan(l.outerDiameterM)) {
            EXPECT_GT(l.outerDiameterM, 0.01);
            EXPECT_LT(l.outerDiameterM, 1.5);
        }
        EXPECT_NE(ds.str(f.owner).find("(KL"), std::string::npos) << ds.str(f.owner);
    }
    EXPECT_GT(heat, 1000u);
    bool partial = false;
    for (const auto& w : report.warnings)
        partial |= w.message.find("partial delivery") != std::string::npos;
    EXPECT_TRUE(partial);

    model::Dataset small;
    io::ImportReport r2;
    ASSERT_TRUE(test::readAs("klic", klicSample("Levering_22G003180_1.zip"), o, small, r2));
    const auto* ms = test::featureById(
        small, "nl.imkl-KL1040.EKBL_IMKL_Elektriciteitskabel__Ms_Kabel__415504843_27368148");
    ASSERT_NE(ms, nullptr);
    EXPECT_EQ(small.str(ms->theme), "middenspanning");
    EXPECT_EQ(ms->status, model::ObjectStatus::Existing);
    EXPECT_EQ(ms->dates.laid.year(), 1996);
    EXPECT_FLOAT_EQ(ms->horizontalAccuracyM, 1.0f);
    // Liander's MS net: standaardDieptelegging 0.80 m, assumed; axis below the 1.0 m ground level.
    const auto& l = small.linears[ms->geometry];
    EXPECT_EQ(small.vertexDepths[l.firstVertex].provenance, model::DepthProvenance::Assumed);
    EXPECT_NEAR(small.vertices[l.firstVertex].z, 1.0 - 0.80, 0.1);
}

TEST(KlicImport, DepthPointsAreInterpolatedAlongTheirElementAndDefaultsAreAssumed) {
    test::ScratchDir dir("klic1");
    std::string xml =
        std::string(kHeader) + beheerder("KL9999", "Netbeheer Test") +
        network("nl.imkl-KL9999.net1", "laagspanning", "0.60") +
        utilityLink("nl.imkl-KL9999.ul1", "250000 470000 250020 470000") +
        utilityLink("nl.imkl-KL9999.ul2", "250000 470010 250020 470010") +
        cable("nl.imkl-KL9999.k1", "nl.imkl-KL9999.net1", "nl.imkl-KL9999.ul1", "5", "cm") +
        cable("nl.imkl-KL9999.k2", "nl.imkl-KL9999.net1", "nl.imkl-KL9999.ul2", "50", "mm") +
        depthPoint("nl.imkl-KL9999.d1", "nl.imkl-KL9999.net1", "250000.2 470000.3", "1.00") +
        depthPoint("nl.imkl-KL9999.d2", "nl.imkl-KL9999.net1", "250020 469999.8", "1.40") +
        "</gml:FeatureCollection>\n";
    auto path = test::writeFile(dir.file("GI_test.xml"), xml);
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o;
    o.groundLevel = model::GroundLevel(5.0);
    ASSERT_TRUE(test::readAs("klic", path, o, ds, report)) << report.summary();
    ASSERT_EQ(ds.features.size(), 2u) << report.summary();
    const auto* k1 = test::featureById(ds, "nl.imkl-KL9999.k1");
    const auto* k2 = test::featureById(ds, "nl.imkl-KL9999.k2");
    ASSERT_TRUE(k1 && k2);
    EXPECT_EQ(ds.str(k1->owner), "Netbeheer Test (KL9999)");
    EXPECT_NEAR(ds.linears[k1->geometry].outerDiameterM, 0.05, 1e-7);  // 5 cm
    EXPECT_NEAR(ds.linears[k2->geometry].outerDiameterM, 0.05, 1e-7);  // 50 mm
    const auto& l1 = ds.linears[k1->geometry];
    // k1: depth points near both ends (1.0 m at chainage 0.2, 1.4 m at 20, below 5.0), derived,
    // with their accuracy; 0.2 m from its point the first vertex is almost exactly at it (the
    // influence fades as exp(-distance / 25 m) towards the standard 0.60 m).
    double w = std::exp(-0.2 / 25.0);
    EXPECT_NEAR(ds.vertices[l1.firstVertex].z, 5.0 - (0.625 + w * (1.025 - 0.625)), 1e-6);
    EXPECT_NEAR(ds.vertices[l1.firstVertex + 1].z, 5.0 - 1.4 - 0.025, 1e-6);
    EXPECT_NEAR(ds.vertexDepths[l1.firstVertex].belowGroundM, 0.625 + w * 0.4, 1e-6);
    EXPECT_EQ(ds.vertexDepths[l1.firstVertex].provenance, model::DepthProvenance::Derived);
    EXPECT_NEAR(ds.vertexDepths[l1.firstVertex + 1].verticalUncertaintyM, 0.3f, 1e-6);
    // k2: 10 m away from the depth points: the net's standaardDieptelegging, assumed.
    const auto& l2 = ds.linears[k2->geometry];
    EXPECT_NEAR(ds.vertices[l2.firstVertex].z, 5.0 - 0.6 - 0.025, 1e-6);
    EXPECT_EQ(ds.vertexDepths[l2.firstVertex].provenance, model::DepthProvenance::Assumed);
}

TEST(KlicImport, BadInputIsNamedAndTheRestImports) {
    test::ScratchDir dir("klic2");
    std::string body =
        beheerder("KL9999", "Test") + network("nl.imkl-KL9999.net1", "water", "1.0") +
        network("nl.imkl-KL9999.net2", "stadsverwarming", "1.0") +
        utilityLink("nl.imkl-KL9999.ul1", "250000 470000 250020 470000") +
        cable("nl.imkl-KL9999.ok", "nl.imkl-KL9999.net1", "nl.imkl-KL9999.ul1", "110", "mm") +
        cable("nl.imkl-KL9999.nolink", "nl.imkl-KL9999.net1", "nl.imkl-KL9999.missing", "110",
              "mm") +
        cable("nl.imkl-KL9999.inch", "nl.imkl-KL9999.net1", "nl.imkl-KL9999.ul1", "4", "inch") +
        cable("nl.imkl-KL9999.nonet", "nl.imkl-KL9999.nowhere", "nl.imkl-KL9999.ul1", "110", "mm");
    auto path = test::writeFile(dir.file("GI_bad.xml"),
                                std::string(kHeader) + body + "</gml:FeatureCollection>\n");
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("klic", path, {}, ds, report));
    EXPECT_EQ(ds.features.size(), 1u);
    std::map<std::string, std::string> why;
    for (const auto& e : report.problems) why[e.featureId] = e.message;
    EXPECT_EQ(why["nl.imkl-KL9999.nolink"],
              "net:link target 'nl.imkl-KL9999.missing' is missing or has no line");
    EXPECT_EQ(why["nl.imkl-KL9999.inch"],
              "unknown unit 'urn:ogc:def:uom:OGC::inch' of imkl:kabelDiameter");
    EXPECT_EQ(why["nl.imkl-KL9999.nonet"],
              "inNetwork target 'nl.imkl-KL9999.nowhere' is not in the delivery");
    bool unknownTheme = false;
    for (const auto& w : report.warnings)
        unknownTheme |=
            w.featureId == "nl.imkl-KL9999.net2" &&
            w.message ==
                "unknown theme 'stadsverwarming': kept as given, handled as 'overig' by the rules";
    EXPECT_TRUE(unknownTheme);
    // Without a ground level the network's cover depth is kept below ground and the height stands
    // on an assumed flat ground (0 m NAP here, no maaiveldPeil in the file), said as assumed.
    const auto& l = ds.linears[0];
    EXPECT_NEAR(ds.vertexDepths[l.firstVertex].belowGroundM, 1.0 + 0.055, 1e-6);
    EXPECT_NEAR(ds.vertices[l.firstVertex].z, -1.055, 1e-6);
    EXPECT_EQ(ds.vertexDepths[l.firstVertex].provenance, model::DepthProvenance::Assumed);
    EXPECT_TRUE(ds.ground.assumed());

    // Truncated XML: the delivery cannot be read as a whole, so nothing of it is imported (what
    // is missing would look like free ground); the error names the line.
    std::string full = std::string(kHeader) + body;
    auto truncated = test::writeFile(dir.file("GI_truncated.xml"),
                                     full.substr(0, full.find("nl.imkl-KL9999.nolink") + 40));
    model::Dataset t;
    io::ImportReport tr;
    auto cut = test::readAs("klic", truncated, {}, t, tr);
    ASSERT_FALSE(cut);
    EXPECT_NE(cut.error().message.find("XML error at line"), std::string::npos)
        << cut.error().toString();
    EXPECT_NE(cut.error().message.find("cannot be read as a whole"), std::string::npos);
    // Not XML at all.
    auto garbage = test::writeFile(dir.file("GI_garbage.xml"), "<<<not xml");
    model::Dataset g;
    io::ImportReport gr;
    auto r = test::readAs("klic", garbage, {}, g, gr);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("XML error at line 1"), std::string::npos)
        << r.error().message;
}

TEST(KlicImport, EvAreaWithAHoleBecomesAProtectedZone) {
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(
        test::readAs("klic", klicSample("kadaster_voorbeeld6_ev_vlak_donut.zip"), {}, ds, report));
    const model::Feature* ev = nullptr;
    for (const auto& f : ds.features)
        if (f.type == model::ObjectType::ProtectedZone) ev = &f;
    ASSERT_NE(ev, nullptr) << report.summary();
    EXPECT_EQ(ds.str(ev->theme), "evGebied");
    EXPECT_EQ(ds.str(ev->owner),
              "KL3131; EV (Transport 4-50kV), contact J. Toezichthouder, 06-62241001");
    EXPECT_EQ(ds.prisms[ev->geometry].ringCount, 2u);  // the donut keeps its hole
}

TEST(KlicImport, PointObjectsGetAssumedSizesAtTheirNetworksDepth) {
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o;
    o.groundLevel = model::GroundLevel(1.0);
    ASSERT_TRUE(test::readAs("klic", klicSample("Levering_22G003180_1.zip"), o, ds, report));
    const auto* mof =
        test::featureById(ds, "nl.imkl-KL1040.APPU_IMKL_Appurtenance__Ms_Mof__618028486_87988567");
    ASSERT_NE(mof, nullptr);
    EXPECT_EQ(mof->type, model::ObjectType::Appurtenance);
    EXPECT_EQ(ds.str(mof->theme), "middenspanning");
    const auto& b = ds.bodies[mof->geometry];
    // The MS net's standaardDieptelegging (0.80 m) below the 1.0 m ground, 0.3 m joint: all
    // assumed.
    // (Depths below ground are kept as float: a micrometre.)
    EXPECT_NEAR(0.5 * (b.topZ + b.bottomZ), 1.0 - 0.80, 1e-6);
    EXPECT_NEAR(b.topZ - b.bottomZ, test::formatDefault("klic", "appurtenance-diameter-m"), 1e-6);
    EXPECT_EQ(b.depth.provenance, model::DepthProvenance::Assumed);
    std::size_t cabinets = 0, extra = 0;
    for (const auto& f : ds.features) {
        cabinets += f.type == model::ObjectType::Cabinet;
        extra += ds.str(f.layer) == "klic-extrageometrie";
    }
    EXPECT_EQ(cabinets, 2u);  // the two TechnischGebouw
    EXPECT_EQ(extra, 0u);     // their extra geometry is their footprint, not an area of its own
    // Without a ground level they are placed at their depth below an assumed flat ground (said),
    // and keep that depth so that a real ground can place them later.
    model::Dataset none;
    io::ImportReport r2;
    ASSERT_TRUE(test::readAs("klic", klicSample("Levering_22G003180_1.zip"), {}, none, r2));
    EXPECT_EQ(r2.perLayer["imkl:Appurtenance"].skipped, 0u);
    EXPECT_EQ(none.ground.kind, model::GroundBasis::Kind::AssumedFlat);
    const auto* mof2 = test::featureById(none, mof->id);
    ASSERT_NE(mof2, nullptr);
    const auto& b2 = none.bodies[mof2->geometry];
    EXPECT_NEAR(b2.topBelowGroundM, 0.80 - 0.15, 1e-6);
    EXPECT_NEAR(b2.depth.belowGroundM, 0.80 + 0.15, 1e-6);
    EXPECT_NEAR(b2.topZ, none.ground.level - (0.80 - 0.15), 1e-6);
}

TEST(KlicImport, WithoutAGroundLevelTheDeliveriesOwnMaaiveldPeilIsUsed) {
    test::ScratchDir dir("klic3");
    std::string nap =
        R"(<gml:featureMember><imkl:DiepteNAP gml:id="nl.imkl-KL9999.n1"><imkl:dieptePeil uom="urn:ogc:def:uom:OGC::m">4.00</imkl:dieptePeil>)"
        R"(<imkl:ligging><gml:Point gml:id="pn1"><gml:pos>250500 470000</gml:pos></gml:Point></imkl:ligging>)"
        R"(<imkl:inNetwork xlink:href="nl.imkl-KL9999.other"/><imkl:maaiveldPeil uom="urn:ogc:def:uom:OGC::m">5.55</imkl:maaiveldPeil>)"
        "</imkl:DiepteNAP></gml:featureMember>\n";
    std::string xml =
        std::string(kHeader) + network("nl.imkl-KL9999.net1", "laagspanning", "0.60") +
        utilityLink("nl.imkl-KL9999.ul1", "250490 470000 250510 470000") +
        cable("nl.imkl-KL9999.k1", "nl.imkl-KL9999.net1", "nl.imkl-KL9999.ul1", "50", "mm") + nap +
        "</gml:FeatureCollection>\n";
    auto path = test::writeFile(dir.file("GI_nap.xml"), xml);
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("klic", path, {}, ds, report));
    ASSERT_EQ(ds.features.size(), 1u) << report.summary();
    EXPECT_NEAR(ds.vertices[0].z, 5.55 - 0.60 - 0.025, 1e-9);
    EXPECT_EQ(ds.vertexDepths[0].provenance, model::DepthProvenance::Assumed);
    bool recorded = false;
    for (const auto& w : report.warnings)
        recorded |=
            w.message.rfind("ground level for depths below maaiveld: the delivery's maaiveldPeil",
                            0) == 0;
    EXPECT_TRUE(recorded) << report.summary();
}

TEST(KlicImport, TheOwnersPlannedNetworksAreNotProposalsAndAreCheckedOnRequest) {
    test::ScratchDir dir("klic_planned");
    std::string planned =
        cable("nl.imkl-KL9999.plan", "nl.imkl-KL9999.net1", "nl.imkl-KL9999.ul1", "50", "mm");
    planned.replace(planned.find("functional"), 10, "projected");
    std::string xml = std::string(kHeader) + beheerder("KL9999", "Netbeheer Test") +
                      network("nl.imkl-KL9999.net1", "laagspanning", "0.60") +
                      utilityLink("nl.imkl-KL9999.ul1", "250000 470000 250020 470000") + planned +
                      "</gml:FeatureCollection>\n";
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(
        test::readAs("klic", test::writeFile(dir.file("GI_plan.xml"), xml), {}, ds, report));
    ASSERT_EQ(ds.features.size(), 1u);
    EXPECT_EQ(ds.features[0].status, model::ObjectStatus::PlannedByOwner);
    // A designer's trench across it at the cable's depth.
    model::Dataset::Meta m;
    m.id = "sleuf";
    m.theme = "sleuf";
    m.type = model::ObjectType::Trench;
    m.status = model::ObjectStatus::Proposed;
    ds.addPrism(m, {{{250009, 469999}, {250011, 469999}, {250011, 470001}, {250009, 470001}}}, -1.0,
                0.0, model::kUnknown, {model::DepthProvenance::Measured, 0.f, 1.0f});
    auto run = [&](bool withPlanned) {
        clash::ClashModel model(ds, clash::RuleSet::dutchDefault(), model::GroundLevel());
        clash::ClashOptions o;
        o.includePlanned = withPlanned;
        return clash::ClashDetector(model, clash::RuleSet::dutchDefault(), o).findClashes();
    };
    auto plain = run(false);
    EXPECT_EQ(plain.proposedChecked, 1u);  // only the designer's trench is a proposal
    EXPECT_TRUE(plain.clashes.empty());
    auto with = run(true);
    ASSERT_FALSE(with.clashes.empty());
    EXPECT_EQ(with.clashes[0].aId, "nl.imkl-KL9999.plan");
    EXPECT_EQ(with.clashes[0].bId, "sleuf");
}

TEST(KlicImport, ADepthPointsInfluenceFadesAlongALongElementAndItsLinksAreUsed) {
    test::ScratchDir dir("klic_fade");
    // A 200 m water main with one point (1.3 m, accuracy tot30cm) at its start; a second main
    // linked by imkl:dieptelegging to a point 5 m beside it ("onbekend"); a point of nobody.
    std::string linked =
        cable("nl.imkl-KL9999.w2", "nl.imkl-KL9999.net1", "nl.imkl-KL9999.ul2", "110", "mm");
    linked.insert(linked.find("</imkl:Elektriciteitskabel>"),
                  R"(<imkl:dieptelegging xlink:href="nl.imkl-KL9999.dlinked"/>)");
    std::string unknownAccuracy =
        depthPoint("nl.imkl-KL9999.dlinked", "nl.imkl-KL9999.net1", "250050 470055", "1.50");
    unknownAccuracy.replace(unknownAccuracy.find("tot30cm"), 7, "onbekend");
    std::string xml =
        std::string(kHeader) + beheerder("KL9999", "Test") +
        network("nl.imkl-KL9999.net1", "water", "1.00") +
        utilityLink("nl.imkl-KL9999.ul1", "250000 470000 250100 470000 250200 470000") +
        utilityLink("nl.imkl-KL9999.ul2", "250000 470050 250100 470050") +
        cable("nl.imkl-KL9999.w1", "nl.imkl-KL9999.net1", "nl.imkl-KL9999.ul1", "110", "mm") +
        linked + depthPoint("nl.imkl-KL9999.d1", "nl.imkl-KL9999.net1", "250000 470000", "1.30") +
        unknownAccuracy +
        depthPoint("nl.imkl-KL9999.lost", "nl.imkl-KL9999.net1", "250150 470030", "2.00") +
        "</gml:FeatureCollection>\n";
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o;
    const double influence = test::formatDefault("klic", "depth-point-influence-m"),
                 growth = test::formatDefault("klic", "depth-point-uncertainty-growth");
    ASSERT_TRUE(test::readAs("klic", test::writeFile(dir.file("GI_fade.xml"), xml), o, ds, report));
    const auto* w1 = test::featureById(ds, "nl.imkl-KL9999.w1");
    const auto* w2 = test::featureById(ds, "nl.imkl-KL9999.w2");
    ASSERT_TRUE(w1 && w2) << report.summary();
    const auto& l1 = ds.linears[w1->geometry];
    const double r = 0.055, standard = 1.0 + r, fixed = 1.3 + r;
    for (std::uint32_t i = 0; i < 3; ++i) {
        const auto& d = ds.vertexDepths[l1.firstVertex + i];
        double dist = 100.0 * i, weight = std::exp(-dist / influence);
        EXPECT_NEAR(d.belowGroundM, standard + weight * (fixed - standard), 1e-5) << i;
        // The band grows away from the point and ends at the assumed band.
        double grown = std::hypot(0.3, growth * dist);
        EXPECT_NEAR(d.verticalUncertaintyM,
                    std::min(weight * grown + (1 - weight) * o.defaults.assumedBandM,
                             std::max(o.defaults.assumedBandM, 0.3)),
                    1e-5)
            << i;
    }
    EXPECT_EQ(ds.vertexDepths[l1.firstVertex].provenance, model::DepthProvenance::Derived);
    // 200 m away the point no longer decides: the standard depth, assumed.
    EXPECT_EQ(ds.vertexDepths[l1.firstVertex + 2].provenance, model::DepthProvenance::Assumed);
    EXPECT_NEAR(ds.vertexDepths[l1.firstVertex + 2].belowGroundM, standard, 0.001);
    // The linked point 5 m away is used; "onbekend" is never tighter than an assumed depth.
    const auto& l2 = ds.linears[w2->geometry];
    EXPECT_NEAR(ds.vertexDepths[l2.firstVertex].belowGroundM,
                standard + std::exp(-50.0 / influence) * 0.5, 1e-5);
    EXPECT_GE(ds.vertexDepths[l2.firstVertex].verticalUncertaintyM, o.defaults.assumedBandM - 1e-6);
    // The point of nobody is said.
    bool said = false;
    for (const auto& wrn : report.warnings)
        said |= wrn.featureId == "nl.imkl-KL9999.lost" &&
                wrn.message.find("depth point not used") != std::string::npos;
    EXPECT_TRUE(said) << report.summary();
}

TEST(KlicImport, PointObjectsAreWhatTheyAreAndExtraGeometryIsTheirFootprint) {
    // With the Dutch rule set's shapes: a joint around its cable, a valve with its street box up
    // to the ground, a substation as a box on its extra geometry standing above the ground.
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o = clash::readOptionsFrom(clash::RuleSet::dutchDefault());
    o.groundLevel = model::GroundLevel(1.0);
    ASSERT_TRUE(test::readAs("klic", klicSample("Levering_22O000518_1.zip"), o, ds, report));
    std::map<std::string, std::size_t> byType;
    const model::Feature *valve = nullptr, *station = nullptr, *gully = nullptr;
    for (const auto& f : ds.features) {
        const auto* t = ds.attribute(f, "usc:appurtenanceType");
        if (t) ++byType[model::toString(*t)];
        if (t && model::toString(*t) == "afsluiter") valve = &f;
        if (t && model::toString(*t) == "kolk") gully = &f;
        if (f.id == "nl.imkl-KL1031.TGBW_elec_e_mv_map_station6499541792500299681_12958571")
            station = &f;
    }
    EXPECT_EQ(byType["mof"], 104u);  // every appurtenance keeps its type
    EXPECT_EQ(byType["kolk"], 49u);
    ASSERT_TRUE(valve && station && gully);
    const auto& v = ds.bodies[valve->geometry];
    EXPECT_NEAR(v.topZ, 1.0, 1e-6);   // up to the ground
    EXPECT_LT(v.bottomZ, 1.0 - 1.0);  // below the water main's 1.0 m cover
    EXPECT_NEAR(2 * v.radiusM, 0.25, 1e-6);
    const auto& g = ds.bodies[gully->geometry];
    EXPECT_FALSE(g.isCylinder());
    EXPECT_NEAR(g.bottomZ, 1.0 - 0.9, 1e-6);
    const auto& st = ds.bodies[station->geometry];
    EXPECT_FALSE(st.isCylinder());
    EXPECT_NEAR(st.topZ, 1.0 + 2.6, 1e-6);  // standing above the ground
    EXPECT_NE(ds.attribute(*station, "footprint"), nullptr);
    // The footprint is the extra geometry's: the station's box lies around its polygon.
    EXPECT_GT(st.widthM * st.lengthM, 1.0);
    for (const auto& f : ds.features)
        EXPECT_NE(f.id, "nl.imkl-KL1031.EG_elec_e_mv_map_station6499541792500299681_12958570");
    // Every shape says it is assumed and where it comes from.
    EXPECT_NE(model::toString(*ds.attribute(*valve, "assumed shape")).find("'afsluiter'"),
              std::string::npos);
}

TEST(KlicImport, EvAreasAreClippedToTheRequestAreaWithTheOriginalKept) {
    model::Dataset ds;
    io::ImportReport report;
    ASSERT_TRUE(test::readAs("klic", klicSample("Levering_22O000518_1.zip"), test::onGround(1.0),
                             ds, report));
    const model::Feature* request = nullptr;
    std::vector<const model::Feature*> ev;
    for (const auto& f : ds.features) {
        if (ds.str(f.theme) == "projectgebied") request = &f;
        if (ds.str(f.theme) == "evGebied") ev.push_back(&f);
    }
    ASSERT_NE(request, nullptr);  // the oriëntatiepolygoon is the request area
    ASSERT_FALSE(ev.empty());
    const auto rb = ds.featureBounds(*request);
    for (const auto* e : ev) {
        EXPECT_TRUE(ds.prisms[e->geometry].allDepths);
        auto b = ds.featureBounds(*e);
        EXPECT_GE(b.lo.x, rb.lo.x - 1e-6);
        EXPECT_LE(b.hi.x, rb.hi.x + 1e-6);
        EXPECT_GE(b.lo.y, rb.lo.y - 1e-6);
        EXPECT_LE(b.hi.y, rb.hi.y + 1e-6);
    }
    // The project's extent is the request area's, not the kilometres of the EV areas, and not
    // 200 m deep.
    auto extent = ds.bounds();
    EXPECT_LT(extent.hi.x - extent.lo.x, 1000);
    EXPECT_LT(extent.hi.z - extent.lo.z, 20);
    std::size_t clipped = 0;
    for (const auto* e : ev)
        if (const auto* w = ds.attribute(*e, "original_geometry (WKT)"))
            clipped += model::toString(*w).starts_with("MULTIPOLYGON");
    EXPECT_GT(clipped, 0u) << report.summary();
}

TEST(KlicImport, OverigIsAPipeAndImplausibleSizesAreSaidWithTheirId) {
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o = clash::readOptionsFrom(clash::RuleSet::dutchDefault());
    o.groundLevel = model::GroundLevel(1.0);
    const std::string path =
        test::sharedData() + "/klic/b4udignl_18G007160_1_GI_imkl121_allthemes.xml";
    ASSERT_TRUE(test::readAs("klic", path, o, ds, report));
    const auto* overig = test::featureById(ds, "nl.imkl-nbact1.overig00001");
    ASSERT_NE(overig, nullptr);
    // imkl:Overig gives a cable's 2 cm and a pipe's 12.5 cm: it is a pipe.
    EXPECT_NEAR(ds.linears[overig->geometry].outerDiameterM, 0.125, 1e-6);
    ASSERT_NE(ds.attribute(*overig, "imkl:kabelDiameter (cm)"), nullptr);  // the other one kept
    // Values outside the theme's plausible range are said, with the feature id, and kept.
    bool said = false;
    for (const auto& w : report.warnings)
        said |= w.message.find("outside the plausible range") != std::string::npos &&
                !w.featureId.empty();
    EXPECT_TRUE(said) << report.summary(200);
}

TEST(KlicImport, ASleeveIsNotHeldToTheCableSizesOfItsTheme) {
    // Liander's delivery has low-voltage sleeves (Mantelbuis) of 150 and 160 mm: plausible for a
    // sleeve, though no low-voltage cable is that thick.
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o = clash::readOptionsFrom(clash::RuleSet::dutchDefault());
    ASSERT_TRUE(
        test::readAs("klic", test::sharedData() + "/klic/Levering_22G003180_1.zip", o, ds, report));
    int sleeves = 0;
    for (const auto& f : ds.features)
        sleeves += f.type == model::ObjectType::Duct && ds.str(f.theme) == "laagspanning" &&
                   ds.linears[f.geometry].outerDiameterM > 0.12f;
    EXPECT_GE(sleeves, 2);
    for (const auto& w : report.warnings)
        EXPECT_EQ(w.message.find("outside the plausible range"), std::string::npos) << w.message;
}
