#include <bodemzicht/clash/ReportStore.h>

#include <bodemzicht/clash/ReportWriter.h>
#include <bodemzicht/clash/ReviewStore.h>
#include <bodemzicht/io/Table.h>

#include "ReportRows.h"
#include "ReviewTable.h"

namespace bz::clash {

namespace {

constexpr const char* kLayer = "clash_report";

}  // namespace

core::Result<void> storeReport(const std::string& project, const ClashReport& report) {
    auto writer = io::ProjectTableWriter::open(project, "to store the clash report");
    if (!writer) return std::unexpected(writer.error());
    if (auto ok = writer->replace(kLayer, detail::reportTable(report)); !ok) return ok;
    return writer->commit();
}

core::Result<std::size_t> storeRun(const std::string& project, ClashReport& report,
                                   const WasChecked& wasChecked) {
    auto writer = io::ProjectTableWriter::open(project, "to store the clash run");
    if (!writer) return std::unexpected(writer.error());
    auto resolved = detail::updateReviewTable(*writer, report, wasChecked);
    if (!resolved) return resolved;
    if (auto ok = writer->replace(kLayer, detail::reportTable(report)); !ok)
        return std::unexpected(ok.error());
    if (auto ok = writer->commit(); !ok) return std::unexpected(ok.error());
    return resolved;
}

core::Result<std::optional<ClashReport>> readStoredReport(const std::string& project) {
    auto table = io::readProjectTable(project, kLayer, "to read the clash report");
    if (!table) return std::unexpected(table.error());
    if (!*table) return std::optional<ClashReport>();
    auto report = detail::reportFromTable(**table, project + " (layer clash_report)");
    if (!report) return std::unexpected(report.error());
    auto reviews = readReviews(project);
    if (!reviews) return std::unexpected(reviews.error());
    for (auto& c : report->clashes)
        if (auto it = reviews->find(c.id); it != reviews->end()) c.status = it->second.status;
    return std::optional<ClashReport>(std::move(*report));
}

}  // namespace bz::clash
