#include "Planning.h"

#include <bodemzicht/io/PlannedWorksStore.h>
#include <bodemzicht/io/StreetStore.h>
#include <bodemzicht/plan/SegmentLocator.h>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "ViewerState.h"

namespace bz::app {

bool computePlan(ViewerState& s, int startYear) {
    auto& p = s.planning;
    p.problem.clear();
    p.plan.reset();
    p.selected = -1;
    auto streets = io::readStreets(s.projectPath);
    if (!streets) {
        p.problem = streets.error().toString();
        return false;
    }
    p.streetsDerived = streets->empty();
    p.streets = p.streetsDerived ? plan::streetsFromSewer(s.dataset) : std::move(*streets);
    if (p.streets.empty()) {
        p.problem = tr(s,
                       "Het project heeft geen straatvakken en geen riool om ze af te leiden: "
                       "bodem import WEGEN --into PROJECT --as streets.",
                       "The project has no street segments and no sewer to derive them from: "
                       "bodem import ROADS --into PROJECT --as streets.");
        return false;
    }
    auto works = io::readPlannedWorks(s.projectPath);
    if (!works) {
        p.problem = works.error().toString();
        return false;
    }
    plan::PlanOptions options;
    options.startYear = startYear;
    p.plan =
        plan::buildPlan(s.dataset, p.streets, *works, plan::ServiceLifeTable::shipped(), options);
    if (p.year < startYear || p.year >= startYear + options.years) p.year = startYear;
    updatePlanLines(s);
    return true;
}

std::size_t openingsOf(const PlanSession& p, const plan::SegmentPlan& seg) {
    return p.coupled ? seg.coupled.size() : seg.separateOpenings;
}

bool opensIn(const PlanSession& p, const plan::SegmentPlan& seg, int year) {
    if (p.coupled) {
        for (const auto& o : seg.coupled)
            if (o.fromYear <= year && year <= o.toYear) return true;
        return false;
    }
    for (const auto& it : seg.items)
        if (it.fromYear <= year && year <= it.toYear) return true;
    return false;
}

render::Rgb openingsColour(std::size_t n) {
    if (n <= 1) return {40, 170, 60};
    if (n == 2) return {230, 200, 40};
    if (n == 3) return {240, 130, 30};
    return {210, 40, 40};
}

void updatePlanLines(ViewerState& s) {
    auto& p = s.planning;
    p.lines.clear();
    if (!p.show || !p.plan) return;
    std::map<std::string, const model::StreetSegment*> byId;
    for (const auto& st : p.streets) byId[st.id] = &st;
    for (std::size_t k = 0; k < p.plan->segments.size(); ++k) {
        const auto& seg = p.plan->segments[k];
        auto it = byId.find(seg.segment);
        if (it == byId.end()) continue;
        // What opens in the year stands out (wider); the selected segment wider still.
        const bool now = opensIn(p, seg, p.year);
        render::RenderOptions::OverlayLine line{
            {},
            openingsColour(openingsOf(p, seg)),
            static_cast<float>(static_cast<long>(k) == p.selected ? 10
                               : now                              ? 7
                                                                  : 3)};
        for (const auto& q : it->second->line) {
            const double g = s.ground.available() ? s.ground.at(q.x, q.y) : NAN;
            line.points.push_back({q.x, q.y, std::isfinite(g) ? g + 0.15 : 0.0});
        }
        p.lines.push_back(std::move(line));
    }
}

bool selectPlanSegmentAt(ViewerState& s, core::Vec2 at) {
    auto& p = s.planning;
    if (!p.plan) return false;
    const plan::SegmentLocator locator(p.streets, 12);
    std::vector<std::uint32_t> found;
    locator.segmentsAt(at, found);
    double best = INFINITY;
    long chosen = -1;
    for (auto idx : found) {
        const auto& st = p.streets[idx];
        for (std::size_t k = 0; k < p.plan->segments.size(); ++k)
            if (p.plan->segments[k].segment == st.id) {
                const double d = plan::distanceToLine(at, st.line);
                if (d < best) best = d, chosen = static_cast<long>(k);
            }
    }
    if (chosen < 0) return false;
    p.selected = chosen;
    updatePlanLines(s);
    return true;
}

namespace {

std::string window(int from, int to) {
    return from == to ? std::to_string(from) : std::to_string(from) + "-" + std::to_string(to);
}

void showSegment(ViewerState& s, const plan::SegmentPlan& seg) {
    ImGui::Separator();
    ImGui::Text("%s", (seg.segment + (seg.street.empty() ? "" : " " + seg.street)).c_str());
    ImGui::Text("%zu %s, %zu %s", seg.coupled.size(),
                tr(s, "keer open gekoppeld", "openings coupled"), seg.separateOpenings,
                tr(s, "los", "separately"));
    for (const auto& o : seg.coupled) {
        std::size_t due = 0;
        std::string planned, proposed, owners;
        std::set<std::string> who;
        for (auto i : o.items) {
            const auto& it = seg.items[i];
            if (it.kind == plan::ItemKind::Due) ++due;
            if (it.kind == plan::ItemKind::Planned)
                planned += (planned.empty() ? "" : ", ") + it.id;
            if (it.kind == plan::ItemKind::Proposed)
                proposed += (proposed.empty() ? "" : ", ") + it.id;
            if (!it.owner.empty()) who.insert(it.owner);
        }
        for (const auto& w : who) owners += (owners.empty() ? "" : ", ") + w;
        std::string line = window(o.fromYear, o.toYear) + ": " + std::to_string(due) + " " +
                           tr(s, "vervangen", "due");
        if (!planned.empty()) line += std::string("; ") + tr(s, "gepland: ", "planned: ") + planned;
        if (!proposed.empty())
            line += std::string("; ") + tr(s, "voorstel: ", "proposed: ") + proposed;
        ImGui::BulletText("%s", line.c_str());
        ImGui::Indent();
        ImGui::TextWrapped("%s %s", tr(s, "betrokken:", "involve:"), owners.c_str());
        if (!o.conflict.empty())
            ImGui::TextColored(ImVec4(0.9f, 0.3f, 0.2f, 1), "%s", o.conflict.c_str());
        ImGui::Unindent();
    }
}

}  // namespace

void drawPlanPanel(ViewerState& s, render::Viewport& viewport) {
    auto& p = s.planning;
    // Folded up at first (its title bar over the design panel); opened, it lies over it.
    ImGui::SetNextWindowCollapsed(!p.show, ImGuiCond_FirstUseEver);
    if (!ImGui::Begin(tr(s, "Werkenplan", "Works plan"))) {
        ImGui::End();
        return;
    }
    if (ImGui::Checkbox(tr(s, "Straten kleuren naar openingen", "Colour streets by openings"),
                        &p.show)) {
        if (p.show && !p.plan) computePlan(s, model::Date::today().year());
        updatePlanLines(s);
        showOverlayLines(s, viewport);
    }
    if (!p.problem.empty()) ImGui::TextWrapped("%s", p.problem.c_str());
    if (!p.plan) {
        ImGui::End();
        return;
    }
    const auto& plan = *p.plan;
    if (p.streetsDerived)
        ImGui::TextWrapped("%s", tr(s, "Straatvakken afgeleid van het riool (geen wegenlaag).",
                                    "Street segments derived from the sewer (no road layer)."));
    bool changed = ImGui::RadioButton(tr(s, "gekoppeld", "coupled"), p.coupled);
    if (changed) p.coupled = true;
    ImGui::SameLine();
    if (ImGui::RadioButton(tr(s, "los gepland", "separately"), !p.coupled)) {
        p.coupled = false;
        changed = true;
    }
    ImGui::SetNextItemWidth(200);
    changed |= ImGui::SliderInt(tr(s, "jaar", "year"), &p.year, plan.startYear,
                                plan.startYear + plan.years - 1);
    if (changed) {
        updatePlanLines(s);
        showOverlayLines(s, viewport);
    }
    // In the chosen year.
    std::size_t segments = 0, due = 0, planned = 0, proposed = 0;
    for (const auto& seg : plan.segments) {
        if (!opensIn(p, seg, p.year)) continue;
        ++segments;
        for (const auto& it : seg.items) {
            if (it.fromYear > p.year || it.toYear < p.year) continue;
            due += it.kind == plan::ItemKind::Due;
            planned += it.kind == plan::ItemKind::Planned;
            proposed += it.kind == plan::ItemKind::Proposed;
        }
    }
    ImGui::Text("%d: %zu %s (%zu %s, %zu %s, %zu %s)", p.year, segments,
                tr(s, "straatvakken open", "segments open"), due, tr(s, "vervangen", "due"),
                planned, tr(s, "gepland", "planned"), proposed, tr(s, "voorstel", "proposed"));
    std::size_t separate = 0, coupled = 0;
    for (const auto& st : plan.streets) separate += st.separate, coupled += st.coupled;
    ImGui::Text("%s %zu, %s %zu", tr(s, "openingen los:", "openings separately:"), separate,
                tr(s, "gekoppeld:", "coupled:"), coupled);
    if (ImGui::BeginTable("streets", 3, ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg,
                          ImVec2(0, 120))) {
        ImGui::TableSetupColumn(tr(s, "straat", "street"));
        ImGui::TableSetupColumn(tr(s, "los", "separately"));
        ImGui::TableSetupColumn(tr(s, "gekoppeld", "coupled"));
        ImGui::TableHeadersRow();
        for (const auto& st : plan.streets) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (ImGui::Selectable(st.street.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
                for (std::size_t k = 0; k < plan.segments.size(); ++k)
                    if ((plan.segments[k].street.empty() ? plan.segments[k].segment
                                                         : plan.segments[k].street) == st.street) {
                        p.selected = static_cast<long>(k);
                        break;
                    }
                updatePlanLines(s);
                showOverlayLines(s, viewport);
            }
            ImGui::TableNextColumn();
            ImGui::Text("%zu", st.separate);
            ImGui::TableNextColumn();
            ImGui::Text("%zu", st.coupled);
        }
        ImGui::EndTable();
    }
    if (p.selected >= 0 && static_cast<std::size_t>(p.selected) < plan.segments.size())
        showSegment(s, plan.segments[static_cast<std::size_t>(p.selected)]);
    else
        ImGui::TextWrapped("%s", tr(s, "Klik een straat voor haar planregels.",
                                    "Click a street for its plan rows."));
    for (const auto& problem : plan.problems) ImGui::TextWrapped("%s", problem.c_str());
    ImGui::End();
}

}  // namespace bz::app
