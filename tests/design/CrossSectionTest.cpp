// Cross-sections against brute-force references on random scenes: every network crossing found
// at its offset and level, body chords and zone intervals as dense sampling finds them; the
// street profile's zones and deviations on constructed cases; the drawing's pixels.
#include <bodemzicht/design/CrossSection.h>
#include <bodemzicht/design/SectionDrawing.h>
#include <bodemzicht/design/StreetProfile.h>

#include <cairo.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "../TestSupport.h"

using namespace bz;

namespace {

model::Dataset::Meta meta(const std::string& id, const char* theme, model::ObjectType type) {
    model::Dataset::Meta m;
    m.id = id;
    m.theme = theme;
    m.type = type;
    return m;
}

std::vector<model::VertexDepth> measured(std::size_t n) {
    return std::vector<model::VertexDepth>(n, {model::DepthProvenance::Measured, 0.05f});
}

// Signed distance of p to the section's infinite line (left positive).
double side(const design::SectionLine& l, core::Vec2 p) {
    const core::Vec2 d = (l.to - l.from) * (1.0 / l.length());
    return core::cross(d, p - l.from);
}

}  // namespace

TEST(CrossSection, NetworkCrossingsMatchDenseSamplingOnRandomScenes) {
    std::mt19937 rng(21);
    std::uniform_real_distribution<double> u(0, 50), z(-3, 2);
    for (int round = 0; round < 60; ++round) {
        model::Dataset ds;
        const int n = 30;
        for (int i = 0; i < n; ++i) {
            std::vector<core::Vec3> pts;
            const int k = 2 + static_cast<int>(rng() % 3);
            for (int v = 0; v < k; ++v) pts.push_back({u(rng), u(rng), z(rng)});
            ds.addLinear(meta("L" + std::to_string(i), "water", model::ObjectType::Pipe), pts,
                         measured(pts.size()), 0.2f);
        }
        const design::SectionLine line{{u(rng), u(rng)}, {u(rng), u(rng)}};
        if (line.length() < 5) continue;
        auto section = design::cutSection(ds, line, model::GroundLevel(5.0));
        // Brute force: walk every segment in small steps and note where it changes side while
        // its point projects onto the section.
        struct Hit {
            std::string id;
            double offset, z;
        };
        std::vector<Hit> expected;
        std::size_t parallel = 0;
        const core::Vec2 dir = (line.to - line.from) * (1.0 / line.length());
        for (std::size_t fi = 0; fi < ds.features.size(); ++fi) {
            const auto& l = ds.linears[ds.features[fi].geometry];
            for (std::uint32_t i = 0; i + 1 < l.vertexCount; ++i) {
                const auto a = ds.vertices[l.firstVertex + i],
                           b = ds.vertices[l.firstVertex + i + 1];
                const int steps = 20000;
                for (int k = 0; k < steps; ++k) {
                    const core::Vec3 p = a + (b - a) * (double(k) / steps),
                                     q = a + (b - a) * (double(k + 1) / steps);
                    const double sp = side(line, p.xy()), sq = side(line, q.xy());
                    if ((sp < 0) == (sq < 0) || sp == 0) continue;
                    const core::Vec3 m = p + (q - p) * (sp / (sp - sq));
                    const double off = core::dot(m.xy() - line.from, dir);
                    if (off < 0 || off > line.length()) continue;
                    const core::Vec2 e = (b - a).xy();
                    if (std::abs(core::cross(dir, e)) / core::length(e) <
                        std::sin(5 * M_PI / 180)) {
                        ++parallel;
                        continue;
                    }
                    expected.push_back({ds.features[fi].id, off, m.z});
                }
            }
        }
        std::vector<const design::SectionCut*> found;
        for (const auto& c : section.cuts) found.push_back(&c);
        ASSERT_EQ(found.size(), expected.size()) << "round " << round;
        EXPECT_EQ(section.networksNearlyParallel, parallel);
        for (const auto& e : expected) {
            bool matched = false;
            for (const auto* c : found)
                if (c->id == e.id && std::abs(c->offsetM - e.offset) < 0.01 &&
                    std::abs((c->topZ + c->bottomZ) / 2 - e.z) < 0.01)
                    matched = true;
            EXPECT_TRUE(matched) << e.id << " at " << e.offset << " round " << round;
        }
        for (std::size_t i = 1; i < section.cuts.size(); ++i)
            EXPECT_LE(section.cuts[i - 1].offsetM, section.cuts[i].offsetM);
    }
}

TEST(CrossSection, BodyChordsAndZoneIntervalsMatchDenseSampling) {
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> u(0, 40);
    for (int round = 0; round < 40; ++round) {
        model::Dataset ds;
        // Wells (cylinders) and star-shaped zones with a hole, at random.
        for (int i = 0; i < 6; ++i) {
            model::VerticalBody b;
            b.center = {u(rng), u(rng)};
            b.radiusM = static_cast<float>(0.5 + u(rng) / 10);
            b.topZ = 5;
            b.bottomZ = 2;
            ds.addBody(meta("B" + std::to_string(i), "wko", model::ObjectType::Well), b);
        }
        std::vector<std::vector<core::Vec2>> outers, holes;
        for (int i = 0; i < 3; ++i) {
            const core::Vec2 c{u(rng), u(rng)};
            std::vector<core::Vec2> outer, hole;
            const int k = 7 + static_cast<int>(rng() % 6);
            for (int v = 0; v < k; ++v) {
                const double a = 2 * M_PI * v / k, r = 3 + u(rng) / 5;
                outer.push_back(c + core::Vec2{std::cos(a), std::sin(a)} * r);
                hole.push_back(c + core::Vec2{std::cos(-a), std::sin(-a)} * 1.0);
            }
            outers.push_back(outer);
            holes.push_back(hole);
            ds.addPrism(meta("Z" + std::to_string(i), "verontreiniging",
                             model::ObjectType::ContaminationZone),
                        {outer, hole}, 1.0, 4.5, NAN, {model::DepthProvenance::Measured, 0.05f});
        }
        const design::SectionLine line{{u(rng), u(rng)}, {u(rng), u(rng)}};
        if (line.length() < 5) continue;
        auto section = design::cutSection(ds, line, model::GroundLevel(5.0));
        // Dense sampling: which objects contain each point of the line, every millimetre.
        auto insideRing = [](const std::vector<core::Vec2>& ring, core::Vec2 p) {
            bool in = false;
            for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
                if ((ring[i].y > p.y) != (ring[j].y > p.y) &&
                    p.x < (ring[j].x - ring[i].x) * (p.y - ring[i].y) / (ring[j].y - ring[i].y) +
                              ring[i].x)
                    in = !in;
            return in;
        };
        for (std::size_t fi = 0; fi < ds.features.size(); ++fi) {
            const auto& f = ds.features[fi];
            double sampled = 0;
            for (double o = 0.0005; o < line.length(); o += 0.001) {
                const core::Vec2 p = line.at(o);
                bool in = false;
                if (f.kind() == model::GeometryKind::VerticalBody) {
                    const auto& b = ds.bodies[f.geometry];
                    in = core::length(p - b.center) < b.radiusM;
                } else {
                    const std::size_t z = fi - 6;
                    in = insideRing(outers[z], p) && !insideRing(holes[z], p);
                }
                sampled += in ? 0.001 : 0;
            }
            double cut = 0;
            for (const auto& c : section.cuts)
                if (c.feature == fi) cut += c.toM - c.fromM;
            EXPECT_NEAR(cut, sampled, 0.005) << f.id << " round " << round;
        }
    }
}

TEST(CrossSection, ProfileZonesAndDeviations) {
    auto profile = design::StreetProfile::parse(R"(
[profile]
name = "test"
source = "constructed"
verified = false
both_sides = true
[[zone]]
name = "gas"
themes = ["gasLageDruk"]
from_m = 1.0
to_m = 2.0
min_cover_m = 0.8
)",
                                                "test.toml");
    ASSERT_TRUE(profile) << profile.error().toString();
    // A 10 m section from facade to facade: gas belongs at 1-2 m and 8-9 m.
    const auto zones = design::layZones(*profile, 10);
    ASSERT_EQ(zones.size(), 2u);
    EXPECT_DOUBLE_EQ(zones[1].fromM, 8);
    EXPECT_DOUBLE_EQ(zones[1].toM, 9);
    model::Dataset ds;
    auto pipe = [&](const std::string& id, double x, double cover) {
        ds.addLinear(meta(id, "gasLageDruk", model::ObjectType::Pipe),
                     {{x, -5, 5 - cover - 0.05}, {x, 5, 5 - cover - 0.05}}, measured(2), 0.1f);
    };
    pipe("IN-ZONE", 1.5, 0.9);
    pipe("OTHER-SIDE", 8.5, 0.9);
    pipe("OUTSIDE", 4.0, 0.9);
    pipe("SHALLOW", 1.2, 0.5);
    ds.addLinear(meta("NO-ZONE", "datatransport", model::ObjectType::Cable),
                 {{5, -5, 4}, {5, 5, 4}}, measured(2), 0.04f);
    auto section = design::cutSection(ds, {{0, 0}, {10, 0}}, model::GroundLevel(5.0));
    ASSERT_EQ(section.cuts.size(), 5u);
    auto deviations = design::checkAgainstProfile(section, *profile);
    std::vector<std::string> ids;
    for (const auto& d : deviations) ids.push_back(section.cuts[d.cut].id + ": " + d.what);
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_NE(ids[0].find("SHALLOW: gasLageDruk SHALLOW: cover 0.50 m, its zone asks 0.80 m"),
              std::string::npos)
        << ids[0];
    EXPECT_NE(ids[1].find("OUTSIDE: gasLageDruk OUTSIDE at 4.00 m: outside its zone (gas 1.00-2.00 "
                          "m, gas 8.00-9.00 m)"),
              std::string::npos)
        << ids[1];
    // Depth below ground from the ground above each cut; the top is the axis plus the radius.
    EXPECT_NEAR(section.cuts[0].topBelowGroundM, 0.5, 1e-9);
    // The shipped profile parses and names its source.
    EXPECT_FALSE(design::StreetProfile::shipped().zones.empty());
    EXPECT_FALSE(design::StreetProfile::shipped().source.empty());
    auto bad = design::StreetProfile::parse(
        "[profile]\nname = \"x\"\nsource = \"y\"\n[[zone]]\nname = \"z\"\nthemes = "
        "[\"water\"]\nfrom_m = 3\nto_m = 1\n",
        "bad.toml");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().toString().find("bad.toml"), std::string::npos);
    EXPECT_NE(bad.error().toString().find("line 4"), std::string::npos) << bad.error().toString();
    EXPECT_NE(bad.error().toString().find("below to_m"), std::string::npos)
        << bad.error().toString();
}

TEST(CrossSection, TheDrawingShowsEachNetworkWhereItLies) {
    model::Dataset ds;
    // A water main (blue) 2 m into a 6 m section, 1 m below a ground at 5 m NAP.
    ds.addLinear(meta("W", "water", model::ObjectType::Pipe), {{2, -5, 3.8}, {2, 5, 3.8}},
                 measured(2), 0.4f);
    auto section = design::cutSection(ds, {{0, 0}, {6, 0}}, model::GroundLevel(5.0));
    test::ScratchDir dir("section_png");
    const std::string png = dir.file("s.png");
    ASSERT_TRUE(design::drawSection(section, design::StreetProfile::shipped(), {}, png));
    cairo_surface_t* img = cairo_image_surface_create_from_png(png.c_str());
    ASSERT_EQ(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    const int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    const auto f = design::sectionFrame(section, 1400, 760);
    ASSERT_LE(f.bottom, h);
    const auto* data = cairo_image_surface_get_data(img);
    const int stride = cairo_image_surface_get_stride(img);
    auto at = [&](double x, double y) {
        const auto* p = data + static_cast<int>(y) * stride + static_cast<int>(x) * 4;  // BGRA
        return std::array<int, 3>{p[2], p[1], p[0]};
    };
    const auto centre = at(f.x(2.0), f.y(3.8));
    EXPECT_TRUE(centre[2] > 200 && centre[0] < 60 && centre[1] < 60)
        << centre[0] << "," << centre[1] << "," << centre[2];
    const auto beside = at(f.x(4.0), f.y(3.8));  // soil, not pipe
    EXPECT_FALSE(beside[2] > 200 && beside[0] < 60);
    // One scale both ways: 0.4 m across is as many pixels as 0.4 m down.
    int across = 0, down = 0;
    for (double x = f.x(1.5); x < f.x(2.5); ++x)
        across += at(x, f.y(3.8))[2] > 200 && at(x, f.y(3.8))[0] < 60;
    for (double y = f.y(4.3); y < f.y(3.3); ++y)
        down += at(f.x(2.0), y)[2] > 200 && at(f.x(2.0), y)[0] < 60;
    EXPECT_NEAR(across, down, 3);
    EXPECT_NEAR(across, 0.4 * f.scale, 4);
    cairo_surface_destroy(img);
    (void)w;
}

TEST(CrossSection, FreeSpaceInASectionLeavesRoomAroundWhatIsThere) {
    model::Dataset ds;
    // One 0.2 m main crossing a 10 m section at offset 5, its axis 1 m below a ground at 5 m.
    ds.addLinear(meta("W", "water", model::ObjectType::Pipe), {{5, -5, 4.0}, {5, 5, 4.0}},
                 measured(2), 0.2f);
    auto section = design::cutSection(ds, {{0, 0}, {10, 0}}, model::GroundLevel(5.0));
    ASSERT_EQ(section.cuts.size(), 1u);
    section.cuts[0].bandM = 0;  // a measured main: no band
    const double d = 0.1, clearance = 0.3;
    auto free = design::freeSpaceInSection(section, d, clearance, 0.6, 3.0, 0.05);
    ASSERT_GT(free.nx, 0);
    // Brute force over the same cells: cover 0.6 to 3 m, and clear of the main's box.
    int expected = 0, found = 0, disagree = 0;
    for (int i = 0; i < free.nx; ++i)
        for (int k = 0; k < free.nz; ++k) {
            const double o = (i + 0.5) * 0.05, z = free.z0 + (k + 0.5) * 0.05;
            const bool coverOk = z + d / 2 <= 5 - 0.6 && z - d / 2 >= 5 - 3.0;
            const double dx = std::max({4.9 - o, 0.0, o - 5.1}),
                         dz = std::max({3.9 - z, 0.0, z - 4.1});
            const bool clear = std::hypot(dx, dz) >= clearance + d / 2;
            expected += coverOk && clear;
            found += free.at(i, k);
            disagree += (coverOk && clear) != free.at(i, k);
        }
    EXPECT_EQ(disagree, 0);
    EXPECT_EQ(found, expected);
    EXPECT_NEAR(free.freeAreaM2, found * 0.0025, 1e-9);
    // Right next to the main nothing fits; 2 m beside it at 1 m cover everything does.
    const int iNear = static_cast<int>(5.3 / 0.05), iFar = static_cast<int>(7.0 / 0.05);
    const int kMain = static_cast<int>((4.0 - free.z0) / 0.05);
    EXPECT_FALSE(free.at(iNear, kMain));
    EXPECT_TRUE(free.at(iFar, kMain));
}

namespace {

// Columns of 10 m: clay (2) from 0 to 2 m NAP in columns with even i, sand (5) elsewhere; sand
// below everywhere; nothing above 2 m.
class Layers final : public model::Field {
  public:
    Layers() {
        mGrid.origin = {0, 0, -2};
        mGrid.cellSize = {10, 10, 0.5};
        mGrid.nx = 10, mGrid.ny = 10, mGrid.nz = 8;
        mGrid.hasZ = true;
        mVars.push_back({"lithok", true, "", ""});
    }
    model::FieldKind kind() const override { return model::FieldKind::Grid3d; }
    const model::GridGeometry& grid() const override { return mGrid; }
    const std::vector<model::FieldVariable>& variables() const override { return mVars; }
    std::string describe() const override { return "layers"; }
    double cellValue(std::size_t, int i, int, int k) const override {
        return k >= 4 ? (i % 2 == 0 ? 2.0 : 5.0) : 5.0;
    }

  private:
    model::GridGeometry mGrid;
    std::vector<model::FieldVariable> mVars;
};

}  // namespace

TEST(CrossSection, TheSoilBehindIsTheGridsColumnsAlongTheLine) {
    design::CrossSection s;
    std::mt19937 rng(9);
    std::uniform_real_distribution<double> at(1, 99);
    Layers grid;
    for (int trial = 0; trial < 20; ++trial) {
        s.line = {{at(rng), at(rng)}, {at(rng), at(rng)}};
        design::addSoil(s, grid, 0.05);
        ASSERT_FALSE(s.soil.empty());
        // The pieces cover the line once per level band, and each has the class of the grid at
        // its middle (brute force).
        double covered = 0;
        for (const auto& p : s.soil) {
            const core::Vec2 mid = s.line.at((p.fromM + p.toM) / 2);
            int i, j, k;
            ASSERT_TRUE(grid.grid().cellOf({mid.x, mid.y, (p.bottomZ + p.topZ) / 2}, i, j, k));
            EXPECT_EQ(p.lithoclass, static_cast<int>(grid.cellValue(0, i, j, k)));
            if (p.bottomZ == -2) covered += p.toM - p.fromM;  // the bottom band, once
        }
        EXPECT_NEAR(covered, s.line.length(), 1e-9);
        // Sand columns are one piece from -2 to 2 m; clay columns two (sand below, clay above).
        for (const auto& p : s.soil)
            if (p.lithoclass == 2) {
                EXPECT_DOUBLE_EQ(p.bottomZ, 0.0);
                EXPECT_DOUBLE_EQ(p.topZ, 2.0);
            }
    }
}
