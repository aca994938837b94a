#include "ProjectTables.h"

#include "GdalErrors.h"

namespace bz::io::detail {

core::Result<std::unique_ptr<GDALDataset>> openProjectTables(const std::string& project,
                                                             bool update,
                                                             const std::string& purpose) {
    registerGdalOnce();
    GdalErrorCapture errors;
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(
        project.c_str(),
        GDAL_OF_VECTOR | GDAL_OF_VERBOSE_ERROR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY)));
    if (!ds)
        return core::fail(project, "",
                          "cannot open the project " + purpose + errors.because(project));
    return ds;
}

core::Result<OGRLayer*> replaceTable(GDALDataset& ds, const std::string& project, const char* name,
                                     OGRSpatialReference* srs, OGRwkbGeometryType geometry) {
    GdalErrorCapture errors;
    for (int i = 0; i < ds.GetLayerCount(); ++i)
        if (std::string(ds.GetLayer(i)->GetName()) == name) {
            ds.DeleteLayer(i);
            break;
        }
    OGRLayer* layer = ds.CreateLayer(name, srs, geometry, nullptr);
    if (!layer)
        return core::fail(project, "",
                          std::string("cannot create table ") + name + errors.because(project));
    return layer;
}

}  // namespace bz::io::detail
