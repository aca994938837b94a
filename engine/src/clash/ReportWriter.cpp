#include <bodemzicht/clash/ReportWriter.h>

#include <cmath>

#include "ReportRows.h"

namespace bz::clash {

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
                                                  "probability",
                                                  "a_attributes",
                                                  "b_attributes",
                                                  "substance",
                                                  "excavated_m3",
                                                  "excavated_contaminated_m3",
                                                  "max_concentration",
                                                  "unit",
                                                  "below_glg_m3"};
    return cols;
}

namespace {

using io::Cell;
using io::Column;
using io::ColumnType;

// Columns holding metres, coordinates or a probability: numbers in every format.
bool numericColumn(const std::string& col) {
    return col.ends_with("_m") || col == "x" || col == "y" || col == "z" || col == "a_x" ||
           col == "a_y" || col == "a_z" || col == "b_x" || col == "b_y" || col == "b_z" ||
           col == "probability" || col.ends_with("_m3") || col == "max_concentration";
}

Cell text(std::string s) {
    return s.empty() ? Cell{} : Cell{std::move(s)};
}

std::vector<Cell> rowOf(const Clash& c) {
    auto loc = c.location();
    return {c.id,
            text(c.groupId),
            std::string(toCode(c.kind)),
            std::string(toCode(c.status)),
            text(c.aId),
            text(c.bId),
            text(c.aTheme),
            text(c.bTheme),
            text(c.aOwner),
            text(c.bOwner),
            text(c.aType),
            text(c.bType),
            c.distanceM,
            c.requiredM,
            c.violatedLengthM,
            loc.x,
            loc.y,
            loc.z,
            c.pointA.x,
            c.pointA.y,
            c.pointA.z,
            c.pointB.x,
            c.pointB.y,
            c.pointB.z,
            text(c.relation),
            text(c.rule),
            text(c.ruleSource),
            std::string(c.ruleVerified ? "yes" : "no"),
            std::string(c.assumed.empty() ? "no" : "yes"),
            text(c.assumed),
            c.kind == ClashKind::Possible ? Cell{c.worstShiftM} : Cell{},
            std::string(toCode(c.certainty)),
            c.probability,
            text(c.aAttributes),
            text(c.bAttributes),
            text(c.substance),
            c.excavatedM3,
            c.contaminatedM3,
            c.maxConcentration,
            text(c.unit),
            c.belowGlgM3};
}

}  // namespace

namespace detail {

io::Table reportTable(const ClashReport& report) {
    io::Table t;
    for (const auto& col : csvColumns())
        t.columns.push_back({col, numericColumn(col) ? ColumnType::Real : ColumnType::Text,
                             col == "violated_length_m" || col.ends_with("_m3") ? 2 : 3});
    t.rows.reserve(report.clashes.size());
    for (const auto& c : report.clashes) t.addRow(rowOf(c), c.location());
    return t;
}

core::Result<ClashReport> reportFromTable(const io::Table& t, const std::string& source) {
    for (const char* col : {"clash_id", "kind", "a_id", "b_id", "x", "y", "z"})
        if (!t.column(col))
            return core::fail(
                source, "", std::string("not a Bodemzicht clash report: no column '") + col + "'");
    ClashReport report;
    report.clashes.reserve(t.rows.size());
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        Clash c;
        auto str = [&](const char* n) { return t.text(r, n); };
        auto num = [&](const char* n) { return t.number(r, n); };
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
        c.aType = str("a_type");
        c.bType = str("b_type");
        c.distanceM = num("distance_m");
        c.requiredM = num("required_m");
        c.violatedLengthM = num("violated_length_m");
        c.pointA = {num("a_x"), num("a_y"), num("a_z")};
        c.pointB = {num("b_x"), num("b_y"), num("b_z")};
        if (std::isnan(c.pointA.x)) c.pointA = c.pointB = {num("x"), num("y"), num("z")};
        c.rule = str("rule");
        c.ruleSource = str("rule_source");
        c.ruleVerified = str("rule_verified") == "yes";
        c.assumed = str("assumed_values");
        c.relation = str("relation");
        c.worstShiftM = num("worst_shift_m");
        if (std::isnan(c.worstShiftM)) c.worstShiftM = 0;
        certaintyFromCode(str("certainty"), c.certainty);  // older reports: none
        c.probability = num("probability");
        c.aAttributes = str("a_attributes");
        c.bAttributes = str("b_attributes");
        c.substance = str("substance");
        c.unit = str("unit");
        c.excavatedM3 = num("excavated_m3");
        c.contaminatedM3 = num("excavated_contaminated_m3");
        c.maxConcentration = num("max_concentration");
        c.belowGlgM3 = num("below_glg_m3");
        report.clashes.push_back(std::move(c));
    }
    return report;
}

}  // namespace detail

core::Result<void> writeCsv(const ClashReport& report, const std::string& path) {
    return io::writeTableFile(path, io::TableFormat::Csv, detail::reportTable(report), "clashes");
}

core::Result<void> writeGeoJson(const ClashReport& report, const std::string& path) {
    return io::writeTableFile(path, io::TableFormat::GeoJson, detail::reportTable(report),
                              "clashes");
}

core::Result<ClashReport> readCsv(const std::string& path) {
    auto table = io::readTableFile(path);
    if (!table)
        return core::fail(path, "", "cannot read as a clash report CSV: " + table.error().message);
    return detail::reportFromTable(*table, path);
}

}  // namespace bz::clash
