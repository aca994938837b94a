// The longitudinal profile against hand-computed levels, the invert from inclination
// measurements with its lost storage, and the drawing (SVG, PNG pixels).
#include <bodemzicht/sewer/ConditionColours.h>
#include <bodemzicht/sewer/LongitudinalProfile.h>
#include <bodemzicht/sewer/ProfileDrawing.h>

#include <cairo.h>
#include <gtest/gtest.h>

#include <cmath>

#include "../TestSupport.h"

using namespace bz;

namespace {

std::uint32_t pipe(model::Dataset& ds, const std::string& id, core::Vec2 a, core::Vec2 b,
                   double bobA, double bobB, const std::string& nodeA, const std::string& nodeB) {
    model::Dataset::Meta m;
    m.id = id;
    m.type = model::ObjectType::SewerPipe;
    auto fi =
        ds.addLinear(m, {{a.x, a.y, bobA + 0.15}, {b.x, b.y, bobB + 0.15}},
                     std::vector<model::VertexDepth>(2, {model::DepthProvenance::Derived}), 0.38f);
    model::SewerProfile sp;
    sp.bobBeginM = bobA;
    sp.bobEndM = bobB;
    sp.heightMm = 300;
    sp.beginNode = nodeA;
    sp.endNode = nodeB;
    ds.attach(fi, sp);
    return fi;
}

void manhole(model::Dataset& ds, const std::string& id, core::Vec2 c, double cover, double bottom) {
    model::Dataset::Meta m;
    m.id = id;
    m.type = model::ObjectType::Manhole;
    model::VerticalBody b;
    b.center = c;
    b.topZ = cover;
    b.bottomZ = bottom;
    b.radiusM = 0.5f;
    ds.addBody(m, b);
}

model::SewerObservation bxa(double at, const char* type, double value,
                            const std::string& insp = "i") {
    model::SewerObservation o;
    o.inspectionId = insp;
    o.code = "BXA";
    o.char1 = type;
    o.value1 = value;
    o.distanceM = at;
    return o;
}

// P1 from K1 (0,0) to K2 (30,0), P2 drawn from K3 (70,0) to K2: reversed in the route.
model::Dataset twoPipes() {
    model::Dataset ds;
    pipe(ds, "P1", {0, 0}, {30, 0}, 1.0, 0.8, "K1", "K2");
    auto p2 = pipe(ds, "P2", {70, 0}, {30, 0}, 0.5, 0.75, "K3", "K2");
    manhole(ds, "K1", {0, 0}, 3.0, 0.9);
    manhole(ds, "K2", {30, 0}, 3.1, 0.4);
    model::SewerInspection in;
    in.id = "i";
    in.startNode = "K3";  // inspected from P2's own begin
    in.date = model::Date::of(2025, 1, 1);
    ds.attach(p2, in);
    model::SewerObservation o;
    o.inspectionId = "i";
    o.code = "BAB";
    o.char1 = "C";
    o.distanceM = 10;
    o.clock1 = 12;
    o.conditionClass = 4;
    ds.attach(p2, o);
    model::SewerCondition c;
    c.overall = 4;
    c.inspected = in.date;
    ds.attach(p2, c);
    return ds;
}

}  // namespace

TEST(LongitudinalProfile, LevelsAndChainagesAsComputedByHand) {
    auto ds = twoPipes();
    sewer::ProfileFields fields;
    fields.ground = model::GroundLevel(3.0);
    fields.ghg = model::GroundLevel(2.0);
    auto p = sewer::buildProfile(ds, {"P1", "P2"}, fields);
    ASSERT_TRUE(p) << p.error().toString();
    EXPECT_DOUBLE_EQ(p->length, 70);
    ASSERT_EQ(p->pipes.size(), 2u);
    EXPECT_FALSE(p->pipes[0].reversed);
    EXPECT_TRUE(p->pipes[1].reversed);
    EXPECT_DOUBLE_EQ(p->pipes[1].start, 30);
    EXPECT_DOUBLE_EQ(p->pipes[1].bobStart, 0.75);  // at K2, where the route enters P2
    EXPECT_DOUBLE_EQ(p->pipes[1].bobEnd, 0.5);
    EXPECT_EQ(p->pipes[1].fromNode, "K2");
    EXPECT_EQ(p->pipes[1].toNode, "K3");
    EXPECT_EQ(p->pipes[1].conditionClass, 4);
    EXPECT_DOUBLE_EQ(p->bobAt(15), 0.9);
    EXPECT_DOUBLE_EQ(p->bobAt(50), 0.625);
    // Manholes at 0, 30 and 70 m; K3 is not in the project.
    ASSERT_EQ(p->manholes.size(), 3u);
    EXPECT_TRUE(p->manholes[1].found);
    EXPECT_DOUBLE_EQ(p->manholes[1].chainage, 30);
    EXPECT_DOUBLE_EQ(p->manholes[1].cover, 3.1);
    EXPECT_FALSE(p->manholes[2].found);
    // Ground and GHG every metre.
    ASSERT_EQ(p->ground.size(), 71u);
    EXPECT_DOUBLE_EQ(p->ground.back().chainage, 70);
    EXPECT_DOUBLE_EQ(p->ground[10].level, 3.0);
    EXPECT_EQ(p->ghg.size(), 71u);
    // The crack 10 m from K3 at 12 o'clock: chainage 60, on the crown.
    ASSERT_EQ(p->observations.size(), 1u);
    EXPECT_DOUBLE_EQ(p->observations[0].chainage, 60);
    EXPECT_NEAR(p->observations[0].level, 0.5625 + 0.3, 1e-12);
    EXPECT_EQ(p->observations[0].label, "BAB C");
    EXPECT_DOUBLE_EQ(p->minLevel, 0.4);
    EXPECT_DOUBLE_EQ(p->maxLevel, 3.1);
}

TEST(LongitudinalProfile, RoutesThatDoNotConnectOrDoNotExistAreNamed) {
    auto ds = twoPipes();
    pipe(ds, "FAR", {500, 500}, {530, 500}, 1, 0.9, "X1", "X2");
    auto gap = sewer::buildProfile(ds, {"P1", "FAR"}, {});
    ASSERT_FALSE(gap);
    EXPECT_EQ(gap.error().featureId, "FAR");
    EXPECT_NE(gap.error().message.find("does not connect to P1"), std::string::npos);
    auto missing = sewer::buildProfile(ds, {"NOPE"}, {});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().featureId, "NOPE");
}

TEST(LongitudinalProfile, InvertFromInclinationAndLostStorage) {
    // Slopes in % from BOB 1.00: -2 % to 10 m, +1 % to 20 m, -1 % to 30 m: a sag at 10 m.
    std::vector<model::SewerObservation> obs = {bxa(10, "K", -2), bxa(20, "K", 1),
                                                bxa(30, "K", -1)};
    std::vector<const model::SewerObservation*> ptrs;
    for (auto& o : obs) ptrs.push_back(&o);
    auto inv = sewer::invertFromInclination(ptrs, 1.0, 0.8, 30);
    ASSERT_EQ(inv.size(), 4u);
    EXPECT_NEAR(inv[1].level, 0.8, 1e-12);
    EXPECT_NEAR(inv[2].level, 0.9, 1e-12);
    EXPECT_NEAR(inv[3].level, 0.8, 1e-12);
    // Draining at the end: water stands up to the crest at 20 m.
    auto water = sewer::standingWater(inv, true);
    EXPECT_NEAR(water[1].level, 0.9, 1e-12);
    EXPECT_NEAR(water[0].level, 1.0, 1e-12);
    EXPECT_NEAR(water[3].level, 0.8, 1e-12);
    // Degrees, mm and m offsets from the BOB line, absolute levels.
    std::vector<model::SewerObservation> other = {bxa(10, "J", std::atan(0.01) * 180 / M_PI),
                                                  bxa(15, "A", -50), bxa(20, "AA", 0.1),
                                                  bxa(25, "B", 0.77)};
    ptrs.clear();
    for (auto& o : other) ptrs.push_back(&o);
    inv = sewer::invertFromInclination(ptrs, 1.0, 0.7, 30);
    ASSERT_EQ(inv.size(), 5u);
    EXPECT_NEAR(inv[1].level, 1.1, 1e-12);
    EXPECT_NEAR(inv[2].level, 0.85 - 0.05, 1e-12);
    EXPECT_NEAR(inv[3].level, 0.8 + 0.1, 1e-12);
    EXPECT_NEAR(inv[4].level, 0.77, 1e-12);

    // In a profile: the sag of the first example holds 10 m x the segment 0.1 m deep in a
    // 300 mm pipe: A = r^2 acos((r-h)/r) - (r-h) sqrt(2rh-h^2) = 0.020626 m2 -> 0.2063 m3.
    auto ds = twoPipes();
    auto p1 = *ds.find("P1");
    model::SewerInspection in;
    in.id = "j";
    in.startNode = "K1";
    in.date = model::Date::of(2025, 1, 1);
    ds.attach(p1, in);
    for (auto o : obs) {
        o.inspectionId = "j";
        ds.attach(p1, o);
    }
    auto p = sewer::buildProfile(ds, {"P1"}, {});
    ASSERT_TRUE(p);
    ASSERT_EQ(p->measured.size(), 1u);
    EXPECT_NEAR(p->measured[0].lostStorageM3, 0.2063, 5e-4);
}

TEST(LongitudinalProfile, DrawsSvgAndPngWithThePipeInItsConditionColour) {
    test::ScratchDir dir("profile");
    auto ds = twoPipes();
    sewer::ProfileFields fields;
    fields.ground = model::GroundLevel(3.0);
    auto p = sewer::buildProfile(ds, {"P1", "P2"}, fields);
    ASSERT_TRUE(p);
    sewer::DrawingOptions o;
    auto svg = dir.file("p.svg"), png = dir.file("p.png");
    ASSERT_TRUE(sewer::drawProfile(*p, svg, o));
    ASSERT_TRUE(sewer::drawProfile(*p, png, o));
    EXPECT_NE(test::readFile(svg).find("<svg"), std::string::npos);
    EXPECT_FALSE(sewer::drawProfile(*p, dir.file("p.bmp"), o));
    cairo_surface_t* img = cairo_image_surface_create_from_png(png.c_str());
    ASSERT_EQ(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    ASSERT_EQ(cairo_image_surface_get_width(img), o.widthPx);
    auto frame = sewer::frameFor(*p, o.widthPx, o.heightPx);
    auto pixel = [&](double chainage, double level) {
        int x = static_cast<int>(frame.x(chainage)), y = static_cast<int>(frame.y(level));
        const unsigned char* d =
            cairo_image_surface_get_data(img) + y * cairo_image_surface_get_stride(img) + x * 4;
        return sewer::Rgb{d[2] / 255.0, d[1] / 255.0, d[0] / 255.0};  // BGRA
    };
    // P2 (class 4, orange) at 45 m between BOB and crown; P1 (not inspected, grey) at 10 m.
    auto expect = [](sewer::Rgb c) {
        return sewer::Rgb{0.75 * c.r + 0.25, 0.75 * c.g + 0.25, 0.75 * c.b + 0.25};
    };
    auto near = [](sewer::Rgb a, sewer::Rgb b) {
        return std::abs(a.r - b.r) < 0.03 && std::abs(a.g - b.g) < 0.03 &&
               std::abs(a.b - b.b) < 0.03;
    };
    auto orange = expect(sewer::conditionColour(4)), grey = expect(sewer::conditionColour(0));
    auto at45 = pixel(45, p->bobAt(45) + 0.15), at10 = pixel(10, p->bobAt(10) + 0.15);
    EXPECT_TRUE(near(at45, orange)) << at45.r << " " << at45.g << " " << at45.b;
    EXPECT_TRUE(near(at10, grey)) << at10.r << " " << at10.g << " " << at10.b;
    cairo_surface_destroy(img);
}

#include <bodemzicht/sewer/ObservationPlacement.h>

TEST(ObservationPlacement, AtItsDistanceFromTheStartNodeAndOnTheWallAtItsClock) {
    auto ds = twoPipes();
    // P2 runs from K3 (70,0) to K2 (30,0); inspected from K3: 10 m along is x = 60. Add a 3
    // o'clock and a 6 o'clock observation and an inventory one.
    auto p2 = *ds.find("P2");
    for (auto [clock, cls, code] : {std::tuple{3, 3, "BAF"}, {6, 2, "BBC"}, {-1, 0, "BCA"}}) {
        model::SewerObservation o;
        o.inspectionId = "i";
        o.code = code;
        o.distanceM = 25;
        o.clock1 = clock;
        o.conditionClass = cls;
        ds.attach(p2, o);
    }
    auto placed = sewer::placeObservations(ds);
    ASSERT_EQ(placed.size(), 3u);  // the inventory observation is not a defect
    const double r = 0.15, axisZ60 = 0.5 + 0.25 * 10 / 40 + 0.15,
                 axisZ45 = 0.5 + 0.25 * 25 / 40 + 0.15;
    // 12 o'clock at 10 m: x 60, on the crown.
    EXPECT_NEAR(placed[0].position.x, 60, 1e-9);
    EXPECT_NEAR(placed[0].position.y, 0, 1e-9);
    EXPECT_NEAR(placed[0].position.z, axisZ60 + r, 1e-9);
    // Looking west (the direction of inspection), 3 o'clock is the north wall.
    EXPECT_NEAR(placed[1].position.x, 45, 1e-9);
    EXPECT_NEAR(placed[1].position.y, r, 1e-9);
    EXPECT_NEAR(placed[1].position.z, axisZ45, 1e-9);
    // 6 o'clock: the invert.
    EXPECT_NEAR(placed[2].position.z, axisZ45 - r, 1e-9);
    EXPECT_NEAR(placed[2].position.y, 0, 1e-9);
    // Filters: by code and by class.
    sewer::ObservationFilter onlyBbc;
    onlyBbc.codes = {"BBC"};
    EXPECT_EQ(sewer::placeObservations(ds, onlyBbc).size(), 1u);
    sewer::ObservationFilter severe;
    severe.minClass = 3;
    EXPECT_EQ(sewer::placeObservations(ds, severe).size(), 2u);
    sewer::ObservationFilter all;
    all.minClass = 0;
    EXPECT_EQ(sewer::placeObservations(ds, all).size(), 4u);
}
