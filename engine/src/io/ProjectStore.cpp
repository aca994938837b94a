#include <bodemzicht/io/ProjectStore.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <memory>

#include <bodemzicht/io/CrsTransform.h>
#include <bodemzicht/io/LocalPaths.h>
#include <bodemzicht/io/ProjectWrite.h>
#include <bodemzicht/core/Parse.h>
#include <bodemzicht/model/DatasetCopy.h>

#include "DepthEncoding.h"
#include "Footprint.h"
#include "GdalErrors.h"
#include "OgrFields.h"
#include "ProjectRead.h"

namespace bz::io {

using core::fail;
using model::Dataset;
using model::Feature;

namespace {

// [SECTION] writing

void addField(OGRLayer* layer, const char* name, OGRFieldType type) {
    OGRFieldDefn def(name, type);
    layer->CreateField(&def);
}

void addCommonFields(OGRLayer* layer) {
    for (const char* n :
         {"id", "layer", "theme", "owner", "status", "type", "material", "source_file"})
        addField(layer, n, OFTString);
    addField(layer, "year", OFTInteger);
    addField(layer, "horizontal_accuracy_m", OFTReal);
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
    if (f.yearLaid) out.SetField("year", f.yearLaid);
    setReal(out, "horizontal_accuracy_m", f.horizontalAccuracyM);
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
    return false;
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
    if (!in) return fail(path, "", "the new project file cannot be read back" + errors.because(path));
    GIntBig n = 0;
    for (const char* name : {kNetworksLayer, kBodiesLayer, kZonesLayer})
        if (OGRLayer* l = in->GetLayerByName(name)) n += l->GetFeatureCount(TRUE);
    if (n != static_cast<GIntBig>(ds.features.size()))
        return fail(path, "",
                    "the new project file holds " + std::to_string(n) + " objects instead of " +
                        std::to_string(ds.features.size()));
    return {};
}

// Writes the whole dataset into the new file `path`; `project` is where it will live (field paths
// are stored relative to it) and whose other tables (reviews, reports, bookmarks) are copied.
core::Result<void> writeNewFile(const Dataset& ds, const std::string& path,
                                const std::string& project) {
    detail::registerGdalOnce();
    detail::GdalErrorCapture errors;
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!drv) return fail(project, "", "GDAL has no GPKG driver");
    std::unique_ptr<GDALDataset> out(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!out) return fail(project, "", "cannot create GeoPackage" + errors.because(path));
    OGRSpatialReference rdnap;
    rdnap.importFromEPSG(7415);
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

    addCommonFields(networks);
    addField(networks, "diameter_mm", OFTReal);
    addField(networks, "vertex_provenance", OFTString);
    addField(networks, "vertex_uncertainty_m", OFTString);
    addField(networks, "vertex_below_ground_m", OFTString);
    for (const char* n : {"bob_begin_m", "bob_end_m", "width_mm", "height_mm"})
        addField(networks, n, OFTReal);
    for (const char* n : {"shape", "system_type"}) addField(networks, n, OFTString);

    addCommonFields(bodies);
    for (const char* n :
         {"top_m", "bottom_m", "top_below_ground_m", "bottom_below_ground_m", "diameter_m",
          "width_m", "length_m", "rotation_deg", "depth_uncertainty_m", "height_m", "stem_diameter_m", "crown_diameter_m",
          "root_zone_diameter_m", "root_depth_m", "screen_top_m", "screen_bottom_m", "volume_m3"})
        addField(bodies, n, OFTReal);
    for (const char* n :
         {"depth_provenance", "species", "root_zone_provenance", "well_temperature", "system_id"})
        addField(bodies, n, OFTString);

    addCommonFields(zones);
    for (const char* n : {"top_m", "bottom_m", "top_below_ground_m", "bottom_below_ground_m",
                          "width_m", "depth_uncertainty_m", "concentration"})
        addField(zones, n, OFTReal);
    for (const char* n : {"depth_provenance", "substance", "unit", "medium"})
        addField(zones, n, OFTString);

    for (const char* n : {"name", "path", "kind", "unit", "description"})
        addField(fields, n, OFTString);
    for (const char* n : {"key", "value"}) addField(meta, n, OFTString);

    out->StartTransaction();
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
                of.SetGeometryDirectly(line);
                setReal(of, "diameter_mm", g.outerDiameterM * 1000.0);
                const auto* depths = &ds.vertexDepths[g.firstVertex];
                of.SetField("vertex_provenance",
                            detail::encodeProvenance(depths, g.vertexCount).c_str());
                of.SetField("vertex_uncertainty_m",
                            detail::encodeUncertainty(depths, g.vertexCount).c_str());
                setText(of, "vertex_below_ground_m",
                        detail::encodeBelowGround(depths, g.vertexCount));
                if (const auto* s = ds.sewerOf(f)) {
                    setReal(of, "bob_begin_m", s->bobBeginM);
                    setReal(of, "bob_end_m", s->bobEndM);
                    setReal(of, "width_mm", s->widthMm);
                    setReal(of, "height_mm", s->heightMm);
                    setText(of, "shape", s->shape);
                    setText(of, "system_type", s->systemType);
                }
                if (auto r = writeFeature(networks, of, path); !r) return r;
                break;
            }
            case model::GeometryKind::VerticalBody: {
                OGRFeature of(bodies->GetLayerDefn());
                setCommon(of, ds, f);
                const auto& b = ds.bodies[f.geometry];
                of.SetGeometryDirectly(new OGRPoint(b.center.x, b.center.y));
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
                if (const auto* t = ds.treeOf(f)) {
                    setText(of, "species", t->species);
                    setReal(of, "height_m", t->heightM);
                    setReal(of, "stem_diameter_m", t->stemDiameterM);
                    setReal(of, "crown_diameter_m", t->crownDiameterM);
                    setReal(of, "root_zone_diameter_m", t->rootZoneDiameterM);
                    setReal(of, "root_depth_m", t->rootDepthM);
                    of.SetField("root_zone_provenance",
                                std::string(model::toCode(t->rootZoneProvenance)).c_str());
                }
                if (const auto* w = ds.wellOf(f)) {
                    of.SetField("screen_top_m", w->screenTopZ);
                    of.SetField("screen_bottom_m", w->screenBottomZ);
                    setReal(of, "volume_m3", w->storedVolumeM3);
                    setText(of, "well_temperature", w->temperature);
                    setText(of, "system_id", w->systemId);
                }
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
                    of.SetGeometryDirectly(line);
                    of.SetField("width_m", p.widthM);
                } else {
                    of.SetGeometryDirectly(makePolygon(ds, p));
                }
                of.SetField("top_m", p.topZ);
                of.SetField("bottom_m", p.bottomZ);
                setReal(of, "top_below_ground_m", p.topBelowGroundM);
                setReal(of, "bottom_below_ground_m", p.depth.belowGroundM);
                of.SetField("depth_provenance",
                            std::string(model::toCode(p.depth.provenance)).c_str());
                setReal(of, "depth_uncertainty_m", p.depth.verticalUncertaintyM);
                if (const auto* c = ds.contaminationOf(f)) {
                    setText(of, "substance", c->substance);
                    setReal(of, "concentration", c->concentration);
                    setText(of, "unit", c->unit);
                    setText(of, "medium", c->medium);
                }
                if (auto r = writeFeature(zones, of, path); !r) return r;
                break;
            }
        }
    }
    for (const auto& fr : ds.fields) {
        OGRFeature of(fields->GetLayerDefn());
        of.SetField("name", fr.name.c_str());
        // Fields next to the project are stored relative to it, so the folder can be moved.
        of.SetField("path", storedFieldPath(project, fr.path).c_str());
        of.SetField("kind", fr.kind.c_str());
        of.SetField("unit", fr.unit.c_str());
        of.SetField("description", fr.description.c_str());
        if (auto r = writeFeature(fields, of, path); !r) return r;
    }
    char level[40];
    std::snprintf(level, sizeof level, "%.17g", ds.ground.level);
    const std::string groundKind = model::toCode(ds.ground.kind);
    for (auto [k, v] : {std::pair<const char*, const char*>{"crs", "EPSG:7415"},
                        {"schema", "bodemzicht-project-1"},
                        {"geometry_conventions", "see docs/data-model.md"},
                        {"ground_basis", groundKind.c_str()},
                        {"ground_level_m", std::isfinite(ds.ground.level) ? level : ""},
                        {"ground_source", ds.ground.source.c_str()}}) {
        OGRFeature of(meta->GetLayerDefn());
        of.SetField("key", k);
        of.SetField("value", v);
        if (meta->CreateFeature(&of) != OGRERR_NONE)
            return fail(project, "", "cannot write project_meta");
    }
    if (out->CommitTransaction() != OGRERR_NONE)
        return fail(project, "", "cannot commit GeoPackage" + errors.because(path));
    // After the commit: CopyLayer runs transactions of its own. The file is not the project yet,
    // so nothing depends on this being one transaction.
    if (auto kept = copyProjectTables(project, *out, path); !kept) return kept;
    out.reset();  // closes the file; what follows reads it back
    return verifyWritten(ds, path);
}

}  // namespace

core::Result<void> writeProject(const Dataset& ds, const std::string& project) {
    auto lock = ProjectWriteLock::acquire(project, "to write its objects");
    if (!lock) return std::unexpected(lock.error());
    if (auto ok = checkProjectWritable(project, "to write its objects"); !ok) return ok;
    removeStaleTemporaries(project);
    // The new project is written beside the old one and moved over it only when complete, so a
    // failure at any point (disk full, kill, a bad feature) leaves the old project as it was.
    std::string tmp = temporarySibling(project);
    auto written = writeNewFile(ds, tmp, project);
    if (written) written = replaceAtomically(tmp, project);
    if (!written) {
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        written.error().message += "; the project is unchanged";
    }
    return written;
}

std::string resolveFieldPath(const std::string& projectPath, const std::string& fieldPath) {
    // Not local: kept verbatim, and refused when opened (LocalPaths.h).
    if (!isLocalPath(fieldPath)) return fieldPath;
    std::filesystem::path p(fieldPath);
    if (!p.is_absolute()) p = std::filesystem::path(projectPath).parent_path() / p;
    std::error_code ec;
    auto abs = std::filesystem::absolute(p, ec);
    return (ec ? p : abs).lexically_normal().string();
}

// [SECTION] reading

namespace {

struct LayerReader {
    OGRLayer* layer;
    std::string file;
    std::string name;
    detail::FieldIndex idx;
    std::optional<CrsTransform> transform;  // set when the layer is not in RD
    std::map<std::string, std::size_t> unknownThemes;
};

// Prepares a layer: its CRS must be RD/RD+NAP or something PROJ turns into it without a ballpark.
core::Result<LayerReader> openLayer(GDALDataset& ds, const char* name, const std::string& file) {
    OGRLayer* layer = ds.GetLayerByName(name);
    if (!layer) return fail(file, "", std::string("no layer '") + name + "'");
    LayerReader r{layer, file, name, detail::FieldIndex(layer->GetLayerDefn()), std::nullopt, {}};
    if (layer->GetGeomType() == wkbNone) return r;
    if (!layer->GetSpatialRef())
        return fail(
            file, "",
            std::string("layer '") + name + "' has no CRS; expected EPSG:7415 (RD New + NAP)");
    auto t = detail::layerTransform(*layer, std::nullopt, true);
    if (!t) return fail(file, "", std::string("layer '") + name + "': " + t.error().message);
    r.transform = std::move(*t);
    return r;
}

core::Result<core::Vec3> toRd(LayerReader& r, const std::string& id, core::Vec3 p) {
    if (!r.transform) return p;
    auto q = r.transform->apply(p);
    if (!q) return fail(r.file, id, q.error().message);
    return *q;
}

bool finite(core::Vec3 p) {
    return std::isfinite(p.x) && std::isfinite(p.y);
}

// The common columns and the `type` of a feature of a layer holding objects of one kind; skips
// (and reports) the feature otherwise.
std::optional<Dataset::Meta> readMetaOfKind(LayerReader& r, const OGRFeature& feat,
                                            model::GeometryKind kind, const char* kindName,
                                            ImportReport& report) {
    auto meta = detail::readCommonMeta(feat, r.idx, r.file, r.name, r.unknownThemes);
    if (!meta) {
        report.skip(r.name, meta.error());
        return std::nullopt;
    }
    std::string code = detail::str(feat, r.idx("type"));
    auto type = model::objectTypeFromCode(code);
    if (!type || model::geometryKindOf(*type) != kind) {
        report.skip(r.name,
                    {r.file, meta->id, "type '" + code + "' is not a " + kindName + " type"});
        return std::nullopt;
    }
    meta->type = *type;
    return *meta;
}

void readNetworks(LayerReader& r, Dataset& ds, ImportReport& report) {
    std::vector<core::Vec3> axis;
    std::vector<model::VertexDepth> depths;
    for (auto& feat : *r.layer) {
        auto meta = readMetaOfKind(r, *feat, model::GeometryKind::Linear, "linear object", report);
        if (!meta) continue;
        const OGRGeometry* g = feat->GetGeometryRef();
        if (!g || g->IsEmpty() || wkbFlatten(g->getGeometryType()) != wkbLineString) {
            report.skip(r.name,
                        {r.file, meta->id, "geometry is missing, empty or not a LineString"});
            continue;
        }
        const auto* line = g->toLineString();
        if (line->getNumPoints() < 2) {
            report.skip(r.name, {r.file, meta->id, "line has fewer than 2 vertices"});
            continue;
        }
        axis.clear();
        bool ok = true;
        for (int i = 0; i < line->getNumPoints() && ok; ++i) {
            core::Vec3 p{line->getX(i), line->getY(i), line->Is3D() ? line->getZ(i) : NAN};
            auto q = toRd(r, meta->id, p);
            if (!q || !finite(*q)) {
                report.skip(r.name,
                            q ? core::Error{r.file, meta->id,
                                            "vertex " + std::to_string(i) + " is not finite"}
                              : q.error());
                ok = false;
            } else {
                axis.push_back(*q);
            }
        }
        if (!ok) continue;
        double diameterMm = detail::num(*feat, r.idx("diameter_mm"));
        if (auto bad = detail::checkNonNegative(diameterMm, "diameter_mm", 5000);
            bad || diameterMm == 0) {
            report.skip(r.name, {r.file, meta->id, bad ? *bad : "diameter_mm is 0"});
            continue;
        }
        std::string msg =
            detail::decodeDepths(detail::str(*feat, r.idx("vertex_provenance")).empty()
                                     ? "u"
                                     : detail::str(*feat, r.idx("vertex_provenance")),
                                 detail::str(*feat, r.idx("vertex_uncertainty_m")).empty()
                                     ? "nan"
                                     : detail::str(*feat, r.idx("vertex_uncertainty_m")),
                                 axis.size(), depths,
                                 detail::str(*feat, r.idx("vertex_below_ground_m")));
        if (!msg.empty()) {
            report.skip(r.name, {r.file, meta->id, msg});
            continue;
        }
        for (std::size_t i = 0; i < axis.size(); ++i)
            if (std::isnan(axis[i].z) && depths[i].provenance != model::DepthProvenance::Unknown) {
                msg = "vertex " + std::to_string(i) + " has no height but provenance '" +
                      std::string(model::toCode(depths[i].provenance)) + "'";
                break;
            }
        if (!msg.empty()) {
            report.skip(r.name, {r.file, meta->id, msg});
            continue;
        }
        auto fi = ds.addLinear(*meta, axis, depths, static_cast<float>(diameterMm / 1000.0));
        if (meta->type == model::ObjectType::SewerPipe) {
            model::SewerProfile s;
            s.bobBeginM = detail::num(*feat, r.idx("bob_begin_m"));
            s.bobEndM = detail::num(*feat, r.idx("bob_end_m"));
            s.widthMm = static_cast<float>(detail::num(*feat, r.idx("width_mm")));
            s.heightMm = static_cast<float>(detail::num(*feat, r.idx("height_mm")));
            s.shape = detail::str(*feat, r.idx("shape"));
            s.systemType = detail::str(*feat, r.idx("system_type"));
            ds.attach(fi, std::move(s));
        }
        report.load(r.name);
    }
}

model::VertexDepth readDepth(const OGRFeature& f, const detail::FieldIndex& idx) {
    model::VertexDepth d;
    d.belowGroundM = static_cast<float>(detail::num(f, idx("bottom_below_ground_m")));
    if (auto p = model::provenanceFromCode(detail::str(f, idx("depth_provenance"))))
        d.provenance = *p;
    d.verticalUncertaintyM = static_cast<float>(detail::num(f, idx("depth_uncertainty_m")));
    return d;
}

void readBodies(LayerReader& r, Dataset& ds, ImportReport& report) {
    for (auto& feat : *r.layer) {
        auto meta =
            readMetaOfKind(r, *feat, model::GeometryKind::VerticalBody, "vertical body", report);
        if (!meta) continue;
        const OGRGeometry* g = feat->GetGeometryRef();
        if (!g || g->IsEmpty() || wkbFlatten(g->getGeometryType()) != wkbPoint) {
            report.skip(r.name, {r.file, meta->id, "geometry is missing, empty or not a Point"});
            continue;
        }
        auto q = toRd(r, meta->id, {g->toPoint()->getX(), g->toPoint()->getY(), 0});
        if (!q || !finite(*q)) {
            report.skip(r.name,
                        q ? core::Error{r.file, meta->id, "point is not finite"} : q.error());
            continue;
        }
        model::VerticalBody b;
        b.center = q->xy();
        b.topZ = detail::num(*feat, r.idx("top_m"));
        b.bottomZ = detail::num(*feat, r.idx("bottom_m"));
        if (!std::isfinite(b.topZ) || !std::isfinite(b.bottomZ) || b.bottomZ > b.topZ) {
            report.skip(r.name, {r.file, meta->id, "top_m/bottom_m missing or bottom above top"});
            continue;
        }
        double diameter = detail::num(*feat, r.idx("diameter_m"));
        double width = detail::num(*feat, r.idx("width_m")),
               length = detail::num(*feat, r.idx("length_m"));
        if (auto bad = detail::checkNonNegative(diameter, "diameter_m", 200)) {
            report.skip(r.name, {r.file, meta->id, *bad});
            continue;
        }
        if (!std::isnan(diameter) && diameter > 0) {
            b.radiusM = static_cast<float>(diameter / 2);
        } else if (width > 0 && length > 0) {
            b.widthM = static_cast<float>(width);
            b.lengthM = static_cast<float>(length);
            double rot = detail::num(*feat, r.idx("rotation_deg"));
            b.rotationDeg = std::isnan(rot) ? 0.f : static_cast<float>(rot);
        } else {
            report.skip(r.name, {r.file, meta->id,
                                 "neither diameter_m nor width_m and length_m are positive"});
            continue;
        }
        b.depth = readDepth(*feat, r.idx);
        b.topBelowGroundM = static_cast<float>(detail::num(*feat, r.idx("top_below_ground_m")));
        auto fi = ds.addBody(*meta, b);
        if (meta->type == model::ObjectType::Tree) {
            model::TreeDetail t;
            t.species = detail::str(*feat, r.idx("species"));
            t.heightM = static_cast<float>(detail::num(*feat, r.idx("height_m")));
            t.stemDiameterM = static_cast<float>(detail::num(*feat, r.idx("stem_diameter_m")));
            t.crownDiameterM = static_cast<float>(detail::num(*feat, r.idx("crown_diameter_m")));
            t.rootZoneDiameterM =
                static_cast<float>(detail::num(*feat, r.idx("root_zone_diameter_m")));
            t.rootDepthM = static_cast<float>(detail::num(*feat, r.idx("root_depth_m")));
            if (auto p =
                    model::provenanceFromCode(detail::str(*feat, r.idx("root_zone_provenance"))))
                t.rootZoneProvenance = *p;
            ds.attach(fi, std::move(t));
        } else if (meta->type == model::ObjectType::Well) {
            model::WellDetail w;
            w.screenTopZ = detail::num(*feat, r.idx("screen_top_m"));
            w.screenBottomZ = detail::num(*feat, r.idx("screen_bottom_m"));
            w.storedVolumeM3 = detail::num(*feat, r.idx("volume_m3"));
            w.temperature = detail::str(*feat, r.idx("well_temperature"));
            w.systemId = detail::str(*feat, r.idx("system_id"));
            ds.attach(fi, std::move(w));
        }
        report.load(r.name);
    }
}

}  // namespace

namespace {

void readZones(LayerReader& r, Dataset& ds, ImportReport& report) {
    for (auto& feat : *r.layer) {
        auto meta = readMetaOfKind(r, *feat, model::GeometryKind::Prism, "prism", report);
        if (!meta) continue;
        bool isLine = false;
        auto rings =
            detail::footprintRings(feat->GetGeometryRef(), isLine, r.transform, r.file, meta->id);
        if (!rings) {
            report.skip(r.name, rings.error());
            continue;
        }
        double top = detail::num(*feat, r.idx("top_m")),
               bottom = detail::num(*feat, r.idx("bottom_m"));
        if (!std::isfinite(top) || !std::isfinite(bottom) || bottom > top) {
            report.skip(r.name, {r.file, meta->id, "top_m/bottom_m missing or bottom above top"});
            continue;
        }
        double width = detail::num(*feat, r.idx("width_m"));
        if (isLine && !(width > 0)) {
            report.skip(r.name, {r.file, meta->id, "a line footprint needs a positive width_m"});
            continue;
        }
        auto fi = ds.addPrism(*meta, *rings, bottom, top,
                              isLine ? static_cast<float>(width) : model::kUnknown,
                              readDepth(*feat, r.idx));
        ds.prisms[ds.features[fi].geometry].topBelowGroundM =
            static_cast<float>(detail::num(*feat, r.idx("top_below_ground_m")));
        if (meta->type == model::ObjectType::ContaminationZone) {
            model::ContaminationDetail c;
            c.substance = detail::str(*feat, r.idx("substance"));
            c.concentration = detail::num(*feat, r.idx("concentration"));
            c.unit = detail::str(*feat, r.idx("unit"));
            c.medium = detail::str(*feat, r.idx("medium"));
            ds.attach(fi, std::move(c));
        }
        report.load(r.name);
    }
}

}  // namespace

core::Result<Dataset> readProject(const std::string& source, ImportReport& report) {
    Dataset ds;
    if (auto ok = readProjectInto(source, ds, report); !ok) return std::unexpected(ok.error());
    return ds;
}

core::Result<model::GroundLevel> openFieldRaster(const Dataset& ds, const std::string& name) {
    for (const auto& f : ds.fields)
        if (f.name == name && f.kind == "raster") {
            auto r = Raster::open(f.path);
            if (!r) return std::unexpected(r.error());
            return model::GroundLevel(std::move(*r));
        }
    return model::GroundLevel();
}

core::Result<void> readProjectInto(const std::string& source, Dataset& ds, ImportReport& report) {
    detail::registerGdalOnce();
    recoverInterruptedWrite(source);
    detail::GdalErrorCapture errors;
    std::unique_ptr<GDALDataset> in(GDALDataset::Open(
        source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!in)
        return fail(source, "", "cannot open as a vector data source" + errors.because(source));
    return detail::readProjectFrom(*in, source, ds, report);
}

namespace detail {

bool holdsProject(GDALDataset& in) {
    return in.GetLayerByName(kNetworksLayer) || in.GetLayerByName(kBodiesLayer) ||
           in.GetLayerByName(kZonesLayer);
}

core::Result<void> readProjectFrom(GDALDataset& in, const std::string& source, Dataset& ds,
                                   ImportReport& report) {
    if (!holdsProject(in))
        return fail(source, "",
                    "not a Bodemzicht project: none of the layers networks, bodies, zones");
    for (const char* name : {kNetworksLayer, kBodiesLayer, kZonesLayer}) {
        if (!in.GetLayerByName(name)) continue;
        in.GetLayerByName(name)->ResetReading();
        auto r = openLayer(in, name, source);
        if (!r) return std::unexpected(r.error());
        if (name == std::string(kNetworksLayer))
            readNetworks(*r, ds, report);
        else if (name == std::string(kBodiesLayer))
            readBodies(*r, ds, report);
        else
            readZones(*r, ds, report);
        detail::reportUnknownThemes(r->unknownThemes, source, report);
    }
    if (OGRLayer* ml = in.GetLayerByName(kMetaLayer)) {
        ml->ResetReading();
        detail::FieldIndex idx(ml->GetLayerDefn());
        model::GroundBasis basis;
        for (auto& f : *ml) {
            std::string key = detail::str(*f, idx("key")), value = detail::str(*f, idx("value"));
            if (key == "ground_basis") {
                auto kind = model::groundKindFromCode(value);
                if (!kind)
                    report.warn({source, "", "unknown ground_basis '" + value +
                                                 "' in project_meta; taken as assumed"});
                basis.kind = kind.value_or(model::GroundBasis::Kind::AssumedFlat);
            } else if (key == "ground_level_m") {
                basis.level = core::parseNumber(value).value_or(NAN);
            } else if (key == "ground_source") {
                basis.source = value;
            }
        }
        model::mergeGround(ds.ground, basis);
    }
    if (OGRLayer* fl = in.GetLayerByName(kFieldsLayer)) {
        fl->ResetReading();
        detail::FieldIndex idx(fl->GetLayerDefn());
        for (auto& f : *fl)
            ds.fields.push_back({detail::str(*f, idx("name")),
                                 resolveFieldPath(source, detail::str(*f, idx("path"))),
                                 detail::str(*f, idx("kind")), detail::str(*f, idx("unit")),
                                 detail::str(*f, idx("description"))});
    }
    return {};
}

}  // namespace detail

}  // namespace bz::io
