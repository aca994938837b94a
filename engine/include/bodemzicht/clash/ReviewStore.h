// Review statuses of clashes, kept in the project (table `clash_review` of the GeoPackage) so that
// a reviewed clash is not reported as new again: new -> active on the next run, approved stays
// approved, and a clash that no longer occurs becomes resolved.
#pragma once

#include <functional>
#include <map>
#include <string>

#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::clash {

struct ReviewRecord {
    std::string clashId, kind, aId, bId, firstSeen, lastSeen, note;
    ClashStatus status = ClashStatus::New;
};

// Did this run check the object with this id? (A clash of objects not checked cannot be resolved
// by the run: it was not looked at.)
using WasChecked = std::function<bool(const std::string& id)>;

// The objects of `ds` that the run behind `report` checked (all but report.uncheckedFeatures); the
// id index is built on the first question only, so a run whose earlier clashes all recur pays
// nothing. `ds` and `report` must outlive the result.
WasChecked checkedInRun(const model::Dataset& ds, const ClashReport& report);

core::Result<std::map<std::string, ReviewRecord>> readReviews(const std::string& project);
// Sets each clash's status from the stored reviews, marks vanished ones resolved, stores the
// result. Returns how many stored clashes became resolved in this run.
core::Result<std::size_t> applyAndStoreReviews(const std::string& project, ClashReport& report,
                                               const WasChecked& wasChecked = {});
// Sets the status of one clash (e.g. approved after review).
core::Result<void> setReviewStatus(const std::string& project, const std::string& clashId,
                                   ClashStatus status, const std::string& note);

}  // namespace bz::clash
