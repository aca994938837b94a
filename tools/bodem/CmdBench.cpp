// `bodem bench`: the benchmarks behind docs/performance.md. Districts are generated in memory
// (bodem sample's generator), so the figures are reproducible with one command.
#include <bodemzicht/clash/ClashDetector.h>
#include <bodemzicht/design/CrossSection.h>
#include <bodemzicht/design/MeasureEditor.h>
#include <bodemzicht/design/StreetProfile.h>
#include <bodemzicht/io/ProjectImport.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/model/DatasetCopy.h>
#include <bodemzicht/sample/SampleDistrict.h>
#include <bodemzicht/sample/SampleInspections.h>
#include <bodemzicht/sewer/ObservationPlacement.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "Commands.h"
#include "ReportPictures.h"

namespace bz::tools {

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Blocks per side that give about `segments` network segments (~615 per block).
int blocksFor(double segments) {
    return std::max(1, static_cast<int>(std::lround(std::sqrt(segments / 615.0))));
}

// Proposed features, in id order, up to about `budget` segments (the benchmark's proposal).
std::vector<std::uint32_t> proposalWithin(const model::Dataset& ds, std::size_t budget,
                                          std::size_t& segments) {
    std::vector<std::uint32_t> all;
    for (std::uint32_t i = 0; i < ds.features.size(); ++i)
        if (ds.features[i].status == model::ObjectStatus::Proposed) all.push_back(i);
    std::vector<std::uint32_t> out;
    segments = 0;
    for (auto i : all) {
        const auto& f = ds.features[i];
        std::size_t n =
            f.kind() == model::GeometryKind::Linear ? ds.linears[f.geometry].vertexCount - 1 : 1;
        if (segments + n > budget) break;
        segments += n;
        out.push_back(i);
    }
    return out;
}

int benchClash(const std::vector<double>& sizes, std::size_t proposalBudget, unsigned threads,
               int rechecks) {
    std::printf("%-9s %9s %8s %8s %8s %8s %8s %9s %8s %7s %9s %11s\n", "target", "segments",
                "proposal", "model_ms", "index_ms", "query_ms", "idx+q_ms", "report_ms", "total_ms",
                "clashes", "grid_ms", "recheck_ms");
    for (double target : sizes) {
        sample::SampleOptions o;
        o.blocks = blocksFor(target);
        o.heatStreetEvery = 1;  // dense proposal, capped at the budget below
        model::Dataset ds = sample::generateDistrict(o);
        std::size_t proposalSegments = 0;
        auto proposal = proposalWithin(ds, proposalBudget, proposalSegments);
        model::GroundLevel ground;
        auto t0 = Clock::now();
        clash::ClashModel model(ds, clash::RuleSet::dutchDefault(), ground);
        double modelMs = msSince(t0);
        clash::ClashOptions options;
        options.threads = threads;
        options.onlyFeatures = proposal;
        auto t1 = Clock::now();
        clash::ClashDetector detector(model, clash::RuleSet::dutchDefault(), options);
        auto report = detector.findClashes();
        double totalMs = msSince(t1);
        double indexMs = report.timings.indexMs, queryMs = report.timings.queryMs;
        double reportMs = report.timings.reportMs;
        double gridMs = detector.indexBuildMs();  // the existing-object grid for re-checks
        // Re-check single moved features, as the viewer does while dragging.
        double worst = 0, total = 0;
        int n = 0;
        for (int k = 0; k < rechecks && !proposal.empty(); ++k) {
            std::uint32_t f = proposal[(k * 7919u) % proposal.size()];
            auto t3 = Clock::now();
            if (std::getenv("BZ_ONLY")) {
                auto o = ds.find(std::getenv("BZ_ONLY"));
                if (o) f = *o;
            }
            auto clashes = detector.checkFeature(f, {0.25 * (k % 4), -0.1 * (k % 3), 0.05});
            if (std::getenv("BZ_ONLY") && k == 0)
                for (auto& c : clashes)
                    std::fprintf(stderr, "%s %s %s %s p=%.3f\n", c.aId.c_str(), c.aTheme.c_str(),
                                 std::string(clash::toCode(c.kind)).c_str(),
                                 std::string(clash::toCode(c.certainty)).c_str(), c.probability);
            double e = msSince(t3);
            worst = std::max(worst, e);
            total += e;
            ++n;
        }
        std::printf("%-9.0f %9zu %8zu %8.1f %8.1f %8.1f %8.1f %9.1f %8.1f %7zu %9.1f %5.2f/%5.2f\n",
                    target, ds.segmentCount(), proposalSegments, modelMs, indexMs, queryMs,
                    indexMs + queryMs, reportMs, totalMs, report.clashes.size(), gridMs,
                    n ? total / n : 0.0, worst);
        std::fflush(stdout);
    }
    std::printf(
        "index_ms: proposal grid; query_ms: streaming broad phase and exact narrow phase (which\n"
        "pairs clash, distances, closest points, uncertainty bands); report_ms: report rows (ids,\n"
        "owners, rules, violated lengths, groups, order); total_ms: detector set-up + "
        "findClashes;\n"
        "grid_ms: grid over the existing objects (built once for re-checks); recheck_ms: mean/max\n"
        "of single proposed features moved and re-checked\n");
    return 0;
}

int benchStore(double target, const std::string& dir) {
    sample::SampleOptions o;
    o.blocks = blocksFor(target);
    model::Dataset ds = sample::generateDistrict(o);
    std::filesystem::create_directories(dir);
    std::string path = (std::filesystem::path(dir) / "bench_store.gpkg").string();
    auto t0 = Clock::now();
    if (auto ok = io::writeProject(ds, path); !ok) {
        std::fprintf(stderr, "bodem bench: %s\n", ok.error().toString().c_str());
        return 1;
    }
    double writeMs = msSince(t0);
    io::ImportReport report;
    auto t1 = Clock::now();
    auto loaded = io::readProject(path, report);
    double readMs = msSince(t1);
    if (!loaded) {
        std::fprintf(stderr, "bodem bench: %s\n", loaded.error().toString().c_str());
        return 1;
    }
    std::size_t segs = loaded->segmentCount();
    std::printf(
        "segments %zu, features %zu: write %.0f ms, load %.0f ms, geometry %.1f bytes/segment, "
        "file %.1f MB\n",
        segs, loaded->features.size(), writeMs, readMs,
        static_cast<double>(loaded->geometryBytes()) / segs,
        std::filesystem::file_size(path) / 1e6);
    std::filesystem::remove(path);
    return 0;
}

// A municipality's yearly inspections: `pipes` pipes of a generated sewer register, about
// `perPipe` observations each, written as RIBX and imported into the register's project.
int benchRibx(std::size_t pipes, double perPipe, const std::string& dir, bool wholeDistrict) {
    sample::SampleOptions o;
    // Main sewer pipes of a b x b district: 2 b (b + 1).
    int blocks = 1;
    while (2.0 * blocks * (blocks + 1) < static_cast<double>(pipes)) ++blocks;
    o.blocks = blocks;
    o.inspectedShare = 0;
    model::Dataset district = sample::generateDistrict(o);
    model::Dataset project;
    std::size_t available = 0;
    model::appendDataset(district, project, [&](std::uint32_t i) {
        const auto& f = district.features[i];
        const bool sewer =
            f.type == model::ObjectType::SewerPipe || f.type == model::ObjectType::Manhole;
        if (f.type == model::ObjectType::SewerPipe && district.sewerOf(f) &&
            !district.sewerOf(f)->beginNode.empty())
            ++available;
        return wholeDistrict || sewer;
    });
    std::filesystem::create_directories(dir);
    const std::string path = (std::filesystem::path(dir) / "bench_ribx.gpkg").string();
    const std::string ribx = (std::filesystem::path(dir) / "bench_inspections.ribx").string();
    if (auto ok = io::writeProject(project, path); !ok) {
        std::fprintf(stderr, "bodem bench: %s\n", ok.error().toString().c_str());
        return 1;
    }
    sample::InspectionOptions io;
    io.share = std::min(1.0, static_cast<double>(pipes) / std::max<std::size_t>(available, 1));
    // Defects plus inclination measurements along each pipe.
    io.defectsPerPipe = 4;
    io.inclinationStepM = 0;
    io.inclinationCount = static_cast<int>(std::max(0.0, perPipe - 6));  // + 2 nodes + ~4 defects
    auto t0 = Clock::now();
    auto counts = sample::writeSampleInspections(district, ribx, io);
    const double generateMs = msSince(t0);
    if (!counts) {
        std::fprintf(stderr, "bodem bench: %s\n", counts.error().toString().c_str());
        return 1;
    }
    model::Dataset read;
    io::ImportReport readReport;
    io::ReadOptions options;
    options.format = "ribx";
    auto t1 = Clock::now();
    if (auto ok = io::readSource(ribx, options, read, readReport); !ok) {
        std::fprintf(stderr, "bodem bench: %s\n", ok.error().toString().c_str());
        return 1;
    }
    const double readMs = msSince(t1);
    io::ImportRequest request;
    request.sources = {ribx};
    request.append = true;
    io::ImportReport report;
    auto t2 = Clock::now();
    auto outcome = io::importIntoProject(path, request, report);
    const double importMs = msSince(t2);
    if (!outcome) {
        std::fprintf(stderr, "bodem bench: %s\n", outcome.error().toString().c_str());
        return 1;
    }
    io::ImportReport loadReport;
    auto t3 = Clock::now();
    auto loaded = io::readProject(path, loadReport);
    const double loadMs = msSince(t3);
    if (!loaded) return 1;
    auto t4 = Clock::now();
    auto placed = sewer::placeObservations(*loaded, {});
    const double placeMs = msSince(t4);
    std::printf("project: %zu features (%s), %zu network segments\n", project.features.size(),
                wholeDistrict ? "the whole district" : "the sewer register",
                project.segmentCount());
    std::printf(
        "inspections: %zu pipes, %zu manholes, %zu observations, %.1f MB RIBX (written in %.0f "
        "ms)\n",
        counts->pipes, counts->manholes, counts->observations,
        std::filesystem::file_size(ribx) / 1e6, generateMs);
    std::printf(
        "read RIBX: %.0f ms; import (read, link, classify, write): %.0f ms; %zu linked, %zu "
        "unplaced\n",
        readMs, importMs, outcome->inspectionsLinked, outcome->inspectionsUnplaced);
    const auto& t = outcome->timings;
    std::printf(
        "  import phases: read sources %.0f ms, read project + merge %.0f ms, link + classify "
        "%.0f ms, write %.0f ms\n",
        t.readSourcesMs, t.readProjectMs, t.mergeMs, t.writeMs);
    std::printf("load project: %.0f ms; place %zu defect markers: %.0f ms\n", loadMs, placed.size(),
                placeMs);
    std::printf("project file: %.1f MB (%s)\n", std::filesystem::file_size(path) / 1e6,
                path.c_str());
    return 0;
}

// Cross-sections across the streets of generated districts: the time of one section (cut,
// ground, GHG and GLG sampled, deviations checked), over a section across every street.
int benchSection(const std::vector<double>& sizes) {
    std::printf("%-9s %9s %9s %10s %10s %10s %11s\n", "target", "segments", "sections", "mean_ms",
                "max_ms", "cuts_mean", "deviations");
    for (double target : sizes) {
        sample::SampleOptions o;
        o.blocks = blocksFor(target);
        auto ds = sample::generateDistrict(o);
        model::GroundLevel ground(24.0), ghg(23.2), glg(22.1);
        std::vector<double> times;
        std::size_t cuts = 0, deviating = 0;
        // Across every east-west street at the middle of each block: facade to facade.
        for (int i = 0; i < o.blocks; ++i)
            for (int j = 1; j < o.blocks; ++j) {
                const double x = o.origin.x + i * 96.0 + 48, y = o.origin.y + j * 72.0;
                const auto t0 = Clock::now();
                auto section = design::cutSection(ds, {{x, y + 6}, {x, y - 6}}, ground, &ghg, &glg);
                auto deviations =
                    design::checkAgainstProfile(section, design::StreetProfile::shipped());
                times.push_back(msSince(t0));
                cuts += section.cuts.size();
                deviating += deviations.size();
            }
        if (times.empty()) continue;
        double mean = 0, worst = 0;
        for (double t : times)
            mean += t / static_cast<double>(times.size()), worst = std::max(worst, t);
        std::printf("%-9.0f %9zu %9zu %10.2f %10.2f %10.1f %11zu\n", target, ds.segmentCount(),
                    times.size(), mean, worst,
                    static_cast<double>(cuts) / static_cast<double>(times.size()), deviating);
    }
    return 0;
}

// The viewer's live editing: a heat network of 100 m drawn along a street in the middle of the
// district, its end dragged `drags` times by up to half a metre; each drag step rebuilds the
// measures' objects, re-checks the moved one with the clash core and updates the clash list.
int benchEdit(const std::vector<double>& sizes, int drags) {
    std::printf("%-9s %9s %9s %9s %9s %9s %9s %10s %8s\n", "target", "segments", "setup_ms",
                "mean_ms", "median_ms", "p95_ms", "max_ms", "neighbours", "clashes");
    for (double target : sizes) {
        sample::SampleOptions o;
        o.blocks = blocksFor(target);
        auto ds = sample::generateDistrict(o);
        const int mid = std::max(1, o.blocks / 2);
        const double y = o.origin.y + mid * 72.0 + 1.0, x = o.origin.x + mid * 96.0 + 10;
        // The sample's ground there (it slopes across a large district).
        const model::GroundLevel ground(sample::sampleGroundLevel(o, x + 50, y));
        const auto t0 = Clock::now();
        design::MeasureEditor editor(ds, clash::RuleSet::dutchDefault(), ground);
        const double setup = msSince(t0);
        auto m = design::defaultMeasure(design::MeasureKind::HeatNetwork);
        m.points = {{x, y}, {x + 50, y + 0.5}, {x + 100, y}};
        if (auto ok = editor.add(m); !ok) {
            std::fprintf(stderr, "bodem bench edit: %s\n", ok.error().toString().c_str());
            return 1;
        }
        m = editor.measures()[0];
        std::vector<double> times;
        std::size_t clashes = 0;
        editor.beginDrag();
        for (int k = 0; k < drags; ++k) {
            m.points[1] = {x + 50 + 0.5 * std::sin(k * 0.37), y + 0.5 + 0.5 * std::cos(k * 0.23)};
            const auto t = Clock::now();
            if (auto ok = editor.drag(0, m); !ok) return 1;
            clashes += editor.clashes().size();
            times.push_back(msSince(t));
        }
        editor.endDrag();
        std::sort(times.begin(), times.end());
        double mean = 0;
        for (double t : times) mean += t / static_cast<double>(times.size());
        std::printf("%-9.0f %9zu %9.1f %9.2f %9.2f %9.2f %9.2f %10zu %8.1f\n", target,
                    ds.segmentCount(), setup, mean, times[times.size() / 2],
                    times[times.size() * 95 / 100], times.back(), editor.lastNeighbourCount(),
                    static_cast<double>(clashes) / static_cast<double>(times.size()));
    }
    return 0;
}

}  // namespace

Runner registerBench(CLI::App& app) {
    struct Args {
        std::string what;
        std::vector<double> sizes{1e5, 1e6, 1e7};
        std::size_t proposal = 40000;
        unsigned threads = 0;
        int rechecks = 200;
        std::string dir = "/tmp";
        std::size_t pipes = 5000;
        double perPipe = 40;
        bool wholeDistrict = false;
    };
    auto a = std::make_shared<Args>();
    auto* cmd =
        app.add_subcommand("bench",
                           "Benchmarks: clash (index + queries), store (write/load), "
                           "ribx (a year's sewer inspections imported), section (cross-sections), "
                           "edit (the viewer's live re-check while dragging a measure)");
    cmd->add_option("WHAT", a->what, "clash, store, ribx, section, edit or soil")
        ->required()
        ->check(CLI::IsMember({"clash", "store", "ribx", "section", "edit", "soil"}));
    cmd->add_option("--pipes", a->pipes, "ribx: inspected pipes");
    cmd->add_option("--observations-per-pipe", a->perPipe, "ribx: observations per pipe (about)");
    cmd->add_flag("--whole-district", a->wholeDistrict,
                  "ribx: import into the whole generated district, not only its sewer register");
    cmd->add_option("--segments", a->sizes, "District sizes in network segments");
    cmd->add_option("--proposal", a->proposal, "Proposal size in segments");
    cmd->add_option("--threads", a->threads, "Worker threads (default: all cores)");
    cmd->add_option("--rechecks", a->rechecks,
                    "Single-feature re-checks (edit: drag steps) to time");
    cmd->add_option("--dir", a->dir, "Scratch folder for the store benchmark");
    return [a] {
        if (a->what == "clash") return benchClash(a->sizes, a->proposal, a->threads, a->rechecks);
        if (a->what == "ribx") return benchRibx(a->pipes, a->perPipe, a->dir, a->wholeDistrict);
        if (a->what == "section") return benchSection(a->sizes);
        if (a->what == "edit") return benchEdit(a->sizes, a->rechecks);
        if (a->what == "soil") return benchSoil();
        return benchStore(a->sizes.size() == 3 ? 1e6 : a->sizes.front(), a->dir);
    };
}

}  // namespace bz::tools
