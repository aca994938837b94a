// Rendering tests: headless under xvfb-run (Mesa llvmpipe), asserting on pixels.
#include <bodemzicht/render/Picking.h>
#include <bodemzicht/render/SceneRenderer.h>
#include <bodemzicht/sample/SampleDistrict.h>

#include <bodemzicht/model/MemoryField.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "../TestSupport.h"
#include "RequireDisplay.h"

using namespace bz;

namespace {

constexpr double X0 = 250000, Y0 = 470000;

// A 1 m thick laagspanning cable along x through (X0, Y0) at 4 m NAP, plus a corner marker
// object so the scene has extent.
model::Dataset cableScene() {
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "LS-TEST";
    m.theme = "laagspanning";
    m.type = model::ObjectType::Cable;
    std::vector<model::VertexDepth> d(2, {model::DepthProvenance::Measured, 0.05f});
    ds.addLinear(m, {{X0 - 20, Y0, 4}, {X0 + 20, Y0, 4}}, d, 1.0f);
    m.id = "W-TEST";
    m.theme = "water";
    m.type = model::ObjectType::Pipe;
    ds.addLinear(m, {{X0 - 20, Y0 + 10, 4}, {X0 + 20, Y0 + 10, 4}}, d, 1.0f);
    return ds;
}

bool reddish(render::Rgb c) {
    return c.r > 60 && c.r > 2 * c.g && c.r > 2 * c.b;
}
bool bluish(render::Rgb c) {
    return c.b > 80 && c.b > 2 * c.r && c.b > 2 * c.g;
}

render::RenderOptions topView() {
    render::RenderOptions o;
    o.width = 320;
    o.height = 240;
    o.view = "top";
    return o;
}

// Pixels of the image's centre column (the column through the scene's centre) matching pred.
template <typename Pred>
int inCentreColumn(const render::Image& img, Pred pred) {
    int n = 0;
    for (int y = 0; y < img.height; ++y) n += pred(img.at(img.width / 2, y));
    return n;
}

}  // namespace

TEST(SceneRenderer, ThemeColoursAppearWhereTheObjectsAre) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto img = render::renderImage(ds, model::GroundLevel(), topView());
    ASSERT_TRUE(img) << img.error().toString();
    ASSERT_EQ(img->width, 320);
    // The view is centred on the scene: the LS cable (WION dark red) is below the centre, the
    // water main (blue) above it; the corners show the background.
    int red = inCentreColumn(*img, reddish), blue = inCentreColumn(*img, bluish);
    EXPECT_GT(red, 2);
    EXPECT_GT(blue, 2);
    int firstRed = -1, firstBlue = -1;
    for (int y = 0; y < img->height; ++y) {
        if (firstRed < 0 && reddish(img->at(img->width / 2, y))) firstRed = y;
        if (firstBlue < 0 && bluish(img->at(img->width / 2, y))) firstBlue = y;
    }
    EXPECT_LT(firstBlue, firstRed);  // north (water, +10 m) is up in the top view
    auto corner = img->at(2, 2);
    EXPECT_FALSE(reddish(corner) || bluish(corner));
}

TEST(SceneRenderer, XrayShowsWhatTheOpaqueGroundHides) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    model::GroundLevel ground(5.0);  // the cables lie a metre below it
    auto o = topView();
    o.groundOpacity = 1.0;
    auto opaque = render::renderImage(ds, ground, o);
    o.groundOpacity = 0.0;
    auto xray = render::renderImage(ds, ground, o);
    ASSERT_TRUE(opaque && xray);
    EXPECT_EQ(inCentreColumn(*opaque, reddish), 0);
    EXPECT_GT(inCentreColumn(*xray, reddish), 2);
}

TEST(SceneRenderer, VerticalExaggerationChangesTheImage) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    model::Dataset::Meta m;
    m.id = "DEEP";
    m.theme = "rioolVrijverval";
    m.type = model::ObjectType::SewerPipe;
    std::vector<model::VertexDepth> d(2, {model::DepthProvenance::Measured, 0.05f});
    ds.addLinear(m, {{X0 - 20, Y0 + 5, 1}, {X0 + 20, Y0 + 5, 1}}, d, 0.6f);
    render::RenderOptions o;
    o.width = 320;
    o.height = 240;
    o.view = "street";
    auto flat = render::renderImage(ds, model::GroundLevel(), o);
    o.verticalExaggeration = 5;
    auto tall = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(flat && tall);
    std::size_t differing = 0;
    for (std::size_t i = 0; i < flat->rgb.size(); i += 3)
        differing += flat->rgb[i] != tall->rgb[i] || flat->rgb[i + 1] != tall->rgb[i + 1] ||
                     flat->rgb[i + 2] != tall->rgb[i + 2];
    EXPECT_GT(differing, flat->rgb.size() / 3 / 50);  // more than 2 % of the pixels
}

TEST(SceneRenderer, ClashHighlightAppearsAtTheReportedLocation) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    // A hard-clash marker half way between the cables (centre of the view), where nothing was.
    o.clashes.push_back({{X0, Y0 + 5, 4}, "hard", "C1", "certain"});
    auto without = render::renderImage(ds, model::GroundLevel(), topView());
    auto with = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(without && with);
    auto c0 = without->at(o.width / 2, o.height / 2), c1 = with->at(o.width / 2, o.height / 2);
    EXPECT_FALSE(c0.r > 200 && c0.g < 60);
    EXPECT_TRUE(c1.r > 150 && c1.g < 80 && c1.b < 80)
        << int(c1.r) << "," << int(c1.g) << "," << int(c1.b);
}

TEST(SceneRenderer, PickingReturnsTheFeatureUnderAPixel) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    auto img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img);
    int yRed = -1, yBlue = -1;
    for (int y = 0; y < o.height; ++y) {
        if (yRed < 0 && reddish(img->at(o.width / 2, y))) yRed = y;
        if (yBlue < 0 && bluish(img->at(o.width / 2, y))) yBlue = y;
    }
    ASSERT_GE(yRed, 0);
    auto red = render::pickFeature(ds, model::GroundLevel(), o, o.width / 2, yRed + 1);
    auto blue = render::pickFeature(ds, model::GroundLevel(), o, o.width / 2, yBlue + 1);
    auto none = render::pickFeature(ds, model::GroundLevel(), o, 2, 2);
    ASSERT_TRUE(red && blue && none);
    EXPECT_EQ(ds.features.at(static_cast<std::size_t>(*red)).id, "LS-TEST");
    EXPECT_EQ(ds.features.at(static_cast<std::size_t>(*blue)).id, "W-TEST");
    EXPECT_EQ(*none, -1);
}

TEST(SceneRenderer, RendersStayPutAtRdCoordinates) {
    // Rendering relative to a local origin: the same scene shifted by 0.5 mm in RD renders the
    // same.
    REQUIRE_DISPLAY();
    auto a = cableScene();
    auto b = cableScene();
    for (auto& v : b.vertices) v.x += 0.0005;
    EXPECT_EQ(render::renderOrigin(a), render::renderOrigin(b));
    auto ia = render::renderImage(a, model::GroundLevel(), topView());
    auto ib = render::renderImage(b, model::GroundLevel(), topView());
    ASSERT_TRUE(ia && ib);
    std::size_t differing = 0;
    for (std::size_t i = 0; i < ia->rgb.size(); ++i)
        differing += std::abs(int(ia->rgb[i]) - int(ib->rgb[i])) > 8;
    EXPECT_LT(differing, 20u);
}

TEST(SceneRenderer, SampleDistrictScreenshotIsNotBlank) {
    REQUIRE_DISPLAY();
    test::ScratchDir dir("render");
    auto project = sample::writeSampleDistrict(dir.path().string(), {});
    ASSERT_TRUE(project);
    auto r = test::run("cd " + dir.path().string() + " && " + std::string(BODEMZICHT_BINARY_DIR) +
                       "/app/bodemzicht " + *project + " --screenshot shot.png --size 640x360");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("wrote shot.png (640x360)"), std::string::npos);
    // Decode through the renderer's own image type: render the same and compare variety.
    sample::SampleOptions o;
    auto ds = sample::generateDistrict(o);
    render::RenderOptions ro;
    ro.width = 640;
    ro.height = 360;
    auto img = render::renderImage(ds, model::GroundLevel(24.0), ro);
    ASSERT_TRUE(img);
    std::set<std::uint32_t> colours;
    std::size_t nonBackground = 0;
    auto bg = img->at(0, 0);
    for (int y = 0; y < img->height; ++y)
        for (int x = 0; x < img->width; ++x) {
            auto c = img->at(x, y);
            colours.insert((c.r << 16) | (c.g << 8) | c.b);
            nonBackground += c.r != bg.r || c.g != bg.g || c.b != bg.b;
        }
    EXPECT_GT(colours.size(), 50u);
    EXPECT_GT(nonBackground, static_cast<std::size_t>(img->width * img->height / 10));
    EXPECT_GT(std::filesystem::file_size(dir.file("shot.png")), 10000u);
}

TEST(SceneRenderer, ImportedKlicDeliveryShowsInTheViewer) {
    REQUIRE_DISPLAY();
    test::ScratchDir dir("render_klic");
    std::string zip = test::sharedData() + "/klic/Levering_22G003180_1.zip";
    auto imp = test::run(test::bodem() + " import " + zip + " --into " + dir.file("k.gpkg") +
                         " --ground-level 10");
    ASSERT_EQ(imp.exitCode, 0) << imp.output;
    auto r =
        test::run(std::string(BODEMZICHT_BINARY_DIR) + "/app/bodemzicht " + dir.file("k.gpkg") +
                  " --view top --size 480x320 --screenshot " + dir.file("k.png"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_GT(std::filesystem::file_size(dir.file("k.png")), 3000u);
}

TEST(SceneRenderer, LayerVisibilityAndDepthSliceHideObjects) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();  // both cables at 4 m NAP, layer "" (empty)
    model::Dataset::Meta m;
    m.id = "DEEP";
    m.theme = "rioolVrijverval";
    m.layer = "gwsw";
    m.type = model::ObjectType::SewerPipe;
    std::vector<model::VertexDepth> d(2, {model::DepthProvenance::Measured, 0.05f});
    ds.addLinear(m, {{X0 - 20, Y0 + 5, 1}, {X0 + 20, Y0 + 5, 1}}, d, 1.0f);
    auto purple = [](render::Rgb c) { return c.r > 100 && c.b > 80 && c.g < 100; };
    auto o = topView();
    auto all = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(all);
    EXPECT_GT(inCentreColumn(*all, purple), 2);
    o.hiddenLayers.insert("gwsw");
    auto hidden = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(hidden);
    EXPECT_EQ(inCentreColumn(*hidden, purple), 0);
    EXPECT_GT(inCentreColumn(*hidden, reddish), 2);
    // A slice from 3 to 5 m NAP keeps the cables at 4 m and drops the sewer at 1 m.
    auto s = topView();
    s.sliceBottomZ = 3;
    s.sliceTopZ = 5;
    auto sliced = render::renderImage(ds, model::GroundLevel(), s);
    ASSERT_TRUE(sliced);
    EXPECT_EQ(inCentreColumn(*sliced, purple), 0);
    EXPECT_GT(inCentreColumn(*sliced, bluish), 2);
}

TEST(SceneRenderer, LargeProjectsDrawNetworksAsLinesInTheirThemeColours) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    o.networkStyle = render::RenderOptions::NetworkStyle::Lines;
    auto img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img);
    int red = inCentreColumn(*img, reddish), blue = inCentreColumn(*img, bluish);
    // Lines are a couple of pixels wide: fewer pixels than the 1 m tubes, same colours.
    EXPECT_GE(red, 1);
    EXPECT_GE(blue, 1);
    auto tubes = render::renderImage(ds, model::GroundLevel(), topView());
    ASSERT_TRUE(tubes);
    EXPECT_GT(inCentreColumn(*tubes, reddish), red);
}

TEST(SceneRenderer, SelectedClashShowsTheViolatedClearanceEnvelope) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    auto plain = render::renderImage(ds, model::GroundLevel(), o);
    o.highlight = {0, 1, 2.0, "hard", std::nullopt};  // LS cable and water main, 2 m required
    auto lit = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(plain && lit);
    auto redTint = [](render::Rgb c) { return c.r > c.g + 40 && c.r > c.b + 40; };
    int before = inCentreColumn(*plain, redTint), after = inCentreColumn(*lit, redTint);
    // The envelope (1 m tube radius + 2 m clearance around both) covers much more of the column.
    EXPECT_GT(after, before + 10) << before << " -> " << after;
}

TEST(SceneRenderer, AssumedDepthsCanShowTheirUncertaintyBand) {
    REQUIRE_DISPLAY();
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "ASSUMED";
    m.theme = "water";
    m.type = model::ObjectType::Pipe;
    std::vector<model::VertexDepth> d(2, {model::DepthProvenance::Assumed, 1.0f});
    ds.addLinear(m, {{X0 - 20, Y0, 4}, {X0 + 20, Y0, 4}}, d, 0.3f);
    render::RenderOptions o;
    o.width = 320;
    o.height = 240;
    o.view = "street";
    auto plain = render::renderImage(ds, model::GroundLevel(), o);
    o.showUncertainty = true;
    auto band = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(plain && band);
    int before = 0, after = 0;
    for (int y = 0; y < o.height; ++y)
        for (int x = 0; x < o.width; x += 4) {
            auto a = plain->at(x, y), b = band->at(x, y);
            before += a.b > a.r + 30;
            after += b.b > b.r + 30;
        }
    EXPECT_GT(after, before + 20) << before << " -> " << after;  // a 2 m high blue sheet appears
}

TEST(SceneRenderer, SeeThroughLensShowsWhatTheGroundHidesAroundItsCentre) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    model::GroundLevel ground(5.0);
    auto o = topView();
    o.groundOpacity = 1.0;
    auto closed = render::renderImage(ds, ground, o);
    o.lensRadiusPx = 200;
    o.lensCenterPx = {o.width / 2.0, o.height / 2.0};
    auto lens = render::renderImage(ds, ground, o);
    ASSERT_TRUE(closed && lens);
    EXPECT_EQ(inCentreColumn(*closed, reddish), 0);
    EXPECT_GT(inCentreColumn(*lens, reddish), 2);
    // Outside the lens the ground still hides everything: the image corners look alike.
    auto a = closed->at(3, 3), b = lens->at(3, 3);
    EXPECT_EQ(a.r, b.r);
    EXPECT_EQ(a.g, b.g);
}

TEST(SceneRenderer, LayerOpacityFadesOneLayer) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();  // both cables in layer ""
    auto o = topView();
    auto full = render::renderImage(ds, model::GroundLevel(), o);
    o.layerOpacity[""] = 0.25;
    auto faded = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(full && faded);
    // Where the LS cable is drawn, the faded image is much closer to the light background.
    int y = -1;
    for (int k = 0; k < o.height && y < 0; ++k)
        if (reddish(full->at(o.width / 2, k))) y = k + 1;
    ASSERT_GE(y, 0);
    auto a = full->at(o.width / 2, y), b = faded->at(o.width / 2, y);
    EXPECT_GT(int(b.g), int(a.g) + 60) << int(a.g) << " -> " << int(b.g);
}

TEST(SceneRenderer, LevelOfDetailDrawsFarCablesWithinAPixelOrTwoOfTheExactLines) {
    REQUIRE_DISPLAY();
    // Forty cables 0.25 m apart along x over 800 m in 2 m pieces, seen from above: a pixel covers
    // about 3 m, so the tiled level of detail clusters them; the band they cover must stay put.
    model::Dataset ds;
    model::Dataset::Meta m;
    m.theme = "laagspanning";
    m.type = model::ObjectType::Cable;
    for (int c = 0; c < 40; ++c) {
        m.id = "LS-" + std::to_string(c);
        std::vector<core::Vec3> v;
        for (double x = 0; x <= 800; x += 2) v.push_back({X0 + x, Y0 + 0.25 * c, 4});
        std::vector<model::VertexDepth> d(v.size(), {model::DepthProvenance::Measured, 0.05f});
        ds.addLinear(m, v, d, 0.1f);
    }
    auto o = topView();
    auto lod = render::renderImage(ds, model::GroundLevel(), o);
    o.networkStyle = render::RenderOptions::NetworkStyle::Lines;
    auto exact = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(lod && exact);
    for (int x : {40, 160, 280}) {
        int lo[2] = {-1, -1}, hi[2] = {-1, -1};
        const render::Image* imgs[2] = {&*lod, &*exact};
        for (int i = 0; i < 2; ++i)
            for (int y = 0; y < imgs[i]->height; ++y)
                if (reddish(imgs[i]->at(x, y))) {
                    if (lo[i] < 0) lo[i] = y;
                    hi[i] = y;
                }
        ASSERT_GE(lo[0], 0) << "column " << x;
        ASSERT_GE(lo[1], 0) << "column " << x;
        EXPECT_NEAR(lo[0], lo[1], 2) << "column " << x;
        EXPECT_NEAR(hi[0], hi[1], 2) << "column " << x;
    }
}

TEST(SceneRenderer, GroundwaterLevelsAreSheetsAtTheirHeight) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();  // cables at 4 m NAP
    auto o = topView();
    auto plain = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(plain);
    const auto between = plain->at(plain->width / 2, plain->height / 2);  // between the cables
    o.showGroundwater = true;
    // Both levels below the cables: the space between them turns blue, the cables keep their
    // colour (seen from above, in front of the sheets).
    o.ghg = std::make_shared<model::GroundLevel>(3.0);
    o.glg = std::make_shared<model::GroundLevel>(2.0);
    auto below = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(below);
    auto c = below->at(below->width / 2, below->height / 2);
    EXPECT_GT(c.b, c.r + 30) << "no blue sheet between the cables";
    EXPECT_NE(c.b - c.r, between.b - between.r);
    EXPECT_EQ(inCentreColumn(*below, reddish), inCentreColumn(*plain, reddish));
    // GHG above the cables: they are seen through it, tinted.
    o.ghg = std::make_shared<model::GroundLevel>(5.0);
    auto above = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(above);
    int changed = 0;
    for (int y = 0; y < above->height; ++y) {
        auto p = plain->at(plain->width / 2, y), q = above->at(above->width / 2, y);
        changed += reddish(p) && (std::abs(p.r - q.r) > 10 || std::abs(p.b - q.b) > 10);
    }
    EXPECT_GT(changed, 2);
    // GHG light, GLG dark blue.
    o.glg = nullptr;
    auto ghgOnly = render::renderImage(ds, model::GroundLevel(), o);
    o.glg = std::make_shared<model::GroundLevel>(2.0);
    o.ghg = nullptr;
    auto glgOnly = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(ghgOnly && glgOnly);
    auto h = ghgOnly->at(160, 120), l = glgOnly->at(160, 120);
    EXPECT_GT(h.r + h.g + h.b, l.r + l.g + l.b + 60);
    // Off by default: the same image as without levels.
    o.showGroundwater = false;
    auto off = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(off);
    EXPECT_EQ(off->rgb, plain->rgb);
}

TEST(SceneRenderer, ScreenshotsCarryALegendOfTheThemesShown) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();  // laagspanning (dark red) and water (blue) across the middle
    auto o = topView();
    o.width = 640;
    o.height = 480;
    // The legend's corner: the top-left 15 % x 10 % of the image.
    auto inCorner = [](const render::Image& img, bool (*pred)(render::Rgb)) {
        int n = 0;
        for (int y = 0; y < img.height / 10; ++y)
            for (int x = 0; x < img.width * 15 / 100; ++x) n += pred(img.at(x, y));
        return n;
    };
    auto plain = render::renderImage(ds, model::GroundLevel(), o);
    o.showLegend = true;
    auto legend = render::renderImage(ds, model::GroundLevel(), o);
    o.hiddenThemes = {"water"};
    auto withoutWater = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(plain && legend && withoutWater);
    EXPECT_EQ(inCorner(*plain, reddish), 0);
    EXPECT_EQ(inCorner(*plain, bluish), 0);
    EXPECT_GT(inCorner(*legend, reddish), 4) << "no laagspanning swatch";
    EXPECT_GT(inCorner(*legend, bluish), 4) << "no water swatch";
    EXPECT_GT(inCorner(*withoutWater, reddish), 4);
    EXPECT_EQ(inCorner(*withoutWater, bluish), 0) << "a hidden theme is not in the legend";
}

namespace {

// A 2 m sewer pipe along x through (X0, Y0) at 4 m NAP, inspected from its west end, with a
// class-5 observation `distanceM` in (20 m: the view's centre) at `clock`; drawn in `theme`.
model::Dataset inspectedPipe(int clock, double distanceM, int overall,
                             const char* theme = "rioolVrijverval") {
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "RIOOL-1";
    m.theme = theme;
    m.type = model::ObjectType::SewerPipe;
    std::vector<model::VertexDepth> d(2, {model::DepthProvenance::Measured, 0.05f});
    auto fi = ds.addLinear(m, {{X0 - 20, Y0, 4}, {X0 + 20, Y0, 4}}, d, 2.0f);
    model::SewerProfile sp;
    sp.bobBeginM = 3.0;
    sp.bobEndM = 3.0;
    sp.heightMm = 2000;
    sp.beginNode = "W";
    sp.endNode = "E";
    ds.attach(fi, sp);
    model::SewerInspection in;
    in.id = "i1";
    in.startNode = "W";
    in.date = model::Date::of(2025, 1, 1);
    ds.attach(fi, in);
    model::SewerObservation o;
    o.inspectionId = "i1";
    o.code = "BAC";
    o.distanceM = distanceM;
    o.clock1 = clock;
    o.conditionClass = 5;
    ds.attach(fi, o);
    model::SewerCondition c;
    c.overall = overall;
    c.inspected = in.date;
    ds.attach(fi, c);
    // Extent in y, so the pipe is not the whole view.
    m.id = "W-TEST";
    m.theme = "water";
    m.type = model::ObjectType::Pipe;
    ds.addLinear(m, {{X0 - 20, Y0 + 10, 4}, {X0 + 20, Y0 + 10, 4}}, d, 0.3f);
    m.id = "W-TEST-2";
    ds.addLinear(m, {{X0 - 20, Y0 - 10, 4}, {X0 + 20, Y0 - 10, 4}}, d, 0.3f);
    return ds;
}

bool classFive(render::Rgb c) {
    return c.r > 150 && c.g < 130 && c.b < 130 && c.r > c.g + 80;
}

// Rows of the centre column showing the class-5 marker colour.
std::vector<int> markerRows(const render::Image& img) {
    std::vector<int> rows;
    for (int y = 0; y < img.height; ++y)
        if (classFive(img.at(img.width / 2, y))) rows.push_back(y);
    return rows;
}

}  // namespace

TEST(SceneRenderer, SewerPipesTakeTheirConditionColourWithALegend) {
    REQUIRE_DISPLAY();
    auto ds = inspectedPipe(12, 20, 4);
    auto o = topView();
    auto theme = render::renderImage(ds, model::GroundLevel(), o);
    o.colourBy = render::RenderOptions::ColourBy::Condition;
    o.showLegend = true;
    auto condition = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(theme && condition);
    // The pipe's pixel in the centre: rioolVrijverval purple, then class 4 orange.
    auto orange = [](render::Rgb c) {
        return c.r > 170 && c.g > 60 && c.g < 200 && c.b < 110 && c.r > c.g + 40;
    };
    auto purple = [](render::Rgb c) { return c.r > 120 && c.b > 100 && c.g + 40 < c.r; };
    EXPECT_GT(inCentreColumn(*theme, purple), 2);
    EXPECT_EQ(inCentreColumn(*theme, orange), 0);
    EXPECT_GT(inCentreColumn(*condition, orange), 2);
    EXPECT_EQ(inCentreColumn(*condition, purple), 0);
    // The legend in the top-left corner names the class in its colour.
    int legendOrange = 0;
    for (int y = 0; y < condition->height / 3; ++y)
        for (int x = 0; x < condition->width / 5; ++x) legendOrange += orange(condition->at(x, y));
    EXPECT_GT(legendOrange, 4);
}

TEST(SceneRenderer, ObservationMarkersSitAtTheirDistanceAndClockPosition) {
    REQUIRE_DISPLAY();
    auto o = topView();
    o.showObservations = true;
    // 20 m from the west end: the centre column. Looking east, 3 o'clock is the south wall
    // (lower in the top view), 9 o'clock the north wall.
    auto south = render::renderImage(inspectedPipe(3, 20, 5, "warmte"), model::GroundLevel(), o);
    auto north = render::renderImage(inspectedPipe(9, 20, 5, "warmte"), model::GroundLevel(), o);
    auto elsewhere =
        render::renderImage(inspectedPipe(3, 35, 5, "warmte"), model::GroundLevel(), o);
    ASSERT_TRUE(south && north && elsewhere);
    auto s = markerRows(*south), n = markerRows(*north);
    ASSERT_FALSE(s.empty());
    ASSERT_FALSE(n.empty());
    EXPECT_GT(s.front(), n.back());               // the south marker lies below the north one
    EXPECT_TRUE(markerRows(*elsewhere).empty());  // 35 m in: not in the centre column
    // Hidden when the filter asks for other codes.
    o.observationFilter.codes = {"BBA"};
    auto filtered = render::renderImage(inspectedPipe(3, 20, 5, "warmte"), model::GroundLevel(), o);
    ASSERT_TRUE(filtered);
    EXPECT_TRUE(markerRows(*filtered).empty());
    // Picking the marker gives the observation.
    o.observationFilter.codes.clear();
    auto ds = inspectedPipe(3, 20, 5, "warmte");
    auto picked = render::pickFeature(ds, model::GroundLevel(), o, o.width / 2, s[s.size() / 2]);
    ASSERT_TRUE(picked);
    ASSERT_TRUE(render::isObservationPick(*picked)) << *picked;
    EXPECT_EQ(
        ds.observations.at(static_cast<std::size_t>(*picked - render::kObservationPickBase)).code,
        "BAC");
}

#include <cairo.h>

TEST(SceneRenderer, NearPlaneHoldsMetresFromAnObjectInAKilometresWideProject) {
    REQUIRE_DISPLAY();
    // A cable here and another 4 km away: the far plane follows the 4 km, the near plane must
    // not (VTK's default put it metres away and cut the near cable out of the view).
    auto ds = cableScene();
    model::Dataset::Meta m;
    m.id = "FAR";
    m.theme = "water";
    m.type = model::ObjectType::Pipe;
    std::vector<model::VertexDepth> d(2, {model::DepthProvenance::Measured, 0.05f});
    ds.addLinear(m, {{X0 + 4000, Y0 + 3000, 4}, {X0 + 4010, Y0 + 3000, 4}}, d, 0.3f);
    auto o = topView();
    // The ground spans the 4 km too (below the cables here, so that it does not tint them).
    o.groundOpacity = 1;
    render::WorldCamera cam;
    cam.focalPoint = {X0, Y0, 4};
    auto img = [&](core::Vec3 pos) {
        cam.position = pos;
        o.camera = cam;
        auto i = render::renderImage(ds, model::GroundLevel(-2.0), o);
        EXPECT_TRUE(i);
        return *i;
    };
    for (double back : {1.5, 6.0, 40.0}) {
        SCOPED_TRACE(back);
        auto shot = img({X0, Y0 - back, 4 + back * 0.3});
        EXPECT_TRUE(reddish(shot.at(shot.width / 2, shot.height / 2)))
            << int(shot.at(shot.width / 2, shot.height / 2).r) << ","
            << int(shot.at(shot.width / 2, shot.height / 2).g);
    }
}

TEST(SceneRenderer, TheClashViewCentresTheClashAsTheViewerFliesToIt) {
    REQUIRE_DISPLAY();
    test::ScratchDir dir("clashview");
    auto project = sample::writeSampleDistrict(dir.path().string(), {});
    ASSERT_TRUE(project);
    const std::string bin = std::string(BODEMZICHT_BINARY_DIR);
    auto r = test::run(bin + "/tools/bodem clash " + *project + " --out " + dir.file("c.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    // The first hard clash of the report: its id and kind from the CSV.
    const std::string csv = test::readFile(dir.file("c.csv"));
    std::istringstream lines(csv);
    std::string header, line, id;
    std::getline(lines, header);
    while (std::getline(lines, line))
        if (line.find(",hard,") != std::string::npos) {
            id = line.substr(0, line.find(','));
            break;
        }
    ASSERT_FALSE(id.empty()) << csv.substr(0, 400);
    r = test::run("cd " + dir.path().string() + " && " + bin + "/app/bodemzicht " + *project +
                  " --clashes c.csv --clash " + id +
                  " --screenshot shot.png --size 480x360 --no-legend");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    cairo_surface_t* png = cairo_image_surface_create_from_png(dir.file("shot.png").c_str());
    ASSERT_EQ(cairo_surface_status(png), CAIRO_STATUS_SUCCESS);
    const int w = cairo_image_surface_get_width(png), h = cairo_image_surface_get_height(png);
    const int stride = cairo_image_surface_get_stride(png);
    const unsigned char* data = cairo_image_surface_get_data(png);
    auto at = [&](int x, int y) {
        const unsigned char* p = data + y * stride + x * 4;
        return render::Rgb{p[2], p[1], p[0]};
    };
    // The hard clash's red (marker and envelope) near the centre, not in the corners.
    auto red = [](render::Rgb c) { return c.r > 150 && c.g < 90 && c.b < 90; };
    int nearCentre = 0, inCorners = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            if (!red(at(x, y))) continue;
            if (std::abs(x - w / 2) < w / 8 && std::abs(y - h / 2) < h / 8) ++nearCentre;
            if ((x < w / 8 || x > w - w / 8) && (y < h / 8 || y > h - h / 8)) ++inCorners;
        }
    cairo_surface_destroy(png);
    EXPECT_GT(nearCentre, 20);
    EXPECT_LT(inCorners, nearCentre / 4);
    // An unknown id is an error naming it.
    r = test::run("cd " + dir.path().string() + " && " + bin + "/app/bodemzicht " + *project +
                  " --clashes c.csv --clash NOPE --screenshot x.png");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("no clash 'NOPE'"), std::string::npos);
}

TEST(SceneRenderer, ClashMarkersShowThroughAnOpaqueGroundAtAScreenSizeOfTheirOwn) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    o.groundOpacity = 1;  // the cables lie 1 m below this ground: hidden
    const model::GroundLevel ground(5.0);
    auto red = [](render::Rgb c) { return c.r > 200 && c.g < 60 && c.b < 60; };
    auto count = [&](const render::Image& img) {
        int n = 0;
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x) n += red(img.at(x, y));
        return n;
    };
    auto without = render::renderImage(ds, ground, o);
    o.clashes.push_back({{X0, Y0 + 5, 4}, "hard", "C1", "certain"});
    auto with = render::renderImage(ds, ground, o);
    ASSERT_TRUE(without && with);
    EXPECT_EQ(count(*without), 0);
    const int near = count(*with);
    EXPECT_GT(near, 40);  // an 11 px disc, under the opaque ground
    EXPECT_TRUE(red(with->at(o.width / 2, o.height / 2)));
    // From four times as far: the same size on screen.
    render::WorldCamera far;
    far.focalPoint = {X0, Y0 + 5, 4};
    far.position = {X0, Y0 + 5, 4 + 400};
    far.viewUp = {0, 1, 0};
    o.camera = far;
    auto fromFar = render::renderImage(ds, ground, o);
    ASSERT_TRUE(fromFar);
    EXPECT_NEAR(count(*fromFar), near, near / 4);
    // A possible clash is paler than a certain one of the same kind.
    auto certain = render::clashMarkerColour({{}, "hard", "", "certain"});
    auto possible = render::clashMarkerColour({{}, "hard", "", "possible"});
    EXPECT_EQ(certain.r, 255);
    EXPECT_GT(possible.g, certain.g + 100);
}

TEST(SceneRenderer, TheTopViewIsAMapWellsStandStraight) {
    REQUIRE_DISPLAY();
    // A 50 m deep well at the side of the view: in perspective its shaft would lean outward and
    // smear over many pixels; the orthographic top view shows its top only.
    auto ds = cableScene();
    model::Dataset::Meta m;
    m.id = "WKO-1";
    m.theme = "wko";
    m.type = model::ObjectType::Well;
    model::VerticalBody b;
    b.center = {X0 + 15, Y0 + 5};
    b.topZ = 4;
    b.bottomZ = -46;
    b.radiusM = 0.6f;
    ds.addBody(m, b);
    auto o = topView();
    o.groundOpacity = 0;
    auto img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img);
    // The well's top, lit: a light steel blue (the water main is pure blue, the background grey).
    auto wko = [](render::Rgb c) { return c.b > 150 && c.g > 100 && c.b > c.r + 30; };
    int n = 0, row = -1;
    for (int y = 0; y < img->height; ++y)
        for (int x = 0; x < img->width; ++x)
            if (wko(img->at(x, y))) ++n, row = y;
    ASSERT_GT(n, 3);
    // Everything that is not background around that row: the top, and a leaning shaft if any.
    const auto bg = img->at(2, 2);
    int xlo = img->width, xhi = -1;
    for (int y = std::max(0, row - 6); y < std::min(img->height, row + 6); ++y)
        for (int x = 0; x < img->width; ++x) {
            const auto c = img->at(x, y);
            if (std::abs(c.r - bg.r) + std::abs(c.g - bg.g) + std::abs(c.b - bg.b) > 60)
                xlo = std::min(xlo, x), xhi = std::max(xhi, x);
        }
    EXPECT_LT(xhi - xlo, 15) << "the shaft leans: the top view is not orthographic";
}

TEST(SceneRenderer, AssumedDepthsKeepTheLegendColourAndShowBands) {
    REQUIRE_DISPLAY();
    // Two water mains, 1 m thick, one measured (north) and one at an assumed depth (south).
    model::Dataset ds;
    model::Dataset::Meta m;
    m.theme = "water";
    m.type = model::ObjectType::Pipe;
    m.id = "MEASURED";
    ds.addLinear(m, {{X0 - 20, Y0 + 4, 4}, {X0 + 20, Y0 + 4, 4}},
                 std::vector<model::VertexDepth>(2, {model::DepthProvenance::Measured, 0.05f}),
                 1.0f);
    m.id = "ASSUMED";
    ds.addLinear(m, {{X0 - 20, Y0 - 4, 4}, {X0 + 20, Y0 - 4, 4}},
                 std::vector<model::VertexDepth>(2, {model::DepthProvenance::Assumed, 0.5f}), 1.0f);
    auto o = topView();
    o.groundOpacity = 0;
    auto img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img) << img.error().toString();
    // The rows through both axes: the rows where the blue is brightest (facing the light), above
    // and below the centre.
    auto blueRow = [&](int from, int to) {
        int best = from, most = -1;
        for (int y = from; y < to; ++y) {
            int n = 0;
            for (int x = 0; x < img->width; ++x)
                if (bluish(img->at(x, y))) n += img->at(x, y).b;
            if (n > most) most = n, best = y;
        }
        return best;
    };
    const int north = blueRow(0, img->height / 2), south = blueRow(img->height / 2, img->height);
    const render::Rgb legend = img->at(img->width / 2, north);
    ASSERT_TRUE(bluish(legend));
    auto near = [](render::Rgb a, render::Rgb b) {
        return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b) <= 12;
    };
    int same = 0, dark = 0, along = 0;
    for (int x = img->width / 4; x < 3 * img->width / 4; ++x) {
        auto c = img->at(x, south);
        ++along;
        same += near(c, legend);
        dark += c.r + c.g + c.b < (legend.r + legend.g + legend.b) / 2;
    }
    // Most of the assumed main is exactly the legend colour (not paler), a quarter of it bands.
    std::string seen;
    for (int x = img->width / 4; x < img->width / 4 + 24; ++x) {
        auto c = img->at(x, south);
        seen += std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + " ";
    }
    EXPECT_GT(same, along * 6 / 10) << same << " of " << along << " legend " << int(legend.r) << ","
                                    << int(legend.g) << "," << int(legend.b) << " seen " << seen;
    EXPECT_GT(dark, along / 10) << dark << " of " << along;
    EXPECT_LT(dark, along / 2) << dark << " of " << along;
}

TEST(SceneRenderer, TreesHaveACrownThatTheExaggerationDoesNotStretch) {
    REQUIRE_DISPLAY();
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "TREE";
    m.theme = "boom";
    m.type = model::ObjectType::Tree;
    model::VerticalBody b;
    b.center = {X0, Y0};
    b.topZ = 5;  // the ground
    b.bottomZ = 4;
    b.radiusM = 0.2f;
    auto tree = ds.addBody(m, b);
    model::TreeDetail t;
    t.heightM = 10;
    t.crownDiameterM = 6;
    ds.attach(tree, t);
    // Looking north at the tree from 40 m, level with the middle of its crown (7 m above the
    // ground as drawn: the camera's world height is exaggerated as everything else is).
    auto crownRows = [&](double exaggeration) {
        render::RenderOptions o;
        o.width = 240;
        o.height = 320;
        o.verticalExaggeration = exaggeration;
        const double eye = 5 + 7 / exaggeration;
        o.camera = render::WorldCamera{{X0, Y0 - 40, eye}, {X0, Y0, eye}, {0, 0, 1}};
        auto img = render::renderImage(ds, model::GroundLevel(5.0), o);
        EXPECT_TRUE(img) << img.error().toString();
        int rows = 0;
        for (int y = 0; img && y < img->height; ++y) {
            auto c = img->at(img->width / 2 + 20, y);  // beside the stem, through the crown
            rows += c.g > c.r + 15 && c.g > c.b + 15;
        }
        return rows;
    };
    const int flat = crownRows(1), exaggerated = crownRows(4);
    EXPECT_GT(flat, 20);  // the crown is there: 6 m of 10 m at this distance
    EXPECT_NEAR(exaggerated, flat, flat / 5) << flat << " -> " << exaggerated;
}

TEST(ThemeColours, NoTwoThemesOnScreenLookAlike) {
    // Pairs that mean the same to a digger share a colour on purpose (WION); the rest must differ
    // clearly (laagspanning/middenspanning, the gas yellows and charging points were too close).
    const std::set<std::pair<std::string, std::string>> same{
        {"hoogspanning", "landelijkHoogspanningsnet"},
        {"buisleidingGevaarlijkeInhoud", "petrochemie"}};
    const std::vector<std::string> themes{"datatransport",
                                          "gasHogeDruk",
                                          "gasLageDruk",
                                          "buisleidingGevaarlijkeInhoud",
                                          "hoogspanning",
                                          "landelijkHoogspanningsnet",
                                          "middenspanning",
                                          "laagspanning",
                                          "overig",
                                          "wees",
                                          "petrochemie",
                                          "rioolOnderOverOfOnderdruk",
                                          "rioolVrijverval",
                                          "water",
                                          "warmte",
                                          "boom",
                                          "boomvoorziening",
                                          "infiltratie",
                                          "wko",
                                          "laadpunt",
                                          "sleuf",
                                          "verontreiniging"};
    for (std::size_t i = 0; i < themes.size(); ++i)
        for (std::size_t j = i + 1; j < themes.size(); ++j) {
            if (same.count({themes[i], themes[j]})) continue;
            auto a = render::themeColour(themes[i]), b = render::themeColour(themes[j]);
            const int d = std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b);
            EXPECT_GE(d, 100) << themes[i] << " / " << themes[j];
        }
}

TEST(SceneRenderer, ProposedObjectsHaveAWhiteOutlineExistingOnesNone) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();  // LS cable (south) and water main (north), both existing
    ds.features[1].status = model::ObjectStatus::Proposed;  // the water main becomes a proposal
    auto o = topView();
    o.groundOpacity = 0;
    auto img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img) << img.error().toString();
    // White rims along the proposed main: white pixels next to blue ones in the centre column;
    // none next to the existing red cable.
    auto white = [](render::Rgb c) { return c.r > 245 && c.g > 245 && c.b > 245; };
    int besideBlue = 0, besideRed = 0;
    const int x = img->width / 2;
    for (int y = 1; y + 1 < img->height; ++y) {
        if (!white(img->at(x, y))) continue;
        for (int dy : {-1, 1}) {
            besideBlue += bluish(img->at(x, y + dy));
            besideRed += reddish(img->at(x, y + dy));
        }
    }
    EXPECT_GE(besideBlue, 2);
    EXPECT_EQ(besideRed, 0);
}

TEST(SceneRenderer, TheOpaqueGroundStaysLightAtStreetLevel) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    render::RenderOptions o;
    o.width = 320;
    o.height = 240;
    o.groundOpacity = 1.0;
    // Standing on the ground, looking along it: the lower half of the image is ground.
    o.camera = render::WorldCamera{{X0 - 30, Y0 - 30, 6.7}, {X0 + 10, Y0 + 10, 5.0}, {0, 0, 1}};
    auto img = render::renderImage(ds, model::GroundLevel(5.0), o);
    ASSERT_TRUE(img) << img.error().toString();
    double sum = 0;
    int n = 0;
    for (int y = img->height * 3 / 4; y < img->height; ++y)
        for (int x = 0; x < img->width; x += 4, ++n) {
            auto c = img->at(x, y);
            sum += (c.r + c.g + c.b) / 3.0;
        }
    EXPECT_GT(sum / n, 100) << "mean grey of the ground near the camera";
}

TEST(SceneRenderer, TheEnvelopeCoversOnlyTheViolatedStretch) {
    REQUIRE_DISPLAY();
    // A 60 m cable along x and a short water pipe crossing it 20 m east of the centre, 0.2 m
    // above it: the clearance (0.5 m) is violated only where they cross.
    model::Dataset ds;
    model::Dataset::Meta m;
    std::vector<model::VertexDepth> d(2, {model::DepthProvenance::Measured, 0.05f});
    m.id = "CABLE";
    m.theme = "laagspanning";
    m.type = model::ObjectType::Cable;
    ds.addLinear(m, {{X0 - 30, Y0, 4}, {X0 + 30, Y0, 4}}, d, 0.1f);
    m.id = "PIPE";
    m.theme = "water";
    m.type = model::ObjectType::Pipe;
    ds.addLinear(m, {{X0 + 20, Y0 - 10, 4.3}, {X0 + 20, Y0 + 10, 4.3}}, d, 0.1f);
    auto o = topView();
    o.groundOpacity = 0;
    o.highlight = {0, 1, 0.5, "hard", std::nullopt};
    auto img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img) << img.error().toString();
    // In the row of the cable: envelope tint (red over the light background) near the crossing,
    // none at the far west end.
    auto tinted = [](render::Rgb c) {
        return c.r > 200 && c.g < 200 && c.g > 60 && c.b < 200 && c.b > 60;
    };
    int cableRow = -1;
    for (int y = 0; y < img->height && cableRow < 0; ++y)
        if (reddish(img->at(img->width / 8, y))) cableRow = y;
    ASSERT_GE(cableRow, 0);
    int west = 0, crossing = 0;
    // The view spans 60 m over 320 px (about 5 px a metre); the crossing is at 5/6 of the width.
    for (int dy = -4; dy <= 4; ++dy) {
        for (int x = 0; x < img->width / 3; ++x) west += tinted(img->at(x, cableRow + dy));
        for (int x = img->width * 5 / 6 - 8; x < img->width * 5 / 6 + 8; ++x)
            crossing += tinted(img->at(x, cableRow + dy));
    }
    EXPECT_EQ(west, 0);
    EXPECT_GT(crossing, 10);
}

TEST(SceneRenderer, TheSelectedClashsMarkerStandsOut) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    o.clashes.push_back({{X0, Y0 + 5, 4}, "hard", "C1", "certain"});
    auto plain = render::renderImage(ds, model::GroundLevel(5.0), o);
    o.highlight = {0, 1, 0.0, "hard", core::Vec3{X0, Y0 + 5, 4}};
    auto selected = render::renderImage(ds, model::GroundLevel(5.0), o);
    ASSERT_TRUE(plain && selected);
    // A white ring around a larger red disc: count pure white and red pixels around the centre.
    auto count = [&](const render::Image& img, auto pred) {
        int n = 0;
        for (int y = img.height / 2 - 16; y <= img.height / 2 + 16; ++y)
            for (int x = img.width / 2 - 16; x <= img.width / 2 + 16; ++x) n += pred(img.at(x, y));
        return n;
    };
    auto white = [](render::Rgb c) { return c.r > 250 && c.g > 250 && c.b > 250; };
    auto red = [](render::Rgb c) { return c.r > 230 && c.g < 40 && c.b < 40; };
    EXPECT_GT(count(*selected, white), count(*plain, white) + 40);
    EXPECT_GT(count(*selected, red), count(*plain, red) + 40);
}

TEST(SceneRenderer, TheDepthSliceWorksInDepthBelowGround) {
    // Ground at 5 m NAP: a cable 0.6 m below it, a pipe 2 m below it, a manhole from 0 to 2.5 m.
    model::Dataset ds;
    model::Dataset::Meta m;
    std::vector<model::VertexDepth> d(2, {model::DepthProvenance::Measured, 0.05f});
    m.id = "CABLE";
    m.theme = "laagspanning";
    m.type = model::ObjectType::Cable;
    ds.addLinear(m, {{X0, Y0, 4.4}, {X0 + 10, Y0, 4.4}}, d, 0.1f);
    m.id = "PIPE";
    m.theme = "water";
    m.type = model::ObjectType::Pipe;
    ds.addLinear(m, {{X0, Y0 + 2, 3.0}, {X0 + 10, Y0 + 2, 3.0}}, d, 0.1f);
    m.id = "MANHOLE";
    m.theme = "rioolVrijverval";
    m.type = model::ObjectType::Manhole;
    model::VerticalBody b;
    b.center = {X0 + 5, Y0 + 5};
    b.topZ = 5;
    b.bottomZ = 2.5;
    b.radiusM = 0.5f;
    ds.addBody(m, b);
    render::RenderOptions o;
    o.sliceGround = model::GroundLevel(5.0);
    auto shown = [&] {
        std::string ids;
        for (const auto& f : ds.features)
            if (render::isShown(ds, f, o)) ids += f.id + " ";
        return ids;
    };
    o.sliceTopBelowGroundM = 0;
    o.sliceBottomBelowGroundM = 1.0;
    EXPECT_EQ(shown(), "CABLE MANHOLE ");
    o.sliceTopBelowGroundM = 1.5;
    o.sliceBottomBelowGroundM = 2.2;
    EXPECT_EQ(shown(), "PIPE MANHOLE ");
    o.sliceTopBelowGroundM = 2.6;
    o.sliceBottomBelowGroundM = 4;
    EXPECT_EQ(shown(), "");
    // Without a ground level nothing can be decided: everything stays shown.
    o.sliceGround = model::GroundLevel();
    EXPECT_EQ(shown(), "CABLE PIPE MANHOLE ");
}

TEST(SceneRenderer, MeasuringPointsAndTheirLineShowIn3d) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    o.groundOpacity = 1.0;  // drawn over the ground too
    o.measuringPoints = {{X0 - 10, Y0, 4}, {X0 + 10, Y0 + 10, 4}};
    auto img = render::renderImage(ds, model::GroundLevel(5.0), o);
    ASSERT_TRUE(img) << img.error().toString();
    auto magenta = [](render::Rgb c) { return c.r > 200 && c.g < 60 && c.b > 150; };
    // Along the line from one point to the other (in pixels, the view is centred on the scene).
    int on = 0, samples = 0;
    const double ppm = img->width / 40.0;  // the top view spans the 40 m long cables
    for (double t = 0.05; t < 0.95; t += 0.05, ++samples) {
        const double x = -10 + 20 * t, y = 10 * t;
        const int px = static_cast<int>(img->width / 2 + x * ppm),
                  py = static_cast<int>(img->height / 2 - (y - 5) * ppm);
        bool near = false;
        for (int dy = -3; dy <= 3 && !near; ++dy)
            for (int dx = -3; dx <= 3 && !near; ++dx)
                near = px + dx >= 0 && px + dx < img->width && py + dy >= 0 &&
                       py + dy < img->height && magenta(img->at(px + dx, py + dy));
        on += near;
    }
    EXPECT_GE(on, samples * 8 / 10) << on << " of " << samples;
}

TEST(SceneRenderer, TheBaseMapLiesFlatOnTheGround) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    o.groundOpacity = 1.0;  // the base map shows on an opaque ground
    // A road edge half way between the cables and a building outline west of the centre.
    o.basemap = std::make_shared<model::Basemap>(
        model::Basemap{{"bgt", "wegdeel", {{X0 - 20, Y0 + 5}, {X0 + 20, Y0 + 5}}, false},
                       {"bgt",
                        "pand",
                        {{X0 - 15, Y0 + 2}, {X0 - 5, Y0 + 2}, {X0 - 5, Y0 + 8}, {X0 - 15, Y0 + 8}},
                        true}});
    auto with = render::renderImage(ds, model::GroundLevel(5.0), o);
    o.showBasemap = false;
    auto without = render::renderImage(ds, model::GroundLevel(5.0), o);
    ASSERT_TRUE(with && without);
    auto dark = [](render::Rgb c) { return c.r < 110 && c.g < 110 && c.b < 110; };
    auto brown = [](render::Rgb c) { return c.r > c.b + 30 && c.g > c.b + 10 && c.r < 180; };
    // The road edge crosses the centre column; the building's east wall the column at x - 5 m.
    EXPECT_GT(inCentreColumn(*with, dark), inCentreColumn(*without, dark));
    const int ppm = with->width / 40, wallX = with->width / 2 - 5 * ppm;
    int wall = 0, wallBefore = 0;
    for (int y = 0; y < with->height; ++y)
        for (int dx = -4; dx <= 4; ++dx) {
            wall += brown(with->at(wallX + dx, y));
            wallBefore += brown(without->at(wallX + dx, y));
        }
    EXPECT_GT(wall, wallBefore + 10) << wallBefore << " -> " << wall;
}

TEST(SceneRenderer, TheLegendNamesTheClashMarkersKinds) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    o.width = 640;
    o.height = 480;
    o.showLegend = true;
    // The legend's left column (swatches), top 30 %: pure orange only from a clearance swatch.
    auto orange = [](render::Rgb c) { return c.r > 240 && c.g > 120 && c.g < 160 && c.b < 30; };
    auto inLegend = [&](const render::Image& img) {
        int n = 0;
        for (int y = 0; y < img.height * 3 / 10; ++y)
            for (int x = 0; x < img.width * 15 / 100; ++x) n += orange(img.at(x, y));
        return n;
    };
    auto without = render::renderImage(ds, model::GroundLevel(), o);
    o.clashes.push_back({{X0 + 15, Y0 + 5, 4}, "clearance", "C1", "certain"});
    auto with = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(without && with);
    EXPECT_EQ(inLegend(*without), 0);
    EXPECT_GT(inLegend(*with), 4) << "no swatch for the clearance markers";
}

TEST(SceneRenderer, OverlayLinesShowOverEverything) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    o.groundOpacity = 1.0;  // over the opaque ground too
    render::RenderOptions::OverlayLine route{
        {{X0 - 15, Y0 + 5, 4}, {X0 + 15, Y0 + 5, 4}}, {40, 200, 80}, 4};
    o.overlayLines = {route};
    auto with = render::renderImage(ds, model::GroundLevel(5.0), o);
    o.overlayLines.clear();
    auto without = render::renderImage(ds, model::GroundLevel(5.0), o);
    ASSERT_TRUE(with && without);
    auto green = [](render::Rgb c) { return c.g > 170 && c.r < 90 && c.b < 120; };
    EXPECT_GE(inCentreColumn(*with, green), 2);
    EXPECT_EQ(inCentreColumn(*without, green), 0);
}

namespace {

// A soil block in memory: 10 m columns over the cable scene, klei (2, unit 1000) from 2 to 5 m
// NAP, fine sand (5, unit 2000) from 0 to 2 m NAP, nothing above 5 m.
std::shared_ptr<model::MemoryField> soilBlock() {
    model::GridGeometry g;
    g.origin = {X0 - 30, Y0 - 20, 0};
    g.cellSize = {10, 10, 0.5};
    g.nx = 6, g.ny = 5, g.nz = 12;
    g.hasZ = true;
    auto f = std::make_shared<model::MemoryField>(
        model::FieldKind::Grid3d, g,
        std::vector<model::FieldVariable>{{"lithok", true, "", ""}, {"strat", true, "", ""}},
        "soil block");
    f->fill(0, [](int, int, int k) { return k >= 10 ? NAN : k >= 4 ? 2.0 : 5.0; });
    f->fill(1, [](int, int, int k) { return k >= 10 ? NAN : k >= 4 ? 1000.0 : 2000.0; });
    return f;
}

}  // namespace

TEST(SceneRenderer, SoilVoxelsInTheirLithoclassColoursFilteredAndSliced) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    o.soil = soilBlock();
    o.showSoil = true;
    o.soilOpacity = 1.0;
    // Lit: the lithoclass colours a little lighter (klei 0,146,0; zand fijn 255,255,0).
    auto clay = [](render::Rgb c) { return c.g > 120 && c.g > c.r + 80 && c.b < 100; };
    auto sand = [](render::Rgb c) { return c.r > 200 && c.g > 200 && c.b < 100; };
    auto img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img) << img.error().toString();
    // From above: the clay on top, over the whole column.
    EXPECT_GT(inCentreColumn(*img, clay), 100);
    EXPECT_EQ(inCentreColumn(*img, sand), 0);
    // Clay hidden: the sand below shows.
    o.hiddenLithoclasses = {2};
    img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img);
    EXPECT_EQ(inCentreColumn(*img, clay), 0);
    EXPECT_GT(inCentreColumn(*img, sand), 100);
    // A slice from 0.5 to 1.5 m NAP: sand only, even with every class shown.
    o.hiddenLithoclasses.clear();
    o.sliceBottomZ = 0.5;
    o.sliceTopZ = 1.5;
    img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img);
    EXPECT_EQ(inCentreColumn(*img, clay), 0);
    EXPECT_GT(inCentreColumn(*img, sand), 100);
    // Not asked for: no soil.
    o.showSoil = false;
    img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img);
    EXPECT_EQ(inCentreColumn(*img, sand) + inCentreColumn(*img, clay), 0);
}

TEST(SceneRenderer, SoilVoxelsFilteredByStratigraphicUnitAndCutBySection) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    o.soil = soilBlock();
    o.showSoil = true;
    o.soilOpacity = 1.0;
    auto clay = [](render::Rgb c) { return c.g > 120 && c.g > c.r + 80 && c.b < 100; };
    auto sand = [](render::Rgb c) { return c.r > 200 && c.g > 200 && c.b < 100; };
    // The clay's unit (1000) hidden: the sand below shows, as when its class is hidden.
    o.hiddenSoilUnits = {1000};
    auto img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img) << img.error().toString();
    EXPECT_EQ(inCentreColumn(*img, clay), 0);
    EXPECT_GT(inCentreColumn(*img, sand), 100);
    o.hiddenSoilUnits = {3000};  // a unit the block does not have: all as it was
    img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img);
    const int full = inCentreColumn(*img, clay);
    EXPECT_GT(full, 100);
    // Cut by an east-west section through the block's middle row of columns: the voxels on its
    // left only; the other way round, the other half. Together they are the whole column.
    o.hiddenSoilUnits.clear();
    auto rowsOf = [&](const render::Image& im) {
        std::set<int> rows;
        for (int y = 0; y < im.height; ++y)
            if (clay(im.at(im.width / 2, y))) rows.insert(y);
        return rows;
    };
    o.soilCut = std::pair{core::Vec2{X0 - 100, Y0 + 1}, core::Vec2{X0 + 100, Y0 + 1}};
    img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img);
    const auto left = rowsOf(*img);
    o.soilCut = std::pair{core::Vec2{X0 + 100, Y0 + 1}, core::Vec2{X0 - 100, Y0 + 1}};
    img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img);
    const auto right = rowsOf(*img);
    EXPECT_GT(left.size(), 20u);
    EXPECT_GT(right.size(), 20u);
    EXPECT_LT(static_cast<int>(left.size()), full * 3 / 4);
    EXPECT_LT(static_cast<int>(right.size()), full * 3 / 4);
    std::size_t both = 0;
    for (int y : left) both += right.count(y);
    EXPECT_LE(both, 3u);  // at most the rows on the cut's edge
}

namespace {

// A plume in memory: 1 m cells around the cable scene's centre, 1000 at its middle falling off
// with distance; no data in the top layer.
std::shared_ptr<model::MemoryField> plume() {
    model::GridGeometry g;
    g.origin = {X0 - 10, Y0 - 5, 0};
    g.cellSize = {1, 1, 0.5};
    g.nx = 20, g.ny = 20, g.nz = 10;
    g.hasZ = true;
    auto f = std::make_shared<model::MemoryField>(
        model::FieldKind::Grid3d, g,
        std::vector<model::FieldVariable>{{"lood", false, "mg/kg ds", ""}}, "plume");
    f->fill(0, [](int i, int j, int k) -> double {
        if (k == 9) return NAN;
        const double dx = i - 9.5, dy = j - 9.5, dz = (k - 4.5) * 0.5;
        return 1000 * std::exp(-(dx * dx + dy * dy + 4 * dz * dz) / 18.0);
    });
    return f;
}

}  // namespace

TEST(SceneRenderer, AContaminationGridShowsItsSurfaceAtTheInterventionValue) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    o.showContamination = true;
    o.contamination.push_back({"lood", plume(), 0, 530, {150, 40, 150}});
    auto purple = [](render::Rgb c) { return c.r > 90 && c.b > 90 && c.g < 80; };
    auto img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img) << img.error().toString();
    const int within = inCentreColumn(*img, purple);
    EXPECT_GT(within, 10);
    // A higher level: a smaller surface; above the highest value: none.
    o.contamination[0].level = 900;
    img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img);
    EXPECT_GT(inCentreColumn(*img, purple), 0);
    EXPECT_LT(inCentreColumn(*img, purple), within);
    o.contamination[0].level = 1200;
    img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img);
    EXPECT_EQ(inCentreColumn(*img, purple), 0);
}

TEST(SceneRenderer, WkoThermalRadiiShowAsCylindersWarmRedColdBlue) {
    REQUIRE_DISPLAY();
    auto ds = cableScene();
    auto o = topView();
    o.groundOpacity = 0;
    o.showThermalZones = true;
    o.thermalZones.push_back({{X0, Y0 + 5}, 2.0, -20.0, 6.0, true});
    auto reddish = [](render::Rgb c) { return c.r > c.b + 40 && c.r > c.g + 20; };
    auto bluish = [](render::Rgb c) { return c.b > c.r + 40; };
    auto img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img) << img.error().toString();
    const int warm = inCentreColumn(*img, reddish);
    EXPECT_GT(warm, 10);
    o.thermalZones[0].warm = false;
    img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img);
    const int cold = inCentreColumn(*img, bluish);
    o.showThermalZones = false;
    img = render::renderImage(ds, model::GroundLevel(), o);
    ASSERT_TRUE(img);
    EXPECT_LT(inCentreColumn(*img, reddish), warm / 2);
    EXPECT_GT(cold, inCentreColumn(*img, bluish) + 10);  // more than the water main alone
}
