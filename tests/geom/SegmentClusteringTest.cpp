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

namespace {

ClusteredSegments chain(const std::vector<Vec3>& pts) {
    ClusteredSegments c;
    c.vertices = pts;
    for (std::uint32_t i = 0; i + 1 < pts.size(); ++i) {
        c.segments.push_back({i, i + 1});
        c.source.push_back(i);
    }
    return c;
}

}  // namespace

TEST(SimplifyRuns, AStraightMainInPiecesBecomesOneSegmentAndABendStays) {
    std::vector<Vec3> straight;
    for (int i = 0; i <= 10; ++i) straight.push_back({i * 3.0, 0.001 * (i % 2), -1});
    auto c = chain(straight);
    std::vector<std::uint32_t> group(c.segments.size(), 7);
    auto s = simplifyRuns(c, group, 0.05);
    ASSERT_EQ(s.segments.size(), 1u);
    EXPECT_EQ(s.segments[0], (std::array<std::uint32_t, 2>{0, 10}));
    // An L: the corner is kept.
    auto l = chain({{0, 0, 0}, {5, 0, 0}, {10, 0, 0}, {10, 5, 0}, {10, 10, 0}});
    auto sl = simplifyRuns(l, std::vector<std::uint32_t>(4, 1), 0.05);
    EXPECT_EQ(sl.segments.size(), 2u);
    // A colour change in the middle is a junction.
    auto sc = simplifyRuns(c, std::vector<std::uint32_t>{1, 1, 1, 1, 1, 2, 2, 2, 2, 2}, 0.05);
    EXPECT_EQ(sc.segments.size(), 2u);
}

TEST(SimplifyRuns, KeepsJunctionsAndStaysWithinToleranceOnRandomNetworks) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> jitter(-0.3, 0.3), pos(0, 300);
    std::uniform_int_distribution<int> colour(0, 2), steps(2, 30), dir(0, 3);
    for (double tol : {0.1, 0.5, 2.0}) {
        // Random walks on a 5 m lattice with jitter: straight runs, corners, crossings, rings.
        std::vector<SegmentRef> in;
        std::vector<std::uint32_t> colourOf;
        for (int w = 0; w < 200; ++w) {
            Vec3 p{std::round(pos(rng) / 5) * 5, std::round(pos(rng) / 5) * 5, -1};
            int c = colour(rng), d = dir(rng);
            for (int s = steps(rng); s > 0; --s) {
                if (s % 7 == 0) d = dir(rng);
                Vec3 q = p;
                (d < 2 ? q.x : q.y) += d % 2 ? -5 : 5;
                Vec3 qj{q.x + jitter(rng) * 0.1, q.y + jitter(rng) * 0.1, -1 + jitter(rng)};
                in.push_back({p, qj});
                colourOf.push_back(static_cast<std::uint32_t>(c));
                p = qj;
            }
        }
        auto clustered = clusterSegments(in, 1.0, 1.0);
        std::vector<std::uint32_t> group;
        for (auto src : clustered.source) group.push_back(colourOf[src]);
        auto s = simplifyRuns(clustered, group, tol);
        EXPECT_LE(s.segments.size(), clustered.segments.size());
        EXPECT_LT(s.segments.size(), clustered.segments.size()) << "some runs should join";
        // Degree and group of every vertex, before and after.
        std::vector<int> degIn(clustered.vertices.size()), degOut(clustered.vertices.size());
        std::vector<std::set<std::uint32_t>> groupsAt(clustered.vertices.size());
        for (std::size_t k = 0; k < clustered.segments.size(); ++k)
            for (auto v : clustered.segments[k]) ++degIn[v], groupsAt[v].insert(group[k]);
        for (const auto& seg : s.segments)
            for (auto v : seg) ++degOut[v];
        for (std::size_t v = 0; v < degIn.size(); ++v)
            if (degIn[v] > 0 && (degIn[v] != 2 || groupsAt[v].size() > 1)) {
                EXPECT_GT(degOut[v], 0) << "junction " << v << " dropped";
            }
        // Brute force: every input vertex lies within the tolerance of an output segment of its
        // group.
        for (std::size_t k = 0; k < clustered.segments.size(); ++k)
            for (auto v : clustered.segments[k]) {
                double best = 1e300;
                for (std::size_t j = 0; j < s.segments.size(); ++j) {
                    if (colourOf[s.source[j]] != group[k]) continue;
                    best = std::min(best, pointSegmentDistance(clustered.vertices[v],
                                                               s.vertices[s.segments[j][0]],
                                                               s.vertices[s.segments[j][1]]));
                }
                EXPECT_LE(best, tol + 1e-9) << "vertex " << v << " tolerance " << tol;
            }
    }
}
