// The offscreen renders of the public API: images, PNG files, the orbit benchmark.
#include <bodemzicht/render/SceneRenderer.h>

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCellPicker.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkPNGWriter.h>
#include <vtkPointData.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkTextureObject.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "NetworkLod.h"
#include "VtkScene.h"

namespace bz::render {

namespace {

Image grabImage(vtkRenderWindow* window) {
    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(window);
    grab->SetInputBufferTypeToRGB();
    grab->ReadFrontBufferOff();
    grab->Update();
    vtkImageData* img = grab->GetOutput();
    int dims[3];
    img->GetDimensions(dims);
    Image out;
    out.width = dims[0];
    out.height = dims[1];
    out.rgb.resize(static_cast<std::size_t>(out.width) * out.height * 3);
    auto* src = static_cast<unsigned char*>(img->GetScalarPointer());
    for (int y = 0; y < out.height; ++y)  // VTK's row 0 is the bottom row
        std::memcpy(&out.rgb[static_cast<std::size_t>(y) * out.width * 3],
                    src + static_cast<std::size_t>(out.height - 1 - y) * out.width * 3,
                    static_cast<std::size_t>(out.width) * 3);
    return out;
}

}  // namespace

core::Result<Image> renderImage(const model::Dataset& ds, const model::GroundLevel& ground,
                                const RenderOptions& options) {
    if (!displayAvailable())
        return core::fail("", "",
                          "no X display for rendering: run under xvfb-run (Debian's VTK renders "
                          "through GLX only)");
    auto scene = detail::buildScene(ds, ground, options);
    auto window = detail::renderOffscreen(scene, options.width, options.height);
    return grabImage(window);
}

struct SnapshotRenderer::Private {
    const model::Dataset* ds;
    detail::VtkScene scene;
    vtkSmartPointer<vtkRenderWindow> window;
    double exaggeration = 1;
};

core::Result<std::unique_ptr<SnapshotRenderer>> SnapshotRenderer::create(
    const model::Dataset& ds, const model::GroundLevel& ground, const RenderOptions& options) {
    if (!displayAvailable())
        return core::fail("", "",
                          "no X display for rendering: run under xvfb-run (Debian's VTK renders "
                          "through GLX only)");
    std::unique_ptr<SnapshotRenderer> r(new SnapshotRenderer());
    r->d = std::make_unique<Private>();
    r->d->ds = &ds;
    r->d->exaggeration = options.verticalExaggeration;
    r->d->scene = detail::buildScene(ds, ground, options);
    r->d->window = detail::renderOffscreen(r->d->scene, options.width, options.height);
    return r;
}

SnapshotRenderer::SnapshotRenderer() = default;
SnapshotRenderer::~SnapshotRenderer() = default;

Image SnapshotRenderer::render(const WorldCamera& camera,
                               const RenderOptions::Highlight& highlight) {
    detail::setHighlight(d->scene, *d->ds, highlight);
    detail::applyWorldCamera(d->scene, camera, d->exaggeration);
    d->window->Render();
    return grabImage(d->window);
}

Image SnapshotRenderer::render(const std::string& view) {
    detail::setHighlight(d->scene, *d->ds, {});
    detail::applyView(d->scene, view, d->exaggeration);
    d->window->Render();
    return grabImage(d->window);
}

namespace {

vtkSmartPointer<vtkImageData> toVtk(const Image& image) {
    auto img = vtkSmartPointer<vtkImageData>::New();
    img->SetDimensions(image.width, image.height, 1);
    img->AllocateScalars(VTK_UNSIGNED_CHAR, 3);
    auto* dst = static_cast<unsigned char*>(img->GetScalarPointer());
    for (int y = 0; y < image.height; ++y)
        std::memcpy(dst + static_cast<std::size_t>(image.height - 1 - y) * image.width * 3,
                    &image.rgb[static_cast<std::size_t>(y) * image.width * 3],
                    static_cast<std::size_t>(image.width) * 3);
    return img;
}

}  // namespace

core::Result<void> writePng(const Image& image, const std::string& path) {
    vtkNew<vtkPNGWriter> writer;
    writer->SetFileName(path.c_str());
    writer->SetInputData(toVtk(image));
    writer->Write();
    if (writer->GetErrorCode() != 0) return core::fail(path, "", "cannot write PNG");
    return {};
}

core::Result<std::vector<std::uint8_t>> encodePng(const Image& image) {
    vtkNew<vtkPNGWriter> writer;
    writer->WriteToMemoryOn();
    writer->SetInputData(toVtk(image));
    writer->Write();
    vtkUnsignedCharArray* bytes = writer->GetResult();
    if (writer->GetErrorCode() != 0 || !bytes) return core::fail("", "", "cannot encode PNG");
    const auto* p = bytes->GetPointer(0);
    return std::vector<std::uint8_t>(
        p, p + bytes->GetNumberOfTuples() * bytes->GetNumberOfComponents());
}

core::Result<std::vector<double>> benchmarkOrbit(const model::Dataset& ds,
                                                 const model::GroundLevel& ground,
                                                 const RenderOptions& options, int frames,
                                                 FrameQuality quality, bool warm,
                                                 MovingDetail* detail) {
    if (!displayAvailable())
        return core::fail("", "", "no X display for rendering: run under xvfb-run");
    auto scene = detail::buildScene(ds, ground, options);
    detail::setMoving(scene, quality == FrameQuality::Moving);
    // The first frame uploads the geometry and is not timed.
    auto window = detail::renderOffscreen(scene, options.width, options.height);
    auto orbitStep = [&] {
        scene.renderer->GetActiveCamera()->Azimuth(360.0 / std::max(1, frames));
        auto t0 = std::chrono::steady_clock::now();
        window->Render();
        window->WaitForCompletion();
        double took =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        if (detail && scene.moving && detail->frameTook(took))
            detail::setMovingCoarsening(scene, detail->coarsening());
        return took;
    };
    // A warm benchmark first flies the same orbit untimed, so that every level of detail it
    // needs is built (and the moving detail has settled).
    for (int i = 0; warm && i < frames; ++i) orbitStep();
    std::vector<double> ms;
    for (int i = 0; i < frames; ++i) ms.push_back(orbitStep());
    return ms;
}

core::Result<std::vector<double>> benchmarkFlyTo(
    const model::Dataset& ds, const model::GroundLevel& ground, const RenderOptions& options,
    const std::vector<std::pair<WorldCamera, RenderOptions::Highlight>>& views) {
    if (!displayAvailable())
        return core::fail("", "", "no X display for rendering: run under xvfb-run");
    auto scene = detail::buildScene(ds, ground, options);
    detail::setMoving(scene, false);
    auto window = detail::renderOffscreen(scene, options.width, options.height);
    std::vector<double> ms;
    for (const auto& [camera, highlight] : views) {
        auto t0 = std::chrono::steady_clock::now();
        detail::setHighlight(scene, ds, highlight);
        detail::applyWorldCamera(scene, camera, options.verticalExaggeration);
        window->Render();
        window->WaitForCompletion();
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
    }
    return ms;
}

}  // namespace bz::render
