#include <bodemzicht/clash/ReportStore.h>

#include <bodemzicht/clash/ReportWriter.h>
#include <bodemzicht/clash/ReviewStore.h>

#include <memory>

#include "../io/GdalErrors.h"
#include "ReportRows.h"

namespace bz::clash {

namespace {

constexpr const char* kLayer = "clash_report";

}  // namespace

core::Result<void> storeReport(const std::string& project, const ClashReport& report) {
    io::detail::registerGdalOnce();
    io::detail::GdalErrorCapture errors;
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(
        project.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE | GDAL_OF_VERBOSE_ERROR));
    if (!ds)
        return core::fail(
            project, "",
            "cannot open the project to store the clash report" + errors.because(project));
    for (int i = 0; i < ds->GetLayerCount(); ++i)
        if (std::string(ds->GetLayer(i)->GetName()) == kLayer) {
            ds->DeleteLayer(i);
            break;
        }
    OGRSpatialReference rdnap;
    rdnap.importFromEPSG(7415);
    OGRLayer* layer = ds->CreateLayer(kLayer, &rdnap, wkbPoint25D, nullptr);
    if (!layer)
        return core::fail(project, "",
                          std::string("cannot create layer ") + kLayer + errors.because(project));
    const auto& columns = csvColumns();
    for (const auto& col : columns) {
        OGRFieldDefn def(col.c_str(), OFTString);
        if (layer->CreateField(&def) != OGRERR_NONE)
            return core::fail(project, "", "cannot add column " + col + errors.because(project));
    }
    ds->StartTransaction();
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
    if (ds->CommitTransaction() != OGRERR_NONE)
        return core::fail(project, "", "cannot store the clash report" + errors.because(project));
    return {};
}

core::Result<std::optional<ClashReport>> readStoredReport(const std::string& project) {
    io::detail::registerGdalOnce();
    io::detail::GdalErrorCapture errors;
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(
        project.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!ds) return core::fail(project, "", "cannot open the project" + errors.because(project));
    OGRLayer* layer = ds->GetLayerByName(kLayer);
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
