// A clash pass: one family of rules (private to clash). The detector runs the broad phase and the
// pair evaluation once; then, for every pair of objects they found, it asks the pair passes in
// table order (PassTable.cpp) and the first that reports the pair decides its clash. Feature
// passes run once per run over the whole dataset (levels against fields, spacing between wells).
// A new rule family, such as the soil and groundwater constraints, is a new pass: one file here
// and one line in the table (docs/architecture.md).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <bodemzicht/clash/ClashDetector.h>
#include <bodemzicht/clash/ClashReport.h>

#include "../detect/PairEvaluation.h"
#include "../detect/RuleLookup.h"

namespace bz::clash::detail {

struct PassContext {
    const model::Dataset& ds;
    const ClashModel& model;
    const RuleSet& rules;
    const ClashOptions& options;
    const RuleLookup& lookup;
    const PairEvaluator& eval;
};

class ClashPass {
  public:
    virtual ~ClashPass() = default;
    virtual std::string_view name() const = 0;

    // Pair passes. Would this pass report the pair (cheap: decided from the accumulated minima,
    // so that pairs nobody reports cost nothing more)?
    virtual bool reports(const PassContext&, const PairAccumulator&) const { return false; }
    // The pair's clash (B moved by `off`); only asked when reports() said yes.
    virtual std::optional<Clash> judge(const PassContext&, const PairAccumulator&,
                                       core::Vec3 /*off*/) const {
        return std::nullopt;
    }

    // Feature passes: once per run, after the pairs; notes say what could not be checked.
    virtual void run(const PassContext&, std::vector<Clash>& /*out*/,
                     std::vector<std::string>& /*notes*/) const {}
};

// The passes that apply to a run with these options, in the order they are asked.
std::vector<std::unique_ptr<ClashPass>> makePasses(const ClashOptions& options);

}  // namespace bz::clash::detail
