#include <bodemzicht/io/Table.h>

#include <bodemzicht/core/Parse.h>
#include <bodemzicht/io/ProjectWrite.h>

#include <gdal_priv.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "GdalErrors.h"
#include "TableOgr.h"

namespace bz::io {

namespace {

std::string formatReal(double v, int decimals) {
    if (std::isnan(v)) return "";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

double rounded(double v, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

bool isNull(const Cell& c) {
    return std::holds_alternative<std::monostate>(c) ||
           (std::holds_alternative<double>(c) && std::isnan(std::get<double>(c)));
}

}  // namespace

std::optional<std::size_t> Table::column(std::string_view name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == name) return i;
    return std::nullopt;
}

std::string Table::text(std::size_t row, std::string_view name) const {
    auto c = column(name);
    if (!c || row >= rows.size() || *c >= rows[row].size()) return "";
    const Cell& cell = rows[row][*c];
    if (auto* s = std::get_if<std::string>(&cell)) return *s;
    if (auto* d = std::get_if<double>(&cell)) return formatReal(*d, columns[*c].decimals);
    if (auto* i = std::get_if<std::int64_t>(&cell)) return std::to_string(*i);
    return "";
}

double Table::number(std::size_t row, std::string_view name) const {
    auto c = column(name);
    if (!c || row >= rows.size() || *c >= rows[row].size()) return NAN;
    const Cell& cell = rows[row][*c];
    if (auto* d = std::get_if<double>(&cell)) return *d;
    if (auto* i = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*i);
    if (auto* s = std::get_if<std::string>(&cell)) return core::parseNumber(*s).value_or(NAN);
    return NAN;
}

namespace detail {

OGRFieldType ogrType(ColumnType type) {
    switch (type) {
        case ColumnType::Real: return OFTReal;
        case ColumnType::Integer: return OFTInteger64;
        case ColumnType::Text: return OFTString;
    }
    return OFTString;
}

Table tableOfLayer(OGRLayer& layer) {
    Table t;
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        OGRFieldDefn* f = defn->GetFieldDefn(i);
        ColumnType type = f->GetType() == OFTReal                                    ? ColumnType::Real
                          : f->GetType() == OFTInteger || f->GetType() == OFTInteger64 ? ColumnType::Integer
                                                                                      : ColumnType::Text;
        t.columns.push_back({f->GetNameRef(), type, f->GetPrecision() > 0 ? f->GetPrecision() : 3});
    }
    t.hasPoints = wkbFlatten(layer.GetGeomType()) == wkbPoint;
    layer.ResetReading();
    for (auto& f : layer) {
        std::vector<Cell> cells(t.columns.size());
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            if (!f->IsFieldSetAndNotNull(i)) continue;
            switch (t.columns[i].type) {
                case ColumnType::Real: cells[i] = f->GetFieldAsDouble(i); break;
                case ColumnType::Integer: cells[i] = static_cast<std::int64_t>(f->GetFieldAsInteger64(i)); break;
                case ColumnType::Text: cells[i] = std::string(f->GetFieldAsString(i)); break;
            }
        }
        t.rows.push_back(std::move(cells));
        if (t.hasPoints) {
            const OGRGeometry* g = f->GetGeometryRef();
            const OGRPoint* p = g && wkbFlatten(g->getGeometryType()) == wkbPoint ? g->toPoint() : nullptr;
            t.points.push_back(p ? core::Vec3{p->getX(), p->getY(), p->getZ()}
                                 : core::Vec3{NAN, NAN, NAN});
        }
    }
    return t;
}

core::Result<void> appendRows(OGRLayer& layer, const Table& table, bool asText,
                              const std::string& source) {
    GdalErrorCapture errors;
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    std::vector<int> index(table.columns.size());
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        index[c] = defn->GetFieldIndex(table.columns[c].name.c_str());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        OGRFeature f(defn);
        const auto& row = table.rows[r];
        for (std::size_t c = 0; c < table.columns.size() && c < row.size(); ++c) {
            const Cell& cell = row[c];
            if (index[c] < 0 || isNull(cell)) continue;
            const Column& col = table.columns[c];
            if (auto* s = std::get_if<std::string>(&cell))
                f.SetField(index[c], s->c_str());
            else if (auto* d = std::get_if<double>(&cell))
                asText ? f.SetField(index[c], formatReal(*d, col.decimals).c_str())
                       : f.SetField(index[c], rounded(*d, col.decimals));
            else if (auto* i = std::get_if<std::int64_t>(&cell))
                f.SetField(index[c], static_cast<GIntBig>(*i));
        }
        if (table.hasPoints && r < table.points.size() && layer.GetGeomType() != wkbNone) {
            auto p = table.points[r];
            if (f.SetGeometryDirectly(new OGRPoint(p.x, p.y, p.z)) != OGRERR_NONE)
                return core::fail(source, table.text(r, table.columns[0].name),
                                  "cannot set the row's point");
        }
        if (layer.CreateFeature(&f) != OGRERR_NONE) {
            std::string first = row.empty() ? "" : table.text(r, table.columns[0].name);
            return core::fail(source, first, "cannot write the row" + errors.because(source));
        }
    }
    return {};
}

}  // namespace detail

core::Result<void> writeTableFile(const std::string& path, TableFormat format, const Table& table,
                                  const std::string& layerName) {
    detail::registerGdalOnce();
    detail::GdalErrorCapture errors;
    const bool csv = format == TableFormat::Csv;
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(csv ? "CSV" : "GeoJSON");
    if (!drv) return core::fail(path, "", std::string("GDAL has no ") + (csv ? "CSV" : "GeoJSON") + " driver");
    // Written beside the target and moved over it: a failed write leaves the old file.
    const std::string tmp = temporarySibling(path) + (csv ? ".csv" : ".geojson");
    auto cleanup = [&] { VSIUnlink(tmp.c_str()); };
    std::unique_ptr<GDALDataset> out(drv->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!out) return core::fail(path, "", "cannot create the file" + errors.because(path));
    OGRSpatialReference rd;
    if (rd.importFromEPSG(28992) != OGRERR_NONE) return core::fail(path, "", "PROJ does not know EPSG:28992");
    rd.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    char** options = nullptr;
    if (csv) {
        options = CSLSetNameValue(options, "STRING_QUOTING", "IF_NEEDED");
        options = CSLSetNameValue(options, "LINEFORMAT", "LF");
    } else {
        options = CSLSetNameValue(options, "RFC7946", "NO");
        options = CSLSetNameValue(options, "WRITE_BBOX", "NO");
        options = CSLSetNameValue(options, "COORDINATE_PRECISION", "3");
    }
    OGRLayer* layer = out->CreateLayer(layerName.c_str(), csv || !table.hasPoints ? nullptr : &rd,
                                       csv || !table.hasPoints ? wkbNone : wkbPoint25D, options);
    CSLDestroy(options);
    if (!layer) {
        out.reset();
        cleanup();
        return core::fail(path, "", "cannot create the layer" + errors.because(path));
    }
    for (const auto& c : table.columns) {
        OGRFieldDefn def(c.name.c_str(), csv ? OFTString : detail::ogrType(c.type));
        if (layer->CreateField(&def) != OGRERR_NONE) {
            out.reset();
            cleanup();
            return core::fail(path, "", "cannot add the column " + c.name + errors.because(path));
        }
    }
    auto ok = detail::appendRows(*layer, table, csv, path);
    out.reset();  // closes (and, for GeoJSON, writes) the file
    if (ok && (errors.failed() || !std::filesystem::exists(tmp)))
        ok = core::fail(path, "", "cannot write the file" + errors.because(path));
    if (!ok) {
        cleanup();
        return ok;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        cleanup();
        return core::fail(path, "", "cannot replace the file: " + ec.message());
    }
    return {};
}

core::Result<Table> readTableFile(const std::string& path) {
    detail::registerGdalOnce();
    detail::GdalErrorCapture errors;
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!ds) return core::fail(path, "", "cannot read as a table" + errors.because(path));
    if (ds->GetLayerCount() != 1)
        return core::fail(path, "", "expected one table, found " + std::to_string(ds->GetLayerCount()));
    return detail::tableOfLayer(*ds->GetLayer(0));
}

}  // namespace bz::io
