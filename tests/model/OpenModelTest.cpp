// The open data model: dates with their precision, the source's own attributes, several detail
// records of several kinds per feature, the id index, the wider status set and zones at every
// depth.
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/DatasetCopy.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace bz::model;

namespace {

std::uint32_t addZone(Dataset& ds, const std::string& id) {
    Dataset::Meta m;
    m.id = id;
    m.type = ObjectType::ContaminationZone;
    return ds.addPrism(m, {{{0, 0}, {10, 0}, {10, 10}, {0, 10}}}, -2, 0, kUnknown,
                       {DepthProvenance::Measured, 0.1f});
}

}  // namespace

TEST(Date, KeepsThePrecisionTheSourceGave) {
    struct Case {
        const char* text;
        Date::Precision precision;
        int year, month, day;
        const char* back;
    } cases[] = {
        {"1975", Date::Precision::Year, 1975, 0, 0, "1975"},
        {"1975-03", Date::Precision::Month, 1975, 3, 0, "1975-03"},
        {"2027-05-17", Date::Precision::Day, 2027, 5, 17, "2027-05-17"},
        {"1964-01-01T00:00:00Z", Date::Precision::Day, 1964, 1, 1, "1964-01-01"},
        {" 1899-12-31 ", Date::Precision::Day, 1899, 12, 31, "1899-12-31"},
    };
    for (const auto& c : cases) {
        auto d = Date::parse(c.text);
        ASSERT_TRUE(d) << c.text;
        EXPECT_EQ(d->precision(), c.precision) << c.text;
        EXPECT_EQ(d->year(), c.year);
        EXPECT_EQ(d->month(), c.month);
        EXPECT_EQ(d->day(), c.day);
        EXPECT_EQ(d->toString(), c.back);
    }
    for (const char* bad : {"", "75", "1975-13", "2023-02-29", "1975/03/01", "next year", "19750"})
        EXPECT_FALSE(Date::parse(bad)) << bad;
    EXPECT_FALSE(Date().known());
    EXPECT_EQ(Date().toString(), "");
    // Unknown first, then by day; a year before a day within it.
    EXPECT_LT(Date(), Date::of(1900));
    EXPECT_LT(Date::of(1975), Date::of(1975, 1, 1));
    EXPECT_LT(Date::of(1975, 12, 31), Date::of(1976));
}

TEST(OpenModel, FeaturesKeepTheSourcesAttributesTyped) {
    Dataset ds;
    Dataset::Meta m;
    m.id = "K1";
    m.attributes = {{"label", std::string("LS-kabel 4x150")},
                    {"voltage (V)", 400.0},
                    {"cores", std::int64_t{4}},
                    {"armoured", true},
                    {"inspected", *Date::parse("2019-06")}};
    auto f = ds.addLinear(m, {{0, 0, 0}, {1, 0, 0}}, {{}, {}}, kUnknown);
    EXPECT_EQ(ds.attributesOf(ds.features[f]).size(), 5u);
    ASSERT_NE(ds.attribute(ds.features[f], "cores"), nullptr);
    EXPECT_EQ(std::get<std::int64_t>(*ds.attribute(ds.features[f], "cores")), 4);
    EXPECT_EQ(toString(*ds.attribute(ds.features[f], "inspected")), "2019-06");
    EXPECT_EQ(ds.attribute(ds.features[f], "nope"), nullptr);
    // Setting one on a feature that is not the last moves its attributes, not others'.
    m.id = "K2";
    m.attributes = {{"label", std::string("other")}};
    auto g = ds.addLinear(m, {{0, 1, 0}, {1, 1, 0}}, {{}, {}}, kUnknown);
    ds.setAttribute(f, "remark", std::string("dug up 2020"));
    ds.setAttribute(f, "cores", std::int64_t{5});
    EXPECT_EQ(ds.attributesOf(ds.features[f]).size(), 6u);
    EXPECT_EQ(std::get<std::int64_t>(*ds.attribute(ds.features[f], "cores")), 5);
    EXPECT_EQ(std::get<std::string>(*ds.attribute(ds.features[g], "label")), "other");
    // Copied with the feature, and part of its fingerprint.
    Dataset copy;
    auto c = copyFeature(ds, f, copy);
    EXPECT_EQ(featureFingerprint(copy, copy.features[c]), featureFingerprint(ds, ds.features[f]));
    copy.setAttribute(c, "remark", std::string("dug up 2021"));
    EXPECT_NE(featureFingerprint(copy, copy.features[c]), featureFingerprint(ds, ds.features[f]));
}

TEST(OpenModel, AFeatureHoldsSeveralDetailRecordsOfSeveralKinds) {
    Dataset ds;
    auto zone = addZone(ds, "V1");
    auto other = addZone(ds, "V2");
    ds.attach(zone, ContaminationDetail{"lood", 820, "mg/kg ds", "grond"});
    ds.attach(other, ContaminationDetail{"zink", 900, "mg/kg ds", "grond"});
    ds.attach(zone, ContaminationDetail{"minerale olie", 6000, "mg/kg ds", "grond"});
    ds.attach(zone, WellDetail{-20, -30, 1000, "koud", "S1"});
    auto subs = ds.detailsOf<ContaminationDetail>(ds.features[zone]);
    ASSERT_EQ(subs.size(), 2u);
    EXPECT_EQ(subs[0]->substance, "lood");  // in the order attached
    EXPECT_EQ(subs[1]->substance, "minerale olie");
    EXPECT_EQ(ds.contaminationOf(ds.features[zone])->substance, "lood");
    ASSERT_NE(ds.wellOf(ds.features[zone]), nullptr);
    EXPECT_EQ(ds.detailsOf<ContaminationDetail>(ds.features[other]).size(), 1u);
    EXPECT_EQ(ds.treeOf(ds.features[zone]), nullptr);
    // All of them travel with a copy.
    Dataset copy;
    auto c = copyFeature(ds, zone, copy);
    EXPECT_EQ(copy.detailsOf<ContaminationDetail>(copy.features[c]).size(), 2u);
    EXPECT_EQ(copy.detailsOf<WellDetail>(copy.features[c]).size(), 1u);
    EXPECT_EQ(featureFingerprint(copy, copy.features[c]),
              featureFingerprint(ds, ds.features[zone]));
}

TEST(OpenModel, FeaturesAreFoundByIdAndTheIndexFollowsAdditions) {
    Dataset ds;
    for (int i = 0; i < 1000; ++i) addZone(ds, "Z" + std::to_string(i));
    EXPECT_EQ(ds.find("Z517"), 517u);
    EXPECT_FALSE(ds.find("Z1000"));
    addZone(ds, "Z1000");
    addZone(ds, "Z5");  // another source may use an id again
    EXPECT_EQ(ds.find("Z1000"), 1000u);
    EXPECT_EQ(ds.findAll("Z5"), (std::vector<std::uint32_t>{5, 1001}));
    // A copy has its own index, into its own features.
    Dataset copy = ds;
    EXPECT_EQ(copy.find("Z517"), 517u);
    copy.features[517].id = "renamed";
    addZone(copy, "Z2000");
    EXPECT_FALSE(copy.find("Z517"));
    EXPECT_EQ(ds.find("Z517"), 517u);
}

TEST(OpenModel, ZonesAtEveryDepthHaveNoLevelsAndDoNotStretchTheExtent) {
    Dataset ds;
    addZone(ds, "V1");  // -2 .. 0 m NAP
    Dataset::Meta m;
    m.id = "EV-1";
    m.type = ObjectType::ProtectedZone;
    auto ev = ds.addPrism(m, {{{-5000, -5000}, {5000, -5000}, {5000, 5000}, {-5000, 5000}}}, NAN,
                          NAN, kUnknown, {DepthProvenance::Unknown, kUnknown});
    ds.prisms[ds.features[ev].geometry].allDepths = true;
    auto b = ds.bounds();
    EXPECT_DOUBLE_EQ(b.lo.z, -2);
    EXPECT_DOUBLE_EQ(b.hi.z, 0);
    EXPECT_DOUBLE_EQ(b.lo.x, -5000);  // the plan extent counts
    auto fb = ds.featureBounds(ds.features[ev]);
    EXPECT_TRUE(std::isinf(fb.lo.z) && std::isinf(fb.hi.z));
}

TEST(OpenModel, StatusesSayWhatIsInTheGround) {
    for (auto s : kStatuses) {
        EXPECT_EQ(statusFromCode(toCode(s)), s) << toCode(s);
    }
    EXPECT_TRUE(inTheGround(ObjectStatus::Existing));
    EXPECT_TRUE(inTheGround(ObjectStatus::UnderConstruction));
    EXPECT_TRUE(inTheGround(ObjectStatus::Abandoned));
    EXPECT_TRUE(inTheGround(ObjectStatus::OutOfService));
    EXPECT_FALSE(inTheGround(ObjectStatus::Removed));
    EXPECT_FALSE(inTheGround(ObjectStatus::Proposed));
    EXPECT_FALSE(inTheGround(ObjectStatus::PlannedByOwner));
    // INSPIRE's codes as KLIC delivers them.
    EXPECT_EQ(statusFromCode("decommissioned"), ObjectStatus::Abandoned);
    EXPECT_EQ(statusFromCode("underConstruction"), ObjectStatus::UnderConstruction);
}
