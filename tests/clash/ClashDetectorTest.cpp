// The clash pipeline on small scenes with known answers, against a brute-force reference on
// random input, and on the sample district.
#include <bodemzicht/clash/ClashDetector.h>
#include <bodemzicht/clash/ReportStore.h>
#include <bodemzicht/clash/ReportWriter.h>
#include <bodemzicht/clash/ReviewStore.h>
#include <bodemzicht/geom/Distance.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/model/DatasetCopy.h>
#include <bodemzicht/sample/SampleDistrict.h>

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <random>

#include "../TestSupport.h"

using namespace bz;
using clash::ClashKind;
using model::DepthProvenance;
using model::ObjectStatus;
using model::ObjectType;

namespace {

constexpr double X0 = 250000, Y0 = 470000;

struct Scene {
    model::Dataset ds;

    static model::Dataset::Meta meta(const std::string& id, const std::string& theme,
                                     ObjectType type, ObjectStatus st) {
        model::Dataset::Meta m;
        m.id = id;
        m.theme = theme;
        m.status = st;
        m.type = type;
        m.owner = theme + "-owner";
        return m;
    }

    std::uint32_t line(const std::string& id, const std::string& theme, ObjectStatus st,
                       std::vector<core::Vec3> pts, float diameter,
                       DepthProvenance prov = DepthProvenance::Measured, float unc = 0.05f,
                       ObjectType type = ObjectType::Cable) {
        const auto m = meta(id, theme, type, st);
        for (auto& p : pts) p = p + core::Vec3{X0, Y0, 0};
        std::vector<model::VertexDepth> d(pts.size(), {prov, unc});
        return ds.addLinear(m, pts, d, diameter);
    }
    std::uint32_t box(const std::string& id, const std::string& theme, ObjectType type,
                      ObjectStatus st, std::vector<core::Vec2> ring, double bottom, double top) {
        const auto m = meta(id, theme, type, st);
        for (auto& p : ring) p = p + core::Vec2{X0, Y0};
        return ds.addPrism(m, {ring}, bottom, top, model::kUnknown,
                           {DepthProvenance::Measured, 0.05f});
    }
    std::uint32_t body(const std::string& id, const std::string& theme, ObjectType type,
                       ObjectStatus st, core::Vec2 c, float radius, double bottom, double top) {
        const auto m = meta(id, theme, type, st);
        model::VerticalBody b;
        b.center = c + core::Vec2{X0, Y0};
        b.radiusM = radius;
        b.bottomZ = bottom;
        b.topZ = top;
        b.depth = {DepthProvenance::Measured, 0.05f};
        return ds.addBody(m, b);
    }

    clash::ClashReport run(clash::ClashOptions o = {},
                           const clash::RuleSet& rules = clash::RuleSet::dutchDefault(),
                           const model::GroundLevel& ground = model::GroundLevel(5.0)) const {
        clash::ClashModel model(ds, rules, ground);
        clash::ClashDetector d(model, rules, o);
        return d.findClashes();
    }
};

const clash::Clash* find(const clash::ClashReport& r, const std::string& a, const std::string& b) {
    for (const auto& c : r.clashes)
        if (c.aId == a && c.bId == b) return &c;
    return nullptr;
}

}  // namespace

TEST(ClashDetector, CrossingPipesOverlapAsAHardClashWithThePenetrationDepth) {
    Scene s;
    s.line("gas", "gasLageDruk", ObjectStatus::Existing, {{0, -5, 4.0}, {0, 5, 4.0}}, 0.11f,
           DepthProvenance::Measured, 0.05f, ObjectType::Pipe);
    s.line("heat", "warmte", ObjectStatus::Proposed, {{-5, 0, 4.1}, {5, 0, 4.1}}, 0.25f,
           DepthProvenance::Measured, 0.05f, ObjectType::HeatPipe);
    auto r = s.run();
    ASSERT_EQ(r.clashes.size(), 1u);
    const auto& c = r.clashes[0];
    EXPECT_EQ(c.kind, ClashKind::Hard);
    EXPECT_EQ(c.aId, "gas");
    EXPECT_EQ(c.bId, "heat");
    EXPECT_NEAR(c.distanceM, 0.1 - 0.055 - 0.125, 1e-9);
    EXPECT_EQ(c.relation, "crossing");
    EXPECT_NEAR(c.location().x, X0, 1e-6);
    EXPECT_NEAR(c.location().y, Y0, 1e-6);
    EXPECT_EQ(c.aOwner, "gasLageDruk-owner");
    EXPECT_EQ(c.rule, "clearance:netten/netten.crossing_m");
    // Overlap along the heat pipe: where its axis is within the sum of radii of the gas axis.
    double reach = 0.055 + 0.125;
    EXPECT_NEAR(c.violatedLengthM, 2 * std::sqrt(reach * reach - 0.1 * 0.1), 1e-6);
}

TEST(ClashDetector, ParallelAndCrossingUseTheirOwnClearance) {
    Scene s;
    // Heat main parallel to a water main 0.8 m apart (surface): needs 1.0 parallel -> clearance.
    s.line("water", "water", ObjectStatus::Existing, {{0, 0, 4.0}, {20, 0, 4.0}}, 0.1f,
           DepthProvenance::Measured, 0.05f, ObjectType::Pipe);
    s.line("heat", "warmte", ObjectStatus::Proposed, {{0, 0.975, 4.0}, {20, 0.975, 4.0}}, 0.25f);
    // A crossing water pipe 0.6 m above the heat pipe: needs 0.5 crossing -> fine.
    s.line("water2", "water", ObjectStatus::Existing, {{30, -5, 4.0}, {30, 5, 4.0}}, 0.1f);
    s.line("heat2", "warmte", ObjectStatus::Proposed, {{25, 0, 4.0 - 0.775}, {35, 0, 4.0 - 0.775}},
           0.25f);
    auto r = s.run();
    auto* c = find(r, "water", "heat");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->kind, ClashKind::Clearance);
    EXPECT_NEAR(c->distanceM, 0.8, 1e-9);
    EXPECT_EQ(c->requiredM, 1.0);
    EXPECT_EQ(c->relation, "parallel");
    EXPECT_NEAR(c->violatedLengthM, 20.0, 1e-6);
    EXPECT_EQ(find(r, "water2", "heat2"), nullptr);
    // With --clearance 0.7 every pair needs exactly 0.7: now the crossing (0.6) clashes and the
    // parallel pair (0.8) does not.
    clash::ClashOptions o;
    o.uniformClearanceM = 0.7;
    auto u = s.run(o);
    EXPECT_EQ(find(u, "water", "heat"), nullptr);
    ASSERT_NE(find(u, "water2", "heat2"), nullptr);
    EXPECT_EQ(find(u, "water2", "heat2")->requiredM, 0.7);
    EXPECT_EQ(find(u, "water2", "heat2")->rule, "--clearance");
}

TEST(ClashDetector, AssumedDepthGivesAPossibleClashWithinItsBand) {
    Scene s;
    // A data cable at assumed depth 0.4 m above a proposed heat pipe (surface gap 0.4 - 0.02 -
    // 0.125 = 0.255 > 0.25 needed at crossings); 0.3 m uncertainty could bring it to -0.045.
    s.line("data", "datatransport", ObjectStatus::Existing, {{0, -5, 4.4}, {0, 5, 4.4}}, 0.04f,
           DepthProvenance::Assumed, 0.3f);
    s.line("heat", "warmte", ObjectStatus::Proposed, {{-5, 0, 4.0}, {5, 0, 4.0}}, 0.25f);
    auto r = s.run();
    ASSERT_EQ(r.clashes.size(), 1u);
    const auto& c = r.clashes[0];
    EXPECT_EQ(c.kind, ClashKind::Possible);
    EXPECT_NEAR(c.distanceM, 0.4 - 0.02 - 0.125, 1e-9);
    EXPECT_EQ(c.requiredM, 0.25);
    EXPECT_NEAR(c.worstShiftM, -0.3, 1e-6);
    EXPECT_EQ(c.assumed, "a:depth");
    // Measured, the same geometry is fine.
    Scene m;
    m.line("data", "datatransport", ObjectStatus::Existing, {{0, -5, 4.4}, {0, 5, 4.4}}, 0.04f);
    m.line("heat", "warmte", ObjectStatus::Proposed, {{-5, 0, 4.0}, {5, 0, 4.0}}, 0.25f);
    EXPECT_TRUE(m.run().clashes.empty());
}

TEST(ClashDetector, MissingDiameterAndDepthUseRuleDefaultsAndSaySo) {
    Scene s;
    model::Dataset::Meta meta;
    meta.id = "ls-2d";
    meta.theme = "laagspanning";
    meta.type = ObjectType::Cable;
    s.ds.addLinear(meta, {{X0, Y0 - 5, NAN}, {X0, Y0 + 5, NAN}}, {{}, {}}, model::kUnknown);
    // Default LS: cover 0.6 m, diameter 0.05 m: axis at 5.0 - 0.6 - 0.025 = 4.375 m NAP.
    s.line("heat", "warmte", ObjectStatus::Proposed, {{-5, 0, 4.375}, {5, 0, 4.375}}, 0.25f);
    auto r = s.run();
    ASSERT_EQ(r.clashes.size(), 1u);
    EXPECT_EQ(r.clashes[0].kind, ClashKind::Hard);
    EXPECT_NEAR(r.clashes[0].distanceM, -0.15, 1e-9);
    EXPECT_EQ(r.clashes[0].assumed, "a:depth a:diameter");
    // Without any ground level the feature cannot be placed: reported, not silently dropped.
    auto n = s.run({}, clash::RuleSet::dutchDefault(), model::GroundLevel());
    EXPECT_TRUE(n.clashes.empty());
    ASSERT_FALSE(n.notes.empty());
    EXPECT_NE(n.notes.back().find("first: 'ls-2d'"), std::string::npos) << n.notes.back();
}

TEST(ClashDetector, TreesZonesAndContaminationAreConstraintsOrTreeClearances) {
    Scene s;
    s.body("tree", "boom", ObjectType::Tree, ObjectStatus::Existing, {0, 0}, 0.2f, 4.0, 5.0);
    s.line("cable", "laagspanning", ObjectStatus::Proposed, {{-5, 1.5, 4.4}, {5, 1.5, 4.4}}, 0.05f);
    auto lead = s.box("lead", "verontreiniging", ObjectType::ContaminationZone,
                      ObjectStatus::Existing, {{20, -5}, {30, -5}, {30, 5}, {20, 5}}, 3.5, 4.8);
    s.ds.attach(lead, model::ContaminationDetail{"lood", 800, "mg/kg ds", "grond"});
    auto zinc = s.box("zinc", "verontreiniging", ObjectType::ContaminationZone,
                      ObjectStatus::Existing, {{20, 10}, {30, 10}, {30, 20}, {20, 20}}, 3.5, 4.8);
    s.ds.attach(zinc, model::ContaminationDetail{"zink", 300, "mg/kg ds", "grond"});  // below 720
    s.box("ev", "evGebied", ObjectType::ProtectedZone, ObjectStatus::Existing,
          {{40, -5}, {50, -5}, {50, 5}, {40, 5}}, 2, 5);
    s.line("route", "warmte", ObjectStatus::Proposed,
           {{15, 0, 4.0}, {45, 0, 4.0}, {45, 15, 4.0}, {25, 15, 4.0}}, 0.25f);
    auto r = s.run();
    auto* t = find(r, "tree", "cable");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->kind, ClashKind::Clearance);
    EXPECT_NEAR(t->requiredM, 2.5 - 0.2, 1e-6);
    EXPECT_NEAR(t->distanceM, 1.5 - 0.2 - 0.025, 1e-6);
    EXPECT_EQ(t->rule, "trees.distance_from_stem_m");
    auto* l = find(r, "lead", "route");
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(l->kind, ClashKind::Constraint);
    EXPECT_EQ(l->rule, "intervention.grond.lood");
    EXPECT_NEAR(l->violatedLengthM, 10.0 + 0.25,
                1e-6);  // through the zone, plus the pipe's radius at both walls
    EXPECT_EQ(find(r, "zinc", "route"), nullptr);  // below the intervention value
    auto* e = find(r, "ev", "route");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->kind, ClashKind::Constraint);
    EXPECT_EQ(e->rule, "zones.protected_themes");
}

TEST(ClashDetector, InfiltrationBottomMustStayAboveGhg) {
    Scene s;
    s.box("crate", "infiltratie", ObjectType::InfiltrationCrate, ObjectStatus::Proposed,
          {{0, 0}, {6, 0}, {6, 2}, {0, 2}}, 3.9, 4.5);
    s.box("crate-ok", "infiltratie", ObjectType::InfiltrationCrate, ObjectStatus::Proposed,
          {{0, 10}, {6, 10}, {6, 12}, {0, 12}}, 4.4, 4.9);
    model::GroundLevel ghg(4.0);
    clash::ClashOptions o;
    o.ghg = &ghg;
    auto r = s.run(o);
    auto* c = find(r, "GHG", "crate");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->kind, ClashKind::Constraint);
    EXPECT_NEAR(c->distanceM, -0.1, 1e-9);
    EXPECT_EQ(c->requiredM, 0.3);
    EXPECT_EQ(find(r, "GHG", "crate-ok"), nullptr);
    // Without a GHG raster the rule is not silently skipped: a note says so.
    auto n = s.run();
    ASSERT_FALSE(n.notes.empty());
    EXPECT_EQ(n.notes[0],
              "infiltration rule not checked: the project has no GHG raster (field 'ghg')");
}

TEST(ClashDetector, WkoWellsNeedThreeThermalRadiiBetweenWarmAndCold) {
    Scene s;
    auto addWell = [&](const char* id, ObjectStatus st, core::Vec2 c, const char* temp) {
        auto fi = s.body(id, "wko", ObjectType::Well, st, c, 0.2f, -90, 5);
        s.ds.attach(fi, model::WellDetail{-20, -80, 60000, temp, id});
    };
    addWell("existing-warm", ObjectStatus::Existing, {0, 0}, "warm");
    addWell("new-cold", ObjectStatus::Proposed, {50, 0}, "koud");
    addWell("new-warm", ObjectStatus::Proposed, {0, 50}, "warm");
    auto r = s.run();
    double rth = clash::RuleSet::dutchDefault().thermalRadius(60000, 60);
    ASSERT_NEAR(rth, std::sqrt(4.18e6 * 60000 / (2.8e6 * M_PI * 60)), 1e-9);  // 21.8 m
    auto* c = find(r, "existing-warm", "new-cold");
    ASSERT_NE(c, nullptr);  // 50 m < 3 x 21.8
    EXPECT_EQ(c->kind, ClashKind::Clearance);
    EXPECT_NEAR(c->requiredM, 3 * rth - 0.4, 1e-5);
    EXPECT_NEAR(c->distanceM, 50 - 0.4, 1e-6);
    EXPECT_EQ(find(r, "existing-warm", "new-warm"), nullptr);  // 50 m >= 2 x 21.8
}

TEST(ClashDetector, ClashIdsAreStableAndIndependentOfFeatureOrder) {
    Scene a, b;
    a.line("x", "water", ObjectStatus::Existing, {{0, -5, 4}, {0, 5, 4}}, 0.1f);
    a.line("p", "warmte", ObjectStatus::Proposed, {{-5, 0, 4}, {5, 0, 4}}, 0.25f);
    b.line("p", "warmte", ObjectStatus::Proposed, {{-5, 0, 4}, {5, 0, 4}}, 0.25f);
    b.line("x", "water", ObjectStatus::Existing, {{0, -5, 4}, {0, 5, 4}}, 0.1f);
    auto ra = a.run(), rb = b.run();
    ASSERT_EQ(ra.clashes.size(), 1u);
    ASSERT_EQ(rb.clashes.size(), 1u);
    EXPECT_EQ(ra.clashes[0].id, rb.clashes[0].id);
    EXPECT_EQ(ra.clashes[0].id, clash::stableClashId("x", "p"));
    EXPECT_NE(clash::stableClashId("x", "p"), clash::stableClashId("p", "x"));
}

TEST(ClashDetector, SelfCheckFindsDuplicatesAndOverlapsButNotJunctions) {
    Scene s;
    s.line("main", "gasLageDruk", ObjectStatus::Existing, {{0, 0, 4}, {20, 0, 4}}, 0.11f);
    s.line("main-copy", "gasLageDruk", ObjectStatus::Existing, {{0, 0.05, 4}, {20, 0.05, 4.02}},
           0.11f);
    s.line("connection", "gasLageDruk", ObjectStatus::Existing, {{10, 0, 4}, {10, 5, 4.1}}, 0.03f);
    s.line("cable", "laagspanning", ObjectStatus::Existing, {{15, -2, 4}, {15, 2, 4}}, 0.05f);
    clash::ClashOptions o;
    o.selfCheck = true;
    auto r = s.run(o);
    auto* d = find(r, "main", "main-copy");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->kind, ClashKind::Duplicate);
    EXPECT_EQ(find(r, "main", "connection"), nullptr);  // a service connection meeting its main
    auto* h = find(r, "main", "cable");
    ASSERT_NE(h, nullptr);
    EXPECT_EQ(h->kind, ClashKind::Hard);
}

TEST(ClashDetector, MatchesABruteForceAllPairsReferenceOnRandomScenes) {
    std::mt19937_64 rng(99);
    std::uniform_real_distribution<double> u(0, 60), z(2, 4.5), dia(0.03, 0.3);
    for (int scene = 0; scene < 5; ++scene) {
        Scene s;
        for (int i = 0; i < 120; ++i) {
            core::Vec3 a{u(rng), u(rng), z(rng)},
                b = a + core::Vec3{u(rng) / 6 - 5, u(rng) / 6 - 5, (z(rng) - 3) / 4};
            s.line("e" + std::to_string(i), "water", ObjectStatus::Existing, {a, b},
                   static_cast<float>(dia(rng)));
        }
        for (int i = 0; i < 30; ++i) {
            core::Vec3 a{u(rng), u(rng), z(rng)},
                b = a + core::Vec3{u(rng) / 4 - 7, u(rng) / 4 - 7, 0}, c = b + core::Vec3{3, 1, 0};
            s.line("p" + std::to_string(i), "datatransport", ObjectStatus::Proposed, {a, b, c},
                   static_cast<float>(dia(rng)));
        }
        const double M = 0.4;
        clash::ClashOptions o;
        o.uniformClearanceM = M;
        auto r = s.run(o);
        // Reference: every proposed/existing pair, every segment pair, exact capsule distance.
        std::map<std::pair<std::string, std::string>, double> expected;
        for (const auto& fb : s.ds.features) {
            if (fb.status != ObjectStatus::Proposed) continue;
            for (const auto& fa : s.ds.features) {
                if (fa.status == ObjectStatus::Proposed) continue;
                double best = INFINITY;
                const auto& la = s.ds.linears[fa.geometry];
                const auto& lb = s.ds.linears[fb.geometry];
                for (std::uint32_t i = 0; i + 1 < la.vertexCount; ++i)
                    for (std::uint32_t j = 0; j + 1 < lb.vertexCount; ++j) {
                        geom::Capsule ca{s.ds.vertices[la.firstVertex + i],
                                         s.ds.vertices[la.firstVertex + i + 1],
                                         la.outerDiameterM / 2.0};
                        geom::Capsule cb{s.ds.vertices[lb.firstVertex + j],
                                         s.ds.vertices[lb.firstVertex + j + 1],
                                         lb.outerDiameterM / 2.0};
                        best = std::min(best, geom::distance(ca, cb).distance);
                    }
                if (best < M) expected[{fa.id, fb.id}] = best;
            }
        }
        ASSERT_GT(expected.size(), 5u);
        EXPECT_EQ(r.clashes.size(), expected.size()) << "scene " << scene;
        for (const auto& c : r.clashes) {
            auto it = expected.find({c.aId, c.bId});
            ASSERT_NE(it, expected.end()) << c.aId << "/" << c.bId;
            if (c.kind == ClashKind::Hard || c.kind == ClashKind::Clearance) {
                EXPECT_NEAR(c.distanceM, it->second, 1e-9);
            }
        }
    }
}

TEST(ClashDetector, FullRunAndSingleFeatureRechecksAgreeOnTheSampleDistrict) {
    sample::SampleOptions o;
    auto ds = sample::generateDistrict(o);
    model::GroundLevel ground;
    clash::ClashModel model(ds, clash::RuleSet::dutchDefault(), ground);
    clash::ClashDetector detector(model, clash::RuleSet::dutchDefault(), {});
    auto full = detector.findClashes();
    std::map<std::string, const clash::Clash*> byId;
    for (const auto& c : full.clashes) byId[c.id] = &c;
    std::size_t rechecked = 0;
    for (std::uint32_t f = 0; f < ds.features.size(); ++f) {
        if (ds.features[f].status != ObjectStatus::Proposed) continue;
        for (const auto& c : detector.checkFeature(f)) {
            auto it = byId.find(c.id);
            ASSERT_NE(it, byId.end()) << c.aId << "/" << c.bId;
            EXPECT_EQ(it->second->kind, c.kind);
            EXPECT_NEAR(it->second->distanceM, c.distanceM, 1e-9);
            ++rechecked;
        }
    }
    std::size_t levelRules = 0;
    for (const auto& c : full.clashes) levelRules += c.aId == "GHG" || c.aType == "well";
    EXPECT_EQ(rechecked + levelRules, full.clashes.size());
    // A plausible report: hard clashes at crossings, tree-pit conflicts, possible clashes on
    // assumed depths, a contamination constraint.
    auto counts = full.countByKind();
    EXPECT_GT(counts["hard"], 10u);
    EXPECT_GT(counts["possible"], 0u);
    EXPECT_GT(counts["constraint"], 0u);
    bool treePit = false, lead = false;
    for (const auto& c : full.clashes) {
        treePit |= c.bType == "tree_pit" && c.kind == ClashKind::Hard;
        lead |= c.aId == "VO-LOOD-1";
    }
    EXPECT_TRUE(treePit);
    EXPECT_TRUE(lead);
    // Moving a proposed feature 30 m away clears its clashes.
    std::uint32_t heat = 0;
    for (std::uint32_t f = 0; f < ds.features.size(); ++f)
        if (ds.features[f].id == "WN-AAN-0_1") heat = f;
    EXPECT_FALSE(detector.checkFeature(heat).empty());
    EXPECT_TRUE(detector.checkFeature(heat, {0, 0, 30}).empty());
}

TEST(ClashReports, CsvAndGeoJsonCarryTheColumns) {
    test::ScratchDir dir("reports");
    Scene s;
    s.line("x", "water", ObjectStatus::Existing, {{0, -5, 4}, {0, 5, 4}}, 0.1f);
    s.line("p", "warmte", ObjectStatus::Proposed, {{-5, 0, 4}, {5, 0, 4}}, 0.25f);
    auto r = s.run();
    ASSERT_TRUE(clash::writeCsv(r, dir.file("c.csv")));
    ASSERT_TRUE(clash::writeGeoJson(r, dir.file("c.geojson")));
    auto csv = test::readFile(dir.file("c.csv"));
    auto header = csv.substr(0, csv.find('\n'));
    for (const char* col :
         {"a_id", "b_id", "kind", "distance_m", "required_m", "x", "y", "z", "a_owner", "b_owner",
          "violated_length_m", "rule", "clash_id", "group_id", "status"})
        EXPECT_NE(("," + header + ",").find(std::string(",") + col + ","), std::string::npos)
            << col;
    EXPECT_NE(csv.find(",hard,new,x,p,water,warmte,"), std::string::npos) << csv;
    auto gj = test::readFile(dir.file("c.geojson"));
    EXPECT_NE(gj.find("urn:ogc:def:crs:EPSG::28992"), std::string::npos);
    EXPECT_NE(gj.find("\"a_id\": \"x\""), std::string::npos) << gj;
}

// A proposed heat pipe crossing two water mains (two clashes), stored as a project.
Scene twoCrossings(const std::string& project) {
    Scene s;
    s.line("x", "water", ObjectStatus::Existing, {{0, -5, 4}, {0, 5, 4}}, 0.1f);
    s.line("p", "warmte", ObjectStatus::Proposed, {{-5, 0, 4}, {5, 0, 4}}, 0.25f);
    s.line("y", "water", ObjectStatus::Existing, {{3, -5, 4}, {3, 5, 4}}, 0.1f);
    EXPECT_TRUE(io::writeProject(s.ds, project));
    return s;
}

TEST(ClashReview, StatusesPersistInTheProject) {
    test::ScratchDir dir("review");
    std::string project = dir.file("p.gpkg");
    Scene s = twoCrossings(project);
    auto r1 = s.run();
    ASSERT_EQ(r1.clashes.size(), 2u);
    ASSERT_TRUE(clash::applyAndStoreReviews(project, r1));
    for (const auto& c : r1.clashes) EXPECT_EQ(c.status, clash::ClashStatus::New);
    std::string approved = r1.clashes[0].id;
    ASSERT_TRUE(clash::setReviewStatus(project, approved, clash::ClashStatus::Approved,
                                       "accepted with sleeve"));
    auto r2 = s.run();
    auto resolved = clash::applyAndStoreReviews(project, r2);
    ASSERT_TRUE(resolved);
    EXPECT_EQ(*resolved, 0u);
    for (const auto& c : r2.clashes)
        EXPECT_EQ(c.status,
                  c.id == approved ? clash::ClashStatus::Approved : clash::ClashStatus::Active);
    // The proposal moves away from y: that clash is resolved, the approved one stays approved.
    auto& l = s.ds.linears[1];
    for (std::uint32_t i = 0; i < l.vertexCount; ++i) s.ds.vertices[l.firstVertex + i].x -= 2;
    auto r3 = s.run();
    auto resolved3 = clash::applyAndStoreReviews(project, r3);
    ASSERT_TRUE(resolved3);
    auto stored = clash::readReviews(project);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->at(approved).status, clash::ClashStatus::Approved);
    EXPECT_EQ(stored->at(approved).note, "accepted with sleeve");
    std::size_t nowResolved = 0;
    for (const auto& [id, rec] : *stored) nowResolved += rec.status == clash::ClashStatus::Resolved;
    EXPECT_EQ(nowResolved, *resolved3);
    EXPECT_EQ(*resolved3 + r3.clashes.size(), 2u);
    auto missing = clash::setReviewStatus(project, "Cdeadbeef", clash::ClashStatus::Approved, "");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().featureId, "Cdeadbeef");
}

TEST(ClashGroups, MatchBruteForceSingleLinkageOnRandomPoints) {
    std::mt19937_64 rng(5);
    for (double spread : {30.0, 200.0}) {
        std::uniform_real_distribution<double> u(0, spread);
        std::vector<clash::Clash> clashes(400);
        for (std::size_t i = 0; i < clashes.size(); ++i) {
            clashes[i].id = clash::stableClashId("a" + std::to_string(i), "b");
            clashes[i].pointA = clashes[i].pointB = {X0 + u(rng), Y0 + u(rng), 3};
        }
        clash::groupClashes(clashes, 10.0);
        // Reference: connected components of "within 10 m" over all pairs.
        std::vector<std::size_t> comp(clashes.size());
        for (std::size_t i = 0; i < comp.size(); ++i) comp[i] = i;
        bool changed = true;
        while (changed) {
            changed = false;
            for (std::size_t i = 0; i < clashes.size(); ++i)
                for (std::size_t j = 0; j < clashes.size(); ++j)
                    if (core::distance(clashes[i].location(), clashes[j].location()) <= 10.0 &&
                        comp[j] < comp[i]) {
                        comp[i] = comp[j];
                        changed = true;
                    }
        }
        for (std::size_t i = 0; i < clashes.size(); ++i)
            for (std::size_t j = i + 1; j < clashes.size(); ++j)
                EXPECT_EQ(comp[i] == comp[j], clashes[i].groupId == clashes[j].groupId)
                    << i << "," << j;
    }
}

TEST(ClashReportStore, TheLastRunIsKeptInTheProjectWithTodaysReviewStatuses) {
    test::ScratchDir dir("report_store");
    std::string project = dir.file("p.gpkg");
    Scene s = twoCrossings(project);
    auto none = clash::readStoredReport(project);
    ASSERT_TRUE(none) << none.error().toString();
    EXPECT_FALSE(none->has_value()) << "no run yet";

    auto r1 = s.run();
    ASSERT_EQ(r1.clashes.size(), 2u);
    ASSERT_TRUE(clash::applyAndStoreReviews(project, r1));
    ASSERT_TRUE(clash::storeReport(project, r1));
    auto stored = clash::readStoredReport(project);
    ASSERT_TRUE(stored && stored->has_value());
    const auto& back = (*stored)->clashes;
    ASSERT_EQ(back.size(), r1.clashes.size());
    for (std::size_t i = 0; i < back.size(); ++i) {
        const auto &a = r1.clashes[i], &b = back[i];
        EXPECT_EQ(b.id, a.id);
        EXPECT_EQ(b.kind, a.kind);
        EXPECT_EQ(b.aId, a.aId);
        EXPECT_EQ(b.bId, a.bId);
        EXPECT_EQ(b.aOwner, a.aOwner);
        EXPECT_NEAR(b.distanceM, a.distanceM, 1e-3);
        EXPECT_NEAR(b.requiredM, a.requiredM, 1e-3);
        EXPECT_NEAR(core::distance(b.pointA, a.pointA), 0, 1e-3);
        EXPECT_NEAR(core::distance(b.pointB, a.pointB), 0, 1e-3);
        EXPECT_EQ(b.status, clash::ClashStatus::New);
    }
    // A review after the run shows in the stored report; the project still reads as a project.
    ASSERT_TRUE(
        clash::setReviewStatus(project, r1.clashes[0].id, clash::ClashStatus::Approved, ""));
    stored = clash::readStoredReport(project);
    ASSERT_TRUE(stored && stored->has_value());
    EXPECT_EQ((*stored)->clashes[0].status, clash::ClashStatus::Approved);
    io::ImportReport load;
    auto reread = io::readProject(project, load);
    ASSERT_TRUE(reread);
    EXPECT_EQ(reread->features.size(), s.ds.features.size());
    // The next run replaces it.
    r1.clashes.pop_back();
    ASSERT_TRUE(clash::storeReport(project, r1));
    stored = clash::readStoredReport(project);
    ASSERT_TRUE(stored && stored->has_value());
    EXPECT_EQ((*stored)->clashes.size(), 1u);
    // A project that is not there: an error naming it.
    auto missing = clash::readStoredReport(dir.file("nope.gpkg"));
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().toString().find("nope.gpkg"), std::string::npos);
}

TEST(ClashReview, ARunThatDidNotCheckAPairResolvesNothing) {
    test::ScratchDir dir("review_unchecked");
    std::string project = dir.file("p.gpkg");
    Scene s = twoCrossings(project);
    auto r1 = s.run();
    ASSERT_EQ(r1.clashes.size(), 2u);
    ASSERT_TRUE(clash::applyAndStoreReviews(project, r1, clash::checkedInRun(s.ds, r1)));
    // The proposal has lost its heights (a source read without them): nothing can be checked,
    // so nothing is resolved, and the run says so.
    auto& l = s.ds.linears[1];
    for (std::uint32_t i = 0; i < l.vertexCount; ++i) {
        s.ds.vertices[l.firstVertex + i].z = NAN;
        s.ds.vertexDepths[l.firstVertex + i] = {model::DepthProvenance::Unknown, model::kUnknown};
    }
    auto r2 = s.run({}, clash::RuleSet::dutchDefault(), model::GroundLevel());  // and no ground
    EXPECT_TRUE(r2.clashes.empty());
    ASSERT_EQ(r2.uncheckedFeatures.size(), 1u);
    auto resolved = clash::applyAndStoreReviews(project, r2, clash::checkedInRun(s.ds, r2));
    ASSERT_TRUE(resolved);
    EXPECT_EQ(*resolved, 0u);
    auto stored = clash::readReviews(project);
    ASSERT_TRUE(stored);
    for (const auto& [id, rec] : *stored) EXPECT_EQ(rec.status, clash::ClashStatus::New) << id;
    bool said = false;
    for (const auto& n : r2.notes)
        said |= n.find("2 clashes of earlier runs were not checked again") != std::string::npos;
    EXPECT_TRUE(said);
    // An object that is not in the run at all (another area, a skipped feature): the same.
    model::Dataset without;
    model::appendDataset(s.ds, without, [](std::uint32_t i) { return i != 2; });  // drop y
    clash::ClashReport empty;
    auto kept = clash::applyAndStoreReviews(project, empty, clash::checkedInRun(without, empty));
    ASSERT_TRUE(kept);
    EXPECT_EQ(*kept, 1u);  // only the x/p clash: both were there and checked, and it did not occur
}

namespace {

// An existing water main along y at z = 4 and a proposed heat pipe along x, `separation` higher,
// both with the given depth bands; every pair needs 0.3 m.
struct Crossing {
    Scene s;
    clash::ClashOptions o;
    Crossing(double separation, float bandA, float bandB, double slope = 0) {
        s.line("x", "water", ObjectStatus::Existing, {{0, -5, 4}, {0, 5, 4}}, 0.1f,
               DepthProvenance::Derived, bandA, ObjectType::Pipe);
        s.line("p", "warmte", ObjectStatus::Proposed,
               {{-5, -2, 4 + separation - 5 * slope}, {5, 2, 4 + separation + 5 * slope}}, 0.2f,
               DepthProvenance::Derived, bandB, ObjectType::HeatPipe);
        o.uniformClearanceM = 0.3;
    }
    clash::ClashReport run() const { return s.run(o); }
};

double phi(double x) {
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

}  // namespace

TEST(ClashCertainty, BandsThatAlwaysNominallyOrSometimesOverlapGiveCertainLikelyPossible) {
    struct Case {
        double separation;
        std::optional<clash::Certainty> expected;  // nullopt: no clash
    };
    // Radii 0.05 + 0.1, clearance 0.3, bands 0.1 + 0.1: violated while |separation + shift| < 0.45.
    for (const Case& c : {Case{0.2, clash::Certainty::Certain}, Case{0.4, clash::Certainty::Likely},
                          Case{0.55, clash::Certainty::Possible}, Case{0.8, std::nullopt}}) {
        Crossing x(c.separation, 0.1f, 0.1f);
        auto r = x.run();
        if (!c.expected) {
            EXPECT_TRUE(r.clashes.empty()) << c.separation;
            continue;
        }
        ASSERT_EQ(r.clashes.size(), 1u) << c.separation;
        EXPECT_EQ(r.clashes[0].certainty, *c.expected) << c.separation;
        const double sigma = std::sqrt(0.1 * 0.1 + 0.1 * 0.1);
        double p = phi((0.45 - c.separation) / sigma) - phi((-0.45 - c.separation) / sigma);
        EXPECT_NEAR(r.clashes[0].probability, p, 1e-4) << c.separation;
    }
    // Exact heights on both sides: violated or not, probability 1 or 0.
    Crossing exact(0.4, 0.f, 0.f);
    auto r = exact.run();
    ASSERT_EQ(r.clashes.size(), 1u);
    EXPECT_EQ(r.clashes[0].certainty, clash::Certainty::Certain);
    EXPECT_EQ(r.clashes[0].probability, 1.0);
}

TEST(ClashCertainty, TheProbabilityMatchesBruteForceSamplingOfTheBands) {
    // A skewed, sloping crossing (no closed form), and bands of different widths.
    for (double separation : {0.35, 0.5, 0.6}) {
        Crossing x(separation, 0.15f, 0.05f, 0.03);
        auto r = x.run();
        ASSERT_EQ(r.clashes.size(), 1u) << separation;
        const double reported = r.clashes[0].probability;
        // Sample the relative vertical offset, move the proposal, check with exact heights.
        const double sigma = std::sqrt(0.15 * 0.15 + 0.05 * 0.05);
        std::mt19937 rng(7);
        std::normal_distribution<double> offset(0, sigma);
        const int n = 2000;
        int violated = 0;
        for (int i = 0; i < n; ++i) {
            Crossing shifted(separation, 0.f, 0.f, 0.03);
            double dz = offset(rng);
            const auto& l = shifted.s.ds.linears[1];
            for (std::uint32_t k = 0; k < l.vertexCount; ++k)
                shifted.s.ds.vertices[l.firstVertex + k].z += dz;
            violated += shifted.run().clashes.size() == 1;
        }
        double sampled = static_cast<double>(violated) / n;
        // Four standard errors of the sample (at most 0.011 for 2000 samples).
        EXPECT_NEAR(reported, sampled, 0.045) << separation;
        EXPECT_GT(reported, 0.01);
        EXPECT_LT(reported, 0.999);
    }
}

TEST(ClashDetector, EachRuleFamilyIsAPassAskedInTableOrder) {
    Scene s;
    s.line("a", "water", ObjectStatus::Existing, {{0, 0, 4}, {10, 0, 4}}, 0.1f);
    clash::ClashModel model(s.ds, clash::RuleSet::dutchDefault(), model::GroundLevel(5.0));
    auto names = [&](clash::ClashOptions o) {
        return clash::ClashDetector(model, clash::RuleSet::dutchDefault(), o).passNames();
    };
    EXPECT_EQ(names({}),
              (std::vector<std::string>{"constraint-zone", "hard-clearance", "possible-in-band",
                                        "infiltration-above-ghg", "wko-spacing", "excavation"}));
    clash::ClashOptions self;
    self.selfCheck = true;
    EXPECT_EQ(names(self), (std::vector<std::string>{"self-overlap"}));
    clash::ClashOptions uniform;
    uniform.uniformClearanceM = 0.5;
    EXPECT_EQ(names(uniform),
              (std::vector<std::string>{"constraint-zone", "hard-clearance", "possible-in-band"}));
}

TEST(ClashDetector, AZoneWithSeveralSubstancesIsAConstraintWhenAnyIsAboveItsValue) {
    Scene s;
    // Zinc below its intervention value (720 mg/kg ds), lead above (530): the lead decides.
    auto zone = s.box("v", "verontreiniging", ObjectType::ContaminationZone, ObjectStatus::Existing,
                      {{0, -5}, {10, -5}, {10, 5}, {0, 5}}, 3.5, 4.8);
    s.ds.attach(zone, model::ContaminationDetail{"zink", 300, "mg/kg ds", "grond"});
    s.ds.attach(zone, model::ContaminationDetail{"lood", 800, "mg/kg ds", "grond"});
    auto below = s.box("w", "verontreiniging", ObjectType::ContaminationZone,
                       ObjectStatus::Existing, {{20, -5}, {30, -5}, {30, 5}, {20, 5}}, 3.5, 4.8);
    s.ds.attach(below, model::ContaminationDetail{"zink", 300, "mg/kg ds", "grond"});
    s.ds.attach(below, model::ContaminationDetail{"lood", 100, "mg/kg ds", "grond"});
    s.line("route", "warmte", ObjectStatus::Proposed, {{-5, 0, 4.0}, {35, 0, 4.0}}, 0.25f);
    auto r = s.run();
    auto* v = find(r, "v", "route");
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->kind, ClashKind::Constraint);
    EXPECT_EQ(v->rule, "intervention.grond.lood");
    EXPECT_EQ(find(r, "w", "route"), nullptr);
}

TEST(ClashDetector, AZoneAtEveryDepthHoldsAboveAndBelowEverything) {
    Scene s;
    auto ev = s.box("ev", "evGebied", ObjectType::ProtectedZone, ObjectStatus::Existing,
                    {{0, -5}, {10, -5}, {10, 5}, {0, 5}}, NAN, NAN);
    s.ds.prisms[s.ds.features[ev].geometry].allDepths = true;
    // One route far below, one far above every level a zone used to be stored at.
    s.line("deep", "warmte", ObjectStatus::Proposed, {{-5, 0, -150}, {15, 0, -150}}, 0.25f);
    s.line("high", "warmte", ObjectStatus::Proposed, {{-5, 2, 150}, {15, 2, 150}}, 0.25f);
    s.line("beside", "warmte", ObjectStatus::Proposed, {{-5, 9, 4}, {15, 9, 4}}, 0.25f);
    auto r = s.run();
    ASSERT_NE(find(r, "ev", "deep"), nullptr);
    ASSERT_NE(find(r, "ev", "high"), nullptr);
    EXPECT_EQ(find(r, "ev", "beside"), nullptr);
    EXPECT_EQ(find(r, "ev", "deep")->kind, ClashKind::Constraint);
    EXPECT_NEAR(find(r, "ev", "deep")->violatedLengthM, 10.0 + 0.25, 1e-6);
}

TEST(ClashDetector, RemovedObjectsAreNeverCheckedAndReportsCarryTheSourcesAttributes) {
    Scene s;
    auto gone = s.line("gone", "water", ObjectStatus::Removed, {{0, 0, 4}, {10, 0, 4}}, 0.1f);
    auto there = s.line("there", "water", ObjectStatus::Abandoned, {{0, 1, 4}, {10, 1, 4}}, 0.1f);
    s.ds.setAttribute(there, "materiaal_detail", std::string("gietijzer"));
    (void)gone;
    s.line("new", "warmte", ObjectStatus::Proposed, {{5, -5, 4}, {5, 5, 4}}, 0.25f);
    auto r = s.run();
    EXPECT_EQ(find(r, "gone", "new"), nullptr);
    auto* c = find(r, "there", "new");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->aAttributes, "materiaal_detail=gietijzer");
}

namespace {

// An existing water main along x at z = 4 and a proposed heat pipe parallel to it, `gap` metres
// aside (axis to axis) and `dz` higher, each with a depth band and a horizontal accuracy; every
// pair needs 0.3 m.
struct SideBySide {
    Scene s;
    clash::ClashOptions o;
    SideBySide(double gap, double dz, float band, float plan) {
        auto a = s.line("x", "water", ObjectStatus::Existing, {{-20, 0, 4}, {20, 0, 4}}, 0.1f,
                        DepthProvenance::Derived, band, ObjectType::Pipe);
        auto b =
            s.line("p", "warmte", ObjectStatus::Proposed, {{-20, gap, 4 + dz}, {20, gap, 4 + dz}},
                   0.2f, DepthProvenance::Derived, band, ObjectType::HeatPipe);
        s.ds.features[a].horizontalAccuracyM = plan;
        s.ds.features[b].horizontalAccuracyM = plan;
        o.uniformClearanceM = 0.3;
    }
};

}  // namespace

TEST(ClashCertainty, PositionUncertaintyInPlanCountsAsTheDepthBandsDo) {
    // 0.55 m apart axis to axis (0.4 m between the surfaces): clear at the drawn positions, but
    // each may lie 0.2 m off in plan: possible. Exact in plan: no clash at all.
    SideBySide exact(0.55, 0.0, 0.f, 0.f);
    EXPECT_TRUE(exact.s.run(exact.o).clashes.empty());
    SideBySide loose(0.55, 0.0, 0.f, 0.2f);
    auto r = loose.s.run(loose.o);
    ASSERT_EQ(r.clashes.size(), 1u);
    EXPECT_EQ(r.clashes[0].kind, ClashKind::Possible);
    EXPECT_EQ(r.clashes[0].certainty, clash::Certainty::Possible);
    // Violated while the shift across brings the surfaces within 0.3 m of each other, axes
    // less than 0.45 m apart: a shift between -1.0 m (past the main) and -0.1 m, with
    // sigma = 0.2 * sqrt(2).
    const double sigma = 0.2 * std::sqrt(2.0);
    EXPECT_NEAR(r.clashes[0].probability, phi(-0.1 / sigma) - phi(-1.0 / sigma), 1e-5);
    // Closer than required at the drawn positions, but not at every position in plan: likely.
    SideBySide near(0.4, 0.0, 0.f, 0.2f);
    auto n = near.s.run(near.o);
    ASSERT_EQ(n.clashes.size(), 1u);
    EXPECT_EQ(n.clashes[0].certainty, clash::Certainty::Likely);
}

TEST(ClashCertainty, DepthAndPlanTogetherMatchBruteForceSampling) {
    // Side by side and a little higher, with both depth bands and horizontal accuracies: the
    // reported probability against sampling both shifts and checking the moved pipe exactly.
    for (double gap : {0.45, 0.6}) {
        SideBySide x(gap, 0.15, 0.1f, 0.15f);
        auto r = x.s.run(x.o);
        ASSERT_EQ(r.clashes.size(), 1u) << gap;
        const double reported = r.clashes[0].probability;
        const double sv = 0.1 * std::sqrt(2.0), sp = 0.15 * std::sqrt(2.0);
        std::mt19937 rng(5);
        std::normal_distribution<double> depth(0, sv), plan(0, sp);
        const int n = 1500;
        int violated = 0;
        for (int i = 0; i < n; ++i) {
            SideBySide shifted(gap + plan(rng), 0.15 + depth(rng), 0.f, 0.f);
            violated += shifted.s.run(shifted.o).clashes.size() == 1;
        }
        const double sampled = static_cast<double>(violated) / n;
        EXPECT_NEAR(reported, sampled, 0.05) << gap;  // about four standard errors
        EXPECT_GT(reported, 0.01);
        EXPECT_LT(reported, 0.999);
    }
}
