// Depth below ground is first-class: kept per vertex through the store, and a ground that arrives
// later (a raster, a level) places everything given below ground again; heights given in m NAP stay.
#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/io/ProjectImport.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/Relevel.h>

#include <gtest/gtest.h>

#include <cmath>

#include "../TestSupport.h"
#include "ReadAs.h"

using namespace bz;

namespace {

model::Dataset::Meta meta(const std::string& id, model::ObjectType type) {
    model::Dataset::Meta m;
    m.id = id;
    m.theme = "water";
    m.type = type;
    m.source = "test";
    return m;
}

// A pipe given 1.2 m below ground, a pipe given in m NAP, a cabinet and a trench below ground.
model::Dataset mixed() {
    model::Dataset ds;
    std::vector<model::VertexDepth> below(2, {model::DepthProvenance::Assumed, model::kUnknown, 1.2f});
    ds.addLinear(meta("below", model::ObjectType::Pipe), {{250000, 470000, -1.2}, {250010, 470000, -1.2}},
                 below, 0.1f);
    std::vector<model::VertexDepth> nap(2, {model::DepthProvenance::Measured, 0.05f});
    ds.addLinear(meta("nap", model::ObjectType::Pipe), {{250000, 470005, 8.0}, {250010, 470005, 8.5}},
                 nap, 0.1f);
    model::VerticalBody b;
    b.center = {250005, 470002};
    b.radiusM = 0.3f;
    b.topZ = 1.0;
    b.bottomZ = -0.6;
    b.topBelowGroundM = -1.0f;  // 1 m above ground
    b.depth = {model::DepthProvenance::Assumed, model::kUnknown, 0.6f};
    ds.addBody(meta("kast", model::ObjectType::Cabinet), b);
    auto t = ds.addPrism(meta("sleuf", model::ObjectType::Trench),
                         {{{250000, 470001}, {250004, 470001}, {250004, 470002}, {250000, 470002}}},
                         -0.7, 0.0, model::kUnknown, {model::DepthProvenance::Measured, 0.f, 0.7f});
    ds.prisms[ds.features[t].geometry].topBelowGroundM = 0.f;
    ds.ground = {model::GroundBasis::Kind::AssumedFlat, 0.0, ""};
    return ds;
}

}  // namespace

TEST(Relevel, ARasterArrivingLaterPlacesEverythingGivenBelowGroundAndLeavesNapAlone) {
    test::ScratchDir dir("relevel");
    // A sloping ground: 10 m NAP at x = 250000 rising 0.1 m per metre eastwards.
    std::vector<float> values;
    for (int row = 0; row < 20; ++row)
        for (int col = 0; col < 40; ++col) values.push_back(10.0f + 0.1f * (col + 0.5f) * 0.5f);
    std::string tif = dir.file("ahn.tif");
    ASSERT_TRUE(io::Raster::writeGeoTiff(tif, 250000, 470010, 0.5, 40, 20, values, -9999));
    auto raster = io::Raster::open(tif);
    ASSERT_TRUE(raster);
    model::GroundLevel ground(std::move(*raster));

    model::Dataset ds = mixed();
    std::string project = dir.file("p.gpkg");
    ASSERT_TRUE(io::writeProject(ds, project));
    // The store keeps the depths below ground and the assumed basis.
    io::ImportReport report;
    auto back = io::readProject(project, report);
    ASSERT_TRUE(back) << back.error().toString();
    EXPECT_EQ(back->ground.kind, model::GroundBasis::Kind::AssumedFlat);
    EXPECT_FLOAT_EQ(back->vertexDepths[0].belowGroundM, 1.2f);
    EXPECT_TRUE(std::isnan(back->vertexDepths[2].belowGroundM));

    auto stats = io::setProjectGround(project, ground, tif);
    ASSERT_TRUE(stats) << stats.error().toString();
    EXPECT_EQ(stats->vertices, 2u);
    EXPECT_EQ(stats->bodies, 1u);
    EXPECT_EQ(stats->prisms, 1u);
    EXPECT_EQ(stats->onFlatFallback, 0u);
    auto after = io::readProject(project, report);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->ground.kind, model::GroundBasis::Kind::Raster);
    for (std::uint32_t i = 0; i < after->vertices.size(); ++i) {
        const auto& v = after->vertices[i];
        if (!std::isnan(after->vertexDepths[i].belowGroundM)) {
            EXPECT_NEAR(v.z, ground.at(v.x, v.y) - 1.2, 1e-5) << i;
        }
    }
    // The NAP pipe is where it was.
    EXPECT_NEAR(after->vertices[2].z, 8.0, 1e-9);
    EXPECT_NEAR(after->vertices[3].z, 8.5, 1e-9);
    const auto& kast = after->bodies[after->features[2].geometry];
    double g = ground.at(250005, 470002);
    EXPECT_NEAR(kast.topZ, g + 1.0, 1e-5);
    EXPECT_NEAR(kast.bottomZ, g - 0.6, 1e-5);
    const auto& sleuf = after->prisms[after->features[3].geometry];
    EXPECT_NEAR(sleuf.bottomZ, ground.at(250000, 470001) - 0.7, 1e-5);
    // The raster is the project's ground field now.
    ASSERT_EQ(after->fields.size(), 1u);
    EXPECT_EQ(after->fields[0].name, "ground_level");
    EXPECT_TRUE(io::openFieldRaster(*after, "ground_level"));
}

TEST(Relevel, WhereTheRasterHasNoValueTheFlatGroundStaysAndIsSaid) {
    model::Dataset ds = mixed();
    model::GroundLevel none;
    auto s = io::relevel(ds, none, 2.0);
    EXPECT_EQ(s.vertices, 2u);
    EXPECT_EQ(s.onFlatFallback, 4u);  // two vertices, the cabinet, the trench
    EXPECT_NEAR(ds.vertices[0].z, 2.0 - 1.2, 1e-6);
    EXPECT_EQ(ds.ground.kind, model::GroundBasis::Kind::AssumedFlat);
    EXPECT_NE(model::describe(ds.ground).find("ASSUMED flat ground at 2.00 m NAP"),
              std::string::npos);
}

TEST(Relevel, TheOperatorsStandardDepthIsKeptBelowGroundNotTheRuleSets) {
    // Levering_22G003180_1: the Liander low and medium voltage nets give standaardDieptelegging
    // 0.80 m; a rule set's 0.60 m must not replace it.
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o;
    o.defaults.coverByTheme["laagspanning"] = 0.60;
    ASSERT_TRUE(test::readAs("klic", test::sharedData() + "/klic/Levering_22G003180_1.zip", o, ds, report));
    std::size_t checked = 0;
    for (const auto& f : ds.features) {
        if (f.kind() != model::GeometryKind::Linear || ds.str(f.theme) != "laagspanning") continue;
        const auto& g = ds.linears[f.geometry];
        double r = std::isnan(g.outerDiameterM) ? 0.0 : g.outerDiameterM / 2.0;
        for (std::uint32_t i = 0; i < g.vertexCount; ++i)
            if (ds.vertexDepths[g.firstVertex + i].provenance == model::DepthProvenance::Assumed) {
                EXPECT_NEAR(ds.vertexDepths[g.firstVertex + i].belowGroundM, 0.80 + r, 1e-6) << f.id;
                ++checked;
            }
    }
    EXPECT_GT(checked, 10u);
}

TEST(Relevel, TheSewersCoverLevelsAreTheGroundNearItsManholes) {
    // The RIONED demo manhole (cover 24.05 m NAP at RD 168512, 442665) and a cable given 0.6 m
    // below ground, one end near the manhole and one 200 m away, imported together with no ground.
    test::ScratchDir dir("covers");
    auto cable = test::writeFile(dir.file("kabel.geojson"), R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
 "features": [{"type": "Feature", "properties": {"id": "K1", "theme": "laagspanning", "status": "existing", "diameter_mm": 50, "depth_m": 0.6},
   "geometry": {"type": "LineString", "coordinates": [[168515, 442665], [168715, 442665]]}}]})");
    const std::string project = dir.file("p.gpkg");
    io::ImportRequest request;
    request.sources = {test::sharedData() + "/sewer/gwsw_orox_excerpt_juinen_v1_6.ttl", cable};
    io::ImportReport report;
    ASSERT_TRUE(io::importIntoProject(project, request, report)) << report.summary();
    io::ImportReport r2;
    auto ds = io::readProject(project, r2);
    ASSERT_TRUE(ds);
    EXPECT_EQ(ds->ground.kind, model::GroundBasis::Kind::Partial) << model::describe(ds->ground);
    EXPECT_NE(ds->ground.source.find("cover levels"), std::string::npos);
    double cover = NAN;
    for (const auto& f : ds->features)
        if (const auto* v = ds->attribute(f, "cover_level_m")) cover = std::get<double>(*v);
    ASSERT_TRUE(std::isfinite(cover));
    const auto& k = ds->linears[ds->features[*ds->find("K1")].geometry];
    // 3 m from the manhole: its cover level less the depth; 200 m away: the assumed flat ground.
    EXPECT_NEAR(ds->vertices[k.firstVertex].z, cover - 0.6 - 0.025, 1e-3);
    EXPECT_NEAR(ds->vertices[k.firstVertex + 1].z, ds->ground.level - 0.6 - 0.025, 1e-3);
    bool said = false;
    for (const auto& w : report.warnings) said |= w.message.find("cover levels") != std::string::npos;
    EXPECT_TRUE(said);
}
