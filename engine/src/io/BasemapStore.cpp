#include <bodemzicht/core/Limits.h>
#include <bodemzicht/io/BasemapStore.h>
#include <bodemzicht/io/Table.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <memory>

#include "GdalErrors.h"
#include "LineCodec.h"
#include "OgrFields.h"

namespace bz::io {

namespace {

constexpr const char* kBasemapTable = "basemap";

}  // namespace

core::Result<BasemapRead> readBasemapSource(const std::string& path,
                                            const std::optional<std::string>& fallbackCrs) {
    detail::registerGdalOnce();
    detail::GdalErrorCapture errors;
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!ds) return core::fail(path, "", "cannot be read as a GIS layer" + errors.because(path));
    BasemapRead out;
    const std::string source = std::filesystem::path(path).filename().string();
    std::uint64_t vertices = 0;
    for (OGRLayer* layer : ds->GetLayers()) {
        if (!layer) continue;
        auto transform = detail::layerTransform(*layer, fallbackCrs, false);
        if (!transform) {
            auto e = transform.error();
            return core::fail(path, layer->GetName(), e.message);
        }
        out.layers.push_back(layer->GetName());
        layer->ResetReading();
        for (auto& feature : *layer) {
            std::vector<std::pair<std::vector<core::Vec2>, bool>> lines;
            detail::collectLines(feature->GetGeometryRef(), lines);
            if (lines.empty()) {
                ++out.withoutLines;
                continue;
            }
            ++out.features;
            for (auto& [pts, closed] : lines) {
                vertices += pts.size();
                if (vertices > core::limits().basemapVertices)
                    return core::fail(
                        path, layer->GetName(),
                        core::overLimit("the base map's vertices", "basemap-vertices"));
                if (*transform)
                    for (auto& p : pts) {
                        auto q = (*transform)->apply({p.x, p.y, 0});
                        if (!q)
                            return core::fail(path, std::to_string(feature->GetFID()),
                                              q.error().message);
                        p = q->xy();
                    }
                out.lines.push_back({source, layer->GetName(), std::move(pts), closed});
            }
        }
    }
    if (out.lines.empty())
        return core::fail(path, "",
                          "has no lines or polygons to draw as a base map (" +
                              std::to_string(out.withoutLines) + " features without)");
    return out;
}

core::Result<void> storeBasemap(const std::string& project, const std::string& sourceName,
                                const model::Basemap& lines) {
    auto writer = ProjectTableWriter::open(project, "to store the base map");
    if (!writer) return std::unexpected(writer.error());
    // Read under the writer's lock: the other sources' lines stay as they are now.
    auto existing = readBasemap(project);
    if (!existing) return std::unexpected(existing.error());
    Table t;
    t.columns = {{"source"}, {"class"}, {"closed", ColumnType::Integer}, {"points"}};
    for (const auto& l : *existing)
        if (l.source != sourceName)
            t.addRow(
                {l.source, l.featureClass, std::int64_t(l.closed), detail::encodeLine(l.points)});
    for (const auto& l : lines)
        t.addRow(
            {sourceName, l.featureClass, std::int64_t(l.closed), detail::encodeLine(l.points)});
    if (auto ok = writer->replace(kBasemapTable, t); !ok) return ok;
    return writer->commit();
}

core::Result<model::Basemap> readBasemap(const std::string& project) {
    auto table = readProjectTable(project, kBasemapTable, "to read the base map");
    if (!table) return std::unexpected(table.error());
    model::Basemap out;
    if (!*table) return out;
    const Table& t = **table;
    std::uint64_t vertices = 0;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        auto pts = detail::decodeLine(t.text(r, "points"));
        if (!pts || pts->size() < 2)
            return core::fail(project, "basemap row " + std::to_string(r + 1),
                              "points are not a list of 'x y' pairs");
        vertices += pts->size();
        if (vertices > core::limits().basemapVertices)
            return core::fail(project, kBasemapTable,
                              core::overLimit("the base map's vertices", "basemap-vertices"));
        out.push_back(
            {t.text(r, "source"), t.text(r, "class"), std::move(*pts), t.number(r, "closed") == 1});
    }
    return out;
}

}  // namespace bz::io
