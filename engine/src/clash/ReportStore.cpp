#include <bodemzicht/clash/ReportStore.h>

#include <bodemzicht/clash/ReportWriter.h>
#include <bodemzicht/clash/ReviewStore.h>

#include <memory>

#include "../io/GdalErrors.h"
#include "../io/ProjectTables.h"
#include "ReportRows.h"

namespace bz::clash {

namespace {

constexpr const char* kLayer = "clash_report";

}  // namespace

core::Result<void> storeReport(const std::string& project, const ClashReport& report) {
    auto ds = io::detail::openProjectTables(project, true, "to store the clash report");
    if (!ds) return std::unexpected(ds.error());
    io::detail::GdalErrorCapture errors;
    OGRSpatialReference rdnap;
    rdnap.importFromEPSG(7415);
    auto table = io::detail::replaceTable(**ds, project, kLayer, &rdnap, wkbPoint25D);
    if (!table) return std::unexpected(table.error());
    OGRLayer* layer = *table;
    const auto& columns = csvColumns();
    for (const auto& col : columns) {
        OGRFieldDefn def(col.c_str(), OFTString);
        if (layer->CreateField(&def) != OGRERR_NONE)
            return core::fail(project, "", "cannot add column " + col + errors.because(project));
    }
    (*ds)->StartTransaction();
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
    if ((*ds)->CommitTransaction() != OGRERR_NONE)
        return core::fail(project, "", "cannot store the clash report" + errors.because(project));
    return {};
}

core::Result<std::optional<ClashReport>> readStoredReport(const std::string& project) {
    auto ds = io::detail::openProjectTables(project, false, "to read the clash report");
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
