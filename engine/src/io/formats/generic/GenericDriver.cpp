// The generic GIS schema: any GDAL vector source (GeoPackage, GeoJSON, Shapefile, FlatGeobuf,
// CSV with WKT, PostGIS, ...) with the columns id, theme, owner, status, diameter_mm, year and
// optionally type, material, depth_m, depth_source, depth_uncertainty_m, top_m, bottom_m, width_m
// (docs/import.md). It takes any source GDAL can open, so it is asked last.
#include <bodemzicht/model/DatasetCopy.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <memory>
#include <set>

#include <bodemzicht/io/CrsTransform.h>

#include "../../Footprint.h"
#include "../../GdalErrors.h"
#include "../../OgrFields.h"
#include "../Driver.h"

namespace bz::io::formats {

using core::fail;
using model::ObjectType;

namespace {

// The generic schema's columns (docs/import.md); every other column is the source's own attribute.
const std::set<std::string> kSchemaColumns = {"id",
                                              "layer",
                                              "theme",
                                              "owner",
                                              "status",
                                              "type",
                                              "material",
                                              "source_file",
                                              "year",
                                              "laid_date",
                                              "planned_date",
                                              "out_of_service_date",
                                              "end_of_life_date",
                                              "horizontal_accuracy_m",
                                              "diameter_mm",
                                              "depth_m",
                                              "depth_source",
                                              "depth_uncertainty_m",
                                              "top_m",
                                              "bottom_m",
                                              "width_m",
                                              "all_depths",
                                              "wkt",
                                              "geometry"};

bool isCableTheme(const std::string& t) {
    return t == "laagspanning" || t == "middenspanning" || t == "hoogspanning" ||
           t == "landelijkHoogspanningsnet" || t == "datatransport";
}

ObjectType inferType(const std::string& theme, OGRwkbGeometryType geom) {
    auto flat = wkbFlatten(geom);
    if (flat == wkbPoint) {
        if (theme == "boom") return ObjectType::Tree;
        if (theme == "wko") return ObjectType::Well;
        if (theme == "laadpunt") return ObjectType::Foundation;
        if (theme == "kast") return ObjectType::Cabinet;
        return ObjectType::Manhole;
    }
    if (flat == wkbPolygon || flat == wkbMultiPolygon) {
        if (theme == "verontreiniging") return ObjectType::ContaminationZone;
        if (theme == "evGebied" || theme == "leidingstrook") return ObjectType::ProtectedZone;
        if (theme == "boomvoorziening") return ObjectType::TreePit;
        if (theme == "infiltratie") return ObjectType::InfiltrationCrate;
        if (theme == "sleuf") return ObjectType::Trench;
        return ObjectType::Area;
    }
    if (theme == "sleuf") return ObjectType::Trench;
    if (theme == "warmte") return ObjectType::HeatPipe;
    if (theme == "rioolVrijverval" || theme == "rioolOnderOverOfOnderdruk")
        return ObjectType::SewerPipe;
    if (isCableTheme(theme)) return ObjectType::Cable;
    return ObjectType::Pipe;
}

struct Context {
    std::string file, layer;
    const ReadOptions& options;
    detail::FieldIndex& idx;
    std::optional<CrsTransform>& transform;
    model::Dataset& ds;
    ImportReport& report;
    std::size_t belowGround = 0, onFlat = 0;  // depths given below ground; of those on the flat
};

// The ground under an object given below ground (depth_m): the ground level given, else an
// assumed flat ground at 0 m NAP (the depth is kept, so `bodem ground` places it later).
double groundAt(Context& c, double x, double y) {
    ++c.belowGround;
    double g = c.options.groundLevel.available() ? c.options.groundLevel.at(x, y) : NAN;
    if (!std::isnan(g)) return g;
    ++c.onFlat;
    return 0.0;
}

model::DepthProvenance provenanceOf(const OGRFeature& f, const Context& c,
                                    model::DepthProvenance fallback) {
    std::string s = detail::str(f, c.idx("depth_source"));
    if (auto p = model::provenanceFromCode(s)) return *p;
    return fallback;
}

core::Result<void> importLinear(const OGRFeature& f, model::Dataset::Meta meta, Context& c) {
    const OGRGeometry* g = f.GetGeometryRef();
    const OGRLineString* line = nullptr;
    if (wkbFlatten(g->getGeometryType()) == wkbMultiLineString &&
        g->toMultiLineString()->getNumGeometries() == 1)
        line = g->toMultiLineString()->getGeometryRef(0);
    else if (wkbFlatten(g->getGeometryType()) == wkbLineString)
        line = g->toLineString();
    if (!line) return fail(c.file, meta.id, "multi-part line: split it into one feature per part");
    if (line->getNumPoints() < 2) return fail(c.file, meta.id, "line has fewer than 2 vertices");
    double diameterMm = detail::num(f, c.idx("diameter_mm"));
    if (auto bad = detail::checkNonNegative(diameterMm, "diameter_mm", 5000))
        return fail(c.file, meta.id, *bad);
    if (diameterMm == 0) return fail(c.file, meta.id, "diameter_mm is 0");
    float diameterM =
        std::isnan(diameterMm) ? model::kUnknown : static_cast<float>(diameterMm / 1000);
    double depth = detail::num(f, c.idx("depth_m"));
    if (auto bad = detail::checkNonNegative(depth, "depth_m", 100))
        return fail(c.file, meta.id, *bad);
    double uncertainty = detail::num(f, c.idx("depth_uncertainty_m"));
    if (auto bad = detail::checkNonNegative(uncertainty, "depth_uncertainty_m", 50))
        return fail(c.file, meta.id, *bad);
    const bool threeD = line->Is3D();
    // Heights given as data: trusted as their depth_source says; without one, an existing object's
    // are assumed and a proposed object's are its design values (exact: no uncertainty band).
    const auto given = model::isDesign(meta.status) ? model::DepthProvenance::Measured
                                                    : model::DepthProvenance::Assumed;
    auto prov = provenanceOf(f, c, given);
    std::vector<core::Vec3> axis;
    std::vector<model::VertexDepth> depths;
    for (int i = 0; i < line->getNumPoints(); ++i) {
        core::Vec3 p{line->getX(i), line->getY(i), threeD ? line->getZ(i) : 0.0};
        if (c.transform) {
            auto q = c.transform->apply(p);
            if (!q) return fail(c.file, meta.id, q.error().message);
            p = *q;
        }
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || (threeD && !std::isfinite(p.z)))
            return fail(c.file, meta.id, "vertex " + std::to_string(i) + " is NaN or infinite");
        model::VertexDepth d;
        if (threeD) {
            d = {prov, static_cast<float>(uncertainty)};
        } else if (!std::isnan(depth)) {
            // depth_m is cover depth to the top; the axis lies half a diameter lower.
            double below = depth + (std::isnan(diameterM) ? 0.0 : diameterM / 2.0);
            d = {prov, static_cast<float>(uncertainty), static_cast<float>(below)};
            p.z = groundAt(c, p.x, p.y) - d.belowGroundM;  // as re-levelling would

        } else {
            p.z = NAN;  // unknown stays unknown: the clash core applies (and marks) a default
            d = {model::DepthProvenance::Unknown, model::kUnknown};
        }
        axis.push_back(p);
        depths.push_back(d);
    }
    c.ds.addLinear(meta, axis, depths, diameterM);
    return {};
}

struct VerticalRange {
    double bottom = 0, top = 0;                                                   // m NAP
    float bottomBelowGround = model::kUnknown, topBelowGround = model::kUnknown;  // depth_m given
};

core::Result<VerticalRange> verticalRange(const OGRFeature& f, Context& c, const std::string& id,
                                          double x, double y) {
    double top = detail::num(f, c.idx("top_m")), bottom = detail::num(f, c.idx("bottom_m"));
    if (std::isfinite(top) && std::isfinite(bottom)) {
        if (bottom > top) return fail(c.file, id, "bottom_m is above top_m");
        return VerticalRange{bottom, top};
    }
    double depth = detail::num(f, c.idx("depth_m"));
    if (auto bad = detail::checkNonNegative(depth, "depth_m", 500)) return fail(c.file, id, *bad);
    if (std::isnan(depth)) return fail(c.file, id, "needs top_m and bottom_m, or depth_m");
    double ground = groundAt(c, x, y);
    float below = static_cast<float>(depth);
    return VerticalRange{ground - below, ground, below, 0.f};
}

core::Result<void> importBody(const OGRFeature& f, model::Dataset::Meta meta, Context& c) {
    const OGRPoint* pt = f.GetGeometryRef()->toPoint();
    core::Vec3 p{pt->getX(), pt->getY(), 0};
    if (c.transform) {
        auto q = c.transform->apply(p);
        if (!q) return fail(c.file, meta.id, q.error().message);
        p = *q;
    }
    if (!std::isfinite(p.x) || !std::isfinite(p.y))
        return fail(c.file, meta.id, "point is NaN or infinite");
    double diameterMm = detail::num(f, c.idx("diameter_mm"));
    if (auto bad = detail::checkNonNegative(diameterMm, "diameter_mm", 100000))
        return fail(c.file, meta.id, *bad);
    if (!(diameterMm > 0))
        return fail(c.file, meta.id, "a point object needs a positive diameter_mm");
    auto range = verticalRange(f, c, meta.id, p.x, p.y);
    if (!range) return std::unexpected(range.error());
    model::VerticalBody b;
    b.center = p.xy();
    b.bottomZ = range->bottom;
    b.topZ = range->top;
    b.topBelowGroundM = range->topBelowGround;
    b.radiusM = static_cast<float>(diameterMm / 2000);
    b.depth = {provenanceOf(f, c,
                            model::isDesign(meta.status) ? model::DepthProvenance::Measured
                                                         : model::DepthProvenance::Assumed),
               static_cast<float>(detail::num(f, c.idx("depth_uncertainty_m"))),
               range->bottomBelowGround};
    c.ds.addBody(meta, b);
    return {};
}

core::Result<void> importPrism(const OGRFeature& f, model::Dataset::Meta meta, Context& c) {
    bool isLine = false;
    auto rings = detail::footprintRings(f.GetGeometryRef(), isLine, c.transform, c.file, meta.id);
    if (!rings) return std::unexpected(rings.error());
    double width = detail::num(f, c.idx("width_m"));
    if (isLine && !(width > 0))
        return fail(c.file, meta.id, "a line footprint needs a positive width_m");
    // A plan constraint (a protected strip, an area) may hold at every depth.
    if (detail::num(f, c.idx("all_depths")) == 1) {
        auto fi = c.ds.addPrism(meta, *rings, NAN, NAN,
                                isLine ? static_cast<float>(width) : model::kUnknown,
                                {model::DepthProvenance::Unknown, model::kUnknown});
        c.ds.prisms[c.ds.features[fi].geometry].allDepths = true;
        return {};
    }
    auto first = (*rings)[0][0];
    auto range = verticalRange(f, c, meta.id, first.x, first.y);
    if (!range) return std::unexpected(range.error());
    auto fi =
        c.ds.addPrism(meta, *rings, range->bottom, range->top,
                      isLine ? static_cast<float>(width) : model::kUnknown,
                      {provenanceOf(f, c,
                                    model::isDesign(meta.status) ? model::DepthProvenance::Measured
                                                                 : model::DepthProvenance::Assumed),
                       static_cast<float>(detail::num(f, c.idx("depth_uncertainty_m"))),
                       range->bottomBelowGround});
    c.ds.prisms[c.ds.features[fi].geometry].topBelowGroundM = range->topBelowGround;
    return {};
}

void importLayer(OGRLayer* layer, const std::string& file, const ReadOptions& options,
                 model::Dataset& ds, ImportReport& report) {
    std::string name = layer->GetName();
    detail::FieldIndex idx(layer->GetLayerDefn());
    auto skipAll = [&](const std::string& why) {
        for (auto& f : *layer) {
            std::string id = idx("id") >= 0 ? detail::str(*f, idx("id")) : "";
            report.skip(name, {file, id.empty() ? "FID " + std::to_string(f->GetFID()) : id, why});
        }
    };
    for (const char* col : {"id", "theme", "status"})
        if (idx(col) < 0)
            return skipAll(std::string("layer '") + name + "' lacks the required column '" + col +
                           "'");
    for (const char* col : {"owner", "diameter_mm", "year"})
        if (idx(col) < 0)
            report.warn(
                {file, "",
                 std::string("layer '") + name + "' has no '" + col + "' column: left unknown"});

    auto t = detail::layerTransform(*layer, options.sourceCrs, true);
    if (!t) return skipAll(t.error().message);
    std::optional<CrsTransform> transform = std::move(*t);

    std::map<std::string, std::size_t> unknownThemes;
    Context c{file, name, options, idx, transform, ds, report};
    for (auto& f : *layer) {
        auto meta = detail::readCommonMeta(*f, idx, file, name, unknownThemes);
        if (!meta) {
            report.skip(name, meta.error());
            continue;
        }
        const OGRGeometry* g = f->GetGeometryRef();
        if (!g || g->IsEmpty()) {
            report.skip(name, {file, meta->id, "geometry is missing or empty"});
            continue;
        }
        std::string typeCode = detail::str(*f, idx("type"));
        ObjectType type = inferType(meta->theme, g->getGeometryType());
        if (!typeCode.empty()) {
            auto given = model::objectTypeFromCode(typeCode);
            if (!given) {
                report.skip(name,
                            {file, meta->id, "type '" + typeCode + "' is not a known object type"});
                continue;
            }
            type = *given;
        }
        meta->type = type;
        meta->attributes = detail::otherAttributes(*f, kSchemaColumns);
        auto flat = wkbFlatten(g->getGeometryType());
        bool lineGeom = flat == wkbLineString || flat == wkbMultiLineString;
        bool pointGeom = flat == wkbPoint;
        auto kind = model::geometryKindOf(type);
        core::Result<void> r;
        if (kind == model::GeometryKind::Linear && lineGeom)
            r = importLinear(*f, *meta, c);
        else if (kind == model::GeometryKind::VerticalBody && pointGeom)
            r = importBody(*f, *meta, c);
        else if (kind == model::GeometryKind::Prism && !pointGeom)
            r = importPrism(*f, *meta, c);
        else
            r = fail(file, meta->id,
                     std::string("geometry ") + OGRGeometryTypeToName(g->getGeometryType()) +
                         " does not fit object type '" + std::string(model::toCode(type)) + "'");
        if (r)
            report.load(name);
        else
            report.skip(name, r.error());
    }
    detail::reportUnknownThemes(unknownThemes, file, report);
    if (c.belowGround) {
        model::GroundBasis basis;
        basis.level = 0.0;
        basis.kind = !c.onFlat
                         ? (options.groundLevel.isRaster() ? model::GroundBasis::Kind::Raster
                                                           : model::GroundBasis::Kind::Constant)
                     : c.onFlat < c.belowGround && options.groundLevel.available()
                         ? model::GroundBasis::Kind::Partial
                         : model::GroundBasis::Kind::AssumedFlat;
        basis.source = options.groundLevel.describe();
        if (basis.kind == model::GroundBasis::Kind::Constant)
            basis.level = options.groundLevel.at(0, 0);
        model::mergeGround(ds.ground, basis);
        if (c.onFlat)
            report.warn({file, "",
                         std::to_string(c.onFlat) + " depths below ground (depth_m) stand on " +
                             model::describe(basis)});
    }
}

class GenericDriver final : public Driver {
  public:
    GenericDriver()
        : Driver({"generic",
                  "any GDAL vector source in Bodemzicht's generic schema (id, theme, status, ...)",
                  {},
                  {"3d", "depth-below-ground", "proposals"},
                  {{"layer", FormatOption::Type::Text, "",
                    "read only this layer of the source (all layers when empty)", ""}}}) {}

  private:
    Confidence doIdentify(OpenInfo& in) const override {
        return in.vector() ? Confidence::Unsure : Confidence::No;
    }
    core::Result<void> doOpen(OpenInfo& in, const ReadOptions& options, const DriverOptions& own,
                              model::Dataset& ds, ImportReport& report) const override {
        GDALDataset* src = in.vector();
        if (!src) return fail(in.source(), "", in.vectorError());
        if (src->GetLayerCount() == 0) return fail(in.source(), "", "contains no layers");
        const std::string& only = own.text("layer");
        bool found = only.empty();
        for (int i = 0; i < src->GetLayerCount(); ++i) {
            OGRLayer* layer = src->GetLayer(i);
            if (!only.empty() && only != layer->GetName()) continue;
            found = true;
            layer->ResetReading();
            importLayer(layer, in.source(), options, ds, report);
        }
        if (!found) return fail(in.source(), "", "has no layer '" + only + "'");
        return {};
    }
};

}  // namespace

void registerGeneric(DriverTable& table) {
    table.add(std::make_unique<GenericDriver>());
}

}  // namespace bz::io::formats
