#include "Orientation.h"

#include <cmath>
#include <cstdio>

namespace bz::app {

double scaleBarMetres(double metresPerPixel, double targetPixels) {
    if (!(metresPerPixel > 0)) return 0;
    const double raw = metresPerPixel * targetPixels;
    const double p = std::pow(10, std::floor(std::log10(raw)));
    double best = p;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p <= raw) best = m * p;
    return best;
}

std::string lengthLabel(double metres) {
    char buf[32];
    if (metres >= 1000)
        std::snprintf(buf, sizeof buf, "%g km", metres / 1000);
    else if (metres >= 1)
        std::snprintf(buf, sizeof buf, "%g m", metres);
    else
        std::snprintf(buf, sizeof buf, "%g cm", metres * 100);
    return buf;
}

std::optional<core::Vec2> northOnScreen(const render::Viewport::CameraState& c) {
    core::Vec3 dir = c.focalPoint - c.position;
    const double dl = core::length(dir);
    if (dl <= 0) return std::nullopt;
    dir = dir * (1 / dl);
    // The screen's axes: up is the view-up made perpendicular to the direction; right = dir x up.
    core::Vec3 up = c.viewUp - dir * (c.viewUp.x * dir.x + c.viewUp.y * dir.y + c.viewUp.z * dir.z);
    const double ul = core::length(up);
    if (ul <= 0) return std::nullopt;
    up = up * (1 / ul);
    const core::Vec3 right{dir.y * up.z - dir.z * up.y, dir.z * up.x - dir.x * up.z,
                           dir.x * up.y - dir.y * up.x};
    const core::Vec2 n{right.y, up.y};  // the components of +y (north) on screen
    const double nl = core::length(n);
    if (nl < 1e-6) return std::nullopt;
    return n * (1 / nl);
}

std::string pointReadout(const ViewerState& s, core::Vec3 p) {
    char buf[160];
    const double ground = s.ground.available() ? s.ground.at(p.x, p.y) : NAN;
    if (std::isfinite(ground))
        std::snprintf(buf, sizeof buf, "RD %.2f %.2f | %.2f m NAP | %.2f m %s", p.x, p.y, p.z,
                      std::abs(ground - p.z),
                      ground >= p.z ? tr(s, "onder maaiveld", "below ground")
                                    : tr(s, "boven maaiveld", "above ground"));
    else
        std::snprintf(buf, sizeof buf, "RD %.2f %.2f | %.2f m NAP", p.x, p.y, p.z);
    return buf;
}

void drawOrientation(ViewerState& s, render::Viewport& viewport, ImVec2 origin, ImVec2 size,
                     const std::optional<core::Vec3>& underMouse) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 ink = IM_COL32(30, 30, 30, 255), paper = IM_COL32(255, 255, 255, 210);
    // Scale bar, bottom-left (at the focal point: in perspective nearer things are larger).
    const double mpp = viewport.metresPerPixel();
    const double metres = scaleBarMetres(mpp);
    if (metres > 0) {
        const float px = static_cast<float>(metres / mpp);
        const ImVec2 a(origin.x + 16, origin.y + size.y - 20), b(a.x + px, a.y);
        dl->AddRectFilled(ImVec2(a.x - 6, a.y - 22), ImVec2(b.x + 6, a.y + 8), paper, 3);
        dl->AddLine(a, b, ink, 3);
        dl->AddLine(ImVec2(a.x, a.y - 6), ImVec2(a.x, a.y + 4), ink, 2);
        dl->AddLine(ImVec2(b.x, b.y - 6), ImVec2(b.x, b.y + 4), ink, 2);
        dl->AddText(ImVec2(a.x, a.y - 20), ink, lengthLabel(metres).c_str());
    }
    // North arrow, top-right.
    if (auto n = northOnScreen(viewport.worldCamera())) {
        const ImVec2 c(origin.x + size.x - 34, origin.y + 38);
        const float r = 18;
        dl->AddCircleFilled(c, r + 6, paper);
        const ImVec2 tip(c.x + static_cast<float>(n->x) * r, c.y - static_cast<float>(n->y) * r);
        const ImVec2 tail(c.x - static_cast<float>(n->x) * r, c.y + static_cast<float>(n->y) * r);
        dl->AddLine(tail, tip, ink, 2);
        const ImVec2 side(static_cast<float>(n->y) * 6, static_cast<float>(n->x) * 6);
        dl->AddTriangleFilled(tip,
                              ImVec2(tip.x - static_cast<float>(n->x) * 10 + side.x,
                                     tip.y + static_cast<float>(n->y) * 10 + side.y),
                              ImVec2(tip.x - static_cast<float>(n->x) * 10 - side.x,
                                     tip.y + static_cast<float>(n->y) * 10 - side.y),
                              ink);
        dl->AddText(ImVec2(tip.x + static_cast<float>(n->x) * 6 - 4,
                           tip.y - static_cast<float>(n->y) * 6 - 8),
                    ink, "N");
    }
    // What is under the mouse, bottom-right.
    if (underMouse) {
        const std::string text = pointReadout(s, *underMouse);
        const ImVec2 t = ImGui::CalcTextSize(text.c_str());
        const ImVec2 p(origin.x + size.x - t.x - 16, origin.y + size.y - t.y - 14);
        dl->AddRectFilled(ImVec2(p.x - 6, p.y - 4), ImVec2(p.x + t.x + 6, p.y + t.y + 4), paper, 3);
        dl->AddText(p, ink, text.c_str());
    }
}

}  // namespace bz::app
