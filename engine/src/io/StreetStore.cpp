#include <bodemzicht/core/Limits.h>
#include <bodemzicht/io/StreetStore.h>
#include <bodemzicht/io/Table.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <set>

#include "GdalErrors.h"
#include "LineCodec.h"
#include "OgrFields.h"

namespace bz::io {

namespace {

constexpr const char* kStreetsTable = "streets";

}  // namespace

core::Result<StreetRead> readStreetSource(const std::string& path,
                                          const std::optional<std::string>& fallbackCrs) {
    detail::registerGdalOnce();
    detail::GdalErrorCapture errors;
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!ds) return core::fail(path, "", "cannot be read as a GIS layer" + errors.because(path));
    StreetRead out;
    const std::string source = std::filesystem::path(path).filename().string();
    std::set<std::string> ids;
    for (OGRLayer* layer : ds->GetLayers()) {
        if (!layer) continue;
        auto transform = detail::layerTransform(*layer, fallbackCrs, false);
        if (!transform) return core::fail(path, layer->GetName(), transform.error().message);
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        const int idCol = detail::findColumn(defn, {"id", "wvk_id", "segment_id", "identificatie"});
        const int nameCol = detail::findColumn(
            defn, {"name", "street", "straatnaam", "stt_naam", "openbareruimtenaam", "naam"});
        const int widthCol = detail::findColumn(defn, {"width_m", "breedte_m"});
        layer->ResetReading();
        for (auto& feature : *layer) {
            std::string id = detail::str(*feature, idCol);
            if (id.empty())
                id = std::string(layer->GetName()) + "-" + std::to_string(feature->GetFID());
            std::vector<std::pair<std::vector<core::Vec2>, bool>> lines;
            const OGRGeometry* g = feature->GetGeometryRef();
            // Only lines: a polygon's ring is not a street's centre line.
            if (g && OGR_GT_IsSurface(wkbFlatten(g->getGeometryType())) == FALSE)
                detail::collectLines(g, lines);
            if (lines.empty()) {
                ++out.withoutLine;
                out.skipped.push_back(path + ": " + id + ": no line geometry, left out");
                continue;
            }
            const double width = detail::num(*feature, widthCol);
            if (widthCol >= 0 && detail::isSet(*feature, widthCol) && !(width > 0 && width < 500)) {
                out.skipped.push_back(path + ": " + id + ": width_m '" +
                                      detail::str(*feature, widthCol) +
                                      "' is not a width in metres; read without a width");
            }
            for (std::size_t k = 0; k < lines.size(); ++k) {
                auto& pts = lines[k].first;
                if (*transform)
                    for (auto& p : pts) {
                        auto q = (*transform)->apply({p.x, p.y, 0});
                        if (!q) return core::fail(path, id, q.error().message);
                        p = q->xy();
                    }
                model::StreetSegment s;
                s.id = lines.size() > 1 ? id + "#" + std::to_string(k + 1) : id;
                if (!ids.insert(s.id).second) {
                    out.skipped.push_back(path + ": " + s.id +
                                          ": the id is used twice; the second left out");
                    continue;
                }
                s.name = detail::str(*feature, nameCol);
                s.widthM = width > 0 && width < 500 ? width : NAN;
                s.line = std::move(pts);
                s.source = source;
                out.segments.push_back(std::move(s));
                if (out.segments.size() > core::limits().streetSegments)
                    return core::fail(path, layer->GetName(),
                                      core::overLimit("the street segments", "street-segments"));
            }
        }
    }
    if (out.segments.empty())
        return core::fail(path, "",
                          "has no lines to read as street segments (" +
                              std::to_string(out.withoutLine) + " features without)");
    return out;
}

core::Result<void> storeStreets(const std::string& project, const model::StreetLayer& streets) {
    auto writer = ProjectTableWriter::open(project, "to store the street segments");
    if (!writer) return std::unexpected(writer.error());
    Table t;
    t.columns = {
        {"segment_id"}, {"name"}, {"width_m", ColumnType::Real, 2}, {"source"}, {"points"}};
    for (const auto& s : streets)
        t.addRow({s.id, s.name, std::isfinite(s.widthM) ? Cell(s.widthM) : Cell(), s.source,
                  detail::encodeLine(s.line)});
    if (auto ok = writer->replace(kStreetsTable, t); !ok) return ok;
    return writer->commit();
}

core::Result<model::StreetLayer> readStreets(const std::string& project) {
    auto table = readProjectTable(project, kStreetsTable, "to read the street segments");
    if (!table) return std::unexpected(table.error());
    model::StreetLayer out;
    if (!*table) return out;
    const Table& t = **table;
    if (t.rows.size() > core::limits().streetSegments)
        return core::fail(project, kStreetsTable,
                          core::overLimit("the street segments", "street-segments"));
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        auto pts = detail::decodeLine(t.text(r, "points"));
        if (!pts || pts->size() < 2)
            return core::fail(project, "streets row " + std::to_string(r + 1),
                              "points are not a list of 'x y' pairs");
        model::StreetSegment s;
        s.id = t.text(r, "segment_id");
        s.name = t.text(r, "name");
        s.widthM = t.number(r, "width_m");
        s.source = t.text(r, "source");
        s.line = std::move(*pts);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace bz::io
