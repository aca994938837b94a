// Reading the common attribute columns (id, theme, owner, status, year, material, ...) from an OGR
// feature, shared by the project store and the generic importer.
#pragma once

#include <ogrsf_frmts.h>

#include <cmath>
#include <cstring>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/core/Parse.h>
#include <bodemzicht/io/CrsTransform.h>
#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io::detail {

// Field indices of one layer, looked up once by name (-1 when the column is absent). Callers pass
// string literals, so the cache is keyed by the literal's address: no string is built per feature.
class FieldIndex {
  public:
    explicit FieldIndex(OGRFeatureDefn* defn) : mDefn(defn) {}
    int operator()(const char* name) const {
        for (const auto& [key, index] : mCache)
            if (key == name) return index;
        int i = mDefn->GetFieldIndex(name);
        // Shapefiles (DBF) cut column names to 10 characters: diameter_mm arrives as diameter_m.
        if (i < 0 && std::strlen(name) > 10)
            i = mDefn->GetFieldIndex(std::string(name, 10).c_str());
        mCache.emplace_back(name, i);
        return i;
    }

  private:
    OGRFeatureDefn* mDefn;
    mutable std::vector<std::pair<const char*, int>> mCache;
};

inline bool isSet(const OGRFeature& f, int i) {
    return i >= 0 && f.IsFieldSetAndNotNull(i);
}
inline std::string str(const OGRFeature& f, int i) {
    return isSet(f, i) ? f.GetFieldAsString(i) : "";
}
inline bool isTextField(const OGRFeature& f, int i) {
    return f.GetFieldDefnRef(i)->GetType() == OFTString;
}
// NaN when absent, null, or text that is not a number (checked: "12abc" is not 12; a decimal
// comma is read as a point, as Dutch registers write them).
inline double num(const OGRFeature& f, int i) {
    if (!isSet(f, i)) return NAN;
    if (!isTextField(f, i)) return f.GetFieldAsDouble(i);
    std::string text = f.GetFieldAsString(i);
    if (text.find('.') == std::string::npos)
        for (auto& c : text)
            if (c == ',') c = '.';
    return core::parseNumber(text).value_or(NAN);
}

// Reads the common columns; fails (naming the column) when `id` is missing or the status is not a
// known code. Unknown themes are kept and counted in `unknownThemes`.
core::Result<model::Dataset::Meta> readCommonMeta(
    const OGRFeature& f, const FieldIndex& idx, const std::string& file, const std::string& layer,
    std::map<std::string, std::size_t>& unknownThemes);

// The status codes a column may hold, for messages.
std::string statusCodes();

// The lifecycle dates of the columns laid_date (else year), planned_date, out_of_service_date,
// end_of_life_date: OGR dates or ISO text; an error names a value that is not a date.
core::Result<model::Lifecycle> readDates(const OGRFeature& f, const FieldIndex& idx,
                                         const std::string& file, const std::string& id);

// The feature's columns that are not in `schema` (lower-case names) as typed attributes.
std::vector<std::pair<std::string, model::AttributeValue>> otherAttributes(
    const OGRFeature& f, const std::set<std::string>& schema);

// One warning per unknown theme with its count.
void reportUnknownThemes(const std::map<std::string, std::size_t>& unknownThemes,
                         const std::string& file, ImportReport& report);

// A numeric column that is set but holds NaN or infinity (as opposed to null = unknown).
inline std::optional<std::string> notANumber(const OGRFeature& f, int i, const char* column) {
    if (!isSet(f, i)) return std::nullopt;
    if (isTextField(f, i) && core::trimmed(f.GetFieldAsString(i)).empty()) return std::nullopt;
    if (std::isfinite(num(f, i))) return std::nullopt;
    return std::string(column) + " is '" + std::string(f.GetFieldAsString(i)).substr(0, 40) +
           "', not a number";
}
// The first of the usual numeric columns that holds NaN or infinity.
std::optional<std::string> firstNotANumber(const OGRFeature& f, const FieldIndex& idx);

// Lower-case ASCII copy.
std::string lowerAscii(std::string s);
// Index of the first of `names` (case-insensitive) among the layer's columns, or -1.
int findColumn(OGRFeatureDefn* defn, std::initializer_list<const char*> names);

// A transform from the layer's CRS (or `fallbackCrs` when the layer has none) to RD New, with NAP
// heights when `threeD`; std::nullopt inside when the layer is in RD already. An error when there
// is no CRS at all or PROJ cannot transform it.
core::Result<std::optional<CrsTransform>> layerTransform(
    OGRLayer& layer, const std::optional<std::string>& fallbackCrs, bool threeD);

// A number that must be finite and >= 0 when present: NaN when absent, error text otherwise.
std::optional<std::string> checkNonNegative(double v, const char* column, double maxPlausible);

}  // namespace bz::io::detail
