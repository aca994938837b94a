#include "NetworkLod.h"

#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>

#include <algorithm>
#include <cmath>

#include <bodemzicht/geom/SegmentClustering.h>

#include "LodCommon.h"
#include "MeshBuilder.h"

namespace bz::render::detail {

using model::GeometryKind;

namespace {

constexpr std::size_t kNetworkLevels = NetworkLod::kCellSizes.size();
constexpr std::size_t kClasses = NetworkLod::kDiameterClasses.size();

std::size_t diameterClass(float radius) {
    std::size_t k = 0;
    while (k + 1 < kClasses && 2 * radius >= NetworkLod::kDiameterClasses[k]) ++k;
    return k;
}

}  // namespace

struct NetworkLod::Tile {
    core::Bounds3 bounds;  // local, not exaggerated
    std::vector<std::uint32_t> segments;
    std::array<vtkSmartPointer<vtkActor>, kNetworkLevels> lines;
    std::array<double, kNetworkLevels>
        builtFor{};  // exaggeration a level was clustered for; 0: not built
    std::array<std::size_t, kNetworkLevels> lineCount{};
    std::array<vtkSmartPointer<vtkActor>, kClasses> tubes, assumedTubes, outlines;
    std::array<bool, kClasses> tubesBuilt{};
    std::array<float, kClasses> maxDiameter{};
    std::array<std::size_t, kClasses> classCount{};
};

NetworkLod::NetworkLod(const model::Dataset& ds, core::Vec3 o, const RenderOptions& options,
                       core::StringPool::Id layer, double opacity) {
    core::Bounds3 all;
    for (std::size_t fi = 0; fi < ds.features.size(); ++fi) {
        const auto& f = ds.features[fi];
        if (f.kind() != GeometryKind::Linear || !shownInLayer(ds, f, options, layer)) continue;
        const auto& l = ds.linears[f.geometry];
        const bool assumed = depthAssumed(ds, l);
        const auto r = static_cast<float>(drawnRadius(l));
        Rgb c = featureColour(ds, f, options);
        for (std::uint32_t i = 0; i + 1 < l.vertexCount; ++i) {
            core::Vec3 a = ds.vertices[l.firstVertex + i] - o,
                       b = ds.vertices[l.firstVertex + i + 1] - o;
            if (std::isnan(a.z) || std::isnan(b.z)) continue;  // unknown height: not drawn
            Segment s{{float(a.x), float(a.y), float(a.z)},
                      {float(b.x), float(b.y), float(b.z)},
                      r,
                      static_cast<std::int32_t>(fi),
                      c,
                      assumed,
                      model::isDesign(f.status)};
            segments_.push_back(s);
            all.expand(a);
            all.expand(b);
        }
    }
    if (segments_.empty()) return;
    // 5 x 5 tiles up to a million segments, up to 16 x 16 beyond (~40 000 segments a tile).
    const TileGrid tiling(all, segments_.size(), 40000, 5, 16);
    std::vector<std::unique_ptr<Tile>> grid(tiling.tileCount());
    for (std::size_t i = 0; i < segments_.size(); ++i) {
        const auto& s = segments_[i];
        auto& t = grid[tiling.tileAt((s.a[0] + s.b[0]) / 2, (s.a[1] + s.b[1]) / 2)];
        if (!t) t = std::make_unique<Tile>();
        t->segments.push_back(static_cast<std::uint32_t>(i));
        t->bounds.expand(core::Vec3{s.a[0], s.a[1], s.a[2]});
        t->bounds.expand(core::Vec3{s.b[0], s.b[1], s.b[2]});
        std::size_t k = diameterClass(s.radius);
        t->maxDiameter[k] = std::max(t->maxDiameter[k], 2 * s.radius);
        ++t->classCount[k];
    }
    for (auto& t : grid) {
        if (!t) continue;
        // Bounds include the largest tube radius, so culling never cuts a visible tube.
        t->bounds =
            t->bounds.inflated(*std::max_element(t->maxDiameter.begin(), t->maxDiameter.end()) / 2);
        for (auto& a : t->lines) a = placeholderActor(opacity, true);
        for (std::size_t k = 0; k < kClasses; ++k) {
            t->tubes[k] = placeholderActor(opacity, false);
            t->assumedTubes[k] = placeholderActor(opacity, false);
            showAssumedDepthBands(t->assumedTubes[k]);
            t->outlines[k] = placeholderActor(opacity, false);
            showAsProposalOutline(t->outlines[k]);
        }
        tiles_.push_back(std::move(t));
    }
}

NetworkLod::~NetworkLod() = default;

std::vector<vtkSmartPointer<vtkActor>> NetworkLod::actors() const {
    std::vector<vtkSmartPointer<vtkActor>> out;
    for (const auto& t : tiles_) {
        out.insert(out.end(), t->lines.begin(), t->lines.end());
        out.insert(out.end(), t->tubes.begin(), t->tubes.end());
        out.insert(out.end(), t->assumedTubes.begin(), t->assumedTubes.end());
        out.insert(out.end(), t->outlines.begin(), t->outlines.end());
    }
    return out;
}

NetworkLod::BuiltLines NetworkLod::buildLines(const Tile& t, std::size_t level,
                                              double exaggeration) const {
    // Cluster in the exaggerated space, so that depth steps stay below a pixel there too. Level 0
    // clusters at 1 mm: exact, but segments share their end points (half the vertices to shade).
    std::vector<geom::SegmentRef> refs;
    refs.reserve(t.segments.size());
    for (auto i : t.segments) {
        const auto& s = segments_[i];
        refs.push_back({{s.a[0], s.a[1], s.a[2]}, {s.b[0], s.b[1], s.b[2]}});
    }
    const double cell = std::max(kCellSizes[level], 0.001);
    auto c = geom::clusterSegments(refs, cell, cell / std::max(1.0, exaggeration));
    if (level > 0) {
        // Straight runs of one colour become one segment (within half a cell).
        std::vector<std::uint32_t> colourKey;
        colourKey.reserve(c.segments.size());
        for (auto src : c.source) {
            const Segment& s = segments_[t.segments[src]];
            // Assumed depths keep their theme colour far away too (their bands are sub-pixel).
            const Rgb col = s.colour;
            colourKey.push_back((std::uint32_t(col.r) << 16) | (std::uint32_t(col.g) << 8) | col.b);
        }
        c = geom::simplifyRuns(c, colourKey, cell / 2);
    }
    LineBuilder lines;
    for (const auto& v : c.vertices) lines.point(v.x, v.y, v.z);  // index k is vertex k
    for (std::size_t k = 0; k < c.segments.size(); ++k) {
        const Segment& s = segments_[t.segments[c.source[k]]];
        lines.line(c.segments[k][0], c.segments[k][1], s.colour, s.feature);
    }
    return {lines.polyData(), lines.count()};
}

std::array<vtkSmartPointer<vtkPolyData>, 3> NetworkLod::buildTubes(const Tile& t,
                                                                   std::size_t cls) const {
    std::array<vtkSmartPointer<vtkPolyData>, 3> out;
    // 0: measured, 1: assumed depths, 2: outlines of proposed objects (white, a little wider).
    for (int pass : {0, 1, 2}) {
        // Consecutive segments of one feature form one polyline: joints without gaps.
        AxisBuilder axes;
        const Segment* prev = nullptr;
        for (auto i : t.segments) {
            const auto& s = segments_[i];
            if (diameterClass(s.radius) != cls) continue;
            if (pass < 2 ? s.assumed != (pass == 1) : !s.proposed) continue;
            const float r = pass < 2 ? s.radius : proposalOutlineRadius(s.radius);
            const Rgb c = pass < 2 ? s.colour : kProposalOutline;
            bool continues =
                prev && prev->feature == s.feature && std::equal(prev->b, prev->b + 3, s.a);
            if (!continues) {
                if (prev) axes.finish(prev->feature);
                axes.point(s.a[0], s.a[1], s.a[2], r, c);
            }
            axes.point(s.b[0], s.b[1], s.b[2], r, c);
            prev = &s;
        }
        if (prev) axes.finish(prev->feature);
        if (!axes.empty())
            out[static_cast<std::size_t>(pass)] = sweptTubes(axes.polyData(), pass == 1);
    }
    return out;
}

void NetworkLod::update(vtkRenderer* renderer) {
    drawn_ = 0;
    if (tiles_.empty()) return;
    const double e = tiles_.front()->lines[0]->GetScale()[2];
    LodView view(renderer);
    // What each tile shows this frame, and the levels that must be built for it.
    struct Choice {
        bool visible = false;
        std::size_t level = 0;
        std::array<bool, kClasses> tubes{};
    };
    struct Job {
        Tile* tile;
        std::size_t index;  // line level or diameter class
        bool tubes;
    };
    std::vector<Choice> choices(tiles_.size());
    std::vector<Job> jobs;
    for (std::size_t i = 0; i < tiles_.size(); ++i) {
        Tile& t = *tiles_[i];
        Choice& c = choices[i];
        view.setBox(t.bounds, e);
        c.visible = view.boxInView();
        if (!c.visible) continue;
        const double footprint = view.footprint() * coarsening_;
        c.level = coarsestLevel(kCellSizes, kCellPixels * footprint);
        // A level clustered for a larger exaggeration has finer depth cells and stays good;
        // one for a much smaller one would show depth steps (level 0 has none).
        const double builtFor = t.builtFor[c.level];
        if (builtFor == 0 || (c.level > 0 && e > 1.5 * builtFor))
            jobs.push_back({&t, c.level, false});
        for (std::size_t k = 0; k < kClasses; ++k) {
            c.tubes[k] = t.classCount[k] > 0 && t.maxDiameter[k] / footprint >= kTubePixels;
            if (c.tubes[k] && !t.tubesBuilt[k]) jobs.push_back({&t, k, true});
        }
    }
    // Build side by side, then hand the results to the actors here (VTK's actors and mappers
    // belong to this thread).
    std::vector<BuiltLines> lines(jobs.size());
    std::vector<std::array<vtkSmartPointer<vtkPolyData>, 3>> tubes(jobs.size());
    parallelFor(jobs.size(), [&](std::size_t j) {
        const Job& job = jobs[j];
        if (job.tubes)
            tubes[j] = buildTubes(*job.tile, job.index);
        else
            lines[j] = buildLines(*job.tile, job.index, e);
    });
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        Tile& t = *jobs[j].tile;
        const std::size_t k = jobs[j].index;
        if (jobs[j].tubes) {
            if (tubes[j][0]) t.tubes[k]->GetMapper()->SetInputDataObject(tubes[j][0]);
            if (tubes[j][1]) t.assumedTubes[k]->GetMapper()->SetInputDataObject(tubes[j][1]);
            if (tubes[j][2]) t.outlines[k]->GetMapper()->SetInputDataObject(tubes[j][2]);
            t.tubesBuilt[k] = true;
        } else {
            t.lines[k]->GetMapper()->SetInputDataObject(lines[j].lines);
            t.lines[k]->GetProperty()->LightingOff();
            t.lines[k]->GetProperty()->SetLineWidth(k == 0 ? 2.0f : 1.0f);
            t.lineCount[k] = lines[j].count;
            t.builtFor[k] = e;
        }
    }
    for (std::size_t i = 0; i < tiles_.size(); ++i) {
        Tile& t = *tiles_[i];
        const Choice& c = choices[i];
        for (std::size_t k = 0; k < kNetworkLevels; ++k)
            t.lines[k]->SetVisibility(c.visible && k == c.level);
        if (c.visible) drawn_ += t.lineCount[c.level];
        for (std::size_t k = 0; k < kClasses; ++k) {
            t.tubes[k]->SetVisibility(c.visible && c.tubes[k]);
            t.assumedTubes[k]->SetVisibility(c.visible && c.tubes[k]);
            t.outlines[k]->SetVisibility(c.visible && c.tubes[k]);
            if (c.visible && c.tubes[k]) drawn_ += t.classCount[k];
        }
    }
}

}  // namespace bz::render::detail
