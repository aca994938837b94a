#include <bodemzicht/clash/ReportWriter.h>

#include <ogrsf_frmts.h>
#include <nlohmann/json.hpp>

#include <memory>

#include "../io/GdalErrors.h"
#include "ReportRows.h"

#include <cmath>
#include <cstdio>
#include <fstream>

namespace bz::clash {

namespace {

std::string number(double v, int decimals = 3) {
    if (std::isnan(v)) return "";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

namespace detail {

std::vector<std::string> rowOf(const Clash& c) {
    auto loc = c.location();
    return {c.id,
            c.groupId,
            std::string(toCode(c.kind)),
            std::string(toCode(c.status)),
            c.aId,
            c.bId,
            c.aTheme,
            c.bTheme,
            c.aOwner,
            c.bOwner,
            c.aType,
            c.bType,
            number(c.distanceM),
            number(c.requiredM),
            number(c.violatedLengthM, 2),
            number(loc.x),
            number(loc.y),
            number(loc.z),
            number(c.pointA.x),
            number(c.pointA.y),
            number(c.pointA.z),
            number(c.pointB.x),
            number(c.pointB.y),
            number(c.pointB.z),
            c.relation,
            c.rule,
            c.ruleSource,
            c.ruleVerified ? "yes" : "no",
            c.assumed.empty() ? "no" : "yes",
            c.assumed,
            c.kind == ClashKind::Possible ? number(c.worstShiftM) : "",
            std::string(toCode(c.certainty)),
            number(c.probability)};
}

}  // namespace detail

const std::vector<std::string>& csvColumns() {
    static const std::vector<std::string> cols = {"clash_id",
                                                  "group_id",
                                                  "kind",
                                                  "status",
                                                  "a_id",
                                                  "b_id",
                                                  "a_theme",
                                                  "b_theme",
                                                  "a_owner",
                                                  "b_owner",
                                                  "a_type",
                                                  "b_type",
                                                  "distance_m",
                                                  "required_m",
                                                  "violated_length_m",
                                                  "x",
                                                  "y",
                                                  "z",
                                                  "a_x",
                                                  "a_y",
                                                  "a_z",
                                                  "b_x",
                                                  "b_y",
                                                  "b_z",
                                                  "relation",
                                                  "rule",
                                                  "rule_source",
                                                  "rule_verified",
                                                  "depends_on_assumed",
                                                  "assumed_values",
                                                  "worst_shift_m",
                                                  "certainty",
                                                  "probability"};
    return cols;
}

core::Result<void> writeCsv(const ClashReport& report, const std::string& path) {
    std::ofstream out(path);
    if (!out) return core::fail(path, "", "cannot write the clash report");
    const auto& cols = csvColumns();
    for (std::size_t i = 0; i < cols.size(); ++i) out << (i ? "," : "") << cols[i];
    out << "\n";
    for (const auto& c : report.clashes) {
        auto row = detail::rowOf(c);
        for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << csvField(row[i]);
        out << "\n";
    }
    if (!out) return core::fail(path, "", "error while writing the clash report");
    return {};
}

core::Result<void> writeGeoJson(const ClashReport& report, const std::string& path) {
    using nlohmann::json;
    json fc = {
        {"type", "FeatureCollection"},
        {"name", "clashes"},
        {"crs", {{"type", "name"}, {"properties", {{"name", "urn:ogc:def:crs:EPSG::28992"}}}}},
        {"features", json::array()}};
    const auto& cols = csvColumns();
    for (const auto& c : report.clashes) {
        auto row = detail::rowOf(c);
        json props = json::object();
        for (std::size_t i = 0; i < cols.size(); ++i) {
            const std::string& col = cols[i];
            bool numeric = col.ends_with("_m") || col == "x" || col == "y" || col == "z" ||
                           col.starts_with("a_x") || col.starts_with("a_y") ||
                           col.starts_with("a_z") || col.starts_with("b_x") ||
                           col.starts_with("b_y") || col.starts_with("b_z") ||
                           col == "probability";
            if (numeric)
                props[col] = row[i].empty() ? json(nullptr) : json(std::stod(row[i]));
            else
                props[col] = row[i];
        }
        auto loc = c.location();
        fc["features"].push_back(
            {{"type", "Feature"},
             {"id", c.id},
             {"geometry", {{"type", "Point"}, {"coordinates", {loc.x, loc.y, loc.z}}}},
             {"properties", props}});
    }
    std::ofstream out(path);
    if (!out) return core::fail(path, "", "cannot write the GeoJSON report");
    out << fc.dump(1) << "\n";
    return {};
}

core::Result<ClashReport> readCsv(const std::string& path) {
    io::detail::registerGdalOnce();
    io::detail::GdalErrorCapture errors;
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!ds || ds->GetLayerCount() != 1)
        return core::fail(path, "", "cannot read as a clash report CSV" + errors.because(path));
    return detail::readReportLayer(*ds->GetLayer(0), path);
}

namespace detail {

core::Result<ClashReport> readReportLayer(OGRLayer& layer, const std::string& source) {
    for (const char* col : {"clash_id", "kind", "a_id", "b_id", "x", "y", "z"})
        if (layer.GetLayerDefn()->GetFieldIndex(col) < 0)
            return core::fail(
                source, "", std::string("not a Bodemzicht clash report: no column '") + col + "'");
    ClashReport report;
    for (auto& f : layer) {
        Clash c;
        auto str = [&](const char* n) { return std::string(f->GetFieldAsString(n)); };
        auto num = [&](const char* n) {
            int i = f->GetFieldIndex(n);
            return i >= 0 && f->IsFieldSetAndNotNull(i) && *f->GetFieldAsString(i)
                       ? f->GetFieldAsDouble(i)
                       : NAN;
        };
        c.id = str("clash_id");
        if (!clashKindFromCode(str("kind"), c.kind))
            return core::fail(source, c.id, "unknown clash kind '" + str("kind") + "'");
        clashStatusFromCode(str("status"), c.status);
        c.groupId = str("group_id");
        c.aId = str("a_id");
        c.bId = str("b_id");
        c.aTheme = str("a_theme");
        c.bTheme = str("b_theme");
        c.aOwner = str("a_owner");
        c.bOwner = str("b_owner");
        c.distanceM = num("distance_m");
        c.requiredM = num("required_m");
        c.violatedLengthM = num("violated_length_m");
        c.pointA = {num("a_x"), num("a_y"), num("a_z")};
        c.pointB = {num("b_x"), num("b_y"), num("b_z")};
        if (std::isnan(c.pointA.x)) c.pointA = c.pointB = {num("x"), num("y"), num("z")};
        c.rule = str("rule");
        c.relation = str("relation");
        certaintyFromCode(str("certainty"), c.certainty);  // older reports: none
        c.probability = num("probability");
        report.clashes.push_back(std::move(c));
    }
    return report;
}

}  // namespace detail

}  // namespace bz::clash
