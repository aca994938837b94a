// Pass 2: each cable, pipe or duct element becomes a linear network (one per net:link) at its
// depth: the network's standard depth, moved by the depth points it links (imkl:dieptelegging)
// or that lie within the snap distance of it.
#include "KlicImport.h"

#include <bodemzicht/core/Parse.h>

#include <algorithm>

namespace bz::io::formats::klic {

namespace {

// The diameters an element may give, the ones of its own kind first: a cable's kabelDiameter, a
// pipe's pipeDiameter (imkl:Overig gives both), a duct's ductWidth.
std::vector<const char*> diameterElements(model::ObjectType type) {
    switch (type) {
        case model::ObjectType::Cable:
            return {"imkl:kabelDiameter", "usc:pipeDiameter", "imkl:pipeDiameter", "usc:ductWidth"};
        case model::ObjectType::Duct:
            return {"usc:ductWidth", "usc:pipeDiameter", "imkl:pipeDiameter", "imkl:kabelDiameter"};
        default:
            return {"usc:pipeDiameter", "imkl:pipeDiameter", "imkl:kabelDiameter", "usc:ductWidth"};
    }
}

// The element's outer diameter with its unit, from the first of its diameters that is usable
// (`used` names it); false (and skipped) for an unknown unit.
bool diameterOf(const GmlRecord& r, model::ObjectType type, const std::string& file,
                ImportReport& report, float& diameter, std::string& used) {
    diameter = model::kUnknown;
    for (const char* el : diameterElements(type)) {
        auto* v = r.first(el);
        if (!v) continue;
        const std::string uom = r.uom.count(el) ? r.uom.at(el) : "";
        double f = metresPer(uom);
        if (std::isnan(f)) {
            report.skip(r.type, {file, r.id, "unknown unit '" + uom + "' of " + el});
            return false;
        }
        double d = numberOf(r, el, *v, file, report) * f;
        if (d > 0 && d < 5) {
            diameter = static_cast<float>(d);
            used = el;
            return true;
        }
        if (!std::isnan(d))  // never silently: the rule set's default is used instead
            report.warn({file, r.id,
                         std::string(el) + " " + *v + " " + (uom.empty() ? "m" : uom) +
                             " is not a plausible diameter (0 to 5 m): taken as unknown, the "
                             "rule set's default applies (marked assumed)"});
    }
    return true;
}

// What a network element's reader takes into the model; the rest (and a diameter it did not use)
// are its attributes.
const std::set<std::string> kUsedByNetworks = {"net:inNetwork",          "net:link",
                                               "imkl:buismateriaalType", "usc:currentStatus",
                                               "usc:validFrom",          "imkl:geoNauwkeurigheidXY",
                                               "imkl:dieptelegging"};

}  // namespace

void addNetworks(const Delivery& d, DeliveryGround& ground, CoverDepths& covers,
                 const KlicOptions& options, model::Dataset& ds, ImportReport& report) {
    const std::string& file = d.file;
    std::set<std::string> usedDepthPoints;
    std::map<std::string, std::string> unusable;  // depth point id -> why it was not used
    std::unordered_map<std::string, const DepthPoint*> depthById;
    for (const auto& [net, pts] : d.depthsByNetwork)
        for (const auto& p : pts) depthById[p.id] = &p;
    std::set<std::string> linkedPoints;  // linked by some element: not for others by proximity
    for (const auto& e : d.elements)
        for (auto [l, lEnd] = e.href.equal_range("imkl:dieptelegging"); l != lEnd; ++l)
            linkedPoints.insert(l->second);
    for (const auto& r : d.elements) {
        const std::string* netRef = r.firstHref("net:inNetwork");
        auto net = netRef ? d.networks.find(*netRef) : d.networks.end();
        if (net == d.networks.end()) {
            report.skip(r.type,
                        {file, r.id,
                         netRef ? "inNetwork target '" + *netRef + "' is not in the delivery"
                                : "no inNetwork"});
            continue;
        }
        auto linkRange = r.href.equal_range("net:link");
        if (linkRange.first == linkRange.second) {
            report.skip(r.type, {file, r.id, "no net:link to a UtilityLink"});
            continue;
        }
        const model::ObjectType type = elementType(r.type);
        float diameter;
        std::string diameterUsed;
        if (!diameterOf(r, type, file, report, diameter, diameterUsed)) continue;
        model::Dataset::Meta meta;
        meta.layer = "klic";
        meta.type = type;
        meta.theme = net->second.theme.empty() ? "overig" : net->second.theme;
        meta.owner = d.ownerOf(r.id);
        meta.source = file;
        if (auto* m = r.firstHref("imkl:buismateriaalType")) meta.material = lastSegment(*m);
        if (auto* st = r.firstHref("usc:currentStatus")) {
            auto s = model::statusFromCode(lastSegment(*st));
            meta.status = s ? *s : model::ObjectStatus::Existing;
        }
        if (auto* from = r.first("usc:validFrom")) meta.dates.laid = laidDate(*from);
        auto used = kUsedByNetworks;
        used.insert(diameterUsed);
        meta.attributes = otherAttributes(r, used);
        meta.horizontalAccuracyM = accuracyOf(r.firstHref("imkl:geoNauwkeurigheidXY"));
        int k = 0;
        bool loaded = false;
        for (auto it = linkRange.first; it != linkRange.second; ++it, ++k) {
            meta.id = std::distance(linkRange.first, linkRange.second) > 1
                          ? r.id + "/" + std::to_string(k)
                          : r.id;
            auto link = d.links.find(it->second);
            if (link == d.links.end() || link->second.size() < 2) {
                report.skip(r.type,
                            {file, meta.id,
                             "net:link target '" + it->second + "' is missing or has no line"});
                continue;
            }
            const auto& line = link->second;
            double r2 = std::isnan(diameter) ? 0.0 : diameter / 2.0;
            // This element's depth points by chainage: those it links (imkl:dieptelegging), then
            // its network's within the snap distance.
            std::vector<std::pair<double, const DepthPoint*>> onLine;
            std::set<const DepthPoint*> taken;
            for (auto [l, lEnd] = r.href.equal_range("imkl:dieptelegging"); l != lEnd; ++l) {
                auto p = depthById.find(l->second);
                if (p == depthById.end()) {
                    report.warn({file, meta.id,
                                 "imkl:dieptelegging target '" + l->second +
                                     "' is not a depth point of the delivery"});
                    continue;
                }
                double ch = 0;
                double off = projectOnLine(line, p->second->at, ch);
                if (off > 10 * options.depthPointSnapM) {
                    unusable[p->second->id] = "linked by '" + meta.id + "' but " +
                                              std::to_string(static_cast<int>(off)) +
                                              " m away from it";
                    continue;
                }
                onLine.push_back({ch, p->second});
                taken.insert(p->second);
            }
            if (auto pts = d.depthsByNetwork.find(net->first); pts != d.depthsByNetwork.end())
                for (const auto& p : pts->second) {
                    double ch = 0;
                    if (!taken.count(&p) && !linkedPoints.count(p.id) &&
                        projectOnLine(line, p.at, ch) <= options.depthPointSnapM)
                        onLine.push_back({ch, &p});
                }
            std::sort(onLine.begin(), onLine.end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; });
            // Each point as the axis's depth below ground and its band: a DiepteTovMaaiveld as
            // given, a DiepteNAP against its own maaiveldPeil (else the ground at the point); the
            // point gives the top of the pipe or its inner bottom. "onbekend" gets the assumed
            // band.
            std::vector<DepthFix> fixes;
            for (auto [ch, p] : onLine) {
                double below = p->value - (p->bottom ? 2 * r2 : 0.0) + r2;
                if (p->nap) {
                    double g =
                        !std::isnan(p->groundNap) ? p->groundNap : ground.orFlat(p->at.x, p->at.y);
                    below = g - ((p->bottom ? p->value + 2 * r2 : p->value) - r2);
                }
                double band = std::isnan(p->accuracy) ? options.assumedBandM
                                                      : std::max<double>(p->accuracy, 0.0);
                fixes.push_back({ch, below, band});
                usedDepthPoints.insert(p->id);
            }
            const double standard = covers.of(net->first, net->second) + r2;
            std::vector<double> runs(line.size(), 0.0);
            for (std::size_t i = 1; i < line.size(); ++i)
                runs[i] = runs[i - 1] + core::distance(line[i - 1], line[i]);
            auto depths = depthsAlong(runs, fixes, standard, options);
            std::vector<Vec3> axis;
            for (std::size_t i = 0; i < line.size(); ++i)
                // The height from the depth as stored, so that re-levelling later on the same
                // ground gives the same height to the bit.
                axis.push_back({line[i].x, line[i].y,
                                ground.orFlat(line[i].x, line[i].y) - depths[i].belowGroundM});
            ds.addLinear(meta, axis, depths, diameter);
            loaded = true;
        }
        // One count per element of the file; an element with several links becomes id/0, id/1, ...
        if (loaded) report.load(r.type);
    }

    // Every depth point that placed nothing is said, with why.
    for (const auto& [net, pts] : d.depthsByNetwork)
        for (const auto& p : pts) {
            if (usedDepthPoints.count(p.id)) continue;
            auto why = unusable.find(p.id);
            report.warn({file, p.id,
                         "depth point not used: " +
                             (why != unusable.end()
                                  ? why->second
                                  : "no element of its network '" + net + "' within " +
                                        std::to_string(options.depthPointSnapM).substr(0, 4) +
                                        " m links it or lies that close")});
        }
}

}  // namespace bz::io::formats::klic
