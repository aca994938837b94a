#include <bodemzicht/io/ProjectImport.h>

#include <bodemzicht/io/CoverGround.h>

#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/ProjectWrite.h>
#include <bodemzicht/io/Relevel.h>
#include <bodemzicht/model/DatasetCopy.h>
#include <bodemzicht/sewer/Condition.h>

#include "InspectionLinking.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

namespace bz::io {

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
                                 "ground: " + ground.describe()});
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
    for (const auto& g : incoming.unplacedInspections) incomingKeys.insert(sourceKey(g.inspection.file));
    auto links = detail::linkInspections(merged, firstIncoming, std::move(orphans), incomingKeys,
                                         report);
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
        if (auto covers = groundFromCoverLevels(merged, request.options.defaults.coverGroundRadiusM)) {
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
