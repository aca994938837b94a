// Reading a project from an open GDAL dataset: the object layers (any GDAL source with them, in
// RD or transformed to it), detail records, fields and metadata.
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
    // The source's own attributes; a value that is not the JSON written is kept as text, said.
    if (std::string json = detail::str(feat, r.idx("attributes")); !json.empty()) {
        if (auto attributes = detail::attributesFromJson(json))
            meta->attributes = std::move(*attributes);
        else {
            report.warn({r.file, meta->id,
                         "its attributes are not a JSON object of values; kept as text under "
                         "'attributes'"});
            meta->attributes = {{"attributes", json}};
        }
    }
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
        std::string msg = detail::decodeDepths(
            detail::str(*feat, r.idx("vertex_provenance")).empty()
                ? "u"
                : detail::str(*feat, r.idx("vertex_provenance")),
            detail::str(*feat, r.idx("vertex_uncertainty_m")).empty()
                ? "nan"
                : detail::str(*feat, r.idx("vertex_uncertainty_m")),
            axis.size(), depths, detail::str(*feat, r.idx("vertex_below_ground_m")));
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
        detail::readLegacyDetail(*feat, r.idx, ds, fi);
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
        detail::readLegacyDetail(*feat, r.idx, ds, fi);
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
        const auto depth = readDepth(*feat, r.idx);
        // At every depth: said by all_depths; projects written before the flag stored such zones
        // from -100 to +100 m NAP with no depth provenance.
        bool allDepths = detail::num(*feat, r.idx("all_depths")) == 1 ||
                         (r.idx("all_depths") < 0 && top == 100 && bottom == -100 &&
                          depth.provenance == model::DepthProvenance::Unknown);
        if (allDepths) {
            top = bottom = NAN;
        } else if (!std::isfinite(top) || !std::isfinite(bottom) || bottom > top) {
            report.skip(r.name, {r.file, meta->id, "top_m/bottom_m missing or bottom above top"});
            continue;
        }
        double width = detail::num(*feat, r.idx("width_m"));
        if (isLine && !(width > 0)) {
            report.skip(r.name, {r.file, meta->id, "a line footprint needs a positive width_m"});
            continue;
        }
        auto fi = ds.addPrism(*meta, *rings, bottom, top,
                              isLine ? static_cast<float>(width) : model::kUnknown, depth);
        auto& prism = ds.prisms[ds.features[fi].geometry];
        prism.topBelowGroundM = static_cast<float>(detail::num(*feat, r.idx("top_below_ground_m")));
        prism.allDepths = allDepths;
        detail::readLegacyDetail(*feat, r.idx, ds, fi);
        report.load(r.name);
    }
}

}  // namespace

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
    const auto firstFeature = static_cast<std::uint32_t>(ds.features.size());
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
    detail::readDetails(in, source, ds, firstFeature, report);
    if (OGRLayer* ml = in.GetLayerByName(kMetaLayer)) {
        ml->ResetReading();
        detail::FieldIndex idx(ml->GetLayerDefn());
        model::GroundBasis basis;
        for (auto& f : *ml) {
            std::string key = detail::str(*f, idx("key")), value = detail::str(*f, idx("value"));
            if (key == "ground_basis") {
                auto kind = model::groundKindFromCode(value);
                if (!kind)
                    report.warn(
                        {source, "",
                         "unknown ground_basis '" + value + "' in project_meta; taken as assumed"});
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
        for (auto& f : *fl) {
            const std::string name = detail::str(*f, idx("name")),
                              code = detail::str(*f, idx("kind"));
            auto kind = model::fieldKindFromCode(code);
            if (!kind) {
                report.warn(
                    {source, name,
                     "field of unknown kind '" + code + "' (known: raster, grid3d); not used"});
                continue;
            }
            ds.fields.push_back({name, resolveFieldPath(source, detail::str(*f, idx("path"))),
                                 *kind, detail::str(*f, idx("unit")),
                                 detail::str(*f, idx("description")), detail::str(*f, idx("crs"))});
        }
    }
    return {};
}

}  // namespace detail

}  // namespace bz::io
