// The viewer's interactive path: VTK rendering into a (hidden) GLFW window's OpenGL context and
// handing back a texture, as the ImGui viewer shows it.
#include <GL/glew.h>
#include <GLFW/glfw3.h>

#include <bodemzicht/render/SceneRenderer.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <memory>

#include "HiddenWindow.h"
#include "RequireDisplay.h"

using namespace bz;

namespace {

constexpr double X0 = 250000, Y0 = 470000;

// The RGBA pixels of a texture, row 0 at the bottom (OpenGL order).
std::vector<unsigned char> readTexture(unsigned tex, int w, int h) {
    std::vector<unsigned char> px(static_cast<std::size_t>(w) * h * 4);
    glBindTexture(GL_TEXTURE_2D, tex);
    glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    return px;
}

int reddishInColumn(const std::vector<unsigned char>& px, int w, int h, int x) {
    int n = 0;
    for (int y = 0; y < h; ++y) {
        const unsigned char* p = &px[(static_cast<std::size_t>(y) * w + x) * 4];
        n += p[0] > 60 && p[0] > 2 * p[1] && p[0] > 2 * p[2];
    }
    return n;
}

// A 1 m thick low-voltage cable along x through (X0, Y0) at 4 m NAP.
model::Dataset oneCable() {
    model::Dataset ds;
    model::Dataset::Meta m;
    m.id = "LS";
    m.theme = "laagspanning";
    m.type = model::ObjectType::Cable;
    std::vector<model::VertexDepth> d(2, {model::DepthProvenance::Measured, 0.05f});
    ds.addLinear(m, {{X0 - 20, Y0, 4}, {X0 + 20, Y0, 4}}, d, 1.0f);
    return ds;
}

render::RenderOptions topOptions() {
    render::RenderOptions o;
    o.width = 320;
    o.height = 240;
    o.view = "top";
    return o;
}

// A 320 x 240 top view of `ds` rendering into the hidden window's context.
std::unique_ptr<render::Viewport> topViewport(const model::Dataset& ds) {
    static const model::GroundLevel noGround;
    auto viewport = std::make_unique<render::Viewport>(ds, noGround, topOptions());
    viewport->initializeFromCurrentContext();
    viewport->resize(320, 240);
    return viewport;
}

}  // namespace

TEST(Viewport, RendersIntoTheCallersContextAndPicksAndPans) {
    REQUIRE_DISPLAY();
    test::HiddenWindow w;
    ASSERT_NE(w.window, nullptr);
    auto ds = oneCable();
    auto vp = topViewport(ds);
    auto& viewport = *vp;
    unsigned tex = viewport.render();
    ASSERT_NE(tex, 0u);
    auto px = readTexture(tex, 320, 240);
    int red = reddishInColumn(px, 320, 240, 160);
    EXPECT_GT(red, 2);
    // Picking through the viewport finds the cable where it is drawn.
    int yRed = -1;
    for (int y = 0; y < 240 && yRed < 0; ++y) {
        const unsigned char* p = &px[(static_cast<std::size_t>(y) * 320 + 160) * 4];
        if (p[0] > 60 && p[0] > 2 * p[1]) yRed = y;
    }
    ASSERT_GE(yRed, 0);
    EXPECT_EQ(viewport.pick(160, 239 - (yRed + 1)), 0);
    auto point = viewport.pickPoint(160, 239 - (yRed + 1));
    ASSERT_TRUE(point);
    EXPECT_NEAR(point->y, Y0, 0.6);
    EXPECT_NEAR(point->z, 4.5, 0.6);  // the top of the 1 m tube
    // Panning far to the side moves the cable out of the image.
    viewport.pan(2000, 0);
    px = readTexture(viewport.render(), 320, 240);
    EXPECT_EQ(reddishInColumn(px, 320, 240, 160), 0);
}

namespace {

// `cables` parallel low-voltage cables 0.3 m apart along x, `length` m long in 2 m segments.
model::Dataset cableBundle(int cables, double length) {
    model::Dataset ds;
    model::Dataset::Meta m;
    m.theme = "laagspanning";
    m.type = model::ObjectType::Cable;
    for (int c = 0; c < cables; ++c) {
        m.id = "LS-" + std::to_string(c);
        std::vector<core::Vec3> v;
        for (double x = 0; x <= length; x += 2) v.push_back({X0 + x, Y0 + 0.3 * c, 4 - 0.01 * c});
        std::vector<model::VertexDepth> d(v.size(), {model::DepthProvenance::Measured, 0.05f});
        ds.addLinear(m, v, d, 0.1f);
    }
    return ds;
}

}  // namespace

TEST(Viewport, FarCablesAreClusteredButKeepTheirColourAndMovingFramesShowThemToo) {
    REQUIRE_DISPLAY();
    test::HiddenWindow w;
    ASSERT_NE(w.window, nullptr);
    auto ds = cableBundle(30, 600);  // 9 000 segments
    ASSERT_EQ(ds.segmentCount(), 9000u);
    auto vp = topViewport(ds);
    auto& viewport = *vp;
    // The whole 600 m in 320 pixels: a pixel is about 2 m, the 9 m wide bundle a few pixels.
    auto px = readTexture(viewport.render(), 320, 240);
    const std::size_t far = viewport.drawnSegments();
    EXPECT_GT(far, 0u);
    EXPECT_LT(far, ds.segmentCount() / 4) << "far cables should merge into a few lines";
    EXPECT_GT(reddishInColumn(px, 320, 240, 160), 0);
    // Moving frames (plain blending, coarse ground, coarser clustering) show the same cables
    // with fewer segments.
    viewport.setQuality(render::FrameQuality::Moving);
    px = readTexture(viewport.render(), 320, 240);
    EXPECT_GT(reddishInColumn(px, 320, 240, 160), 0);
    const std::size_t moving = viewport.drawnSegments();
    EXPECT_LT(moving, far);
    // A slow machine coarsens moving frames further (render::MovingDetail); the cables stay.
    viewport.setMovingCoarsening(8.0);
    px = readTexture(viewport.render(), 320, 240);
    EXPECT_GT(reddishInColumn(px, 320, 240, 160), 0);
    EXPECT_LT(viewport.drawnSegments(), moving);
    // ... and that survives a rebuild (a layer switched off and on).
    viewport.rebuild(topOptions());
    viewport.render();
    EXPECT_LT(viewport.drawnSegments(), moving);
    viewport.setMovingCoarsening(3.0);
    viewport.render();
    EXPECT_EQ(viewport.drawnSegments(), moving);
    viewport.setQuality(render::FrameQuality::Still);
    // Close up every segment in view is drawn exactly, as tubes or lines.
    viewport.flyTo({X0 + 300, Y0 + 4.5, 4}, 6);
    px = readTexture(viewport.render(), 320, 240);
    EXPECT_GT(viewport.drawnSegments(), far);
    EXPECT_GT(reddishInColumn(px, 320, 240, 160), 10);
}

TEST(Viewport, SelectingAClashShowsAndClearsItsEnvelopeWithoutARebuild) {
    REQUIRE_DISPLAY();
    test::HiddenWindow w;
    ASSERT_NE(w.window, nullptr);
    auto ds = oneCable();
    auto vp = topViewport(ds);
    auto& viewport = *vp;
    // Pixels of the centre column tinted red (the envelope is translucent red).
    auto redTinted = [&] {
        auto px = readTexture(viewport.render(), 320, 240);
        int n = 0;
        for (int y = 0; y < 240; ++y) {
            const unsigned char* p = &px[(static_cast<std::size_t>(y) * 320 + 160) * 4];
            n += p[0] > p[1] + 40 && p[0] > p[2] + 40;
        }
        return n;
    };
    const int plain = redTinted();
    viewport.setHighlight({0, -1, 2.0, "hard", std::nullopt});  // 2 m around the 1 m cable
    const int lit = redTinted();
    EXPECT_GT(lit, plain + 10) << plain << " -> " << lit;
    viewport.setHighlight({});
    EXPECT_EQ(redTinted(), plain);
}

TEST(Viewport, ARebuildKeepsTheGroundAtTheOpacityAskedFor) {
    REQUIRE_DISPLAY();
    test::HiddenWindow w;
    ASSERT_NE(w.window, nullptr);
    auto ds = oneCable();  // at 4 m NAP, a metre below the ground
    const model::GroundLevel ground(5.0);
    auto options = topOptions();
    options.groundOpacity = 1.0;
    render::Viewport viewport(ds, ground, options);
    viewport.initializeFromCurrentContext();
    viewport.resize(320, 240);
    auto centre = [&] {
        auto px = readTexture(viewport.render(), 320, 240);
        const unsigned char* p = &px[(static_cast<std::size_t>(120) * 320 + 160) * 4];
        return std::array<int, 3>{p[0], p[1], p[2]};
    };
    const auto opaque = centre();  // the ground hides the cable
    // A rebuild (e.g. a layer switched off and on) reuses the ground surfaces: same picture.
    viewport.rebuild(options);
    EXPECT_EQ(centre(), opaque);
    // ... at the opacity of the options it is given: x-ray shows the red cable again.
    options.groundOpacity = 0.0;
    viewport.rebuild(options);
    auto xray = centre();
    EXPECT_GT(xray[0], xray[1] + 40) << "the cable should show through";
    EXPECT_NE(xray, opaque);
}
