#include <bodemzicht/geom/SegmentClustering.h>

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

}  // namespace bz::geom
