#include <bodemzicht/io/SourceReader.h>

#include <gtest/gtest.h>

#include <cmath>

#include "../TestSupport.h"
#include "io/formats/trees/SizeClass.h"
#include "ReadAs.h"

using namespace bz;

TEST(TreeImport, SizeClassesAsRegistersWriteThem) {
    EXPECT_DOUBLE_EQ(io::formats::parseSizeClassM("0,5 tot 0,75 m."), 0.625);
    EXPECT_DOUBLE_EQ(io::formats::parseSizeClassM("18 tot 24 m."), 21.0);
    EXPECT_DOUBLE_EQ(io::formats::parseSizeClassM("> 1,5 m."), 1.5);
    EXPECT_DOUBLE_EQ(io::formats::parseSizeClassM("< 6 m."), 6.0);
    EXPECT_DOUBLE_EQ(io::formats::parseSizeClassM("0.35"), 0.35);
    EXPECT_DOUBLE_EQ(io::formats::parseSizeClassM("30 tot 50 cm"), 0.40);
    EXPECT_TRUE(std::isnan(io::formats::parseSizeClassM("Onbekend")));
    EXPECT_TRUE(std::isnan(io::formats::parseSizeClassM("")));
}

TEST(TreeImport, AmsterdamStyleRegisterWithClassesAndDerivedRootZone) {
    test::ScratchDir dir("trees");
    auto path = test::writeFile(
        dir.file("bomen.csv"),
        "WKT,id,soortnaam,boomhoogteklasseActueel,stamdiameterklasse,jaarVanAanleg\n"
        "\"POINT (121000 487000)\",B1,Ulmus 'Columella',18 tot 24 m.,\"0,5 tot 0,75 m.\",1975\n"
        "\"POINT (121010 487000)\",B2,Tilia,onbekend,,2010\n"
        "\"POINT (121020 487000)\",,Acer,6 tot 9 m.,\"0,1 tot 0,2 m.\",2015\n"
        "\"POINT (121030 487000)\",B4,Quercus,6 tot 9 m.,\"95 tot 99 m.\",1900\n");
    EXPECT_TRUE(test::identifiesAs(path, "trees"));
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o;
    o.groundLevel = model::GroundLevel(0.4);
    o.sourceCrs = "EPSG:28992";
    ASSERT_TRUE(test::readAs("trees", path, o, ds, report));
    ASSERT_EQ(ds.features.size(), 2u) << report.summary();
    const auto& f = ds.features[0];
    EXPECT_EQ(f.id, "B1");
    EXPECT_EQ(f.type, model::ObjectType::Tree);
    EXPECT_EQ(f.dates.laid.year(), 1975);
    const auto* t = ds.treeOf(f);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->species, "Ulmus 'Columella'");
    EXPECT_FLOAT_EQ(t->heightM, 21.0f);
    EXPECT_FLOAT_EQ(t->stemDiameterM, 0.625f);
    // No crown class: crown from the stem (15 x), root zone = crown + 2 x 1 m, derived.
    EXPECT_NEAR(t->rootZoneDiameterM, 15 * 0.625 + 2.0, 1e-5);
    EXPECT_EQ(t->rootZoneProvenance, model::DepthProvenance::Derived);
    EXPECT_DOUBLE_EQ(ds.bodies[f.geometry].topZ, 0.4);
    EXPECT_DOUBLE_EQ(ds.bodies[f.geometry].bottomZ, 0.4 - 1.0);
    // B2 has no stem size: kept, with an assumed stem, and said so.
    bool warned = false;
    for (const auto& w : report.warnings)
        warned |= w.featureId == "B2" && w.message.find("assumed") != std::string::npos;
    EXPECT_TRUE(warned);
    ASSERT_EQ(report.problems.size(), 2u);
    EXPECT_EQ(report.problems[0].featureId, "FID 3");
    EXPECT_EQ(report.problems[1].featureId, "B4");
    EXPECT_NE(report.problems[1].message.find("implausible size"), std::string::npos);
}

TEST(TreeImport, WithoutGroundLevelTheRegisterIsRefusedClearly) {
    test::ScratchDir dir("trees2");
    auto path = test::writeFile(
        dir.file("bomen.csv"),
        "WKT,BOOMNUMMER,STAMDIAMETERKLASSE\n\"POINT (1 2)\",7,\"0,2 tot 0,3 m.\"\n");
    model::Dataset ds;
    io::ImportReport report;
    auto r = test::readAs("trees", path, {}, ds, report);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message,
              "trees need a ground level: pass --ground-level M or --ground-raster FILE");
}
