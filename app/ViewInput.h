// The mouse over the 3D view, one frame at a time: left drag orbits, middle drag pans, the wheel
// zooms, a right click picks the object under the mouse and Shift + right click sets a measuring
// point. In design mode (panel "Ontwerpen") a left click adds a point to the measure being drawn
// (Enter or a double click finishes it, Esc stops), a left drag on a measure moves the vertex
// under the mouse (with Shift the whole measure), Delete removes the selected measure and
// Ctrl+Z / Ctrl+Y undo and redo. With the works plan shown (panel "Werkenplan") a left click
// picks the street under the mouse. Kept apart from GLFW and ImGui so that tests can drive it.
#pragma once

#include <bodemzicht/render/SceneRenderer.h>

#include <optional>
#include <string>

#include "ViewerState.h"

namespace bz::app {

struct ViewInput {
    int x = 0, y = 0;      // mouse in the view's pixels, origin top-left
    float dx = 0, dy = 0;  // mouse movement since the last frame (pixels)
    float wheel = 0;       // wheel steps, positive: towards the scene
    bool leftDrag = false, middleDrag = false;
    bool rightClick = false, shift = false;
    // The left button this frame: pressed, released, released without a drag (a click), a
    // double click; keys (only when no text field has the keyboard).
    bool leftPress = false, leftRelease = false, leftClick = false, doubleClick = false;
    bool enter = false, escape = false, del = false, undo = false, redo = false;
};

void applyViewInput(ViewerState& state, render::Viewport& viewport, const ViewInput& input);

// A measuring point (RD/NAP) and what it snapped to: two make a distance, a third starts a new
// measurement.
void addMeasuringPoint(ViewerState& state, core::Vec3 point, std::string snappedTo = "");

// Between the two measuring points: the distance and its horizontal and vertical parts (m).
struct Measurement {
    double distance, horizontal, vertical;
};
std::optional<Measurement> measurement(const ViewerState& state);

}  // namespace bz::app
