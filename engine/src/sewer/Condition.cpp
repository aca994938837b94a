#include <bodemzicht/sewer/Condition.h>

#include <bodemzicht/model/DatasetCopy.h>

#include <algorithm>

namespace bz::sewer {

model::SewerCondition conditionOf(const model::Dataset& ds, const model::Feature& f,
                                  const std::string& tableName) {
    model::SewerCondition c;
    c.table = tableName;
    // The inspections of the latest date stand for the pipe.
    auto inspections = ds.detailsOf<model::SewerInspection>(f);
    if (inspections.empty()) return c;
    for (const auto* i : inspections)
        if (c.inspected < i->date) c.inspected = i->date;
    std::vector<std::string> latest;
    for (const auto* i : inspections)
        if (i->date == c.inspected) {
            latest.push_back(i->id);
            c.inspectionId += (c.inspectionId.empty() ? "" : ",") + i->id;
        }
    for (const auto* o : ds.detailsOf<model::SewerObservation>(f)) {
        if (std::find(latest.begin(), latest.end(), o->inspectionId) == latest.end()) continue;
        ++c.observations;
        if (!o->knownCode) ++c.unknownCodes;
        if (o->conditionClass < 1 || o->conditionClass > 5) continue;
        ++c.classified;
        ++c.perClass[o->conditionClass - 1];
        int* aspect = o->aspect == "structural"     ? &c.structural
                      : o->aspect == "operational"  ? &c.operational
                      : o->aspect == "infiltration" ? &c.infiltration
                                                    : nullptr;
        if (aspect) *aspect = std::max(*aspect, o->conditionClass);
        c.overall = std::max(c.overall, o->conditionClass);
    }
    return c;
}

ConditionSummary assessConditions(model::Dataset& ds, const ClassificationTable& table) {
    ConditionSummary s;
    for (auto& o : ds.observations) {
        auto k = table.classify(o);
        o.conditionClass = k.conditionClass;
        o.aspect = std::string(toCode(k.aspect));
        o.knownCode = k.knownCode;
        ++s.observations;
        if (k.conditionClass) ++s.classified;
        if (!k.knownCode) ++s.unknownCodes, ++s.unknownByCode[o.code];
    }
    // Conditions are derived: drop the old ones, then add one per feature with inspections.
    bool anyOld = !ds.conditions.empty();
    if (anyOld) {
        model::Dataset rebuilt;
        rebuilt.fields = ds.fields;
        rebuilt.ground = ds.ground;
        model::appendDataset(ds, rebuilt, {}, [](const model::Dataset::DetailLink& l) {
            return l.kind != model::DetailKind::SewerCondition;
        });
        rebuilt.fields = ds.fields;
        rebuilt.ground = ds.ground;
        ds = std::move(rebuilt);
    }
    for (std::uint32_t i = 0; i < ds.features.size(); ++i) {
        const auto& f = ds.features[i];
        if (!ds.firstDetail<model::SewerInspection>(f)) continue;
        ds.attach(i, conditionOf(ds, f, table.name()));
        ++s.pipesAssessed;
    }
    return s;
}

}  // namespace bz::sewer
