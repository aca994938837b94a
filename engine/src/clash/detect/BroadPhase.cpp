#include "BroadPhase.h"

#include <bodemzicht/core/ThreadPool.h>

#include <algorithm>
#include <atomic>
#include <chrono>

namespace bz::clash::detail {

using model::Feature;
using model::ObjectType;

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

}  // namespace

BroadPhase::BroadPhase(const PairEvaluator& eval, const ClashOptions& options,
                       std::vector<std::uint8_t> indexed)
    : mEval(eval),
      mLookup(eval.lookup()),
      mOptions(options),
      mDs(eval.dataset()),
      mIndexed(std::move(indexed)) {
    const auto& m = eval.model();
    for (std::uint32_t fi = 0; fi < mDs.features.size(); ++fi) {
        if (!mIndexed[fi]) continue;
        eval.forEachPrim(fi, [&](bool cap, std::uint32_t i) {
            mMaxBand = std::max(mMaxBand, eval.primBand(cap, i));
        });
        mMaxPlan = std::max(mMaxPlan, eval.horizontalBand(fi));
    }
    (void)m;
    // How far each checked theme's queries must reach: the largest distance its rules ask from
    // any theme that is indexed, separately for the tree grid.
    const std::size_t n = mLookup.themeCount();
    std::vector<std::uint8_t> inMain(n), inTrees(n);
    for (std::uint32_t fi = 0; fi < mDs.features.size(); ++fi)
        if (mIndexed[fi])
            (mDs.features[fi].type == ObjectType::Tree ? inTrees
                                                       : inMain)[mLookup.slot(mDs.features[fi])] =
                1;
    mReachMain.assign(n, 0);
    mReachTrees.assign(n, 0);
    const double tree = mLookup.treeDistance();
    for (std::size_t b = 0; b < n; ++b) {
        for (std::size_t a = 0; a < n; ++a) {
            const double req = mLookup.reach(a, b);
            if (inMain[a]) mReachMain[b] = std::max(mReachMain[b], req);
            if (inTrees[a]) mReachTrees[b] = std::max(mReachTrees[b], req);
        }
        if (mLookup.treeTheme(b)) mReachTrees[b] = std::max(mReachTrees[b], tree);
    }
    // A checked tree reaches indexed networks by the tree distance.
    if (n) mReachForTrees = tree;
}

double BroadPhase::ensureIndexedGrid() const {
    std::lock_guard lock(mGridMutex);
    if (mGridBuilt) return mGridMs;
    auto t0 = Clock::now();
    std::vector<core::Bounds3> boxes, treeBoxes;
    for (std::uint32_t fi = 0; fi < mDs.features.size(); ++fi) {
        if (!mIndexed[fi]) continue;
        const bool tree = mDs.features[fi].type == ObjectType::Tree;
        auto& refs = tree ? mTreePrims : mPrims;
        auto& bx = tree ? treeBoxes : boxes;
        mEval.forEachPrim(fi, [&](bool cap, std::uint32_t i) {
            refs.push_back({fi, i, cap});
            bx.push_back(mEval.primBounds(cap, i));
        });
    }
    mGrid = spatial::UniformGrid(boxes, {0.0, mOptions.threads});
    mTreeGrid = spatial::UniformGrid(treeBoxes, {0.0, mOptions.threads});
    // The re-check scratch space is sized now, so the first drag does not pay for it.
    mRecheckScratch = std::make_unique<Scratch>();
    mRecheckScratch->primStamp.assign(mPrims.size(), 0);
    mRecheckScratch->treeStamp.assign(mTreePrims.size(), 0);
    mRecheckScratch->featureStamp.assign(mDs.features.size(), 0);
    mRecheckScratch->featureSlot.assign(mDs.features.size(), 0);
    mGridMs = msSince(t0);
    mGridBuilt = true;
    return mGridMs;
}

void BroadPhase::checkOne(
    std::uint32_t fb, core::Vec3 off, Scratch& sc,
    const std::function<void(std::span<const PairAccumulator>)>& onPairs) const {
    const auto& b = mDs.features[fb];
    if (!mEval.model().shapes()[fb].usable) return;
    const std::size_t slotB = mLookup.slot(b);
    double reach = mReachMain[slotB], reachTree = mReachTrees[slotB];
    if (b.type == ObjectType::Tree) reach = std::max(reach, mReachForTrees);
    if (sc.featureStamp.size() < mDs.features.size()) {
        sc.featureStamp.assign(mDs.features.size(), 0);
        sc.featureSlot.assign(mDs.features.size(), 0);
    }
    if (++sc.featureEpoch == 0) {
        std::fill(sc.featureStamp.begin(), sc.featureStamp.end(), 0);
        sc.featureEpoch = 1;
    }
    sc.pairs.clear();
    auto visitor = [&](const std::vector<PrimRef>& refs, bool bCap, std::uint32_t bi,
                       const core::Bounds3& bBox) {
        return [&, bCap, bi](std::uint32_t p) {
            const PrimRef& ref = refs[p];
            const std::uint32_t fa = ref.feature;
            if (fa == fb || (mOptions.selfCheck && fa > fb)) return;  // self: each pair once
            if (sc.featureStamp[fa] != sc.featureEpoch) {
                sc.featureStamp[fa] = sc.featureEpoch;
                PairRule rule = mLookup.ruleFor(mDs.features[fa], b);
                if (rule.mode == Mode::Skip) {
                    sc.featureSlot[fa] = ~0u;
                    return;
                }
                sc.featureSlot[fa] = static_cast<std::uint32_t>(sc.pairs.size());
                sc.pairs.push_back({});
                sc.pairs.back().fa = fa;
                sc.pairs.back().fb = fb;
                sc.pairs.back().rule = rule;
            }
            const std::uint32_t slot = sc.featureSlot[fa];
            if (slot == ~0u) return;
            mEval.accumulate(sc.pairs[slot], ref.capsule, ref.index, bCap, bi, bBox, off);
        };
    };
    mEval.forEachPrim(fb, [&](bool bCap, std::uint32_t bi) {
        auto bBox = mEval.primBounds(bCap, bi, off);
        const double pad =
            mEval.primBand(bCap, bi) + mMaxBand + mEval.horizontalBand(fb) + mMaxPlan + 0.01;
        mGrid.query(bBox.inflated(reach + pad), sc.primStamp, sc.primEpoch,
                    visitor(mPrims, bCap, bi, bBox));
        if (mTreeGrid.primitiveCount())
            mTreeGrid.query(bBox.inflated(reachTree + pad), sc.treeStamp, sc.treeEpoch,
                            visitor(mTreePrims, bCap, bi, bBox));
    });
    std::sort(sc.pairs.begin(), sc.pairs.end(),
              [](const PairAccumulator& x, const PairAccumulator& y) { return x.fa < y.fa; });
    onPairs(sc.pairs);
}

double BroadPhase::stream(
    const std::vector<std::uint32_t>& checked, unsigned threads,
    const std::function<void(std::span<const PairAccumulator>, unsigned)>& onPairs) const {
    auto t0 = Clock::now();
    const std::size_t n = mLookup.themeCount();
    std::vector<PrimRef> refs;
    std::vector<core::Bounds3> boxes;
    std::vector<std::uint8_t> checkedTheme(n, 0);
    bool checkedTrees = false;
    double maxCheckedBand = 0, maxCheckedPlan = 0;
    for (std::uint32_t fb : checked) {
        if (!mEval.model().shapes()[fb].usable) continue;
        maxCheckedPlan = std::max(maxCheckedPlan, mEval.horizontalBand(fb));
        checkedTheme[mLookup.slot(mDs.features[fb])] = 1;
        checkedTrees |= mDs.features[fb].type == ObjectType::Tree;
        mEval.forEachPrim(fb, [&](bool cap, std::uint32_t i) {
            refs.push_back({fb, i, cap});
            boxes.push_back(mEval.primBounds(cap, i));
            maxCheckedBand = std::max(maxCheckedBand, mEval.primBand(cap, i));
        });
    }
    spatial::UniformGrid grid(boxes, {0.0, threads});
    // Reach of each indexed theme toward the checked features' themes.
    const double tree = mLookup.treeDistance();
    std::vector<double> reachA(n, 0.0), reachTreeA(n, 0.0);
    for (std::size_t a = 0; a < n; ++a) {
        for (std::size_t b = 0; b < n; ++b) {
            if (!checkedTheme[b]) continue;
            reachA[a] = std::max(reachA[a], mLookup.reach(a, b));
            if (mLookup.treeTheme(b)) reachTreeA[a] = std::max(reachTreeA[a], tree);
        }
        reachTreeA[a] = std::max(reachTreeA[a], reachA[a]);
        if (checkedTrees && mLookup.treeTheme(a)) reachA[a] = std::max(reachA[a], tree);
    }
    const double buildMs = msSince(t0);
    if (refs.empty()) return buildMs;

    const auto nf = static_cast<std::uint32_t>(mDs.features.size());
    // Chunks of consecutive features handed out on demand: the work is where the proposal is.
    constexpr std::uint32_t kChunk = 1024;
    std::atomic<std::uint32_t> nextChunk{0};
    core::ThreadPool::shared().run(threads, [&](unsigned t) {
        std::vector<std::uint32_t> stamp, fbStamp(nf, 0), fbSlot(nf, 0);
        std::uint32_t epoch = 0, fbEpoch = 0;
        std::vector<PairAccumulator> pairs;
        for (;;) {
            const std::uint32_t begin = nextChunk.fetch_add(kChunk);
            if (begin >= nf) break;
            const std::uint32_t end = std::min(nf, begin + kChunk);
            for (std::uint32_t fa = begin; fa < end; ++fa) {
                if (!mIndexed[fa]) continue;
                const Feature& a = mDs.features[fa];
                const std::size_t slotA = mLookup.slot(a);
                const double reach =
                    (a.type == ObjectType::Tree ? reachTreeA[slotA] : reachA[slotA]) +
                    mEval.horizontalBand(fa) + maxCheckedPlan;
                if (++fbEpoch == 0) {
                    std::fill(fbStamp.begin(), fbStamp.end(), 0);
                    fbEpoch = 1;
                }
                pairs.clear();
                mEval.forEachPrim(fa, [&](bool aCap, std::uint32_t ai) {
                    auto q = mEval.primBounds(aCap, ai).inflated(reach + mEval.primBand(aCap, ai) +
                                                                 maxCheckedBand + 0.01);
                    grid.query(q, stamp, epoch, [&](std::uint32_t p) {
                        const PrimRef& ref = refs[p];
                        const std::uint32_t fb = ref.feature;
                        if (fbStamp[fb] != fbEpoch) {
                            fbStamp[fb] = fbEpoch;
                            PairRule rule = mLookup.ruleFor(a, mDs.features[fb]);
                            if (rule.mode == Mode::Skip) {
                                fbSlot[fb] = ~0u;
                                return;
                            }
                            fbSlot[fb] = static_cast<std::uint32_t>(pairs.size());
                            pairs.push_back({});
                            pairs.back().fa = fa;
                            pairs.back().fb = fb;
                            pairs.back().rule = rule;
                        }
                        if (fbSlot[fb] == ~0u) return;
                        mEval.accumulate(pairs[fbSlot[fb]], aCap, ai, ref.capsule, ref.index,
                                         boxes[p], {});
                    });
                });
                if (!pairs.empty()) onPairs(pairs, t);
            }
        }
    });
    return buildMs;
}

}  // namespace bz::clash::detail
