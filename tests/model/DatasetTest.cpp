#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/DatasetSummary.h>
#include <bodemzicht/model/Themes.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace bz::model;
using bz::core::Vec2;
using bz::core::Vec3;

namespace {

Dataset::Meta meta(const char* id, ObjectType type, const char* theme = "laagspanning") {
    Dataset::Meta m;
    m.id = id;
    m.type = type;
    m.theme = theme;
    m.layer = "test";
    m.owner = "Enexis";
    return m;
}

}  // namespace

TEST(Dataset, LinearObjectsKeepVerticesAndProvenancePerVertex) {
    Dataset ds;
    std::vector<Vec3> axis{{250000, 470000, 1.0}, {250010, 470000, 0.9}, {250020, 470005, 0.8}};
    std::vector<VertexDepth> d{{DepthProvenance::Measured, 0.05f},
                               {DepthProvenance::Derived, 0.15f},
                               {DepthProvenance::Assumed, 0.5f}};
    auto fi = ds.addLinear(meta("c1", ObjectType::Cable), axis, d, 0.05f);
    EXPECT_EQ(ds.segmentCount(), 2u);
    const auto& f = ds.features[fi];
    EXPECT_EQ(f.kind(), GeometryKind::Linear);
    EXPECT_EQ(ds.str(f.theme), "laagspanning");
    const auto& l = ds.linears[f.geometry];
    EXPECT_EQ(ds.vertices[l.firstVertex + 2].z, 0.8);
    EXPECT_EQ(ds.vertexDepths[l.firstVertex + 1].provenance, DepthProvenance::Derived);
    auto b = ds.featureBounds(f);
    EXPECT_NEAR(b.lo.z, 0.8 - 0.025, 1e-6);  // diameters are float: 0.05f
    EXPECT_NEAR(b.hi.x, 250020 + 0.025, 1e-6);
}

TEST(Dataset, AddingTheWrongKindIsACallerBug) {
    Dataset ds;
    EXPECT_THROW(ds.addLinear(meta("t", ObjectType::Tree), {{0, 0, 0}, {1, 0, 0}}, {{}, {}}, 0.1f),
                 std::logic_error);
    EXPECT_THROW(ds.addLinear(meta("c", ObjectType::Cable), {{0, 0, 0}, {1, 0, 0}}, {{}}, 0.1f),
                 std::logic_error);
    EXPECT_THROW(ds.addBody(meta("c", ObjectType::Cable), {}), std::logic_error);
}

TEST(Dataset, DetailRecordsAreFoundOnlyThroughTheirType) {
    Dataset ds;
    VerticalBody body;
    body.radiusM = 0.2f;
    auto tree = ds.addBody(meta("t1", ObjectType::Tree, "boom"), body);
    ds.attach(tree, TreeDetail{"Tilia", 12, 0.4f, 8, 10, 1, DepthProvenance::Derived});
    auto manhole = ds.addBody(meta("p1", ObjectType::Manhole, "rioolVrijverval"), body);
    ASSERT_NE(ds.treeOf(ds.features[tree]), nullptr);
    EXPECT_EQ(ds.treeOf(ds.features[tree])->species, "Tilia");
    EXPECT_EQ(ds.treeOf(ds.features[manhole]), nullptr);
    EXPECT_EQ(ds.wellOf(ds.features[tree]), nullptr);
}

TEST(Types, CodesRoundTrip) {
    for (auto t : {ObjectType::Cable, ObjectType::SewerPipe, ObjectType::Tree, ObjectType::Well,
                   ObjectType::TreePit, ObjectType::ContaminationZone, ObjectType::ProtectedZone,
                   ObjectType::InfiltrationCrate})
        EXPECT_EQ(objectTypeFromCode(toCode(t)), t);
    for (auto p : {DepthProvenance::Measured, DepthProvenance::Derived, DepthProvenance::Assumed,
                   DepthProvenance::Unknown}) {
        EXPECT_EQ(provenanceFromCode(toCode(p)), p);
        EXPECT_EQ(provenanceFromChar(toChar(p)), p);
    }
    // IMKL currentStatus "projected": the operator's own plan, not a designer's proposal.
    EXPECT_EQ(statusFromCode("projected"), ObjectStatus::PlannedByOwner);
    for (auto s : {ObjectStatus::Existing, ObjectStatus::Proposed, ObjectStatus::OutOfService,
                   ObjectStatus::PlannedByOwner})
        EXPECT_EQ(statusFromCode(toCode(s)), s);
    EXPECT_EQ(statusFromCode("disused"), ObjectStatus::OutOfService);
    EXPECT_FALSE(statusFromCode("maybe"));
    EXPECT_TRUE(themes::isKnown("rioolVrijverval"));
    EXPECT_TRUE(themes::isKnown("boom"));
    EXPECT_FALSE(themes::isKnown("stadsverwarming"));
}

TEST(DatasetSummary, CountsThemesStatusesAndProvenanceShares) {
    Dataset ds;
    std::vector<VertexDepth> d2(2, {DepthProvenance::Assumed, 0.5f});
    ds.addLinear(meta("a", ObjectType::Cable), {{0, 0, 0}, {1, 0, 0}}, d2, NAN);
    auto m = meta("b", ObjectType::Pipe, "stadsverwarming");
    m.status = ObjectStatus::Proposed;
    std::vector<VertexDepth> d3(3, {DepthProvenance::Measured, 0.05f});
    ds.addLinear(m, {{0, 1, 0}, {1, 1, 0}, {2, 1, 0}}, d3, 0.2f);
    auto s = summarize(ds);
    EXPECT_EQ(s.features, 2u);
    EXPECT_EQ(s.segments, 3u);
    EXPECT_EQ(s.vertexProvenance["assumed"], 2u);
    EXPECT_EQ(s.vertexProvenance["measured"], 3u);
    EXPECT_EQ(s.perThemeStatus["stadsverwarming"]["proposed"], 1u);
    EXPECT_EQ(s.unknownDiameter, 1u);
    EXPECT_EQ(s.unknownTheme, 1u);
    auto text = s.toText();
    EXPECT_NE(text.find("1 networks without a diameter"), std::string::npos) << text;
    EXPECT_NE(text.find("measured          3   60.0 %"), std::string::npos) << text;
}
