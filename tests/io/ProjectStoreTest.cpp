// The store round trip: write a project, read it back, nothing lost; the same layers read from
// another GDAL source; bad features are skipped with the file, id and reason.
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/sample/SampleDistrict.h>

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>

#include "../TestSupport.h"

using namespace bz;

namespace {

bool sameFloat(float a, float b) {
    return a == b || (std::isnan(a) && std::isnan(b));
}

void expectSameDataset(const model::Dataset& a, const model::Dataset& b) {
    ASSERT_EQ(a.features.size(), b.features.size());
    ASSERT_EQ(a.vertices.size(), b.vertices.size());
    // The store writes layer by layer; match features by id.
    std::map<std::string, const model::Feature*> byId;
    for (const auto& f : b.features) byId[f.id] = &f;
    for (const auto& fa : a.features) {
        ASSERT_TRUE(byId.count(fa.id)) << fa.id;
        const auto& fb = *byId[fa.id];
        EXPECT_EQ(fa.type, fb.type) << fa.id;
        EXPECT_EQ(fa.status, fb.status) << fa.id;
        EXPECT_EQ(a.str(fa.theme), b.str(fb.theme)) << fa.id;
        EXPECT_EQ(a.str(fa.owner), b.str(fb.owner)) << fa.id;
        EXPECT_EQ(a.str(fa.layer), b.str(fb.layer)) << fa.id;
        EXPECT_EQ(a.str(fa.material), b.str(fb.material)) << fa.id;
        EXPECT_EQ(a.str(fa.source), b.str(fb.source)) << fa.id;
        EXPECT_EQ(fa.dates, fb.dates) << fa.id;
        EXPECT_TRUE(sameFloat(fa.horizontalAccuracyM, fb.horizontalAccuracyM)) << fa.id;
        switch (fa.kind()) {
            case model::GeometryKind::Linear: {
                const auto& la = a.linears[fa.geometry];
                const auto& lb = b.linears[fb.geometry];
                ASSERT_EQ(la.vertexCount, lb.vertexCount) << fa.id;
                EXPECT_NEAR(la.outerDiameterM, lb.outerDiameterM, 1e-6) << fa.id;
                for (std::uint32_t i = 0; i < la.vertexCount; ++i) {
                    EXPECT_EQ(a.vertices[la.firstVertex + i], b.vertices[lb.firstVertex + i])
                        << fa.id;
                    EXPECT_EQ(a.vertexDepths[la.firstVertex + i].provenance,
                              b.vertexDepths[lb.firstVertex + i].provenance);
                    EXPECT_TRUE(sameFloat(a.vertexDepths[la.firstVertex + i].verticalUncertaintyM,
                                          b.vertexDepths[lb.firstVertex + i].verticalUncertaintyM));
                }
                if (const auto* s = a.sewerOf(fa)) {
                    const auto* t = b.sewerOf(fb);
                    ASSERT_NE(t, nullptr) << fa.id;
                    EXPECT_EQ(s->bobBeginM, t->bobBeginM);
                    EXPECT_EQ(s->bobEndM, t->bobEndM);
                    EXPECT_EQ(s->shape, t->shape);
                    EXPECT_EQ(s->systemType, t->systemType);
                }
                break;
            }
            case model::GeometryKind::VerticalBody: {
                const auto& ba = a.bodies[fa.geometry];
                const auto& bb = b.bodies[fb.geometry];
                EXPECT_EQ(ba.center, bb.center) << fa.id;
                EXPECT_EQ(ba.topZ, bb.topZ);
                EXPECT_EQ(ba.bottomZ, bb.bottomZ);
                EXPECT_TRUE(sameFloat(ba.radiusM, bb.radiusM));
                EXPECT_TRUE(sameFloat(ba.widthM, bb.widthM));
                EXPECT_EQ(ba.depth.provenance, bb.depth.provenance);
                if (const auto* t = a.treeOf(fa)) {
                    ASSERT_NE(b.treeOf(fb), nullptr);
                    EXPECT_EQ(t->species, b.treeOf(fb)->species);
                    EXPECT_EQ(t->rootZoneProvenance, b.treeOf(fb)->rootZoneProvenance);
                    EXPECT_TRUE(sameFloat(t->crownDiameterM, b.treeOf(fb)->crownDiameterM));
                }
                if (const auto* w = a.wellOf(fa)) {
                    ASSERT_NE(b.wellOf(fb), nullptr);
                    EXPECT_EQ(w->screenBottomZ, b.wellOf(fb)->screenBottomZ);
                    EXPECT_EQ(w->storedVolumeM3, b.wellOf(fb)->storedVolumeM3);
                    EXPECT_EQ(w->temperature, b.wellOf(fb)->temperature);
                }
                break;
            }
            case model::GeometryKind::Prism: {
                const auto& pa = a.prisms[fa.geometry];
                const auto& pb = b.prisms[fb.geometry];
                EXPECT_EQ(pa.topZ, pb.topZ) << fa.id;
                EXPECT_EQ(pa.bottomZ, pb.bottomZ);
                EXPECT_TRUE(sameFloat(pa.widthM, pb.widthM));
                ASSERT_EQ(pa.ringCount, pb.ringCount);
                const auto& ra = a.rings[pa.firstRing];
                const auto& rb = b.rings[pb.firstRing];
                ASSERT_EQ(ra.pointCount, rb.pointCount) << fa.id;
                for (std::uint32_t i = 0; i < ra.pointCount; ++i)
                    EXPECT_EQ(a.footprintPoints[ra.firstPoint + i],
                              b.footprintPoints[rb.firstPoint + i]);
                if (const auto* c = a.contaminationOf(fa)) {
                    ASSERT_NE(b.contaminationOf(fb), nullptr);
                    EXPECT_EQ(c->substance, b.contaminationOf(fb)->substance);
                    EXPECT_EQ(c->concentration, b.contaminationOf(fb)->concentration);
                }
                break;
            }
        }
    }
}

}  // namespace

TEST(ProjectStore, RoundTripKeepsEveryFeatureIdAndProvenance) {
    test::ScratchDir dir("store");
    sample::SampleOptions o;
    o.blocks = 2;
    model::Dataset ds = sample::generateDistrict(o);
    std::string path = dir.file("p.gpkg");
    ASSERT_TRUE(io::writeProject(ds, path));
    io::ImportReport report;
    auto back = io::readProject(path, report);
    ASSERT_TRUE(back) << back.error().toString();
    EXPECT_EQ(report.skipped(), 0u) << report.summary();
    EXPECT_EQ(report.loaded(), ds.features.size());
    expectSameDataset(ds, *back);
    // Ground level, GHG, GLG, the GeoTOP block, the plume, the head grid.
    ASSERT_EQ(back->fields.size(), 6u);
    EXPECT_EQ(back->fields[3].kind, model::FieldKind::Grid3d);
    EXPECT_EQ(back->fields[0].path,
              (dir.path() / "ground_level.tif").string());  // resolved beside the project
}

TEST(ProjectStore, UnknownHeightsStayUnknownThroughTheStore) {
    test::ScratchDir dir("store2");
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "kabel-2d";
    m.theme = "datatransport";
    ds.addLinear(m, {{250000, 470000, NAN}, {250005, 470000, NAN}}, {{}, {}}, model::kUnknown);
    ASSERT_TRUE(io::writeProject(ds, dir.file("u.gpkg")));
    io::ImportReport report;
    auto back = io::readProject(dir.file("u.gpkg"), report);
    ASSERT_TRUE(back);
    ASSERT_EQ(back->vertices.size(), 2u);
    EXPECT_TRUE(std::isnan(back->vertices[0].z));
    EXPECT_EQ(back->vertexDepths[1].provenance, model::DepthProvenance::Unknown);
    EXPECT_TRUE(std::isnan(back->linears[0].outerDiameterM));
}

TEST(ProjectStore, SameLayersReadFromAnotherGdalSource) {
    // A municipality may keep the layers in PostGIS; any GDAL source with the same layers loads
    // the same. Here: the project copied to SQLite with GDAL's own VectorTranslate.
    test::ScratchDir dir("store3");
    sample::SampleOptions o;
    o.blocks = 1;
    model::Dataset ds = sample::generateDistrict(o);
    ASSERT_TRUE(io::writeProject(ds, dir.file("p.gpkg")));
    GDALAllRegister();
    GDALDatasetH src =
        GDALOpenEx(dir.file("p.gpkg").c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    ASSERT_NE(src, nullptr);
    const char* args[] = {"-f", "SQLite", nullptr};
    auto* opts = GDALVectorTranslateOptionsNew(const_cast<char**>(args), nullptr);
    int err = 0;
    GDALDatasetH out =
        GDALVectorTranslate(dir.file("p.sqlite").c_str(), nullptr, 1, &src, opts, &err);
    GDALVectorTranslateOptionsFree(opts);
    ASSERT_NE(out, nullptr);
    GDALClose(out);
    GDALClose(src);
    io::ImportReport report;
    auto back = io::readProject(dir.file("p.sqlite"), report);
    ASSERT_TRUE(back) << back.error().toString();
    EXPECT_EQ(report.skipped(), 0u) << report.summary();
    expectSameDataset(ds, *back);
}

TEST(ProjectStore, BadFeaturesAreSkippedWithFileIdAndReason) {
    test::ScratchDir dir("store4");
    model::Dataset ds;
    model::Dataset::Meta m;
    m.theme = "water";
    m.type = model::ObjectType::Pipe;
    std::vector<model::VertexDepth> d(2, {model::DepthProvenance::Assumed, 0.5f});
    m.id = "good";
    ds.addLinear(m, {{250000, 470000, 1}, {250005, 470000, 1}}, d, 0.1f);
    m.id = "negative";
    ds.addLinear(m, {{250000, 470001, 1}, {250005, 470001, 1}}, d, -0.1f);
    m.id = "huge";
    ds.addLinear(m, {{250000, 470002, 1}, {250005, 470002, 1}}, d, 7.0f);
    std::string path = dir.file("bad.gpkg");
    ASSERT_TRUE(io::writeProject(ds, path));
    io::ImportReport report;
    auto back = io::readProject(path, report);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->features.size(), 1u);
    EXPECT_EQ(report.perLayer["networks"].loaded, 1u);
    EXPECT_EQ(report.perLayer["networks"].skipped, 2u);
    ASSERT_EQ(report.problems.size(), 2u);
    EXPECT_EQ(report.problems[0].file, path);
    EXPECT_EQ(report.problems[0].featureId, "negative");
    EXPECT_NE(report.problems[0].message.find("diameter_mm is negative"), std::string::npos);
    EXPECT_NE(report.problems[1].message.find("implausibly large"), std::string::npos);
}

TEST(ProjectStore, NotAProjectIsAClearError) {
    test::ScratchDir dir("store5");
    auto path = test::writeFile(dir.file("notes.gpkg"), "this is not a GeoPackage");
    io::ImportReport report;
    auto r = io::readProject(path, report);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().file, path);
    EXPECT_NE(r.error().message.find("cannot open"), std::string::npos) << r.error().message;
}

TEST(ProjectStore, AMissingProjectSaysSoWhereGdalGivesNoReason) {
    test::ScratchDir dir("store6");
    io::ImportReport report;
    auto r = io::readProject(dir.file("absent.gpkg"), report);
    ASSERT_FALSE(r);
    EXPECT_NE(
        r.error().toString().find("absent.gpkg: cannot open as a vector data source: no such file"),
        std::string::npos)
        << r.error().toString();
    // A file GDAL reads no format from: GDAL's reason, without the path said twice.
    {
        std::ofstream junk(dir.file("junk.gpkg"));
        junk << "not a GeoPackage";
    }
    auto junk = io::readProject(dir.file("junk.gpkg"), report);
    ASSERT_FALSE(junk);
    EXPECT_NE(junk.error().toString().find(
                  "junk.gpkg: cannot open as a vector data source: not recognized as a supported "
                  "file format"),
              std::string::npos)
        << junk.error().toString();
}
