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

#include "vtk/NetworkLod.h"
#include "vtk/VtkScene.h"

namespace bz::render {

core::Vec3 renderOrigin(const model::Dataset& ds) {
    auto b = ds.bounds();
    if (b.empty()) return {};
    auto c = b.center();
    return {std::round(c.x / 100) * 100, std::round(c.y / 100) * 100, std::round(c.z)};
}

bool isShown(const model::Dataset& ds, const model::Feature& f, const RenderOptions& o) {
    if (o.hiddenLayers.count(ds.str(f.layer)) || o.hiddenThemes.count(ds.str(f.theme)))
        return false;
    if (std::isnan(o.sliceBottomZ) && std::isnan(o.sliceTopZ)) return true;
    auto b = ds.featureBounds(f);
    if (!std::isnan(o.sliceTopZ) && b.lo.z > o.sliceTopZ) return false;
    if (!std::isnan(o.sliceBottomZ) && b.hi.z < o.sliceBottomZ) return false;
    return true;
}

bool displayAvailable() {
    const char* d = std::getenv("DISPLAY");
    return d && *d;
}

core::Result<Image> renderImage(const model::Dataset& ds, const io::GroundLevel& ground,
                                const RenderOptions& options) {
    if (!displayAvailable())
        return core::fail("", "",
                          "no X display for rendering: run under xvfb-run (Debian's VTK renders "
                          "through GLX only)");
    auto scene = detail::buildScene(ds, ground, options);
    auto window = detail::renderOffscreen(scene, options.width, options.height);
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

core::Result<void> writePng(const Image& image, const std::string& path) {
    vtkNew<vtkImageData> img;
    img->SetDimensions(image.width, image.height, 1);
    img->AllocateScalars(VTK_UNSIGNED_CHAR, 3);
    auto* dst = static_cast<unsigned char*>(img->GetScalarPointer());
    for (int y = 0; y < image.height; ++y)
        std::memcpy(dst + static_cast<std::size_t>(image.height - 1 - y) * image.width * 3,
                    &image.rgb[static_cast<std::size_t>(y) * image.width * 3],
                    static_cast<std::size_t>(image.width) * 3);
    vtkNew<vtkPNGWriter> writer;
    writer->SetFileName(path.c_str());
    writer->SetInputData(img);
    writer->Write();
    if (writer->GetErrorCode() != 0) return core::fail(path, "", "cannot write PNG");
    return {};
}

core::Result<std::vector<double>> benchmarkOrbit(const model::Dataset& ds,
                                                 const io::GroundLevel& ground,
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

// [SECTION] interactive viewport

struct Viewport::Private {
    const model::Dataset* ds = nullptr;
    const io::GroundLevel* ground = nullptr;
    detail::VtkScene scene;
    vtkNew<vtkGenericOpenGLRenderWindow> window;
    RenderOptions options;
    int width = 800, height = 600;
    // RD/NAP and the scene's local, height-exaggerated coordinates.
    core::Vec3 toLocal(core::Vec3 p) const {
        core::Vec3 l = p - scene.origin;
        l.z *= options.verticalExaggeration;
        return l;
    }
    core::Vec3 toWorld(core::Vec3 l) const {
        return core::Vec3{l.x, l.y, l.z / options.verticalExaggeration} + scene.origin;
    }
};

Viewport::Viewport(const model::Dataset& ds, const io::GroundLevel& ground,
                   const RenderOptions& options)
    : d(std::make_unique<Private>()) {
    d->options = options;
    d->ds = &ds;
    d->ground = &ground;
    d->scene = detail::buildScene(ds, ground, options);
    d->width = options.width;
    d->height = options.height;
}

Viewport::~Viewport() = default;

void Viewport::initializeFromCurrentContext() {
    // VTK renders into the caller's context: it is always current and owned by the caller.
    d->window->SetOwnContext(false);
    vtkNew<vtkCallbackCommand> isCurrent;
    isCurrent->SetCallback([](vtkObject*, unsigned long, void*, void* callData) {
        *static_cast<bool*>(callData) = true;
    });
    d->window->AddObserver(vtkCommand::WindowIsCurrentEvent, isCurrent);
    d->window->SetFrameBlitModeToNoBlit();
    // Depth peeling of the translucent volumes needs alpha planes and no multisampling.
    d->window->SetAlphaBitPlanes(1);
    d->window->SetMultiSamples(0);
    d->window->AddRenderer(d->scene.renderer);
    d->window->SetSize(d->width, d->height);
    d->window->InitializeFromCurrentContext();
}

void Viewport::resize(int width, int height) {
    d->width = std::max(1, width);
    d->height = std::max(1, height);
    d->window->SetSize(d->width, d->height);
}

unsigned Viewport::render() {
    d->window->GetState()->Reset();  // the app's GL calls bypass VTK's state cache
    d->window->Render();
    d->window->WaitForCompletion();
    return d->window->GetDisplayFramebuffer()->GetColorAttachmentAsTextureObject(0)->GetHandle();
}

void Viewport::orbit(double dx, double dy) {
    vtkCamera* cam = d->scene.renderer->GetActiveCamera();
    cam->Azimuth(dx);
    cam->Elevation(dy);
    cam->OrthogonalizeViewUp();
    d->scene.renderer->ResetCameraClippingRange();
}

void Viewport::zoom(double factor) {
    d->scene.renderer->GetActiveCamera()->Dolly(factor);
    d->scene.renderer->ResetCameraClippingRange();
}

void Viewport::pan(double dxPx, double dyPx) {
    // Move camera and focal point together in the view plane, scaled to the focal distance.
    vtkCamera* cam = d->scene.renderer->GetActiveCamera();
    double pos[3], fp[3], up[3], dir[3];
    cam->GetPosition(pos);
    cam->GetFocalPoint(fp);
    cam->GetViewUp(up);
    cam->GetDirectionOfProjection(dir);
    double right[3] = {dir[1] * up[2] - dir[2] * up[1], dir[2] * up[0] - dir[0] * up[2],
                       dir[0] * up[1] - dir[1] * up[0]};
    double scale = 2.0 * cam->GetDistance() * std::tan(cam->GetViewAngle() * M_PI / 360.0) /
                   std::max(1, d->height);
    for (int i = 0; i < 3; ++i) {
        double delta = (-dxPx * right[i] + dyPx * up[i]) * scale;
        pos[i] += delta;
        fp[i] += delta;
    }
    cam->SetPosition(pos);
    cam->SetFocalPoint(fp);
    d->scene.renderer->ResetCameraClippingRange();
}

void Viewport::setView(const std::string& view) {
    d->options.view = view;
    detail::applyView(d->scene, view, d->options.verticalExaggeration);
}

void Viewport::setGroundOpacity(double opacity) {
    d->options.groundOpacity = opacity;
    for (vtkActor* g : {d->scene.ground.Get(), d->scene.movingGround.Get()})
        if (g) g->GetProperty()->SetOpacity(opacity);
}

void Viewport::setMovingCoarsening(double coarsening) {
    detail::setMovingCoarsening(d->scene, coarsening);
}

void Viewport::setQuality(FrameQuality quality) {
    if ((quality == FrameQuality::Moving) != d->scene.moving)
        detail::setMoving(d->scene, quality == FrameQuality::Moving);
}

std::size_t Viewport::drawnSegments() const {
    std::size_t n = 0;
    for (const auto& lod : d->scene.networkLods) n += lod->drawnSegments();
    return n;
}

void Viewport::setVerticalExaggeration(double factor) {
    d->options.verticalExaggeration = factor;
    detail::applyExaggeration(d->scene, factor);
    d->scene.renderer->ResetCameraClippingRange();
}

void Viewport::setLens(int x, int y, double radiusPx) {
    detail::setLens(d->scene, {static_cast<double>(x), static_cast<double>(d->height - 1 - y)},
                    radiusPx);
}

long Viewport::pick(int x, int y) {
    return detail::pickFeature(d->scene, x, y, d->height);
}

std::optional<core::Vec3> Viewport::pickPoint(int x, int y) {
    vtkNew<vtkCellPicker> picker;
    picker->SetTolerance(0.0005);
    if (!picker->Pick(x, d->height - 1 - y, 0, d->scene.renderer)) return std::nullopt;
    double p[3];
    picker->GetPickPosition(p);
    return d->toWorld({p[0], p[1], p[2]});
}

void Viewport::setHighlight(const RenderOptions::Highlight& highlight) {
    d->options.highlight = highlight;
    detail::setHighlight(d->scene, *d->ds, highlight);
}

void Viewport::rebuild(const RenderOptions& options) {
    auto cam = camera();
    d->window->RemoveRenderer(d->scene.renderer);
    d->options = options;
    const bool moving = d->scene.moving;
    const double coarsening = d->scene.movingCoarsening;
    d->scene = detail::buildScene(*d->ds, *d->ground, options, &d->scene);
    d->scene.movingCoarsening = coarsening;
    detail::setMoving(d->scene, moving);
    d->window->AddRenderer(d->scene.renderer);
    setCamera(cam);
}

void Viewport::flyTo(core::Vec3 target, double distanceM) {
    const core::Vec3 t = d->toLocal(target);
    vtkCamera* cam = d->scene.renderer->GetActiveCamera();
    cam->SetFocalPoint(t.x, t.y, t.z);
    cam->SetPosition(t.x - 0.5 * distanceM, t.y - 0.8 * distanceM, t.z + 0.6 * distanceM);
    cam->SetViewUp(0, 0, 1);
    d->scene.renderer->ResetCameraClippingRange();
}

Viewport::CameraState Viewport::camera() const {
    vtkCamera* cam = d->scene.renderer->GetActiveCamera();
    double p[3], f[3], u[3];
    cam->GetPosition(p);
    cam->GetFocalPoint(f);
    cam->GetViewUp(u);
    return {{p[0], p[1], p[2]}, {f[0], f[1], f[2]}, {u[0], u[1], u[2]}};
}

void Viewport::setCamera(const CameraState& c) {
    vtkCamera* cam = d->scene.renderer->GetActiveCamera();
    cam->SetPosition(c.position.x, c.position.y, c.position.z);
    cam->SetFocalPoint(c.focalPoint.x, c.focalPoint.y, c.focalPoint.z);
    cam->SetViewUp(c.viewUp.x, c.viewUp.y, c.viewUp.z);
    d->scene.renderer->ResetCameraClippingRange();
}

Viewport::CameraState Viewport::worldCamera() const {
    auto c = camera();
    return {d->toWorld(c.position), d->toWorld(c.focalPoint), c.viewUp};
}

void Viewport::setWorldCamera(const CameraState& c) {
    setCamera({d->toLocal(c.position), d->toLocal(c.focalPoint), c.viewUp});
}

}  // namespace bz::render
