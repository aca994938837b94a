// The interactive viewport: VTK rendering into the viewer's OpenGL context.
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

// [SECTION] interactive viewport

struct Viewport::Private {
    const model::Dataset* ds = nullptr;
    const model::GroundLevel* ground = nullptr;
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

Viewport::Viewport(const model::Dataset& ds, const model::GroundLevel& ground,
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
    detail::attach(d->window, d->scene);
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
    detail::resetClippingRange(d->scene.renderer);
}

void Viewport::zoom(double factor) {
    vtkCamera* cam = d->scene.renderer->GetActiveCamera();
    if (cam->GetParallelProjection())
        cam->Zoom(factor);  // orthographic (the top view): the scale, not the distance
    else
        cam->Dolly(factor);
    detail::resetClippingRange(d->scene.renderer);
}

double Viewport::metresPerPixel() const {
    return detail::metresPerPixel(d->scene.renderer->GetActiveCamera(), d->height);
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
    const double scale = metresPerPixel();
    for (int i = 0; i < 3; ++i) {
        double delta = (-dxPx * right[i] + dyPx * up[i]) * scale;
        pos[i] += delta;
        fp[i] += delta;
    }
    cam->SetPosition(pos);
    cam->SetFocalPoint(fp);
    detail::resetClippingRange(d->scene.renderer);
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
    detail::resetClippingRange(d->scene.renderer);
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

void Viewport::setMeasuringPoints(const std::vector<core::Vec3>& points) {
    d->options.measuringPoints = points;
    detail::setMeasuringPoints(d->scene, points);
}

void Viewport::setOverlayLines(const std::vector<RenderOptions::OverlayLine>& lines) {
    d->options.overlayLines = lines;
    detail::setOverlayLines(d->scene, lines);
}

void Viewport::setHighlight(const RenderOptions::Highlight& highlight) {
    d->options.highlight = highlight;
    detail::setHighlight(d->scene, *d->ds, highlight);
}

void Viewport::rebuild(const RenderOptions& options) {
    auto cam = camera();
    detail::detach(d->window, d->scene);
    d->options = options;
    const bool moving = d->scene.moving;
    const double coarsening = d->scene.movingCoarsening;
    d->scene = detail::buildScene(*d->ds, *d->ground, options, &d->scene);
    d->scene.movingCoarsening = coarsening;
    detail::setMoving(d->scene, moving);
    detail::attach(d->window, d->scene);
    setCamera(cam);
}

void Viewport::flyTo(core::Vec3 target, double distanceM) {
    const core::Vec3 t = d->toLocal(target);
    vtkCamera* cam = d->scene.renderer->GetActiveCamera();
    cam->ParallelProjectionOff();  // a close-up, also from the (orthographic) top view
    cam->SetFocalPoint(t.x, t.y, t.z);
    cam->SetPosition(t.x - 0.5 * distanceM, t.y - 0.8 * distanceM, t.z + 0.6 * distanceM);
    cam->SetViewUp(0, 0, 1);
    detail::resetClippingRange(d->scene.renderer);
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
    detail::resetClippingRange(d->scene.renderer);
}

Viewport::CameraState Viewport::worldCamera() const {
    auto c = camera();
    return {d->toWorld(c.position), d->toWorld(c.focalPoint), c.viewUp};
}

void Viewport::setWorldCamera(const CameraState& c) {
    setCamera({d->toLocal(c.position), d->toLocal(c.focalPoint), c.viewUp});
}

void Viewport::lookFrom(const WorldCamera& c) {
    detail::applyWorldCamera(d->scene, c, d->scene.exaggeration);
}

}  // namespace bz::render
