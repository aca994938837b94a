// The one table of clash passes, in the order pair passes are asked (the first that reports a pair
// decides it): data-quality overlaps and duplicates (--self), constraint zones, overlaps and
// clearances, then what is possible within the bands; the feature passes after the pairs.
// A new rule family: a file under passes/ with its make function, and one line here.
#include "ClashPass.h"

#define BODEMZICHT_PASSES(X) \
    X(SelfOverlap)           \
    X(ConstraintZone)        \
    X(HardClearance)         \
    X(PossibleInBand)        \
    X(InfiltrationAboveGhg)  \
    X(WkoSpacing)            \
    X(Excavation)

namespace bz::clash::detail {

#define BODEMZICHT_DECLARE(Name) \
    std::unique_ptr<ClashPass> make##Name##Pass(const ClashOptions& options);
BODEMZICHT_PASSES(BODEMZICHT_DECLARE)
#undef BODEMZICHT_DECLARE

std::vector<std::unique_ptr<ClashPass>> makePasses(const ClashOptions& options) {
    std::vector<std::unique_ptr<ClashPass>> passes;
#define BODEMZICHT_MAKE(Name) \
    if (auto p = make##Name##Pass(options)) passes.push_back(std::move(p));
    BODEMZICHT_PASSES(BODEMZICHT_MAKE)
#undef BODEMZICHT_MAKE
    return passes;
}

}  // namespace bz::clash::detail
