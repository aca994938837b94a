#include <bodemzicht/clash/ReportStore.h>

#include <bodemzicht/clash/ReportWriter.h>
#include <bodemzicht/clash/ReviewStore.h>

#include <memory>

#include "../io/GdalErrors.h"
#include "../io/ProjectTables.h"
#include "ReportRows.h"
#include "ReviewTable.h"

namespace bz::clash {

namespace {

constexpr const char* kLayer = "clash_report";

}  // namespace

namespace {

core::Result<void> writeReportTable(io::detail::TableWriter& writer, const std::string& project,
                                    const ClashReport& report) {
    io::detail::GdalErrorCapture errors;
    OGRSpatialReference rdnap;
    rdnap.importFromEPSG(7415);
    const auto& columns = csvColumns();
    std::vector<std::pair<const char*, OGRFieldType>> defs;
    for (const auto& col : columns) defs.emplace_back(col.c_str(), OFTString);
    auto table = writer.replace(kLayer, defs, &rdnap, wkbPoint25D);
    if (!table) return std::unexpected(table.error());
    OGRLayer* layer = *table;
    for (const auto& c : report.clashes) {
        OGRFeature f(layer->GetLayerDefn());
        auto row = detail::rowOf(c);
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (!row[i].empty()) f.SetField(columns[i].c_str(), row[i].c_str());
        auto at = c.location();
        OGRPoint p(at.x, at.y, at.z);
        f.SetGeometry(&p);
        if (layer->CreateFeature(&f) != OGRERR_NONE)
            return core::fail(project, c.id, "cannot store the clash" + errors.because(project));
    }
    return {};
}

}  // namespace

core::Result<void> storeReport(const std::string& project, const ClashReport& report) {
    auto writer = io::detail::TableWriter::open(project, "to store the clash report");
    if (!writer) return std::unexpected(writer.error());
    if (auto ok = writeReportTable(*writer, project, report); !ok) return ok;
    return writer->commit();
}

core::Result<std::size_t> storeRun(const std::string& project, ClashReport& report,
                                   const WasChecked& wasChecked) {
    auto writer = io::detail::TableWriter::open(project, "to store the clash run");
    if (!writer) return std::unexpected(writer.error());
    auto resolved = detail::updateReviewTable(*writer, project, report, wasChecked);
    if (!resolved) return resolved;
    if (auto ok = writeReportTable(*writer, project, report); !ok)
        return std::unexpected(ok.error());
    if (auto ok = writer->commit(); !ok) return std::unexpected(ok.error());
    return resolved;
}

core::Result<std::optional<ClashReport>> readStoredReport(const std::string& project) {
    auto ds = io::detail::openProjectTables(project, "to read the clash report");
    if (!ds) return std::unexpected(ds.error());
    OGRLayer* layer = (*ds)->GetLayerByName(kLayer);
    if (!layer) return std::optional<ClashReport>();
    auto report = detail::readReportLayer(*layer, project + " (layer clash_report)");
    if (!report) return std::unexpected(report.error());
    auto reviews = readReviews(project);
    if (!reviews) return std::unexpected(reviews.error());
    for (auto& c : report->clashes)
        if (auto it = reviews->find(c.id); it != reviews->end()) c.status = it->second.status;
    return std::optional<ClashReport>(std::move(*report));
}

}  // namespace bz::clash
