#include "ProjectTables.h"

#include "GdalErrors.h"

namespace bz::io::detail {

namespace {

std::unique_ptr<GDALDataset> openGpkg(const std::string& project, bool update) {
    return std::unique_ptr<GDALDataset>(GDALDataset::Open(
        project.c_str(),
        GDAL_OF_VECTOR | GDAL_OF_VERBOSE_ERROR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY)));
}

}  // namespace

core::Result<std::unique_ptr<GDALDataset>> openProjectTables(const std::string& project,
                                                             const std::string& purpose) {
    registerGdalOnce();
    recoverInterruptedWrite(project);
    GdalErrorCapture errors;
    auto ds = openGpkg(project, false);
    if (!ds)
        return core::fail(project, "",
                          "cannot open the project " + purpose + errors.because(project));
    return ds;
}

core::Result<TableWriter> TableWriter::open(const std::string& project,
                                            const std::string& purpose) {
    registerGdalOnce();
    auto lock = ProjectWriteLock::acquire(project, purpose);
    if (!lock) return std::unexpected(lock.error());
    if (auto ok = checkProjectWritable(project, purpose); !ok) return std::unexpected(ok.error());
    GdalErrorCapture errors;
    auto ds = openGpkg(project, true);
    if (!ds)
        return core::fail(project, "",
                          "cannot open the project " + purpose + errors.because(project));
    if (ds->StartTransaction() != OGRERR_NONE)
        return core::fail(project, "",
                          "cannot start a transaction " + purpose + errors.because(project));
    return TableWriter(std::move(*lock), std::move(ds), project, purpose);
}

TableWriter::~TableWriter() {
    if (mDs && mOpen) {
        GdalErrorCapture quiet;
        mDs->RollbackTransaction();
    }
}

core::Result<OGRLayer*> TableWriter::replace(
    const char* name, const std::vector<std::pair<const char*, OGRFieldType>>& columns,
    OGRSpatialReference* srs, OGRwkbGeometryType geometry) {
    GdalErrorCapture errors;
    OGRLayer* layer = mDs->GetLayerByName(name);
    if (layer) {
        // Emptied in place, inside the transaction: dropping and creating the table would work
        // too, but GDAL then recreates triggers it still knows of.
        std::string sql = std::string("DELETE FROM \"") + name + "\"";
        mDs->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (!errors.text().empty())
            return core::fail(mProject, "",
                              std::string("cannot empty table ") + name + errors.because(mProject));
        layer->ResetReading();
    } else {
        layer = mDs->CreateLayer(name, srs, geometry, nullptr);
        if (!layer)
            return core::fail(mProject, "",
                              std::string("cannot create table ") + name + errors.because(mProject));
    }
    for (const auto& [column, type] : columns) {
        if (layer->GetLayerDefn()->GetFieldIndex(column) >= 0) continue;
        OGRFieldDefn def(column, type);
        if (layer->CreateField(&def) != OGRERR_NONE)
            return core::fail(mProject, "",
                              std::string("cannot add column ") + column + " to " + name +
                                  errors.because(mProject));
    }
    return layer;
}

core::Result<void> TableWriter::commit() {
    GdalErrorCapture errors;
    mOpen = false;
    if (mDs->CommitTransaction() != OGRERR_NONE) {
        mDs->RollbackTransaction();
        return core::fail(mProject, "",
                          "cannot commit " + mPurpose + errors.because(mProject) +
                              "; the project is unchanged");
    }
    mDs.reset();
    return {};
}

}  // namespace bz::io::detail
