// The clash detector: a pipeline of separate units (docs/clash.md, docs/architecture.md):
//   RuleLookup      which rule judges a pair and how far rules reach (detect/RuleLookup)
//   BroadPhase      which primitive pairs are near enough (detect/BroadPhase)
//   PairEvaluator   exact distances accumulated per pair of objects (detect/PairEvaluation)
//   passes          one rule family each, asked per pair or run over the dataset (passes/)
// then the report: rows ordered by id and grouped.
#include <bodemzicht/clash/ClashDetector.h>

#include <bodemzicht/core/Limits.h>
#include <bodemzicht/core/ThreadPool.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "detect/BroadPhase.h"
#include "detect/PairEvaluation.h"
#include "detect/RuleLookup.h"
#include "passes/ClashPass.h"

namespace bz::clash {

using model::ObjectStatus;

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// The objects everything is checked against: in the ground (or the owners' plans when asked
// for), with geometry; never what was removed.
std::vector<std::uint8_t> indexedFeatures(const ClashModel& m, const ClashOptions& opt) {
    const auto& ds = m.dataset();
    std::vector<std::uint8_t> indexed(ds.features.size(), 0);
    for (std::uint32_t fi = 0; fi < ds.features.size(); ++fi) {
        const auto& f = ds.features[fi];
        const bool planned = f.status == ObjectStatus::PlannedByOwner && opt.includePlanned;
        indexed[fi] = m.shapes()[fi].usable && (model::inTheGround(f.status) || planned);
    }
    return indexed;
}

}  // namespace

struct ClashDetector::Impl {
    const ClashModel& m;
    const RuleSet& rules;
    const ClashOptions opt;
    const model::Dataset& ds;
    detail::RuleLookup lookup;
    detail::PairEvaluator eval;
    detail::BroadPhase broad;
    std::vector<std::unique_ptr<detail::ClashPass>> passes;
    detail::PassContext context;
    mutable std::mutex recheckMutex;

    Impl(const ClashModel& model, const RuleSet& r, ClashOptions o)
        : m(model),
          rules(r),
          opt(std::move(o)),
          ds(model.dataset()),
          lookup(ds, rules, opt),
          eval(m, lookup, rules, opt),
          broad(eval, opt, indexedFeatures(m, opt)),
          passes(detail::makePasses(opt)),
          context{ds, m, rules, opt, lookup, eval} {}

    // Would any pass report this pair? (Cheap: decided from the accumulated minima.)
    bool reported(const detail::PairAccumulator& acc) const {
        for (const auto& p : passes)
            if (p->reports(context, acc)) return true;
        return false;
    }
    // The pair's clash: the first pass that reports it decides.
    void judge(std::span<const detail::PairAccumulator> pairs, core::Vec3 off,
               std::vector<Clash>& out) const {
        for (const auto& acc : pairs)
            for (const auto& p : passes)
                if (p->reports(context, acc)) {
                    if (auto c = p->judge(context, acc, off)) out.push_back(std::move(*c));
                    break;
                }
    }
};

ClashDetector::ClashDetector(const ClashModel& model, const RuleSet& rules, ClashOptions options)
    : d(std::make_unique<Impl>(model, rules, std::move(options))) {}
ClashDetector::~ClashDetector() = default;

double ClashDetector::indexBuildMs() const {
    return d->broad.ensureIndexedGrid();
}

std::vector<std::string> ClashDetector::passNames() const {
    std::vector<std::string> names;
    for (const auto& p : d->passes) names.emplace_back(p->name());
    return names;
}

ClashReport ClashDetector::findClashes() const {
    ClashReport report;
    auto t0 = Clock::now();
    const auto& ds = d->ds;
    std::vector<std::uint32_t> todo;
    if (d->opt.onlyFeatures) {
        todo = *d->opt.onlyFeatures;
    } else {
        for (std::uint32_t i = 0; i < ds.features.size(); ++i) {
            const bool proposed = ds.features[i].status == ObjectStatus::Proposed;
            if (d->opt.selfCheck ? !proposed && d->broad.indexed(i) : proposed) todo.push_back(i);
        }
    }
    for (std::uint32_t i = 0; i < ds.features.size(); ++i)
        if (d->broad.indexed(i)) {
            ++report.existingIndexed;
            report.segmentsIndexed += d->m.shapes()[i].capsuleCount + d->m.shapes()[i].extrusionCount;
        }
    report.proposedChecked = todo.size();
    for (std::uint32_t fb : todo)
        if (!d->m.shapes()[fb].usable) ++report.proposedUnusable;
    for (std::uint32_t i = 0; i < ds.features.size(); ++i)
        if (!d->m.shapes()[i].usable) report.uncheckedFeatures.push_back(i);
    const unsigned threads = std::min<unsigned>(
        d->opt.threads ? d->opt.threads : std::max(1u, std::thread::hardware_concurrency()),
        static_cast<unsigned>(core::limits().threads));
    std::vector<std::vector<Clash>> perThread(threads);
    if (d->opt.selfCheck) {
        // Indexed against indexed: every one queries the grid over all of them.
        report.timings.indexMs = d->broad.ensureIndexedGrid();
        auto tq = Clock::now();
        core::ThreadPool::shared().run(threads, [&](unsigned t) {
            detail::BroadPhase::Scratch scratch;
            for (std::size_t k = t; k < todo.size(); k += threads)
                d->broad.checkOne(todo[k], {}, scratch,
                                  [&](std::span<const detail::PairAccumulator> pairs) {
                                      d->judge(pairs, {}, perThread[t]);
                                  });
        });
        report.timings.queryMs = msSince(tq);
    } else {
        // Report rows are built inside the query threads (cache-warm); their time, measured per
        // thread, counts as report time, the rest of the stream as query time.
        std::vector<double> rowsMs(threads, 0.0);
        report.timings.indexMs =
            d->broad.stream(todo, threads,
                            [&](std::span<const detail::PairAccumulator> pairs, unsigned t) {
                                if (std::none_of(pairs.begin(), pairs.end(), [&](const auto& acc) {
                                        return d->reported(acc);
                                    }))
                                    return;
                                auto tf = Clock::now();
                                d->judge(pairs, {}, perThread[t]);
                                rowsMs[t] += msSince(tf);
                            });
        double rows = 0;
        for (double r : rowsMs) rows += r / threads;
        report.timings.queryMs = msSince(t0) - report.timings.indexMs - rows;
        for (const auto& v : perThread) report.pairsDetected += v.size();
    }
    // The feature passes: rules about one object and a level, or between wells.
    std::vector<Clash> featureClashes;
    for (const auto& p : d->passes) p->run(d->context, featureClashes, report.notes);
    perThread.push_back(std::move(featureClashes));
    // Sort pointers by id, then move every clash once into place (a Clash holds many strings).
    // Ids are "C" + 12 hex digits: their numeric value sorts like the text, without touching the
    // clashes themselves (cache misses) during the sort.
    std::vector<std::pair<std::uint64_t, Clash*>> order;
    for (auto& v : perThread)
        for (auto& c : v) order.push_back({std::strtoull(c.id.c_str() + 1, nullptr, 16), &c});
    std::sort(order.begin(), order.end(), [](const auto& x, const auto& y) {
        return x.first != y.first ? x.first < y.first : x.second->id < y.second->id;
    });
    report.clashes.reserve(order.size());
    for (auto& [key, c] : order) report.clashes.push_back(std::move(*c));
    groupClashes(report.clashes, d->opt.groupRadiusM);
    report.timings.reportMs = msSince(t0) - report.timings.indexMs - report.timings.queryMs;
    for (const auto& n : d->m.notes()) report.notes.push_back(n);
    return report;
}

std::vector<Clash> ClashDetector::checkFeature(std::uint32_t feature, core::Vec3 offset) const {
    std::vector<Clash> out;
    d->broad.ensureIndexedGrid();
    std::lock_guard lock(d->recheckMutex);
    d->broad.checkOne(feature, offset, d->broad.recheckScratch(),
                      [&](std::span<const detail::PairAccumulator> pairs) {
                          d->judge(pairs, offset, out);
                      });
    return out;
}

}  // namespace bz::clash
