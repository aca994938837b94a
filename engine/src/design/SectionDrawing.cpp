#include <bodemzicht/design/SectionDrawing.h>
#include <bodemzicht/drawing/Drawing.h>
#include <bodemzicht/model/ThemeColours.h>
#include <bodemzicht/soil/Geotop.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace bz::design {

namespace {

using drawing::Colour;
using drawing::setColour;
using drawing::text;

Colour themeColour(const std::string& theme) {
    const auto c = model::themeColour(theme);
    return {c.r / 255.0, c.g / 255.0, c.b / 255.0};
}

std::string metres(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

void polyline(cairo_t* cr, const SectionFrame& f, const std::vector<LevelPoint>& pts) {
    for (std::size_t i = 0; i < pts.size(); ++i)
        (i ? cairo_line_to : cairo_move_to)(cr, f.x(pts[i].offsetM), f.y(pts[i].z));
}

void draw(cairo_t* cr, const CrossSection& s, const StreetProfile& profile,
          const std::vector<Deviation>& deviations, double w, double h, const std::string& title,
          const FreeArea* free) {
    setColour(cr, {1, 1, 1});
    cairo_paint(cr);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    const SectionFrame f = sectionFrame(s, w, h);
    const double len = s.line.length();
    cairo_save(cr);
    cairo_rectangle(cr, f.left, f.top, f.right - f.left, f.bottom - f.top);
    cairo_clip(cr);
    // The soil under the ground line, light brown.
    if (s.ground.size() >= 2) {
        polyline(cr, f, s.ground);
        cairo_line_to(cr, f.x(s.ground.back().offsetM), f.bottom);
        cairo_line_to(cr, f.x(s.ground.front().offsetM), f.bottom);
        cairo_close_path(cr);
        setColour(cr, {0.93, 0.89, 0.82});
        cairo_fill(cr);
    }
    // The soil model behind the objects: each piece in its lithoclass colour, light.
    for (const auto& piece : s.soil) {
        const auto* lc = soil::lithoclass(piece.lithoclass);
        if (!lc) continue;
        setColour(cr, {lc->rgb[0] / 255.0, lc->rgb[1] / 255.0, lc->rgb[2] / 255.0}, 0.35);
        cairo_rectangle(cr, f.x(piece.fromM), f.y(piece.topZ), (piece.toM - piece.fromM) * f.scale,
                        (piece.topZ - piece.bottomZ) * f.scale);
        cairo_fill(cr);
    }
    // Where a new network fits: green, row by row.
    if (free) {
        setColour(cr, {0.2, 0.75, 0.35}, 0.3);
        for (int k = 0; k < free->nz; ++k)
            for (int i = 0; i < free->nx;) {
                if (!free->at(i, k)) {
                    ++i;
                    continue;
                }
                int j = i;
                while (j < free->nx && free->at(j, k)) ++j;
                cairo_rectangle(cr, f.x(free->o0 + i * free->stepM),
                                f.y(free->z0 + (k + 1) * free->stepM),
                                (j - i) * free->stepM * f.scale, free->stepM * f.scale);
                i = j;
            }
        cairo_fill(cr);
    }
    // The profile's zones: thin dashed boundaries.
    const auto zones = layZones(profile, len);
    const double dash[] = {4, 4};
    cairo_set_line_width(cr, 0.8);
    for (const auto& z : zones) {
        setColour(cr, {0.6, 0.6, 0.6});
        cairo_set_dash(cr, dash, 2, 0);
        for (double o : {z.fromM, z.toM}) {
            cairo_move_to(cr, f.x(o), f.top);
            cairo_line_to(cr, f.x(o), f.bottom);
        }
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
    }
    // Zones (trenches, pits, contamination, protected areas) and root zones behind the rest.
    for (const auto& c : s.cuts) {
        if (c.kind != CutKind::Zone && c.kind != CutKind::RootZone) continue;
        const double top = std::isnan(c.topZ) ? f.z1 : c.topZ,
                     bottom = std::isnan(c.bottomZ) ? f.z0() : c.bottomZ;
        cairo_rectangle(cr, f.x(c.fromM), f.y(top), (c.toM - c.fromM) * f.scale,
                        (top - bottom) * f.scale);
        setColour(cr, c.kind == CutKind::RootZone ? Colour{0.3, 0.6, 0.25} : themeColour(c.theme),
                  0.18);
        cairo_fill_preserve(cr);
        setColour(cr, c.kind == CutKind::RootZone ? Colour{0.3, 0.6, 0.25} : themeColour(c.theme),
                  0.6);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
    }
    // The ground line, GHG and GLG.
    if (s.ground.size() >= 2) {
        setColour(cr, {0.55, 0.40, 0.22});
        cairo_set_line_width(cr, 2);
        polyline(cr, f, s.ground);
        cairo_stroke(cr);
    }
    const double longDash[] = {7, 4};
    for (auto [line, c] :
         {std::pair{&s.ghg, Colour{0.15, 0.45, 0.85}}, {&s.glg, Colour{0.05, 0.2, 0.6}}}) {
        if (line->size() < 2) continue;
        setColour(cr, c);
        cairo_set_line_width(cr, 1.4);
        cairo_set_dash(cr, longDash, 2, 0);
        polyline(cr, f, *line);
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
    }
    std::set<std::size_t> deviating;
    for (const auto& d : deviations) deviating.insert(d.cut);
    // Bodies, then networks: the band of uncertainty, the ellipse, the cover depth.
    for (std::size_t i = 0; i < s.cuts.size(); ++i) {
        const auto& c = s.cuts[i];
        if (c.kind == CutKind::Body) {
            cairo_rectangle(cr, f.x(c.fromM), f.y(c.topZ), (c.toM - c.fromM) * f.scale,
                            (c.topZ - c.bottomZ) * f.scale);
            setColour(cr, themeColour(c.theme), 0.55);
            cairo_fill_preserve(cr);
            setColour(cr, {0.2, 0.2, 0.2});
            cairo_set_line_width(cr, 1);
            cairo_stroke(cr);
            continue;
        }
        if (c.kind != CutKind::Network) continue;
        const double cx = f.x(c.offsetM), cy = f.y((c.topZ + c.bottomZ) / 2);
        const double rx = std::max(1.5, (c.toM - c.fromM) / 2 * f.scale),
                     ry = std::max(1.5, (c.topZ - c.bottomZ) / 2 * f.scale);
        if (c.bandM > 0) {
            cairo_rectangle(cr, cx - rx, f.y(c.topZ + c.bandM), 2 * rx,
                            (c.topZ - c.bottomZ + 2 * c.bandM) * f.scale);
            setColour(cr, themeColour(c.theme), 0.15);
            cairo_fill(cr);
        }
        cairo_save(cr);
        cairo_translate(cr, cx, cy);
        cairo_scale(cr, rx, ry);
        cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
        cairo_restore(cr);
        setColour(cr, themeColour(c.theme));
        cairo_fill_preserve(cr);
        // Proposed: a white rim inside a dark one, as in the 3D view; assumed size: dashed.
        setColour(cr, c.status == "proposed" ? Colour{1, 1, 1} : Colour{0.1, 0.1, 0.1});
        cairo_set_line_width(cr, c.status == "proposed" ? 2.5 : 1);
        if (c.sizeAssumed) cairo_set_dash(cr, dash, 2, 0);
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
        if (deviating.count(i)) {
            cairo_new_path(cr);
            cairo_arc(cr, cx, cy, std::max(rx, ry) + 6, 0, 2 * M_PI);
            setColour(cr, {0.85, 0.05, 0.05});
            cairo_set_line_width(cr, 2);
            cairo_stroke(cr);
        }
        // Cover: a thin line from the ground to the top, with its depth.
        if (!std::isnan(c.groundZ)) {
            setColour(cr, {0.35, 0.35, 0.35});
            cairo_set_line_width(cr, 0.7);
            cairo_move_to(cr, cx, f.y(c.groundZ));
            cairo_line_to(cr, cx, f.y(c.topZ));
            cairo_stroke(cr);
            cairo_save(cr);
            cairo_translate(cr, cx - 3, f.y(c.groundZ) + 4);
            cairo_rotate(cr, M_PI / 2);
            text(cr, 0, 0, metres(c.topBelowGroundM) + " " + c.id, 9);
            cairo_restore(cr);
        }
    }
    cairo_restore(cr);  // the clip
    // Clear distances between neighbouring networks, in a row under the plot.
    std::vector<const SectionCut*> nets;
    for (const auto& c : s.cuts)
        if (c.kind == CutKind::Network) nets.push_back(&c);
    setColour(cr, {0.2, 0.2, 0.2});
    for (std::size_t i = 0; i + 1 < nets.size(); ++i) {
        const double gap = nets[i + 1]->fromM - nets[i]->toM;
        const double x0 = f.x(nets[i]->offsetM), x1 = f.x(nets[i + 1]->offsetM);
        cairo_set_line_width(cr, 0.6);
        cairo_move_to(cr, x0, f.bottom + 8);
        cairo_line_to(cr, x1, f.bottom + 8);
        cairo_stroke(cr);
        if (x1 - x0 > 18) text(cr, (x0 + x1) / 2 - 10, f.bottom + 19, metres(gap), 8);
    }
    // The zones' names across the top.
    for (const auto& z : zones) {
        const double x0 = f.x(z.fromM), x1 = f.x(z.toM);
        if (x1 - x0 < 14) continue;
        cairo_save(cr);
        cairo_rectangle(cr, x0, f.top - 16, x1 - x0, 14);
        cairo_clip(cr);
        setColour(cr, {0.3, 0.3, 0.3});
        text(cr, x0 + 2, f.top - 5, profile.zones[z.zone].name, 8);
        cairo_restore(cr);
    }
    // Axes, frame, title, legend.
    cairo_set_line_width(cr, 1);
    const double zStep = drawing::niceStep(f.z1 - f.z0(), 8),
                 oStep = drawing::niceStep(f.right / f.scale, 12);
    char buf[64];
    setColour(cr, {0.2, 0.2, 0.2});
    for (double z = std::ceil(f.z0() / zStep) * zStep; z <= f.z1 + 1e-9; z += zStep) {
        std::snprintf(buf, sizeof buf, "%.1f", z);
        text(cr, f.left - 6, f.y(z) + 4, buf, 9, true);
    }
    for (double o = std::ceil(f.o0 / oStep) * oStep; f.x(o) <= f.right + 1e-6; o += oStep) {
        std::snprintf(buf, sizeof buf, "%.0f", o);
        text(cr, f.x(o) - 4, f.bottom + 34, buf, 9);
    }
    cairo_rectangle(cr, f.left, f.top, f.right - f.left, f.bottom - f.top);
    cairo_stroke(cr);
    text(cr, f.left, 22, title, 14);
    text(cr, 6, f.top - 4, "m NAP", 9);
    text(cr, f.right - 150, f.bottom + 48, "afstand langs de doorsnede (m)", 9);
    double ly = f.bottom + 64;
    text(cr, f.left, ly,
         "profiel: " + profile.name + (profile.verified ? "" : " (niet geverifieerd)"), 9);
    for (std::size_t i = 0; i < deviations.size() && i < 6; ++i) {
        ly += 12;
        setColour(cr, {0.8, 0.05, 0.05});
        text(cr, f.left, ly, "afwijking: " + deviations[i].what, 9);
    }
    if (deviations.size() > 6) {
        ly += 12;
        text(cr, f.left, ly,
             "... en " + std::to_string(deviations.size() - 6) + " afwijkingen meer (CSV)", 9);
    }
}

}  // namespace

SectionFrame sectionFrame(const CrossSection& s, double width, double height) {
    return sectionFrame(s, 60, 56, width - 20,
                        height - 150);  // the distances, axis and notes below
}

SectionFrame sectionFrame(const CrossSection& s, double left, double top, double right,
                          double bottom) {
    SectionFrame f;
    f.left = left;
    f.right = right;
    f.top = top;
    f.bottom = bottom;
    const double len = std::max(s.line.length(), 1.0);
    // Levels: from above the ground to below the deepest object drawn, at most 8 m under the
    // ground (a deep well is cut off at the frame), at least 2.5 m.
    double groundHi = -1e9, groundLo = 1e9;
    for (const auto& p : s.ground)
        groundHi = std::max(groundHi, p.z), groundLo = std::min(groundLo, p.z);
    double lowest = 1e9, highest = -1e9;
    for (const auto& c : s.cuts) {
        if (!std::isnan(c.bottomZ)) lowest = std::min(lowest, c.bottomZ - c.bandM);
        if (!std::isnan(c.topZ)) highest = std::max(highest, c.topZ + c.bandM);
    }
    if (groundHi < -1e8) {  // no ground: the objects alone
        groundHi = highest > -1e8 ? highest : 0;
        groundLo = groundHi;
    }
    const double zTop = std::max(groundHi, highest > -1e8 ? highest : groundHi) + 0.5;
    double zBottom = std::min(lowest < 1e8 ? lowest : groundLo - 2.5, groundLo - 2.5);
    zBottom = std::max(zBottom, groundLo - 8.0) - 0.3;
    f.o0 = 0;
    f.scale =
        std::min((f.right - f.left) / len, (f.bottom - f.top) / std::max(zTop - zBottom, 0.5));
    f.z1 = zTop;
    f.right = f.left + len * f.scale;  // one scale: the plot is as wide as the section
    f.bottom = f.top + (zTop - zBottom) * f.scale;
    return f;
}

core::Result<void> drawSection(const CrossSection& section, const StreetProfile& profile,
                               const std::vector<Deviation>& deviations, const std::string& path,
                               const SectionDrawingOptions& options) {
    std::string title = options.title;
    if (title.empty()) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "Dwarsprofiel %.2f,%.2f - %.2f,%.2f (%.1f m)",
                      section.line.from.x, section.line.from.y, section.line.to.x,
                      section.line.to.y, section.line.length());
        title = buf;
    }
    // The page ends under the notes: a section limited by its width leaves no empty band below.
    const SectionFrame f = sectionFrame(section, options.widthPx, options.heightPx);
    const int notes = 80 + 12 * static_cast<int>(std::min<std::size_t>(deviations.size(), 7));
    const int height = std::min(options.heightPx, static_cast<int>(std::ceil(f.bottom)) + notes);
    return drawing::writeDrawing(path, options.widthPx, height, "a cross-section",
                                 [&](cairo_t* cr) {
                                     draw(cr, section, profile, deviations, options.widthPx,
                                          options.heightPx, title, options.free);
                                 });
}

}  // namespace bz::design
