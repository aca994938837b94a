#include <bodemzicht/model/FeatureAttributes.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace bz::model;

namespace {

std::string valueOf(const std::vector<AttributeRow>& rows, const std::string& key) {
    for (const auto& r : rows)
        if (r.key == key) return r.value;
    return "<no row " + key + ">";
}

}  // namespace

TEST(FeatureAttributes, ACableShowsItsAttributesDepthsAndWhatIsUnknownOrAssumed) {
    Dataset ds;
    Dataset::Meta m;
    m.id = "LS-1";
    m.layer = "klic";
    m.theme = "laagspanning";
    m.owner = "Enexis";
    m.source = "Levering_22O000518_1.zip";
    m.type = ObjectType::Cable;
    std::vector<VertexDepth> d{{DepthProvenance::Measured, 0.05f},
                               {DepthProvenance::Assumed, 0.5f},
                               {DepthProvenance::Assumed, 0.5f}};
    ds.addLinear(m, {{250000, 470000, 1.0}, {250003, 470004, 0.4}, {250003, 470010, 0.6}}, d,
                 kUnknown);
    auto rows = featureAttributes(ds, 0, [](double, double) { return 1.5; });
    EXPECT_EQ(valueOf(rows, "id"), "LS-1");
    EXPECT_EQ(valueOf(rows, "layer"), "klic");
    EXPECT_EQ(valueOf(rows, "owner"), "Enexis");
    EXPECT_EQ(valueOf(rows, "source"), "Levering_22O000518_1.zip");
    EXPECT_EQ(valueOf(rows, "material"), "unknown");
    EXPECT_EQ(valueOf(rows, "laid"), "unknown");
    EXPECT_EQ(valueOf(rows, "outer diameter"), "unknown (drawn at 100 mm, assumed)");
    // 3D length: sqrt(3^2 + 4^2 + 0.6^2) = 5.036 plus sqrt(6^2 + 0.2^2) = 6.003.
    EXPECT_EQ(valueOf(rows, "length"), "11.04 m");
    EXPECT_EQ(valueOf(rows, "axis level"), "0.40 .. 1.00 m NAP");
    EXPECT_EQ(valueOf(rows, "depth below ground"), "0.50 .. 1.10 m");
    EXPECT_EQ(valueOf(rows, "depth provenance (vertices)"), "assumed 2, measured 1");
    EXPECT_EQ(valueOf(rows, "vertical uncertainty"), "up to +/- 0.50 m");
    // Without a ground level there is no depth below ground.
    EXPECT_EQ(valueOf(featureAttributes(ds, 0), "depth below ground"),
              "<no row depth below ground>");
    EXPECT_TRUE(featureAttributes(ds, 7).empty());  // no such feature
}

TEST(FeatureAttributes, ATreeShowsItsBodyAndDetailRecord) {
    Dataset ds;
    Dataset::Meta m;
    m.id = "BOOM-1";
    m.layer = "bomen";
    m.theme = "boom";
    m.type = ObjectType::Tree;
    VerticalBody b;
    b.center = {250000, 470000};
    b.topZ = 12;
    b.bottomZ = -0.8;
    b.radiusM = 0.2f;
    b.depth = {DepthProvenance::Assumed, 0.3f};
    auto fi = ds.addBody(m, b);
    TreeDetail t;
    t.species = "Tilia x europaea";
    t.rootZoneDiameterM = 6;
    t.rootDepthM = 0.8f;
    t.rootZoneProvenance = DepthProvenance::Assumed;
    ds.attach(fi, t);
    auto rows = featureAttributes(ds, fi, [](double, double) { return 0.0; });
    EXPECT_EQ(valueOf(rows, "shape"), "cylinder, diameter 0.40 m");
    EXPECT_EQ(valueOf(rows, "bottom"), "-0.80 m NAP");
    EXPECT_EQ(valueOf(rows, "bottom below ground"), "0.80 m");
    EXPECT_EQ(valueOf(rows, "depth provenance (bottom)"), "assumed, +/- 0.30 m");
    EXPECT_EQ(valueOf(rows, "species"), "Tilia x europaea");
    EXPECT_EQ(valueOf(rows, "root zone diameter"), "6.00 m");
    EXPECT_EQ(valueOf(rows, "height"), "unknown");
    EXPECT_EQ(valueOf(rows, "root zone provenance"), "assumed");
}

TEST(FeatureAttributes, AContaminationZoneShowsItsSubstance) {
    Dataset ds;
    Dataset::Meta m;
    m.id = "VERONT-1";
    m.type = ObjectType::ContaminationZone;
    auto fi = ds.addPrism(m, {{{0, 0}, {10, 0}, {10, 10}, {0, 10}}}, -2.0, 0.5, kUnknown,
                          {DepthProvenance::Measured, 0.1f});
    ds.attach(fi, ContaminationDetail{"lood", 820, "mg/kg ds", "grond"});
    auto rows = featureAttributes(ds, fi);
    EXPECT_EQ(valueOf(rows, "top"), "0.50 m NAP");
    EXPECT_EQ(valueOf(rows, "bottom"), "-2.00 m NAP");
    EXPECT_EQ(valueOf(rows, "plan area"), "100.0 m2");
    EXPECT_EQ(valueOf(rows, "volume"), "250.0 m3");
    EXPECT_EQ(valueOf(rows, "substance"), "lood");
    EXPECT_EQ(valueOf(rows, "concentration"), "820.00 mg/kg ds");
    EXPECT_EQ(valueOf(rows, "medium"), "grond");
    EXPECT_EQ(valueOf(rows, "layer"), "unknown");
}

TEST(FeatureAttributes, PlanAreaLessHolesAndOfBufferedLinesNoVolumeForZonesAtEveryDepth) {
    Dataset ds;
    Dataset::Meta m;
    m.id = "EV-1";
    m.type = ObjectType::ProtectedZone;
    // 20 x 10 with a 2 x 2 hole, at every depth.
    auto zone =
        ds.addPrism(m, {{{0, 0}, {20, 0}, {20, 10}, {0, 10}}, {{5, 5}, {7, 5}, {7, 7}, {5, 7}}},
                    NAN, NAN, kUnknown, {DepthProvenance::Unknown, kUnknown});
    ds.prisms[ds.features[zone].geometry].allDepths = true;
    auto rows = featureAttributes(ds, zone);
    EXPECT_EQ(valueOf(rows, "depth"), "at every depth (a plan constraint)");
    EXPECT_EQ(valueOf(rows, "plan area"), "196.0 m2");
    EXPECT_EQ(valueOf(rows, "volume"), "<no row volume>");
    // A trench: a 12 m line buffered 0.8 m wide, 1.2 m deep.
    m.id = "SLEUF-1";
    m.type = ObjectType::Trench;
    auto trench =
        ds.addPrism(m, {{{0, 0}, {12, 0}}}, -1.2, 0, 0.8f, {DepthProvenance::Assumed, 0.2f});
    rows = featureAttributes(ds, trench);
    EXPECT_EQ(valueOf(rows, "width"), "0.80 m");
    EXPECT_EQ(valueOf(rows, "plan area"), "9.6 m2");
    EXPECT_EQ(valueOf(rows, "volume"), "11.5 m3");
}

TEST(FeatureAttributes, ADepthGivenBelowAnAssumedGroundSaysSo) {
    Dataset ds;
    Dataset::Meta m;
    m.id = "LS-2";
    m.theme = "laagspanning";
    m.type = ObjectType::Cable;
    std::vector<VertexDepth> d(2, {DepthProvenance::Assumed, 0.5f, 0.85f});
    ds.addLinear(m, {{250000, 470000, -0.85}, {250010, 470000, -0.85}}, d, 0.05f);
    ds.ground = {GroundBasis::Kind::AssumedFlat, 0.0, ""};
    auto rows = featureAttributes(ds, 0);
    EXPECT_EQ(valueOf(rows, "axis depth below ground (as given)"), "0.85 .. 0.85 m");
    EXPECT_NE(valueOf(rows, "axis level").find("(on an assumed ground)"), std::string::npos);
    EXPECT_NE(valueOf(rows, "ground").find("ASSUMED flat ground at 0.00 m NAP"), std::string::npos);
    // On a real ground the same cable shows no such warning.
    ds.ground = {GroundBasis::Kind::Raster, 0.0, "ahn.tif"};
    rows = featureAttributes(ds, 0);
    EXPECT_EQ(valueOf(rows, "axis level").find("assumed"), std::string::npos);
    EXPECT_EQ(valueOf(rows, "ground"), "<no row ground>");
}
