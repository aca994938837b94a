// Groundwater levels from what the sources give: the water table of a 3D head grid against a fine
// search on random columns, a BRO WDM depth raster put on the ground, both imported into a
// project and read back as the project's GHG/GLG (refused without a ground, beside the project);
// and contamination of the groundwater in the clash report on a constructed trench.
#include <bodemzicht/clash/ClashDetector.h>
#include <bodemzicht/clash/ClashModel.h>
#include <bodemzicht/io/ProjectImport.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/Raster.h>
#include <bodemzicht/model/MemoryField.h>
#include <bodemzicht/soil/GroundwaterLevel.h>

#include <gtest/gtest.h>
#include <netcdf.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <random>

#include "../TestSupport.h"

using namespace bz;

namespace {

// A column grid: nx x 1 x nz cells of 1 x 1 x 0.5 m from (0, 0, zBottom).
model::MemoryField columns(int nx, int nz, double zBottom) {
    model::GridGeometry g;
    g.origin = {0, 0, zBottom};
    g.cellSize = {1, 1, 0.5};
    g.nx = nx, g.ny = 1, g.nz = nz;
    g.hasZ = true;
    return model::MemoryField(model::FieldKind::Grid3d, g, {{"head", false, "m NAP", ""}}, "heads");
}

// The reference: the head linear between cell centres (constant in the top and bottom half
// cells), searched every millimetre from the top of the column down for the first point whose
// head is at or above it.
double tableByFineSearch(const model::Field& f, int i) {
    const auto& g = f.grid();
    auto headAt = [&](double z) {
        const double u = (z - g.origin.z) / g.cellSize.z - 0.5;
        const int k0 = std::clamp(static_cast<int>(std::floor(u)), 0, g.nz - 1);
        const int k1 = std::min(k0 + 1, g.nz - 1);
        const double t = std::clamp(u - k0, 0.0, 1.0);
        return f.cellValue(0, i, 0, k0) * (1 - t) + f.cellValue(0, i, 0, k1) * t;
    };
    const double top = g.origin.z + (g.nz - 0.5) * g.cellSize.z;
    if (headAt(top) >= top) return headAt(top);
    for (double z = top; z >= g.origin.z + 0.5 * g.cellSize.z; z -= 0.001)
        if (headAt(z) >= z) return z;
    return NAN;
}

}  // namespace

TEST(Groundwater, WaterTableOfHeadGridsMatchesAFineSearch) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> table(1.0, 9.0), seepage(-0.2, 0.2);
    auto heads = columns(200, 20, 0.0);  // centres 0.25 .. 9.75 m NAP
    for (int i = 0; i < 200; ++i) {
        // Head linear in depth (seepage up or down) around a random water table; some columns
        // saturated to the top, some dry.
        const double t = i % 20 == 0 ? 12.0 : i % 20 == 1 ? -5.0 : table(rng), s = seepage(rng);
        for (int k = 0; k < 20; ++k) {
            const double z = 0.25 + 0.5 * k;
            heads.set(0, i, 0, k, t + s * (t - z));
        }
    }
    const auto level = soil::waterTableFromHead(heads, 0, "test");
    EXPECT_EQ(level.kind(), model::FieldKind::Raster2d);
    EXPECT_EQ(level.grid().nx, 200);
    for (int i = 0; i < 200; ++i) {
        const double expected = tableByFineSearch(heads, i), got = level.cellValue(0, i, 0, 0);
        if (std::isnan(expected)) {
            EXPECT_TRUE(std::isnan(got)) << i;
            continue;
        }
        EXPECT_NEAR(got, expected, 0.002) << i;
    }
    // Dry (the water table below the data) and saturated to the top (head of the top cell).
    EXPECT_TRUE(std::isnan(level.cellValue(0, 1, 0, 0)));
    EXPECT_NEAR(level.cellValue(0, 0, 0, 0), heads.cellValue(0, 0, 0, 19), 1e-6);
    // Air above the ground (no data) is skipped: the table is found below it.
    auto withAir = columns(1, 20, 0.0);
    for (int k = 0; k < 20; ++k) withAir.set(0, 0, 0, k, k >= 16 ? NAN : 5.0);
    EXPECT_NEAR(soil::waterTableFromHead(withAir, 0, "air").cellValue(0, 0, 0, 0), 5.0, 1e-6);
}

TEST(Groundwater, DepthBelowGroundIsPutOnTheGround) {
    model::GridGeometry g;
    g.origin = {100, 200, 0};
    g.cellSize = {50, 50, 1};
    g.nx = 3, g.ny = 2;
    model::MemoryField wdm(model::FieldKind::Raster2d, g, {{"band1", false, "", ""}}, "wdm");
    wdm.fill(0, [](int i, int j, int) { return i == 2 && j == 1 ? NAN : 40.0 + 10 * i + 100 * j; });
    const model::GroundLevel ground(std::make_shared<model::MemoryField>([&] {
        model::MemoryField f(model::FieldKind::Raster2d, g, {{"z", false, "m NAP", ""}}, "ahn");
        f.fill(0, [](int i, int, int) { return 3.0 + i; });
        return f;
    }()));
    const auto level = soil::levelFromDepth(wdm, 0.01, ground, "glg");
    for (int j = 0; j < 2; ++j)
        for (int i = 0; i < 3; ++i) {
            if (i == 2 && j == 1) {
                EXPECT_TRUE(std::isnan(level.cellValue(0, i, j, 0)));
                continue;
            }
            EXPECT_NEAR(level.cellValue(0, i, j, 0), 3.0 + i - (40.0 + 10 * i + 100 * j) / 100,
                        1e-5);
        }
    EXPECT_EQ(soil::levelBasisFromUnit("cm below ground"), soil::LevelBasis::CmBelowGround);
    EXPECT_EQ(soil::levelBasisFromUnit(""), soil::LevelBasis::Nap);
    EXPECT_FALSE(soil::levelBasisFromUnit("feet"));
}

namespace {

#define NC_CHECK(call) ASSERT_EQ((call), NC_NOERR) << #call

// A head grid in CF-1.8: 4 x 3 columns of 10 m from (155000, 463000), 1 m layers 0..10 m NAP,
// h(z) = 6 + 0.1 (6 - z): the water table at 6 m NAP.
void writeHeadGrid(const std::string& path) {
    int nc, dz, dy, dx, vz, vy, vx, vcrs, vh;
    NC_CHECK(nc_create(path.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc));
    NC_CHECK(nc_def_dim(nc, "z", 10, &dz));
    NC_CHECK(nc_def_dim(nc, "y", 3, &dy));
    NC_CHECK(nc_def_dim(nc, "x", 4, &dx));
    NC_CHECK(nc_def_var(nc, "z", NC_DOUBLE, 1, &dz, &vz));
    NC_CHECK(nc_def_var(nc, "y", NC_DOUBLE, 1, &dy, &vy));
    NC_CHECK(nc_def_var(nc, "x", NC_DOUBLE, 1, &dx, &vx));
    NC_CHECK(nc_def_var(nc, "crs", NC_INT, 0, nullptr, &vcrs));
    NC_CHECK(nc_put_att_text(nc, vcrs, "epsg_code", 10, "EPSG:28992"));
    const int dims[3] = {dz, dy, dx};
    NC_CHECK(nc_def_var(nc, "stijghoogte", NC_FLOAT, 3, dims, &vh));
    NC_CHECK(nc_put_att_text(nc, vh, "units", 5, "m NAP"));
    NC_CHECK(nc_put_att_text(nc, vh, "grid_mapping", 3, "crs"));
    NC_CHECK(nc_enddef(nc));
    double z[10], y[3], x[4];
    for (int k = 0; k < 10; ++k) z[k] = 0.5 + k;
    for (int j = 0; j < 3; ++j) y[j] = 463005 + 10 * j;
    for (int i = 0; i < 4; ++i) x[i] = 155005 + 10 * i;
    std::vector<float> h;
    for (int k = 0; k < 10; ++k)
        for (int n = 0; n < 12; ++n) h.push_back(static_cast<float>(6 + 0.1 * (6 - z[k])));
    NC_CHECK(nc_put_var_double(nc, vz, z));
    NC_CHECK(nc_put_var_double(nc, vy, y));
    NC_CHECK(nc_put_var_double(nc, vx, x));
    NC_CHECK(nc_put_var_float(nc, vh, h.data()));
    NC_CHECK(nc_close(nc));
}

std::string projectWithPipe(test::ScratchDir& dir, const std::string& name) {
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "X";
    m.theme = "water";
    m.type = model::ObjectType::Pipe;
    ds.addLinear(m, {{155000, 463000, 0}, {155030, 463020, 0}},
                 std::vector<model::VertexDepth>(2, {model::DepthProvenance::Measured, 0.05f}),
                 0.1f);
    const auto project = dir.file(name);
    EXPECT_TRUE(io::writeProject(ds, project));
    return project;
}

}  // namespace

TEST(Groundwater, LevelsAreImportedAsTheSourceGaveThemAndReadAsMetresNap) {
    test::ScratchDir dir("groundwater_levels");
    const auto project = projectWithPipe(dir, "p.gpkg");
    // A WDM raster: 120 cm below the ground everywhere, 5 x 5 cells of 10 m.
    const auto wdm = dir.file("glg_wdm.tif");
    ASSERT_TRUE(io::Raster::writeGeoTiff(wdm, 155000, 463050, 10, 5, 5,
                                         std::vector<float>(25, 120.f), -9999.f));
    // Without a ground: refused, the project unchanged.
    auto refused =
        io::importGroundwaterLevel(project, wdm, "glg", soil::LevelBasis::CmBelowGround, {});
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("no ground level"), std::string::npos);
    EXPECT_NE(refused.error().toString().find("glg_wdm.tif"), std::string::npos);
    io::ImportReport report;
    EXPECT_TRUE(io::readProject(project, report)->fields.empty());

    // With an AHN-like ground of 8 m NAP: the GLG is 6.8 m NAP, kept in cm below ground.
    const auto ahn = dir.file("ahn.tif");
    ASSERT_TRUE(io::Raster::writeGeoTiff(ahn, 155000, 463050, 5, 10, 10,
                                         std::vector<float>(100, 8.f), -9999.f));
    ASSERT_TRUE(io::addProjectField(
        project, {"ground_level", ahn, model::FieldKind::Raster2d, "m NAP", "ahn"}));
    auto glg = io::importGroundwaterLevel(project, wdm, "glg", soil::LevelBasis::CmBelowGround, {});
    ASSERT_TRUE(glg) << glg.error().toString();
    EXPECT_NEAR(glg->minM, 6.8, 1e-5);
    EXPECT_NEAR(glg->maxM, 6.8, 1e-5);
    EXPECT_EQ(glg->cells, 25u);
    auto ds = io::readProject(project, report);
    ASSERT_TRUE(ds);
    auto level = io::openFieldRaster(*ds, "glg");
    ASSERT_TRUE(level) << level.error().toString();
    EXPECT_NEAR(level->at(155012, 463012), 6.8, 1e-5);
    for (const auto& f : ds->fields)
        if (f.name == "glg") {
            EXPECT_EQ(f.unit, "cm below ground");
        }

    // The same raster as m NAP lies above the ground: a warning that it may be a depth.
    auto asNap = io::importGroundwaterLevel(project, wdm, "ghg", soil::LevelBasis::Nap, {});
    ASSERT_TRUE(asNap);
    ASSERT_EQ(asNap->warnings.size(), 1u);
    EXPECT_NE(asNap->warnings[0].find("depth below ground"), std::string::npos);

    // A head grid: its water table is the GHG.
    const auto head = dir.file("head.nc");
    writeHeadGrid(head);
    auto ghg = io::importGroundwaterLevel(project, head, "ghg", soil::LevelBasis::Nap, {});
    ASSERT_TRUE(ghg) << ghg.error().toString();
    EXPECT_NEAR(ghg->minM, 6.0, 1e-4);
    ds = io::readProject(project, report);
    auto table = io::openFieldRaster(*ds, "ghg");
    ASSERT_TRUE(table) << table.error().toString();
    EXPECT_NEAR(table->at(155020, 463015), 6.0, 1e-4);
    // Imported as a grid of its own, a head grid is the field `head`, not a contamination.
    auto asGrid = io::importGrid(project, head, std::nullopt);
    ASSERT_TRUE(asGrid) << asGrid.error().toString();
    EXPECT_TRUE(asGrid->head);
    EXPECT_EQ(asGrid->field.name, "head");

    // Beside the project: refused.
    const auto far = dir.file("far.tif");
    ASSERT_TRUE(io::Raster::writeGeoTiff(far, 190000, 463050, 10, 5, 5, std::vector<float>(25, 5.f),
                                         -9999.f));
    auto beside = io::importGroundwaterLevel(project, far, "glg", soil::LevelBasis::Nap, {});
    ASSERT_FALSE(beside);
    EXPECT_NE(beside.error().message.find("does not overlap"), std::string::npos);
    EXPECT_FALSE(
        io::importGroundwaterLevel(project, wdm, "ground_level", soil::LevelBasis::Nap, {}));
}

TEST(Groundwater, ContaminatedGroundwaterIsCountedBelowTheGroundwaterLevel) {
    // Benzene 100 ug/l (intervention value 30) in the cells below 5 m NAP, 10 above; ground at
    // 6 m NAP, GHG 5.0 m NAP. A trench 1 m wide, 10 m long, to 4 m NAP.
    model::GridGeometry g;
    g.cellSize = {2, 2, 0.5};
    g.nx = g.ny = 20, g.nz = 12;
    g.hasZ = true;
    auto grid = std::make_shared<model::MemoryField>(
        model::FieldKind::Grid3d, g,
        std::vector<model::FieldVariable>{{"benzeen", false, "ug/l", ""}}, "benzene");
    grid->fill(0, [](int, int, int k) { return k < 10 ? 100.0 : 10.0; });
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "SLEUF";
    m.theme = "sleuf";
    m.type = model::ObjectType::Trench;
    m.status = model::ObjectStatus::Proposed;
    ds.addPrism(m, {{{10, 11}, {20, 11}}}, 4.0, 6.0, 1.0f, {model::DepthProvenance::Measured, 0});
    const model::GroundLevel ground(6.0), ghg(5.0);
    clash::ClashModel model(ds, clash::RuleSet::dutchDefault(), ground);
    clash::ClashOptions options;
    options.contaminationGrids.push_back({"contamination_test", grid});
    // Without a groundwater level: not checked, and the report says so.
    auto report =
        clash::ClashDetector(model, clash::RuleSet::dutchDefault(), options).findClashes();
    for (const auto& c : report.clashes) EXPECT_NE(c.aId, "benzeen@contamination_test");
    bool noted = false;
    for (const auto& n : report.notes)
        noted = noted || n.find("groundwater contamination not checked") != std::string::npos;
    EXPECT_TRUE(noted);
    options.ghg = &ghg;
    report = clash::ClashDetector(model, clash::RuleSet::dutchDefault(), options).findClashes();
    const clash::Clash* benzene = nullptr;
    for (const auto& c : report.clashes)
        if (c.aId == "benzeen@contamination_test") benzene = &c;
    ASSERT_NE(benzene, nullptr);
    EXPECT_TRUE(clash::inGroundwater(*benzene));
    EXPECT_EQ(benzene->rule, "intervention.grondwater.benzeen");
    EXPECT_EQ(benzene->unit, "ug/l");
    EXPECT_NEAR(benzene->excavatedM3, 10 * 1 * 1.0, 1e-9);     // 4 .. 5 m NAP is below the GHG
    EXPECT_NEAR(benzene->contaminatedM3, 10 * 1 * 1.0, 1e-9);  // all of it above 30 ug/l
    EXPECT_DOUBLE_EQ(benzene->maxConcentration, 100);
    EXPECT_NE(report.summary().find("below the groundwater level where benzeen"),
              std::string::npos);
    // A trench that stays above the GHG digs no groundwater.
    model::Dataset shallow;
    shallow.addPrism(m, {{{10, 11}, {20, 11}}}, 5.2, 6.0, 1.0f,
                     {model::DepthProvenance::Measured, 0});
    clash::ClashModel dry(shallow, clash::RuleSet::dutchDefault(), ground);
    report = clash::ClashDetector(dry, clash::RuleSet::dutchDefault(), options).findClashes();
    for (const auto& c : report.clashes) EXPECT_NE(c.aId, "benzeen@contamination_test");
}
