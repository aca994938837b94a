// Finding one's way in the 3D view: a scale bar, a north arrow and the RD coordinate, NAP level and
// depth below ground under the mouse, drawn over the view. The sums are plain functions (tested);
// drawOrientation only draws them.
#pragma once

#include <optional>
#include <string>

#include <imgui.h>

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/render/SceneRenderer.h>

#include "ViewerState.h"

namespace bz::app {

// A round length (1, 2 or 5 times a power of ten metres) about `targetPixels` long on screen.
double scaleBarMetres(double metresPerPixel, double targetPixels = 100);
// "20 m", "500 m", "2 km", "50 cm".
std::string lengthLabel(double metres);

// Which way north (+y in RD) points on screen (x right, y up), unit length; nullopt when the
// camera looks straight along north (no direction on screen).
std::optional<core::Vec2> northOnScreen(const render::Viewport::CameraState& camera);

// "RD 251234.12 476512.30 | 23.05 m NAP | 1.05 m onder maaiveld" for a point (the depth below the
// ground where the project has one).
std::string pointReadout(const ViewerState& state, core::Vec3 point);

// Draws the three over the view whose top-left corner and size are given.
void drawOrientation(ViewerState& state, render::Viewport& viewport, ImVec2 origin, ImVec2 size,
                     const std::optional<core::Vec3>& underMouse);

}  // namespace bz::app
