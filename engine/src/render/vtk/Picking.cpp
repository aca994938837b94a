#include <bodemzicht/render/Picking.h>

#include <vtkNew.h>
#include <vtkRenderWindow.h>

#include "VtkScene.h"

namespace bz::render {

core::Result<long> pickFeature(const model::Dataset& ds, const model::GroundLevel& ground,
                               const RenderOptions& options, int x, int y) {
    if (!displayAvailable())
        return core::fail("", "", "no X display for rendering: run under xvfb-run");
    auto scene = detail::buildScene(ds, ground, options);
    auto window = detail::renderOffscreen(scene, options.width, options.height);
    return detail::pickFeature(scene, x, y, options.height);
}

}  // namespace bz::render
