// A pipe's condition from its inspections: every observation classified by the table, then per
// pipe the worst class per aspect and overall from its latest inspections (all of the latest
// date: an inspection abandoned halfway is often finished from the other manhole the same day),
// stored on the pipe as a
// SewerCondition record (the project writes it as condition_class in the networks layer).
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/sewer/Classification.h>

namespace bz::sewer {

struct ConditionSummary {
    std::size_t pipesAssessed = 0, observations = 0, classified = 0, unknownCodes = 0;
    std::map<std::string, std::size_t> unknownByCode;  // kept, not classified: to report
};

// Classifies every observation of `ds` and replaces every feature's SewerCondition record by one
// from its latest inspection (none for a feature without inspections).
ConditionSummary assessConditions(model::Dataset& ds, const ClassificationTable& table);

// The condition of one feature from its inspections of the latest date (observations already
// classified).
model::SewerCondition conditionOf(const model::Dataset& ds, const model::Feature& f,
                                  const std::string& tableName);

}  // namespace bz::sewer
