// The delivery's point objects: appurtenances, cabinets, manholes, masts and technical buildings,
// with the rule set's sizes and depths (assumed; kept below ground so that they follow a better
// ground later).
#include "KlicImport.h"

namespace bz::io::formats::klic {

using model::DepthProvenance;
using model::ObjectType;

void addPointObjects(const Delivery& d, DeliveryGround& groundAt, CoverDepths& covers,
                     const KlicOptions& options, model::Dataset& ds, ImportReport& report) {
    const std::string& file = d.file;
    for (const auto& r : d.points) {
        if (r.geometries.empty() || r.geometries[0].rings.empty() ||
            r.geometries[0].rings[0].size() < 2) {
            report.skip(r.type, {file, r.id, "no point geometry"});
            continue;
        }
        Vec2 at{r.geometries[0].rings[0][0], r.geometries[0].rings[0][1]};
        double ground = groundAt.orFlat(at.x, at.y);
        const std::string* netRef = r.firstHref("net:inNetwork");
        if (!netRef) netRef = r.firstHref("imkl:inNetwork");
        auto net = netRef ? d.networks.find(*netRef) : d.networks.end();
        model::Dataset::Meta meta;
        meta.id = r.id;
        meta.layer = "klic";
        meta.source = file;
        meta.theme =
            net != d.networks.end() && !net->second.theme.empty() ? net->second.theme : "overig";
        meta.owner = d.ownerOf(r.id);
        if (auto* st = r.firstHref("usc:currentStatus")) {
            auto s2 = model::statusFromCode(lastSegment(*st));
            meta.status = s2 ? *s2 : model::ObjectStatus::Existing;
        }
        meta.horizontalAccuracyM = accuracyOf(r.firstHref("imkl:geoNauwkeurigheidXY"));
        model::VerticalBody b;
        b.center = at;
        b.radiusM = static_cast<float>(options.appurtenanceDiameterM / 2);
        b.depth = {DepthProvenance::Assumed, model::kUnknown};
        // Depths below ground, kept so that the body follows a better ground later.
        double top = 0, bottom = 0;
        if (r.type == "imkl:Appurtenance") {
            meta.type = ObjectType::Appurtenance;
            double cover = net != d.networks.end() ? covers.of(net->first, net->second)
                                                 : options.defaultCoverM;
            top = cover - options.appurtenanceDiameterM / 2;
            bottom = cover + options.appurtenanceDiameterM / 2;
        } else if (r.type == "imkl:Mangat") {
            meta.type = ObjectType::Manhole;
            bottom = options.manholeDepthM;
        } else {
            meta.type =
                ObjectType::Cabinet;  // Kast, TechnischGebouw, Mast, Toren: their foundation
            bottom = options.cabinetFoundationDepthM;
        }
        b.topBelowGroundM = static_cast<float>(top);
        b.depth.belowGroundM = static_cast<float>(bottom);
        b.topZ = ground - b.topBelowGroundM;
        b.bottomZ = ground - b.depth.belowGroundM;
        ds.addBody(meta, b);
        report.load(r.type);
    }
}

}  // namespace bz::io::formats::klic
