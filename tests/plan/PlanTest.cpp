// The works plan: replacement windows against a table of cases; the coupling greedy against an
// exhaustive search on random windows; the segment lookup against a brute-force scan; coupling
// on constructed streets with known overlaps (and none where windows do not overlap), no-dig
// conflicts, openings counted separately and coupled; planned works read, stored and reported.
#include <bodemzicht/io/PlannedWorksStore.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/plan/AreaAnalysis.h>
#include <bodemzicht/plan/SegmentLocator.h>
#include <bodemzicht/plan/WorksPlan.h>
#include <bodemzicht/sample/SampleDistrict.h>

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <random>
#include <set>

#include "../TestSupport.h"

using namespace bz;

namespace {

model::Dataset::Meta meta(const std::string& id, const char* theme, model::ObjectType type,
                          const char* owner, const char* material, int laid,
                          model::ObjectStatus status = model::ObjectStatus::Existing) {
    model::Dataset::Meta m;
    m.id = id;
    m.theme = theme;
    m.type = type;
    m.owner = owner;
    m.material = material;
    m.status = status;
    if (laid) m.dates.laid = model::Date::of(laid);
    return m;
}

std::uint32_t addLine(model::Dataset& ds, const model::Dataset::Meta& m, core::Vec2 a,
                      core::Vec2 b) {
    return ds.addLinear(m, {{a.x, a.y, 0}, {b.x, b.y, 0}},
                        std::vector<model::VertexDepth>(2, {model::DepthProvenance::Measured, 0}),
                        0.2f);
}

}  // namespace

TEST(Plan, ReplacementWindowsFollowTheTableOfCases) {
    const auto& table = plan::ServiceLifeTable::shipped();
    model::Dataset ds;
    using T = model::ObjectType;
    struct Case {
        const char *id, *theme;
        T type;
        const char* material;
        int laid;
        int from, to;
        const char* assumed;
    };
    // Start 2027. Concrete sewer 60-80 years; PVC gas 50-75; data 25-40 (overdue: within 5).
    const Case cases[] = {
        {"riool-1990", "rioolVrijverval", T::SewerPipe, "beton", 1990, 2050, 2070, ""},
        {"riool-1955", "rioolVrijverval", T::SewerPipe, "beton", 1955, 2027, 2035, ""},
        {"gas-pvc", "gasLageDruk", T::Pipe, "PVC", 1980, 2030, 2055, ""},
        {"data-1970", "datatransport", T::Cable, "koper", 1970, 2027, 2032, ""},
        {"riool-onbekend", "rioolVrijverval", T::SewerPipe, "beton", 0, 2030, 2050, "year laid"},
        {"water-zonder", "water", T::Pipe, "", 1980, 2030, 2060, "material"},
        {"water-pe", "water", T::Pipe, "PE", 1980, 2030, 2070, ""},
    };
    for (const auto& c : cases)
        addLine(ds, meta(c.id, c.theme, c.type, "X", c.material, c.laid), {0, 0}, {10, 0});
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        const auto w = plan::replacementWindow(ds, ds.features[i], table, 2027);
        ASSERT_TRUE(w) << cases[i].id;
        EXPECT_EQ(w->fromYear, cases[i].from) << cases[i].id << ": " << w->basis;
        EXPECT_EQ(w->toYear, cases[i].to) << cases[i].id << ": " << w->basis;
        EXPECT_EQ(w->assumed, cases[i].assumed) << cases[i].id;
    }
    // Condition classes narrow a sewer's window (class 5 within 2, 4 within 5 years; 2: not
    // before 10 years after the inspection).
    auto withCondition = [&](int overall, int laid, int inspected) {
        model::Dataset d;
        const auto f = addLine(d, meta("r", "rioolVrijverval", T::SewerPipe, "X", "beton", laid),
                               {0, 0}, {10, 0});
        model::SewerCondition c;
        c.overall = overall;
        c.inspected = model::Date::of(inspected);
        d.attach(f, std::move(c));
        return *plan::replacementWindow(d, d.features[f], table, 2027);
    };
    EXPECT_EQ(withCondition(5, 1990, 2026).fromYear, 2027);
    EXPECT_EQ(withCondition(5, 1990, 2026).toYear, 2029);
    EXPECT_EQ(withCondition(4, 1990, 2026).toYear, 2032);
    EXPECT_EQ(withCondition(2, 1955, 2026).fromYear, 2036);
    EXPECT_EQ(withCondition(3, 1970, 2026).toYear, 2037);
    // Nothing to replace: a theme without a service life, a proposal.
    model::Dataset other;
    addLine(other, meta("t", "overig", T::Cable, "X", "", 1990), {0, 0}, {1, 0});
    addLine(other, meta("p", "warmte", T::Pipe, "X", "", 0, model::ObjectStatus::Proposed), {0, 0},
            {1, 0});
    EXPECT_FALSE(plan::replacementWindow(other, other.features[0], table, 2027));
    EXPECT_FALSE(plan::replacementWindow(other, other.features[1], table, 2027));
}

TEST(Plan, CouplingUsesTheFewestOpeningsAnExhaustiveSearchFinds) {
    std::mt19937 rng(11);
    for (int round = 0; round < 300; ++round) {
        const int n = 1 + static_cast<int>(rng() % 7);
        std::vector<plan::PlanItem> items(n);
        for (auto& it : items) {
            it.fromYear = 2027 + static_cast<int>(rng() % 10);
            it.toYear = it.fromYear + static_cast<int>(rng() % 4);
        }
        std::vector<std::size_t> all(n);
        for (int i = 0; i < n; ++i) all[i] = i;
        const auto openings = plan::coupleWindows(items, all);
        // Every item in exactly one opening whose years lie in its window.
        std::vector<int> served(n, 0);
        for (const auto& o : openings) {
            EXPECT_LE(o.fromYear, o.toYear);
            for (auto i : o.items) {
                ++served[i];
                EXPECT_LE(items[i].fromYear, o.fromYear);
                EXPECT_GE(items[i].toYear, o.toYear);
            }
        }
        for (int i = 0; i < n; ++i) EXPECT_EQ(served[i], 1);
        // The fewest years that hit every window, by trying every set of years.
        int best = n;
        for (unsigned mask = 1; mask < (1u << 13); ++mask) {
            const int size = std::popcount(mask);
            if (size >= best) continue;
            bool all_hit = true;
            for (const auto& it : items) {
                bool hit = false;
                for (int y = it.fromYear; y <= it.toYear && !hit; ++y)
                    hit = (mask >> (y - 2027)) & 1u;
                all_hit = all_hit && hit;
            }
            if (all_hit) best = size;
        }
        EXPECT_EQ(static_cast<int>(openings.size()), best) << "round " << round;
    }
}

TEST(Plan, TheSegmentLookupMatchesABruteForceScan) {
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> u(0, 500), w(4, 30);
    model::StreetLayer streets;
    for (int s = 0; s < 60; ++s) {
        model::StreetSegment seg;
        seg.id = "S" + std::to_string(s);
        core::Vec2 p{u(rng), u(rng)};
        seg.line.push_back(p);
        for (int k = 0; k < 1 + static_cast<int>(rng() % 3); ++k) {
            p = p + core::Vec2{w(rng) * 3 - 45, w(rng) * 3 - 45};
            seg.line.push_back(p);
        }
        seg.widthM = s % 4 == 0 ? NAN : w(rng);
        streets.push_back(seg);
    }
    const plan::SegmentLocator locator(streets, 12);
    for (int n = 0; n < 5000; ++n) {
        const core::Vec2 p{u(rng), u(rng)};
        std::vector<std::uint32_t> found, expected;
        locator.segmentsAt(p, found);
        for (std::uint32_t s = 0; s < streets.size(); ++s) {
            const double half = (streets[s].widthM > 0 ? streets[s].widthM : 12) / 2;
            if (plan::distanceBeside(p, streets[s].line) <= half) expected.push_back(s);
        }
        EXPECT_EQ(found, expected) << p.x << "," << p.y;
    }
    // Beyond a segment's end (across a junction) a point is not in it.
    model::StreetLayer cross = {{"A", "", {{0, 0}, {100, 0}}, 12, ""},
                                {"B", "", {{100, 0}, {100, 100}}, 12, ""}};
    const plan::SegmentLocator junction(cross, 12);
    std::vector<std::uint32_t> at;
    junction.segmentsAt({97, -2}, at);
    EXPECT_EQ(at, std::vector<std::uint32_t>{0});
}

namespace {

// Two streets of two segments: the Dorpsstraat (D1, D2) east-west and the Laan (L1) north-south.
model::StreetLayer constructedStreets() {
    return {{"D1", "Dorpsstraat", {{0, 0}, {100, 0}}, 12, ""},
            {"D2", "Dorpsstraat", {{100, 0}, {200, 0}}, 12, ""},
            {"L1", "Laan", {{300, 0}, {300, 100}}, 12, ""}};
}

model::PlannedWork work(const std::string& id, const char* owner, int from, int to, core::Vec2 a,
                        core::Vec2 b) {
    model::PlannedWork w;
    w.id = id;
    w.owner = owner;
    w.kind = "werk";
    w.start = model::Date::of(from);
    w.end = model::Date::of(to);
    w.line = {a, b};
    w.source = "test";
    return w;
}

}  // namespace

TEST(Plan, CouplesWhereWindowsOverlapAndReportsNoDigConflicts) {
    using T = model::ObjectType;
    model::Dataset ds;
    // D1: a concrete sewer laid 1960 (due 2027-2040), a proposed heat main (any year) and
    // Enexis' planned gas work 2030: one opening (2030) instead of three.
    addLine(ds, meta("RIOOL-D1", "rioolVrijverval", T::SewerPipe, "Gemeente", "beton", 1960),
            {5, 1}, {95, 1});
    addLine(
        ds,
        meta("WARMTE-D1", "warmte", T::Pipe, "Warmtebedrijf", "", 0, model::ObjectStatus::Proposed),
        {5, -2}, {95, -2});
    // L1: data cables due soon (2027-2032) and road maintenance in 2034: windows apart, two
    // openings; a planned work in 2029 would fall in the no-dig period after 2027.
    addLine(ds, meta("DATA-L1", "datatransport", T::Cable, "KPN", "koper", 1970), {301, 5},
            {301, 95});
    // A brick sewer outside the streets: its material is not in the table.
    addLine(ds,
            meta("RIOOL-BAKSTEEN", "rioolVrijverval", T::SewerPipe, "Gemeente", "baksteen", 1930),
            {1000, 1000}, {1050, 1000});
    // An existing water main laid 2015 in D2: not due in the plan; its owner is informed only.
    addLine(ds, meta("WATER-D2", "water", T::Pipe, "Vitens", "PE", 2015), {105, 2}, {195, 2});
    model::PlannedWorks works = {
        work("GAS-2030", "Enexis", 2030, 2030, {10, 3}, {90, 3}),
        work("WEG-2034", "Gemeente", 2034, 2034, {300, 10}, {300, 90}),
        work("OUD", "KPN", 2015, 2016, {10, 3}, {90, 3}),
        work("ELDERS", "Enexis", 2030, 2030, {1000, 1000}, {1100, 1000}),
    };
    plan::PlanOptions options;
    options.startYear = 2027;
    options.years = 10;
    auto p = plan::buildPlan(ds, constructedStreets(), works, plan::ServiceLifeTable::shipped(),
                             options);
    auto segment = [&](const std::string& id) -> const plan::SegmentPlan* {
        for (const auto& s : p.segments)
            if (s.segment == id) return &s;
        return nullptr;
    };
    const auto* d1 = segment("D1");
    ASSERT_NE(d1, nullptr);
    ASSERT_EQ(d1->items.size(), 3u);
    ASSERT_EQ(d1->coupled.size(), 1u);
    EXPECT_EQ(d1->coupled[0].fromYear, 2030);
    EXPECT_EQ(d1->coupled[0].toYear, 2030);
    EXPECT_EQ(d1->separateOpenings, 3u);
    EXPECT_TRUE(d1->coupled[0].conflict.empty());
    const auto* l1 = segment("L1");
    ASSERT_NE(l1, nullptr);
    EXPECT_EQ(l1->coupled.size(), 2u);  // 2027-2032 and 2034 do not overlap
    EXPECT_EQ(l1->separateOpenings, 2u);
    EXPECT_TRUE(l1->coupled[1].conflict.empty());  // 2034 - 2027 >= 3
    // D2 has nothing due in the plan: no rows.
    EXPECT_EQ(segment("D2"), nullptr);
    // The past work and the one outside every street are reported, not planned.
    std::string problems;
    for (const auto& s : p.problems) problems += s + "\n";
    EXPECT_NE(problems.find("OUD"), std::string::npos) << problems;
    EXPECT_NE(problems.find("ELDERS (Enexis, test) lies in no street segment"), std::string::npos)
        << problems;
    // The brick sewer's material is not among the sewer's materials: named, with its id.
    EXPECT_NE(problems.find("material 'baksteen' (rioolVrijverval) is not in the service-life "
                            "table: 1 objects got the theme's default life (RIOOL-BAKSTEEN)"),
              std::string::npos)
        << problems;
    // Per street: the Dorpsstraat opened once coupled, three times separately.
    for (const auto& st : p.streets)
        if (st.street == "Dorpsstraat") {
            EXPECT_EQ(st.coupled, 1u);
            EXPECT_EQ(st.separate, 3u);
        }
    // A planned work in 2029 on L1: coupled with the data cables (2027-2032 holds 2029).
    works.push_back(work("KABEL-2029", "Enexis", 2029, 2029, {300, 20}, {300, 80}));
    p = plan::buildPlan(ds, constructedStreets(), works, plan::ServiceLifeTable::shipped(),
                        options);
    l1 = segment("L1");
    ASSERT_NE(l1, nullptr);
    ASSERT_EQ(l1->coupled.size(), 2u);
    EXPECT_EQ(l1->coupled[0].fromYear, 2029);
    EXPECT_EQ(l1->coupled[0].items.size(), 2u);
    // Road maintenance in 2030 right after the 2029 opening: a no-dig conflict.
    works[1] = work("WEG-2030", "Gemeente", 2030, 2030, {300, 10}, {300, 90});
    works.push_back(work("KABEL-2029B", "Enexis", 2029, 2029, {300, 20}, {300, 80}));
    p = plan::buildPlan(ds, constructedStreets(), works, plan::ServiceLifeTable::shipped(),
                        options);
    l1 = segment("L1");
    ASSERT_NE(l1, nullptr);
    ASSERT_EQ(l1->coupled.size(), 2u);
    EXPECT_NE(l1->coupled[1].conflict.find("no-dig period"), std::string::npos);
    // The owners to inform: everyone with objects in the segment.
    const auto* d1again = segment("D1");
    ASSERT_NE(d1again, nullptr);
    EXPECT_EQ(d1again->present, (std::vector<std::string>{"Gemeente"}));
}

TEST(Plan, OverlappingSegmentsAreReported) {
    model::StreetLayer streets = {{"A", "Straat", {{0, 0}, {100, 0}}, 12, ""},
                                  {"B", "Straat", {{50, 0.5}, {150, 0.5}}, 12, ""}};
    auto p = plan::buildPlan(model::Dataset(), streets, {}, plan::ServiceLifeTable::shipped(), {});
    ASSERT_EQ(p.problems.size(), 1u);
    EXPECT_NE(p.problems[0].find("A and B overlap"), std::string::npos) << p.problems[0];
}

TEST(Plan, PlannedWorksAreReadWithTheirDatesAndStoredPerSource) {
    test::ScratchDir dir("planned_works");
    const auto path = dir.file("werken.geojson");
    std::ofstream(path)
        << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[)"
        << R"({"type":"Feature","properties":{"id":"A","eigenaar":"Enexis","soort":"gas","startdatum":"2029-03","einddatum":"2029-10"},"geometry":{"type":"LineString","coordinates":[[0,0],[10,0]]}},)"
        << R"({"type":"Feature","properties":{"id":"B","owner":"Gemeente","kind":"weg","jaar":2031},"geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,5],[0,0]]]}},)"
        << R"({"type":"Feature","properties":{"id":"C","owner":"KPN","kind":"glas"},"geometry":{"type":"LineString","coordinates":[[0,0],[10,0]]}},)"
        << R"({"type":"Feature","properties":{"id":"D","owner":"KPN","start":"2030","end":"2028"},"geometry":{"type":"LineString","coordinates":[[0,0],[10,0]]}},)"
        << R"({"type":"Feature","properties":{"id":"E","owner":"KPN","start":"2030"},"geometry":null})"
        << "]}";
    auto read = io::readPlannedWorksSource(path, std::nullopt);
    ASSERT_TRUE(read) << read.error().toString();
    ASSERT_EQ(read->works.size(), 2u) << ::testing::PrintToString(read->skipped);
    EXPECT_EQ(read->works[0].start.toString(), "2029-03");
    EXPECT_EQ(read->works[0].owner, "Enexis");
    EXPECT_EQ(read->works[1].start.year(), 2031);
    EXPECT_EQ(read->works[1].end.year(), 2031);
    ASSERT_EQ(read->skipped.size(), 3u);  // C no date, D ends before it starts, E no geometry
    EXPECT_NE(read->skipped[0].find(": C: no date"), std::string::npos) << read->skipped[0];
    EXPECT_NE(read->skipped[1].find(": D: ends (2028) before it starts (2030)"), std::string::npos)
        << read->skipped[1];
    EXPECT_NE(read->skipped[2].find(": E: no line or polygon"), std::string::npos)
        << read->skipped[2];
    // Stored per source: importing a file again replaces its works, others' are kept.
    model::Dataset ds;
    addLine(ds, meta("x", "water", model::ObjectType::Pipe, "V", "PE", 2000), {0, 0}, {5, 0});
    const auto project = dir.file("p.gpkg");
    ASSERT_TRUE(io::writeProject(ds, project));
    ASSERT_TRUE(io::storePlannedWorks(project, read->works, "werken.geojson"));
    ASSERT_TRUE(io::storePlannedWorks(project, {read->works[0]}, "ander.geojson"));
    ASSERT_TRUE(io::storePlannedWorks(project, {read->works[1]}, "werken.geojson"));
    auto back = io::readPlannedWorks(project);
    ASSERT_TRUE(back) << back.error().toString();
    ASSERT_EQ(back->size(), 2u);
    EXPECT_EQ((*back)[0].source, "ander.geojson");
    EXPECT_EQ((*back)[1].id, "B");
    EXPECT_EQ((*back)[1].line.size(), 4u);
}

TEST(Plan, TheAreaAnalysisNamesExactlyTheOwnersAStoreQueryFinds) {
    test::ScratchDir dir("area_analysis");
    auto project = sample::writeSampleDistrict(dir.path().string(), {});
    ASSERT_TRUE(project) << project.error().toString();
    io::ImportReport report;
    auto ds = io::readProject(*project, report);
    ASSERT_TRUE(ds);
    // The independent query: GDAL's spatial filter and GEOS' exact intersection on the store.
    GDALAllRegister();
    std::unique_ptr<GDALDataset> store(
        GDALDataset::Open(project->c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_NE(store, nullptr);
    std::mt19937 rng(3);
    const auto b = ds->bounds();
    std::uniform_real_distribution<double> ux(b.lo.x, b.hi.x), uy(b.lo.y, b.hi.y), size(10, 120);
    for (int round = 0; round < 12; ++round) {
        // A random quadrilateral.
        const core::Vec2 c{ux(rng), uy(rng)};
        const double w = size(rng), h = size(rng);
        std::vector<core::Vec2> area = {{c.x - w / 2, c.y - h / 2},
                                        {c.x + w / 2 + 7, c.y - h / 2 + 3},
                                        {c.x + w / 2, c.y + h / 2},
                                        {c.x - w / 2 - 5, c.y + h / 2 - 2}};
        const auto a = plan::analyseArea(*ds, area, {});
        std::set<std::string> ours;
        for (const auto& o : a.owners) ours.insert(o.owner);
        OGRPolygon poly;
        OGRLinearRing ring;
        for (auto p : area) ring.addPoint(p.x, p.y);
        ring.closeRings();
        poly.addRing(&ring);
        std::set<std::string> theirs;
        for (const char* layerName : {"networks", "bodies", "zones"}) {
            OGRLayer* layer = store->GetLayerByName(layerName);
            ASSERT_NE(layer, nullptr) << layerName;
            layer->SetSpatialFilter(&poly);
            for (auto& f : *layer) {
                const OGRGeometry* g = f->GetGeometryRef();
                const std::string owner = f->GetFieldAsString("owner");
                if (g && !owner.empty() && g->Intersects(&poly)) theirs.insert(owner);
            }
        }
        EXPECT_EQ(ours, theirs) << "round " << round;
    }
}

TEST(Plan, TheAreaAnalysisFindsTheDomainsChancesAndGaps) {
    using T = model::ObjectType;
    model::Dataset ds;
    addLine(ds, meta("RIOOL-D1", "rioolVrijverval", T::SewerPipe, "Gemeente", "beton", 1960),
            {5, 1}, {95, 1});
    addLine(
        ds,
        meta("WARMTE-D1", "warmte", T::Pipe, "Warmtebedrijf", "", 0, model::ObjectStatus::Proposed),
        {5, -2}, {95, -2});
    addLine(ds, meta("DATA-L1", "datatransport", T::Cable, "KPN", "koper", 1970), {301, 5},
            {301, 95});
    const auto streets = constructedStreets();
    model::PlannedWorks works = {work("GAS-2030", "Enexis", 2030, 2030, {10, 3}, {90, 3})};
    plan::PlanOptions options;
    options.startYear = 2027;
    const auto p = plan::buildPlan(ds, streets, works, plan::ServiceLifeTable::shipped(), options);
    plan::AreaContext ctx;
    ctx.plan = &p;
    ctx.streets = &streets;
    // A flooding area larger than the work area (the area lies inside it), one elsewhere.
    ctx.floodingGiven = true;
    ctx.flooding = {{{-50, -50}, {150, -50}, {150, 50}, {-50, 50}},
                    {{500, 500}, {510, 500}, {510, 510}}};
    // The area around the Dorpsstraat's first segment only.
    const std::vector<core::Vec2> area = {{0, -10}, {100, -10}, {100, 10}, {0, 10}};
    const auto a = plan::analyseArea(ds, area, ctx);
    ASSERT_EQ(a.features.size(), 2u);  // the sewer and the heat main, not the data cable
    ASSERT_EQ(a.owners.size(), 2u);
    EXPECT_NEAR(a.areaM2, 2000, 1e-9);
    auto domain = [&](const std::string& name) {
        for (const auto& d : a.domains)
            if (d.name == name) return d.findings;
        return std::vector<std::string>{};
    };
    ASSERT_FALSE(domain("Energietransitie").empty());
    EXPECT_NE(domain("Energietransitie")[0].find("1 voorgesteld"), std::string::npos);
    ASSERT_FALSE(domain("Klimaatadaptatie").empty());
    EXPECT_EQ(domain("Klimaatadaptatie").back(),
              "1 overstromings- of wateroverlastgebieden raken het werkgebied");
    ASSERT_FALSE(domain("Riolering").empty());
    EXPECT_NE(domain("Riolering")[0].find("1 niet geïnspecteerd"), std::string::npos);
    // The chance: the sewer, Enexis' gas work and the heat main in 2030, three owners.
    ASSERT_EQ(a.chances.size(), 1u);
    EXPECT_NE(a.chances[0].find("2030"), std::string::npos) << a.chances[0];
    EXPECT_NE(a.chances[0].find("Enexis, Gemeente, Warmtebedrijf"), std::string::npos)
        << a.chances[0];
    // What is missing: no soil model, no ground raster, no inspections.
    std::string quality;
    for (const auto& q : a.quality) quality += q + "\n";
    EXPECT_NE(quality.find("ontbreekt: bodemmodel"), std::string::npos) << quality;
    EXPECT_NE(quality.find("ontbreekt: rioolinspecties"), std::string::npos) << quality;
}

TEST(Plan, AProtectedZonesOwnerComesFirstWithItsContact) {
    model::Dataset ds;
    addLine(ds, meta("GAS", "gasHogeDruk", model::ObjectType::Pipe, "Gasunie", "staal", 1980),
            {0, 0}, {50, 0});
    addLine(ds, meta("DATA", "datatransport", model::ObjectType::Cable, "KPN", "", 1990), {0, 2},
            {50, 2});
    addLine(ds, meta("DATA2", "datatransport", model::ObjectType::Cable, "KPN", "", 1990), {0, 3},
            {50, 3});
    // The zone as the KLIC importer keeps it: the precaution and contact in the owner.
    auto zm = meta("EV-1", "evGebied", model::ObjectType::ProtectedZone,
                   "Gasunie; EV gasleiding (HD), contact J. Jansen, 050-1234567", "", 0);
    ds.addPrism(zm, {{{-5, -5}, {55, -5}, {55, 5}, {-5, 5}}}, NAN, NAN, model::kUnknown,
                {model::DepthProvenance::Unknown, 0});
    const auto a = plan::analyseArea(ds, {{10, -20}, {20, -20}, {20, 20}, {10, 20}}, {});
    ASSERT_EQ(a.owners.size(), 2u);
    EXPECT_EQ(a.owners[0].owner, "Gasunie");  // fewer objects, but a protected zone: first
    EXPECT_TRUE(a.owners[0].protectedZone);
    EXPECT_EQ(a.owners[0].contact, "J. Jansen, 050-1234567");
    EXPECT_EQ(a.owners[1].owner, "KPN");
}

TEST(Plan, WorkingDaysMatchTheCalendar) {
    // 2022-01-28 was a Friday.
    const auto fri = model::Date::of(2022, 1, 28);
    EXPECT_EQ(plan::workingDaysBetween(fri, fri), 0);
    EXPECT_EQ(plan::workingDaysBetween(fri, model::Date::of(2022, 1, 30)), 0);  // the weekend
    EXPECT_EQ(plan::workingDaysBetween(fri, model::Date::of(2022, 1, 31)), 1);
    EXPECT_EQ(plan::workingDaysBetween(fri, model::Date::of(2022, 2, 4)), 5);
    // Against std::chrono's calendar on random spans.
    std::mt19937 rng(9);
    for (int n = 0; n < 200; ++n) {
        const std::chrono::sys_days a{std::chrono::days{18000 + static_cast<int>(rng() % 4000)}};
        const std::chrono::sys_days b = a + std::chrono::days{static_cast<int>(rng() % 90)};
        int expected = 0;
        for (auto d = a + std::chrono::days{1}; d <= b; d += std::chrono::days{1}) {
            const std::chrono::weekday w{d};
            expected += w != std::chrono::Saturday && w != std::chrono::Sunday;
        }
        auto date = [](std::chrono::sys_days d) {
            const std::chrono::year_month_day ymd{d};
            return model::Date::of(static_cast<int>(ymd.year()),
                                   static_cast<int>(static_cast<unsigned>(ymd.month())),
                                   static_cast<int>(static_cast<unsigned>(ymd.day())));
        };
        EXPECT_EQ(plan::workingDaysBetween(date(a), date(b)), expected);
    }
}

TEST(Plan, AKlicDeliveryIsCheckedAgainstItsTwentyWorkingDays) {
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o;
    o.groundLevel = model::GroundLevel(1.0);
    o.format = "klic";
    const std::string file = test::sharedData() + "/klic/b4udignl_22G064233_1_GI_small.xml";
    ASSERT_TRUE(io::readSource(file, o, ds, report));
    // The request area carries the delivery's date (imkl:datumLeveringSamengesteld).
    std::vector<core::Vec2> area;
    for (const auto& f : ds.features)
        for (const auto& attr : ds.attributesOf(f))
            if (ds.str(attr.key) == "klic_leverdatum") {
                EXPECT_EQ(model::toString(attr.value), "2022-01-28");
                const auto& p = ds.prisms[f.geometry];
                const auto& r = ds.rings[p.firstRing];
                area.assign(ds.footprintPoints.begin() + r.firstPoint,
                            ds.footprintPoints.begin() + r.firstPoint + r.pointCount);
            }
    ASSERT_GE(area.size(), 3u);
    auto qualityAt = [&](model::Date today) {
        plan::AreaContext ctx;
        ctx.today = today;
        std::string q;
        for (const auto& line : plan::analyseArea(ds, area, ctx).quality) q += line + "\n";
        return q;
    };
    EXPECT_NE(qualityAt(model::Date::of(2022, 2, 10)).find("nog geldig (9 van 20 werkdagen)"),
              std::string::npos)
        << qualityAt(model::Date::of(2022, 2, 10));
    EXPECT_NE(qualityAt(model::Date::of(2022, 3, 1)).find("22 werkdagen oud"), std::string::npos)
        << qualityAt(model::Date::of(2022, 3, 1));
}
