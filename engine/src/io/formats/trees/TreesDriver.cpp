// Municipal tree registers and BGT trees from any GDAL source (points): species, height, stem and
// crown diameter, also as the class strings registers use ("0,5 tot 0,75 m.", "18 tot 24 m.",
// Dutch decimal commas). The root zone follows from the rule set (crown radius + a margin, to the
// rule set's root depth) and is marked derived; the stem is the vertical body from the ground down
// to the root depth.
#include "SizeClass.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <set>

#include <bodemzicht/io/CrsTransform.h>

#include <bodemzicht/core/Parse.h>

#include "../../GdalErrors.h"
#include "../../OgrFields.h"
#include "../Driver.h"

namespace bz::io::formats {

namespace {

using detail::findColumn;
using detail::lowerAscii;

struct Columns {
    int id, species, height, stem, crown, year, owner;
    explicit Columns(OGRFeatureDefn* d)
        : id(findColumn(d,
                        {"id", "boomnummer", "lokaalid", "identificatie", "boom_id", "objectid"})),
          species(findColumn(d, {"soortnaam", "boomsoort_wetenschappelijk", "soortnaamnederlands",
                                 "soortnaam_ned", "species"})),
          height(findColumn(d, {"boomhoogte", "boomhoogteactueel", "boomhoogteklasseactueel",
                                "hoogteklasse", "height_m"})),
          stem(findColumn(d, {"stamdiameter", "stamdiameterklasse", "stem_diameter_m"})),
          crown(findColumn(d, {"kroondiameter", "kroondiameterklasseactueel", "kroondiameterklasse",
                               "crown_diameter_m"})),
          year(findColumn(d, {"jaarvanaanleg", "plantjaar", "jaar", "year"})),
          owner(findColumn(d, {"eigenaar", "owner", "beheerder"})) {}
    bool looksLikeTrees() const { return id >= 0 && (stem >= 0 || crown >= 0 || species >= 0); }
};

std::string text(OGRFeature& f, int i) {
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : "";
}

}  // namespace

double parseSizeClassM(const std::string& raw) {
    std::string s = lowerAscii(raw);
    std::replace(s.begin(), s.end(), ',', '.');  // Dutch decimal comma
    std::vector<double> numbers;
    for (std::size_t i = 0; i < s.size();) {
        if (std::isdigit(static_cast<unsigned char>(s[i]))) {
            char* end = nullptr;
            double v = std::strtod(s.c_str() + i, &end);
            numbers.push_back(v);
            i = static_cast<std::size_t>(end - s.c_str());
            // "0.5." ends a class label with a full stop: skip it.
        } else {
            ++i;
        }
    }
    if (numbers.empty()) return NAN;
    double v = numbers.size() >= 2 ? 0.5 * (numbers[0] + numbers[1]) : numbers[0];
    // Centimetres written as such ("30 cm") become metres.
    if (s.find("cm") != std::string::npos) v /= 100.0;
    return v;
}

namespace {

struct TreeOptions {
    double rootZoneCrownRadiusPlusM, rootDepthM;
};

core::Result<void> readTrees(GDALDataset& ds, const std::string& source, const ReadOptions& options,
                             const TreeOptions& trees, model::Dataset& out, ImportReport& report) {
    if (ds.GetLayerCount() < 1) return core::fail(source, "", "contains no layers");
    OGRLayer* layer = ds.GetLayer(0);
    layer->ResetReading();
    std::string name = layer->GetName();
    Columns c(layer->GetLayerDefn());
    std::set<std::string> used = {"wkt", "geometry"};  // every other column is an attribute
    for (int col : {c.id, c.species, c.height, c.stem, c.crown, c.year, c.owner})
        if (col >= 0) used.insert(lowerAscii(layer->GetLayerDefn()->GetFieldDefn(col)->GetNameRef()));
    if (c.id < 0) return core::fail(source, "", "no id column (id, BOOMNUMMER, lokaalid, ...)");
    if (!options.groundLevel.available())
        return core::fail(
            source, "", "trees need a ground level: pass --ground-level M or --ground-raster FILE");
    auto t = detail::layerTransform(*layer, options.sourceCrs, false);
    if (!t) return core::fail(source, "", t.error().message);
    std::optional<CrsTransform> transform = std::move(*t);

    for (auto& f : *layer) {
        std::string id = text(*f, c.id);
        if (id.empty()) {
            report.skip(name, {source, "FID " + std::to_string(f->GetFID()), "empty id"});
            continue;
        }
        const OGRGeometry* g = f->GetGeometryRef();
        if (!g || g->IsEmpty() || wkbFlatten(g->getGeometryType()) != wkbPoint) {
            report.skip(name, {source, id, "geometry is missing or not a point"});
            continue;
        }
        core::Vec3 p{g->toPoint()->getX(), g->toPoint()->getY(), 0};
        if (transform) {
            auto q = transform->apply(p);
            if (!q) {
                report.skip(name, {source, id, q.error().message});
                continue;
            }
            p = *q;
        }
        double ground = options.groundLevel.at(p.x, p.y);
        if (std::isnan(ground)) {
            report.skip(name,
                        {source, id, "no ground level at the tree (outside the raster or nodata)"});
            continue;
        }
        model::TreeDetail detail;
        detail.species = text(*f, c.species);
        detail.heightM = static_cast<float>(parseSizeClassM(text(*f, c.height)));
        detail.stemDiameterM = static_cast<float>(parseSizeClassM(text(*f, c.stem)));
        detail.crownDiameterM = static_cast<float>(parseSizeClassM(text(*f, c.crown)));
        float implausible = NAN;
        for (float v : {detail.heightM, detail.stemDiameterM, detail.crownDiameterM})
            if (v < 0 || v > 60) implausible = v;
        if (!std::isnan(implausible)) {
            report.skip(name,
                        {source, id, "implausible size " + std::to_string(implausible) + " m"});
            continue;
        }
        {
            // The root zone follows from the crown (rule set); without a crown, from the stem
            // (crown ~ 15 x stem, a common allometric ratio) - both derived, never measured.
            double crown = !std::isnan(detail.crownDiameterM)  ? detail.crownDiameterM
                           : !std::isnan(detail.stemDiameterM) ? 15.0 * detail.stemDiameterM
                                                               : NAN;
            if (!std::isnan(crown)) {
                detail.rootZoneDiameterM =
                    static_cast<float>(crown + 2 * trees.rootZoneCrownRadiusPlusM);
                detail.rootZoneProvenance = model::DepthProvenance::Derived;
            }
            detail.rootDepthM = static_cast<float>(trees.rootDepthM);
            model::VerticalBody b;
            b.center = p.xy();
            b.topZ = ground;
            b.bottomZ = ground - trees.rootDepthM;
            // Stem radius; without a stem size a 0.1 m stem is assumed and said so in the report.
            b.radiusM = std::isnan(detail.stemDiameterM) ? 0.1f : detail.stemDiameterM / 2;
            b.depth = {model::DepthProvenance::Derived, model::kUnknown};
            model::Dataset::Meta m;
            m.id = id;
            m.layer = "bomen";
            m.theme = "boom";
            m.type = model::ObjectType::Tree;
            m.owner = text(*f, c.owner);
            m.source = source;
            std::string year = text(*f, c.year);
            if (auto d = model::Date::parse(year); d && d->year() > 1600 && d->year() < 2100)
                m.dates.laid = *d;
            m.attributes = detail::otherAttributes(*f, used);
            if (std::isnan(detail.stemDiameterM))
                report.warn(
                    {source, id, "no stem diameter: a 0.2 m stem is assumed for the clash check"});
            auto fi = out.addBody(m, b);
            out.attach(fi, std::move(detail));
            report.load(name);
        }
    }
    return {};
}

class TreesDriver final : public Driver {
  public:
    TreesDriver()
        : Driver({"trees",
                  "municipal tree register or BGT trees (points with species, stem and crown)",
                  {},
                  {"root-zones"},
                  {{"root-zone-crown-radius-plus-m", FormatOption::Type::Number, "1.0",
                    "root zone radius = crown radius + this", "trees.root_zone_crown_radius_plus_m"},
                   {"root-depth-m", FormatOption::Type::Number, "1.0",
                    "depth of the root zone below ground", "trees.root_depth_m"}}}) {}

  private:
    Confidence doIdentify(OpenInfo& in) const override {
        GDALDataset* ds = in.vector();
        if (!ds || ds->GetLayerCount() < 1) return Confidence::No;
        OGRFeatureDefn* d = ds->GetLayer(0)->GetLayerDefn();
        return Columns(d).looksLikeTrees() && findColumn(d, {"theme"}) < 0 ? Confidence::Yes
                                                                            : Confidence::No;
    }
    core::Result<void> doOpen(OpenInfo& in, const ReadOptions& options, const DriverOptions& own,
                              model::Dataset& ds, ImportReport& report) const override {
        if (!in.vector()) return core::fail(in.source(), "", in.vectorError());
        return readTrees(*in.vector(), in.source(), options,
                         {own.number("root-zone-crown-radius-plus-m"), own.number("root-depth-m")},
                         ds, report);
    }
};

}  // namespace

void registerTrees(DriverTable& table) {
    table.add(std::make_unique<TreesDriver>());
}

}  // namespace bz::io::formats
