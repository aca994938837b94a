#include <bodemzicht/geom/SegmentClustering.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace bz::geom {

namespace {

struct CellHash {
    std::size_t operator()(const std::array<std::int64_t, 3>& c) const {
        std::uint64_t h = static_cast<std::uint64_t>(c[0]) * 0x9E3779B97F4A7C15ull;
        h ^= static_cast<std::uint64_t>(c[1]) * 0xC2B2AE3D27D4EB4Full + (h << 6) + (h >> 2);
        h ^= static_cast<std::uint64_t>(c[2]) * 0x165667B19E3779F9ull + (h << 6) + (h >> 2);
        return static_cast<std::size_t>(h);
    }
};

}  // namespace

std::array<std::int64_t, 3> clusterCell(core::Vec3 p, double cellXY, double cellZ) {
    return {static_cast<std::int64_t>(std::floor(p.x / cellXY)),
            static_cast<std::int64_t>(std::floor(p.y / cellXY)),
            static_cast<std::int64_t>(std::floor(p.z / cellZ))};
}

ClusteredSegments clusterSegments(std::span<const SegmentRef> input, double cellXY, double cellZ) {
    ClusteredSegments out;
    std::unordered_map<std::array<std::int64_t, 3>, std::uint32_t, CellHash> representative;
    std::unordered_set<std::uint64_t> seen;
    representative.reserve(input.size());
    auto vertexFor = [&](core::Vec3 p) {
        auto [it, added] = representative.try_emplace(
            clusterCell(p, cellXY, cellZ), static_cast<std::uint32_t>(out.vertices.size()));
        if (added) out.vertices.push_back(p);
        return it->second;
    };
    for (std::size_t i = 0; i < input.size(); ++i) {
        std::uint32_t a = vertexFor(input[i].a), b = vertexFor(input[i].b);
        if (a == b) continue;  // both ends in one cell: shorter than the detail shown
        if (a > b) std::swap(a, b);
        if (!seen.insert((static_cast<std::uint64_t>(a) << 32) | b).second) continue;
        out.segments.push_back({a, b});
        out.source.push_back(static_cast<std::uint32_t>(i));
    }
    return out;
}

double pointSegmentDistance(core::Vec3 p, core::Vec3 a, core::Vec3 b) {
    core::Vec3 ab = b - a;
    double len2 = core::dot(ab, ab);
    double t = len2 > 0 ? std::clamp(core::dot(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    return core::distance(p, a + ab * t);
}

namespace {

// Douglas-Peucker over run[first..last]: marks the vertices to keep.
void douglasPeucker(const std::vector<core::Vec3>& v, const std::vector<std::uint32_t>& run,
                    std::size_t first, std::size_t last, double tolerance,
                    std::vector<bool>& keep) {
    if (last <= first + 1) return;
    double worst = -1;
    std::size_t at = first;
    for (std::size_t i = first + 1; i < last; ++i) {
        double d = pointSegmentDistance(v[run[i]], v[run[first]], v[run[last]]);
        if (d > worst) worst = d, at = i;
    }
    if (worst <= tolerance) return;
    keep[at] = true;
    douglasPeucker(v, run, first, at, tolerance, keep);
    douglasPeucker(v, run, at, last, tolerance, keep);
}

}  // namespace

ClusteredSegments simplifyRuns(const ClusteredSegments& in, std::span<const std::uint32_t> group,
                               double tolerance) {
    const std::size_t nv = in.vertices.size(), ns = in.segments.size();
    // Incident segments per vertex (CSR).
    std::vector<std::uint32_t> start(nv + 1, 0), incident(2 * ns);
    for (const auto& s : in.segments) ++start[s[0] + 1], ++start[s[1] + 1];
    for (std::size_t v = 0; v < nv; ++v) start[v + 1] += start[v];
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::uint32_t k = 0; k < ns; ++k)
        for (auto v : in.segments[k]) incident[fill[v]++] = k;
    auto passable = [&](std::uint32_t v) {
        return start[v + 1] - start[v] == 2 &&
               group[incident[start[v]]] == group[incident[start[v] + 1]];
    };
    auto other = [&](std::uint32_t seg, std::uint32_t v) {
        return in.segments[seg][0] == v ? in.segments[seg][1] : in.segments[seg][0];
    };
    auto nextSegment = [&](std::uint32_t v, std::uint32_t from) {
        return incident[start[v]] == from ? incident[start[v] + 1] : incident[start[v]];
    };

    ClusteredSegments out;
    out.vertices = in.vertices;
    std::vector<bool> used(ns, false);
    std::vector<std::uint32_t> run, runSegments;
    for (std::uint32_t k = 0; k < ns; ++k) {
        if (used[k]) continue;
        // Walk back from k's first end to the run's start, then forward to its end.
        std::uint32_t seg = k, v = in.segments[k][0];
        while (passable(v)) {
            std::uint32_t prev = nextSegment(v, seg);
            if (prev == k) break;  // a closed ring: start anywhere
            seg = prev;
            v = other(seg, v);
        }
        run.assign(1, v);
        runSegments.clear();
        for (;;) {
            used[seg] = true;
            runSegments.push_back(seg);
            v = other(seg, v);
            run.push_back(v);
            if (!passable(v)) break;
            std::uint32_t next = nextSegment(v, seg);
            if (used[next]) break;
            seg = next;
        }
        std::vector<bool> keep(run.size(), false);
        keep.front() = keep.back() = true;
        douglasPeucker(in.vertices, run, 0, run.size() - 1, tolerance, keep);
        std::uint32_t source = in.source[*std::min_element(runSegments.begin(), runSegments.end())];
        std::size_t last = 0;
        for (std::size_t i = 1; i < run.size(); ++i) {
            if (!keep[i]) continue;
            if (run[last] != run[i]) {
                out.segments.push_back({std::min(run[last], run[i]), std::max(run[last], run[i])});
                out.source.push_back(source);
            }
            last = i;
        }
    }
    return out;
}

}  // namespace bz::geom
