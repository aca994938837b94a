// Excavation volumes: what a dig takes out of a 3D grid, above a threshold, against an independent
// count on fine sample points, for trenches aligned with the grid and at random angles; the clash
// core's excavation rows (contaminated volume per substance, dewatering below the GLG) on a
// constructed street with known answers; contamination grids with and without a CRS.
#include <bodemzicht/clash/ClashDetector.h>
#include <bodemzicht/clash/ClashModel.h>
#include <bodemzicht/io/ProjectImport.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/VoxelGrid.h>
#include <bodemzicht/model/MemoryField.h>
#include <bodemzicht/soil/Excavation.h>

#include <cpl_conv.h>
#include <gtest/gtest.h>
#include <netcdf.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <cstring>
#include <random>

#include "../TestSupport.h"

using namespace bz;

namespace {

// A grid in memory: cells of 2 x 2 x 0.5 m from (0, 0, 0), value f(i, j, k), NaN for no data.
std::shared_ptr<model::MemoryField> memoryGrid(int nx, int ny, int nz,
                                               const std::function<double(int, int, int)>& f) {
    model::GridGeometry g;
    g.origin = {0, 0, 0};
    g.cellSize = {2, 2, 0.5};
    g.nx = nx, g.ny = ny, g.nz = nz;
    g.hasZ = true;
    auto grid = std::make_shared<model::MemoryField>(
        model::FieldKind::Grid3d, g,
        std::vector<model::FieldVariable>{{"lood", false, "mg/kg ds", ""}}, "memory grid");
    grid->fill(0, f);
    return grid;
}

bool inside(core::Vec2 p, const std::vector<core::Vec2>& poly) {
    bool in = false;
    for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++)
        if ((poly[i].y > p.y) != (poly[j].y > p.y) &&
            p.x < (poly[j].x - poly[i].x) * (p.y - poly[i].y) / (poly[j].y - poly[i].y) + poly[i].x)
            in = !in;
    return in;
}

// The reference: the dig sampled on a fine regular grid of points (plan step h, height step hz).
soil::Excavated reference(const model::Field& g, const std::vector<std::vector<core::Vec2>>& polys,
                          double bottom, double top, double threshold, double h, double hz) {
    soil::Excavated e;
    const auto& geo = g.grid();
    for (const auto& poly : polys) {
        double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
        for (auto p : poly)
            x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x),
            y1 = std::max(y1, p.y);
        for (double x = std::floor(x0 / h) * h + h / 2; x < x1; x += h)
            for (double y = std::floor(y0 / h) * h + h / 2; y < y1; y += h) {
                if (!inside({x, y}, poly)) continue;
                for (double z = bottom + hz / 2; z < top; z += hz) {
                    e.excavatedM3 += h * h * hz;  // dug, inside the grid or not
                    int i, j, k;
                    if (!geo.cellOf({x, y, z}, i, j, k)) continue;
                    const double v = g.cellValue(0, i, j, k);
                    if (std::isnan(v)) continue;
                    e.withDataM3 += h * h * hz;
                    if (v >= threshold) e.aboveM3 += h * h * hz;
                }
            }
    }
    return e;
}

}  // namespace

TEST(Excavation, VolumesMatchAFineCountForAlignedAndTurnedTrenches) {
    std::mt19937 rng(3);
    // 20 x 20 cells of 2 m, 12 layers of 0.5 m (0 .. 6 m); values 0..999 at random, a few empty.
    std::uniform_int_distribution<int> value(0, 999);
    std::vector<double> values(20 * 20 * 12);
    for (auto& v : values) v = value(rng) < 50 ? NAN : value(rng);
    const auto gridPtr =
        memoryGrid(20, 20, 12, [&](int i, int j, int k) { return values[(k * 20 + j) * 20 + i]; });
    const auto& grid = *gridPtr;
    std::uniform_real_distribution<double> at(6, 34), angle(0, 3.14159), width(0.4, 3);
    for (int trial = 0; trial < 30; ++trial) {
        const core::Vec2 a{at(rng), at(rng)};
        const double t = trial < 5 ? 0 : angle(rng);  // the first ones along the grid
        const double len = 4 + trial % 7;
        const core::Vec2 b = a + core::Vec2{std::cos(t), std::sin(t)} * len;
        const auto footprint = soil::lineFootprint({a, b}, width(rng));
        const double bottom = 2.1 + 0.3 * (trial % 5), top = 5.8;
        auto dug = soil::excavate(
            grid, 0, footprint, bottom, [&](double, double) { return top; }, 500);
        const auto ref = reference(grid, footprint, bottom, top, 500, 0.02, 0.05);
        // Sampling error of the reference: about a sample row along the outline.
        const double tol = 0.04 * (2 * len + 6) * (top - bottom) + 1e-6;
        EXPECT_NEAR(dug.excavatedM3, ref.excavatedM3, tol) << trial;
        EXPECT_NEAR(dug.withDataM3, ref.withDataM3, tol) << trial;
        EXPECT_NEAR(dug.aboveM3, ref.aboveM3, tol) << trial;
        EXPECT_GT(dug.aboveM3, 0) << trial;
        EXPECT_LE(dug.aboveM3, dug.withDataM3 + 1e-9);
        EXPECT_GE(dug.maxValue, 500);
    }
    // Outside the grid in plan and above it: dug, counted apart.
    auto outside = soil::excavate(
        grid, 0, soil::lineFootprint({{-10, 5}, {-2, 5}}, 1), 4, [](double, double) { return 7.0; },
        500);
    EXPECT_NEAR(outside.excavatedM3, 8 * 1 * 3, 1e-9);
    EXPECT_NEAR(outside.outsideM3, outside.excavatedM3, 1e-9);
    EXPECT_EQ(outside.withDataM3, 0);
}

TEST(Excavation, TheClashReportGivesContaminatedVolumeAndDewatering) {
    // Lead 800 mg/kg ds in the cells 0.5-1.5 m below a ground at 6 m NAP (k 9 and 10), 100
    // elsewhere. A trench 1 m wide, 10 m long, 2 m deep, aligned with the cells.
    auto grid =
        memoryGrid(20, 20, 12, [](int, int, int k) { return k == 9 || k == 10 ? 800.0 : 100.0; });
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "SLEUF";
    m.theme = "sleuf";
    m.type = model::ObjectType::Trench;
    m.status = model::ObjectStatus::Proposed;
    ds.addPrism(m, {{{10, 11}, {20, 11}}}, 4.0, 6.0, 1.0f, {model::DepthProvenance::Measured, 0});
    const model::GroundLevel ground(6.0), glg(4.5);
    clash::ClashModel model(ds, clash::RuleSet::dutchDefault(), ground);
    clash::ClashOptions options;
    options.contaminationGrids.push_back({"contamination_test", grid});
    options.glg = &glg;
    auto report =
        clash::ClashDetector(model, clash::RuleSet::dutchDefault(), options).findClashes();
    const clash::Clash* lead = nullptr;
    const clash::Clash* water = nullptr;
    for (const auto& c : report.clashes) {
        if (c.aId == "lood@contamination_test") lead = &c;
        if (c.aId == "GLG") water = &c;
    }
    ASSERT_NE(lead, nullptr);
    EXPECT_EQ(lead->kind, clash::ClashKind::Constraint);
    EXPECT_EQ(lead->bId, "SLEUF");
    EXPECT_EQ(lead->substance, "lood");
    EXPECT_EQ(lead->unit, "mg/kg ds");
    EXPECT_NEAR(lead->excavatedM3, 10 * 1 * 2, 1e-9);
    EXPECT_NEAR(lead->contaminatedM3, 10 * 1 * 1.0, 1e-9);  // the 1 m of made ground above 530
    EXPECT_DOUBLE_EQ(lead->maxConcentration, 800);
    EXPECT_NE(lead->ruleSource.find("Circulaire bodemsanering"), std::string::npos);
    ASSERT_NE(water, nullptr);
    EXPECT_NEAR(water->belowGlgM3, 10 * 1 * 0.5, 1e-6);  // 4.0 .. 4.5 m NAP
    EXPECT_NEAR(water->violatedLengthM, 10, 1e-6);
    EXPECT_NEAR(water->distanceM, -0.5, 1e-9);
    // With the GLG below the trench: no dewatering row.
    const model::GroundLevel deep(3.0);
    options.glg = &deep;
    report = clash::ClashDetector(model, clash::RuleSet::dutchDefault(), options).findClashes();
    for (const auto& c : report.clashes) EXPECT_NE(c.aId, "GLG");
}

namespace {

#define NC_EXPECT_OK(call) ASSERT_EQ((call), NC_NOERR) << #call

// A CF grid with one substance; `crs`: "epsg" (grid mapping epsg_code), "wkt" (crs_wkt), "other"
// (EPSG:4326) or "" (none); `fillOnly`: every value is the fill value.
void writeCfGrid(const std::string& path, const std::string& crs, bool fillOnly, double x0) {
    int nc, dz, dy, dx, vz, vy, vx, vcrs, vv;
    NC_EXPECT_OK(nc_create(path.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc));
    NC_EXPECT_OK(nc_def_dim(nc, "z", 2, &dz));
    NC_EXPECT_OK(nc_def_dim(nc, "y", 2, &dy));
    NC_EXPECT_OK(nc_def_dim(nc, "x", 3, &dx));
    NC_EXPECT_OK(nc_def_var(nc, "z", NC_DOUBLE, 1, &dz, &vz));
    NC_EXPECT_OK(nc_def_var(nc, "y", NC_DOUBLE, 1, &dy, &vy));
    NC_EXPECT_OK(nc_def_var(nc, "x", NC_DOUBLE, 1, &dx, &vx));
    const int dims[3] = {dz, dy, dx};
    NC_EXPECT_OK(nc_def_var(nc, "zink", NC_FLOAT, 3, dims, &vv));
    NC_EXPECT_OK(nc_put_att_text(nc, vv, "units", 8, "mg/kg ds"));
    const float fill = -1;
    NC_EXPECT_OK(nc_put_att_float(nc, vv, "_FillValue", NC_FLOAT, 1, &fill));
    if (!crs.empty()) {
        NC_EXPECT_OK(nc_def_var(nc, "crs", NC_INT, 0, nullptr, &vcrs));
        NC_EXPECT_OK(nc_put_att_text(nc, vv, "grid_mapping", 3, "crs"));
        std::string text = crs == "epsg" ? "EPSG:28992" : crs == "other" ? "EPSG:4326" : "";
        if (crs == "wkt") {
            OGRSpatialReference rd;
            rd.importFromEPSG(28992);
            char* wkt = nullptr;
            rd.exportToWkt(&wkt);
            text = wkt;
            CPLFree(wkt);
            NC_EXPECT_OK(nc_put_att_text(nc, vcrs, "crs_wkt", text.size(), text.c_str()));
        } else {
            NC_EXPECT_OK(nc_put_att_text(nc, vcrs, "epsg_code", text.size(), text.c_str()));
        }
    }
    NC_EXPECT_OK(nc_enddef(nc));
    const double z[2] = {0.25, 0.75}, y[2] = {463001, 463003}, x[3] = {x0 + 1, x0 + 3, x0 + 5};
    NC_EXPECT_OK(nc_put_var_double(nc, vz, z));
    NC_EXPECT_OK(nc_put_var_double(nc, vy, y));
    NC_EXPECT_OK(nc_put_var_double(nc, vx, x));
    std::vector<float> v(12, fillOnly ? fill : 900.f);
    NC_EXPECT_OK(nc_put_var_float(nc, vv, v.data()));
    NC_EXPECT_OK(nc_close(nc));
}

}  // namespace

TEST(Excavation, GridsNeedAnRdCrsAndDataAndAreImportedAsContamination) {
    test::ScratchDir dir("cf_grids");
    for (const char* crs : {"epsg", "wkt"}) {
        const auto path = dir.file(std::string(crs) + ".nc");
        writeCfGrid(path, crs, false, 155000);
        auto g = io::VoxelGrid::open(path);
        ASSERT_TRUE(g) << crs << ": " << g.error().toString();
        EXPECT_EQ(g->variables().at(0).unit, "mg/kg ds");
    }
    const auto none = dir.file("none.nc");
    writeCfGrid(none, "", false, 155000);
    auto refused = io::VoxelGrid::open(none);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("no CRS"), std::string::npos);
    EXPECT_NE(refused.error().toString().find("none.nc"), std::string::npos);
    EXPECT_TRUE(io::VoxelGrid::open(none, std::string("EPSG:28992")));
    EXPECT_FALSE(io::VoxelGrid::open(none, std::string("EPSG:4326")));
    const auto other = dir.file("other.nc");
    writeCfGrid(other, "other", false, 155000);
    auto wgs = io::VoxelGrid::open(other);
    ASSERT_FALSE(wgs);
    EXPECT_NE(wgs.error().message.find("EPSG:4326"), std::string::npos);

    // Into a project: a contamination field; fill values only, or beside the project: refused.
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "X";
    m.theme = "water";
    m.type = model::ObjectType::Pipe;
    ds.addLinear(m, {{155000, 463000, 0}, {155010, 463004, 0}},
                 std::vector<model::VertexDepth>(2, {model::DepthProvenance::Measured, 0.05f}),
                 0.1f);
    const auto project = dir.file("p.gpkg");
    ASSERT_TRUE(io::writeProject(ds, project));
    auto imported = io::importGrid(project, none, std::string("EPSG:28992"));
    ASSERT_TRUE(imported) << imported.error().toString();
    EXPECT_EQ(imported->field.name, "contamination_none");
    EXPECT_FALSE(imported->geotop);
    io::ImportReport report;
    auto back = io::readProject(project, report);
    ASSERT_TRUE(back);
    ASSERT_EQ(back->fields.size(), 1u);
    EXPECT_EQ(back->fields[0].crs, "EPSG:28992");
    EXPECT_TRUE(io::openField(back->fields[0]));  // reopened with the CRS vouched for
    const auto empty = dir.file("empty.nc");
    writeCfGrid(empty, "epsg", true, 155000);
    auto fills = io::importGrid(project, empty, std::nullopt);
    ASSERT_FALSE(fills);
    EXPECT_NE(fills.error().message.find("fill values only"), std::string::npos);
    EXPECT_EQ(fills.error().featureId, "zink");
    const auto far = dir.file("far.nc");
    writeCfGrid(far, "epsg", false, 190000);
    auto beside = io::importGrid(project, far, std::nullopt);
    ASSERT_FALSE(beside);
    EXPECT_NE(beside.error().message.find("does not overlap"), std::string::npos);
    back = io::readProject(project, report);
    EXPECT_EQ(back->fields.size(), 1u);  // unchanged by the refusals
}

namespace {

// A CF grid whose x coordinates are the cells' western edges (155000, 155002, 155004), with or
// without an x_bounds variable saying so (`bounds`: "", "edges" or "bad", bounds of another size).
void writeEdgeGrid(const std::string& path, const std::string& bounds) {
    int nc, dz, dy, dx, dnv, vz, vy, vx, vb, vcrs, vv;
    NC_EXPECT_OK(nc_create(path.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc));
    NC_EXPECT_OK(nc_def_dim(nc, "z", 2, &dz));
    NC_EXPECT_OK(nc_def_dim(nc, "y", 2, &dy));
    NC_EXPECT_OK(nc_def_dim(nc, "x", 3, &dx));
    NC_EXPECT_OK(nc_def_dim(nc, "nv", 2, &dnv));
    NC_EXPECT_OK(nc_def_var(nc, "z", NC_DOUBLE, 1, &dz, &vz));
    NC_EXPECT_OK(nc_def_var(nc, "y", NC_DOUBLE, 1, &dy, &vy));
    NC_EXPECT_OK(nc_def_var(nc, "x", NC_DOUBLE, 1, &dx, &vx));
    const int bdims[2] = {dx, dnv};
    NC_EXPECT_OK(nc_def_var(nc, "x_bounds", NC_DOUBLE, 2, bdims, &vb));
    if (!bounds.empty()) {
        NC_EXPECT_OK(nc_put_att_text(nc, vx, "bounds", 8, "x_bounds"));
    }
    NC_EXPECT_OK(nc_def_var(nc, "crs", NC_INT, 0, nullptr, &vcrs));
    NC_EXPECT_OK(nc_put_att_text(nc, vcrs, "epsg_code", 10, "EPSG:28992"));
    const int dims[3] = {dz, dy, dx};
    NC_EXPECT_OK(nc_def_var(nc, "zink", NC_FLOAT, 3, dims, &vv));
    NC_EXPECT_OK(nc_put_att_text(nc, vv, "units", 8, "mg/kg ds"));
    NC_EXPECT_OK(nc_put_att_text(nc, vv, "grid_mapping", 3, "crs"));
    NC_EXPECT_OK(nc_enddef(nc));
    const double z[2] = {0.25, 0.75}, y[2] = {463001, 463003}, x[3] = {155000, 155002, 155004};
    const double w = bounds == "bad" ? 3 : 2;
    const double xb[6] = {155000, 155000 + w, 155002, 155002 + w, 155004, 155004 + w};
    NC_EXPECT_OK(nc_put_var_double(nc, vz, z));
    NC_EXPECT_OK(nc_put_var_double(nc, vy, y));
    NC_EXPECT_OK(nc_put_var_double(nc, vx, x));
    NC_EXPECT_OK(nc_put_var_double(nc, vb, xb));
    std::vector<float> v(12, 900.f);
    NC_EXPECT_OK(nc_put_var_float(nc, vv, v.data()));
    NC_EXPECT_OK(nc_close(nc));
}

}  // namespace

TEST(Excavation, CoordinatesThatAreCellEdgesArePlacedByTheirBounds) {
    test::ScratchDir dir("cf_edges");
    // Without bounds: the coordinates are cell centres, the grid starts a half cell before.
    const auto centres = dir.file("centres.nc");
    writeEdgeGrid(centres, "");
    auto g = io::VoxelGrid::open(centres);
    ASSERT_TRUE(g) << g.error().toString();
    EXPECT_DOUBLE_EQ(g->grid().origin.x, 154999);
    EXPECT_TRUE(g->notes().empty());
    // With bounds that say they are edges: placed by the bounds, and the user is told.
    const auto edges = dir.file("edges.nc");
    writeEdgeGrid(edges, "edges");
    g = io::VoxelGrid::open(edges);
    ASSERT_TRUE(g) << g.error().toString();
    EXPECT_DOUBLE_EQ(g->grid().origin.x, 155000);
    EXPECT_DOUBLE_EQ(g->grid().cellSize.x, 2);
    ASSERT_EQ(g->notes().size(), 1u);
    EXPECT_NE(g->notes()[0].find("does not give the cell centres"), std::string::npos);
    // So a dig of the first 2 m of the grid in x (a 2 x 4 m pit to 0 m NAP) lies fully inside.
    const auto dug = soil::excavate(
        *g, 0, {{{155000, 463000}, {155002, 463000}, {155002, 463004}, {155000, 463004}}}, 0.0,
        [](double, double) { return 1.0; }, 530);
    EXPECT_NEAR(dug.aboveM3, 8.0, 1e-9);
    EXPECT_NEAR(dug.outsideM3, 0.0, 1e-9);
    // Bounds of another size than the spacing: refused, naming the coordinate.
    const auto bad = dir.file("bad.nc");
    writeEdgeGrid(bad, "bad");
    auto refused = io::VoxelGrid::open(bad);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().featureId, "x");
    EXPECT_NE(refused.error().toString().find("bad.nc"), std::string::npos);
}
