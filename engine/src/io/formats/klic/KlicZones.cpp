// The delivery's areas: EV areas (eis voorzorgsmaatregel: a protected zone, the owner's contact in
// the report), the request area (graaf-, oriëntatie- or informatiepolygoon), and extra geometry of
// objects that refer to none. All hold at every depth. EV areas are clipped to the request area
// (an operator's EV area may be kilometres long), with the original kept as an attribute.
#include "KlicImport.h"

#include <ogr_geometry.h>

#include <cmath>
#include <memory>

#include "../../GdalErrors.h"

namespace bz::io::formats::klic {

using model::DepthProvenance;
using model::ObjectType;

namespace {

bool isRequestArea(const std::string& type) {
    return type == "imkl:Graafpolygoon" || type == "imkl:Orientatiepolygoon" ||
           type == "imkl:Informatiepolygoon";
}

std::unique_ptr<OGRPolygon> toOgr(const Polygon& poly) {
    auto ogr = std::make_unique<OGRPolygon>();
    for (const auto& ring : poly) {
        OGRLinearRing lr;
        for (auto p : ring) lr.addPoint(p.x, p.y);
        lr.closeRings();
        ogr->addRing(&lr);
    }
    return ogr;
}

void appendParts(const OGRGeometry* g, std::vector<Polygon>& out) {
    if (!g) return;
    std::vector<const OGRPolygon*> parts;
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbPolygon) parts.push_back(g->toPolygon());
    if (type == wkbMultiPolygon)
        for (const auto* part : *g->toMultiPolygon()) parts.push_back(part);
    if (type == wkbGeometryCollection)
        for (const auto* part : *g->toGeometryCollection()) appendParts(part, out);
    for (const auto* part : parts) {
        Polygon rings;
        for (int k = 0; k < part->getNumInteriorRings() + 1; ++k) {
            const OGRLinearRing* lr =
                k == 0 ? part->getExteriorRing() : part->getInteriorRing(k - 1);
            std::vector<Vec2> pts;
            for (int i = 0; i + 1 < lr->getNumPoints(); ++i)
                pts.push_back({lr->getX(i), lr->getY(i)});
            if (pts.size() >= 3) rings.push_back(std::move(pts));
        }
        if (!rings.empty()) out.push_back(std::move(rings));
    }
}

}  // namespace

std::vector<Polygon> polygonsOf(const GmlRecord& r, const std::string& file, ImportReport& report) {
    // Polygons (a MultiSurface may hold several): each exterior ring with the holes after it.
    std::vector<Polygon> polygons;
    for (const auto& g : r.geometries) {
        if (g.type != "gml:Polygon" && g.type != "gml:Surface" && g.type != "gml:MultiSurface")
            continue;
        for (std::size_t k = 0; k < g.rings.size(); ++k) {
            std::vector<Vec2> pts;
            const auto& ring = g.rings[k];
            for (std::size_t i = 0; i + static_cast<std::size_t>(g.dimension) <= ring.size();
                 i += g.dimension)
                pts.push_back({ring[i], ring[i + 1]});
            if (pts.size() > 3 && pts.front() == pts.back()) pts.pop_back();
            if (pts.size() < 3) continue;
            bool hole = k < g.interior.size() && g.interior[k];
            if (!hole || polygons.empty()) polygons.emplace_back();
            polygons.back().push_back(std::move(pts));
        }
    }
    // Operators' polygons are sometimes self-intersecting: repaired with GEOS (and said so),
    // since the readers refuse invalid polygons.
    std::vector<Polygon> valid;
    detail::GdalErrorCapture quiet;
    for (auto& poly : polygons) {
        auto ogr = toOgr(poly);
        if (ogr->IsValid()) {
            valid.push_back(std::move(poly));
            continue;
        }
        std::unique_ptr<OGRGeometry> fixed(ogr->MakeValid());
        const std::size_t before = valid.size();
        appendParts(fixed.get(), valid);
        report.warn({file, r.id,
                     valid.size() == before ? "invalid polygon could not be repaired"
                                            : "invalid (self-intersecting) polygon repaired"});
    }
    return valid;
}

void addZones(const Delivery& d, const std::set<std::string>& attachedExtra, model::Dataset& ds,
              ImportReport& report) {
    const std::string& file = d.file;
    detail::GdalErrorCapture quiet;
    // The request area, the union of its polygons, to clip EV areas to.
    std::unique_ptr<OGRGeometry> request;
    for (const auto& r : d.zones) {
        if (!isRequestArea(r.type)) continue;
        for (const auto& poly : polygonsOf(r, file, report)) {
            auto ogr = toOgr(poly);
            request.reset(request ? request->Union(ogr.get()) : ogr->clone());
        }
    }
    for (const auto& r : d.zones) {
        const bool ev = r.type == "imkl:AanduidingEisVoorzorgsmaatregel";
        const bool extra = r.type == "imkl:ExtraGeometrie";
        if (extra && attachedExtra.count(r.id)) {
            report.ignore(r.type, "the footprint of the object that refers to it");
            continue;
        }
        auto valid = polygonsOf(r, file, report);
        if (valid.empty()) {
            report.skip(r.type,
                        {file, r.id, "no polygon, or an invalid one that cannot be repaired"});
            continue;
        }
        model::Dataset::Meta meta;
        meta.id = r.id;
        meta.layer = extra ? "klic-extrageometrie" : "klic";
        meta.source = file;
        meta.type = ev ? ObjectType::ProtectedZone : ObjectType::Area;
        meta.theme = ev ? "evGebied" : extra ? "overig" : "projectgebied";
        meta.owner = d.ownerOf(r.id);
        meta.attributes = otherAttributes(r, {"imkl:inNetwork", "net:inNetwork"});
        // The request area carries when the delivery was composed (valid 20 working days).
        if (isRequestArea(r.type) && d.deliveredOn.known())
            meta.attributes.emplace_back("klic_leverdatum", d.deliveredOn);
        if (extra)
            report.warn({file, r.id,
                         "extra geometry that no object of the delivery refers to: kept as an "
                         "area of its own"});
        if (ev) {
            // Who to contact about the precaution: the report's owner column carries it.
            std::string what = "EV";
            if (auto* e = r.first("imkl:eisVoorzorgsmaatregel")) what += " " + *e;
            if (auto* n = r.first("imkl:netbeheerderNetOmschrijving")) what += " (" + *n + ")";
            std::string contact;
            for (const char* c : {"imkl:naam", "imkl:telefoon", "imkl:email"})
                if (auto* v = r.first(c)) contact += (contact.empty() ? "" : ", ") + *v;
            if (!contact.empty()) what += ", contact " + contact;
            meta.owner += "; " + what;
            // Clipped to the request area; the original geometry stays with the zone.
            if (request) {
                std::vector<Polygon> clipped;
                double before = 0, after = 0;
                for (const auto& poly : valid) {
                    auto ogr = toOgr(poly);
                    before += ogr->get_Area();
                    std::unique_ptr<OGRGeometry> part(ogr->Intersection(request.get()));
                    appendParts(part.get(), clipped);
                }
                for (const auto& poly : clipped) after += toOgr(poly)->get_Area();
                if (clipped.empty()) {
                    report.ignore(r.type, "EV area outside the request area");
                    continue;
                }
                if (after < before * (1 - 1e-9)) {
                    OGRMultiPolygon original;
                    for (const auto& poly : valid)
                        original.addGeometryDirectly(toOgr(poly).release());
                    char* wkt = nullptr;
                    original.exportToWkt(&wkt);
                    meta.attributes.emplace_back("original_geometry (WKT)",
                                                 std::string(wkt ? wkt : ""));
                    CPLFree(wkt);
                    meta.attributes.emplace_back("original_area (m2)", before);
                    meta.attributes.emplace_back("clipped_to", std::string("the request area"));
                    valid = std::move(clipped);
                }
            }
        }
        // A plan constraint: it holds at every depth.
        for (std::size_t k = 0; k < valid.size(); ++k) {
            if (valid.size() > 1) meta.id = r.id + "/" + std::to_string(k);
            auto fi = ds.addPrism(meta, valid[k], NAN, NAN, model::kUnknown,
                                  {DepthProvenance::Unknown, model::kUnknown});
            ds.prisms[ds.features[fi].geometry].allDepths = true;
        }
        report.load(r.type);
    }
}

}  // namespace bz::io::formats::klic
