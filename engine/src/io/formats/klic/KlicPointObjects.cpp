// The delivery's point objects: appurtenances by their type (a joint on its cable, a valve with
// its street box up to the ground, a gully, a lighting column), cabinets and substations as boxes
// standing above the ground on a foundation, manholes as shafts, masts and towers. Their shapes
// and sizes are the rule set's ([point_objects], assumed); an object with extra geometry takes its
// footprint from it (the smallest rectangle around it). Depths stay below ground, so that the
// bodies follow a better ground later.
#include "KlicImport.h"

#include <bodemzicht/core/Parse.h>
#include <bodemzicht/geom/MinimumRectangle.h>

#include <cmath>

namespace bz::io::formats::klic {

using model::DepthProvenance;
using model::ObjectType;

namespace {

// The rule set's key for a point object: the appurtenance type code, or the object kind.
std::string shapeKey(const GmlRecord& r) {
    if (r.type == "imkl:Appurtenance") {
        const std::string* t = r.firstHref("usc:appurtenanceType");
        return t ? lastSegment(*t) : "*";
    }
    if (r.type == "imkl:Kast") return "kast";
    if (r.type == "imkl:TechnischGebouw") return "technischGebouw";
    if (r.type == "imkl:Mangat") return "mangat";
    if (r.type == "imkl:Mast") return "mast";
    if (r.type == "imkl:Toren") return "toren";
    return "*";
}

// The shape of a key: the rule set's, else the sizes of the options (rule sets before
// [point_objects]).
PointObjectShape shapeFor(const GmlRecord& r, const std::string& key, const KlicOptions& o) {
    if (auto it = o.pointObjects.find(key); it != o.pointObjects.end()) return it->second;
    PointObjectShape s;
    s.source = "defaults.appurtenance_diameter_m";
    s.diameterM = o.appurtenanceDiameterM;
    if (r.type == "imkl:Mangat") {
        s.place = PointObjectShape::Place::Ground;
        s.depthM = o.manholeDepthM;
        s.source = "defaults.manhole_depth_m";
    } else if (r.type != "imkl:Appurtenance") {
        s.place = PointObjectShape::Place::Ground;
        s.depthM = o.cabinetFoundationDepthM;
        s.source = "defaults.cabinet_foundation_depth_m";
    } else if (auto it = o.pointObjects.find("*"); it != o.pointObjects.end()) {
        return it->second;
    }
    return s;
}

ObjectType typeOf(const GmlRecord& r) {
    if (r.type == "imkl:Appurtenance") return ObjectType::Appurtenance;
    if (r.type == "imkl:Mangat") return ObjectType::Manhole;
    return ObjectType::Cabinet;  // Kast, TechnischGebouw, Mast, Toren
}

const std::set<std::string> kUsedByPointObjects = {"net:inNetwork", "imkl:inNetwork",
                                                   "usc:currentStatus", "imkl:geoNauwkeurigheidXY",
                                                   "imkl:extraGeometrie"};

}  // namespace

std::set<std::string> addPointObjects(const Delivery& d, DeliveryGround& groundAt,
                                      CoverDepths& covers, const KlicOptions& options,
                                      model::Dataset& ds, ImportReport& report) {
    const std::string& file = d.file;
    std::unordered_map<std::string, const GmlRecord*> extraById;
    for (const auto& z : d.zones)
        if (z.type == "imkl:ExtraGeometrie") extraById[z.id] = &z;
    std::set<std::string> attached;
    for (const auto& r : d.points) {
        if (r.geometries.empty() || r.geometries[0].rings.empty() ||
            r.geometries[0].rings[0].size() < 2) {
            report.skip(r.type, {file, r.id, "no point geometry"});
            continue;
        }
        Vec2 at{r.geometries[0].rings[0][0], r.geometries[0].rings[0][1]};
        const std::string* netRef = r.firstHref("net:inNetwork");
        if (!netRef) netRef = r.firstHref("imkl:inNetwork");
        auto net = netRef ? d.networks.find(*netRef) : d.networks.end();
        model::Dataset::Meta meta;
        meta.id = r.id;
        meta.layer = "klic";
        meta.source = file;
        meta.type = typeOf(r);
        meta.theme =
            net != d.networks.end() && !net->second.theme.empty() ? net->second.theme : "overig";
        meta.owner = d.ownerOf(r.id);
        if (auto* st = r.firstHref("usc:currentStatus")) {
            auto s2 = model::statusFromCode(lastSegment(*st));
            meta.status = s2 ? *s2 : model::ObjectStatus::Existing;
        }
        meta.horizontalAccuracyM = accuracyOf(r.firstHref("imkl:geoNauwkeurigheidXY"));
        meta.attributes = otherAttributes(r, kUsedByPointObjects);
        const std::string key = shapeKey(r);
        const PointObjectShape shape = shapeFor(r, key, options);
        meta.attributes.emplace_back("assumed shape",
                                     "'" + key + "' from the rule set (" + shape.source + ")");

        model::VerticalBody b;
        b.center = at;
        if (shape.shape == PointObjectShape::Shape::Box) {
            b.widthM = static_cast<float>(shape.widthM);
            b.lengthM = static_cast<float>(shape.lengthM);
            if (auto* rot = r.first("imkl:rotatiehoekSymbool"))
                if (auto deg = core::parseNumber(*rot)) b.rotationDeg = static_cast<float>(*deg);
        } else {
            b.radiusM = static_cast<float>(shape.diameterM / 2);
        }
        // Extra geometry: the object's own footprint, as the smallest rectangle around it.
        if (const std::string* extra = r.firstHref("imkl:extraGeometrie")) {
            auto it = extraById.find(*extra);
            if (it == extraById.end()) {
                report.warn({file, r.id,
                             "imkl:extraGeometrie target '" + *extra +
                                 "' is not in the delivery; the rule set's shape is used"});
            } else if (auto polys = polygonsOf(*it->second, file, report); !polys.empty()) {
                std::vector<Vec2> pts;
                for (const auto& poly : polys)
                    pts.insert(pts.end(), poly[0].begin(), poly[0].end());
                auto rect = geom::minimumAreaRectangle(pts);
                if (rect.width > 0 && rect.length > 0) {
                    b.center = rect.center;
                    b.radiusM = model::kUnknown;
                    b.widthM = static_cast<float>(rect.width);
                    b.lengthM = static_cast<float>(rect.length);
                    b.rotationDeg = static_cast<float>(rect.rotationDeg);
                    attached.insert(*extra);
                    meta.attributes.emplace_back("footprint", "extra geometry " + *extra);
                }
            }
        }
        // How deep and how high, below the ground (negative: above it).
        const double size = b.isCylinder() ? 2.0 * b.radiusM : std::min(b.widthM, b.lengthM);
        const double cover =
            net != d.networks.end() ? covers.of(net->first, net->second) : options.defaultCoverM;
        double top = 0, bottom = 0;
        switch (shape.place) {
            case PointObjectShape::Place::Network:  // centred on the network's axis
                top = cover - size / 2;
                bottom = cover + size / 2;
                break;
            case PointObjectShape::Place::NetworkToGround:
                top = 0;
                bottom = cover + size / 2;
                break;
            case PointObjectShape::Place::Ground:
                top = -shape.heightM;
                bottom = shape.depthM;
                break;
        }
        const double ground = groundAt.orFlat(b.center.x, b.center.y);
        b.depth = {DepthProvenance::Assumed, model::kUnknown, static_cast<float>(bottom)};
        b.topBelowGroundM = static_cast<float>(top);
        b.topZ = ground - b.topBelowGroundM;
        b.bottomZ = ground - b.depth.belowGroundM;
        ds.addBody(meta, b);
        report.load(r.type);
    }
    return attached;
}

}  // namespace bz::io::formats::klic
