#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/sample/SampleDistrict.h>

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "../TestSupport.h"

using namespace bz;

TEST(SampleDistrict, SameSeedGivesTheSameDistrictAndAnotherSeedDoesNot) {
    sample::SampleOptions o;
    o.blocks = 2;
    auto a = sample::generateDistrict(o);
    auto b = sample::generateDistrict(o);
    ASSERT_EQ(a.features.size(), b.features.size());
    ASSERT_EQ(a.vertices.size(), b.vertices.size());
    for (std::size_t i = 0; i < a.vertices.size(); ++i) ASSERT_EQ(a.vertices[i], b.vertices[i]);
    for (std::size_t i = 0; i < a.features.size(); ++i)
        ASSERT_EQ(a.features[i].id, b.features[i].id);
    o.seed = 2;
    auto c = sample::generateDistrict(o);
    bool differs = false;
    for (std::size_t i = 0; i < std::min(a.vertices.size(), c.vertices.size()) && !differs; ++i)
        differs = !(a.vertices[i] == c.vertices[i]);
    EXPECT_TRUE(differs);
}

TEST(SampleDistrict, WrittenTwiceTheProjectsReadBackIdentical) {
    test::ScratchDir d1("s1"), d2("s2");
    sample::SampleOptions o;
    o.blocks = 1;
    auto p1 = sample::writeSampleDistrict(d1.path().string(), o);
    auto p2 = sample::writeSampleDistrict(d2.path().string(), o);
    ASSERT_TRUE(p1 && p2);
    io::ImportReport r1, r2;
    auto a = io::readProject(*p1, r1);
    auto b = io::readProject(*p2, r2);
    ASSERT_TRUE(a && b);
    ASSERT_EQ(a->vertices.size(), b->vertices.size());
    for (std::size_t i = 0; i < a->vertices.size(); ++i) EXPECT_EQ(a->vertices[i], b->vertices[i]);
    EXPECT_EQ(test::readFile(d1.file("ground_level.tif")),
              test::readFile(d2.file("ground_level.tif")));
}

TEST(SampleDistrict, HoldsEveryObjectKindWithPlausibleDutchValues) {
    sample::SampleOptions o;
    auto ds = sample::generateDistrict(o);
    std::set<model::ObjectType> types;
    std::set<std::string> themes;
    std::size_t measured = 0, assumed = 0, derived = 0, proposed = 0;
    for (const auto& f : ds.features) {
        types.insert(f.type);
        themes.insert(ds.str(f.theme));
        if (f.status == model::ObjectStatus::Proposed) ++proposed;
    }
    for (const auto& d : ds.vertexDepths) {
        measured += d.provenance == model::DepthProvenance::Measured;
        assumed += d.provenance == model::DepthProvenance::Assumed;
        derived += d.provenance == model::DepthProvenance::Derived;
    }
    for (auto t :
         {model::ObjectType::Cable, model::ObjectType::Pipe, model::ObjectType::SewerPipe,
          model::ObjectType::HeatPipe, model::ObjectType::Tree, model::ObjectType::Manhole,
          model::ObjectType::Well, model::ObjectType::Foundation, model::ObjectType::Trench,
          model::ObjectType::TreePit, model::ObjectType::Wadi, model::ObjectType::InfiltrationCrate,
          model::ObjectType::ContaminationZone, model::ObjectType::ProtectedZone})
        EXPECT_TRUE(types.count(t)) << model::toCode(t);
    for (const char* t : {"laagspanning", "middenspanning", "datatransport", "gasLageDruk", "water",
                          "rioolVrijverval", "warmte"})
        EXPECT_TRUE(themes.count(t)) << t;
    EXPECT_GT(proposed, 10u);
    // Most depths assumed, some measured and derived, as in real KLIC data.
    EXPECT_GT(assumed, measured);
    EXPECT_GT(measured, 0u);
    EXPECT_GT(derived, 0u);
    // Existing networks lie 0.4-4 m below the ground level; sewers fall in their flow direction.
    for (const auto& f : ds.features) {
        if (f.kind() != model::GeometryKind::Linear || f.status != model::ObjectStatus::Existing)
            continue;
        const auto& l = ds.linears[f.geometry];
        for (std::uint32_t i = 0; i < l.vertexCount; ++i) {
            auto v = ds.vertices[l.firstVertex + i];
            double depth = sample::sampleGroundLevel(o, v.x, v.y) - v.z;
            EXPECT_GT(depth, 0.4) << f.id;
            EXPECT_LT(depth, 4.0) << f.id;
        }
        if (const auto* s = ds.sewerOf(f)) {
            EXPECT_GT(s->bobBeginM, s->bobEndM) << f.id;
        }
    }
    // Two contamination zones above intervention values (lead 530, mineral oil 5000 mg/kg).
    int zones = 0;
    for (const auto& f : ds.features)
        if (const auto* c = ds.contaminationOf(f)) {
            ++zones;
            EXPECT_GT(c->concentration, c->substance == "lood" ? 530 : 5000);
        }
    EXPECT_EQ(zones, 2);
    // RD coordinates of the Hengelo area.
    auto b = ds.bounds();
    EXPECT_GT(b.lo.x, 250000);
    EXPECT_LT(b.hi.y, 480000);
}

TEST(SampleDistrict, FortyTwoBlocksReachAboutOneMillionSegmentsUnder64BytesEach) {
    sample::SampleOptions o;
    o.blocks = 42;
    auto ds = sample::generateDistrict(o);
    EXPECT_GT(ds.segmentCount(), 900000u);
    EXPECT_LT(ds.segmentCount(), 1300000u);
    ds.vertices.shrink_to_fit();
    ds.vertexDepths.shrink_to_fit();
    ds.linears.shrink_to_fit();
    EXPECT_LT(static_cast<double>(ds.geometryBytes()) / ds.segmentCount(), 64.0);
}
