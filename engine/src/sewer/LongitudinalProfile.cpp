#include <bodemzicht/sewer/LongitudinalProfile.h>
#include <bodemzicht/sewer/ObservationPlacement.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace bz::sewer {

namespace {

using Point = LongitudinalProfile::Point;

double planLength(const model::Dataset& ds, const model::LinearGeometry& g) {
    double l = 0;
    for (std::uint32_t i = 1; i < g.vertexCount; ++i)
        l += core::distance(ds.vertices[g.firstVertex + i - 1].xy(),
                            ds.vertices[g.firstVertex + i].xy());
    return l;
}

// The plan point at a distance along the axis.
core::Vec2 pointAlong(const model::Dataset& ds, const model::LinearGeometry& g, double at) {
    double run = 0;
    for (std::uint32_t i = 1; i < g.vertexCount; ++i) {
        auto a = ds.vertices[g.firstVertex + i - 1].xy(), b = ds.vertices[g.firstVertex + i].xy();
        double l = core::distance(a, b);
        if (run + l >= at || i + 1 == g.vertexCount) {
            double t = l > 0 ? std::clamp((at - run) / l, 0.0, 1.0) : 0;
            return core::lerp(a, b, t);
        }
        run += l;
    }
    return ds.vertices[g.firstVertex].xy();
}

// Cross-section area of water h deep in a round pipe of diameter d.
double segmentArea(double h, double d) {
    const double r = d / 2;
    h = std::clamp(h, 0.0, d);
    return r * r * std::acos((r - h) / r) - (r - h) * std::sqrt(std::max(0.0, 2 * r * h - h * h));
}

}  // namespace

double LongitudinalProfile::bobAt(double chainage) const {
    for (const auto& p : pipes)
        if (chainage >= p.start - 1e-9 && chainage <= p.end + 1e-9) {
            double t = p.end > p.start ? (chainage - p.start) / (p.end - p.start) : 0;
            return p.bobStart + (p.bobEnd - p.bobStart) * t;
        }
    return NAN;
}

std::vector<Point> invertFromInclination(const std::vector<const model::SewerObservation*>& obs,
                                         double bobAtStart, double bobAtEnd, double length) {
    std::vector<Point> out;
    auto line = [&](double d) {
        return length > 0 ? bobAtStart + (bobAtEnd - bobAtStart) * d / length : bobAtStart;
    };
    std::vector<const model::SewerObservation*> bxa;
    for (const auto* o : obs)
        if (o->code == "BXA" && std::isfinite(o->distanceM) && std::isfinite(o->value1))
            bxa.push_back(o);
    std::stable_sort(bxa.begin(), bxa.end(),
                     [](auto* a, auto* b) { return a->distanceM < b->distanceM; });
    if (bxa.empty() || !std::isfinite(bobAtStart)) return out;
    double level = bobAtStart, at = 0;
    out.push_back({0, level});
    for (const auto* o : bxa) {
        const double d = o->distanceM;
        if (o->char1 == "K" || o->char1 == "J") {
            // The slope holds from the previous measurement to this one.
            const double slope =
                o->char1 == "K" ? o->value1 / 100 : std::tan(o->value1 * std::numbers::pi / 180);
            level += slope * (d - at);
        } else if (o->char1 == "A") {
            level = line(d) + o->value1 / 1000;
        } else if (o->char1 == "AA") {
            level = line(d) + o->value1;
        } else if (o->char1 == "B") {
            level = o->value1;
        } else {
            continue;  // a type we do not know: not guessed
        }
        at = d;
        out.push_back({d, level});
    }
    return out;
}

std::vector<Point> standingWater(const std::vector<Point>& invert, bool drainsAtEnd) {
    std::vector<Point> water(invert);
    const std::size_t n = invert.size();
    if (n == 0) return water;
    double crest = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < n; ++k) {
        std::size_t i = drainsAtEnd ? n - 1 - k : k;
        crest = std::max(crest, invert[i].level);
        water[i].level = crest;
    }
    return water;
}

core::Result<LongitudinalProfile> buildProfile(const model::Dataset& ds,
                                               const std::vector<std::string>& route,
                                               const ProfileFields& fields, double groundStepM) {
    LongitudinalProfile p;
    p.route = route;
    if (route.empty()) return core::fail("profile", "", "the route names no pipe");
    struct Leg {
        std::uint32_t feature;
        const model::SewerProfile* profile;
        core::Vec2 a, b;  // plan ends in the pipe's own direction
        double length;
    };
    std::vector<Leg> legs;
    for (const auto& id : route) {
        std::optional<std::uint32_t> found;
        for (auto i : ds.findAll(id))
            if (ds.features[i].type == model::ObjectType::SewerPipe) found = i;
        if (!found) return core::fail("profile", id, "no sewer pipe with this id in the project");
        const auto& f = ds.features[*found];
        const auto* sp = ds.sewerOf(f);
        if (!sp || !std::isfinite(sp->bobBeginM) || !std::isfinite(sp->bobEndM))
            return core::fail("profile", id, "the pipe has no BOB levels (no sewer profile)");
        const auto& g = ds.linears[f.geometry];
        legs.push_back({*found, sp, ds.vertices[g.firstVertex].xy(),
                        ds.vertices[g.firstVertex + g.vertexCount - 1].xy(), planLength(ds, g)});
    }
    // Orientation: each leg runs from the node it shares with the previous one.
    auto sharesStart = [](const Leg& prevEnd, core::Vec2 endPoint, const std::string& endNode,
                          const Leg& next, bool nextStart) {
        const std::string& node = nextStart ? next.profile->beginNode : next.profile->endNode;
        core::Vec2 q = nextStart ? next.a : next.b;
        (void)prevEnd;
        return (!endNode.empty() && endNode == node) || core::distance(endPoint, q) < 0.5;
    };
    std::vector<bool> reversed(legs.size(), false);
    if (legs.size() > 1) {
        // The first leg is reversed when its begin is what it shares with the second.
        const auto& l0 = legs[0];
        bool endConnects = sharesStart(l0, l0.b, l0.profile->endNode, legs[1], true) ||
                           sharesStart(l0, l0.b, l0.profile->endNode, legs[1], false);
        bool beginConnects = sharesStart(l0, l0.a, l0.profile->beginNode, legs[1], true) ||
                             sharesStart(l0, l0.a, l0.profile->beginNode, legs[1], false);
        if (!endConnects && !beginConnects)
            return core::fail("profile", route[1], "does not connect to " + route[0]);
        reversed[0] = !endConnects;
    }
    for (std::size_t k = 1; k < legs.size(); ++k) {
        const auto& prev = legs[k - 1];
        core::Vec2 endPoint = reversed[k - 1] ? prev.a : prev.b;
        const std::string& endNode =
            reversed[k - 1] ? prev.profile->beginNode : prev.profile->endNode;
        if (sharesStart(prev, endPoint, endNode, legs[k], true))
            reversed[k] = false;
        else if (sharesStart(prev, endPoint, endNode, legs[k], false))
            reversed[k] = true;
        else
            return core::fail("profile", route[k], "does not connect to " + route[k - 1]);
    }
    double chainage = 0;
    for (std::size_t k = 0; k < legs.size(); ++k) {
        const auto& leg = legs[k];
        const auto& f = ds.features[leg.feature];
        LongitudinalProfile::Pipe pipe;
        pipe.id = f.id;
        pipe.feature = leg.feature;
        pipe.start = chainage;
        pipe.end = chainage + leg.length;
        pipe.reversed = reversed[k];
        pipe.bobStart = reversed[k] ? leg.profile->bobEndM : leg.profile->bobBeginM;
        pipe.bobEnd = reversed[k] ? leg.profile->bobBeginM : leg.profile->bobEndM;
        pipe.fromNode = reversed[k] ? leg.profile->endNode : leg.profile->beginNode;
        pipe.toNode = reversed[k] ? leg.profile->beginNode : leg.profile->endNode;
        pipe.heightM = std::isfinite(leg.profile->heightMm)  ? leg.profile->heightMm / 1000.0
                       : std::isfinite(leg.profile->widthMm) ? leg.profile->widthMm / 1000.0
                                                             : 0.0;
        const auto& g = ds.linears[f.geometry];
        pipe.heightAssumed =
            ds.vertexDepths[g.firstVertex].provenance == model::DepthProvenance::Assumed;
        if (const auto* c = ds.firstDetail<model::SewerCondition>(f))
            pipe.conditionClass = c->overall;
        p.pipes.push_back(pipe);
        // Observations of the pipe's latest inspections, at their distance from the start node.
        const auto* cond = ds.firstDetail<model::SewerCondition>(f);
        auto inspections = ds.detailsOf<model::SewerInspection>(f);
        auto observations = ds.detailsOf<model::SewerObservation>(f);
        for (const auto* in : inspections) {
            if (cond && cond->inspected.known() && !(in->date == cond->inspected)) continue;
            // Does the inspection run in the pipe's own direction?
            const bool fromBegin = inspectedFromBegin(leg.profile, *in);
            std::vector<const model::SewerObservation*> own;
            for (const auto* o : observations)
                if (o->inspectionId == in->id) own.push_back(o);
            const double r = pipe.heightM / 2;
            auto chainageOf = [&](double d) {
                double along = std::clamp(fromBegin ? d : leg.length - d, 0.0, leg.length);
                return pipe.start + (reversed[k] ? leg.length - along : along);
            };
            for (const auto* o : own) {
                if (!std::isfinite(o->distanceM) || o->code == "BXA") continue;
                if (o->conditionClass == 0 && o->code != "BCA")
                    continue;  // defects (and connections)
                LongitudinalProfile::Observation ob;
                ob.pipeId = f.id;
                ob.code = o->code;
                ob.chainage = chainageOf(o->distanceM);
                const double bob = p.bobAt(ob.chainage);
                const double angle =
                    o->clock1 >= 0 ? o->clock1 * std::numbers::pi / 6 : std::numbers::pi;
                ob.level = bob + r + r * std::cos(angle);
                ob.conditionClass = o->conditionClass;
                ob.label = o->code + (o->char1.empty() ? "" : " " + o->char1) +
                           (o->quant1.empty() ? "" : " " + o->quant1);
                p.observations.push_back(std::move(ob));
            }
            const double bobFrom = fromBegin ? leg.profile->bobBeginM : leg.profile->bobEndM;
            const double bobTo = fromBegin ? leg.profile->bobEndM : leg.profile->bobBeginM;
            auto invert = invertFromInclination(own, bobFrom, bobTo, leg.length);
            if (invert.size() >= 2) {
                LongitudinalProfile::MeasuredInvert m;
                m.pipeId = f.id;
                m.inspectionId = in->id;
                for (auto& q : invert) q.chainage = chainageOf(q.chainage);
                if (invert.front().chainage > invert.back().chainage)
                    std::reverse(invert.begin(), invert.end());
                // The pipe drains toward its lower BOB.
                const bool drainsAtEnd = pipe.bobEnd <= pipe.bobStart;
                m.water = standingWater(invert, drainsAtEnd);
                for (std::size_t i = 1; i < invert.size() && pipe.heightM > 0; ++i) {
                    double h0 = m.water[i - 1].level - invert[i - 1].level;
                    double h1 = m.water[i].level - invert[i].level;
                    m.lostStorageM3 +=
                        0.5 * (segmentArea(h0, pipe.heightM) + segmentArea(h1, pipe.heightM)) *
                        (invert[i].chainage - invert[i - 1].chainage);
                }
                m.invert = std::move(invert);
                p.measured.push_back(std::move(m));
            }
        }
        chainage = pipe.end;
    }
    p.length = chainage;
    // Manholes at every node of the route.
    auto addManhole = [&](const std::string& id, double at) {
        LongitudinalProfile::Manhole m;
        m.id = id;
        m.chainage = at;
        m.cover = m.bottom = NAN;
        for (auto i : ds.findAll(id))
            if (ds.features[i].type == model::ObjectType::Manhole) {
                const auto& b = ds.bodies[ds.features[i].geometry];
                m.cover = b.topZ;
                m.bottom = b.bottomZ;
                m.found = true;
            }
        p.manholes.push_back(m);
    };
    if (!p.pipes.empty()) addManhole(p.pipes.front().fromNode, 0);
    for (const auto& pipe : p.pipes) addManhole(pipe.toNode, pipe.end);
    // Ground, GHG and GLG along the route.
    const double step = std::max(groundStepM, 0.05);
    for (std::size_t k = 0; k < legs.size(); ++k) {
        const auto& f = ds.features[legs[k].feature];
        const auto& g = ds.linears[f.geometry];
        const int n = std::max(1, static_cast<int>(std::ceil(legs[k].length / step)));
        for (int s = (k == 0 ? 0 : 1); s <= n; ++s) {
            double along = legs[k].length * s / n;
            core::Vec2 q = pointAlong(ds, g, reversed[k] ? legs[k].length - along : along);
            double at = p.pipes[k].start + along;
            for (auto [field, out] : {std::pair{&fields.ground, &p.ground},
                                      {&fields.ghg, &p.ghg},
                                      {&fields.glg, &p.glg}}) {
                if (!field->available()) continue;
                double v = field->at(q.x, q.y);
                if (std::isfinite(v)) out->push_back({at, v});
            }
        }
    }
    // The vertical extent of everything drawn.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    auto take = [&](double v) {
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    };
    for (const auto& pipe : p.pipes)
        for (double v :
             {pipe.bobStart, pipe.bobEnd, pipe.bobStart + pipe.heightM, pipe.bobEnd + pipe.heightM})
            take(v);
    for (const auto& m : p.manholes) take(m.cover), take(m.bottom);
    for (const auto* line : {&p.ground, &p.ghg, &p.glg})
        for (const auto& q : *line) take(q.level);
    for (const auto& m : p.measured)
        for (const auto& q : m.invert) take(q.level);
    p.minLevel = lo;
    p.maxLevel = hi;
    return p;
}

}  // namespace bz::sewer
