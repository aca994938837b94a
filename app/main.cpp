// bodemzicht: the 3D viewer of the shallow subsurface. With --screenshot it renders one image and
// exits (under xvfb-run where there is no display).
#include <GL/glew.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <CLI/CLI.hpp>

#include <bodemzicht/render/SceneRenderer.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "Designing.h"
#include "Orientation.h"
#include "Panels.h"
#include "ViewInput.h"
#include "ViewerState.h"

using namespace bz;

namespace {

int screenshot(app::ViewerState& s, const std::string& path) {
    auto image = render::renderImage(s.dataset, s.ground, s.options);
    if (!image) {
        std::fprintf(stderr, "bodemzicht: %s\n", image.error().toString().c_str());
        return 1;
    }
    if (auto ok = render::writePng(*image, path); !ok) {
        std::fprintf(stderr, "bodemzicht: %s\n", ok.error().toString().c_str());
        return 1;
    }
    std::printf("wrote %s (%dx%d)\n", path.c_str(), image->width, image->height);
    return 0;
}

// Times in ms, sorted, with their mean; false (said on stderr) when the run failed.
struct TimeSummary {
    std::vector<double> sorted;
    double mean = 0;
    double median() const { return sorted[sorted.size() / 2]; }
};
std::optional<TimeSummary> summarise(const core::Result<std::vector<double>>& times) {
    if (!times) {
        std::fprintf(stderr, "bodemzicht: %s\n", times.error().toString().c_str());
        return std::nullopt;
    }
    TimeSummary t{*times, 0};
    std::sort(t.sorted.begin(), t.sorted.end());
    for (double ms : t.sorted) t.mean += ms / static_cast<double>(t.sorted.size());
    return t;
}

int benchmark(app::ViewerState& s, int frames, bool still, bool warm, double movingBudgetMs) {
    render::MovingDetail detail(movingBudgetMs);
    auto times = render::benchmarkOrbit(
        s.dataset, s.ground, s.options, frames,
        still ? render::FrameQuality::Still : render::FrameQuality::Moving, warm, &detail);
    auto t = summarise(times);
    if (!t || t->sorted.empty()) return 1;
    std::printf("frames=%d mean_ms=%.2f median_ms=%.2f\n", frames, t->mean, t->median());
    // The detail the moving frames ended at, for comparisons (stderr: stdout is the one line).
    if (!still && movingBudgetMs > 0)
        std::fprintf(stderr, "moving detail: coarsening %.2f at the end (budget %.0f ms)\n",
                     detail.coarsening(), movingBudgetMs);
    else if (!still)
        std::fprintf(stderr, "moving detail: coarsening %.2f (fixed)\n", detail.coarsening());
    return 0;
}

// Flies to `count` clashes spread over the report, as choosing them in the list does, and prints
// the times (the docs' fly-to figure).
int benchmarkFlyTo(app::ViewerState& s, int count) {
    const auto& all = s.clashes.clashes;
    if (all.empty()) {
        std::fprintf(stderr, "bodemzicht: --benchmark-flyto needs a clash report in the project\n");
        return 1;
    }
    std::vector<std::pair<render::WorldCamera, render::RenderOptions::Highlight>> views;
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(count), all.size());
    for (std::size_t k = 0; k < n; ++k) {
        const auto& c = all[k * all.size() / n];
        views.push_back({app::clashCamera(c), app::clashHighlight(s, c)});
    }
    auto t = summarise(render::benchmarkFlyTo(s.dataset, s.ground, s.options, views));
    if (!t || t->sorted.empty()) return 1;
    std::printf("flyto=%zu mean_ms=%.2f median_ms=%.2f max_ms=%.2f\n", t->sorted.size(), t->mean,
                t->median(), t->sorted.back());
    return 0;
}

// How long the window stays: until closed, or (frames > 0) until that many frames are drawn and
// the exact still frame is on screen, then optionally its pixels written to a PNG: the real
// window, loop and panels, run by a test or to make the docs' screenshot.
struct WindowRun {
    int frames = 0;
    std::string shot;
};

// The window's back buffer as an image (top row first).
render::Image windowPixels(int width, int height) {
    render::Image img;
    img.width = width;
    img.height = height;
    std::vector<std::uint8_t> rows(static_cast<std::size_t>(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, rows.data());
    img.rgb.resize(rows.size());
    const std::size_t stride = static_cast<std::size_t>(width) * 3;
    for (int y = 0; y < height; ++y)
        std::copy_n(&rows[static_cast<std::size_t>(height - 1 - y) * stride], stride,
                    &img.rgb[static_cast<std::size_t>(y) * stride]);
    return img;
}

int interactive(app::ViewerState& s, double movingBudgetMs, const WindowRun& run) {
    if (!glfwInit()) {
        std::fprintf(stderr,
                     "bodemzicht: cannot open a window (no display?); use --screenshot FILE under "
                     "xvfb-run\n");
        return 2;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
    GLFWwindow* window =
        glfwCreateWindow(1600, 900, ("Bodemzicht - " + s.projectPath).c_str(), nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "bodemzicht: cannot create an OpenGL 3.3 window\n");
        glfwTerminate();
        return 2;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    glewExperimental = GL_TRUE;
    glewInit();
    glGetError();
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout below, not a leftover imgui.ini
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    render::Viewport viewport(s.dataset, s.ground, s.options);
    viewport.initializeFromCurrentContext();
    ImVec2 lastMouse{};
    render::FramePacer pacer;
    render::MovingDetail detail(movingBudgetMs);
    pacer.input(glfwGetTime());
    int frame = 0, exitCode = 0;
    while (!glfwWindowShouldClose(window)) {
        if (pacer.waiting() && run.frames == 0) {
            glfwWaitEvents();
            pacer.input(glfwGetTime());
        } else {
            glfwPollEvents();
        }
        const double frameStart = glfwGetTime();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        int ww, wh;
        glfwGetWindowSize(window, &ww, &wh);
        const auto view3d =
            app::drawPanels(s, viewport, static_cast<float>(ww), static_cast<float>(wh));
        ImGui::SetNextWindowPos(ImVec2(view3d.x, view3d.y), ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowSize(ImVec2(view3d.w, view3d.h), ImGuiCond_FirstUseEver);
        // Not movable: a left drag over the view orbits the camera, it must not drag the window.
        ImGui::Begin("3D", nullptr,
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoScrollbar |
                         ImGuiWindowFlags_NoScrollWithMouse);
        ImVec2 size = ImGui::GetContentRegionAvail();
        viewport.resize(static_cast<int>(size.x), static_cast<int>(size.y));
        {
            ImGuiIO& io = ImGui::GetIO();
            if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 ||
                ImGui::IsAnyMouseDown() || ImGui::IsAnyItemActive())
                pacer.input(glfwGetTime());
        }
        const auto quality = pacer.quality(glfwGetTime());
        viewport.setQuality(quality);
        unsigned tex = viewport.render();
        pacer.shown(quality);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        ImVec2 origin = ImGui::GetCursorScreenPos();
        ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex)), size,
                     ImVec2(0, 1), ImVec2(1, 0));
        if (s.lens && ImGui::IsItemHovered()) {
            ImVec2 m = ImGui::GetIO().MousePos;
            viewport.setLens(static_cast<int>(m.x - origin.x), static_cast<int>(m.y - origin.y),
                             120);
        } else {
            viewport.setLens(0, 0, 0);
        }
        if (ImGui::IsItemHovered()) {
            ImGuiIO& io = ImGui::GetIO();
            app::ViewInput in;
            in.x = static_cast<int>(io.MousePos.x - origin.x);
            in.y = static_cast<int>(io.MousePos.y - origin.y);
            in.dx = io.MousePos.x - lastMouse.x;
            in.dy = io.MousePos.y - lastMouse.y;
            in.wheel = io.MouseWheel;
            in.leftDrag = ImGui::IsMouseDragging(ImGuiMouseButton_Left);
            in.middleDrag = ImGui::IsMouseDragging(ImGuiMouseButton_Middle);
            in.rightClick = ImGui::IsMouseClicked(ImGuiMouseButton_Right);
            in.shift = io.KeyShift;
            in.leftPress = ImGui::IsMouseClicked(ImGuiMouseButton_Left);
            in.leftRelease = ImGui::IsMouseReleased(ImGuiMouseButton_Left);
            in.leftClick = in.leftRelease && io.MouseDragMaxDistanceSqr[ImGuiMouseButton_Left] <
                                                 io.MouseDragThreshold * io.MouseDragThreshold;
            in.doubleClick = ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
            if (!io.WantTextInput) {
                in.enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
                in.escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
                in.del = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete), false);
                in.undo = io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false);
                in.redo = io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false);
            }
            app::applyViewInput(s, viewport, in);
        } else if (s.design.dragMeasure >= 0 && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
            app::endMeasureDrag(s, viewport);  // let go outside the view
        }
        // Scale bar, north arrow and what lies under the mouse (picked only while it rests).
        std::optional<core::Vec3> underMouse;
        if (ImGui::IsItemHovered() && !ImGui::IsAnyMouseDown() &&
            ImGui::GetIO().MouseDelta.x == 0 && ImGui::GetIO().MouseDelta.y == 0) {
            const ImVec2 m = ImGui::GetIO().MousePos;
            underMouse = viewport.pickPoint(static_cast<int>(m.x - origin.x),
                                            static_cast<int>(m.y - origin.y));
            // The object there, outlined in the cross-section when it cuts it.
            if (s.section)
                s.hovered3d = viewport.pick(static_cast<int>(m.x - origin.x),
                                            static_cast<int>(m.y - origin.y));
        } else if (!ImGui::IsItemHovered()) {
            s.hovered3d = -1;
        }
        app::drawOrientation(s, viewport, origin, size, underMouse);
        lastMouse = ImGui::GetIO().MousePos;
        ImGui::End();

        ImGui::Render();
        int w, h;
        glfwGetFramebufferSize(window, &w, &h);
        glViewport(0, 0, w, h);
        glClearColor(0.1f, 0.1f, 0.12f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (quality == render::FrameQuality::Moving) {
            // The frame's own work (not the wait for the next event); glFinish so that the GPU's
            // or llvmpipe's share counts too.
            glFinish();
            if (detail.frameTook((glfwGetTime() - frameStart) * 1000))
                viewport.setMovingCoarsening(detail.coarsening());
        }
        if (run.frames > 0 && ++frame >= run.frames && quality == render::FrameQuality::Still) {
            if (!run.shot.empty()) {
                if (auto ok = render::writePng(windowPixels(w, h), run.shot); !ok) {
                    std::fprintf(stderr, "bodemzicht: %s\n", ok.error().toString().c_str());
                    exitCode = 1;
                } else {
                    std::printf("wrote %s (%dx%d, the window)\n", run.shot.c_str(), w, h);
                }
            }
            glfwSetWindowShouldClose(window, 1);
        }
        glfwSwapBuffers(window);
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exitCode;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"bodemzicht: 3D viewer of the shallow subsurface (RD New + NAP)"};
    std::string project, shot, size = "1280x720", view = "overview", clashes;
    double exaggeration = 1, groundOpacity = 0.3;
    int benchmarkFrames = 0, flyToCount = 0;
    std::string networks = "auto";
    bool still = false, warm = false;
    double movingBudgetMs = 20;
    cli.add_option("PROJECT", project, "Project GeoPackage (default: the bundled sample district)");
    cli.add_option("--screenshot", shot, "Render one image to this PNG and exit");
    cli.add_option("--size", size, "Image size WxH");
    cli.add_option("--view", view, "overview, top or street")
        ->check(CLI::IsMember({"overview", "top", "street"}));
    cli.add_option("--clashes", clashes, "Clash report CSV (bodem clash --out) to show");
    cli.add_option("--exaggeration", exaggeration, "Vertical exaggeration 1..10")
        ->check(CLI::Range(1.0, 10.0));
    cli.add_option("--ground-opacity", groundOpacity, "Ground opacity 0 (x-ray) .. 1")
        ->check(CLI::Range(0.0, 1.0));
    cli.add_option("--networks", networks,
                   "Networks: auto (tiled level of detail: tubes near, lines and clustered lines "
                   "further away), or all tubes, or all lines")
        ->check(CLI::IsMember({"auto", "tubes", "lines"}));
    cli.add_option("--benchmark-flyto", flyToCount,
                   "Fly to N clashes spread over the report as the list does; print the times")
        ->check(CLI::Range(1, 100000));
    cli.add_option("--benchmark", benchmarkFrames,
                   "Render N frames of an orbit and print their times")
        ->check(CLI::Range(1, 100000));
    cli.add_flag("--still", still,
                 "With --benchmark: time exact still frames (depth peeling) instead of the frames "
                 "drawn while the camera moves");
    cli.add_flag("--warm", warm,
                 "With --benchmark: fly the orbit once untimed first (levels of detail built)");
    bool noLegend = false;
    cli.add_flag("--no-legend", noLegend,
                 "With --screenshot: no legend of the themes in the image");
    WindowRun run;
    cli.add_option("--window-frames", run.frames,
                   "Open the window, draw at least N frames and the still frame after, then close")
        ->check(CLI::Range(1, 100000));
    cli.add_option("--window-shot", run.shot,
                   "With --window-frames: write the window (panels and view) to this PNG");
    bool groundwater = false;
    cli.add_flag("--groundwater", groundwater,
                 "Draw the project's groundwater levels (GHG, GLG rasters) as translucent sheets");
    std::string clashId;
    cli.add_option("--clash", clashId,
                   "With --screenshot: the view the viewer flies to for this clash (its id in the "
                   "report), with its envelope");
    std::string colourBy = "theme";
    cli.add_option("--colour-by", colourBy,
                   "theme (KLIC colours) or condition (sewer pipes by the condition class of "
                   "their inspections)")
        ->check(CLI::IsMember({"theme", "condition"}));
    bool observations = false;
    cli.add_flag("--observations", observations,
                 "Draw sewer inspection observations (class 1 and worse) on the pipe walls");
    cli.add_option(
           "--moving-budget", movingBudgetMs,
           "Frame time (ms) that frames drawn while the camera moves adapt their detail to; "
           "0: fixed detail")
        ->check(CLI::Range(0.0, 1000.0));
    std::vector<std::string> drawn;
    cli.add_option("--draw", drawn,
                   "Add a measure as if drawn: KIND:X,Y;X,Y;... (KIND heat_network, cable, "
                   "trench, tree_pit, wadi, infiltration_crate, wko_well; RD New); repeatable");
    bool soilVoxels = false;
    cli.add_flag("--soil", soilVoxels, "Show the project's soil model (GeoTOP) as voxels");
    bool thermal = false;
    cli.add_flag("--wko", thermal,
                 "Show WKO wells' thermal radius as cylinders over their screens");
    bool contamination = false;
    cli.add_flag("--contamination", contamination,
                 "Show the project's contamination grids as surfaces at the intervention value");
    int planYear = 0;
    cli.add_option("--plan", planYear,
                   "Colour the streets by their openings in the works plan from this year on "
                   "(bodem plan), what opens in that year wider");
    std::vector<std::string> contaminationLevels;
    cli.add_option("--contamination-level", contaminationLevels,
                   "A contamination surface at another level than the intervention value: "
                   "SUBSTANCE=VALUE (e.g. lood=200, in the grid's unit); repeatable");
    bool budget = false;
    cli.add_flag("--budget", budget,
                 "Colour the project's streets by their space budget (bodem space --budget)");
    CLI11_PARSE(cli, argc, argv);

    if (project.empty()) {
        auto sample = app::bundledSample();
        if (!sample) {
            std::fprintf(stderr, "bodemzicht: %s\n", sample.error().toString().c_str());
            return 1;
        }
        project = *sample;
    }
    app::ViewerState state;
    int w = 0, h = 0;
    if (std::sscanf(size.c_str(), "%dx%d", &w, &h) != 2 || w < 16 || h < 16 || w > 8192 ||
        h > 8192) {
        std::fprintf(stderr, "bodemzicht: --size '%s' is not WxH\n", size.c_str());
        return 1;
    }
    state.options.width = w;
    state.options.height = h;
    state.options.view = view;
    state.options.verticalExaggeration = exaggeration;
    state.options.groundOpacity = groundOpacity;
    state.options.showGroundwater = groundwater;
    state.options.colourBy = colourBy == "condition" ? render::RenderOptions::ColourBy::Condition
                                                     : render::RenderOptions::ColourBy::Theme;
    state.options.showObservations = observations;
    state.options.showSoil = soilVoxels;
    state.options.showContamination = contamination;
    state.options.showThermalZones = thermal;
    state.options.networkStyle = networks == "tubes"   ? render::RenderOptions::NetworkStyle::Tubes
                                 : networks == "lines" ? render::RenderOptions::NetworkStyle::Lines
                                                       : render::RenderOptions::NetworkStyle::Auto;
    if (auto ok = app::openProject(state, project, clashes); !ok) {
        std::fprintf(stderr, "bodemzicht: %s\n", ok.error().toString().c_str());
        return 1;
    }
    if (state.loadReport.skipped()) std::printf("%s", state.loadReport.summary(10).c_str());
    for (const auto& problem : state.problems)
        std::fprintf(stderr, "bodemzicht: %s\n", problem.c_str());
    for (const auto& spec : contaminationLevels) {
        const auto eq = spec.find('=');
        char* end = nullptr;
        const double level =
            eq == std::string::npos ? NAN : std::strtod(spec.c_str() + eq + 1, &end);
        std::size_t set = 0;
        if (std::isfinite(level) && end && !*end)
            for (auto& iso : state.options.contamination)
                if (iso.name.starts_with(spec.substr(0, eq) + " (")) iso.level = level, ++set;
        if (!set) {
            std::fprintf(stderr,
                         "bodemzicht: --contamination-level '%s': expected SUBSTANCE=VALUE for a "
                         "substance of the project's contamination grids\n",
                         spec.c_str());
            return 1;
        }
    }
    for (const auto& text : drawn)
        if (!app::drawFromText(state, text)) {
            std::fprintf(stderr, "bodemzicht: %s\n", state.design.problem.c_str());
            return 1;
        }
    if (planYear > 0) {
        state.planning.show = true;
        if (!app::computePlan(state, planYear))
            std::fprintf(stderr, "bodemzicht: works plan: %s\n", state.planning.problem.c_str());
        app::composeOverlayLines(state);
    }
    if (budget) {
        state.design.showBudget = true;
        if (!app::computeBudget(state))
            std::fprintf(stderr, "bodemzicht: space budget: %s\n",
                         state.design.budgetProblem.c_str());
    }
    if (flyToCount > 0) return benchmarkFlyTo(state, flyToCount);
    if (benchmarkFrames > 0) return benchmark(state, benchmarkFrames, still, warm, movingBudgetMs);
    if (shot.empty()) return interactive(state, movingBudgetMs, run);
    // A screenshot has no panels around it: it carries its own legend.
    state.options.showLegend = !noLegend;
    if (!clashId.empty()) {
        const int index = app::findClash(state, clashId);
        if (index < 0) {
            std::fprintf(stderr, "bodemzicht: no clash '%s' in the report (%zu clashes)\n",
                         clashId.c_str(), state.clashes.clashes.size());
            return 1;
        }
        const auto& c = state.clashes.clashes[static_cast<std::size_t>(index)];
        state.options.highlight = app::clashHighlight(state, c);
        state.options.camera = app::clashCamera(c);
    }
    return screenshot(state, shot);
}
