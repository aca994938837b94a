// The condition classification: the shipped table against a table of cases, a municipality's own
// table, bad tables refused with the line, and a pipe's condition from its latest inspections.
#include <bodemzicht/sewer/Classification.h>
#include <bodemzicht/sewer/Condition.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace bz;
using sewer::Aspect;

namespace {

model::SewerObservation obs(std::string code, std::string char1 = "", double value = NAN) {
    model::SewerObservation o;
    o.code = std::move(code);
    o.char1 = std::move(char1);
    o.value1 = value;
    return o;
}

}  // namespace

TEST(Classification, ShippedTableGivesTheExpectedClassPerCase) {
    const auto& t = sewer::ClassificationTable::builtIn();
    EXPECT_FALSE(t.sources().empty());
    struct Case {
        const char* code;
        const char* char1;
        double value;
        int cls;
        Aspect aspect;
    };
    const Case cases[] = {
        {"BAJ", "A", 133.7, 4, Aspect::Structural},  // displaced joint, 133.7 mm (Almere)
        {"BAJ", "A", 86.1, 3, Aspect::Structural},
        {"BAJ", "A", 50.0, 3, Aspect::Structural},  // a range's lower bound belongs to it
        {"BAJ", "A", 49.9, 2, Aspect::Structural},
        {"BAJ", "A", NAN, 2, Aspect::Structural},  // no quantification: the catch-all
        {"BAB", "A", NAN, 1, Aspect::Structural},  // surface crack
        {"BAB", "B", 2.0, 3, Aspect::Structural},  // crack 2 mm wide
        {"BAB", "C", NAN, 4, Aspect::Structural},
        {"BAC", "A", NAN, 4, Aspect::Structural},
        {"BAC", "C", NAN, 5, Aspect::Structural},
        {"BAO", "", NAN, 5, Aspect::Structural},
        {"BBA", "", 30, 4, Aspect::Operational},   // roots 30 %
        {"BBC", "B", 25, 4, Aspect::Operational},  // sediment 25 % (Almere)
        {"BBC", "B", 4, 1, Aspect::Operational},
        {"BBF", "D", NAN, 5, Aspect::Infiltration},  // infiltration, spouting
        {"BBF", "A", NAN, 2, Aspect::Infiltration},
        {"DAB", "C", NAN, 4, Aspect::Structural},  // manhole codes too
        {"BCD", "A", NAN, 0, Aspect::None},        // start node: not a defect
        {"BXA", "K", -0.5, 0, Aspect::None},       // inclination measurement
    };
    for (const auto& c : cases) {
        auto k = t.classify(obs(c.code, c.char1, c.value));
        EXPECT_EQ(k.conditionClass, c.cls) << c.code << " " << c.char1 << " " << c.value;
        EXPECT_EQ(k.aspect, c.aspect) << c.code;
        EXPECT_TRUE(k.knownCode) << c.code;
    }
    auto unknown = t.classify(obs("AEA"));
    EXPECT_FALSE(unknown.knownCode);
    EXPECT_EQ(unknown.conditionClass, 0);
}

TEST(Classification, AMunicipalityReplacesTheTable) {
    auto t = sewer::ClassificationTable::parse(R"(
name = "Gemeente Voorbeeld 2027"
sources = ["eigen interventieniveaus, raadsbesluit 2027-01"]
[aspects]
structural = ["BAJ"]
[[rule]]
codes = ["BAJ"]
ranges = [{ max = 30, class = 1 }, { min = 30, class = 5 }]
)",
                                               "own.toml");
    ASSERT_TRUE(t) << t.error().toString();
    EXPECT_EQ(t->name(), "Gemeente Voorbeeld 2027");
    EXPECT_EQ(t->classify(obs("BAJ", "A", 31)).conditionClass, 5);
    EXPECT_EQ(t->classify(obs("BAJ", "A", 29)).conditionClass, 1);
    EXPECT_FALSE(t->classify(obs("BAB", "A")).knownCode);  // not in this table
}

TEST(Classification, BadTablesAreRefusedWithTheLine) {
    auto noSources = sewer::ClassificationTable::parse(
        "name = \"x\"\n[[rule]]\ncodes=[\"BAB\"]\nclass=2\n", "t.toml");
    ASSERT_FALSE(noSources);
    EXPECT_NE(noSources.error().message.find("names no 'sources'"), std::string::npos);
    auto badClass = sewer::ClassificationTable::parse(
        "name = \"x\"\nsources = [\"s\"]\n[[rule]]\ncodes = [\"BAB\"]\nclass = 7\n", "t.toml");
    ASSERT_FALSE(badClass);
    EXPECT_NE(badClass.error().message.find("line 5"), std::string::npos)
        << badClass.error().message;
    auto badRange = sewer::ClassificationTable::parse(
        "name = \"x\"\nsources = [\"s\"]\n[[rule]]\ncodes = [\"BAB\"]\nranges = [{ min = 5, max = "
        "2, "
        "class = 2 }]\n",
        "t.toml");
    ASSERT_FALSE(badRange);
    EXPECT_NE(badRange.error().message.find("min is not below its max"), std::string::npos);
    auto syntax = sewer::ClassificationTable::parse("name = \n", "t.toml");
    ASSERT_FALSE(syntax);
    EXPECT_NE(syntax.error().message.find("line 1"), std::string::npos);
}

TEST(Condition, WorstPerAspectFromTheLatestInspectionDate) {
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "P";
    m.type = model::ObjectType::SewerPipe;
    auto fi = ds.addLinear(m, {{0, 0, 0}, {10, 0, 0}},
                           std::vector<model::VertexDepth>(2, model::VertexDepth{}), 0.3f);
    auto inspection = [&](const std::string& id, model::Date d) {
        model::SewerInspection in;
        in.id = id;
        in.date = d;
        ds.attach(fi, in);
    };
    auto add = [&](const std::string& insp, model::SewerObservation o) {
        o.inspectionId = insp;
        ds.attach(fi, o);
    };
    inspection("old", model::Date::of(2010, 5, 1));
    add("old", obs("BAO"));  // class 5 in 2010: repaired since, must not count
    inspection("a", model::Date::of(2024, 6, 1));
    inspection("b", model::Date::of(2024, 6, 1));  // finished from the other end, same day
    add("a", obs("BAJ", "A", 60));                 // 3 structural
    add("a", obs("BBC", "B", 12));                 // 3 operational
    add("b", obs("BAB", "C"));                     // 4 structural
    add("b", obs("BBF", "B"));                     // 3 infiltration
    add("b", obs("QQQ"));                          // unknown
    auto summary = sewer::assessConditions(ds, sewer::ClassificationTable::builtIn());
    EXPECT_EQ(summary.pipesAssessed, 1u);
    EXPECT_EQ(summary.unknownByCode.at("QQQ"), 1u);
    const auto* c = ds.firstDetail<model::SewerCondition>(ds.features[0]);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->inspected, model::Date::of(2024, 6, 1));
    EXPECT_EQ(c->structural, 4);
    EXPECT_EQ(c->operational, 3);
    EXPECT_EQ(c->infiltration, 3);
    EXPECT_EQ(c->overall, 4);
    EXPECT_EQ(c->observations, 5);
    EXPECT_EQ(c->classified, 4);
    EXPECT_EQ(c->unknownCodes, 1);
    EXPECT_EQ(c->perClass[2], 3);
    EXPECT_EQ(c->perClass[3], 1);
    // Assessing again replaces the condition, it does not add a second one.
    sewer::assessConditions(ds, sewer::ClassificationTable::builtIn());
    EXPECT_EQ(ds.detailsOf<model::SewerCondition>(ds.features[0]).size(), 1u);
}
