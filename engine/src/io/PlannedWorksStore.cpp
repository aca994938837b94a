#include <bodemzicht/core/Limits.h>
#include <bodemzicht/io/PlannedWorksStore.h>
#include <bodemzicht/io/Table.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <set>

#include "GdalErrors.h"
#include "LineCodec.h"
#include "OgrFields.h"

namespace bz::io {

namespace {

constexpr const char* kPlannedWorksTable = "planned_works";

// A date as a layer gives it: an ISO text (GDAL writes date fields as 2027/05/01) or a year.
std::optional<model::Date> dateOf(const OGRFeature& f, int col) {
    if (col < 0 || !detail::isSet(f, col)) return std::nullopt;
    std::string text(core::trimmed(f.GetFieldAsString(col)));
    std::replace(text.begin(), text.end(), '/', '-');
    if (text.empty()) return std::nullopt;
    if (auto d = model::Date::parse(text)) return d;
    // A year written as a number with decimals ("2027.0").
    const double y = detail::num(f, col);
    if (std::isfinite(y) && y == std::floor(y) && y > 1800 && y < 2300)
        return model::Date::of(static_cast<int>(y));
    return std::nullopt;
}

// Every column of the layer with one of these names (a layer may hold several spellings, each
// filled in by some features).
std::vector<int> columnsNamed(OGRFeatureDefn* defn, std::initializer_list<const char*> names) {
    std::vector<int> out;
    for (const char* n : names)
        if (const int c = defn->GetFieldIndex(n); c >= 0) out.push_back(c);
    return out;
}

std::optional<model::Date> firstDate(const OGRFeature& f, const std::vector<int>& cols) {
    for (int c : cols)
        if (auto d = dateOf(f, c)) return d;
    return std::nullopt;
}

std::string firstText(const OGRFeature& f, const std::vector<int>& cols) {
    for (int c : cols)
        if (auto s = detail::str(f, c); !s.empty()) return s;
    return "";
}

}  // namespace

core::Result<PlannedWorksRead> readPlannedWorksSource(
    const std::string& path, const std::optional<std::string>& fallbackCrs) {
    detail::registerGdalOnce();
    detail::GdalErrorCapture errors;
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!ds) return core::fail(path, "", "cannot be read as a GIS layer" + errors.because(path));
    PlannedWorksRead out;
    const std::string source = std::filesystem::path(path).filename().string();
    std::set<std::string> ids;
    for (OGRLayer* layer : ds->GetLayers()) {
        if (!layer) continue;
        auto transform = detail::layerTransform(*layer, fallbackCrs, false);
        if (!transform) return core::fail(path, layer->GetName(), transform.error().message);
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        const auto idCols = columnsNamed(defn, {"id", "werk_id", "identificatie"});
        const auto ownerCols =
            columnsNamed(defn, {"owner", "eigenaar", "beheerder", "netbeheerder"});
        const auto kindCols = columnsNamed(defn, {"kind", "soort", "werk", "omschrijving"});
        const auto startCols = columnsNamed(defn, {"start", "startdatum", "start_date", "begin"});
        const auto endCols = columnsNamed(defn, {"end", "einddatum", "end_date", "eind"});
        const auto yearCols = columnsNamed(defn, {"year", "jaar", "planjaar"});
        layer->ResetReading();
        for (auto& feature : *layer) {
            std::string id = firstText(*feature, idCols);
            if (id.empty())
                id = std::string(layer->GetName()) + "-" + std::to_string(feature->GetFID());
            std::vector<std::pair<std::vector<core::Vec2>, bool>> lines;
            if (const OGRGeometry* g = feature->GetGeometryRef()) detail::collectLines(g, lines);
            if (lines.empty()) {
                out.skipped.push_back(path + ": " + id + ": no line or polygon, left out");
                continue;
            }
            auto start = firstDate(*feature, startCols), end = firstDate(*feature, endCols);
            if (!start && !end)
                if (auto year = firstDate(*feature, yearCols)) start = end = year;
            if (start && !end) end = start;
            if (end && !start) start = end;
            if (!start) {
                out.skipped.push_back(path + ": " + id +
                                      ": no date (start/end or year), left out of the plan");
                continue;
            }
            if (end->year() < start->year()) {
                out.skipped.push_back(path + ": " + id + ": ends (" + end->toString() +
                                      ") before it starts (" + start->toString() + "), left out");
                continue;
            }
            for (std::size_t k = 0; k < lines.size(); ++k) {
                auto& pts = lines[k].first;
                // A polygon's outline: closed, so its last side counts too.
                if (lines[k].second && pts.size() > 2 && !(pts.front() == pts.back()))
                    pts.push_back(pts.front());
                if (*transform)
                    for (auto& p : pts) {
                        auto q = (*transform)->apply({p.x, p.y, 0});
                        if (!q) return core::fail(path, id, q.error().message);
                        p = q->xy();
                    }
                model::PlannedWork w;
                w.id = lines.size() > 1 ? id + "#" + std::to_string(k + 1) : id;
                if (!ids.insert(w.id).second) {
                    out.skipped.push_back(path + ": " + w.id +
                                          ": the id is used twice; the second left out");
                    continue;
                }
                w.owner = firstText(*feature, ownerCols);
                w.kind = firstText(*feature, kindCols);
                w.start = *start;
                w.end = *end;
                w.line = std::move(pts);
                w.source = source;
                out.works.push_back(std::move(w));
                if (out.works.size() > core::limits().streetSegments)
                    return core::fail(path, layer->GetName(),
                                      core::overLimit("the planned works", "street-segments"));
            }
        }
    }
    if (out.works.empty())
        return core::fail(path, "",
                          "has no planned works with a place and a date (" +
                              std::to_string(out.skipped.size()) + " left out)");
    return out;
}

namespace {

// The works of a planned_works table (absent: none).
core::Result<model::PlannedWorks> worksOf(const std::optional<Table>& table,
                                          const std::string& project) {
    model::PlannedWorks out;
    if (!table) return out;
    const Table& t = *table;
    if (t.rows.size() > core::limits().streetSegments)
        return core::fail(project, kPlannedWorksTable,
                          core::overLimit("the planned works", "street-segments"));
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const std::string where = "planned_works row " + std::to_string(r + 1);
        auto pts = detail::decodeLine(t.text(r, "points"));
        if (!pts || pts->size() < 2)
            return core::fail(project, where, "points are not a list of 'x y' pairs");
        auto start = model::Date::parse(t.text(r, "start")),
             end = model::Date::parse(t.text(r, "end"));
        if (!start || !end) return core::fail(project, where, "start or end is not a date");
        model::PlannedWork w;
        w.id = t.text(r, "work_id");
        w.owner = t.text(r, "owner");
        w.kind = t.text(r, "kind");
        w.start = *start;
        w.end = *end;
        w.source = t.text(r, "source");
        w.line = std::move(*pts);
        out.push_back(std::move(w));
    }
    return out;
}

}  // namespace

core::Result<void> storePlannedWorks(const std::string& project, const model::PlannedWorks& works,
                                     const std::string& source) {
    // Read under the write lock, in the transaction: another source stored meanwhile is kept.
    auto writer = ProjectTableWriter::open(project, "to store the planned works");
    if (!writer) return std::unexpected(writer.error());
    auto table = writer->read(kPlannedWorksTable);
    if (!table) return std::unexpected(table.error());
    auto kept = worksOf(*table, project);
    if (!kept) return std::unexpected(kept.error());
    Table t;
    t.columns = {{"work_id"}, {"owner"}, {"kind"}, {"start"}, {"end"}, {"source"}, {"points"}};
    auto add = [&](const model::PlannedWork& w, const std::string& from) {
        t.addRow({w.id, w.owner, w.kind, w.start.toString(), w.end.toString(), from,
                  detail::encodeLine(w.line)});
    };
    for (const auto& w : *kept)
        if (w.source != source) add(w, w.source);
    for (const auto& w : works) add(w, source);
    if (auto ok = writer->replace(kPlannedWorksTable, t); !ok) return ok;
    return writer->commit();
}

core::Result<model::PlannedWorks> readPlannedWorks(const std::string& project) {
    auto table = readProjectTable(project, kPlannedWorksTable, "to read the planned works");
    if (!table) return std::unexpected(table.error());
    return worksOf(*table, project);
}

}  // namespace bz::io
