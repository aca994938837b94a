// The real viewer window (GLFW, Dear ImGui, VTK drawing into it), run by `bodemzicht PROJECT
// --window-frames N --window-shot F.png` under the tests' X display: the panels, the 3D view and
// the clash list are where the layout puts them.
#include <gdal_priv.h>

#include <gtest/gtest.h>

#include <bodemzicht/clash/ReportStore.h>
#include <bodemzicht/sample/SampleDistrict.h>

#include <array>
#include <memory>
#include <vector>

#include "../TestSupport.h"
#include "../render/RequireDisplay.h"

using namespace bz;

namespace {

struct Shot {
    int width = 0, height = 0;
    std::vector<std::uint8_t> r, g, b;
    std::array<int, 3> at(int x, int y) const {
        auto i = static_cast<std::size_t>(y) * width + x;
        return {r[i], g[i], b[i]};
    }
    // The share of pixels in [x0, x1) x [y0, y1) that pred accepts.
    template <typename Pred>
    double share(int x0, int y0, int x1, int y1, Pred pred) const {
        std::size_t n = 0, all = 0;
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x, ++all) n += pred(at(x, y));
        return all ? static_cast<double>(n) / all : 0;
    }
};

Shot readPng(const std::string& path) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    Shot s;
    if (!ds || ds->GetRasterCount() < 3) return s;
    s.width = ds->GetRasterXSize();
    s.height = ds->GetRasterYSize();
    for (auto [band, out] : {std::pair{1, &s.r}, {2, &s.g}, {3, &s.b}}) {
        out->resize(static_cast<std::size_t>(s.width) * s.height);
        if (ds->GetRasterBand(band)->RasterIO(GF_Read, 0, 0, s.width, s.height, out->data(),
                                              s.width, s.height, GDT_Byte, 0, 0) != CE_None)
            return {};
    }
    return s;
}

bool dark(std::array<int, 3> c) {
    return c[0] < 90 && c[1] < 90 && c[2] < 110;
}
bool sky(std::array<int, 3> c) {  // the 3D view's background
    return std::abs(c[0] - 237) < 6 && std::abs(c[1] - 240) < 6 && std::abs(c[2] - 245) < 6;
}

}  // namespace

TEST(Window, PanelsViewAndClashListAreWhereTheLayoutPutsThem) {
    REQUIRE_DISPLAY();
    test::ScratchDir dir("window");
    auto project = sample::writeSampleDistrict(dir.path().string(), {});
    ASSERT_TRUE(project) << project.error().toString();
    clash::ClashReport report;  // one clash of a last run, so that the clash list shows
    clash::Clash c;
    c.id = "C1";
    c.aId = "A";
    c.bId = "B";
    c.pointA = c.pointB = {155100, 463100, 1};
    report.clashes.push_back(c);
    ASSERT_TRUE(clash::storeReport(*project, report));
    const std::string shot = dir.file("window.png");
    auto run = test::run(std::string(BODEMZICHT_BINARY_DIR) + "/app/bodemzicht " + *project +
                         " --window-frames 3 --window-shot " + shot);
    ASSERT_EQ(run.exitCode, 0) << run.output;
    auto img = readPng(shot);
    ASSERT_EQ(img.width, 1600) << run.output;
    ASSERT_EQ(img.height, 900);
    // The left column (panels, 380 px), the design panel on the right (360 px) and the clash
    // list (220 px along the bottom) are ImGui's dark windows; the 3D view between shows the
    // scene on its light background.
    EXPECT_GT(img.share(0, 0, 370, 900, dark), 0.6);
    EXPECT_GT(img.share(1250, 0, 1600, 600, dark), 0.6);
    EXPECT_GT(img.share(400, 700, 1590, 890, dark), 0.6);
    const double background = img.share(400, 30, 1230, 660, sky);
    EXPECT_GT(background, 0.05) << "no 3D view";
    EXPECT_LT(background, 0.95) << "an empty 3D view";
    EXPECT_LT(img.share(400, 30, 1230, 660, dark), 0.2);
}

TEST(Window, FlyToBenchmarkFliesToTheReportsClashes) {
    REQUIRE_DISPLAY();
    test::ScratchDir dir("flyto");
    auto project = sample::writeSampleDistrict(dir.path().string(), {});
    ASSERT_TRUE(project) << project.error().toString();
    auto clash = test::run(std::string(BODEMZICHT_BINARY_DIR) + "/tools/bodem clash " + *project);
    ASSERT_EQ(clash.exitCode, 0) << clash.output;
    auto run = test::run(std::string(BODEMZICHT_BINARY_DIR) + "/app/bodemzicht " + *project +
                         " --size 320x240 --benchmark-flyto 3");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("flyto=3 mean_ms="), std::string::npos) << run.output;
    // Without a report there is nothing to fly to: said, not a zero time.
    test::ScratchDir empty("flyto-empty");
    auto bare = sample::writeSampleDistrict(empty.path().string(), {});
    ASSERT_TRUE(bare);
    run = test::run(std::string(BODEMZICHT_BINARY_DIR) + "/app/bodemzicht " + *bare +
                    " --benchmark-flyto 3");
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_NE(run.output.find("needs a clash report"), std::string::npos) << run.output;
}
