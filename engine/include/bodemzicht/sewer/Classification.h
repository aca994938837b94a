// The condition classification of sewer observations (NEN-EN 13508-2 codes) as data: a table of
// rules, each a main code with optional characterisations and a range of the first
// quantification, giving a class 1 (good) to 5 (very poor) and an aspect. NEN 3399's own class
// limits are not public, so the shipped table (datasets/sewer/condition-nl.toml) names its
// sources and a municipality replaces it with its own intervention thresholds.
//
//     auto table = sewer::ClassificationTable::load("condition.toml");   // or builtIn()
//     auto c = table->classify(observation);   // {class 3, Aspect::Structural, known}
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::sewer {

enum class Aspect { None, Structural, Operational, Infiltration };
std::string_view toCode(Aspect a);  // "structural", ... ; "" for None

struct ClassRule {
    std::string code;                                            // main code, e.g. "BAB"
    std::string char1, char2;                                    // empty: any
    double minValue = -std::numeric_limits<double>::infinity();  // on the first quantification
    double maxValue = std::numeric_limits<double>::infinity();   // [min, max)
    int conditionClass = 0;                                      // 1..5
    std::string note;                                            // what the rule means
};

struct Classified {
    int conditionClass = 0;  // 0: not a defect (inventory, remark, measurement) or no rule
    Aspect aspect = Aspect::None;
    bool knownCode = true;  // false: not a code of EN 13508-2 / RIBX as the table knows them
};

class ClassificationTable {
  public:
    // The table shipped with Bodemzicht (compiled in).
    static const ClassificationTable& builtIn();
    // Reads a table (TOML); errors name the file and the rule.
    static core::Result<ClassificationTable> load(const std::string& path);
    static core::Result<ClassificationTable> parse(std::string_view toml,
                                                   const std::string& origin);

    const std::string& name() const { return mName; }
    const std::vector<std::string>& sources() const { return mSources; }
    const std::vector<ClassRule>& rules() const { return mRules; }

    // The first rule (in file order) whose code, characterisations and range match.
    Classified classify(const model::SewerObservation& o) const;
    // The aspect a main code belongs to (by the table's aspect lists).
    Aspect aspectOf(std::string_view code) const;
    bool knows(std::string_view code) const;

  private:
    std::string mName;
    std::vector<std::string> mSources;
    std::vector<ClassRule> mRules;
    std::vector<std::string> mStructural, mOperational, mInfiltration, mOther;
};

}  // namespace bz::sewer
