#include <bodemzicht/io/ProjectImport.h>

#include <bodemzicht/io/CoverGround.h>

#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/ProjectWrite.h>
#include <bodemzicht/io/Raster.h>
#include <bodemzicht/io/Relevel.h>
#include <bodemzicht/io/VoxelGrid.h>
#include <bodemzicht/model/DatasetCopy.h>
#include <bodemzicht/sewer/Condition.h>

#include "InspectionLinking.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

namespace bz::io {

namespace {

// A field beside the project's objects is refused (checked on the project as read for the write).
core::Result<void> overlapsProject(const model::Dataset& ds, const model::GridGeometry& g,
                                   const std::string& path) {
    const auto b = ds.bounds(), gb = g.bounds();
    if (!b.empty() &&
        (gb.hi.x < b.lo.x || gb.lo.x > b.hi.x || gb.hi.y < b.lo.y || gb.lo.y > b.hi.y))
        return core::fail(path, "",
                          "does not overlap the project's objects (grid x " +
                              std::to_string(gb.lo.x) + " .. " + std::to_string(gb.hi.x) +
                              ", project x " + std::to_string(b.lo.x) + " .. " +
                              std::to_string(b.hi.x) + "); the project is unchanged");
    return {};
}

}  // namespace

core::Result<void> addProjectField(
    const std::string& project, const model::FieldRef& field,
    const std::function<core::Result<void>(const model::Dataset&)>& check) {
    auto lock = ProjectWriteLock::acquire(project, "to add a field");
    if (!lock) return std::unexpected(lock.error());
    if (auto ok = checkProjectWritable(project, "to add a field"); !ok) return ok;
    ImportReport report;
    auto ds = readProject(project, report);
    if (!ds) return std::unexpected(ds.error());
    if (report.skipped())
        return core::fail(project, "",
                          std::to_string(report.skipped()) +
                              " of the project's objects cannot be read; rewriting would drop "
                              "them, so the project is unchanged");
    if (check)
        if (auto ok = check(*ds); !ok) return ok;
    std::erase_if(ds->fields, [&](const model::FieldRef& f) { return f.name == field.name; });
    ds->fields.push_back(field);
    return writeProject(*ds, project);
}

core::Result<GridImport> importGrid(const std::string& project, const std::string& path,
                                    const std::optional<std::string>& crs) {
    auto grid = VoxelGrid::open(path, crs);
    if (!grid) return std::unexpected(grid.error());
    GridImport out;
    out.geotop = grid->variable("lithok").has_value();
    out.head = !out.geotop && (grid->variable("head") || grid->variable("stijghoogte"));
    const auto stem = std::filesystem::path(path).stem().string();
    out.field.name = out.geotop ? "geotop" : out.head ? "head" : "contamination_" + stem;
    out.field.path = std::filesystem::absolute(path).lexically_normal().string();
    out.field.kind = model::FieldKind::Grid3d;
    out.field.description = out.geotop ? "BRO GeoTOP " + grid->modelVersion()
                            : out.head ? "head grid (stijghoogte) " + stem
                                       : "contamination grid " + stem;
    if (out.head) out.field.unit = "m NAP";
    if (crs && !crs->empty()) out.field.crs = *crs;
    for (const auto& n : grid->notes()) out.warnings.push_back(path + ": " + n);
    // Every variable must hold a value somewhere: a grid of fill values is refused.
    const auto& g = grid->grid();
    for (std::size_t v = 0; v < grid->variables().size(); ++v) {
        const auto& var = grid->variables()[v];
        out.variables.push_back(var.name);
        bool any = false;
        for (int k = 0; k < g.nz && !any; ++k)
            for (int j = 0; j < g.ny && !any; ++j)
                for (int i = 0; i < g.nx && !any; ++i)
                    any = !std::isnan(grid->cellValue(v, i, j, k));
        if (!any)
            return core::fail(
                path, var.name,
                "holds fill values only: nothing to import; the project is unchanged");
        if (!out.geotop && !out.head && var.unit.empty())
            out.warnings.push_back(path + ": " + var.name +
                                   ": no units attribute; concentrations compared as given");
    }
    // Beside the project's objects: refused (checked on the project as read for the write).
    auto overlaps = [&](const model::Dataset& ds) { return overlapsProject(ds, g, path); };
    if (auto ok = addProjectField(project, out.field, overlaps); !ok)
        return std::unexpected(ok.error());
    return out;
}

core::Result<LevelImport> importGroundwaterLevel(const std::string& project,
                                                 const std::string& path, const std::string& name,
                                                 soil::LevelBasis basis,
                                                 const std::optional<std::string>& crs) {
    if (name != "ghg" && name != "glg")
        return core::fail(path, "", "a groundwater level is the project's ghg or glg, not " + name);
    LevelImport out;
    out.field.name = name;
    out.field.path = std::filesystem::absolute(path).lexically_normal().string();
    const auto ext = std::filesystem::path(path).extension().string();
    model::GridGeometry g;
    if (ext == ".nc" || ext == ".nc4") {
        if (basis != soil::LevelBasis::Nap)
            return core::fail(path, "",
                              "a head grid gives m NAP; --levels is for depth rasters (BRO WDM)");
        auto grid = VoxelGrid::open(path, crs);
        if (!grid) return std::unexpected(grid.error());
        out.field.kind = model::FieldKind::Grid3d;
        out.field.unit = "m NAP";
        out.field.description = "water table of head grid (stijghoogte) " +
                                std::filesystem::path(path).filename().string();
        if (crs && !crs->empty()) out.field.crs = *crs;
        g = grid->grid();
    } else {
        auto raster = Raster::open(path);
        if (!raster) return std::unexpected(raster.error());
        out.field.kind = model::FieldKind::Raster2d;
        out.field.unit = std::string(soil::toUnit(basis));
        out.field.description =
            (basis == soil::LevelBasis::Nap ? "groundwater level raster "
                                            : "groundwater depth raster (BRO WDM) ") +
            std::filesystem::path(path).filename().string();
        g = raster->grid();
    }
    // Checked on the project as read for the write: the level as the project will derive it.
    auto check = [&](const model::Dataset& ds) -> core::Result<void> {
        if (auto ok = overlapsProject(ds, g, path); !ok) return ok;
        model::Dataset probe;
        probe.fields = ds.fields;
        probe.ground = ds.ground;
        std::erase_if(probe.fields, [&](const model::FieldRef& f) { return f.name == name; });
        probe.fields.push_back(out.field);
        auto level = openFieldRaster(probe, name);
        if (!level) {
            core::Error e = level.error();
            e.message += "; the project is unchanged";
            return std::unexpected(e);
        }
        auto ground = openFieldRaster(probe, "ground_level");
        const auto* f = level->field();
        const auto& lg = f->grid();
        // At most about 40 000 cells looked at.
        const int stride =
            std::max(1, static_cast<int>(std::sqrt(static_cast<double>(lg.nx) * lg.ny / 40000.0)));
        std::size_t withGround = 0, above = 0;
        for (int j = 0; j < lg.ny; j += stride)
            for (int i = 0; i < lg.nx; i += stride) {
                const double v = f->cellValue(0, i, j, 0);
                if (!std::isfinite(v)) continue;
                ++out.cells;
                out.minM = std::isnan(out.minM) ? v : std::min(out.minM, v);
                out.maxM = std::isnan(out.maxM) ? v : std::max(out.maxM, v);
                if (!ground || !ground->isRaster()) continue;
                const auto c = lg.cellCentre(i, j, 0);
                const double z = ground->at(c.x, c.y);
                if (!std::isfinite(z)) continue;
                ++withGround;
                above += v > z + 0.5;
            }
        if (out.cells == 0)
            return core::fail(path, name,
                              "gives no level anywhere (only nodata, or no saturated cell in the "
                              "head grid); the project is unchanged");
        if (basis == soil::LevelBasis::Nap && withGround > 0 && 2 * above > withGround)
            out.warnings.push_back(
                path + ": the level lies more than 0.5 m above the ground at " +
                std::to_string(above) + " of " + std::to_string(withGround) +
                " places: is it a depth below ground (BRO WDM: --levels cm-below-ground)?");
        return {};
    };
    if (auto ok = addProjectField(project, out.field, check); !ok)
        return std::unexpected(ok.error());
    return out;
}

core::Result<ImportOutcome> importIntoProject(const std::string& project,
                                              const ImportRequest& request, ImportReport& report) {
    using Clock = std::chrono::steady_clock;
    auto t = Clock::now();
    ImportTimings timings;
    auto lap = [&](double& into) {
        auto now = Clock::now();
        into = std::chrono::duration<double, std::milli>(now - t).count();
        t = now;
    };
    auto lock = ProjectWriteLock::acquire(project, "to import into it");
    if (!lock) return std::unexpected(lock.error());
    if (auto ok = checkProjectWritable(project, "to import into it"); !ok)
        return std::unexpected(ok.error());

    // Every source first: one that cannot be read as a whole stops the import before the
    // project is touched.
    model::Dataset incoming;
    for (const auto& src : request.sources)
        if (auto ok = readSource(src, request.options, incoming, report); !ok) {
            core::Error e = ok.error();
            e.message += "; nothing was imported, the project is unchanged";
            return std::unexpected(e);
        }
    if (request.strict && report.skipped())
        return core::fail(project, "",
                          std::to_string(report.skipped()) +
                              " features were skipped and --strict is set; nothing was imported, "
                              "the project is unchanged");
    lap(timings.readSourcesMs);

    std::map<std::string, SourceChange> changes;
    std::unordered_map<std::string, std::uint64_t> incomingPrint;  // key \n id -> fingerprint
    for (const auto& f : incoming.features) {
        std::string key = sourceKey(incoming.str(f.source));
        changes[key].key = key;
        incomingPrint[key + '\n' + f.id] = model::featureFingerprint(incoming, f);
    }

    model::Dataset merged;
    // Inspections of objects this import replaces follow them to their new version.
    std::vector<model::UnplacedInspection> orphans;
    if (request.append && std::filesystem::exists(project)) {
        model::Dataset existing;
        ImportReport projectReport;
        if (auto ok = readProjectInto(project, existing, projectReport); !ok)
            return std::unexpected(ok.error());
        // A project that cannot be read in full would lose the unreadable features on rewrite.
        if (projectReport.skipped())
            return core::fail(project, "",
                              std::to_string(projectReport.skipped()) +
                                  " of the project's objects cannot be read (bodem info lists "
                                  "them); appending would drop them, so the project is unchanged");
        // The project knows its ground (bodem ground, or an earlier import): sources imported
        // without one stand on it too, so that a trench given 0.7 m deep is 0.7 m below the
        // same ground as the cables.
        if (!request.options.groundLevel.available()) {
            model::GroundLevel ground;
            if (existing.ground.kind == model::GroundBasis::Kind::Constant)
                ground = model::GroundLevel(existing.ground.level);
            else if (auto raster = openFieldRaster(existing, "ground_level"); raster)
                ground = *raster;
            if (ground.available()) {
                auto basis = existing.ground;
                auto stats = relevel(incoming, ground, flatGroundOf(existing));
                if (stats.vertices + stats.bodies + stats.prisms)
                    report.warn({project, "",
                                 "the new sources' depths below ground stand on the project's "
                                 "ground: " +
                                     ground.describe()});
                model::mergeGround(basis, incoming.ground);
                existing.ground = basis;
                for (const auto& f : incoming.features)  // compared as they will be stored
                    incomingPrint[sourceKey(incoming.str(f.source)) + '\n' + f.id] =
                        model::featureFingerprint(incoming, f);
            }
        }
        std::set<std::string> seen;  // key \n id of the earlier import still there
        model::appendDataset(existing, merged, [&](std::uint32_t i) {
            const auto& f = existing.features[i];
            std::string key = sourceKey(existing.str(f.source));
            auto c = changes.find(key);
            if (c == changes.end()) return true;  // another source: kept as it is
            auto it = incomingPrint.find(key + '\n' + f.id);
            if (it == incomingPrint.end())
                ++c->second.removed;
            else if (it->second == model::featureFingerprint(existing, f))
                ++c->second.unchanged, seen.insert(it->first);
            else
                ++c->second.changed, seen.insert(it->first);
            for (auto& g : detail::inspectionsOf(existing, f))
                if (g.inspection.file != existing.str(f.source)) orphans.push_back(std::move(g));
            return false;  // replaced by the new import
        });
        for (const auto& [keyId, _] : incomingPrint)
            if (!seen.count(keyId)) ++changes[keyId.substr(0, keyId.find('\n'))].added;
    } else {
        for (const auto& [keyId, _] : incomingPrint)
            ++changes[keyId.substr(0, keyId.find('\n'))].added;
    }
    lap(timings.readProjectMs);
    const auto firstIncoming = static_cast<std::uint32_t>(merged.features.size());
    model::appendDataset(incoming, merged);
    std::set<std::string> incomingKeys;
    for (const auto& [key, _] : changes) incomingKeys.insert(key);
    for (const auto& g : incoming.unplacedInspections)
        incomingKeys.insert(sourceKey(g.inspection.file));
    auto links =
        detail::linkInspections(merged, firstIncoming, std::move(orphans), incomingKeys, report);
    if (request.strict && report.skipped())
        return core::fail(project, "",
                          std::to_string(report.skipped()) +
                              " inspections could not be placed and --strict is set; nothing was "
                              "imported, the project is unchanged");
    const auto& table =
        request.conditionTable ? *request.conditionTable : sewer::ClassificationTable::builtIn();
    auto conditions = sewer::assessConditions(merged, table);
    lap(timings.mergeMs);
    for (const auto& [code, n] : conditions.unknownByCode)
        report.warn({project, "",
                     "observation code '" + code + "' is not in the condition table '" +
                         table.name() + "' (" + std::to_string(n) +
                         " observations: kept, not classified)"});
    // Nothing measured stands under the depths below ground yet: the sewer's cover levels (GWSW)
    // are, near its manholes.
    if (!request.options.groundLevel.available() &&
        merged.ground.kind == model::GroundBasis::Kind::AssumedFlat)
        if (auto covers =
                groundFromCoverLevels(merged, request.options.defaults.coverGroundRadiusM)) {
            auto stats = relevel(merged, *covers, flatGroundOf(merged));
            if (stats.vertices + stats.bodies + stats.prisms)
                report.warn({project, "",
                             "depths below ground stand on " + covers->describe() + ": " +
                                 model::describe(merged.ground)});
        }
    if (auto ok = writeProject(merged, project); !ok) return std::unexpected(ok.error());
    lap(timings.writeMs);

    ImportOutcome out;
    for (auto& [key, c] : changes) {
        // A RIBX carrier linked to the project's own pipe was not added.
        if (auto it = links.carriersDropped.find(key); it != links.carriersDropped.end())
            c.added -= std::min(c.added, it->second);
        out.changes.push_back(std::move(c));
    }
    out.features = merged.features.size();
    out.inspectionsLinked = links.linked;
    out.inspectionsOnCarrier = links.onCarrier;
    out.inspectionsUnplaced = links.unplaced;
    out.inspectionsReplaced = links.replaced;
    out.pipesAssessed = conditions.pipesAssessed;
    out.unknownCodes = conditions.unknownCodes;
    out.timings = timings;
    return out;
}

}  // namespace bz::io
