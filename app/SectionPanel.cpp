#include "SectionPanel.h"

#include <bodemzicht/soil/Geotop.h>

#include <imgui.h>

#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/design/SectionDrawing.h>
#include <bodemzicht/model/ThemeColours.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace bz::app {

namespace {

ImU32 themeColour(const std::string& theme, int alpha = 255) {
    const auto c = model::themeColour(theme);
    return IM_COL32(c.r, c.g, c.b, alpha);
}

// The hovered cut's object in 3D: a thin envelope along it, in place of the clash's; back to the
// clash's when the mouse leaves.
void highlightHovered(ViewerState& s, render::Viewport& viewport, long cut) {
    if (cut == s.sectionHover) return;
    s.sectionHover = cut;
    if (cut < 0 || !s.section) {
        viewport.setHighlight(s.options.highlight);
        return;
    }
    render::RenderOptions::Highlight h;
    h.featureA = static_cast<long>(s.section->cuts[static_cast<std::size_t>(cut)].feature);
    h.requiredM = 0.05;
    h.kind = "duplicate";  // cyan: no clash kind of its own
    viewport.setHighlight(h);
}

}  // namespace

void sectionFromMeasurement(ViewerState& s) {
    s.sectionProblem.clear();
    if (s.measured.size() != 2) {
        s.sectionProblem =
            tr(s, "Zet eerst twee meetpunten (Shift + rechtsklik) over de straat.",
               "Set two measuring points (Shift + right click) across the street first.");
        return;
    }
    const design::SectionLine line{s.measured[0].xy(), s.measured[1].xy()};
    if (line.length() < 0.1) {
        s.sectionProblem = tr(s, "De meetpunten liggen te dicht bij elkaar.",
                              "The measuring points are too close.");
        return;
    }
    s.section =
        design::cutSection(s.dataset, line, s.ground, s.options.ghg.get(), s.options.glg.get());
    if (s.options.soil) design::addSoil(*s.section, *s.options.soil);  // the soil behind
    s.sectionDeviations = design::checkAgainstProfile(*s.section, design::StreetProfile::shipped());
    s.sectionHover = -1;
    s.sectionFree =
        design::freeSpaceInSection(*s.section, s.freeDiameterMm / 1000.0, s.freeClearanceM);
    if (s.cutSoilBySection) {
        applySoilCut(s);
        s.rebuildScene = true;
    }
}

void applySoilCut(ViewerState& s) {
    if (s.cutSoilBySection && s.section)
        s.options.soilCut = std::pair{s.section->line.from, s.section->line.to};
    else
        s.options.soilCut.reset();
}

void fitAlongMeasurement(ViewerState& s, render::Viewport& viewport) {
    s.fit.reset();
    s.fitProblem.clear();
    if (s.measured.size() != 2) {
        s.fitProblem = tr(s, "Zet eerst twee meetpunten langs de straat.",
                          "Set two measuring points along the street first.");
        return;
    }
    design::FreeSpaceRequest r;
    r.route = {s.measured[0].xy(), s.measured[1].xy()};
    r.diameterM = s.freeDiameterMm / 1000.0;
    // Along a street of the project: the network's own zone of the profile first.
    r.preferredOffsets = design::preferredZoneOffsets(design::StreetProfile::shipped(), r.theme,
                                                      s.design.streets, r.route);
    auto fit = design::findFreeSpace(s.dataset, clash::RuleSet::dutchDefault(), s.ground, r);
    if (!fit) {
        s.fitProblem = fit.error().message;
        s.fitLines.clear();
        showOverlayLines(s, viewport);
        return;
    }
    std::vector<render::RenderOptions::OverlayLine> lines;
    for (const auto& run : fit->runs) {
        render::RenderOptions::OverlayLine l{{}, {40, 200, 80}, 4};
        for (const auto& p : run) l.points.push_back(p.axis);
        lines.push_back(std::move(l));
    }
    for (const auto& b : fit->blocked) {
        render::RenderOptions::OverlayLine l{{}, {230, 30, 30}, 4};
        for (const auto& p : b.line) l.points.push_back({p.x, p.y, s.ground.at(p.x, p.y)});
        lines.push_back(std::move(l));
    }
    s.fitLines = std::move(lines);
    showOverlayLines(s, viewport);
    s.fit = std::move(*fit);
}

std::string fitSummary(const ViewerState& s) {
    if (!s.fit) return s.fitProblem;
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  tr(s, "%d mm past over %.1f van %.1f m", "%d mm fits along %.1f of %.1f m"),
                  s.freeDiameterMm, s.fit->fittedLengthM, s.fit->routeLengthM);
    std::string out = buf;
    for (const auto& b : s.fit->blocked) {
        std::snprintf(
            buf, sizeof buf,
            tr(s, "; niets past van %.1f tot %.1f m", "; nothing fits from %.1f to %.1f m"),
            b.fromM, b.toM);
        out += buf;
        for (std::size_t i = 0; i < b.inTheWay.size() && i < 3; ++i)
            out += (i ? ", " : ": ") + b.inTheWay[i];
    }
    return out;
}

void drawSectionPanel(ViewerState& s, render::Viewport& viewport) {
    ImGui::Begin(tr(s, "Dwarsprofiel", "Cross-section"));
    if (ImGui::Button(tr(s, "Dwarsprofiel tussen de meetpunten",
                         "Cross-section between the measuring points")))
        sectionFromMeasurement(s);
    if (!s.sectionProblem.empty()) ImGui::TextWrapped("%s", s.sectionProblem.c_str());
    if (!s.section) {
        ImGui::End();
        return;
    }
    const auto& sec = *s.section;
    ImGui::Text("%.1f m, %zu %s, %zu %s", sec.line.length(), sec.cuts.size(),
                tr(s, "objecten", "objects"), s.sectionDeviations.size(),
                tr(s, "afwijkingen van het profiel", "deviations from the profile"));
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(s, "Opslaan als SVG", "Save as SVG"))) {
        const auto file =
            (std::filesystem::path(s.projectPath).parent_path() / "dwarsprofiel.svg").string();
        auto ok =
            design::drawSection(sec, design::StreetProfile::shipped(), s.sectionDeviations, file);
        s.sectionProblem = ok ? tr(s, "opgeslagen: ", "saved: ") + file : ok.error().toString();
    }
    // Where a new network of this size still fits, shaded green.
    ImGui::SetNextItemWidth(90);
    bool freeChanged =
        ImGui::InputInt(tr(s, "Ø mm past hier", "mm fits here"), &s.freeDiameterMm, 10, 50);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    freeChanged |= ImGui::InputFloat(tr(s, "m afstand", "m clearance"), &s.freeClearanceM, 0.05f,
                                     0.1f, "%.2f");
    if (freeChanged) {
        s.freeDiameterMm = std::clamp(s.freeDiameterMm, 10, 2000);
        s.freeClearanceM = std::clamp(s.freeClearanceM, 0.0f, 3.0f);
        s.sectionFree =
            design::freeSpaceInSection(sec, s.freeDiameterMm / 1000.0, s.freeClearanceM);
    }
    if (s.sectionFree)
        ImGui::Text("%s %.2f m2", tr(s, "vrije ruimte", "free space"), s.sectionFree->freeAreaM2);
    // The drawing: one scale across and down, as the SVG.
    const ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    const float w = std::max(avail.x, 200.f), h = std::max(avail.y, 120.f);
    ImGui::InvisibleButton("section-canvas", ImVec2(w, h));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const auto f = design::sectionFrame(sec, 40, 8, w - 8, h - 8);
    auto at = [&](double o, double z) {
        return ImVec2(origin.x + static_cast<float>(f.x(o)), origin.y + static_cast<float>(f.y(z)));
    };
    dl->AddRectFilled(origin, ImVec2(origin.x + w, origin.y + h), IM_COL32(255, 255, 255, 255));
    dl->PushClipRect(
        at(0, f.z1),
        ImVec2(origin.x + static_cast<float>(f.right), origin.y + static_cast<float>(f.bottom)),
        true);
    // The soil model behind the objects, in its lithoclass colours.
    for (const auto& piece : sec.soil)
        if (const auto* lc = soil::lithoclass(piece.lithoclass))
            dl->AddRectFilled(at(piece.fromM, piece.topZ), at(piece.toM, piece.bottomZ),
                              IM_COL32(lc->rgb[0], lc->rgb[1], lc->rgb[2], 90));
    for (std::size_t i = 1; i < sec.ground.size(); ++i)
        dl->AddLine(at(sec.ground[i - 1].offsetM, sec.ground[i - 1].z),
                    at(sec.ground[i].offsetM, sec.ground[i].z), IM_COL32(140, 100, 56, 255), 2);
    for (auto [line, col] :
         {std::pair{&sec.ghg, IM_COL32(38, 115, 217, 255)}, {&sec.glg, IM_COL32(13, 51, 153, 255)}})
        for (std::size_t i = 1; i < line->size(); i += 2)
            dl->AddLine(at((*line)[i - 1].offsetM, (*line)[i - 1].z),
                        at((*line)[i].offsetM, (*line)[i].z), col, 1.2f);
    if (s.sectionFree) {
        // Free cells, row by row, runs merged.
        const auto& fa = *s.sectionFree;
        for (int k = 0; k < fa.nz; ++k)
            for (int i = 0; i < fa.nx;) {
                if (!fa.at(i, k)) {
                    ++i;
                    continue;
                }
                int j = i;
                while (j < fa.nx && fa.at(j, k)) ++j;
                dl->AddRectFilled(at(fa.o0 + i * fa.stepM, fa.z0 + (k + 1) * fa.stepM),
                                  at(fa.o0 + j * fa.stepM, fa.z0 + k * fa.stepM),
                                  IM_COL32(60, 200, 90, 70));
                i = j;
            }
    }
    s.sectionCutRects.assign(sec.cuts.size(), {0, 0, 0, 0});
    long under = -1;
    const ImVec2 mouse = ImGui::GetMousePos();
    for (std::size_t i = 0; i < sec.cuts.size(); ++i) {
        const auto& c = sec.cuts[i];
        const double top = std::isnan(c.topZ) ? f.z1 : c.topZ,
                     bottom = std::isnan(c.bottomZ) ? f.z0() : c.bottomZ;
        ImVec2 a = at(c.fromM, top), b = at(c.toM, bottom);
        if (c.kind == design::CutKind::Network) {
            // At least 3 pixels, so that every cable can be pointed at.
            const float cx = (a.x + b.x) / 2, cy = (a.y + b.y) / 2;
            const float rx = std::max(3.f, (b.x - a.x) / 2), ry = std::max(3.f, (b.y - a.y) / 2);
            a = ImVec2(cx - rx, cy - ry);
            b = ImVec2(cx + rx, cy + ry);
            if (c.bandM > 0)
                dl->AddRectFilled(ImVec2(a.x, at(0, top + c.bandM).y),
                                  ImVec2(b.x, at(0, bottom - c.bandM).y), themeColour(c.theme, 40));
            ImVec2 ring[20];
            for (int k = 0; k < 20; ++k)
                ring[k] = ImVec2(cx + rx * std::cos(k * 2 * M_PI / 20),
                                 cy + ry * std::sin(k * 2 * M_PI / 20));
            dl->AddConvexPolyFilled(ring, 20, themeColour(c.theme));
            dl->AddPolyline(
                ring, 20,
                c.status == "proposed" ? IM_COL32(255, 255, 255, 255) : IM_COL32(20, 20, 20, 255),
                ImDrawFlags_Closed, c.status == "proposed" ? 2.f : 1.f);
        } else {
            const bool solid = c.kind == design::CutKind::Body;
            dl->AddRectFilled(a, b, themeColour(c.theme, solid ? 150 : 40));
            dl->AddRect(a, b, themeColour(c.theme, 200));
        }
        s.sectionCutRects[i] = {a.x, a.y, b.x, b.y};
        // Networks and bodies win over the zones around them.
        if (hovered && mouse.x >= a.x && mouse.x <= b.x && mouse.y >= a.y && mouse.y <= b.y &&
            (under < 0 || c.kind == design::CutKind::Network || c.kind == design::CutKind::Body))
            under = static_cast<long>(i);
        // Linked from 3D: the object under the mouse there, or the selected one, outlined.
        if (static_cast<long>(c.feature) == s.hovered3d ||
            static_cast<long>(c.feature) == s.selectedFeature)
            dl->AddRect(ImVec2(a.x - 4, a.y - 4), ImVec2(b.x + 4, b.y + 4),
                        IM_COL32(0, 200, 220, 255), 0, 0, 2.5f);
    }
    for (const auto& d : s.sectionDeviations) {
        const auto& r = s.sectionCutRects[d.cut];
        dl->AddCircle(ImVec2((r[0] + r[2]) / 2, (r[1] + r[3]) / 2),
                      std::max(r[2] - r[0], r[3] - r[1]) / 2 + 5, IM_COL32(220, 20, 20, 255), 0, 2);
    }
    dl->PopClipRect();
    char label[32];
    std::snprintf(label, sizeof label, "%.1f", f.z1);
    dl->AddText(ImVec2(origin.x + 2, origin.y + 4), IM_COL32(40, 40, 40, 255), label);
    highlightHovered(s, viewport, under);
    if (under >= 0) {
        const auto& c = sec.cuts[static_cast<std::size_t>(under)];
        std::string deviation;
        for (const auto& d : s.sectionDeviations)
            if (d.cut == static_cast<std::size_t>(under)) deviation += "\n" + d.what;
        ImGui::SetTooltip("%s  %s  %s\n%s %.2f m, %s %.2f - %.2f m, %s %.3f m%s\n%s: %s%s",
                          c.id.c_str(), c.theme.c_str(), c.owner.c_str(),
                          tr(s, "afstand", "offset"), c.offsetM,
                          tr(s, "onder maaiveld", "below ground"), c.topBelowGroundM,
                          c.bottomBelowGroundM, tr(s, "maat", "size"), c.sizeM,
                          c.sizeAssumed ? tr(s, " (aangenomen)", " (assumed)") : "",
                          tr(s, "diepte", "depth"), c.provenance.c_str(), deviation.c_str());
    }
    ImGui::End();
}

}  // namespace bz::app
