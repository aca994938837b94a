#include <bodemzicht/io/ProjectWrite.h>
#include <bodemzicht/io/Table.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>

#include "GdalErrors.h"
#include "TableOgr.h"

namespace bz::io {

namespace {

std::unique_ptr<GDALDataset> openGpkg(const std::string& project, bool update) {
    return std::unique_ptr<GDALDataset>(GDALDataset::Open(
        project.c_str(),
        GDAL_OF_VECTOR | GDAL_OF_VERBOSE_ERROR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY)));
}

}  // namespace

core::Result<std::optional<Table>> readProjectTable(const std::string& project,
                                                    const std::string& name,
                                                    const std::string& purpose) {
    detail::registerGdalOnce();
    recoverInterruptedWrite(project);
    detail::GdalErrorCapture errors;
    auto ds = openGpkg(project, false);
    if (!ds)
        return core::fail(project, "", "cannot open the project " + purpose + errors.because(project));
    OGRLayer* layer = ds->GetLayerByName(name.c_str());
    if (!layer) return std::optional<Table>();
    return std::optional<Table>(detail::tableOfLayer(*layer));
}

struct ProjectTableWriter::Private {
    ProjectWriteLock lock;  // declared first: released after the dataset is closed
    std::unique_ptr<GDALDataset> ds;
    std::string project, purpose;
    bool open = true;  // a transaction is running
};

ProjectTableWriter::ProjectTableWriter(std::unique_ptr<Private> p) : d(std::move(p)) {}
ProjectTableWriter::ProjectTableWriter(ProjectTableWriter&&) noexcept = default;

ProjectTableWriter::~ProjectTableWriter() {
    if (d && d->ds && d->open) {
        detail::GdalErrorCapture quiet;
        d->ds->RollbackTransaction();
    }
}

const std::string& ProjectTableWriter::project() const {
    return d->project;
}

core::Result<ProjectTableWriter> ProjectTableWriter::open(const std::string& project,
                                                          const std::string& purpose) {
    detail::registerGdalOnce();
    auto lock = ProjectWriteLock::acquire(project, purpose);
    if (!lock) return std::unexpected(lock.error());
    if (auto ok = checkProjectWritable(project, purpose); !ok) return std::unexpected(ok.error());
    detail::GdalErrorCapture errors;
    auto ds = openGpkg(project, true);
    if (!ds)
        return core::fail(project, "", "cannot open the project " + purpose + errors.because(project));
    if (ds->StartTransaction() != OGRERR_NONE)
        return core::fail(project, "", "cannot start a transaction " + purpose + errors.because(project));
    return ProjectTableWriter(std::unique_ptr<Private>(
        new Private{std::move(*lock), std::move(ds), project, purpose, true}));
}

core::Result<std::optional<Table>> ProjectTableWriter::read(const std::string& name) {
    OGRLayer* layer = d->ds->GetLayerByName(name.c_str());
    if (!layer) return std::optional<Table>();
    return std::optional<Table>(detail::tableOfLayer(*layer));
}

core::Result<void> ProjectTableWriter::replace(const std::string& name, const Table& table) {
    detail::GdalErrorCapture errors;
    OGRLayer* layer = d->ds->GetLayerByName(name.c_str());
    if (layer) {
        // Emptied in place, inside the transaction: dropping and creating the table would work
        // too, but GDAL then recreates triggers it still knows of.
        std::string sql = "DELETE FROM \"" + name + "\"";
        d->ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);  // a DELETE gives no result layer
        if (errors.failed())
            return core::fail(d->project, "", "cannot empty table " + name + errors.because(d->project));
        layer->ResetReading();
    } else {
        OGRSpatialReference rdnap;
        if (table.hasPoints && rdnap.importFromEPSG(7415) != OGRERR_NONE)
            return core::fail(d->project, "", "PROJ does not know EPSG:7415");
        layer = d->ds->CreateLayer(name.c_str(), table.hasPoints ? &rdnap : nullptr,
                                   table.hasPoints ? wkbPoint25D : wkbNone, nullptr);
        if (!layer)
            return core::fail(d->project, "", "cannot create table " + name + errors.because(d->project));
    }
    for (const auto& c : table.columns) {
        if (layer->GetLayerDefn()->GetFieldIndex(c.name.c_str()) >= 0) continue;
        OGRFieldDefn def(c.name.c_str(), detail::ogrType(c.type));
        if (layer->CreateField(&def) != OGRERR_NONE)
            return core::fail(d->project, "",
                              "cannot add column " + c.name + " to " + name + errors.because(d->project));
    }
    return detail::appendRows(*layer, table, false, d->project + " (table " + name + ")");
}

core::Result<void> ProjectTableWriter::commit() {
    detail::GdalErrorCapture errors;
    d->open = false;
    if (d->ds->CommitTransaction() != OGRERR_NONE) {
        d->ds->RollbackTransaction();
        return core::fail(d->project, "",
                          "cannot commit " + d->purpose + errors.because(d->project) +
                              "; the project is unchanged");
    }
    d->ds.reset();
    return {};
}

}  // namespace bz::io
