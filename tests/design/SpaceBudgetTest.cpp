// The space budget: an empty street is all free; on random streets of cables along the street the
// free width per zone equals an independent count over the cables themselves; proposals and
// reservations count as taken; refusals say why.
#include <bodemzicht/design/SpaceBudget.h>

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace bz;

namespace {

constexpr double kBudgetGround = 5.0, kBudgetWidth = 12.0;

struct Cable {
    double y, z, r;
};

model::StreetLayer oneStreet() {
    model::StreetSegment s;
    s.id = "S1";
    s.name = "Teststraat";
    s.line = {{0, 0}, {100, 0}};
    s.widthM = kBudgetWidth;
    return {s};
}

void addCable(model::Dataset& ds, const std::string& id, const Cable& c,
              model::ObjectStatus status = model::ObjectStatus::Existing) {
    model::Dataset::Meta m;
    m.id = id;
    m.theme = "datatransport";
    m.type = model::ObjectType::Cable;
    m.status = status;
    ds.addLinear(m, {{-20, c.y, c.z}, {120, c.y, c.z}},
                 std::vector<model::VertexDepth>(2, {model::DepthProvenance::Measured, 0.0f}),
                 static_cast<float>(2 * c.r));
}

// The reference: a column of the zone is free when some centre level between the zone's cover and
// the deepest level keeps the clearance to every cable's box (as the section draws it).
double referenceFreeWidth(const std::vector<Cable>& cables, double from, double to, double cover,
                          const design::BudgetOptions& o) {
    const double r = o.diameterM / 2, step = o.gridStepM;
    double width = 0;
    for (double col = step / 2; col < kBudgetWidth; col += step) {
        if (col < from || col >= to) continue;
        const double y = kBudgetWidth / 2 - col;  // offsets run from the left facade (y = +6)
        bool any = false;
        for (double z = kBudgetGround - o.maxDepthM - 1 + step / 2; z < kBudgetGround && !any;
             z += step) {
            if (z + r > kBudgetGround - cover || z - r < kBudgetGround - o.maxDepthM) continue;
            bool ok = true;
            for (const auto& c : cables) {
                const double dx = std::max({c.y - c.r - y, 0.0, y - (c.y + c.r)});
                const double dz = std::max({c.z - c.r - z, 0.0, z - (c.z + c.r)});
                if (std::hypot(dx, dz) < o.clearanceM + r) ok = false;
            }
            any = ok;
        }
        if (any) width += step;
    }
    return width;
}

}  // namespace

TEST(SpaceBudget, AnEmptyStreetIsFreeInEveryZone) {
    model::Dataset ds;
    auto budget = design::spaceBudget(ds, model::GroundLevel(kBudgetGround),
                                      design::StreetProfile::shipped(), oneStreet());
    ASSERT_TRUE(budget) << budget.error().toString();
    ASSERT_EQ(budget->segments.size(), 1u);
    const auto& s = budget->segments[0];
    EXPECT_EQ(s.street, "Teststraat");
    EXPECT_GT(s.sections, 5);
    EXPECT_FALSE(s.widthAssumed);
    ASSERT_FALSE(s.zones.empty());
    double width = 0;
    for (const auto& z : s.zones) {
        EXPECT_NEAR(z.freeShare(), 1.0, 1e-9) << z.zone;
        EXPECT_NEAR(z.freeWidthM, z.widthM, 0.1 + 1e-9) << z.zone;
        EXPECT_EQ(z.designWidthM, 0.0);
        width += z.widthM;
    }
    EXPECT_NEAR(width, kBudgetWidth, 1e-9);  // the zones cover the street once
    EXPECT_NEAR(s.freeShare(), 1.0, 1e-9);
}

TEST(SpaceBudget, FreeWidthPerZoneEqualsAnIndependentCountOnRandomStreets) {
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> y(-5.9, 5.9), depth(0.4, 2.8), radius(0.02, 0.3);
    const auto& profile = design::StreetProfile::shipped();
    design::BudgetOptions o;
    int partlyTaken = 0;  // zones neither empty nor full: the comparison is not vacuous
    for (int trial = 0; trial < 12; ++trial) {
        model::Dataset ds;
        std::vector<Cable> cables;
        const int n = 3 + trial * 2;
        for (int k = 0; k < n; ++k) {
            const Cable c{y(rng), kBudgetGround - depth(rng), radius(rng)};
            cables.push_back(c);
            addCable(ds, "K" + std::to_string(k), c);
        }
        auto budget =
            design::spaceBudget(ds, model::GroundLevel(kBudgetGround), profile, oneStreet(), o);
        ASSERT_TRUE(budget) << budget.error().toString();
        const auto& s = budget->segments.at(0);
        for (const auto& z : s.zones) {
            double expected = 0;
            for (const auto& pz : design::layZones(profile, kBudgetWidth)) {
                const auto& zone = profile.zones[pz.zone];
                if (zone.name != z.zone) continue;
                expected += referenceFreeWidth(
                    cables, pz.fromM, pz.toM,
                    std::isnan(zone.minCoverM) ? o.defaultMinCoverM : zone.minCoverM, o);
            }
            // Column centres on the zone's edges may fall either way: one grid step per edge.
            EXPECT_NEAR(z.freeWidthM, expected, 2 * o.gridStepM + 1e-6)
                << "trial " << trial << " zone " << z.zone;
            EXPECT_LE(z.freeAreaM2, z.emptyAreaM2 + 1e-9);
            partlyTaken += z.freeWidthM > 0.2 && z.freeWidthM < z.widthM - 0.2;
        }
    }
    EXPECT_GT(partlyTaken, 5);
}

TEST(SpaceBudget, ProposalsAndReservationsTakeTheirWidth) {
    model::Dataset ds;
    // A reserved heat main 0.4 m thick in the middle of the carriageway, a proposed cable in the
    // low-voltage zone (0.6-1.2 m from the left facade, y = 5.1).
    addCable(ds, "RES", {0, kBudgetGround - 1.5, 0.2}, model::ObjectStatus::Reserved);
    addCable(ds, "NEW", {5.1, kBudgetGround - 0.8, 0.05}, model::ObjectStatus::Proposed);
    auto budget = design::spaceBudget(ds, model::GroundLevel(kBudgetGround),
                                      design::StreetProfile::shipped(), oneStreet());
    ASSERT_TRUE(budget);
    double design = 0, carriageway = 0, lowVoltage = 0;
    for (const auto& z : budget->segments[0].zones) {
        design += z.designWidthM;
        if (z.zone.rfind("rijbaan", 0) == 0) carriageway = z.designWidthM;
        if (z.zone == "laagspanning") lowVoltage = z.designWidthM;
    }
    EXPECT_NEAR(carriageway, 0.4, 1e-6);
    EXPECT_NEAR(lowVoltage, 0.1, 1e-6);
    EXPECT_NEAR(design, 0.5, 1e-6);
    EXPECT_LT(budget->segments[0].freeShare(), 1.0);
}

TEST(SpaceBudget, SaysWhyItCannotMeasure) {
    model::Dataset ds;
    auto noGround = design::spaceBudget(ds, model::GroundLevel(), design::StreetProfile::shipped(),
                                        oneStreet());
    ASSERT_FALSE(noGround);
    EXPECT_NE(noGround.error().message.find("ground level"), std::string::npos);
    auto noStreets = design::spaceBudget(ds, model::GroundLevel(kBudgetGround),
                                         design::StreetProfile::shipped(), {});
    ASSERT_FALSE(noStreets);
    EXPECT_NE(noStreets.error().message.find("--as streets"), std::string::npos);
    model::StreetLayer dot{{"P", "", {{1, 1}, {1, 1}}, NAN, ""}};
    auto point = design::spaceBudget(ds, model::GroundLevel(kBudgetGround),
                                     design::StreetProfile::shipped(), dot);
    ASSERT_TRUE(point);
    EXPECT_TRUE(point->segments.empty());
    ASSERT_EQ(point->skipped.size(), 1u);
    // Colours run from red to green.
    EXPECT_GT(design::budgetColour(0).r, 200);
    EXPECT_LT(design::budgetColour(0).g, 60);
    EXPECT_GT(design::budgetColour(1).g, 180);
    EXPECT_LT(design::budgetColour(1).r, 60);
}
