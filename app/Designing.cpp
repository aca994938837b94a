#include "Designing.h"

#include <bodemzicht/io/DesignStore.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>

#include "Measuring.h"

namespace bz::app {

namespace {

using Overlay = render::RenderOptions::OverlayLine;

// Colours over the scene: measures orange-white (proposals are outlined white in the scene),
// the draft yellow, vertex handles white.
constexpr render::Rgb kMeasureColour{255, 190, 90}, kDraftColour{255, 240, 60},
    kHandleColour{255, 255, 255};

core::Vec2 nearestOnSegment2(core::Vec2 p, core::Vec2 a, core::Vec2 b) {
    const core::Vec2 d = b - a;
    const double len2 = d.x * d.x + d.y * d.y;
    if (len2 <= 0) return a;
    const double t = std::clamp(((p.x - a.x) * d.x + (p.y - a.y) * d.y) / len2, 0.0, 1.0);
    return a + d * t;
}

// The level at which a measure's lines are drawn: its top (networks: their axis).
double drawLevel(const ViewerState& s, const design::Measure& m, core::Vec2 p) {
    const double g = s.ground.available() ? s.ground.at(p.x, p.y) : NAN;
    const double top = m.depthIsNap ? m.topDepthM : g - m.topDepthM;
    if (!std::isfinite(top)) return 0;
    return design::isLinear(m.kind) && m.kind != design::MeasureKind::Trench ? top - m.sizeM / 2
                                                                             : top;
}

// A measure's plan outline as a line over the scene (an outline closed; one point a cross).
void addMeasureLines(const ViewerState& s, const design::Measure& m, render::Rgb colour,
                     std::vector<Overlay>& out, bool handles) {
    if (m.points.empty()) return;
    Overlay line{{}, colour, 3};
    for (const auto& p : m.points) line.points.push_back({p.x, p.y, drawLevel(s, m, p)});
    if (!design::isLinear(m.kind) && m.points.size() >= 3) line.points.push_back(line.points[0]);
    if (line.points.size() >= 2) out.push_back(std::move(line));
    if (!handles && m.points.size() >= 2) return;
    for (const auto& p : m.points) {  // a small cross at every vertex
        const double z = drawLevel(s, m, p), h = 0.4;
        out.push_back({{{p.x - h, p.y, z}, {p.x + h, p.y, z}}, kHandleColour, 2});
        out.push_back({{{p.x, p.y - h, z}, {p.x, p.y + h, z}}, kHandleColour, 2});
    }
}

// The overlay: the draft, every measure (the scene may not show them yet while dragging) and,
// while dragging, the live clashes as crosses in their marker colour.
void updateLines(ViewerState& s) {
    auto& d = s.design;
    d.lines.clear();
    if (d.editor) {
        const auto& measures = d.editor->measures();
        for (std::size_t i = 0; i < measures.size(); ++i)
            addMeasureLines(s, measures[i], kMeasureColour, d.lines,
                            static_cast<long>(i) == d.selected);
        if (d.dragMeasure >= 0)
            for (const auto& c : d.editor->clashes()) {
                const render::ClashMarker marker{c.location(), std::string(clash::toCode(c.kind)),
                                                 c.id, std::string(clash::toCode(c.certainty))};
                const auto p = c.location();
                const double h = 0.5;
                const auto colour = render::clashMarkerColour(marker);
                d.lines.push_back({{{p.x - h, p.y - h, p.z}, {p.x + h, p.y + h, p.z}}, colour, 4});
                d.lines.push_back({{{p.x - h, p.y + h, p.z}, {p.x + h, p.y - h, p.z}}, colour, 4});
            }
    }
    if (d.drawing) addMeasureLines(s, d.draft, kDraftColour, d.lines, true);
    // The space budget: each street segment in its colour, a little above the ground.
    if (d.showBudget && d.budget)
        for (const auto& seg : d.budget->segments) {
            const auto c = design::budgetColour(seg.freeShare());
            Overlay line{{}, {c.r, c.g, c.b}, 5};
            for (const auto& p : seg.line) {
                const double g = s.ground.available() ? s.ground.at(p.x, p.y) : NAN;
                line.points.push_back({p.x, p.y, std::isfinite(g) ? g + 0.1 : 0.0});
            }
            d.lines.push_back(std::move(line));
        }
}

// The clash list: the report's rows of other objects, then the measures' live rows.
void mergeClashes(ViewerState& s) {
    auto& d = s.design;
    if (!d.otherClashesTaken) {
        d.otherClashes = s.clashes.clashes;
        d.otherClashesTaken = true;
    }
    std::set<std::string> ours;
    for (const auto& m : d.editor->measures())
        for (const auto& id : design::objectIds(m)) ours.insert(id);
    s.clashes.clashes.clear();
    for (const auto& c : d.otherClashes)
        if (!ours.count(c.aId) && !ours.count(c.bId)) s.clashes.clashes.push_back(c);
    const auto& live = d.editor->clashes();
    s.clashes.clashes.insert(s.clashes.clashes.end(), live.begin(), live.end());
    s.clashRowsDirty = true;
    s.selectedClash = -1;
}

}  // namespace

design::MeasureEditor& designEditor(ViewerState& s) {
    if (!s.design.editor) {
        clash::ClashOptions options;
        options.ghg = s.options.ghg.get();
        s.design.editor = std::make_unique<design::MeasureEditor>(
            s.dataset, clash::RuleSet::dutchDefault(), s.ground, options);
    }
    return *s.design.editor;
}

void loadStoredMeasures(ViewerState& s) {
    std::vector<std::string> problems;
    auto measures = design::takeStoredMeasures(s.dataset, problems);
    for (auto& p : problems) s.problems.push_back("drawn measure: " + p);
    if (measures.empty()) return;
    for (auto& p : designEditor(s).load(std::move(measures)))
        s.problems.push_back("drawn measure not loaded: " + p);
    mergeClashes(s);
    refreshClashMarkers(s);
    updateLines(s);
}

core::Vec2 snapDesignPoint(const ViewerState& s, long feature, core::Vec3 picked, double tolM,
                           std::string* what) {
    const core::Vec2 p = picked.xy();
    const bool dutch = s.dutch;
    auto say = [&](const std::string& text) {
        if (what) *what = text;
    };
    say("");
    // Closing an outline on its first point; another measure's vertex.
    const auto& draft = s.design.draft;
    if (s.design.drawing && draft.points.size() >= 2 &&
        core::length(draft.points.front() - p) <= tolM) {
        say(dutch ? "beginpunt" : "first point");
        return draft.points.front();
    }
    if (s.design.editor)
        for (const auto& m : s.design.editor->measures())
            for (const auto& v : m.points)
                if (core::length(v - p) <= tolM) {
                    say((dutch ? "knikpunt " : "vertex ") + m.id);
                    return v;
                }
    // An existing object under the mouse: its axis or vertex, as measuring snaps.
    if (feature >= 0 && static_cast<std::size_t>(feature) < s.dataset.features.size()) {
        const auto snapped = snapMeasuringPoint(s.dataset, feature, picked, dutch, tolM);
        if (!snapped.what.empty() && core::length(snapped.point.xy() - p) <= tolM) {
            say(snapped.what);
            return snapped.point.xy();
        }
    }
    // The street: a base map vertex, else the nearest point on a base map line.
    if (s.options.basemap) {
        double best = tolM;
        std::optional<core::Vec2> onLine;
        for (const auto& line : *s.options.basemap) {
            const auto n = line.points.size();
            for (std::size_t k = 0; k < n; ++k) {
                if (core::length(line.points[k] - p) <= tolM) {
                    say((dutch ? "hoekpunt " : "corner ") + line.featureClass);
                    return line.points[k];
                }
                if (k + 1 < n || (line.closed && n > 2)) {
                    const auto q = nearestOnSegment2(p, line.points[k], line.points[(k + 1) % n]);
                    if (core::length(q - p) < best) {
                        best = core::length(q - p);
                        onLine = q;
                        say((dutch ? "lijn " : "line ") + line.featureClass);
                    }
                }
            }
        }
        if (onLine) return *onLine;
    }
    return p;
}

void startDrawing(ViewerState& s, render::Viewport& viewport) {
    auto& d = s.design;
    d.active = true;
    d.drawing = true;
    d.draft.points.clear();
    d.draftSnaps.clear();
    d.draft.id.clear();
    d.draft.owner = d.owner;
    d.problem.clear();
    d.message = s.dutch ? "Klik punten op de grond; Enter of dubbelklik: klaar, Esc: stoppen."
                        : "Click points on the ground; Enter or double click: done, Esc: stop.";
    updateLines(s);
    showOverlayLines(s, viewport);
}

void addDraftPoint(ViewerState& s, render::Viewport& viewport, core::Vec2 point,
                   std::string snappedTo) {
    auto& d = s.design;
    if (!d.drawing) return;
    // A point on the first one closes an outline: the measure is done.
    if (d.draft.points.size() >= 3 && !design::isLinear(d.draft.kind) &&
        core::length(point - d.draft.points.front()) < 1e-9) {
        finishDrawing(s, viewport);
        return;
    }
    d.draft.points.push_back(point);
    d.draftSnaps.push_back(std::move(snappedTo));
    // A well is one point: done at once.
    if (d.draft.kind == design::MeasureKind::WkoWell) {
        finishDrawing(s, viewport);
        return;
    }
    updateLines(s);
    showOverlayLines(s, viewport);
}

bool finishDrawing(ViewerState& s, render::Viewport& viewport) {
    auto& d = s.design;
    if (!d.drawing) return false;
    auto& editor = designEditor(s);
    auto m = d.draft;
    m.id = editor.nextId();
    m.owner = d.owner;
    auto added = editor.add(m);
    if (!added) {
        d.problem = added.error().message;
        return false;
    }
    d.drawing = false;
    d.draft.points.clear();
    d.draftSnaps.clear();
    d.selected = static_cast<long>(*added);
    d.problem.clear();
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  s.dutch ? "%s getekend: %zu conflicten" : "%s drawn: %zu clashes", m.id.c_str(),
                  editor.clashesOf(*added).size());
    d.message = buf;
    afterDesignChange(s, viewport);
    return true;
}

void cancelDrawing(ViewerState& s, render::Viewport& viewport) {
    s.design.drawing = false;
    s.design.draft.points.clear();
    s.design.draftSnaps.clear();
    updateLines(s);
    showOverlayLines(s, viewport);
}

bool beginMeasureDrag(ViewerState& s, long feature, core::Vec3 picked, bool whole, double tolM) {
    auto& d = s.design;
    if (!d.editor || feature < 0) return false;
    const auto index = d.editor->measureOfFeature(static_cast<std::uint32_t>(feature));
    if (!index) return false;
    const auto& m = d.editor->measures()[*index];
    long vertex = -1;
    double best = tolM;
    if (!whole)
        for (std::size_t k = 0; k < m.points.size(); ++k)
            if (core::length(m.points[k] - picked.xy()) <= best) {
                best = core::length(m.points[k] - picked.xy());
                vertex = static_cast<long>(k);
            }
    d.selected = static_cast<long>(*index);
    d.dragMeasure = static_cast<long>(*index);
    d.dragVertex = vertex;
    d.dragFrom = picked.xy();
    d.editor->beginDrag();
    return true;
}

void dragMeasureTo(ViewerState& s, render::Viewport& viewport, core::Vec2 point) {
    auto& d = s.design;
    if (!d.editor || d.dragMeasure < 0) return;
    const auto index = static_cast<std::size_t>(d.dragMeasure);
    auto m = d.editor->measures()[index];
    if (d.dragVertex >= 0) {
        m.points[static_cast<std::size_t>(d.dragVertex)] = point;
    } else {
        const core::Vec2 by = point - d.dragFrom;
        for (auto& p : m.points) p = p + by;
    }
    if (auto ok = d.editor->drag(index, m); !ok) {
        d.problem = ok.error().message;
        return;
    }
    d.dragFrom = point;
    d.problem.clear();
    afterDesignChange(s, viewport);
}

void endMeasureDrag(ViewerState& s, render::Viewport& viewport) {
    auto& d = s.design;
    if (d.dragMeasure < 0) return;
    d.editor->endDrag();
    d.dragMeasure = -1;
    d.dragVertex = -1;
    afterDesignChange(s, viewport);
}

void undoDesign(ViewerState& s, render::Viewport& viewport) {
    if (s.design.editor && s.design.editor->undo()) {
        s.design.selected = -1;
        afterDesignChange(s, viewport);
    }
}

void redoDesign(ViewerState& s, render::Viewport& viewport) {
    if (s.design.editor && s.design.editor->redo()) {
        s.design.selected = -1;
        afterDesignChange(s, viewport);
    }
}

void deleteSelectedMeasure(ViewerState& s, render::Viewport& viewport) {
    auto& d = s.design;
    if (!d.editor || d.selected < 0) return;
    if (d.editor->remove(static_cast<std::size_t>(d.selected))) {
        d.selected = -1;
        afterDesignChange(s, viewport);
    }
}

bool changeSelectedMeasure(ViewerState& s, render::Viewport& viewport, design::Measure m) {
    auto& d = s.design;
    if (!d.editor || d.selected < 0) return false;
    if (auto ok = d.editor->change(static_cast<std::size_t>(d.selected), std::move(m)); !ok) {
        d.problem = ok.error().message;
        return false;
    }
    d.problem.clear();
    afterDesignChange(s, viewport);
    return true;
}

bool storeDesignInProject(ViewerState& s) {
    auto& d = s.design;
    if (s.projectPath.empty()) {
        d.problem = s.dutch ? "Geen project om in op te slaan." : "No project to store in.";
        return false;
    }
    auto& editor = designEditor(s);
    auto stored = io::storeDesign(s.projectPath, editor.designDataset());
    if (!stored) {
        d.problem = stored.error().toString();
        return false;
    }
    editor.markSaved();
    d.problem.clear();
    d.message = std::to_string(editor.measures().size()) +
                (s.dutch ? " maatregelen opgeslagen als voorstel in "
                         : " measures stored as proposals in ") +
                s.projectPath;
    return true;
}

bool exportDesignTo(ViewerState& s, const std::string& path) {
    auto exported = io::exportDesign(designEditor(s).designDataset(), path);
    if (!exported) {
        s.design.problem = exported.error().toString();
        return false;
    }
    s.design.problem.clear();
    s.design.message = (s.dutch ? "geëxporteerd naar " : "exported to ") + path;
    return true;
}

bool computeBudget(ViewerState& s) {
    auto& d = s.design;
    d.budget.reset();
    d.budgetProblem.clear();
    auto budget =
        design::spaceBudget(s.dataset, s.ground, design::StreetProfile::shipped(), d.streets);
    if (!budget)
        d.budgetProblem = budget.error().message;
    else
        d.budget = std::move(*budget);
    syncDesignState(s);
    return d.budget.has_value();
}

bool computeBudget(ViewerState& s, render::Viewport& viewport) {
    const bool ok = computeBudget(s);
    showOverlayLines(s, viewport);
    return ok;
}

void showBudget(ViewerState& s, render::Viewport& viewport, bool show) {
    s.design.showBudget = show;
    if (show && !s.design.budget) {
        computeBudget(s, viewport);
        return;
    }

    updateLines(s);
    showOverlayLines(s, viewport);
}

void syncDesignState(ViewerState& s) {
    if (s.design.editor) mergeClashes(s);
    updateLines(s);
    composeOverlayLines(s);
    if (s.design.dragMeasure < 0) refreshClashMarkers(s);
}

bool drawFromText(ViewerState& s, const std::string& text) {
    auto& d = s.design;
    const auto colon = text.find(':');
    const std::string kind = text.substr(0, colon);
    std::optional<design::MeasureKind> k;
    for (auto candidate : design::kMeasureKinds)
        if (design::toCode(candidate) == kind) k = candidate;
    if (!k || colon == std::string::npos) {
        d.problem = "--draw '" + text +
                    "': give KIND:X,Y;X,Y with KIND heat_network, cable, trench, "
                    "tree_pit, wadi, infiltration_crate or wko_well";
        return false;
    }
    auto m = design::defaultMeasure(*k);
    std::size_t at = colon + 1;
    while (at < text.size()) {
        const auto end = std::min(text.find(';', at), text.size());
        double x, y;
        char tail;
        if (std::sscanf(text.substr(at, end - at).c_str(), "%lf,%lf%c", &x, &y, &tail) != 2) {
            d.problem = "--draw '" + text + "': '" + text.substr(at, end - at) + "' is not X,Y";
            return false;
        }
        m.points.push_back({x, y});
        at = end + 1;
    }
    m.id = designEditor(s).nextId();
    m.owner = d.owner;
    auto added = designEditor(s).add(m);
    if (!added) {
        d.problem = "--draw: " + added.error().message;
        return false;
    }
    d.selected = static_cast<long>(*added);
    syncDesignState(s);
    return true;
}

void afterDesignChange(ViewerState& s, render::Viewport& viewport) {
    mergeClashes(s);
    updateLines(s);
    showOverlayLines(s, viewport);
    // The scene follows when the drag ends: rebuilding it per mouse move would cost more than the
    // re-check itself at a million segments.
    if (s.design.dragMeasure < 0) {
        s.selectedFeature = -1;
        s.options.highlight = {};
        viewport.setHighlight(s.options.highlight);
        refreshClashMarkers(s);
        viewport.rebuild(s.options);
        ++s.sceneRebuilds;
    }
}

}  // namespace bz::app
