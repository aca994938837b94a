// The last clash run's report kept in the project (GeoPackage layer `clash_report`: a point per
// clash at its location with the CSV report's columns), so that the viewer opened on a project
// lists the clashes of the last `bodem clash` without being handed the CSV.
#pragma once

#include <optional>
#include <string>

#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/clash/ReviewStore.h>
#include <bodemzicht/core/Error.h>

namespace bz::clash {

// Replaces the stored report with this one.
core::Result<void> storeReport(const std::string& project, const ClashReport& report);
// A clash run's results in one transaction: the review statuses applied to `report` and stored
// (see applyAndStoreReviews), and the report. Returns how many stored clashes became resolved.
core::Result<std::size_t> storeRun(const std::string& project, ClashReport& report,
                                   const WasChecked& wasChecked = {});
// The stored report with the review statuses as they are now (bodem review may have changed
// them since the run); nullopt when the project holds none.
core::Result<std::optional<ClashReport>> readStoredReport(const std::string& project);

}  // namespace bz::clash
