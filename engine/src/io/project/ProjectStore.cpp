#include <bodemzicht/io/ProjectStore.h>

#include <bodemzicht/io/LocalPaths.h>
#include <bodemzicht/io/ProjectWrite.h>
#include <bodemzicht/io/Raster.h>
#include <bodemzicht/io/VoxelGrid.h>
#include <bodemzicht/soil/GroundwaterLevel.h>

#include <gdal_priv.h>

#include <cmath>
#include <filesystem>
#include <memory>

#include "../GdalErrors.h"
#include "ProjectFiles.h"

namespace bz::io {

using core::fail;
using model::Dataset;

core::Result<void> writeProject(const Dataset& ds, const std::string& project) {
    auto lock = ProjectWriteLock::acquire(project, "to write its objects");
    if (!lock) return std::unexpected(lock.error());
    if (auto ok = checkProjectWritable(project, "to write its objects"); !ok) return ok;
    removeStaleTemporaries(project);
    // The new project is written beside the old one and moved over it only when complete, so a
    // failure at any point (disk full, kill, a bad feature) leaves the old project as it was.
    std::string tmp = temporarySibling(project);
    auto written = detail::writeNewFile(ds, tmp, project);
    if (written) written = replaceAtomically(tmp, project);
    if (!written) {
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        written.error().message += "; the project is unchanged";
    }
    return written;
}

std::string resolveFieldPath(const std::string& projectPath, const std::string& fieldPath) {
    // Not local: kept verbatim, and refused when opened (LocalPaths.h).
    if (!isLocalPath(fieldPath)) return fieldPath;
    std::filesystem::path p(fieldPath);
    if (!p.is_absolute()) p = std::filesystem::path(projectPath).parent_path() / p;
    std::error_code ec;
    auto abs = std::filesystem::absolute(p, ec);
    return (ec ? p : abs).lexically_normal().string();
}

core::Result<Dataset> readProject(const std::string& source, ImportReport& report) {
    Dataset ds;
    if (auto ok = readProjectInto(source, ds, report); !ok) return std::unexpected(ok.error());
    return ds;
}

core::Result<std::shared_ptr<const model::Field>> openField(const model::FieldRef& ref) {
    if (ref.kind == model::FieldKind::Grid3d) {
        auto g = VoxelGrid::open(
            ref.path, ref.crs.empty() ? std::nullopt : std::optional<std::string>(ref.crs));
        if (!g) return std::unexpected(g.error());
        return std::shared_ptr<const model::Field>(std::make_shared<VoxelGrid>(std::move(*g)));
    }
    auto r = Raster::open(ref.path);
    if (!r) return std::unexpected(r.error());
    return std::shared_ptr<const model::Field>(std::make_shared<Raster>(std::move(*r)));
}

namespace {

// The head variable of a head grid: one called head or stijghoogte, else its only variable.
core::Result<std::size_t> headVariable(const model::Field& f, const std::string& path) {
    for (const char* name : {"head", "stijghoogte", "heads", "h"})
        if (auto v = f.variable(name)) return *v;
    if (f.variables().size() == 1) return std::size_t{0};
    std::string names;
    for (const auto& v : f.variables()) names += (names.empty() ? "" : ", ") + v.name;
    return fail(path, "",
                "a head grid needs a variable called head or stijghoogte, or only one variable "
                "(it has " +
                    names + ")");
}

}  // namespace

core::Result<model::GroundLevel> openFieldRaster(const Dataset& ds, const std::string& name) {
    for (const auto& f : ds.fields) {
        if (f.name != name) continue;
        auto field = openField(f);
        if (!field) return std::unexpected(field.error());
        if (f.kind == model::FieldKind::Grid3d) {
            // A head grid standing for a groundwater level: the water table it gives.
            auto v = headVariable(**field, f.path);
            if (!v) return std::unexpected(v.error());
            return model::GroundLevel(soil::waterTableFromHead(
                **field, *v, name + ": water table of head grid " + f.path));
        }
        const auto basis = soil::levelBasisFromUnit(f.unit);
        if (!basis)
            return fail(f.path, name,
                        "unit '" + f.unit +
                            "' is not a level this product reads (m NAP, cm below ground, m "
                            "below ground)");
        if (*basis == soil::LevelBasis::Nap) return model::GroundLevel(std::move(*field));
        // Given below the ground (BRO WDM): on the project's ground.
        model::GroundLevel ground;
        if (name != "ground_level") {
            auto raster = openFieldRaster(ds, "ground_level");
            if (!raster) return std::unexpected(raster.error());
            ground = *raster;
        }
        if (!ground.available() && std::isfinite(ds.ground.level))
            ground = model::GroundLevel(ds.ground.level);
        if (!ground.available())
            return fail(f.path, name,
                        "the level is given in " + f.unit +
                            " and the project has no ground level to put it on (bodem ground "
                            "PROJECT --raster AHN.tif)");
        const double scale = *basis == soil::LevelBasis::CmBelowGround ? 0.01 : 1.0;
        std::string description =
            name + " from " + f.path + " (" + f.unit + ") on the ground " + ground.describe();
        if (!ground.isRaster() && ds.ground.assumed()) description += " (an assumed flat ground)";
        return model::GroundLevel(
            soil::levelFromDepth(**field, scale, ground, std::move(description)));
    }
    return model::GroundLevel();
}

core::Result<void> readProjectInto(const std::string& source, Dataset& ds, ImportReport& report) {
    detail::registerGdalOnce();
    recoverInterruptedWrite(source);
    detail::GdalErrorCapture errors;
    std::unique_ptr<GDALDataset> in(GDALDataset::Open(
        source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!in)
        return fail(source, "", "cannot open as a vector data source" + errors.because(source));
    return detail::readProjectFrom(*in, source, ds, report);
}

}  // namespace bz::io
