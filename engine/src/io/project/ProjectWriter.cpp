// Writing a project file: the object layers, the detail tables, fields and metadata, then the
// project's own tables copied from the old file, then the new file read back.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <bodemzicht/core/Parse.h>
#include <bodemzicht/io/CrsTransform.h>
#include <bodemzicht/io/LocalPaths.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/ProjectWrite.h>
#include <bodemzicht/model/DatasetCopy.h>

#include "../DepthEncoding.h"
#include "../Footprint.h"
#include "../GdalErrors.h"
#include "../OgrFields.h"
#include "AttributesJson.h"
#include "ProjectDetails.h"
#include "ProjectFiles.h"

namespace bz::io {

using core::fail;
using model::Dataset;
using model::Feature;

namespace {

// [SECTION] writing

// Adds a column; false (GDAL's reason in the caller's capture) when it cannot.
bool addField(OGRLayer* layer, const char* name, OGRFieldType type,
              OGRFieldSubType subtype = OFSTNone) {
    OGRFieldDefn def(name, type);
    def.SetSubType(subtype);
    return layer->CreateField(&def) == OGRERR_NONE;
}

bool addCommonFields(OGRLayer* layer) {
    bool ok = true;
    for (const char* n :
         {"id", "layer", "theme", "owner", "status", "type", "material", "source_file", "laid_date",
          "planned_date", "out_of_service_date", "end_of_life_date"})
        ok &= addField(layer, n, OFTString);
    ok &= addField(layer, "year", OFTInteger);  // the year laid, for GIS users
    ok &= addField(layer, "horizontal_accuracy_m", OFTReal);
    ok &= addField(layer, "attributes", OFTString, OFSTJSON);  // the source's own
    return ok;
}

void setReal(OGRFeature& f, const char* name, double v) {
    if (!std::isnan(v)) f.SetField(name, v);
}
void setText(OGRFeature& f, const char* name, const std::string& v) {
    if (!v.empty()) f.SetField(name, v.c_str());
}

void setCommon(OGRFeature& out, const Dataset& ds, const Feature& f) {
    out.SetField("id", f.id.c_str());
    setText(out, "layer", ds.str(f.layer));
    setText(out, "theme", ds.str(f.theme));
    setText(out, "owner", ds.str(f.owner));
    out.SetField("status", std::string(model::toCode(f.status)).c_str());
    out.SetField("type", std::string(model::toCode(f.type)).c_str());
    setText(out, "material", ds.str(f.material));
    setText(out, "source_file", ds.str(f.source));
    setText(out, "laid_date", f.dates.laid.toString());
    setText(out, "planned_date", f.dates.planned.toString());
    setText(out, "out_of_service_date", f.dates.outOfService.toString());
    setText(out, "end_of_life_date", f.dates.endOfLife.toString());
    if (f.dates.laid.known()) out.SetField("year", f.dates.laid.year());
    setReal(out, "horizontal_accuracy_m", f.horizontalAccuracyM);
    setText(out, "attributes", detail::attributesToJson(ds, f));
}

core::Result<void> writeFeature(OGRLayer* layer, OGRFeature& f, const std::string& path) {
    if (layer->CreateFeature(&f) != OGRERR_NONE)
        return fail(path, f.GetFieldIndex("id") >= 0 ? f.GetFieldAsString("id") : "",
                    "cannot write feature: " + std::string(CPLGetLastErrorMsg()));
    return {};
}

OGRPolygon* makePolygon(const Dataset& ds, const model::PrismGeometry& p) {
    auto* poly = new OGRPolygon();
    for (std::uint32_t r = 0; r < p.ringCount; ++r) {
        const auto& ring = ds.rings[p.firstRing + r];
        OGRLinearRing lr;
        for (std::uint32_t i = 0; i < ring.pointCount; ++i) {
            auto q = ds.footprintPoints[ring.firstPoint + i];
            lr.addPoint(q.x, q.y);
        }
        lr.closeRings();
        poly->addRing(&lr);
    }
    return poly;
}

bool isCoreLayer(const std::string& name) {
    for (const char* n : {kNetworksLayer, kBodiesLayer, kZonesLayer, kFieldsLayer, kMetaLayer})
        if (name == n) return true;
    return detail::isDetailTable(name);
}

// A field path as stored: relative to the project's folder when the file lies inside it (the
// folder can then be moved), else absolute.
std::string storedFieldPath(const std::string& project, const std::string& fieldPath) {
    namespace fs = std::filesystem;
    // A relative path already is relative to the project (model::FieldRef).
    if (!isLocalPath(fieldPath) || fs::path(fieldPath).is_relative()) return fieldPath;
    std::error_code ec;
    fs::path field = fs::path(fieldPath).lexically_normal();
    fs::path dir = fs::absolute(project, ec).parent_path().lexically_normal();
    fs::path rel = field.lexically_relative(dir);
    if (!rel.empty() && *rel.begin() != "..") return rel.string();
    return field.string();
}

// Every table of the old project that is not one of the object layers (clash reviews, the last
// clash report, bookmarks, tables of newer versions) goes into the new file unchanged.
core::Result<void> copyProjectTables(const std::string& project, GDALDataset& out,
                                     const std::string& path) {
    if (!std::filesystem::exists(project)) return {};
    recoverInterruptedWrite(project);
    detail::GdalErrorCapture errors;
    std::unique_ptr<GDALDataset> old(GDALDataset::Open(
        project.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!old)
        return fail(project, "",
                    "cannot read the project's own tables to keep them" + errors.because(project));
    for (int i = 0; i < old->GetLayerCount(); ++i) {
        OGRLayer* layer = old->GetLayer(i);
        if (isCoreLayer(layer->GetName())) continue;
        if (!out.CopyLayer(layer, layer->GetName(), nullptr))
            return fail(project, "",
                        std::string("cannot keep the table ") + layer->GetName() +
                            " in the new project file" + errors.because(path));
    }
    return {};
}

// Reads the new file back: it opens and holds as many objects as were written.
core::Result<void> verifyWritten(const Dataset& ds, const std::string& path) {
    detail::GdalErrorCapture errors;
    std::unique_ptr<GDALDataset> in(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!in)
        return fail(path, "", "the new project file cannot be read back" + errors.because(path));
    GIntBig n = 0;
    for (const char* name : {kNetworksLayer, kBodiesLayer, kZonesLayer})
        if (OGRLayer* l = in->GetLayerByName(name)) n += l->GetFeatureCount(TRUE);
    if (n != static_cast<GIntBig>(ds.features.size()))
        return fail(path, "",
                    "the new project file holds " + std::to_string(n) + " objects instead of " +
                        std::to_string(ds.features.size()));
    return {};
}

}  // namespace

namespace detail {

core::Result<void> writeNewFile(const Dataset& ds, const std::string& path,
                                const std::string& project) {
    detail::registerGdalOnce();
    detail::GdalErrorCapture errors;
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!drv) return fail(project, "", "GDAL has no GPKG driver");
    std::unique_ptr<GDALDataset> out(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!out) return fail(project, "", "cannot create GeoPackage" + errors.because(path));
    OGRSpatialReference rdnap;
    if (rdnap.importFromEPSG(7415) != OGRERR_NONE)
        return fail(project, "",
                    "PROJ does not know EPSG:7415 (RD New + NAP)" + errors.because(""));
    rdnap.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    char** noSpatialIndex = CSLSetNameValue(nullptr, "SPATIAL_INDEX", "YES");

    OGRLayer* networks = out->CreateLayer(kNetworksLayer, &rdnap, wkbLineString25D, noSpatialIndex);
    OGRLayer* bodies = out->CreateLayer(kBodiesLayer, &rdnap, wkbPoint, noSpatialIndex);
    OGRLayer* zones = out->CreateLayer(kZonesLayer, &rdnap, wkbUnknown, noSpatialIndex);
    CSLDestroy(noSpatialIndex);
    OGRLayer* fields = out->CreateLayer(kFieldsLayer, nullptr, wkbNone, nullptr);
    OGRLayer* meta = out->CreateLayer(kMetaLayer, nullptr, wkbNone, nullptr);
    if (!networks || !bodies || !zones || !fields || !meta)
        return fail(project, "", "cannot create project layers" + errors.because(path));

    bool columns = addCommonFields(networks);
    columns &= addField(networks, "diameter_mm", OFTReal);
    // A sewer pipe's condition class (1-5) and the date of the inspection it comes from, for GIS
    // users; the detail table detail_sewer_condition holds the whole assessment.
    columns &= addField(networks, "condition_class", OFTInteger);
    columns &= addField(networks, "condition_date", OFTString);
    for (const char* n : {"vertex_provenance", "vertex_uncertainty_m", "vertex_below_ground_m"})
        columns &= addField(networks, n, OFTString);

    columns &= addCommonFields(bodies);
    for (const char* n :
         {"top_m", "bottom_m", "top_below_ground_m", "bottom_below_ground_m", "diameter_m",
          "width_m", "length_m", "rotation_deg", "depth_uncertainty_m"})
        columns &= addField(bodies, n, OFTReal);
    columns &= addField(bodies, "depth_provenance", OFTString);

    columns &= addCommonFields(zones);
    for (const char* n : {"top_m", "bottom_m", "top_below_ground_m", "bottom_below_ground_m",
                          "width_m", "depth_uncertainty_m"})
        columns &= addField(zones, n, OFTReal);
    columns &= addField(zones, "depth_provenance", OFTString);
    columns &= addField(zones, "all_depths", OFTInteger, OFSTBoolean);

    for (const char* n : {"name", "path", "kind", "unit", "description", "crs"})
        columns &= addField(fields, n, OFTString);
    for (const char* n : {"key", "value"}) columns &= addField(meta, n, OFTString);
    if (!columns)
        return fail(project, "", "cannot create the project's columns" + errors.because(path));
    auto details = detail::DetailWriter::create(*out, project);
    if (!details) return std::unexpected(details.error());

    if (out->StartTransaction() != OGRERR_NONE)
        return fail(project, "", "cannot start writing" + errors.because(path));
    for (const Feature& f : ds.features) {
        switch (f.kind()) {
            case model::GeometryKind::Linear: {
                OGRFeature of(networks->GetLayerDefn());
                setCommon(of, ds, f);
                const auto& g = ds.linears[f.geometry];
                auto* line = new OGRLineString();
                line->setNumPoints(static_cast<int>(g.vertexCount));
                for (std::uint32_t i = 0; i < g.vertexCount; ++i) {
                    auto v = ds.vertices[g.firstVertex + i];
                    line->setPoint(static_cast<int>(i), v.x, v.y, v.z);
                }
                if (of.SetGeometryDirectly(line) != OGRERR_NONE)
                    return fail(path, f.id, "cannot set its geometry");
                setReal(of, "diameter_mm", g.outerDiameterM * 1000.0);
                if (const auto* c = ds.firstDetail<model::SewerCondition>(f); c && c->overall) {
                    of.SetField("condition_class", c->overall);
                    setText(of, "condition_date", c->inspected.toString());
                }
                const auto* depths = &ds.vertexDepths[g.firstVertex];
                of.SetField("vertex_provenance",
                            detail::encodeProvenance(depths, g.vertexCount).c_str());
                of.SetField("vertex_uncertainty_m",
                            detail::encodeUncertainty(depths, g.vertexCount).c_str());
                setText(of, "vertex_below_ground_m",
                        detail::encodeBelowGround(depths, g.vertexCount));
                if (auto r = writeFeature(networks, of, path); !r) return r;
                break;
            }
            case model::GeometryKind::VerticalBody: {
                OGRFeature of(bodies->GetLayerDefn());
                setCommon(of, ds, f);
                const auto& b = ds.bodies[f.geometry];
                if (of.SetGeometryDirectly(new OGRPoint(b.center.x, b.center.y)) != OGRERR_NONE)
                    return fail(path, f.id, "cannot set its geometry");
                of.SetField("top_m", b.topZ);
                of.SetField("bottom_m", b.bottomZ);
                setReal(of, "top_below_ground_m", b.topBelowGroundM);
                setReal(of, "bottom_below_ground_m", b.depth.belowGroundM);
                setReal(of, "diameter_m", b.radiusM * 2.0);
                setReal(of, "width_m", b.widthM);
                setReal(of, "length_m", b.lengthM);
                if (!b.isCylinder()) of.SetField("rotation_deg", b.rotationDeg);
                of.SetField("depth_provenance",
                            std::string(model::toCode(b.depth.provenance)).c_str());
                setReal(of, "depth_uncertainty_m", b.depth.verticalUncertaintyM);
                if (auto r = writeFeature(bodies, of, path); !r) return r;
                break;
            }
            case model::GeometryKind::Prism: {
                OGRFeature of(zones->GetLayerDefn());
                setCommon(of, ds, f);
                const auto& p = ds.prisms[f.geometry];
                if (!std::isnan(p.widthM)) {
                    auto* line = new OGRLineString();
                    const auto& ring = ds.rings[p.firstRing];
                    for (std::uint32_t i = 0; i < ring.pointCount; ++i) {
                        auto q = ds.footprintPoints[ring.firstPoint + i];
                        line->addPoint(q.x, q.y);
                    }
                    if (of.SetGeometryDirectly(line) != OGRERR_NONE)
                        return fail(path, f.id, "cannot set its geometry");
                    of.SetField("width_m", p.widthM);
                } else {
                    if (of.SetGeometryDirectly(makePolygon(ds, p)) != OGRERR_NONE)
                        return fail(path, f.id, "cannot set its geometry");
                }
                setReal(of, "top_m", p.allDepths ? NAN : p.topZ);
                setReal(of, "bottom_m", p.allDepths ? NAN : p.bottomZ);
                of.SetField("all_depths", p.allDepths ? 1 : 0);
                setReal(of, "top_below_ground_m", p.topBelowGroundM);
                setReal(of, "bottom_below_ground_m", p.depth.belowGroundM);
                of.SetField("depth_provenance",
                            std::string(model::toCode(p.depth.provenance)).c_str());
                setReal(of, "depth_uncertainty_m", p.depth.verticalUncertaintyM);
                if (auto r = writeFeature(zones, of, path); !r) return r;
                break;
            }
        }
        if (auto r = details->write(ds, f, path); !r) return r;
    }
    for (const auto& fr : ds.fields) {
        OGRFeature of(fields->GetLayerDefn());
        of.SetField("name", fr.name.c_str());
        // Fields next to the project are stored relative to it, so the folder can be moved.
        of.SetField("path", storedFieldPath(project, fr.path).c_str());
        of.SetField("kind", std::string(model::toCode(fr.kind)).c_str());
        of.SetField("unit", fr.unit.c_str());
        of.SetField("description", fr.description.c_str());
        of.SetField("crs", fr.crs.c_str());
        if (auto r = writeFeature(fields, of, path); !r) return r;
    }
    char level[40];
    std::snprintf(level, sizeof level, "%.17g", ds.ground.level);
    const std::string groundKind = model::toCode(ds.ground.kind);
    for (auto [k, v] : {std::pair<const char*, const char*>{"crs", "EPSG:7415"},
                        {"schema", "bodemzicht-project-2"},
                        {"geometry_conventions", "see docs/data-model.md"},
                        {"ground_basis", groundKind.c_str()},
                        {"ground_level_m", std::isfinite(ds.ground.level) ? level : ""},
                        {"ground_source", ds.ground.source.c_str()}}) {
        OGRFeature of(meta->GetLayerDefn());
        of.SetField("key", k);
        of.SetField("value", v);
        if (meta->CreateFeature(&of) != OGRERR_NONE)
            return fail(project, "", "cannot write project_meta" + errors.because(path));
    }
    if (out->CommitTransaction() != OGRERR_NONE)
        return fail(project, "", "cannot commit GeoPackage" + errors.because(path));
    // After the commit: CopyLayer runs transactions of its own. The file is not the project yet,
    // so nothing depends on this being one transaction.
    if (auto kept = copyProjectTables(project, *out, path); !kept) return kept;
    out.reset();  // closes the file; what follows reads it back
    return verifyWritten(ds, path);
}

}  // namespace detail

}  // namespace bz::io
