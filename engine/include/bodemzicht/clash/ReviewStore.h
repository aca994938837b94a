// Review statuses of clashes, kept in the project (table `clash_review` of the GeoPackage) so that
// a reviewed clash is not reported as new again: new -> active on the next run, approved stays
// approved, and a clash that no longer occurs becomes resolved.
#pragma once

#include <map>
#include <string>

#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/core/Error.h>

namespace bz::clash {

struct ReviewRecord {
    std::string clashId, kind, aId, bId, firstSeen, lastSeen, note;
    ClashStatus status = ClashStatus::New;
};

core::Result<std::map<std::string, ReviewRecord>> readReviews(const std::string& project);
// Sets each clash's status from the stored reviews, marks vanished ones resolved, stores the
// result. Returns how many stored clashes became resolved in this run.
core::Result<std::size_t> applyAndStoreReviews(const std::string& project, ClashReport& report);
// Sets the status of one clash (e.g. approved after review).
core::Result<void> setReviewStatus(const std::string& project, const std::string& clashId,
                                   ClashStatus status, const std::string& note);

}  // namespace bz::clash
