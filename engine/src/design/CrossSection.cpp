#include <bodemzicht/design/CrossSection.h>
#include <bodemzicht/geom/Decompose.h>

#include <algorithm>
#include <cmath>

namespace bz::design {

core::Vec2 SectionLine::at(double offsetM) const {
    const double len = length();
    return len > 0 ? from + (to - from) * (offsetM / len) : from;
}

std::string_view toCode(CutKind k) {
    switch (k) {
        case CutKind::Network:
            return "network";
        case CutKind::Body:
            return "body";
        case CutKind::RootZone:
            return "root_zone";
        case CutKind::Zone:
            return "zone";
    }
    return "";
}

namespace {

using core::cross;  // a.x * b.y - a.y * b.x

// Where segment a-b crosses the section (offset along it, fraction along a-b); false when it
// does not or runs parallel to it.
bool crossing(const SectionLine& l, core::Vec2 a, core::Vec2 b, double& offset, double& s) {
    const core::Vec2 d = l.to - l.from, e = b - a;
    const double den = cross(d, e);
    if (std::abs(den) < 1e-12) return false;
    const double t = cross(a - l.from, e) / den;  // along the section, 0..1
    s = cross(a - l.from, d) / den;               // along the segment, 0..1
    if (t < 0 || t > 1 || s < 0 || s > 1) return false;
    offset = t * l.length();
    return true;
}

// The offsets where the section runs inside a polygon ring (even-odd), as intervals.
std::vector<std::pair<double, double>> insideIntervals(const SectionLine& l,
                                                       const std::vector<core::Vec2>& ring) {
    std::vector<double> cuts;
    const std::size_t n = ring.size();
    for (std::size_t i = 0; i < n; ++i) {
        double offset, s;
        // Half-open in s so that a vertex on the line counts once.
        if (crossing(l, ring[i], ring[(i + 1) % n], offset, s) && s < 1) cuts.push_back(offset);
    }
    std::sort(cuts.begin(), cuts.end());
    // A point of the line inside the ring: count the crossings before it (even-odd).
    auto inside = [&](core::Vec2 p) {
        bool in = false;
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
            const auto &a = ring[i], &b = ring[j];
            if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
                in = !in;
        }
        return in;
    };
    std::vector<std::pair<double, double>> out;
    std::vector<double> bounds{0.0};
    bounds.insert(bounds.end(), cuts.begin(), cuts.end());
    bounds.push_back(l.length());
    for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
        const double a = bounds[k], b = bounds[k + 1];
        if (b - a < 1e-9) continue;
        if (inside(l.at((a + b) / 2))) {
            if (!out.empty() && std::abs(out.back().second - a) < 1e-9)
                out.back().second = b;
            else
                out.push_back({a, b});
        }
    }
    return out;
}

// The chord of a circle on the section: [from, to] offsets; false when missed.
bool chord(const SectionLine& l, core::Vec2 c, double r, double& from, double& to) {
    const double len = l.length();
    if (len <= 0 || !(r > 0)) return false;
    const core::Vec2 u = (l.to - l.from) * (1.0 / len);
    const double along = core::dot(c - l.from, u), across = cross(u, c - l.from);
    if (std::abs(across) >= r) return false;
    const double h = std::sqrt(r * r - across * across);
    from = std::max(0.0, along - h);
    to = std::min(len, along + h);
    return to > from;
}

void sample(const SectionLine& l, const model::GroundLevel* level, double step,
            std::vector<LevelPoint>& out) {
    if (!level || !level->available()) return;
    const double len = l.length();
    const int n = std::max(1, static_cast<int>(std::ceil(len / step)));
    for (int k = 0; k <= n; ++k) {
        const double off = len * k / n;
        const auto p = l.at(off);
        const double z = level->at(p.x, p.y);
        if (!std::isnan(z)) out.push_back({off, z});
    }
}

}  // namespace

CrossSection cutSection(const model::Dataset& ds, const SectionLine& line,
                        const model::GroundLevel& ground, const model::GroundLevel* ghg,
                        const model::GroundLevel* glg, const SectionOptions& options) {
    CrossSection out;
    out.line = line;
    const double step = std::max(0.01, options.sampleStepM);
    sample(line, &ground, step, out.ground);
    sample(line, ghg, step, out.ghg);
    sample(line, glg, step, out.glg);
    const double len = line.length();
    if (!(len > 0)) return out;
    const core::Vec2 dir = (line.to - line.from) * (1.0 / len);
    // The section's bounding box, to skip what lies far from it cheaply.
    const double minX = std::min(line.from.x, line.to.x), maxX = std::max(line.from.x, line.to.x);
    const double minY = std::min(line.from.y, line.to.y), maxY = std::max(line.from.y, line.to.y);

    auto finish = [&](SectionCut& c) {
        const auto p = line.at(c.offsetM);
        c.groundZ = ground.at(p.x, p.y);
        if (!std::isnan(c.groundZ)) {
            c.topBelowGroundM = c.groundZ - c.topZ;
            c.bottomBelowGroundM = c.groundZ - c.bottomZ;
        }
        out.cuts.push_back(std::move(c));
    };
    auto meta = [&](const model::Feature& f, std::uint32_t fi, CutKind kind) {
        SectionCut c;
        c.feature = fi;
        c.kind = kind;
        c.id = f.id;
        c.theme = ds.str(f.theme);
        c.owner = ds.str(f.owner);
        c.status = std::string(model::toCode(f.status));
        return c;
    };

    for (std::uint32_t fi = 0; fi < ds.features.size(); ++fi) {
        const auto& f = ds.features[fi];
        switch (f.kind()) {
            case model::GeometryKind::Linear: {
                const auto& l = ds.linears[f.geometry];
                const bool known = !std::isnan(l.outerDiameterM);
                const double d = known ? l.outerDiameterM : options.defaultDiameterM;
                for (std::uint32_t i = 0; i + 1 < l.vertexCount; ++i) {
                    const core::Vec3 a = ds.vertices[l.firstVertex + i],
                                     b = ds.vertices[l.firstVertex + i + 1];
                    if (std::max(a.x, b.x) < minX || std::min(a.x, b.x) > maxX ||
                        std::max(a.y, b.y) < minY || std::min(a.y, b.y) > maxY)
                        continue;
                    double offset, s;
                    if (!crossing(line, a.xy(), b.xy(), offset, s)) continue;
                    // Each crossing once: a vertex on the line belongs to the segment it starts.
                    if (s >= 1 && i + 2 < l.vertexCount) continue;
                    const core::Vec2 e = b.xy() - a.xy();
                    const double sinAngle =
                        std::abs(cross(dir, e)) / std::max(core::length(e), 1e-12);
                    if (sinAngle < std::sin(5 * M_PI / 180)) {
                        ++out.networksNearlyParallel;
                        continue;
                    }
                    const double z = a.z + s * (b.z - a.z);
                    if (std::isnan(z)) continue;  // unknown height: nowhere to draw it
                    SectionCut c = meta(f, fi, CutKind::Network);
                    c.offsetM = offset;
                    // A pipe crossed at an angle cuts the plane in an ellipse d / sin wide.
                    c.fromM = offset - d / 2 / sinAngle;
                    c.toM = offset + d / 2 / sinAngle;
                    c.topZ = z + d / 2;
                    c.bottomZ = z - d / 2;
                    c.sizeM = known ? d : kNaN;
                    c.sizeAssumed = !known;
                    c.crossingAngleDeg = std::asin(std::min(1.0, sinAngle)) * 180 / M_PI;
                    const auto& d0 = ds.vertexDepths[l.firstVertex + i];
                    const auto& d1 = ds.vertexDepths[l.firstVertex + i + 1];
                    const auto& near = s < 0.5 ? d0 : d1;
                    c.provenance = std::string(model::toCode(near.provenance));
                    double band = std::max(
                        std::isnan(d0.verticalUncertaintyM) ? 0.0 : d0.verticalUncertaintyM,
                        std::isnan(d1.verticalUncertaintyM) ? 0.0 : d1.verticalUncertaintyM);
                    const bool assumed = d0.provenance == model::DepthProvenance::Assumed ||
                                         d0.provenance == model::DepthProvenance::Unknown ||
                                         d1.provenance == model::DepthProvenance::Assumed ||
                                         d1.provenance == model::DepthProvenance::Unknown;
                    if (band == 0 && assumed) band = options.defaultBandM;
                    c.bandM = band;
                    finish(c);
                }
                break;
            }
            case model::GeometryKind::VerticalBody: {
                const auto& b = ds.bodies[f.geometry];
                double from = 0, to = 0;
                bool hit = false;
                if (b.isCylinder()) {
                    hit = chord(line, b.center, b.radiusM, from, to);
                } else if (!std::isnan(b.widthM) && !std::isnan(b.lengthM)) {
                    const double a = b.rotationDeg * M_PI / 180, hw = b.widthM / 2,
                                 hl = b.lengthM / 2;
                    const core::Vec2 ux{std::cos(a), std::sin(a)}, uy{-std::sin(a), std::cos(a)};
                    const std::vector<core::Vec2> box{
                        b.center - ux * hw - uy * hl, b.center + ux * hw - uy * hl,
                        b.center + ux * hw + uy * hl, b.center - ux * hw + uy * hl};
                    auto spans = insideIntervals(line, box);
                    if (!spans.empty())
                        hit = true, from = spans.front().first, to = spans.back().second;
                }
                if (hit) {
                    SectionCut c = meta(f, fi, CutKind::Body);
                    c.offsetM = (from + to) / 2;
                    c.fromM = from;
                    c.toM = to;
                    c.topZ = b.topZ;
                    c.bottomZ = b.bottomZ;
                    c.sizeM = to - from;
                    c.provenance = std::string(model::toCode(b.depth.provenance));
                    c.bandM = std::isnan(b.depth.verticalUncertaintyM)
                                  ? 0.0
                                  : b.depth.verticalUncertaintyM;
                    finish(c);
                }
                // A tree's root zone: a cylinder of its diameter from the ground to its depth.
                if (const auto* t = ds.treeOf(f);
                    t && !std::isnan(t->rootZoneDiameterM) &&
                    chord(line, b.center, t->rootZoneDiameterM / 2, from, to)) {
                    SectionCut c = meta(f, fi, CutKind::RootZone);
                    c.offsetM = (from + to) / 2;
                    c.fromM = from;
                    c.toM = to;
                    c.topZ = b.topZ;
                    c.bottomZ = std::isnan(t->rootDepthM) ? b.bottomZ : b.topZ - t->rootDepthM;
                    c.sizeM = t->rootZoneDiameterM;
                    c.provenance = std::string(model::toCode(t->rootZoneProvenance));
                    finish(c);
                }
                break;
            }
            case model::GeometryKind::Prism: {
                const auto& p = ds.prisms[f.geometry];
                if (p.ringCount == 0) break;
                std::vector<std::pair<double, double>> spans;
                auto ringOf = [&](std::uint32_t r) {
                    const auto& ring = ds.rings[p.firstRing + r];
                    std::vector<core::Vec2> pts;
                    for (std::uint32_t i = 0; i < ring.pointCount; ++i)
                        pts.push_back(ds.footprintPoints[ring.firstPoint + i]);
                    return pts;
                };
                if (!std::isnan(p.widthM)) {
                    // A trench: its centre line buffered by half its width, as convex parts.
                    for (const auto& part : geom::bufferedPolylineParts(ringOf(0), p.widthM))
                        for (auto sp : insideIntervals(line, part)) spans.push_back(sp);
                } else {
                    // Outer ring and holes together, even-odd.
                    std::vector<std::pair<double, double>> outer = insideIntervals(line, ringOf(0));
                    std::vector<std::pair<double, double>> holes;
                    for (std::uint32_t r = 1; r < p.ringCount; ++r)
                        for (auto h : insideIntervals(line, ringOf(r))) holes.push_back(h);
                    for (auto [a, b] : outer) {
                        // Subtract the holes from [a, b].
                        std::vector<std::pair<double, double>> pieces{{a, b}};
                        for (auto [ha, hb] : holes) {
                            std::vector<std::pair<double, double>> next;
                            for (auto [pa, pb] : pieces) {
                                if (hb <= pa || ha >= pb) {
                                    next.push_back({pa, pb});
                                    continue;
                                }
                                if (ha > pa) next.push_back({pa, ha});
                                if (hb < pb) next.push_back({hb, pb});
                            }
                            pieces = std::move(next);
                        }
                        spans.insert(spans.end(), pieces.begin(), pieces.end());
                    }
                }
                // Merge overlapping spans (a trench's parts overlap at its bends).
                std::sort(spans.begin(), spans.end());
                std::vector<std::pair<double, double>> merged;
                for (auto sp : spans) {
                    if (!merged.empty() && sp.first <= merged.back().second + 1e-9)
                        merged.back().second = std::max(merged.back().second, sp.second);
                    else
                        merged.push_back(sp);
                }
                for (auto [a, b] : merged) {
                    SectionCut c = meta(f, fi, CutKind::Zone);
                    c.offsetM = (a + b) / 2;
                    c.fromM = a;
                    c.toM = b;
                    c.topZ = p.allDepths ? kNaN : p.topZ;
                    c.bottomZ = p.allDepths ? kNaN : p.bottomZ;
                    c.sizeM = b - a;
                    c.provenance = std::string(model::toCode(p.depth.provenance));
                    finish(c);
                }
                break;
            }
        }
    }
    std::stable_sort(
        out.cuts.begin(), out.cuts.end(),
        [](const SectionCut& a, const SectionCut& b) { return a.offsetM < b.offsetM; });
    return out;
}

FreeArea freeSpaceInSection(const CrossSection& s, double diameterM, double clearanceM,
                            double minCoverM, double maxDepthM, double stepM) {
    FreeArea a;
    a.stepM = std::max(0.01, stepM);
    const double len = s.line.length();
    if (s.ground.empty() || !(len > 0)) return a;
    double gLo = 1e9, gHi = -1e9;
    for (const auto& p : s.ground) gLo = std::min(gLo, p.z), gHi = std::max(gHi, p.z);
    a.o0 = 0;
    a.z0 = gLo - maxDepthM;
    a.nx = static_cast<int>(std::ceil(len / a.stepM));
    a.nz = std::max(0, static_cast<int>(std::ceil((gHi - a.z0) / a.stepM)));
    a.free.assign(static_cast<std::size_t>(a.nx) * a.nz, 0);
    const double r = diameterM / 2;
    // The ground over each column (the nearest sample).
    auto groundAt = [&](double o) {
        auto it = std::lower_bound(s.ground.begin(), s.ground.end(), o,
                                   [](const LevelPoint& p, double v) { return p.offsetM < v; });
        if (it == s.ground.end()) return s.ground.back().z;
        if (it != s.ground.begin() && o - (it - 1)->offsetM < it->offsetM - o) --it;
        return it->z;
    };
    for (int i = 0; i < a.nx; ++i) {
        const double o = a.o0 + (i + 0.5) * a.stepM;
        const double g = groundAt(o);
        for (int k = 0; k < a.nz; ++k) {
            const double z = a.z0 + (k + 0.5) * a.stepM;
            if (z + r > g - minCoverM || z - r < g - maxDepthM) continue;
            bool ok = true;
            for (const auto& c : s.cuts) {
                if (c.kind == CutKind::Zone || std::isnan(c.topZ)) continue;
                // Distance from the cell centre to the cut's box (its band included).
                const double top = c.topZ + c.bandM, bottom = c.bottomZ - c.bandM;
                const double dx = std::max({c.fromM - o, 0.0, o - c.toM}),
                             dz = std::max({bottom - z, 0.0, z - top});
                if (std::sqrt(dx * dx + dz * dz) < clearanceM + r) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                a.free[static_cast<std::size_t>(k) * a.nx + i] = 1;
                a.freeAreaM2 += a.stepM * a.stepM;
            }
        }
    }
    return a;
}

}  // namespace bz::design

namespace bz::design {

void addSoil(CrossSection& section, const model::Field& grid, double stepM) {
    section.soil.clear();
    const auto lithok = grid.variable("lithok");
    if (!lithok) return;
    const auto& g = grid.grid();
    const double len = section.line.length();
    if (!(len > 0)) return;
    const int n = std::max(1, static_cast<int>(std::ceil(len / stepM)));
    // Runs of samples in one grid column.
    int ci = -1, cj = -1;
    double from = 0;
    auto flush = [&](double to) {
        if (ci < 0) return;
        for (int k = 0; k < g.nz;) {
            const double v = grid.cellValue(*lithok, ci, cj, k);
            if (std::isnan(v)) {
                ++k;
                continue;
            }
            int top = k;  // stack the voxels of this class
            while (top + 1 < g.nz && grid.cellValue(*lithok, ci, cj, top + 1) == v) ++top;
            section.soil.push_back({from, to, g.origin.z + k * g.cellSize.z,
                                    g.origin.z + (top + 1) * g.cellSize.z, static_cast<int>(v)});
            k = top + 1;
        }
    };
    for (int s = 0; s < n; ++s) {
        const double o0 = len * s / n, o1 = len * (s + 1) / n;
        const core::Vec2 p = section.line.at((o0 + o1) / 2);
        int i, j, k;
        const bool in = g.cellOf({p.x, p.y, g.origin.z + g.cellSize.z / 2}, i, j, k);
        if (!in) i = j = -1;
        if (i != ci || j != cj) {
            flush(o0);
            ci = i, cj = j, from = o0;
        }
    }
    flush(len);
}

}  // namespace bz::design
