#include <bodemzicht/geom/Decompose.h>
#include <bodemzicht/plan/AreaAnalysis.h>
#include <bodemzicht/plan/SegmentLocator.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <variant>

namespace bz::plan {

namespace {

bool inside(core::Vec2 p, const std::vector<core::Vec2>& poly) {
    return geom::contains(poly, {}, p);
}

double cross(core::Vec2 a, core::Vec2 b, core::Vec2 c) {
    return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

bool onSegment(core::Vec2 a, core::Vec2 b, core::Vec2 p) {
    return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
           p.y <= std::max(a.y, b.y);
}

bool segmentsCross(core::Vec2 a, core::Vec2 b, core::Vec2 c, core::Vec2 d) {
    const double d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        return true;
    return (d1 == 0 && onSegment(c, d, a)) || (d2 == 0 && onSegment(c, d, b)) ||
           (d3 == 0 && onSegment(a, b, c)) || (d4 == 0 && onSegment(a, b, d));
}

// A polyline (closed: a ring) against the area polygon.
bool lineMeetsArea(const std::vector<core::Vec2>& line, bool closed,
                   const std::vector<core::Vec2>& area) {
    for (auto p : line)
        if (inside(p, area)) return true;
    const std::size_t n = line.size();
    for (std::size_t k = 0; k + (closed ? 0 : 1) < n; ++k) {
        const auto a = line[k], b = line[(k + 1) % n];
        for (std::size_t i = 0, j = area.size() - 1; i < area.size(); j = i++)
            if (segmentsCross(a, b, area[j], area[i])) return true;
    }
    // The area inside a closed outline (a zone larger than the area).
    if (closed && n >= 3)
        for (auto p : area)
            if (inside(p, line)) return true;
    return false;
}

std::string lower(std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

std::string fixed(double v, const char* fmt) {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

}  // namespace

bool polylineMeetsArea(const std::vector<core::Vec2>& line, const std::vector<core::Vec2>& area) {
    return line.size() >= 2 && area.size() >= 3 && lineMeetsArea(line, false, area);
}

bool outlineMeetsArea(const std::vector<core::Vec2>& outline, const std::vector<core::Vec2>& area) {
    return outline.size() >= 3 && area.size() >= 3 && lineMeetsArea(outline, true, area);
}

int workingDaysBetween(const model::Date& from, const model::Date& to) {
    int n = 0;
    for (auto day = from.firstDay() + 1; day <= to.firstDay(); ++day) {
        const auto weekday = ((day + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday: 0 is Monday
        n += weekday < 5;
    }
    return n;
}

bool intersectsArea(const model::Dataset& ds, const model::Feature& f,
                    const std::vector<core::Vec2>& area) {
    if (area.size() < 3) return false;
    switch (f.kind()) {
        case model::GeometryKind::Linear:
            return lineMeetsArea(ds.planLine(ds.linears[f.geometry]), false, area);
        case model::GeometryKind::VerticalBody:
            return inside(ds.bodies[f.geometry].center, area);
        case model::GeometryKind::Prism: {
            const auto& p = ds.prisms[f.geometry];
            const auto ring = ds.outerRing(p);
            return !ring.empty() && lineMeetsArea(ring, std::isnan(p.widthM), area);
        }
    }
    return false;
}

AreaAnalysis analyseArea(const model::Dataset& ds, const std::vector<core::Vec2>& area,
                         const AreaContext& ctx) {
    AreaAnalysis a;
    for (std::size_t i = 0, j = area.size() - 1; i < area.size(); j = i++)
        a.areaM2 += (area[j].x * area[i].y - area[i].x * area[j].y) / 2;
    a.areaM2 = std::abs(a.areaM2);
    std::map<std::string, AreaOwner> owners;
    // Domain tallies.
    std::size_t heatExisting = 0, heatProposed = 0, chargers = 0, wko = 0, trees = 0,
                infiltration = 0, sewers = 0, notInspected = 0, oldInspections = 0;
    std::map<int, std::size_t> sewerClass;
    double heatM = 0, powerM = 0, sewerM = 0;
    std::vector<std::string> zones, contamination;
    std::map<std::string, std::pair<std::size_t, std::size_t>> bySource;  // features, assumed
    for (std::uint32_t fi = 0; fi < ds.features.size(); ++fi) {
        const auto& f = ds.features[fi];
        if (!intersectsArea(ds, f, area)) continue;
        a.features.push_back(fi);
        std::string owner = ds.str(f.owner);
        const std::string theme = ds.str(f.theme);
        // A KLIC protected zone's owner carries the precaution and its contact: "Gasunie; EV
        // ..., contact naam, telefoon, email".
        std::string zoneContact;
        if (const auto semi = owner.find("; EV"); semi != std::string::npos) {
            const auto c = owner.find(", contact ", semi);
            zoneContact = c == std::string::npos ? owner.substr(semi + 2) : owner.substr(c + 10);
            owner = owner.substr(0, semi);
        }
        double length = 0;
        std::size_t vertices = 0, assumed = 0;
        if (f.kind() == model::GeometryKind::Linear) {
            const auto& g = ds.linears[f.geometry];
            for (std::uint32_t k = 0; k + 1 < g.vertexCount; ++k)
                length += core::length(ds.vertices[g.firstVertex + k + 1].xy() -
                                       ds.vertices[g.firstVertex + k].xy());
            for (std::uint32_t k = 0; k < g.vertexCount; ++k) {
                ++vertices;
                assumed += ds.vertexDepths[g.firstVertex + k].provenance ==
                           model::DepthProvenance::Assumed;
            }
        }
        auto& src = bySource[ds.str(f.source)];
        ++src.first;
        src.second += assumed > 0;
        if (!owner.empty()) {
            auto& o = owners[owner];
            o.owner = owner;
            ++o.objects;
            o.lengthM += length;
            o.themes.insert(theme);
            o.vertices += vertices;
            o.assumedVertices += assumed;
            if (f.type == model::ObjectType::ProtectedZone) o.protectedZone = true;
            if (!zoneContact.empty()) o.contact = zoneContact;
            for (const auto& attr : ds.attributesOf(f)) {
                const std::string key = lower(ds.str(attr.key));
                if (o.contact.empty() && (key.find("contact") != std::string::npos ||
                                          key == "telefoon" || key == "email"))
                    o.contact = model::toString(attr.value);
            }
        }
        const bool proposed = f.status == model::ObjectStatus::Proposed;
        if (theme == "warmte") (proposed ? heatProposed : heatExisting)++, heatM += length;
        if (theme == "laagspanning" || theme == "middenspanning") powerM += length;
        if (theme == "laadpunt") ++chargers;  // charging points by their theme
        if (f.type == model::ObjectType::Well && ds.wellOf(f)) ++wko;
        if (f.type == model::ObjectType::Tree) ++trees;
        if (f.type == model::ObjectType::Wadi || f.type == model::ObjectType::InfiltrationCrate)
            ++infiltration;
        if (f.type == model::ObjectType::SewerPipe) {
            ++sewers;
            sewerM += length;
            const auto* c = ds.firstDetail<model::SewerCondition>(f);
            if (!c || c->overall == 0)
                ++notInspected;
            else {
                ++sewerClass[c->overall];
                if (c->inspected.known() &&
                    c->inspected.year() < ctx.year - ctx.inspectionIntervalYears)
                    ++oldInspections;
            }
        }
        if (f.type == model::ObjectType::ProtectedZone)
            zones.push_back(f.id + " (" + theme + ", " + owner + ")");
        if (const auto* c = ds.contaminationOf(f)) {
            (void)c;
            contamination.push_back(f.id);
        }
    }
    // Owners: protected zones' first, then by number of objects.
    for (auto& [name, o] : owners) a.owners.push_back(std::move(o));
    std::stable_sort(a.owners.begin(), a.owners.end(), [](const AreaOwner& x, const AreaOwner& y) {
        if (x.protectedZone != y.protectedZone) return x.protectedZone;
        return x.objects > y.objects;
    });

    auto domain = [&](const char* name, std::vector<std::string> findings) {
        a.domains.push_back({name, std::move(findings)});
    };
    std::vector<std::string> et, ka, riool, bodem, zonesFound;
    if (heatExisting + heatProposed)
        et.push_back("warmtenet: " + std::to_string(heatExisting) + " bestaand, " +
                     std::to_string(heatProposed) + " voorgesteld (" + fixed(heatM, "%.0f") +
                     " m)");
    if (powerM > 0) et.push_back("elektriciteitskabels: " + fixed(powerM, "%.0f") + " m");
    if (chargers) et.push_back(std::to_string(chargers) + " laadpunten");
    if (wko) et.push_back(std::to_string(wko) + " WKO-bronnen");
    if (trees) ka.push_back(std::to_string(trees) + " bomen");
    if (infiltration) ka.push_back(std::to_string(infiltration) + " wadi's en infiltratiekratten");
    if (!ctx.floodingGiven) {
        ka.push_back("overstromingsgebieden: geen laag gegeven (--flooding)");
    } else {
        std::size_t n = 0;
        for (const auto& f : ctx.flooding) n += outlineMeetsArea(f, area);
        ka.push_back(n ? std::to_string(n) +
                             " overstromings- of wateroverlastgebieden raken het "
                             "werkgebied"
                       : "geen overstromingsgebied in het werkgebied");
    }
    if (sewers) {
        std::string classes;
        for (const auto& [cls, n] : sewerClass)
            classes += (classes.empty() ? "" : ", ") + std::string("klasse ") +
                       std::to_string(cls) + ": " + std::to_string(n);
        riool.push_back(std::to_string(sewers) + " rioolstrengen (" + fixed(sewerM, "%.0f") +
                        " m); " + (classes.empty() ? "geen conditie bekend" : classes) + "; " +
                        std::to_string(notInspected) + " niet geïnspecteerd");
    }
    if (!contamination.empty()) {
        std::string ids;
        for (const auto& id : contamination) ids += (ids.empty() ? "" : ", ") + id;
        bodem.push_back("verontreinigingszones: " + ids);
    }
    for (const auto& z : zones) zonesFound.push_back(z);
    domain("Energietransitie", et);
    domain("Klimaatadaptatie", ka);
    domain("Riolering", riool);
    domain("Bodem en grondwater", bodem);
    domain("Beschermde zones (EV)", zonesFound);

    // Coupling chances: openings in the area's segments with more than one owner or kind.
    if (ctx.plan && ctx.streets) {
        std::map<std::string, const model::StreetSegment*> byId;
        for (const auto& s : *ctx.streets) byId[s.id] = &s;
        for (const auto& seg : ctx.plan->segments) {
            auto it = byId.find(seg.segment);
            if (it == byId.end() || !lineMeetsArea(it->second->line, false, area)) continue;
            for (const auto& o : seg.coupled) {
                std::set<std::string> who;
                std::size_t due = 0, planned = 0, proposed = 0;
                for (auto i : o.items) {
                    const auto& item = seg.items[i];
                    if (!item.owner.empty()) who.insert(item.owner);
                    due += item.kind == ItemKind::Due;
                    planned += item.kind == ItemKind::Planned;
                    proposed += item.kind == ItemKind::Proposed;
                }
                if (who.size() < 2) continue;
                std::string names;
                for (const auto& w : who) names += (names.empty() ? "" : ", ") + w;
                a.chances.push_back(
                    (seg.street.empty() ? seg.segment : seg.street + " (" + seg.segment + ")") +
                    ", " +
                    (o.fromYear == o.toYear
                         ? std::to_string(o.fromYear)
                         : std::to_string(o.fromYear) + "-" + std::to_string(o.toYear)) +
                    ": " + std::to_string(due) + " te vervangen, " + std::to_string(planned) +
                    " gepland, " + std::to_string(proposed) + " voorgesteld; samen met " + names +
                    (o.conflict.empty()
                         ? ""
                         : "; let op: valt in de graafrust (" +
                               std::to_string(ctx.plan->noDigYears) +
                               " jaar) na de opening ervoor: anders koppelen of verschuiven"));
            }
        }
    }
    a.constraints = ctx.constraints;
    a.spaceBudget = ctx.spaceBudget;

    // What is known, and how well: per source its objects here, their owners, assumed depths,
    // and a KLIC delivery's date (its request area carries it) against its 20 working days.
    std::map<std::string, model::Date> delivered;
    for (const auto& f : ds.features)
        for (const auto& attr : ds.attributesOf(f))
            if (ds.str(attr.key) == "klic_leverdatum")
                if (const auto* d = std::get_if<model::Date>(&attr.value))
                    delivered[ds.str(f.source)] = *d;
    std::map<std::string, std::set<std::string>> ownersBySource;
    for (auto fi : a.features) {
        const auto& f = ds.features[fi];
        std::string o = ds.str(f.owner);
        if (const auto semi = o.find("; "); semi != std::string::npos) o = o.substr(0, semi);
        if (!o.empty()) ownersBySource[ds.str(f.source)].insert(o);
    }
    for (const auto& [source, n] : bySource) {
        std::string line = "bron " + (source.empty() ? std::string("(onbekend)") : source) + ": " +
                           std::to_string(n.first) + " objecten, " + std::to_string(n.second) +
                           " met aangenomen diepte";
        const auto& who = ownersBySource[source];
        if (!who.empty()) {
            std::string names;
            std::size_t k = 0;
            for (const auto& w : who) {
                if (k++ == 4) {
                    names += ", ...";
                    break;
                }
                names += (names.empty() ? "" : ", ") + w;
            }
            line += "; beheerders: " + names;
        }
        if (auto it = delivered.find(source); it != delivered.end()) {
            line += "; geleverd " + it->second.toString();
            if (ctx.today.known()) {
                const int days = workingDaysBetween(it->second, ctx.today);
                line += days > 20 ? ": " + std::to_string(days) +
                                        " werkdagen oud, langer dan de 20 werkdagen dat een "
                                        "KLIC-levering geldig is: vraag een nieuwe aan"
                                  : ": nog geldig (" + std::to_string(days) + " van 20 werkdagen)";
            }
        } else if (lower(source).find("levering") != std::string::npos ||
                   lower(source).find("klic") != std::string::npos) {
            line += "; de leverdatum is onbekend: een KLIC-levering is 20 werkdagen geldig";
        } else {
            line += "; datum onbekend";
        }
        a.quality.push_back(line);
    }
    for (const auto& o : a.owners)
        if (o.vertices > 0)
            a.quality.push_back("diepte " + o.owner + ": " +
                                fixed(100.0 * static_cast<double>(o.assumedVertices) /
                                          static_cast<double>(o.vertices),
                                      "%.0f") +
                                " % aangenomen");
    auto hasField = [&](const char* name) {
        for (const auto& f : ds.fields)
            if (f.name == name) return true;
        return false;
    };
    if (!hasField("geotop")) a.quality.push_back("ontbreekt: bodemmodel (BRO GeoTOP)");
    if (!hasField("ground_level")) a.quality.push_back("ontbreekt: maaiveldraster (AHN)");
    if (!hasField("ghg") || !hasField("glg"))
        a.quality.push_back("ontbreekt: grondwaterstanden (GHG/GLG)");
    if (sewers && notInspected == sewers) a.quality.push_back("ontbreekt: rioolinspecties");
    if (oldInspections)
        a.quality.push_back(std::to_string(oldInspections) +
                            " rioolstrengen met een inspectie ouder dan " +
                            std::to_string(ctx.inspectionIntervalYears) + " jaar");
    return a;
}

}  // namespace bz::plan
