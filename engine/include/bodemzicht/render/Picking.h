// Picking without a window: which feature lies under a pixel of an offscreen render.
#pragma once

#include <bodemzicht/render/SceneRenderer.h>

namespace bz::render {

// Feature index under pixel (x, y) (origin top-left) of the image renderImage() would make, or -1.
core::Result<long> pickFeature(const model::Dataset& ds, const model::GroundLevel& ground,
                               const RenderOptions& options, int x, int y);

}  // namespace bz::render
