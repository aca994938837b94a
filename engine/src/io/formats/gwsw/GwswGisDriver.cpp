// The common GIS export of GWSW sewer data (GeoPackage, GeoJSON, Shapefile, ...): line layers with
// the GWSW attribute names (BobBeginpuntLeiding, BobEindpuntLeiding, BreedteLeiding, HoogteLeiding,
// VormLeiding, MateriaalLeiding, Begindatum, Stelseltype; id from Naam/Leidingnaam/GUID/id).
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

// Begindatum as GWSW exports write it: a date, a year, or a year in a longer text.
model::Date laidDate(const std::string& text) {
    if (auto d = model::Date::parse(text)) return *d;
    if (text.size() >= 4)
        if (auto y = core::parseInt(text.substr(0, 4)); y && *y > 1800 && *y < 2100)
            return model::Date::of(*y);
    return {};
}

bool hasBobColumns(OGRLayer* layer) {
    auto* d = layer->GetLayerDefn();
    return findColumn(d, {"BobBeginpuntLeiding", "bob_begin", "bob_beginpunt"}) >= 0 &&
           findColumn(d, {"BobEindpuntLeiding", "bob_eind", "bob_eindpunt"}) >= 0;
}

core::Result<void> readGwswGis(GDALDataset& src, const std::string& source, model::Dataset& out,
                               ImportReport& report) {
    GDALDataset* ds = &src;
    for (int li = 0; li < ds->GetLayerCount(); ++li) {
        OGRLayer* layer = ds->GetLayer(li);
        if (!hasBobColumns(layer)) continue;
        std::string name = layer->GetName();
        auto* d = layer->GetLayerDefn();
        int cId = findColumn(d, {"Naam", "Leidingnaam", "LeidingID", "GUID", "id", "lokaalid"});
        int cBob1 = findColumn(d, {"BobBeginpuntLeiding", "bob_begin", "bob_beginpunt"});
        int cBob2 = findColumn(d, {"BobEindpuntLeiding", "bob_eind", "bob_eindpunt"});
        int cW = findColumn(d, {"BreedteLeiding", "breedte"}),
            cH = findColumn(d, {"HoogteLeiding", "hoogte"});
        int cShape = findColumn(d, {"VormLeiding", "vorm"}),
            cMat = findColumn(d, {"MateriaalLeiding", "materiaal"});
        int cYear = findColumn(d, {"Begindatum", "JaarAanleg", "aanlegjaar"}),
            cSys = findColumn(d, {"Stelseltype", "Stelsel", "type_stelsel"});
        int cType = findColumn(d, {"Type", "Leidingtype", "type"});
        // The manholes it connects (inspections are linked by them).
        int cNode1 = findColumn(d, {"BeginpuntLeiding", "Beginpunt", "Knooppunt1", "begin_node",
                                    "beginput", "putcode_begin"});
        int cNode2 = findColumn(d, {"EindpuntLeiding", "Eindpunt", "Knooppunt2", "end_node",
                                    "eindput", "putcode_eind"});
        // Every other column is the source's own attribute.
        std::set<std::string> used;
        for (int c : {cId, cBob1, cBob2, cW, cH, cShape, cMat, cYear, cSys, cType, cNode1, cNode2})
            if (c >= 0) used.insert(lowerAscii(d->GetFieldDefn(c)->GetNameRef()));
        // A layer without a CRS is taken as RD New, as GWSW exports are.
        auto t = detail::layerTransform(*layer, std::string("EPSG:28992"), false);
        if (!t) return core::fail(source, "", t.error().message);
        std::optional<CrsTransform> transform = std::move(*t);
        auto text = [](OGRFeature& f, int i) {
            return i >= 0 && f.IsFieldSetAndNotNull(i) ? std::string(f.GetFieldAsString(i)) : "";
        };
        auto num = [](OGRFeature& f, int i) { return detail::num(f, i); };
        layer->ResetReading();
        for (auto& f : *layer) {
            std::string id = text(*f, cId);
            if (id.empty()) id = "FID " + std::to_string(f->GetFID());
            const OGRGeometry* g = f->GetGeometryRef();
            const OGRLineString* line = nullptr;
            if (g && wkbFlatten(g->getGeometryType()) == wkbLineString) line = g->toLineString();
            if (g && wkbFlatten(g->getGeometryType()) == wkbMultiLineString &&
                g->toMultiLineString()->getNumGeometries() == 1)
                line = g->toMultiLineString()->getGeometryRef(0);
            if (!line || line->getNumPoints() < 2) {
                report.skip(name, {source, id, "geometry is missing or not a line"});
                continue;
            }
            double bob1 = num(*f, cBob1), bob2 = num(*f, cBob2);
            if (!std::isfinite(bob1) || !std::isfinite(bob2)) {
                report.skip(name, {source, id,
                                   "BobBeginpuntLeiding/BobEindpuntLeiding missing: the sewer's "
                                   "height is unknown"});
                continue;
            }
            double w = num(*f, cW), h = num(*f, cH);
            double inner = std::isnan(h) ? w : h;
            std::vector<core::Vec3> axis;
            std::vector<model::VertexDepth> depths;
            double total = line->get_Length(), run = 0;
            bool ok = true;
            for (int i = 0; i < line->getNumPoints() && ok; ++i) {
                core::Vec3 p{line->getX(i), line->getY(i), 0};
                if (i)
                    run += std::hypot(line->getX(i) - line->getX(i - 1),
                                      line->getY(i) - line->getY(i - 1));
                if (transform) {
                    auto q = transform->apply(p);
                    if (!q) {
                        report.skip(name, {source, id, q.error().message});
                        ok = false;
                        break;
                    }
                    p = *q;
                }
                double t = total > 0 ? run / total : 0;
                p.z = bob1 + (bob2 - bob1) * t + (std::isnan(inner) ? 0.0 : inner / 2000);
                axis.push_back(p);
                // Derived from the BOB and the inner height (assumed at the invert without one).
                depths.push_back({std::isnan(inner) ? model::DepthProvenance::Assumed
                                                    : model::DepthProvenance::Derived,
                                  model::kUnknown});
            }
            if (!ok) continue;
            model::Dataset::Meta m;
            m.id = id;
            m.layer = "gwsw";
            m.type = model::ObjectType::SewerPipe;
            m.theme = lowerAscii(text(*f, cType)).find("pers") != std::string::npos
                          ? "rioolOnderOverOfOnderdruk"
                          : "rioolVrijverval";
            m.material = text(*f, cMat);
            m.source = source;
            m.dates.laid = laidDate(text(*f, cYear));
            m.attributes = detail::otherAttributes(*f, used);
            float diameter =
                std::isnan(w) && std::isnan(h)
                    ? model::kUnknown
                    : static_cast<float>(
                          std::max(std::isnan(w) ? 0.0 : w, std::isnan(h) ? 0.0 : h) / 1000);
            auto fi = out.addLinear(m, axis, depths, diameter);
            model::SewerProfile sp;
            sp.bobBeginM = bob1;
            sp.bobEndM = bob2;
            sp.widthMm = static_cast<float>(w);
            sp.heightMm = static_cast<float>(h);
            sp.shape = text(*f, cShape);
            sp.systemType = text(*f, cSys);
            sp.beginNode = text(*f, cNode1);
            sp.endNode = text(*f, cNode2);
            out.attach(fi, std::move(sp));
            report.load(name);
        }
    }
    return {};
}

class GwswGisDriver final : public Driver {
  public:
    GwswGisDriver()
        : Driver({"gwsw-gis",
                  "GWSW sewer pipes from a GIS export (BobBeginpuntLeiding, BobEindpuntLeiding, ...)",
                  {},
                  {"3d", "measured-heights"},
                  {}}) {}

  private:
    Confidence doIdentify(OpenInfo& in) const override {
        GDALDataset* ds = in.vector();
        if (!ds) return Confidence::No;
        for (int i = 0; i < ds->GetLayerCount(); ++i)
            if (hasBobColumns(ds->GetLayer(i))) return Confidence::Yes;
        return Confidence::No;
    }
    core::Result<void> doOpen(OpenInfo& in, const ReadOptions&, const DriverOptions&,
                              model::Dataset& ds, ImportReport& report) const override {
        if (!in.vector()) return core::fail(in.source(), "", in.vectorError());
        return readGwswGis(*in.vector(), in.source(), ds, report);
    }
};

}  // namespace

void registerGwswGis(DriverTable& table) {
    table.add(std::make_unique<GwswGisDriver>());
}

}  // namespace bz::io::formats
