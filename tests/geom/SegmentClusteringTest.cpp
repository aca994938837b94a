#include <bodemzicht/geom/SegmentClustering.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

using namespace bz::geom;
using bz::core::Vec3;

namespace {

using Cell = std::array<std::int64_t, 3>;

// Brute force: the unordered cell pairs of all input segments whose ends lie in different cells.
std::set<std::pair<Cell, Cell>> referenceCellPairs(const std::vector<SegmentRef>& in, double cxy,
                                                   double cz) {
    std::set<std::pair<Cell, Cell>> pairs;
    for (const auto& s : in) {
        Cell a = clusterCell(s.a, cxy, cz), b = clusterCell(s.b, cxy, cz);
        if (a == b) continue;
        pairs.insert(std::minmax(a, b));
    }
    return pairs;
}

std::vector<SegmentRef> randomStreets(std::mt19937& rng, int n) {
    // Parallel cables along a few streets plus random short pieces: realistic clustering load.
    std::uniform_real_distribution<double> u(0, 200), off(-3, 3), depth(-2, -0.5), len(0.05, 30);
    std::uniform_int_distribution<int> axis(0, 1);
    std::vector<SegmentRef> out;
    for (int i = 0; i < n; ++i) {
        Vec3 a{u(rng), u(rng), depth(rng)};
        if (i % 3 == 0) a.y = 100 + off(rng);
        Vec3 b = a;
        (axis(rng) ? b.x : b.y) += len(rng);
        b.z = depth(rng);
        out.push_back({a, b});
    }
    return out;
}

}  // namespace

TEST(SegmentClustering, MatchesBruteForceCellPairsOnRandomInput) {
    std::mt19937 rng(42);
    for (double cell : {0.25, 1.0, 4.0, 20.0}) {
        auto in = randomStreets(rng, 3000);
        const double cz = cell / 4;
        auto out = clusterSegments(in, cell, cz);
        ASSERT_EQ(out.segments.size(), out.source.size());
        std::set<std::pair<Cell, Cell>> got;
        for (std::size_t k = 0; k < out.segments.size(); ++k) {
            Vec3 a = out.vertices[out.segments[k][0]], b = out.vertices[out.segments[k][1]];
            Cell ca = clusterCell(a, cell, cz), cb = clusterCell(b, cell, cz);
            ASSERT_NE(ca, cb);
            EXPECT_TRUE(got.insert(std::minmax(ca, cb)).second) << "duplicate output segment";
            // The source segment connects the same two cells.
            const auto& s = in[out.source[k]];
            EXPECT_EQ(std::minmax(clusterCell(s.a, cell, cz), clusterCell(s.b, cell, cz)),
                      std::minmax(ca, cb));
        }
        EXPECT_EQ(got, referenceCellPairs(in, cell, cz)) << "cell " << cell;
        // Every representative is a real input vertex, one per occupied cell.
        std::set<Cell> repCells;
        for (const auto& v : out.vertices) {
            bool real = std::any_of(in.begin(), in.end(),
                                    [&](const SegmentRef& s) { return s.a == v || s.b == v; });
            EXPECT_TRUE(real);
            EXPECT_TRUE(repCells.insert(clusterCell(v, cell, cz)).second);
        }
        EXPECT_LE(out.segments.size(), in.size());
    }
}

TEST(SegmentClustering, CoarserCellsNeverKeepMoreSegmentsOnAStreetBundle) {
    // Twenty parallel cables 0.3 m apart, split into 2 m pieces: at 10 m cells the bundle is one
    // line of cells.
    std::vector<SegmentRef> in;
    for (int c = 0; c < 20; ++c)
        for (int i = 0; i < 50; ++i)
            in.push_back({{i * 2.0, 0.3 * c + 0.01, -1}, {i * 2.0 + 2, 0.3 * c + 0.01, -1}});
    auto fine = clusterSegments(in, 0.1, 0.1), coarse = clusterSegments(in, 10, 10);
    EXPECT_EQ(fine.segments.size(), in.size());
    EXPECT_EQ(coarse.segments.size(), 10u);  // x cells 0..10 in one row of cells
}
