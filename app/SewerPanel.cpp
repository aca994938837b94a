#include "SewerPanel.h"

#include <imgui.h>

#include <bodemzicht/sewer/ConditionColours.h>
#include <bodemzicht/sewer/ProfileDrawing.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace bz::app {

namespace {

ImU32 imColour(sewer::Rgb c, float alpha = 1.f) {
    return ImGui::ColorConvertFloat4ToU32(
        ImVec4(static_cast<float>(c.r), static_cast<float>(c.g), static_cast<float>(c.b), alpha));
}

void swatch(sewer::Rgb c) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + h, p.y + h), imColour(c));
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
}

void row(const char* key, const std::string& value) {
    if (value.empty()) return;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(key);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value.c_str());
}

std::string number(double v, const char* fmt = "%.2f") {
    if (!std::isfinite(v)) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

void drawObservation(ViewerState& s) {
    if (s.selectedObservation < 0 ||
        s.selectedObservation >= static_cast<long>(s.dataset.observations.size()))
        return;
    const auto& o = s.dataset.observations[static_cast<std::size_t>(s.selectedObservation)];
    ImGui::Separator();
    ImGui::TextUnformatted(tr(s, "Waarneming", "Observation"));
    if (ImGui::BeginTable("observation", 2,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        row(tr(s, "code", "code"),
            o.code + (o.knownCode ? "" : tr(s, " (onbekend)", " (unknown)")));
        row(tr(s, "karakterisering", "characterisation"),
            o.char1 + (o.char2.empty() ? "" : " " + o.char2));
        row(tr(s, "kwantificering", "quantification"),
            o.quant1 + (o.quant2.empty() ? "" : " / " + o.quant2));
        row(tr(s, "afstand (m)", "distance (m)"), number(o.distanceM));
        row(tr(s, "klokstand", "clock"),
            o.clock1 < 0
                ? ""
                : std::to_string(o.clock1) + (o.clock2 < 0 ? "" : "-" + std::to_string(o.clock2)));
        row(tr(s, "klasse", "class"),
            o.conditionClass
                ? std::string(sewer::conditionName(o.conditionClass)) + " (" + o.aspect + ")"
                : "");
        row(tr(s, "opmerking", "remark"), o.remark);
        row(tr(s, "foto", "photo"), o.photo);
        row(tr(s, "video", "video"), o.video);
        row(tr(s, "inspectie", "inspection"), o.inspectionId);
        ImGui::EndTable();
    }
}

}  // namespace

bool hasInspections(const ViewerState& s) {
    return !s.dataset.inspections.empty();
}

long featureOfObservation(const model::Dataset& ds, std::size_t observation) {
    for (std::size_t fi = 0; fi < ds.features.size(); ++fi)
        for (std::uint32_t l = ds.features[fi].firstDetail; l != model::kNoDetail;
             l = ds.detailLinks[l].next)
            if (ds.detailLinks[l].kind == model::DetailKind::SewerObservation &&
                ds.detailLinks[l].index == observation)
                return static_cast<long>(fi);
    return -1;
}

void updateProfile(ViewerState& s) {
    sewer::ProfileFields fields;
    fields.ground = s.ground;
    if (s.options.ghg) fields.ghg = *s.options.ghg;
    if (s.options.glg) fields.glg = *s.options.glg;
    auto p = sewer::buildProfile(s.dataset, s.profileRoute, fields);
    if (p) {
        s.profile = std::move(*p);
        s.profileProblem.clear();
    } else {
        s.profile.reset();
        s.profileProblem = p.error().toString();
    }
}

std::string nextPipeOnRoute(const ViewerState& s) {
    if (!s.profile || s.profile->pipes.empty()) return "";
    const std::string& node = s.profile->pipes.back().toNode;
    if (node.empty()) return "";
    for (const auto& f : s.dataset.features) {
        if (f.type != model::ObjectType::SewerPipe) continue;
        if (std::find(s.profileRoute.begin(), s.profileRoute.end(), f.id) != s.profileRoute.end())
            continue;
        const auto* sp = s.dataset.sewerOf(f);
        if (sp && (sp->beginNode == node || sp->endNode == node)) return f.id;
    }
    return "";
}

void drawSewerPanel(ViewerState& s) {
    ImGui::Begin(tr(s, "Riolering", "Sewer"));
    int by = s.options.colourBy == render::RenderOptions::ColourBy::Condition ? 1 : 0;
    bool recolour = ImGui::RadioButton(tr(s, "Themakleur", "Theme colour"), &by, 0);
    ImGui::SameLine();
    recolour |= ImGui::RadioButton(tr(s, "Conditieklasse", "Condition class"), &by, 1);
    if (recolour) {
        s.options.colourBy = by ? render::RenderOptions::ColourBy::Condition
                                : render::RenderOptions::ColourBy::Theme;
        s.rebuildScene = true;
    }
    // The legend with the number of pipes per class (counted once: the viewer does not change
    // the dataset, and a panel is drawn every frame).
    if (!s.pipesPerClass) {
        s.pipesPerClass.emplace();
        s.pipesPerClass->fill(0);
        for (const auto& f : s.dataset.features)
            if (f.type == model::ObjectType::SewerPipe) {
                const auto* c = s.dataset.firstDetail<model::SewerCondition>(f);
                ++(*s.pipesPerClass)[static_cast<std::size_t>(c ? std::clamp(c->overall, 0, 5)
                                                                : 0)];
            }
    }
    const auto& perClass = *s.pipesPerClass;
    for (int k = 1; k <= 5; ++k) {
        swatch(sewer::conditionColour(k));
        ImGui::Text("%s: %d", std::string(sewer::conditionName(k)).c_str(), perClass[k]);
    }
    swatch(sewer::conditionColour(0));
    ImGui::Text("%s: %d", tr(s, "niet geïnspecteerd", "not inspected"), perClass[0]);
    ImGui::Separator();
    if (ImGui::Checkbox(tr(s, "Waarnemingen tonen", "Show observations"),
                        &s.options.showObservations))
        s.rebuildScene = true;
    ImGui::SetNextItemWidth(120);
    ImGui::SliderInt(tr(s, "vanaf klasse", "from class"), &s.options.observationFilter.minClass, 0,
                     5);
    if (ImGui::IsItemDeactivatedAfterEdit()) s.rebuildScene = true;  // once, when let go
    ImGui::SetNextItemWidth(160);
    if (ImGui::InputText(tr(s, "codes (bv. BAB,BBA)", "codes (e.g. BAB,BBA)"), s.observationCodes,
                         sizeof s.observationCodes, ImGuiInputTextFlags_EnterReturnsTrue) ||
        ImGui::IsItemDeactivatedAfterEdit()) {
        s.options.observationFilter.codes.clear();
        std::stringstream in(s.observationCodes);
        for (std::string code; std::getline(in, code, ',');) {
            code.erase(std::remove_if(code.begin(), code.end(),
                                      [](unsigned char c) { return std::isspace(c); }),
                       code.end());
            std::transform(code.begin(), code.end(), code.begin(),
                           [](unsigned char c) { return std::toupper(c); });
            if (!code.empty()) s.options.observationFilter.codes.insert(code);
        }
        s.rebuildScene = true;
    }
    drawObservation(s);
    // The profile of a route through the selected pipe.
    ImGui::Separator();
    const bool pipeSelected =
        s.selectedFeature >= 0 &&
        s.selectedFeature < static_cast<long>(s.dataset.features.size()) &&
        s.dataset.features[static_cast<std::size_t>(s.selectedFeature)].type ==
            model::ObjectType::SewerPipe;
    if (!pipeSelected) {
        ImGui::TextDisabled("%s",
                            tr(s, "Kies een rioolstreng (rechtsklik) voor het lengteprofiel.",
                               "Pick a sewer pipe (right-click) for its longitudinal profile."));
    } else if (ImGui::Button(tr(s, "Lengteprofiel", "Longitudinal profile"))) {
        s.profileRoute = {s.dataset.features[static_cast<std::size_t>(s.selectedFeature)].id};
        updateProfile(s);
    }
    if (s.profile) {
        const std::string next = nextPipeOnRoute(s);
        if (!next.empty()) {
            ImGui::SameLine();
            if (ImGui::Button(tr(s, "Verleng met volgende streng", "Extend with the next pipe"))) {
                s.profileRoute.push_back(next);
                updateProfile(s);
            }
        }
    }
    if (!s.profileProblem.empty()) ImGui::TextWrapped("%s", s.profileProblem.c_str());
    ImGui::End();
}

void drawProfilePanel(ViewerState& s) {
    ImGui::Begin(tr(s, "Lengteprofiel", "Longitudinal profile"));
    if (!s.profile) {
        ImGui::TextDisabled("%s", tr(s, "Nog geen profiel.", "No profile yet."));
        ImGui::End();
        return;
    }
    const auto& p = *s.profile;
    std::string route;
    for (const auto& id : p.route) route += (route.empty() ? "" : ", ") + id;
    ImGui::TextWrapped("%s (%.1f m)", route.c_str(), p.length);
    for (const auto& m : p.measured)
        if (m.lostStorageM3 > 0)
            ImGui::Text("%s: %s %.2f m3", m.pipeId.c_str(),
                        tr(s, "verloren berging", "lost storage"), m.lostStorageM3);
    if (ImGui::Button(tr(s, "Opslaan als SVG", "Save as SVG"))) {
        auto dir = std::filesystem::path(s.projectPath).parent_path();
        auto file = (dir / ("lengteprofiel-" + p.route.front() + ".svg")).string();
        auto ok = sewer::drawProfile(p, file);
        s.profileProblem = ok ? tr(s, "opgeslagen: ", "saved: ") + file : ok.error().toString();
    }
    // The drawing: the same frame as the SVG, scaled into the panel.
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    const float w = std::max(avail.x, 200.f), h = std::max(avail.y, 120.f);
    ImGui::InvisibleButton("profile-canvas", ImVec2(w, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    auto f = sewer::frameFor(p, w + 230, h);  // the legend column is left out here
    f.right = w - 10;
    f.left = 50;
    f.top = 10;
    f.bottom = h - 20;
    auto at = [&](double c, double z) {
        return ImVec2(origin.x + static_cast<float>(f.x(c)), origin.y + static_cast<float>(f.y(z)));
    };
    dl->AddRectFilled(origin, ImVec2(origin.x + w, origin.y + h), IM_COL32(255, 255, 255, 255));
    for (std::size_t i = 1; i < p.ground.size(); ++i)
        dl->AddLine(at(p.ground[i - 1].chainage, p.ground[i - 1].level),
                    at(p.ground[i].chainage, p.ground[i].level), IM_COL32(140, 100, 56, 255), 2);
    for (auto [line, col] :
         {std::pair{&p.ghg, IM_COL32(38, 115, 217, 255)}, {&p.glg, IM_COL32(13, 51, 153, 255)}})
        for (std::size_t i = 1; i < line->size(); i += 2)
            dl->AddLine(at((*line)[i - 1].chainage, (*line)[i - 1].level),
                        at((*line)[i].chainage, (*line)[i].level), col, 1.5f);
    for (const auto& pipe : p.pipes) {
        const double hgt = pipe.heightM > 0 ? pipe.heightM : 0.05;
        ImVec2 quad[4] = {at(pipe.start, pipe.bobStart), at(pipe.end, pipe.bobEnd),
                          at(pipe.end, pipe.bobEnd + hgt), at(pipe.start, pipe.bobStart + hgt)};
        dl->AddConvexPolyFilled(quad, 4,
                                imColour(sewer::conditionColour(pipe.conditionClass), 0.8f));
        dl->AddPolyline(quad, 4, IM_COL32(20, 20, 20, 255), ImDrawFlags_Closed, 1.f);
    }
    for (const auto& m : p.measured)
        for (std::size_t i = 1; i < m.invert.size(); ++i) {
            dl->AddLine(at(m.invert[i - 1].chainage, m.invert[i - 1].level),
                        at(m.invert[i].chainage, m.invert[i].level), IM_COL32(204, 0, 153, 255),
                        1.5f);
            if (m.water[i].level > m.invert[i].level + 1e-4)
                dl->AddLine(at(m.water[i].chainage, m.water[i].level),
                            at(m.invert[i].chainage, m.invert[i].level),
                            IM_COL32(51, 128, 255, 160), 2);
        }
    for (const auto& mh : p.manholes)
        if (mh.found)
            dl->AddRect(at(mh.chainage, mh.cover),
                        ImVec2(at(mh.chainage, mh.bottom).x + 6, at(mh.chainage, mh.bottom).y),
                        IM_COL32(90, 90, 90, 255));
    for (const auto& o : p.observations)
        dl->AddCircleFilled(at(o.chainage, o.level), 4,
                            imColour(sewer::conditionColour(o.conditionClass)));
    char label[32];
    std::snprintf(label, sizeof label, "%.2f", f.z1);
    dl->AddText(ImVec2(origin.x + 2, origin.y + 4), IM_COL32(40, 40, 40, 255), label);
    std::snprintf(label, sizeof label, "%.2f", f.z0);
    dl->AddText(ImVec2(origin.x + 2, origin.y + h - 34), IM_COL32(40, 40, 40, 255), label);
    // The mouse over the drawing: chainage and level, and the pipe there.
    if (ImGui::IsItemHovered()) {
        ImVec2 m = ImGui::GetMousePos();
        double c = f.c0 + (m.x - origin.x - f.left) / (f.right - f.left) * (f.c1 - f.c0);
        double z = f.z0 + (f.bottom - (m.y - origin.y)) / (f.bottom - f.top) * (f.z1 - f.z0);
        ImGui::SetTooltip("%.1f m, %.2f m NAP, BOB %.2f", c, z, p.bobAt(c));
    }
    ImGui::End();
}

}  // namespace bz::app
