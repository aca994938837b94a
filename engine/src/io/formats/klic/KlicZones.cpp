// The delivery's areas: EV areas (eis voorzorgsmaatregel: a protected zone, the owner's contact in
// the report), the request's excavation polygon, and extra geometry of objects.
#include "KlicImport.h"

#include <ogr_geometry.h>

#include <memory>

namespace bz::io::formats::klic {

using model::DepthProvenance;
using model::ObjectType;

void addZones(const Delivery& d, model::Dataset& ds, ImportReport& report) {
    const std::string& file = d.file;
    for (const auto& r : d.zones) {
        // Polygons (a MultiSurface may hold several): each exterior ring with the holes after it.
        std::vector<std::vector<std::vector<Vec2>>> polygons;
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
        std::vector<std::vector<std::vector<Vec2>>> valid;
        for (auto& poly : polygons) {
            OGRPolygon ogr;
            for (const auto& ring : poly) {
                OGRLinearRing lr;
                for (auto p : ring) lr.addPoint(p.x, p.y);
                lr.closeRings();
                ogr.addRing(&lr);
            }
            if (ogr.IsValid()) {
                valid.push_back(std::move(poly));
                continue;
            }
            std::unique_ptr<OGRGeometry> fixed(ogr.MakeValid());
            std::vector<const OGRPolygon*> parts;
            if (fixed && wkbFlatten(fixed->getGeometryType()) == wkbPolygon)
                parts.push_back(fixed->toPolygon());
            if (fixed && wkbFlatten(fixed->getGeometryType()) == wkbMultiPolygon)
                for (const auto* part : *fixed->toMultiPolygon()) parts.push_back(part);
            for (const auto* part : parts) {
                std::vector<std::vector<Vec2>> rings;
                for (int k = 0; k < part->getNumInteriorRings() + 1; ++k) {
                    const OGRLinearRing* lr =
                        k == 0 ? part->getExteriorRing() : part->getInteriorRing(k - 1);
                    std::vector<Vec2> pts;
                    for (int i = 0; i + 1 < lr->getNumPoints(); ++i)
                        pts.push_back({lr->getX(i), lr->getY(i)});
                    if (pts.size() >= 3) rings.push_back(std::move(pts));
                }
                if (!rings.empty()) valid.push_back(std::move(rings));
            }
            report.warn({file, r.id,
                         parts.empty() ? "invalid polygon could not be repaired"
                                       : "invalid (self-intersecting) polygon repaired"});
        }
        if (valid.empty()) {
            report.skip(r.type, {file, r.id,
                                 polygons.empty() ? "no polygon"
                                                  : "invalid polygon that cannot be repaired"});
            continue;
        }
        model::Dataset::Meta meta;
        meta.id = r.id;
        meta.layer = "klic";
        meta.source = file;
        bool ev = r.type == "imkl:AanduidingEisVoorzorgsmaatregel";
        bool extra = r.type == "imkl:ExtraGeometrie";
        meta.type = ev ? ObjectType::ProtectedZone : ObjectType::Area;
        meta.theme = ev ? "evGebied" : extra ? "overig" : "projectgebied";
        if (extra) meta.layer = "klic-extrageometrie";
        meta.owner = d.ownerOf(r.id);
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
