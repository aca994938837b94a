#include <bodemzicht/io/DesignStore.h>

#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/ProjectWrite.h>
#include <bodemzicht/model/DatasetCopy.h>

#include "GdalErrors.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>

namespace bz::io {

namespace {

bool isDesign(const model::Dataset& ds, const model::Feature& f) {
    return ds.str(f.source) == model::kDesignSource;
}

// GeoJSON through OGR: one layer, the generic import schema's columns.
core::Result<void> writeGeoJson(const model::Dataset& ds, const std::string& path) {
    detail::registerGdalOnce();
    detail::GdalErrorCapture errors;
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GeoJSON");
    if (!drv) return core::fail(path, "", "GDAL has no GeoJSON driver");
    const std::string tmp = temporarySibling(path) + ".geojson";
    auto cleanup = [&] { VSIUnlink(tmp.c_str()); };
    std::unique_ptr<GDALDataset> out(drv->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!out) return core::fail(path, "", "cannot create the file" + errors.because(path));
    OGRSpatialReference rd;
    if (rd.importFromEPSG(28992) != OGRERR_NONE)
        return core::fail(path, "", "PROJ does not know EPSG:28992");
    rd.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    char** options = nullptr;
    options = CSLSetNameValue(options, "RFC7946", "NO");
    options = CSLSetNameValue(options, "COORDINATE_PRECISION", "3");
    OGRLayer* layer = out->CreateLayer("ontwerp", &rd, wkbUnknown, options);
    CSLDestroy(options);
    if (!layer) {
        out.reset();
        cleanup();
        return core::fail(path, "", "cannot create the layer" + errors.because(path));
    }
    const std::pair<const char*, OGRFieldType> columns[] = {
        {"id", OFTString},        {"theme", OFTString},        {"status", OFTString},
        {"owner", OFTString},     {"type", OFTString},         {"material", OFTString},
        {"diameter_mm", OFTReal}, {"top_m", OFTReal},          {"bottom_m", OFTReal},
        {"width_m", OFTReal},     {"depth_source", OFTString}, {"planned_date", OFTString},
        {"measure", OFTString},   {"measure_id", OFTString}};
    for (const auto& [name, type] : columns) {
        OGRFieldDefn def(name, type);
        if (layer->CreateField(&def) != OGRERR_NONE) {
            out.reset();
            cleanup();
            return core::fail(path, "", std::string("cannot add the column ") + name);
        }
    }
    for (const auto& f : ds.features) {
        OGRFeature o(layer->GetLayerDefn());
        o.SetField("id", f.id.c_str());
        o.SetField("theme", ds.str(f.theme).c_str());
        o.SetField("status", std::string(model::toCode(f.status)).c_str());
        o.SetField("owner", ds.str(f.owner).c_str());
        o.SetField("type", std::string(model::toCode(f.type)).c_str());
        o.SetField("material", ds.str(f.material).c_str());
        o.SetField("depth_source", "measured");
        if (f.dates.planned.known()) o.SetField("planned_date", f.dates.planned.toString().c_str());
        for (const char* key : {"measure", "measure_id"})
            if (const auto* v = ds.attribute(f, key)) o.SetField(key, model::toString(*v).c_str());
        switch (f.kind()) {
            case model::GeometryKind::Linear: {
                const auto& g = ds.linears[f.geometry];
                auto* line = new OGRLineString();
                for (std::uint32_t k = 0; k < g.vertexCount; ++k) {
                    const auto& p = ds.vertices[g.firstVertex + k];
                    line->addPoint(p.x, p.y, p.z);
                }
                o.SetGeometryDirectly(line);
                o.SetField("diameter_mm", g.outerDiameterM * 1000.0);
                break;
            }
            case model::GeometryKind::VerticalBody: {
                const auto& b = ds.bodies[f.geometry];
                o.SetGeometryDirectly(new OGRPoint(b.center.x, b.center.y));
                const double size = b.isCylinder() ? 2.0 * b.radiusM : b.widthM;
                o.SetField("diameter_mm", size * 1000.0);
                o.SetField("top_m", b.topZ);
                o.SetField("bottom_m", b.bottomZ);
                break;
            }
            case model::GeometryKind::Prism: {
                const auto& p = ds.prisms[f.geometry];
                const auto& outer = ds.rings[p.firstRing];
                auto ring = [&](OGRLinearRing* r) {
                    for (std::uint32_t k = 0; k < outer.pointCount; ++k) {
                        const auto& q = ds.footprintPoints[outer.firstPoint + k];
                        r->addPoint(q.x, q.y);
                    }
                    return r;
                };
                if (p.widthM == p.widthM) {  // a line with a width (a trench)
                    auto* line = new OGRLineString();
                    for (std::uint32_t k = 0; k < outer.pointCount; ++k) {
                        const auto& q = ds.footprintPoints[outer.firstPoint + k];
                        line->addPoint(q.x, q.y);
                    }
                    o.SetGeometryDirectly(line);
                    o.SetField("width_m", static_cast<double>(p.widthM));
                } else {
                    auto* poly = new OGRPolygon();
                    auto* r = ring(new OGRLinearRing());
                    r->closeRings();
                    poly->addRingDirectly(r);
                    o.SetGeometryDirectly(poly);
                }
                o.SetField("top_m", p.topZ);
                o.SetField("bottom_m", p.bottomZ);
                break;
            }
        }
        if (layer->CreateFeature(&o) != OGRERR_NONE) {
            out.reset();
            cleanup();
            return core::fail(path, f.id, "cannot write the object" + errors.because(path));
        }
    }
    out.reset();
    if (errors.failed() || !std::filesystem::exists(tmp)) {
        cleanup();
        return core::fail(path, "", "cannot write the file" + errors.because(path));
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        cleanup();
        return core::fail(path, "", "cannot replace the file: " + ec.message());
    }
    return {};
}

}  // namespace

core::Result<std::size_t> storeDesign(const std::string& project, const model::Dataset& design) {
    auto lock = ProjectWriteLock::acquire(project, "to store the drawn measures");
    if (!lock) return std::unexpected(lock.error());
    if (auto ok = checkProjectWritable(project, "to store the drawn measures"); !ok)
        return std::unexpected(ok.error());
    model::Dataset existing;
    ImportReport report;
    if (auto ok = readProjectInto(project, existing, report); !ok)
        return std::unexpected(ok.error());
    if (report.skipped())
        return core::fail(project, "",
                          std::to_string(report.skipped()) +
                              " of the project's objects cannot be read (bodem info lists them); "
                              "storing would drop them, so the project is unchanged");
    for (const auto& f : design.features)
        if (design.str(f.source) != model::kDesignSource || !model::isDesign(f.status))
            return core::fail(project, f.id, "only drawn proposals (source ontwerp) are stored");
    model::Dataset merged;
    std::size_t replaced = 0;
    model::appendDataset(existing, merged, [&](std::uint32_t i) {
        const bool drawn = isDesign(existing, existing.features[i]);
        replaced += drawn;
        return !drawn;
    });
    // A drawn id may not hide an object of another source.
    for (const auto& f : design.features)
        if (merged.find(f.id))
            return core::fail(project, f.id,
                              "the project has another object with this id; the project is "
                              "unchanged");
    model::appendDataset(design, merged);
    merged.ground = existing.ground;
    if (auto ok = writeProject(merged, project); !ok) return std::unexpected(ok.error());
    return replaced;
}

core::Result<model::Dataset> readDesign(const std::string& project) {
    model::Dataset all;
    ImportReport report;
    if (auto ok = readProjectInto(project, all, report); !ok) return std::unexpected(ok.error());
    model::Dataset out;
    model::appendDataset(all, out, [&](std::uint32_t i) { return isDesign(all, all.features[i]); });
    return out;
}

core::Result<void> exportDesign(const model::Dataset& design, const std::string& path) {
    const auto ext = std::filesystem::path(path).extension().string();
    if (ext == ".gpkg") {
        // A project of its own: bodem import and QGIS read it.
        model::Dataset copy;
        model::appendDataset(design, copy);
        return writeProject(copy, path);
    }
    if (ext == ".geojson" || ext == ".json") return writeGeoJson(design, path);
    return core::fail(path, "", "export as .geojson or .gpkg");
}

}  // namespace bz::io
