#include "OgrFields.h"

#include <bodemzicht/model/Themes.h>

#include <cctype>
#include <cmath>

namespace bz::io::detail {

core::Result<model::Dataset::Meta> readCommonMeta(
    const OGRFeature& f, const FieldIndex& idx, const std::string& file, const std::string& layer,
    std::map<std::string, std::size_t>& unknownThemes) {
    model::Dataset::Meta m;
    int iId = idx("id");
    if (iId < 0) return core::fail(file, "", "layer '" + layer + "' has no 'id' column");
    m.id = str(f, iId);
    if (m.id.empty()) return core::fail(file, "FID " + std::to_string(f.GetFID()), "empty 'id'");
    if (auto nan = firstNotANumber(f, idx)) return core::fail(file, m.id, *nan);
    m.layer = idx("layer") >= 0 && isSet(f, idx("layer")) ? str(f, idx("layer")) : layer;
    m.theme = str(f, idx("theme"));
    if (m.theme.empty()) {
        m.theme = std::string(model::themes::kFallback);
        ++unknownThemes["(missing)"];
    } else if (!model::themes::isKnown(m.theme)) {
        ++unknownThemes[m.theme];
    }
    m.owner = str(f, idx("owner"));
    m.material = str(f, idx("material"));
    m.source =
        idx("source_file") >= 0 && isSet(f, idx("source_file")) ? str(f, idx("source_file")) : file;
    std::string status = str(f, idx("status"));
    if (status.empty()) {
        m.status = model::ObjectStatus::Existing;  // KLIC and registers hold existing objects
    } else if (auto s = model::statusFromCode(status)) {
        m.status = *s;
    } else {
        return core::fail(file, m.id,
                          "status '" + status + "' is not one of " + statusCodes());
    }
    auto dates = readDates(f, idx, file, m.id);
    if (!dates) return std::unexpected(dates.error());
    m.dates = *dates;
    double acc = num(f, idx("horizontal_accuracy_m"));
    if (!std::isnan(acc)) {
        if (acc < 0) return core::fail(file, m.id, "horizontal_accuracy_m is negative");
        m.horizontalAccuracyM = static_cast<float>(acc);
    }
    return m;
}

std::string statusCodes() {
    std::string out;
    for (auto st : model::kStatuses) out += (out.empty() ? "" : ", ") + std::string(model::toCode(st));
    return out;
}

namespace {

// A date column: an OGR date, or text as ISO 8601 (1975, 1975-03, 1975-03-12).
core::Result<model::Date> dateOf(const OGRFeature& f, int i, const char* column,
                                 const std::string& file, const std::string& id) {
    if (!isSet(f, i)) return model::Date();
    const auto type = f.GetFieldDefnRef(i)->GetType();
    if (type == OFTDate || type == OFTDateTime) {
        int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
        float sec = 0;
        f.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &sec, &tz);
        model::Date date = model::Date::of(y, mo, d);
        if (!date.known())
            return core::fail(file, id, std::string(column) + " " + f.GetFieldAsString(i) +
                                            " is not a valid date");
        return date;
    }
    std::string text = f.GetFieldAsString(i);
    if (core::trimmed(text).empty()) return model::Date();
    if (auto date = model::Date::parse(text)) return *date;
    return core::fail(file, id,
                      std::string(column) + " '" + text.substr(0, 40) +
                          "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
}

}  // namespace

core::Result<model::Lifecycle> readDates(const OGRFeature& f, const FieldIndex& idx,
                                         const std::string& file, const std::string& id) {
    model::Lifecycle l;
    for (auto [column, out] : {std::pair{"laid_date", &l.laid}, {"planned_date", &l.planned},
                               {"out_of_service_date", &l.outOfService},
                               {"end_of_life_date", &l.endOfLife}}) {
        auto d = dateOf(f, idx(column), column, file, id);
        if (!d) return std::unexpected(d.error());
        *out = *d;
    }
    if (!l.laid.known()) {
        double year = num(f, idx("year"));
        if (!std::isnan(year)) {
            if (year < 1800 || year > 2100 || year != std::floor(year))
                return core::fail(file, id,
                                  "year " + std::to_string(static_cast<long>(year)) +
                                      " is not plausible");
            l.laid = model::Date::of(static_cast<int>(year));
        }
    }
    return l;
}

std::vector<std::pair<std::string, model::AttributeValue>> otherAttributes(
    const OGRFeature& f, const std::set<std::string>& schema) {
    std::vector<std::pair<std::string, model::AttributeValue>> out;
    const OGRFeatureDefn* defn = f.GetDefnRef();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const OGRFieldDefn* fd = defn->GetFieldDefn(i);
        std::string name = fd->GetNameRef();
        if (schema.count(lowerAscii(name)) || !isSet(f, i)) continue;
        switch (fd->GetType()) {
            case OFTInteger:
            case OFTInteger64:
                if (fd->GetSubType() == OFSTBoolean)
                    out.emplace_back(name, f.GetFieldAsInteger(i) != 0);
                else
                    out.emplace_back(name, static_cast<std::int64_t>(f.GetFieldAsInteger64(i)));
                break;
            case OFTReal: out.emplace_back(name, f.GetFieldAsDouble(i)); break;
            case OFTDate: {
                int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
                float sec = 0;
                f.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &sec, &tz);
                model::Date date = model::Date::of(y, mo, d);
                if (date.known()) {
                    out.emplace_back(name, date);
                    break;
                }
                [[fallthrough]];
            }
            default: out.emplace_back(name, std::string(f.GetFieldAsString(i))); break;
        }
    }
    return out;
}

std::optional<std::string> firstNotANumber(const OGRFeature& f, const FieldIndex& idx) {
    for (const char* col :
         {"diameter_mm", "year", "depth_m", "depth_uncertainty_m", "top_m", "bottom_m", "width_m",
          "diameter_m", "length_m", "horizontal_accuracy_m", "concentration"})
        if (auto e = notANumber(f, idx(col), col)) return e;
    return std::nullopt;
}

void reportUnknownThemes(const std::map<std::string, std::size_t>& unknownThemes,
                         const std::string& file, ImportReport& report) {
    for (const auto& [theme, count] : unknownThemes)
        report.warn({file, "",
                     theme == "(missing)"
                         ? std::to_string(count) + " features without a theme, handled as 'overig'"
                         : "unknown theme '" + theme + "' on " + std::to_string(count) +
                               " features: kept as given, handled as 'overig' by the rules"});
}

std::string lowerAscii(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

int findColumn(OGRFeatureDefn* defn, std::initializer_list<const char*> names) {
    for (const char* n : names)
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            if (lowerAscii(defn->GetFieldDefn(i)->GetNameRef()) == lowerAscii(n)) return i;
    return -1;
}

core::Result<std::optional<CrsTransform>> layerTransform(
    OGRLayer& layer, const std::optional<std::string>& fallbackCrs, bool threeD) {
    std::string crs;
    if (const OGRSpatialReference* srs = layer.GetSpatialRef()) {
        char* wkt = nullptr;
        const char* opts[] = {"FORMAT=WKT2_2019", nullptr};
        srs->exportToWkt(&wkt, opts);
        crs = wkt ? wkt : "";
        CPLFree(wkt);
    } else if (fallbackCrs) {
        crs = *fallbackCrs;
    } else {
        return core::fail("", "",
                          std::string("layer '") + layer.GetName() +
                              "' has no CRS; give one with --crs (e.g. EPSG:28992)");
    }
    auto t = CrsTransform::create(crs, threeD);
    if (!t) return std::unexpected(t.error());
    if (t->isIdentity()) return std::optional<CrsTransform>();
    return std::optional<CrsTransform>(std::move(*t));
}

std::optional<std::string> checkNonNegative(double v, const char* column, double maxPlausible) {
    if (std::isnan(v)) return std::nullopt;
    if (!std::isfinite(v)) return std::string(column) + " is not a finite number";
    if (v < 0) return std::string(column) + " is negative (" + std::to_string(v) + ")";
    if (v > maxPlausible)
        return std::string(column) + " " + std::to_string(v) + " is implausibly large (> " +
               std::to_string(maxPlausible) + ")";
    return std::nullopt;
}

}  // namespace bz::io::detail
