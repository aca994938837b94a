#include <bodemzicht/clash/ClashDetector.h>
#include <bodemzicht/clash/ClashModel.h>
#include <bodemzicht/design/FreeSpace.h>
#include <bodemzicht/geom/Distance.h>
#include <bodemzicht/model/DatasetCopy.h>
#include <bodemzicht/spatial/UniformGrid.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace bz::design {

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// A station along the route: where it is and which way the route runs there.
struct Station {
    double chainage;
    core::Vec2 at, normal;  // normal: to the left of the route
};

std::vector<Station> stations(const std::vector<core::Vec2>& route, double step) {
    std::vector<Station> out;
    double chainage = 0;
    for (std::size_t i = 0; i + 1 < route.size(); ++i) {
        const core::Vec2 a = route[i], b = route[i + 1];
        const double len = core::length(b - a);
        if (len <= 0) continue;
        const core::Vec2 t = (b - a) * (1.0 / len), n{-t.y, t.x};
        const int k = std::max(1, static_cast<int>(std::ceil(len / step)));
        for (int j = (out.empty() ? 0 : 1); j <= k; ++j)
            out.push_back({chainage + len * j / k, a + (b - a) * (static_cast<double>(j) / k), n});
        chainage += len;
    }
    return out;
}

// The existing objects as obstacles: their clash primitives in a grid, each with the clearance
// the new network must keep from it.
struct Obstacles {
    struct Item {
        std::uint32_t feature;
        bool capsule;
        std::uint32_t index;
        double required;
    };
    std::vector<Item> items;
    spatial::UniformGrid grid;
    double maxRequired = 0;
};

Obstacles gather(const clash::ClashModel& model, const clash::RuleSet& rules,
                 const FreeSpaceRequest& r, const core::Bounds3& corridor) {
    Obstacles o;
    std::vector<core::Bounds3> boxes;
    const auto& ds = model.dataset();
    for (std::uint32_t fi = 0; fi < ds.features.size(); ++fi) {
        const auto& f = ds.features[fi];
        // What is in the ground; zones (contamination, protected areas) are constraints for the
        // clash report, not walls, and proposals are other designs.
        if (!model::inTheGround(f.status) || f.status == model::ObjectStatus::Proposed ||
            f.kind() == model::GeometryKind::Prism)
            continue;
        const auto& shape = model.shapes()[fi];
        if (!shape.usable) continue;
        double required = 0;
        if (r.clearanceM) {
            required = *r.clearanceM;
        } else if (const auto* rule = rules.clearanceFor(r.theme, ds.str(f.theme))) {
            required = std::max(rule->parallel.value, rule->crossing.value);
        }
        // Trees: the rule set's distance from the stem, for the themes it applies to.
        if (ds.treeOf(f) && rules.trees.distanceFromStem)
            for (const auto& t : rules.trees.appliesTo)
                if (rules.matches(t, r.theme))
                    required = std::max(required, rules.trees.distanceFromStem->value);
        auto add = [&](bool capsule, std::uint32_t index, const core::Bounds3& b) {
            if (!b.inflated(required + 1.0).overlaps(corridor)) return;
            o.items.push_back({fi, capsule, index, required});
            boxes.push_back(b);
            o.maxRequired = std::max(o.maxRequired, required);
        };
        for (std::uint32_t k = 0; k < shape.capsuleCount; ++k)
            add(true, shape.firstCapsule + k, model.capsules()[shape.firstCapsule + k].bounds());
        for (std::uint32_t k = 0; k < shape.extrusionCount; ++k)
            add(false, shape.firstExtrusion + k,
                model.extrusions()[shape.firstExtrusion + k].bounds());
    }
    if (!boxes.empty()) o.grid = spatial::UniformGrid(boxes, {2.0, 1});
    return o;
}

}  // namespace

std::vector<std::pair<double, double>> preferredZoneOffsets(const StreetProfile& profile,
                                                            const std::string& theme,
                                                            const model::StreetLayer& streets,
                                                            const std::vector<core::Vec2>& route,
                                                            std::string* street) {
    std::vector<std::pair<double, double>> out;
    if (route.size() < 2) return out;
    const core::Vec2 mid = (route.front() + route.back()) * 0.5;
    core::Vec2 dir = route.back() - route.front();
    if (!(core::length(dir) > 0)) return out;
    dir = dir * (1.0 / core::length(dir));
    // The segment piece nearest the route's middle, running the same way (or the opposite).
    const model::StreetSegment* best = nullptr;
    double bestDistance = INFINITY, lateral = 0, sign = 1;
    for (const auto& seg : streets) {
        if (!(seg.widthM > 0)) continue;
        for (std::size_t i = 0; i + 1 < seg.line.size(); ++i) {
            const core::Vec2 a = seg.line[i], b = seg.line[i + 1];
            const double len = core::length(b - a);
            if (len <= 0) continue;
            const core::Vec2 t = (b - a) * (1.0 / len);
            const double cosAngle = t.x * dir.x + t.y * dir.y;
            if (std::abs(cosAngle) < std::cos(30 * M_PI / 180)) continue;
            const double along = std::clamp((mid - a).x * t.x + (mid - a).y * t.y, 0.0, len);
            const core::Vec2 foot = a + t * along;
            const double d = core::length(mid - foot);
            if (d < bestDistance && d <= seg.widthM / 2) {
                bestDistance = d;
                best = &seg;
                lateral = t.x * (mid - a).y - t.y * (mid - a).x;  // left of the street positive
                sign = cosAngle > 0 ? 1 : -1;
            }
        }
    }
    if (!best) return out;
    if (street) *street = best->id;
    // Section offset s (from the street's left facade) of a point at route offset o:
    // s = width/2 - lateral - sign * o, so o = sign * (width/2 - lateral - s).
    for (const auto& pz : layZones(profile, best->widthM)) {
        const auto& themes = profile.zones[pz.zone].themes;
        if (std::find(themes.begin(), themes.end(), theme) == themes.end()) continue;
        const double a = sign * (best->widthM / 2 - lateral - pz.fromM),
                     b = sign * (best->widthM / 2 - lateral - pz.toM);
        out.push_back({std::min(a, b), std::max(a, b)});
    }
    return out;
}

std::vector<std::pair<double, double>> outsideStreets(const model::StreetLayer& streets,
                                                      const std::vector<core::Vec2>& route,
                                                      double defaultWidthM) {
    std::vector<std::pair<double, double>> out;
    if (streets.empty()) return out;
    auto inAStreet = [&](core::Vec2 p) {
        for (const auto& seg : streets) {
            const double half = (seg.widthM > 0 ? seg.widthM : defaultWidthM) / 2;
            for (std::size_t i = 0; i + 1 < seg.line.size(); ++i) {
                const core::Vec2 a = seg.line[i], d = seg.line[i + 1] - a;
                const double len2 = d.x * d.x + d.y * d.y;
                const double t =
                    len2 > 0 ? std::clamp(((p - a).x * d.x + (p - a).y * d.y) / len2, 0.0, 1.0) : 0;
                if (core::length(p - (a + d * t)) <= half) return true;
            }
        }
        return false;
    };
    for (const auto& s : stations(route, 1.0)) {
        const bool outside = !inAStreet(s.at);
        if (outside && !out.empty() && out.back().second >= s.chainage - 1.0 - 1e-9)
            out.back().second = s.chainage;
        else if (outside)
            out.push_back({s.chainage, s.chainage});
    }
    return out;
}

core::Result<FreeSpaceResult> findFreeSpace(const model::Dataset& ds, const clash::RuleSet& rules,
                                            const model::GroundLevel& ground,
                                            const FreeSpaceRequest& r) {
    if (r.route.size() < 2) return core::fail("", "", "the route needs at least two points");
    for (const auto& p : r.route)
        if (!std::isfinite(p.x) || !std::isfinite(p.y))
            return core::fail("", "", "the route has a point that is not a number");
    if (!(r.diameterM >= 0.005 && r.diameterM <= 3))
        return core::fail("", "", "the diameter must be between 5 mm and 3 m");
    if (!ground.available())
        return core::fail(
            "", "",
            "finding free space needs the ground level (depth below ground): the project has none; "
            "give it one with bodem ground PROJECT --raster F.tif (or --level M, or --covers)");
    FreeSpaceResult out;
    for (std::size_t i = 0; i + 1 < r.route.size(); ++i)
        out.routeLengthM += core::length(r.route[i + 1] - r.route[i]);
    if (out.routeLengthM > 20000) return core::fail("", "", "the route is longer than 20 km");
    const auto t0 = Clock::now();
    const double radius = r.diameterM / 2;
    const double minCover = rules.defaultCoverDepth(r.theme);
    const double step = std::max(0.02, r.gridStepM);
    core::Bounds3 corridor;
    for (const auto& p : r.route)
        corridor.expand(core::Vec3{p.x, p.y, -1e4}), corridor.expand(core::Vec3{p.x, p.y, 1e4});
    corridor = corridor.inflated(r.searchHalfWidthM + 2);
    // Only what lies near the route takes part (50 m around it: more than any clearance, WKO
    // radii included): the rest of a million-segment project is not modelled twice.
    model::Dataset near;
    const core::Bounds3 around = corridor.inflated(50);
    model::appendDataset(ds, near, [&](std::uint32_t fi) {
        const auto b = ds.featureBounds(ds.features[fi]);
        return b.empty() || std::isnan(b.lo.z) ? true : b.overlaps(around);
    });
    clash::ClashModel model(near, rules, ground);
    const Obstacles obstacles = gather(model, rules, r, corridor);
    // Items come feature by feature: count where the feature changes.
    for (std::size_t k = 0; k < obstacles.items.size(); ++k)
        out.obstacles += k == 0 || obstacles.items[k].feature != obstacles.items[k - 1].feature;
    std::vector<std::uint32_t> stamp;
    std::uint32_t epoch = 0;
    // Which obstacles a piece of the new network (a capsule) comes too close to; stops at the
    // first when `all` is false.
    auto tooClose = [&](const geom::Capsule& piece, bool all, std::vector<std::uint32_t>* who) {
        bool blocked = false;
        if (obstacles.items.empty()) return false;
        obstacles.grid.query(
            piece.bounds().inflated(obstacles.maxRequired + 0.01), stamp, epoch,
            [&](std::uint32_t k) {
                if (blocked && !all) return;
                const auto& it = obstacles.items[k];
                const double d = it.capsule
                                     ? geom::distance(piece, model.capsules()[it.index]).distance
                                     : geom::distance(piece, model.extrusions()[it.index]).distance;
                if (d <
                    it.required + 0.01) {  // a centimetre to spare: the clash core rounds nothing
                    blocked = true;
                    if (who) who->push_back(it.feature);
                }
            });
        return blocked;
    };

    // Candidates at each station: offsets across and covers down, tried cheapest first (near the
    // previous position, near the drawn route, shallow).
    std::vector<std::pair<double, double>> grid;
    for (double o = -r.searchHalfWidthM; o <= r.searchHalfWidthM + 1e-9; o += step)
        for (double c = minCover; c <= r.maxDepthM + 1e-9; c += step) grid.push_back({o, c});
    const auto st = stations(r.route, std::max(0.1, r.stationStepM));
    std::vector<FittedPoint> run;
    std::optional<BlockedStretch> blocking;
    auto axisAt = [&](const Station& s, double offset, double cover, double& z) {
        const core::Vec2 p = s.at + s.normal * offset;
        const double g = ground.at(p.x, p.y);
        z = g - cover - radius;
        return core::Vec3{p.x, p.y, z};
    };
    std::vector<std::size_t> order(grid.size());
    for (const auto& s : st) {
        const FittedPoint* prev = run.empty() ? nullptr : &run.back();
        const double po = prev ? prev->offsetM : 0, pc = prev ? prev->coverM : minCover;
        std::vector<double> cost(grid.size());
        for (std::size_t k = 0; k < grid.size(); ++k) {
            const auto [o, c] = grid[k];
            cost[k] = 4 * std::abs(o - po) + 2 * std::abs(c - pc) + std::abs(o) + (c - minCover);
            // Outside its zone: dearer than any move within the search width.
            if (!r.preferredOffsets.empty()) {
                double away = INFINITY;
                for (auto [lo, hi] : r.preferredOffsets)
                    away = std::min(away, o < lo ? lo - o : o > hi ? o - hi : 0.0);
                if (away > 1e-9) cost[k] += 20 * r.searchHalfWidthM + 10 * away;
            }
        }
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return cost[a] < cost[b]; });
        bool placed = false;
        for (std::size_t k : order) {
            double z;
            const core::Vec3 q = axisAt(s, grid[k].first, grid[k].second, z);
            if (std::isnan(z)) continue;  // no ground here
            const geom::Capsule piece{prev ? prev->axis : q, q, radius};
            if (tooClose(piece, false, nullptr)) continue;
            run.push_back({s.chainage, q, grid[k].first, grid[k].second});
            placed = true;
            break;
        }
        if (placed) {
            if (blocking) {
                blocking->toM = s.chainage;
                blocking->line.push_back(s.at);
                out.blocked.push_back(std::move(*blocking));
                blocking.reset();
            }
            continue;
        }
        // Nothing fits here: what is in the way of the drawn position, at the least cover.
        if (run.size() >= 2) out.runs.push_back(run);
        run.clear();
        if (!blocking) {
            blocking = BlockedStretch{s.chainage, s.chainage, {s.at}, {}};
        }
        blocking->toM = s.chainage;
        blocking->line.push_back(s.at);
        double z;
        const core::Vec3 q = axisAt(s, 0, minCover, z);
        std::vector<std::uint32_t> who;
        if (!std::isnan(z)) tooClose({q, q, radius}, true, &who);
        for (auto f : who) {
            const std::string& id = near.features[f].id;
            if (std::find(blocking->inTheWay.begin(), blocking->inTheWay.end(), id) ==
                blocking->inTheWay.end())
                blocking->inTheWay.push_back(id);
        }
    }
    if (run.size() >= 2) out.runs.push_back(run);
    if (blocking) out.blocked.push_back(std::move(*blocking));
    out.fitMs = msSince(t0);

    // The clash core checks what was found; a piece it finds a hard or clearance clash on is cut
    // out and reported as blocked by that object, until nothing is left to find.
    const auto t1 = Clock::now();
    for (int round = 0; round < 8 && !out.runs.empty(); ++round) {
        ++out.verificationRounds;
        model::Dataset check = near;
        std::vector<std::uint32_t> added;
        for (std::size_t i = 0; i < out.runs.size(); ++i) {
            model::Dataset::Meta m;
            m.id = "FIT-" + std::to_string(i + 1);
            m.layer = "free_space";
            m.theme = r.theme;
            m.owner = r.owner;
            m.type = model::ObjectType::Cable;
            m.status = model::ObjectStatus::Proposed;
            std::vector<core::Vec3> pts;
            for (const auto& p : out.runs[i]) pts.push_back(p.axis);
            added.push_back(
                check.addLinear(m, pts,
                                std::vector<model::VertexDepth>(
                                    pts.size(), {model::DepthProvenance::Measured, 0.0f}),
                                static_cast<float>(r.diameterM)));
        }
        clash::ClashModel checkModel(check, rules, ground);
        clash::ClashOptions options;
        options.uniformClearanceM = r.clearanceM;
        options.onlyFeatures = added;
        options.threads = 1;
        const auto report = clash::ClashDetector(checkModel, rules, options).findClashes();
        std::vector<std::vector<FittedPoint>> kept;
        bool changed = false;
        for (std::size_t i = 0; i < out.runs.size(); ++i) {
            const std::string id = "FIT-" + std::to_string(i + 1);
            std::vector<std::pair<double, std::string>> cuts;  // chainage to cut around, by whom
            std::vector<double> halfWidths;
            for (const auto& c : report.clashes) {
                if (c.bId != id ||
                    (c.kind != clash::ClashKind::Hard && c.kind != clash::ClashKind::Clearance))
                    continue;
                // The run's point nearest the clash.
                const auto& run = out.runs[i];
                std::size_t best = 0;
                for (std::size_t k = 1; k < run.size(); ++k)
                    if (core::length(run[k].axis - c.pointB) <
                        core::length(run[best].axis - c.pointB))
                        best = k;
                cuts.push_back({run[best].chainageM, c.aId});
                halfWidths.push_back((std::isnan(c.violatedLengthM) ? 0.0 : c.violatedLengthM / 2) +
                                     r.stationStepM * 1.5);
            }
            if (cuts.empty()) {
                kept.push_back(out.runs[i]);
                continue;
            }
            changed = true;
            std::vector<FittedPoint> piece;
            auto flush = [&] {
                if (piece.size() >= 2) kept.push_back(piece);
                piece.clear();
            };
            for (const auto& p : out.runs[i]) {
                bool cut = false;
                for (std::size_t k = 0; k < cuts.size(); ++k)
                    if (std::abs(p.chainageM - cuts[k].first) <= halfWidths[k]) cut = true;
                if (cut)
                    flush();
                else
                    piece.push_back(p);
            }
            flush();
            for (std::size_t k = 0; k < cuts.size(); ++k) {
                BlockedStretch b{cuts[k].first - halfWidths[k],
                                 cuts[k].first + halfWidths[k],
                                 {},
                                 {cuts[k].second}};
                for (const auto& s : st)
                    if (s.chainage >= b.fromM && s.chainage <= b.toM) b.line.push_back(s.at);
                out.blocked.push_back(std::move(b));
            }
        }
        out.runs = std::move(kept);
        if (!changed) break;
    }
    out.verifyMs = msSince(t1);
    std::sort(out.blocked.begin(), out.blocked.end(),
              [](const auto& a, const auto& b) { return a.fromM < b.fromM; });
    for (const auto& run : out.runs)
        for (std::size_t k = 1; k < run.size(); ++k)
            out.fittedLengthM += core::length(run[k].axis.xy() - run[k - 1].axis.xy());
    return out;
}

}  // namespace bz::design
