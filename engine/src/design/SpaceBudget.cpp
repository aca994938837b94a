#include <bodemzicht/design/CrossSection.h>
#include <bodemzicht/design/SpaceBudget.h>

#include <algorithm>
#include <cmath>

#include "NearbyObjects.h"

namespace bz::design {

namespace {

// A point along a polyline and the direction there.
struct Along {
    core::Vec2 at, tangent;
};
Along along(const std::vector<core::Vec2>& line, double chainage) {
    double run = 0;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const double len = core::length(line[i + 1] - line[i]);
        if (len <= 0) continue;
        const core::Vec2 t = (line[i + 1] - line[i]) * (1.0 / len);
        if (run + len >= chainage || i + 2 == line.size())
            return {line[i] + t * std::clamp(chainage - run, 0.0, len), t};
        run += len;
    }
    return {line.front(), {1, 0}};
}

// The ground over an offset: the nearest sample (as freeSpaceInSection takes it).
double groundAt(const CrossSection& s, double o) {
    auto it = std::lower_bound(s.ground.begin(), s.ground.end(), o,
                               [](const LevelPoint& p, double v) { return p.offsetM < v; });
    if (it == s.ground.end()) return s.ground.back().z;
    if (it != s.ground.begin() && o - (it - 1)->offsetM < it->offsetM - o) --it;
    return it->z;
}

// Free cells of one zone's stretch below its least cover: area and the width of columns with any.
struct ZoneCount {
    double area = 0, width = 0;
};
ZoneCount countZone(const CrossSection& s, const FreeArea& a, double from, double to,
                    double minCover, double radius) {
    ZoneCount c;
    if (a.nx == 0) return c;
    for (int i = 0; i < a.nx; ++i) {
        const double o = a.o0 + (i + 0.5) * a.stepM;
        if (o < from || o >= to) continue;
        const double top = groundAt(s, o) - minCover - radius;  // the highest centre allowed
        bool any = false;
        for (int k = 0; k < a.nz; ++k)
            if (a.at(i, k) && a.z0 + (k + 0.5) * a.stepM <= top) {
                c.area += a.stepM * a.stepM;
                any = true;
            }
        if (any) c.width += a.stepM;
    }
    return c;
}

// Length of the union of intervals, clipped to [from, to].
double unionLength(std::vector<std::pair<double, double>> iv, double from, double to) {
    std::sort(iv.begin(), iv.end());
    double total = 0, end = from;
    for (auto [a, b] : iv) {
        a = std::max(a, end), b = std::min(b, to);
        if (b > a) total += b - a, end = b;
    }
    return total;
}

}  // namespace

BudgetColour budgetColour(double share) {
    const double t = std::clamp(share, 0.0, 1.0);
    // red (0) -> yellow (0.5) -> green (1)
    if (t < 0.5) return {230, static_cast<unsigned char>(40 + 190 * t * 2), 40};
    return {static_cast<unsigned char>(230 - 190 * (t - 0.5) * 2), 200, 60};
}

core::Result<SpaceBudget> spaceBudget(const model::Dataset& ds, const model::GroundLevel& ground,
                                      const StreetProfile& profile,
                                      const model::StreetLayer& streets, const BudgetOptions& o) {
    if (!ground.available())
        return core::fail("", "",
                          "the space budget needs the ground level (depth below ground): the "
                          "project has none; give it one with bodem ground PROJECT --raster F.tif "
                          "(or --level M)");
    if (!(o.diameterM > 0) || !(o.stationStepM > 0) || !(o.maxDepthM > 0) || !(o.gridStepM > 0))
        return core::fail("", "", "the budget's diameter, step, depth and grid must be positive");
    if (streets.empty())
        return core::fail("", "",
                          "the project has no street segments: import a road layer with bodem "
                          "import ROADS --as streets --into PROJECT");
    SpaceBudget out;
    detail::NearbyObjects nearby(ds, [&](std::uint32_t fi) {
        return ds.features[fi].status != model::ObjectStatus::Removed;
    });
    const double radius = o.diameterM / 2;
    for (const auto& seg : streets) {
        double length = 0;
        for (std::size_t i = 0; i + 1 < seg.line.size(); ++i)
            length += core::length(seg.line[i + 1] - seg.line[i]);
        if (seg.line.size() < 2 || !(length > 0)) {
            out.skipped.push_back(seg.id + ": the segment has no length");
            continue;
        }
        SegmentBudget b;
        b.segment = seg.id;
        b.street = seg.name;
        b.line = seg.line;
        b.lengthM = length;
        b.widthAssumed = !(seg.widthM > 0);
        b.widthM = b.widthAssumed ? o.defaultWidthM : seg.widthM;
        // Sections clear of the junctions (half the width from either end), evenly spaced.
        std::vector<double> stations;
        const double a = b.widthM / 2 + 1, e = length - a;
        if (e <= a) {
            stations.push_back(length / 2);
        } else {
            const int n = std::max(1, static_cast<int>(std::ceil((e - a) / o.stationStepM)));
            for (int k = 0; k < n; ++k) stations.push_back(a + (k + 0.5) * (e - a) / n);
        }
        core::Bounds3 box;
        for (const auto& p : seg.line) box.expand({p.x, p.y, 0});
        auto local = nearby.copyWithin(box.inflated(b.widthM / 2 + 2));
        const auto placed = layZones(profile, b.widthM);
        std::vector<ZoneBudget> zones(profile.zones.size());
        for (std::size_t z = 0; z < zones.size(); ++z) zones[z].zone = profile.zones[z].name;
        for (const auto& pz : placed) zones[pz.zone].widthM += pz.toM - pz.fromM;
        double minCover = o.maxDepthM;
        for (const auto& z : profile.zones)
            minCover =
                std::min(minCover, std::isnan(z.minCoverM) ? o.defaultMinCoverM : z.minCoverM);
        for (double chainage : stations) {
            const auto at = along(seg.line, chainage);
            const core::Vec2 n{-at.tangent.y, at.tangent.x};
            SectionLine line{at.at + n * (b.widthM / 2), at.at - n * (b.widthM / 2)};
            auto section = cutSection(local, line, ground);
            if (section.ground.empty()) continue;  // no ground here
            ++b.sections;
            const auto free = freeSpaceInSection(section, o.diameterM, o.clearanceM, minCover,
                                                 o.maxDepthM, o.gridStepM);
            auto emptyStreet = section;
            emptyStreet.cuts.clear();
            const auto empty = freeSpaceInSection(emptyStreet, o.diameterM, o.clearanceM, minCover,
                                                  o.maxDepthM, o.gridStepM);
            for (const auto& pz : placed) {
                const auto& zone = profile.zones[pz.zone];
                const double cover =
                    std::isnan(zone.minCoverM) ? o.defaultMinCoverM : zone.minCoverM;
                const auto f = countZone(section, free, pz.fromM, pz.toM, cover, radius);
                const auto e0 = countZone(emptyStreet, empty, pz.fromM, pz.toM, cover, radius);
                std::vector<std::pair<double, double>> designs;
                for (const auto& c : section.cuts)
                    if ((c.status == "proposed" || c.status == "reserved") &&
                        c.kind != CutKind::Zone)
                        designs.push_back({c.fromM, c.toM});
                auto& zb = zones[pz.zone];
                zb.freeAreaM2 += f.area;
                zb.freeWidthM += f.width;
                zb.emptyAreaM2 += e0.area;
                zb.designWidthM += unionLength(designs, pz.fromM, pz.toM);
            }
        }
        if (b.sections == 0) {
            out.skipped.push_back(seg.id + ": no ground level along the segment");
            continue;
        }
        for (auto& z : zones) {
            if (!(z.widthM > 0)) continue;
            z.freeAreaM2 /= b.sections, z.freeWidthM /= b.sections, z.emptyAreaM2 /= b.sections;
            z.designWidthM /= b.sections;
            b.freeAreaM2 += z.freeAreaM2;
            b.emptyAreaM2 += z.emptyAreaM2;
            b.zones.push_back(std::move(z));
        }
        out.segments.push_back(std::move(b));
    }
    return out;
}

}  // namespace bz::design
