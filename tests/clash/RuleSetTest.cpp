#include <bodemzicht/clash/RuleSet.h>

#include <gtest/gtest.h>

#include <cmath>

#include "../TestSupport.h"

using bz::clash::RuleSet;

TEST(RuleSet, DutchDefaultNamesASourceForEveryNumber) {
    const RuleSet& r = RuleSet::dutchDefault();
    EXPECT_EQ(r.name, "Bodemzicht NL default");
    ASSERT_GE(r.clearances.size(), 10u);
    for (const auto& c : r.clearances) {
        EXPECT_FALSE(c.parallel.source.empty()) << c.id;
        EXPECT_FALSE(c.crossing.source.empty()) << c.id;
    }
    for (const auto& [theme, v] : r.coverDepth) EXPECT_FALSE(v.source.empty()) << theme;
    // domain.md: the Liander 2.5 m tree rule is verified; network clearances are typical values.
    ASSERT_TRUE(r.trees.distanceFromStem);
    EXPECT_EQ(r.trees.distanceFromStem->value, 2.5);
    EXPECT_TRUE(r.trees.distanceFromStem->verified);
    EXPECT_FALSE(r.clearanceFor("warmte", "water")->parallel.verified);
    EXPECT_TRUE(r.interventionValue("grond", "lood")->verified);
    EXPECT_EQ(r.interventionValue("grond", "Lood")->value, 530);
    EXPECT_EQ(r.interventionValue("grondwater", "minerale olie")->value, 600);
}

TEST(RuleSet, MostSpecificClearanceWinsInEitherOrder) {
    const RuleSet& r = RuleSet::dutchDefault();
    EXPECT_EQ(r.clearanceFor("warmte", "water")->parallel.value, 1.0);
    EXPECT_EQ(r.clearanceFor("water", "warmte")->parallel.value, 1.0);
    EXPECT_EQ(r.clearanceFor("laagspanning", "gasLageDruk")->parallel.value, 0.3);  // elektra/gas
    EXPECT_EQ(r.clearanceFor("middenspanning", "gasLageDruk")->parallel.value,
              0.5);  // theme beats group
    EXPECT_EQ(r.clearanceFor("datatransport", "laagspanning")->parallel.value,
              0.2);                                                    // netten/netten
    EXPECT_EQ(r.clearanceFor("sleuf", "water")->parallel.value, 0.0);  // sleuf/*
    // An unfamiliar theme is handled as 'overig' (in group 'netten').
    EXPECT_EQ(r.clearanceFor("stadsverwarming", "water")->id, "clearance:netten/netten");
}

TEST(RuleSet, ThermalRadiusFollowsTheFormula) {
    const RuleSet& r = RuleSet::dutchDefault();
    // R = sqrt(C_w V / (C_aq pi H)), domain.md example: V 100000 m3, H 50 m -> about 31 m.
    double expected = std::sqrt(4.18e6 * 100000 / (2.8e6 * M_PI * 50));
    EXPECT_NEAR(r.thermalRadius(100000, 50), expected, 1e-9);
    EXPECT_NEAR(r.thermalRadius(100000, 50), 30.8, 0.1);
    EXPECT_TRUE(std::isnan(r.thermalRadius(0, 50)));
}

TEST(RuleSet, UserFileExtendsTheDefault) {
    auto r = RuleSet::parse(R"(
[ruleset]
name = "Gemeente Hengelo"
extends = "nl-default"

[[clearance]]
a = "warmte"
b = "water"
parallel_m = { value = 1.5, source = "Vitens eis HT-net 2026", verified = true }
)",
                            "hengelo.toml");
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(r->name, "Gemeente Hengelo");
    EXPECT_EQ(r->clearanceFor("warmte", "water")->parallel.value, 1.5);
    EXPECT_EQ(r->clearanceFor("warmte", "water")->crossing.value,
              1.5);  // crossing defaults to parallel
    EXPECT_EQ(r->clearanceFor("laagspanning", "gasLageDruk")->parallel.value,
              0.3);  // still from the default
    EXPECT_TRUE(r->trees.distanceFromStem);
}

TEST(RuleSet, UserFileWithoutExtendsReplacesTheDefault) {
    auto r = RuleSet::parse("[[clearance]]\na = \"*\"\nb = \"*\"\nparallel_m = 0.4\n", "mine.toml");
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(r->clearances.size(), 1u);
    EXPECT_EQ(r->clearanceFor("warmte", "water")->parallel.value, 0.4);
    EXPECT_EQ(r->clearanceFor("warmte", "water")->parallel.source, "mine.toml:4");
    EXPECT_FALSE(r->trees.distanceFromStem);
}

struct BadRule {
    const char* text;
    const char* message;
};

void PrintTo(const BadRule& r, std::ostream* os) {
    *os << r.message;
}

class RuleSetRejects : public ::testing::TestWithParam<BadRule> {};

TEST_P(RuleSetRejects, NamingLineAndKey) {
    auto r = RuleSet::parse(GetParam().text, "bad.toml");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().file, "bad.toml");
    EXPECT_EQ(r.error().message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    BadFiles, RuleSetRejects,
    ::testing::Values(
        BadRule{"[[clearance]]\na = \"warmte\"\nb = \"stadsverwarming\"\nparallel_m = 1.0\n",
                "line 3, key 'clearance[1].b': unknown theme or group 'stadsverwarming'"},
        BadRule{"[[clearance]]\na = \"warmte\"\nb = \"water\"\n",
                "line 1, key 'clearance[1].parallel_m': missing value"},
        BadRule{"[[clearance]]\na = \"warmte\"\nb = \"water\"\nparallel_m = -0.5\n",
                "line 4, key 'clearance[1].parallel_m': negative value -0.500000"},
        BadRule{"[trees]\ndistance_from_stem_m = { value = 2.5 }\n",
                "line 2, key 'trees.distance_from_stem_m': missing 'source' (every number names "
                "its source)"},
        BadRule{"[defaults.cover_depth_m]\nlaagspanning = \"deep\"\n",
                "line 2, key 'defaults.cover_depth_m.laagspanning': expected a number or { value, "
                "source, verified }"},
        BadRule{"[wko]\nc_water = 4.2e6\n", "line 2, key 'wko.c_water': unknown key"},
        BadRule{"[clearances]\n", "line 1, key 'clearances': unknown section"},
        BadRule{"[[clearance]\na = 1\n",
                "line 1: Error while parsing table header: expected ']', saw '\\n'"}),
    [](const ::testing::TestParamInfo<BadRule>& info) {
        return "case" + std::to_string(info.index);
    });

TEST(RuleSet, LoadingAMissingFileIsAnError) {
    auto r = RuleSet::load("/nonexistent/rules.toml");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().toString(), "/nonexistent/rules.toml: cannot read rule file");
}

TEST(RuleSet, ShippedRuleFileParsesFromDisk) {
    auto r = RuleSet::load(std::string(BODEMZICHT_SOURCE_DIR) + "/datasets/rules/nl-default.toml");
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(r->clearances.size(), RuleSet::dutchDefault().clearances.size());
}
