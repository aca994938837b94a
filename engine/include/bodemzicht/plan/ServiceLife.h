// When an object is due for replacement: a service-life table (rule-set data, per network theme
// or object type and material, with sources) and the replacement window it gives an object from
// its year laid, its material and, for a sewer, the condition class of its latest inspection.
// What the window rests on that was assumed (no year laid, no material the table knows) is said.
//
//     const auto& table = plan::ServiceLifeTable::shipped();
//     auto w = plan::replacementWindow(ds, ds.features[i], table, 2027);
//     w->fromYear, w->toYear, w->assumed;  // "year laid" when it had none
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::plan {

struct TableValue {
    double value = 0;
    std::string source;
    bool verified = false;
};

struct ServiceLife {
    std::vector<std::string> themes, types;  // what it applies to (theme codes, type codes)
    std::vector<std::string> materials;      // words in the material (lower case); empty: any
    int minYears = 0, typicalYears = 0, maxYears = 0;
    std::string source;
    bool verified = false;
};

class ServiceLifeTable {
  public:
    static core::Result<ServiceLifeTable> parse(std::string_view text, const std::string& origin);
    static core::Result<ServiceLifeTable> load(const std::string& path);
    // datasets/rules/service-life-nl.toml, compiled in.
    static const ServiceLifeTable& shipped();

    // The first row for the object's theme or type and material. `byDefault`: matched by the
    // theme's row without materials while the table has rows for particular materials of it.
    const ServiceLife* lifeOf(std::string_view theme, std::string_view type,
                              std::string_view material, bool* byDefault = nullptr) const;

    std::vector<ServiceLife> lives;
    TableValue unknownYearLaid, class5Within, class4Within, class3Within, goodNotBefore,
        overdueWithin, noDigYears, announceMonths;
    std::string origin;
};

struct ReplacementWindow {
    int fromYear = 0, toYear = 0;  // inclusive
    int laidYear = 0;              // as used (assumed when the object had none)
    const ServiceLife* life = nullptr;
    std::string basis;    // "laid 1965 + 60-80 years (beton)", "condition class 4: within 5 years"
    std::string assumed;  // what was assumed: "year laid", "material"; "" when nothing
    bool defaultLife = false;  // a material the table does not list: the theme's default row
};

// The window in which `f` is due, from `startYear` on (a window that has passed is due within
// overdue_within_years). nullopt for what the table has no life for (trees, zones, designs).
std::optional<ReplacementWindow> replacementWindow(const model::Dataset& ds,
                                                   const model::Feature& f,
                                                   const ServiceLifeTable& table, int startYear);

}  // namespace bz::plan
