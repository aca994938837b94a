// Drawn measures: the objects a measure becomes, the editor's live clashes against an independent
// full clash run on random edits in the sample district, undo and redo, storing in a project and
// exporting for import.
#include <bodemzicht/clash/ClashDetector.h>
#include <bodemzicht/clash/ClashModel.h>
#include <bodemzicht/design/Measure.h>
#include <bodemzicht/design/MeasureEditor.h>
#include <bodemzicht/io/DesignStore.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/sample/SampleDistrict.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <tuple>

#include "../TestSupport.h"

using namespace bz;
using design::Measure;
using design::MeasureKind;

namespace {

// Distance from p to the infinite line through a and b, signed: positive to the left.
double signedDistance(core::Vec2 p, core::Vec2 a, core::Vec2 b) {
    const core::Vec2 d = b - a;
    return (d.x * (p.y - a.y) - d.y * (p.x - a.x)) / core::length(d);
}

// What identifies a clash row for comparison: ids, kind, distance to the millimetre.
using ClashKey = std::tuple<std::string, std::string, int, long>;
std::vector<ClashKey> keys(const std::vector<clash::Clash>& clashes) {
    std::vector<ClashKey> out;
    for (const auto& c : clashes)
        out.emplace_back(c.aId, c.bId, static_cast<int>(c.kind), std::lround(c.distanceM * 1000));
    std::sort(out.begin(), out.end());
    return out;
}

// The reference: the clash core over the whole dataset (every object of the project), checking
// the measures' objects; rows that involve them.
std::vector<clash::Clash> fullRun(const model::Dataset& ds, const design::MeasureEditor& editor,
                                  const model::GroundLevel& ground) {
    std::vector<std::uint32_t> features;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < editor.measures().size(); ++i)
        for (auto fi : editor.featuresOf(i)) features.push_back(fi), ids.insert(ds.features[fi].id);
    if (features.empty()) return {};
    clash::ClashModel model(ds, clash::RuleSet::dutchDefault(), ground);
    clash::ClashOptions options;
    options.onlyFeatures = features;
    std::vector<clash::Clash> out;
    for (auto& c :
         clash::ClashDetector(model, clash::RuleSet::dutchDefault(), options).findClashes().clashes)
        if (ids.count(c.aId) || ids.count(c.bId)) out.push_back(std::move(c));
    return out;
}

sample::SampleOptions smallDistrict() {
    sample::SampleOptions o;
    o.blocks = 2;
    return o;
}

}  // namespace

TEST(Measure, OffsetPolylineKeepsItsDistanceFromEverySegment) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> coord(-50, 50);
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<core::Vec2> line{{coord(rng), coord(rng)}};
        // Bends of at most 100 degrees, so the mitre limit is not reached.
        double heading = coord(rng);
        for (int k = 0; k < 5; ++k) {
            heading += std::uniform_real_distribution<double>(-1.7, 1.7)(rng);
            line.push_back(line.back() + core::Vec2{std::cos(heading), std::sin(heading)} *
                                             std::uniform_real_distribution<double>(2, 20)(rng));
        }
        const double offset = std::uniform_real_distribution<double>(-1.5, 1.5)(rng);
        const auto out = design::offsetPolyline(line, offset);
        ASSERT_EQ(out.size(), line.size());
        for (std::size_t i = 0; i < out.size(); ++i) {
            if (i > 0) {
                EXPECT_NEAR(signedDistance(out[i], line[i - 1], line[i]), offset, 1e-9);
            }
            if (i + 1 < out.size()) {
                EXPECT_NEAR(signedDistance(out[i], line[i], line[i + 1]), offset, 1e-9);
            }
        }
    }
}

TEST(Measure, AHeatNetworkIsTwoPipesAtTheirCoverDepth) {
    model::Dataset ds;
    auto m = design::defaultMeasure(MeasureKind::HeatNetwork);
    m.id = "W1";
    m.owner = "Warmtebedrijf";
    m.points = {{100, 200}, {150, 200}};
    m.topDepthM = 0.9;
    m.sizeM = 0.3;
    m.pairSpacingM = 0.7;
    auto added = design::addMeasure(m, model::GroundLevel(4.0), ds);
    ASSERT_TRUE(added) << added.error().toString();
    ASSERT_EQ(added->size(), 2u);
    const auto& supply = ds.features[(*added)[0]];
    const auto& ret = ds.features[(*added)[1]];
    EXPECT_EQ(supply.id, "W1-aanvoer");
    EXPECT_EQ(ret.id, "W1-retour");
    EXPECT_EQ(supply.status, model::ObjectStatus::Proposed);
    EXPECT_EQ(supply.type, model::ObjectType::HeatPipe);
    EXPECT_EQ(ds.str(supply.owner), "Warmtebedrijf");
    const auto& g = ds.linears[supply.geometry];
    EXPECT_FLOAT_EQ(g.outerDiameterM, 0.3f);
    const auto a = ds.vertices[g.firstVertex];
    const auto b = ds.vertices[ds.linears[ret.geometry].firstVertex];
    EXPECT_NEAR(a.z, 4.0 - 0.9 - 0.15, 1e-9);  // ground - cover - radius
    EXPECT_NEAR(a.y - b.y, 0.7, 1e-9);         // supply on the left of the route's direction
    EXPECT_NEAR(ds.vertexDepths[g.firstVertex].belowGroundM, 1.05f, 1e-6);
    EXPECT_EQ(ds.vertexDepths[g.firstVertex].provenance, model::DepthProvenance::Measured);
}

TEST(Measure, BodiesAndWellsTakeTheirSizeAndDepth) {
    model::Dataset ds;
    const model::GroundLevel ground(2.0);
    auto pit = design::defaultMeasure(MeasureKind::TreePit);
    pit.id = "BP";
    pit.points = {{10, 10}};
    pit.sizeM = 2.0;
    pit.heightM = 1.5;
    auto p = design::addMeasure(pit, ground, ds);
    ASSERT_TRUE(p) << p.error().toString();
    const auto& prism = ds.prisms[ds.features[p->at(0)].geometry];
    EXPECT_NEAR(prism.topZ, 2.0, 1e-9);
    EXPECT_NEAR(prism.bottomZ, 0.5, 1e-9);
    const auto b = ds.featureBounds(ds.features[p->at(0)]);
    EXPECT_NEAR(b.hi.x - b.lo.x, 2.0, 1e-9);

    auto well = design::defaultMeasure(MeasureKind::WkoWell);
    well.id = "WKO";
    well.points = {{50, 50}};
    well.storedVolumeM3 = 30000;
    well.temperature = "koud";
    auto w = design::addMeasure(well, ground, ds);
    ASSERT_TRUE(w) << w.error().toString();
    const auto* detail = ds.wellOf(ds.features[w->at(0)]);
    ASSERT_NE(detail, nullptr);
    EXPECT_NEAR(detail->screenTopZ, 2.0 - 60, 1e-9);
    EXPECT_NEAR(detail->screenBottomZ, 2.0 - 90, 1e-9);
    EXPECT_EQ(detail->temperature, "koud");
    EXPECT_DOUBLE_EQ(detail->storedVolumeM3, 30000);

    // Refused with the reason: too few points, no ground below a depth below ground.
    auto wadi = design::defaultMeasure(MeasureKind::Wadi);
    wadi.id = "WADI";
    wadi.points = {{0, 0}, {5, 0}};
    auto bad = design::addMeasure(wadi, ground, ds);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("at least 3 points"), std::string::npos);
    auto cable = design::defaultMeasure(MeasureKind::Cable);
    cable.id = "K";
    cable.points = {{0, 0}, {5, 0}};
    auto noGround = design::addMeasure(cable, model::GroundLevel(), ds);
    ASSERT_FALSE(noGround);
    EXPECT_NE(noGround.error().message.find("m NAP"), std::string::npos);
    cable.depthIsNap = true;
    cable.topDepthM = -1.0;
    EXPECT_TRUE(design::addMeasure(cable, model::GroundLevel(), ds));
}

TEST(Measure, JsonRoundTripsAndRefusesWhatIsNotAMeasure) {
    auto m = design::defaultMeasure(MeasureKind::WkoWell);
    m.id = "WKO-9";
    m.points = {{155000.125, 463000.5}};
    m.temperature = "koud";
    m.year = 2029;
    auto back = design::measureFromJson(design::toJson(m));
    ASSERT_TRUE(back) << back.error().toString();
    EXPECT_EQ(*back, m);
    for (const char* bad :
         {"", "[1,2]", "{\"kind\":\"cable\"}", "{\"kind\":\"rocket\",\"id\":\"x\"}",
          "{\"kind\":\"cable\",\"id\":\"x\",\"points\":[[1,2]]}",
          "{\"kind\":\"cable\",\"id\":\"x\",\"points\":[[1,\"a\"],[3,4]]}"})
        EXPECT_FALSE(design::measureFromJson(bad)) << bad;
}

TEST(MeasureEditor, LiveClashesEqualAFullClashRunOnRandomEdits) {
    const auto options = smallDistrict();
    model::Dataset ds = sample::generateDistrict(options);
    const auto base = ds.features.size();
    const auto extent = ds.bounds();
    const model::GroundLevel ground(
        sample::sampleGroundLevel(options, extent.center().x, extent.center().y));
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> x(extent.lo.x + 5, extent.hi.x - 5);
    std::uniform_real_distribution<double> y(extent.lo.y + 5, extent.hi.y - 5);
    std::uniform_real_distribution<double> unit(0, 1);
    std::size_t clashesSeen = 0;
    {
        design::MeasureEditor editor(ds, clash::RuleSet::dutchDefault(), ground);
        for (int step = 0; step < 40; ++step) {
            const auto n = editor.measures().size();
            if (n == 0 || unit(rng) < 0.4) {
                const auto kind =
                    design::kMeasureKinds[static_cast<std::size_t>(unit(rng) * 7) % 7];
                auto m = design::defaultMeasure(kind);
                core::Vec2 p{x(rng), y(rng)};
                m.points = {p};
                if (design::isLinear(kind))
                    m.points.push_back(p +
                                       core::Vec2{30 * (unit(rng) - 0.5), 30 * (unit(rng) - 0.5)});
                if (kind == MeasureKind::Wadi)
                    m.points = {p, p + core::Vec2{8, 0}, p + core::Vec2{4, 6}};
                m.topDepthM = isLinear(kind) && kind != MeasureKind::Trench ? 0.3 + unit(rng) : 0;
                ASSERT_TRUE(editor.add(m)) << step;
            } else {
                // Drag a vertex of a random measure by up to a metre and a half, in three moves.
                const auto i = static_cast<std::size_t>(unit(rng) * n) % n;
                auto m = editor.measures()[i];
                const auto v =
                    static_cast<std::size_t>(unit(rng) * m.points.size()) % m.points.size();
                editor.beginDrag();
                for (int k = 0; k < 3; ++k) {
                    m.points[v] = m.points[v] + core::Vec2{unit(rng) - 0.5, unit(rng) - 0.5};
                    ASSERT_TRUE(editor.drag(i, m));
                }
                editor.endDrag();
            }
            const auto reference = fullRun(ds, editor, ground);
            ASSERT_EQ(keys(editor.clashes()), keys(reference)) << "after step " << step;
            clashesSeen += reference.size();
        }
        // Wells: a proposed well far (70 m) from the existing warm one still interferes: the
        // check does not stop at the neighbourhood around the measure.
        EXPECT_GT(editor.lastNeighbourCount(), 0u);
    }
    EXPECT_GT(clashesSeen, 20u);          // the random edits did hit the networks
    EXPECT_EQ(ds.features.size(), base);  // the editor takes its objects with it
}

TEST(MeasureEditor, UndoAndRedoRestoreEveryStateAndADragIsOneStep) {
    const auto options = smallDistrict();
    model::Dataset ds = sample::generateDistrict(options);
    const auto base = ds.features.size();
    const model::GroundLevel ground(sample::sampleGroundLevel(options, 0, 0));
    design::MeasureEditor editor(ds, clash::RuleSet::dutchDefault(), ground);
    EXPECT_FALSE(editor.canUndo());
    const auto c = ds.bounds().center();
    auto heat = design::defaultMeasure(MeasureKind::HeatNetwork);
    heat.points = {{c.x - 40, c.y}, {c.x + 40, c.y}};
    auto i = editor.add(heat);
    ASSERT_TRUE(i);
    EXPECT_EQ(editor.measures()[*i].id, "ONTWERP-1");
    const auto afterAdd = editor.measures();
    const auto clashesAfterAdd = keys(editor.clashes());
    EXPECT_EQ(ds.features.size(), base + 2);

    editor.beginDrag();
    auto moved = editor.measures()[0];
    for (int k = 0; k < 5; ++k) {
        moved.points[1].y += 1.0;
        ASSERT_TRUE(editor.drag(0, moved));
    }
    editor.endDrag();
    const auto afterDrag = editor.measures();
    auto pit = design::defaultMeasure(MeasureKind::TreePit);
    pit.points = {{c.x, c.y + 3}};
    ASSERT_TRUE(editor.add(pit));
    EXPECT_EQ(editor.measures()[1].id, "ONTWERP-2");
    ASSERT_TRUE(editor.remove(0));
    EXPECT_EQ(ds.features.size(), base + 1);

    ASSERT_TRUE(editor.undo());  // the removal
    EXPECT_EQ(editor.measures().size(), 2u);
    ASSERT_TRUE(editor.undo());  // the tree pit
    EXPECT_EQ(editor.measures(), afterDrag);
    ASSERT_TRUE(editor.undo());  // the whole drag at once
    EXPECT_EQ(editor.measures(), afterAdd);
    EXPECT_EQ(keys(editor.clashes()), clashesAfterAdd);
    EXPECT_EQ(keys(editor.clashes()), keys(fullRun(ds, editor, ground)));
    ASSERT_TRUE(editor.undo());
    EXPECT_TRUE(editor.measures().empty());
    EXPECT_EQ(ds.features.size(), base);
    EXPECT_FALSE(editor.undo());
    ASSERT_TRUE(editor.redo());
    ASSERT_TRUE(editor.redo());
    EXPECT_EQ(editor.measures(), afterDrag);
    EXPECT_EQ(keys(editor.clashes()), keys(fullRun(ds, editor, ground)));
    // A new change drops what could be redone.
    ASSERT_TRUE(editor.change(0, heat));
    EXPECT_FALSE(editor.canRedo());

    // A change that cannot become objects is refused and changes nothing.
    auto broken = editor.measures()[0];
    broken.points.resize(1);
    const auto before = editor.measures();
    EXPECT_FALSE(editor.change(0, broken));
    EXPECT_EQ(editor.measures(), before);
    // An id the project uses is refused.
    auto clash = design::defaultMeasure(MeasureKind::Cable);
    clash.id = ds.features[0].id;
    clash.points = {{c.x, c.y}, {c.x + 5, c.y}};
    EXPECT_FALSE(editor.add(clash));
}

TEST(DesignStore, StoresReplacesAndExportsTheDrawnMeasures) {
    test::ScratchDir dir("design_store");
    const auto options = smallDistrict();
    model::Dataset ds = sample::generateDistrict(options);
    const std::string project = dir.file("p.gpkg");
    ASSERT_TRUE(io::writeProject(ds, project));
    const model::GroundLevel ground(sample::sampleGroundLevel(options, 0, 0));
    const auto c = ds.bounds().center();
    design::MeasureEditor editor(ds, clash::RuleSet::dutchDefault(), ground);
    for (auto kind : design::kMeasureKinds) {
        auto m = design::defaultMeasure(kind);
        m.points = {{c.x, c.y}};
        if (design::isLinear(kind)) m.points.push_back({c.x + 20, c.y + 5});
        if (kind == MeasureKind::Wadi) m.points = {{c.x, c.y}, {c.x + 6, c.y}, {c.x + 3, c.y + 4}};
        ASSERT_TRUE(editor.add(m)) << toCode(kind);
    }
    const auto design = editor.designDataset();
    ASSERT_EQ(design.features.size(), 8u);  // the heat network is two pipes

    auto stored = io::storeDesign(project, design);
    ASSERT_TRUE(stored) << stored.error().toString();
    EXPECT_EQ(*stored, 0u);
    auto back = io::readDesign(project);
    ASSERT_TRUE(back);
    ASSERT_EQ(back->features.size(), 8u);
    for (const auto& f : design.features) {
        auto fi = back->find(f.id);
        ASSERT_TRUE(fi) << f.id;
        EXPECT_EQ(back->features[*fi].status, model::ObjectStatus::Proposed);
        EXPECT_EQ(back->features[*fi].type, f.type);
    }
    const auto well = back->find(editor.measures().back().id);
    ASSERT_TRUE(well);
    const auto* screen = back->wellOf(back->features[*well]);  // screen and volume kept
    ASSERT_NE(screen, nullptr);
    EXPECT_DOUBLE_EQ(screen->storedVolumeM3, 50000);
    // The rest of the project is still there, and a second store replaces the first.
    io::ImportReport report;
    auto whole = io::readProject(project, report);
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->features.size(), ds.features.size());
    ASSERT_TRUE(editor.remove(0));
    stored = io::storeDesign(project, editor.designDataset());
    ASSERT_TRUE(stored);
    EXPECT_EQ(*stored, 8u);
    EXPECT_EQ(io::readDesign(project)->features.size(), 6u);

    // Opened again, the measures come back out of the project for editing, exactly as drawn.
    io::ImportReport again;
    auto reopened = io::readProject(project, again);
    ASSERT_TRUE(reopened);
    std::vector<std::string> problems;
    auto measures = design::takeStoredMeasures(*reopened, problems);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(reopened->features.size(), ds.features.size() - 6);  // the editor's objects
    std::sort(measures.begin(), measures.end(),
              [](const Measure& a, const Measure& b) { return a.id < b.id; });
    auto drawn = editor.measures();
    std::sort(drawn.begin(), drawn.end(),
              [](const Measure& a, const Measure& b) { return a.id < b.id; });
    EXPECT_EQ(measures, drawn);
    design::MeasureEditor second(*reopened, clash::RuleSet::dutchDefault(), ground);
    EXPECT_TRUE(second.load(measures).empty());
    EXPECT_FALSE(second.unsaved());
    EXPECT_FALSE(second.canUndo());
    EXPECT_EQ(reopened->features.size(), ds.features.size());

    // GeoJSON in the import schema: bodem import reads every object back as a proposal.
    const std::string geojson = dir.file("ontwerp.geojson");
    ASSERT_TRUE(io::exportDesign(design, geojson));
    model::Dataset read;
    io::ImportReport readReport;
    io::ReadOptions ro;
    ro.groundLevel = ground;
    ASSERT_TRUE(io::readSource(geojson, ro, read, readReport));
    EXPECT_EQ(readReport.skipped(), 0u);
    ASSERT_EQ(read.features.size(), 8u);
    for (std::size_t i = 0; i < 8; ++i) {
        ASSERT_EQ(read.features[i].id, design.features[i].id);
        EXPECT_EQ(read.features[i].status, model::ObjectStatus::Proposed);
        EXPECT_EQ(read.features[i].kind(), design.features[i].kind());
        const auto a = read.featureBounds(read.features[i]);
        const auto b = design.featureBounds(design.features[i]);
        EXPECT_NEAR(a.lo.z, b.lo.z, 0.01) << read.features[i].id;
        EXPECT_NEAR(a.hi.x, b.hi.x, 0.01) << read.features[i].id;
    }
    EXPECT_FALSE(io::exportDesign(design, dir.file("ontwerp.txt")));
}
