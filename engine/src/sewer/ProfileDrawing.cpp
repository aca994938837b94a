#include <bodemzicht/sewer/ProfileDrawing.h>

#include <bodemzicht/drawing/Drawing.h>

#include <bodemzicht/sewer/ConditionColours.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace bz::sewer {

namespace {

using drawing::niceStep;
using drawing::text;
using Point = LongitudinalProfile::Point;

void colour(cairo_t* cr, Rgb c, double a = 1) {
    cairo_set_source_rgba(cr, c.r, c.g, c.b, a);
}

void polyline(cairo_t* cr, const ProfileFrame& f, const std::vector<Point>& pts) {
    for (std::size_t i = 0; i < pts.size(); ++i) {
        double x = f.x(pts[i].chainage), y = f.y(pts[i].level);
        if (i == 0)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
    }
}

void draw(cairo_t* cr, const LongitudinalProfile& p, double w, double h, const std::string& title) {
    colour(cr, {1, 1, 1});
    cairo_paint(cr);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    const ProfileFrame f = frameFor(p, w, h);
    // Grid and axes.
    cairo_set_line_width(cr, 1);
    const double zStep = niceStep(f.z1 - f.z0, 8), cStep = niceStep(f.c1 - f.c0, 10);
    char buf[64];
    for (double z = std::ceil(f.z0 / zStep) * zStep; z <= f.z1 + 1e-9; z += zStep) {
        colour(cr, {0.88, 0.88, 0.88});
        cairo_move_to(cr, f.left, f.y(z));
        cairo_line_to(cr, f.right, f.y(z));
        cairo_stroke(cr);
        colour(cr, {0.2, 0.2, 0.2});
        std::snprintf(buf, sizeof buf, "%.2f", z);
        text(cr, f.left - 6, f.y(z) + 4, buf, 10, true);
    }
    for (double c = std::ceil(f.c0 / cStep) * cStep; c <= f.c1 + 1e-9; c += cStep) {
        colour(cr, {0.88, 0.88, 0.88});
        cairo_move_to(cr, f.x(c), f.top);
        cairo_line_to(cr, f.x(c), f.bottom);
        cairo_stroke(cr);
        colour(cr, {0.2, 0.2, 0.2});
        std::snprintf(buf, sizeof buf, "%.0f", c);
        text(cr, f.x(c) - 8, f.bottom + 16, buf, 10);
    }
    colour(cr, {0.2, 0.2, 0.2});
    text(cr, f.left, f.top - 24, title, 14);
    text(cr, 8, f.top - 6, "m NAP", 10);
    text(cr, f.right - 90, f.bottom + 32, "afstand (m)", 10);
    cairo_rectangle(cr, f.left, f.top, f.right - f.left, f.bottom - f.top);
    cairo_stroke(cr);
    // Ground (maaiveld), GHG and GLG.
    if (p.ground.size() >= 2) {
        colour(cr, {0.55, 0.40, 0.22});
        cairo_set_line_width(cr, 2);
        polyline(cr, f, p.ground);
        cairo_stroke(cr);
    }
    const double dash[] = {6, 4};
    for (auto [line, c] :
         {std::pair{&p.ghg, Rgb{0.15, 0.45, 0.85}}, {&p.glg, Rgb{0.05, 0.2, 0.6}}}) {
        if (line->size() < 2) continue;
        colour(cr, c);
        cairo_set_line_width(cr, 1.5);
        cairo_set_dash(cr, dash, 2, 0);
        polyline(cr, f, *line);
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
    }
    // Pipes: the outline between BOB and crown, filled by condition class.
    for (const auto& pipe : p.pipes) {
        const double hgt = pipe.heightM > 0 ? pipe.heightM : 0.05;
        cairo_move_to(cr, f.x(pipe.start), f.y(pipe.bobStart));
        cairo_line_to(cr, f.x(pipe.end), f.y(pipe.bobEnd));
        cairo_line_to(cr, f.x(pipe.end), f.y(pipe.bobEnd + hgt));
        cairo_line_to(cr, f.x(pipe.start), f.y(pipe.bobStart + hgt));
        cairo_close_path(cr);
        colour(cr, conditionColour(pipe.conditionClass), 0.75);
        cairo_fill_preserve(cr);
        colour(cr, {0.1, 0.1, 0.1});
        cairo_set_line_width(cr, 1.2);
        if (pipe.heightAssumed) cairo_set_dash(cr, dash, 2, 0);  // an assumed height shows as such
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
        std::snprintf(buf, sizeof buf, "%s  BOB %.2f / %.2f", pipe.id.c_str(), pipe.bobStart,
                      pipe.bobEnd);
        colour(cr, {0.1, 0.1, 0.1});
        text(cr, f.x(pipe.start) + 4, f.bottom - 8, buf, 10);
    }
    // Measured invert and the storage lost to standing water.
    for (const auto& m : p.measured) {
        if (m.invert.size() < 2) continue;
        cairo_new_path(cr);
        polyline(cr, f, m.water);
        for (auto it = m.invert.rbegin(); it != m.invert.rend(); ++it)
            cairo_line_to(cr, f.x(it->chainage), f.y(it->level));
        cairo_close_path(cr);
        colour(cr, {0.2, 0.5, 1.0}, 0.45);
        cairo_fill(cr);
        colour(cr, {0.8, 0.0, 0.6});
        cairo_set_line_width(cr, 1.5);
        polyline(cr, f, m.invert);
        cairo_stroke(cr);
    }
    // Manholes.
    for (const auto& mh : p.manholes) {
        if (!mh.found) continue;
        double x = f.x(mh.chainage);
        cairo_new_path(cr);
        colour(cr, {0.35, 0.35, 0.35});
        cairo_set_line_width(cr, 1);
        cairo_rectangle(cr, x - 4, f.y(mh.cover), 8, f.y(mh.bottom) - f.y(mh.cover));
        cairo_stroke(cr);
        text(cr, x - 20, f.y(mh.cover) - 6, mh.id, 10);
    }
    // Observations.
    for (const auto& o : p.observations) {
        double x = f.x(o.chainage), y = f.y(o.level);
        cairo_new_path(cr);  // text leaves a current point the arc would join
        cairo_arc(cr, x, y, 4, 0, 2 * M_PI);
        colour(cr, conditionColour(o.conditionClass));
        cairo_fill_preserve(cr);
        colour(cr, {0, 0, 0});
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
    }
    // Legend.
    double lx = f.right + 16, ly = f.top + 14;  // right of the plot
    auto legendLine = [&](Rgb c, const char* label, bool fill) {
        colour(cr, c, fill ? 0.75 : 1);
        if (fill)
            cairo_rectangle(cr, lx, ly - 8, 18, 9), cairo_fill(cr);
        else
            cairo_set_line_width(cr, 2), cairo_move_to(cr, lx, ly - 4),
                cairo_line_to(cr, lx + 18, ly - 4), cairo_stroke(cr);
        colour(cr, {0.1, 0.1, 0.1});
        text(cr, lx + 24, ly, label, 10);
        ly += 14;
    };
    legendLine({0.55, 0.40, 0.22}, "maaiveld", false);
    if (!p.ghg.empty()) legendLine({0.15, 0.45, 0.85}, "GHG (stippel)", false);
    if (!p.glg.empty()) legendLine({0.05, 0.2, 0.6}, "GLG (stippel)", false);
    if (!p.measured.empty()) {
        legendLine({0.8, 0.0, 0.6}, "gemeten BOB (hellingmeting)", false);
        legendLine({0.2, 0.5, 1.0}, "verloren berging", true);
    }
    for (int c = 1; c <= 5; ++c)
        legendLine(conditionColour(c), std::string(conditionName(c)).c_str(), true);
}

}  // namespace

ProfileFrame frameFor(const LongitudinalProfile& p, double width, double height) {
    ProfileFrame f;
    f.left = 70;
    f.right = width - 230;  // the legend's column
    f.top = 50;
    f.bottom = height - 45;
    f.c0 = 0;
    f.c1 = std::max(p.length, 1.0);
    double lo = std::isfinite(p.minLevel) ? p.minLevel : 0,
           hi = std::isfinite(p.maxLevel) ? p.maxLevel : 1;
    double pad = std::max(0.25, 0.08 * (hi - lo));
    f.z0 = lo - pad;
    f.z1 = hi + pad;
    return f;
}

core::Result<void> drawProfile(const LongitudinalProfile& profile, const std::string& path,
                               const DrawingOptions& options) {
    std::string title = options.title;
    if (title.empty()) {
        title = "Lengteprofiel";
        for (std::size_t i = 0; i < profile.route.size(); ++i)
            title += (i ? ", " : ": ") + profile.route[i];
    }
    const double w = options.widthPx, h = options.heightPx;
    return drawing::writeDrawing(path, options.widthPx, options.heightPx, "a profile",
                                 [&](cairo_t* cr) { draw(cr, profile, w, h, title); });
}

}  // namespace bz::sewer
