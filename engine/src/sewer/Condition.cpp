#include <bodemzicht/sewer/Condition.h>

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
    // Conditions are derived: each feature's record is replaced in place (no copy of the whole
    // dataset on every import); a feature without inspections keeps none.
    for (std::uint32_t i = 0; i < ds.features.size(); ++i) {
        auto& f = ds.features[i];
        if (f.firstDetail == model::kNoDetail) continue;
        const bool inspected = ds.firstDetail<model::SewerInspection>(f) != nullptr;
        model::SewerCondition fresh;
        if (inspected) fresh = conditionOf(ds, f, table.name());
        bool placed = false;
        for (std::uint32_t* link = &f.firstDetail; *link != model::kNoDetail;) {
            auto& l = ds.detailLinks[*link];
            if (l.kind != model::DetailKind::SewerCondition) {
                link = &l.next;
            } else if (inspected && !placed) {
                ds.conditions[l.index] = fresh;
                placed = true;
                link = &l.next;
            } else {
                *link = l.next;  // an old record with nothing behind it: unlinked
            }
        }
        if (inspected && !placed) ds.attach(i, std::move(fresh));
        if (inspected) ++s.pipesAssessed;
    }
    return s;
}

}  // namespace bz::sewer
