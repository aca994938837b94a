// Broad phase, one unit of the clash pipeline (private to clash): which primitive pairs are near
// enough for their rule to matter. Two ways, one per use:
//  * a full run indexes the features being checked (a proposal: tens of thousands of segments)
//    and streams every indexed primitive (millions) past that small grid once, in parallel over
//    contiguous feature ranges;
//  * --self and the viewer's re-check of one moved feature query a grid over the indexed objects,
//    built once on first use.
// Either way each nearby primitive pair goes to the pair evaluation exactly once, and the pairs
// of objects it found are handed on per object.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <span>
#include <vector>

#include <bodemzicht/spatial/UniformGrid.h>

#include "PairEvaluation.h"

namespace bz::clash::detail {

class BroadPhase {
  public:
    // `indexed`: per feature, whether it is one of the objects the checked ones are checked
    // against (in the ground, usable).
    BroadPhase(const PairEvaluator& eval, const ClashOptions& options,
               std::vector<std::uint8_t> indexed);

    bool indexed(std::uint32_t feature) const { return mIndexed[feature]; }

    // Full run: every indexed object against the `checked` features, on `threads` workers.
    // `onPairs(pairs, worker)` gets, per indexed object, the accumulators of its pairs with
    // checked features. Returns the time spent building the grid (ms).
    double stream(
        const std::vector<std::uint32_t>& checked, unsigned threads,
        const std::function<void(std::span<const PairAccumulator>, unsigned)>& onPairs) const;

    // Per-thread scratch space for checkOne.
    struct Scratch {
        std::vector<std::uint32_t> primStamp, treeStamp, featureStamp, featureSlot;
        std::uint32_t primEpoch = 0, treeEpoch = 0, featureEpoch = 0;
        std::vector<PairAccumulator> pairs;
    };
    // One feature (moved by `off`) against the grid of indexed objects; its pairs in the order of
    // the indexed features. --self checks each pair of indexed objects once.
    void checkOne(std::uint32_t fb, core::Vec3 off, Scratch& scratch,
                  const std::function<void(std::span<const PairAccumulator>)>& onPairs) const;
    // The grid over the indexed objects, built on first use; its build time (ms).
    double ensureIndexedGrid() const;
    // Scratch sized for the grid, for the viewer's re-checks.
    Scratch& recheckScratch() const { return *mRecheckScratch; }

  private:
    struct PrimRef {
        std::uint32_t feature;
        std::uint32_t index;  // into capsules or extrusions
        bool capsule;
    };

    const PairEvaluator& mEval;
    const RuleLookup& mLookup;
    const ClashOptions& mOptions;
    const model::Dataset& mDs;
    std::vector<std::uint8_t> mIndexed;
    double mMaxBand = 0;  // the widest depth band of an indexed primitive
    double mMaxPlan = 0;  // the largest horizontal accuracy of an indexed object
    // Reach of a checked object's theme into the main grid and the tree grid; a checked tree's
    // reach into the main grid.
    std::vector<double> mReachMain, mReachTrees;
    double mReachForTrees = 0;
    // The indexed objects' grids (trees apart: the tree rule reaches 2.5 m, which would otherwise
    // widen every query of every network), built by ensureIndexedGrid.
    mutable std::mutex mGridMutex;
    mutable bool mGridBuilt = false;
    mutable double mGridMs = 0;
    mutable std::vector<PrimRef> mPrims, mTreePrims;
    mutable spatial::UniformGrid mGrid, mTreeGrid;
    mutable std::unique_ptr<Scratch> mRecheckScratch;
};

}  // namespace bz::clash::detail
