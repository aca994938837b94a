#include "InspectionLinking.h"

#include <map>
#include <unordered_map>

#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/model/DatasetCopy.h>

namespace bz::io::detail {

namespace {

using model::DetailKind;

std::string pairKey(const std::string& a, const std::string& b) {
    return a < b ? a + '\n' + b : b + '\n' + a;
}

bool isCarrier(const model::Dataset& ds, const model::Feature& f) {
    return ds.str(f.layer) == "ribx";
}

struct Targets {
    // Sewer pipes by node pair and by id, manholes by id; objects of the sewer register before
    // RIBX carriers of other files.
    std::unordered_map<std::string, std::vector<std::uint32_t>> pipesByNodes, pipesById,
        manholesById;

    explicit Targets(const model::Dataset& ds) {
        for (std::uint32_t i = 0; i < ds.features.size(); ++i) {
            const auto& f = ds.features[i];
            if (f.type == model::ObjectType::SewerPipe) {
                if (const auto* sp = ds.sewerOf(f);
                    sp && !sp->beginNode.empty() && !sp->endNode.empty())
                    pipesByNodes[pairKey(sp->beginNode, sp->endNode)].push_back(i);
                pipesById[f.id].push_back(i);
            } else if (f.type == model::ObjectType::Manhole) {
                manholesById[f.id].push_back(i);
            }
        }
    }

    std::optional<std::uint32_t> best(const model::Dataset& ds,
                                      const std::vector<std::uint32_t>* candidates,
                                      std::optional<std::uint32_t> own) const {
        if (!candidates) return std::nullopt;
        std::optional<std::uint32_t> carrier;
        for (auto i : *candidates) {
            if (own && i == *own) continue;
            if (!isCarrier(ds, ds.features[i])) return i;
            if (!carrier) carrier = i;
        }
        // Another file's carrier only where this inspection has none of its own.
        return own ? std::nullopt : carrier;
    }

    std::optional<std::uint32_t> find(const model::Dataset& ds, const model::SewerInspection& in,
                                      std::optional<std::uint32_t> own) const {
        auto lookup = [](const auto& map, const std::string& key) {
            auto it = map.find(key);
            return it == map.end() ? nullptr : &it->second;
        };
        if (in.objectKind == "manhole") return best(ds, lookup(manholesById, in.objectRef), own);
        if (!in.node1.empty() && !in.node2.empty())
            if (auto t = best(ds, lookup(pipesByNodes, pairKey(in.node1, in.node2)), own)) return t;
        if (!in.objectRef.empty()) return best(ds, lookup(pipesById, in.objectRef), own);
        return std::nullopt;
    }
};

}  // namespace

std::vector<model::UnplacedInspection> inspectionsOf(const model::Dataset& ds,
                                                     const model::Feature& f) {
    std::vector<model::UnplacedInspection> out;
    for (const auto* in : ds.detailsOf<model::SewerInspection>(f)) out.push_back({*in, {}});
    for (const auto* o : ds.detailsOf<model::SewerObservation>(f))
        for (auto& g : out)
            if (g.inspection.id == o->inspectionId) g.observations.push_back(*o);
    return out;
}

LinkSummary linkInspections(model::Dataset& ds, std::uint32_t firstIncoming,
                            std::vector<model::UnplacedInspection> orphans,
                            const std::set<std::string>& incomingKeys, ImportReport& report) {
    LinkSummary s;
    auto reimported = [&](const model::SewerInspection& in) {
        return incomingKeys.count(sourceKey(in.file)) > 0;
    };
    // Where every inspection goes: a feature of `ds`, or nowhere.
    struct Move {
        model::UnplacedInspection group;
        std::uint32_t target;
    };
    std::vector<Move> moves;
    // Inspection ids ("<file name>#<n>") are unique in a project: a file name is its source key.
    std::set<std::string> movedIds;  // inspection ids leaving their feature
    std::set<std::string> staleIds;  // inspection ids of a file imported again, dropped
    Targets targets(ds);

    bool any = !orphans.empty() || !ds.unplacedInspections.empty();
    for (std::uint32_t i = 0; i < ds.features.size(); ++i) {
        const auto& f = ds.features[i];
        if (!ds.firstDetail<model::SewerInspection>(f)) continue;
        any = true;
        for (auto& g : inspectionsOf(ds, f)) {
            if (i < firstIncoming && reimported(g.inspection)) {
                staleIds.insert(g.inspection.id);
                ++s.replaced;
                continue;
            }
            const bool ownCarrier = isCarrier(ds, f) && ds.str(f.source) == g.inspection.file;
            if (auto t =
                    targets.find(ds, g.inspection, ownCarrier ? std::optional(i) : std::nullopt);
                t && *t != i) {
                movedIds.insert(g.inspection.id);
                moves.push_back({std::move(g), *t});
                ++s.linked;
            } else if (ownCarrier) {
                ++s.onCarrier;
            }
            // else: already on the project's pipe (an earlier import's link), stays
        }
    }
    if (!any) return s;
    // Inspections without a carrier: of this import's files with no coordinates, and of objects
    // the import replaced.
    auto place = [&](model::UnplacedInspection&& g, bool fromReplaced) {
        if (fromReplaced && reimported(g.inspection)) {
            ++s.replaced;
            return;
        }
        if (auto t = targets.find(ds, g.inspection, std::nullopt)) {
            moves.push_back({std::move(g), *t});
            ++s.linked;
            return;
        }
        ++s.unplaced;
        const std::string& id =
            g.inspection.objectRef.empty() ? g.inspection.id : g.inspection.objectRef;
        report.skip(g.inspection.objectKind == "manhole" ? "ribx manhole inspections"
                                                         : "ribx pipe inspections",
                    {g.inspection.file, id,
                     "unplaced: no " +
                         std::string(g.inspection.objectKind == "manhole"
                                         ? "manhole with this id"
                                         : "sewer pipe between nodes " + g.inspection.node1 +
                                               " and " + g.inspection.node2) +
                         " in the project and no coordinates to place it by; its " +
                         std::to_string(g.observations.size()) + " observations are not imported"});
    };
    for (auto& g : orphans) place(std::move(g), true);
    auto pending = std::move(ds.unplacedInspections);
    ds.unplacedInspections.clear();
    for (auto& g : pending) place(std::move(g), false);

    // Rebuild: carriers left without inspections go, moved and stale records go, moved ones
    // are attached to their targets.
    std::vector<bool> keep(ds.features.size(), true);
    {
        std::vector<int> remaining(ds.features.size(), 0);
        for (std::uint32_t i = 0; i < ds.features.size(); ++i)
            for (const auto* in : ds.detailsOf<model::SewerInspection>(ds.features[i])) {
                if (!movedIds.count(in->id) && !staleIds.count(in->id)) ++remaining[i];
            }
        for (std::uint32_t i = 0; i < ds.features.size(); ++i)
            if (isCarrier(ds, ds.features[i]) && remaining[i] == 0 &&
                ds.firstDetail<model::SewerInspection>(ds.features[i])) {
                keep[i] = false;
                ++s.carriersDropped[sourceKey(ds.str(ds.features[i].source))];
            }
    }
    std::vector<std::uint32_t> newIndex(ds.features.size(), model::kNoDetail);
    model::Dataset out;
    std::uint32_t n = 0;
    for (std::uint32_t i = 0; i < ds.features.size(); ++i)
        if (keep[i]) newIndex[i] = n++;
    const model::Dataset& from = ds;
    auto keepDetail = [&](const model::Dataset::DetailLink& l) {
        const std::string* id =
            l.kind == DetailKind::SewerInspection    ? &from.inspections[l.index].id
            : l.kind == DetailKind::SewerObservation ? &from.observations[l.index].inspectionId
                                                     : nullptr;
        return !id || (!movedIds.count(*id) && !staleIds.count(*id));
    };
    model::appendDataset(
        ds, out, [&](std::uint32_t i) { return keep[i]; }, keepDetail);
    out.ground = ds.ground;
    out.fields = ds.fields;
    for (auto& m : moves) {
        std::uint32_t t = newIndex[m.target];
        if (t == model::kNoDetail) {  // a carrier that went: say so rather than lose it
            ++s.unplaced;
            report.skip("ribx pipe inspections",
                        {m.group.inspection.file, m.group.inspection.objectRef,
                         "unplaced: the object it was linked to left the project"});
            continue;
        }
        out.attach(t, std::move(m.group.inspection));
        for (auto& o : m.group.observations) out.attach(t, std::move(o));
    }
    ds = std::move(out);
    return s;
}

}  // namespace bz::io::detail
