// The free-space finder: on constructed streets with one known gap it finds that gap; where
// nothing fits it says what is in the way; on random streets every route it returns has no hard
// or clearance clash when the clash core checks it independently.
#include <bodemzicht/clash/ClashDetector.h>
#include <bodemzicht/clash/ClashModel.h>
#include <bodemzicht/design/FreeSpace.h>

#include <gtest/gtest.h>

#include <random>

using namespace bz;

namespace {

constexpr double kGround = 5.0;

// A curtain of cables along x at offset y: one every 0.3 m from 0.6 m to 3.3 m below ground.
void curtain(model::Dataset& ds, double y, const std::string& name) {
    for (int k = 0; k < 10; ++k) {
        model::Dataset::Meta m;
        m.id = name + "-" + std::to_string(k);
        m.theme = "datatransport";
        m.type = model::ObjectType::Cable;
        const double z = kGround - 0.6 - 0.3 * k;
        ds.addLinear(m, {{-5, y, z}, {105, y, z}},
                     std::vector<model::VertexDepth>(2, {model::DepthProvenance::Measured, 0.0f}),
                     0.05f);
    }
}

// Hard and clearance clashes of the fitted runs, found by the clash core on its own.
std::size_t clashesOf(const model::Dataset& ds, const design::FreeSpaceResult& fit,
                      const design::FreeSpaceRequest& r) {
    model::Dataset check = ds;
    std::vector<std::uint32_t> added;
    for (std::size_t i = 0; i < fit.runs.size(); ++i) {
        model::Dataset::Meta m;
        m.id = "RUN-" + std::to_string(i);
        m.theme = r.theme;
        m.type = model::ObjectType::Cable;
        m.status = model::ObjectStatus::Proposed;
        std::vector<core::Vec3> pts;
        for (const auto& p : fit.runs[i]) pts.push_back(p.axis);
        added.push_back(check.addLinear(
            m, pts,
            std::vector<model::VertexDepth>(pts.size(), {model::DepthProvenance::Measured, 0.0f}),
            static_cast<float>(r.diameterM)));
    }
    const model::GroundLevel ground(kGround);
    clash::ClashModel model(check, clash::RuleSet::dutchDefault(), ground);
    clash::ClashOptions options;
    options.uniformClearanceM = r.clearanceM;
    options.onlyFeatures = added;
    std::size_t n = 0;
    for (const auto& c :
         clash::ClashDetector(model, clash::RuleSet::dutchDefault(), options).findClashes().clashes)
        n += c.kind == clash::ClashKind::Hard || c.kind == clash::ClashKind::Clearance;
    return n;
}

}  // namespace

TEST(FreeSpace, FindsTheOneGapInAStreetOfCableCurtains) {
    model::Dataset ds;
    // Curtains at y = -1.2, -0.6, 0, 0.6 and 1.8, 2.4: the only gap is between 0.6 and 1.8.
    for (double y : {-1.2, -0.6, 0.0, 0.6, 1.8, 2.4})
        curtain(ds, y, "C" + std::to_string(static_cast<int>(y * 10)));
    design::FreeSpaceRequest r;
    r.route = {{0, 0}, {100, 0}};
    r.diameterM = 0.16;
    r.clearanceM = 0.3;
    r.theme = "laagspanning";
    auto fit =
        design::findFreeSpace(ds, clash::RuleSet::dutchDefault(), model::GroundLevel(kGround), r);
    ASSERT_TRUE(fit) << fit.error().toString();
    ASSERT_EQ(fit->runs.size(), 1u);
    EXPECT_TRUE(fit->blocked.empty());
    EXPECT_NEAR(fit->fittedLengthM, 100, 0.5);
    // In the gap, more than the radii and the clearance in plan from the curtains' cables on
    // either side (a cable staggered in depth may let it come a little closer in plan).
    for (const auto& p : fit->runs[0]) {
        EXPECT_GT(p.axis.y, 0.6 + 0.105 + 0.2);
        EXPECT_LT(p.axis.y, 1.8 - 0.105 - 0.2);
    }
    // Shallow: within a few grid steps of the least cover the rule set gives laagspanning.
    EXPECT_LE(fit->runs[0].front().coverM,
              clash::RuleSet::dutchDefault().defaultCoverDepth("laagspanning") + 0.3);
    EXPECT_EQ(clashesOf(ds, *fit, r), 0u);
}

TEST(FreeSpace, WhereNothingFitsItSaysWhatIsInTheWay) {
    model::Dataset ds;
    for (int k = -30; k <= 30; ++k) curtain(ds, k * 0.3, "W" + std::to_string(k + 30));
    design::FreeSpaceRequest r;
    r.route = {{0, 0}, {20, 0}};
    r.diameterM = 0.16;
    r.clearanceM = 0.3;
    auto fit =
        design::findFreeSpace(ds, clash::RuleSet::dutchDefault(), model::GroundLevel(kGround), r);
    ASSERT_TRUE(fit) << fit.error().toString();
    EXPECT_TRUE(fit->runs.empty());
    ASSERT_EQ(fit->blocked.size(), 1u);
    EXPECT_NEAR(fit->blocked[0].fromM, 0, 1e-9);
    EXPECT_NEAR(fit->blocked[0].toM, 20, 1e-9);
    ASSERT_FALSE(fit->blocked[0].inTheWay.empty());
    EXPECT_EQ(fit->blocked[0].inTheWay.front().substr(0, 1), "W");
    // Bad requests: said, not an empty success.
    r.route = {{0, 0}};
    EXPECT_FALSE(
        design::findFreeSpace(ds, clash::RuleSet::dutchDefault(), model::GroundLevel(kGround), r));
    r.route = {{0, 0}, {10, 0}};
    auto noGround =
        design::findFreeSpace(ds, clash::RuleSet::dutchDefault(), model::GroundLevel(), r);
    ASSERT_FALSE(noGround);
    EXPECT_NE(noGround.error().message.find("ground level"), std::string::npos);
}

TEST(FreeSpace, EveryRouteFoundOnRandomStreetsIsClashFreeForTheClashCore) {
    std::mt19937 rng(17);
    std::uniform_real_distribution<double> across(-4, 4), depth(0.5, 2.5), along(0, 60);
    double fitted = 0, asked = 0;
    for (int round = 0; round < 12; ++round) {
        model::Dataset ds;
        // Parallel networks of several themes, a few crossing ones and some trees.
        const char* themes[] = {"datatransport", "laagspanning", "gasLageDruk", "water",
                                "rioolVrijverval"};
        for (int i = 0; i < 14; ++i) {
            model::Dataset::Meta m;
            m.id = "N" + std::to_string(i);
            m.theme = themes[rng() % 5];
            m.type = model::ObjectType::Pipe;
            const double y = across(rng), z = kGround - depth(rng);
            const bool crossing = i % 4 == 3;
            const double x = along(rng);
            std::vector<core::Vec3> pts =
                crossing ? std::vector<core::Vec3>{{x, -6, z}, {x + 2, 6, z}}
                         : std::vector<core::Vec3>{{-5, y, z}, {65, y + across(rng) / 8, z}};
            ds.addLinear(
                m, pts,
                std::vector<model::VertexDepth>(2, {model::DepthProvenance::Measured, 0.0f}),
                static_cast<float>(0.05 + (rng() % 4) * 0.05));
        }
        for (int i = 0; i < 3; ++i) {
            model::Dataset::Meta m;
            m.id = "T" + std::to_string(i);
            m.theme = "boom";
            m.type = model::ObjectType::Tree;
            model::VerticalBody b;
            b.center = {along(rng), across(rng)};
            b.topZ = kGround;
            b.bottomZ = kGround - 1;
            b.radiusM = 0.2f;
            ds.addBody(m, b);
        }
        design::FreeSpaceRequest r;
        r.route = {{0, 0}, {30, 0.5}, {60, 0}};
        r.diameterM = 0.11;
        r.theme = rng() % 2 ? "warmte" : "laagspanning";
        if (round % 3 == 0) r.clearanceM = 0.25;
        auto fit = design::findFreeSpace(ds, clash::RuleSet::dutchDefault(),
                                         model::GroundLevel(kGround), r);
        ASSERT_TRUE(fit) << fit.error().toString();
        EXPECT_EQ(clashesOf(ds, *fit, r), 0u) << "round " << round;
        // What is not fitted is reported as blocked: the two together cover the route.
        double blocked = 0;
        for (const auto& b : fit->blocked) blocked += b.toM - b.fromM;
        EXPECT_GE(fit->fittedLengthM + blocked, fit->routeLengthM * 0.9) << "round " << round;
        fitted += fit->fittedLengthM;
        asked += fit->routeLengthM;
    }
    // Not clash-free by finding nothing: most of the routes fit.
    EXPECT_GT(fitted, 0.5 * asked) << fitted << " of " << asked << " m";
}

TEST(FreeSpace, PrefersTheNetworksOwnZoneOfTheStreetProfile) {
    // An empty 12 m street along x (facades at y = +6 and -6): low voltage belongs 0.6-1.2 m from
    // either facade (the shipped profile), so y in [4.8, 5.4] or [-5.4, -4.8].
    model::StreetSegment street;
    street.id = "S";
    street.line = {{-10, 0}, {110, 0}};
    street.widthM = 12;
    const auto& profile = design::StreetProfile::shipped();
    for (bool reversed : {false, true}) {
        design::FreeSpaceRequest r;
        r.route = reversed ? std::vector<core::Vec2>{{100, 3}, {0, 3}}
                           : std::vector<core::Vec2>{{0, 3}, {100, 3}};
        r.theme = "laagspanning";
        r.diameterM = 0.16;
        std::string which;
        r.preferredOffsets =
            design::preferredZoneOffsets(profile, r.theme, {street}, r.route, &which);
        EXPECT_EQ(which, "S");
        ASSERT_EQ(r.preferredOffsets.size(), 2u);
        model::Dataset ds;
        curtain(ds, -30, "FAR");  // something in the project, far away
        auto fit = design::findFreeSpace(ds, clash::RuleSet::dutchDefault(),
                                         model::GroundLevel(kGround), r);
        ASSERT_TRUE(fit) << fit.error().toString();
        ASSERT_EQ(fit->runs.size(), 1u);
        for (const auto& p : fit->runs[0]) {
            EXPECT_GE(p.axis.y, 4.8 - 1e-6) << "reversed " << reversed;
            EXPECT_LE(p.axis.y, 5.4 + 1e-6) << "reversed " << reversed;
        }
        // Without the street, the drawn line itself.
        r.preferredOffsets.clear();
        fit = design::findFreeSpace(ds, clash::RuleSet::dutchDefault(), model::GroundLevel(kGround),
                                    r);
        ASSERT_TRUE(fit);
        EXPECT_NEAR(fit->runs[0][5].axis.y, 3.0, 1e-6);
    }
    // A route across the street, or a theme without a zone: no preference.
    EXPECT_TRUE(design::preferredZoneOffsets(profile, "laagspanning", {street}, {{50, -6}, {50, 6}})
                    .empty());
    EXPECT_TRUE(design::preferredZoneOffsets(profile, "wko", {street}, {{0, 3}, {100, 3}}).empty());
}

TEST(FreeSpace, SaysWhereARouteLeavesTheStreets) {
    model::StreetSegment street;
    street.id = "S";
    street.line = {{0, 0}, {100, 0}};
    street.widthM = 12;
    // Along the street, then 20 m north into the block (out of the street beyond y = 6).
    const std::vector<core::Vec2> route{{10, 0}, {50, 0}, {50, 20}};
    const auto outside = design::outsideStreets({street}, route);
    ASSERT_EQ(outside.size(), 1u);
    EXPECT_NEAR(outside[0].first, 40 + 7, 1.0 + 1e-9);  // the first metre beyond y = 6
    EXPECT_NEAR(outside[0].second, 60, 1e-9);
    EXPECT_TRUE(design::outsideStreets({street}, {{10, 1}, {90, -1}}).empty());
    EXPECT_TRUE(design::outsideStreets({}, route).empty());
}
