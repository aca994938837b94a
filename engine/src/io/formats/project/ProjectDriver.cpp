// A Bodemzicht project as a source (docs/data-model.md): a GeoPackage, or any GDAL source with its
// layers (PostGIS: "PG:dbname=..."). The store itself is io/ProjectStore.
#include "../../project/ProjectFiles.h"
#include "../Driver.h"

namespace bz::io::formats {

namespace {

class ProjectDriver final : public Driver {
  public:
    ProjectDriver()
        : Driver({"project",
                  "Bodemzicht project (GeoPackage, or PostGIS and other GDAL sources with its "
                  "layers)",
                  {"gpkg"},
                  {"3d", "depth-below-ground", "proposals", "planned", "reviews"},
                  {}}) {}

  private:
    Confidence doIdentify(OpenInfo& in) const override {
        GDALDataset* ds = in.vector();
        return ds && detail::holdsProject(*ds) ? Confidence::Yes : Confidence::No;
    }
    core::Result<void> doOpen(OpenInfo& in, const ReadOptions&, const DriverOptions&,
                              model::Dataset& ds, ImportReport& report) const override {
        if (!in.vector()) return core::fail(in.source(), "", in.vectorError());
        return detail::readProjectFrom(*in.vector(), in.source(), ds, report);
    }
};

}  // namespace

void registerProject(DriverTable& table) {
    table.add(std::make_unique<ProjectDriver>());
}

}  // namespace bz::io::formats
