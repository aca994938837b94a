#include <bodemzicht/io/KlicImporter.h>

#include <bodemzicht/core/Limits.h>
#include <bodemzicht/core/Parse.h>

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

#include <bodemzicht/model/DatasetCopy.h>
#include <bodemzicht/model/Themes.h>

#include "../../GdalErrors.h"
#include "GmlRecords.h"

namespace bz::io {

using core::Vec2;
using core::Vec3;
using klic::GmlRecord;
using model::DepthProvenance;
using model::ObjectType;

namespace {

// [SECTION] small helpers

std::string lastSegment(const std::string& href) {
    auto p = href.find_last_of("/#");
    return p == std::string::npos ? href : href.substr(p + 1);
}

// "nl.imkl-KL1040.UL_..." -> "KL1040"
std::string sourceHolder(const std::string& gmlId) {
    auto dash = gmlId.find('-');
    auto dot = gmlId.find('.', dash == std::string::npos ? 0 : dash);
    if (dash == std::string::npos || dot == std::string::npos) return "";
    return gmlId.substr(dash + 1, dot - dash - 1);
}

// Metres per unit of an OGC uom URN; NaN for an unknown unit.
double metresPer(const std::string& uom) {
    std::string u = lastSegment(uom);
    auto c = u.rfind(':');
    if (c != std::string::npos) u = u.substr(c + 1);
    if (u == "m") return 1.0;
    if (u == "cm") return 0.01;
    if (u == "mm") return 0.001;
    return NAN;
}

float accuracyOf(const std::string* href) {
    if (!href) return model::kUnknown;
    std::string v = lastSegment(*href);
    if (v == "tot30cm") return 0.3f;
    if (v == "tot50cm") return 0.5f;
    if (v == "tot100cm") return 1.0f;
    return model::kUnknown;  // onbekend
}

struct Network {
    std::string theme;
    double defaultCoverM = NAN;
};

struct DepthPoint {
    Vec2 at;
    double value = NAN;  // m below ground (TovMaaiveld) or m NAP (NAP)
    bool nap = false;
    double groundNap = NAN;  // maaiveldPeil of a DiepteNAP
    bool bottom = false;     // aangrijpingspunt binnenonderkantBuis
    float accuracy = model::kUnknown;
    std::string id;
};

// Distance from p to a polyline and the chainage of the closest point.
double project(const std::vector<Vec2>& line, Vec2 p, double& chainage) {
    double best = INFINITY, run = 0;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        Vec2 a = line[i], b = line[i + 1], ab = b - a;
        double len = core::length(ab);
        double t = len > 0 ? std::clamp(core::dot(p - a, ab) / (len * len), 0.0, 1.0) : 0.0;
        double d = core::distance(p, a + ab * t);
        if (d < best) {
            best = d;
            chainage = run + t * len;
        }
        run += len;
    }
    return best;
}

struct ElementKind {
    const char* type;
    ObjectType objectType;
};
constexpr ElementKind kElements[] = {
    {"imkl:Elektriciteitskabel", ObjectType::Cable},
    {"imkl:Telecommunicatiekabel", ObjectType::Cable},
    {"imkl:OlieGasChemicalienPijpleiding", ObjectType::Pipe},
    {"imkl:Waterleiding", ObjectType::Pipe},
    {"imkl:Rioolleiding", ObjectType::SewerPipe},
    {"imkl:ThermischePijpleiding", ObjectType::HeatPipe},
    {"imkl:Kabelbed", ObjectType::Duct},
    {"imkl:Duct", ObjectType::Duct},
    {"imkl:Mantelbuis", ObjectType::Duct},
    {"imkl:Overig", ObjectType::Pipe},
};

const char* kNotObjects[][2] = {
    {"usc:UtilityLink", "geometry of the elements that link to it"},
    {"imkl:Utiliteitsnet", "theme and default depth of its elements"},
    {"imkl:Beheerder", "owner names"},
    {"imkl:Belanghebbende", "delivery administration"},
    {"imkl:Belang", "delivery administration"},
    {"imkl:GebiedsinformatieLevering", "delivery administration"},
    {"imkl:GebiedsinformatieAanvraag", "delivery administration"},
    {"imkl:Bijlage", "attachment reference"},
    {"imkl:EisVoorzorgsmaatregelBijlage", "attachment reference"},
    {"imkl:Maatvoering", "dimension line or label on the map"},
    {"imkl:Annotatie", "annotation on the map"},
    {"imkl:Labelpositie", "label position on the map"},
    {"imkl:EigenTopografie", "operator's own topography (2D map content)"},
    {"imkl:ExtraDetailinfo", "reference to a PDF detail"},
    {"imkl:DiepteTovMaaiveld", "depth point, applied to the elements of its network"},
    {"imkl:DiepteNAP", "depth point, applied to the elements of its network"},
};

bool hasImklHeader(const std::string& path) {
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return false;
    char head[4096] = {};
    VSIFReadL(head, 1, sizeof head - 1, f);
    VSIFCloseL(f);
    return std::strstr(head, "geostandaarden.nl/imkl") != nullptr &&
           std::strstr(head, "FeatureCollection") != nullptr;
}

// The IMKL file inside a delivery zip: the GI_gebiedsinformatielevering file, or else (operator
// examples) the first XML whose header is an IMKL feature collection.
std::string imklFileInZip(const std::string& zip) {
    std::string root = "/vsizip/" + zip, gi, other;
    char** files = VSIReadDirRecursive(root.c_str());
    for (char** f = files; f && *f; ++f) {
        std::string name = *f;
        if (!name.ends_with(".xml")) continue;
        if (name.find("GI_gebiedsinformatielevering") != std::string::npos)
            gi = root + "/" + name;
        else if (other.empty() && hasImklHeader(root + "/" + name))
            other = root + "/" + name;
    }
    CSLDestroy(files);
    return gi.empty() ? other : gi;
}

// A zip bomb (a small file that inflates to gigabytes) is refused before anything is inflated:
// the entries' declared sizes against the limits, and the reader of each entry stops at its
// declared size.
core::Result<void> checkZipLimits(const std::string& zip) {
    VSIStatBufL zipStat;
    if (VSIStatL(zip.c_str(), &zipStat) != 0) return core::fail(zip, "", "cannot open the zip");
    std::string root = "/vsizip/" + zip;
    char** files = VSIReadDirRecursive(root.c_str());
    std::uint64_t entries = 0, total = 0;
    for (char** f = files; f && *f; ++f) {
        VSIStatBufL st;
        if (VSIStatL((root + "/" + *f).c_str(), &st) == 0 && VSI_ISREG(st.st_mode)) {
            total += static_cast<std::uint64_t>(st.st_size);
            ++entries;
        }
    }
    CSLDestroy(files);
    const auto& l = core::limits();
    if (entries > l.zipEntries)
        return core::fail(zip, "",
                          core::overLimit("its " + std::to_string(entries) + " entries", "zip-entries"));
    if (total > l.zipUncompressedBytes)
        return core::fail(zip, "",
                          core::overLimit("its " + std::to_string(total) + " uncompressed bytes",
                                          "zip-bytes"));
    double ratio = static_cast<double>(total) / std::max(static_cast<double>(zipStat.st_size), 1.0);
    if (ratio > l.zipCompressionRatio)
        return core::fail(zip, "",
                          core::overLimit("its compression ratio of " +
                                              std::to_string(static_cast<long long>(ratio)) + ":1",
                                          "zip-ratio"));
    return {};
}

}  // namespace

bool isKlicDelivery(const std::string& path) {
    detail::registerGdalOnce();
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    if (lower.ends_with(".zip")) return !imklFileInZip(path).empty();
    if (!lower.ends_with(".xml") && !lower.ends_with(".gml")) return false;
    return hasImklHeader(path);
}

core::Result<void> importKlic(const std::string& path, const KlicImportOptions& options,
                              model::Dataset& ds, ImportReport& report) {
    detail::registerGdalOnce();
    std::string xml = path;
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    if (lower.ends_with(".zip")) {
        if (auto ok = checkZipLimits(path); !ok) return ok;
        xml = imklFileInZip(path);
        if (xml.empty())
            return core::fail(
                path, "",
                "not a KLIC delivery: no GI_gebiedsinformatielevering_*.xml or IMKL file inside");
    }

    // [SECTION] pass 1: read every feature into records
    std::vector<GmlRecord> elements, zones, points;
    std::unordered_map<std::string, Network> networks;
    std::unordered_map<std::string, std::vector<Vec2>> links;
    std::unordered_map<std::string, std::string> owners;  // bronhoudercode -> name
    std::map<std::string, std::vector<DepthPoint>> depthsByNetwork;
    std::string file = path;
    std::size_t imklRecords = 0;
    std::string foreignNamespace;
    auto number = [&](const GmlRecord& r, const char* element, const std::string& text) {
        auto v = core::parseNumber(text);
        if (!v)
            report.warn({file, r.id,
                         std::string(element) + " '" + text.substr(0, 40) +
                             "' is not a number; taken as unknown"});
        return v ? *v : NAN;
    };
    auto read = klic::readGmlRecords(xml, [&](GmlRecord&& r) {
        if (r.type.rfind("imkl:", 0) == 0) ++imklRecords;
        if (!r.problem.empty()) {
            report.skip(r.type, {file, r.id, r.problem});
            return;
        }
        if (r.type == "imkl:Utiliteitsnet") {
            Network n;
            if (auto* t = r.firstHref("imkl:thema")) n.theme = lastSegment(*t);
            if (auto* d = r.first("imkl:standaardDieptelegging")) {
                double f = metresPer(r.uom["imkl:standaardDieptelegging"]);
                n.defaultCoverM =
                    number(r, "standaardDieptelegging", *d) * (std::isnan(f) ? 1.0 : f);
            }
            networks[r.id] = n;
        } else if (r.type == "usc:UtilityLink") {
            // A gml:LineString, or a gml:Curve of LineStringSegments (IMKL 1.2.1 examples).
            for (const auto& g : r.geometries)
                if ((g.type == "gml:LineString" || g.type == "gml:Curve") && !g.rings.empty()) {
                    std::vector<Vec2> pts;
                    for (const auto& c : g.rings)
                        for (std::size_t i = 0;
                             i + static_cast<std::size_t>(g.dimension) <= c.size();
                             i += g.dimension)
                            if (pts.empty() || !(pts.back() == Vec2{c[i], c[i + 1]}))
                                pts.push_back({c[i], c[i + 1]});
                    if (links.count(r.id)) {
                        report.skip(r.type, {file, r.id,
                                             "UtilityLink id repeated; the first link's geometry "
                                             "is used, this one is not"});
                        return;
                    }
                    links[r.id] = std::move(pts);
                }
        } else if (r.type == "imkl:Beheerder") {
            auto* code = r.first("imkl:bronhoudercode");
            auto* name = r.first("imkl:naam");
            if (code) owners[*code] = name ? *name : *code;
        } else if (r.type == "imkl:DiepteTovMaaiveld" || r.type == "imkl:DiepteNAP") {
            DepthPoint p;
            p.id = r.id;
            p.nap = r.type == "imkl:DiepteNAP";
            auto* v = r.first("imkl:dieptePeil");
            auto* net = r.firstHref("imkl:inNetwork");
            if (!v || !net || r.geometries.empty() || r.geometries[0].rings.empty() ||
                r.geometries[0].rings[0].size() < 2) {
                report.skip(r.type,
                            {file, r.id, "depth point without dieptePeil, position or inNetwork"});
                return;
            }
            p.value = number(r, "dieptePeil", *v) * metresPer(r.uom["imkl:dieptePeil"]);
            if (std::isnan(p.value)) {
                report.skip(
                    r.type,
                    {file, r.id, "unknown unit '" + r.uom["imkl:dieptePeil"] + "' of dieptePeil"});
                return;
            }
            if (auto* g = r.first("imkl:maaiveldPeil")) p.groundNap = number(r, "maaiveldPeil", *g);
            if (auto* a = r.firstHref("imkl:diepteAangrijpingspunt"))
                p.bottom = lastSegment(*a) == "binnenonderkantBuis";
            p.accuracy = accuracyOf(r.firstHref("imkl:diepteNauwkeurigheid"));
            p.at = {r.geometries[0].rings[0][0], r.geometries[0].rings[0][1]};
            depthsByNetwork[*net].push_back(p);
            report.ignore(r.type, "depth point, applied to the elements of its network");
        } else if (r.type == "imkl:GebiedsinformatieLevering") {
            if (auto* c = r.first("imkl:indicatieLeveringCompleet"); c && *c == "false")
                report.warn({file, r.id,
                             "partial delivery (indicatieLeveringCompleet = false): more "
                             "deliveries follow"});
            report.ignore(r.type, "delivery administration");
        } else if (r.type == "imkl:AanduidingEisVoorzorgsmaatregel" ||
                   r.type == "imkl:Graafpolygoon" || r.type == "imkl:ExtraGeometrie") {
            zones.push_back(std::move(r));
        } else if (r.type == "imkl:Appurtenance" || r.type == "imkl:Kast" ||
                   r.type == "imkl:Mangat" || r.type == "imkl:TechnischGebouw" ||
                   r.type == "imkl:Mast" || r.type == "imkl:Toren") {
            points.push_back(std::move(r));
        } else {
            for (const auto& e : kElements)
                if (r.type == e.type) {
                    elements.push_back(std::move(r));
                    return;
                }
            for (const auto& n : kNotObjects)
                if (r.type == n[0]) {
                    report.ignore(r.type, n[1]);
                    return;
                }
            report.ignore(r.type, "map feature, not part of the 3D model");
        }
    }, &foreignNamespace);
    // A delivery that cannot be read to its end is not imported in part: what is missing would
    // look like ground that is free.
    if (!read)
        return core::fail(read.error().file, read.error().featureId,
                          read.error().message + " (the delivery cannot be read as a whole)");
    if (imklRecords == 0)
        return core::fail(path, "",
                          "no IMKL features in the delivery" +
                              (foreignNamespace.empty()
                                   ? std::string()
                                   : " (elements are in namespace '" + foreignNamespace +
                                         "', which is not IMKL 1.2 or 2.0)"));
    for (auto type : {"usc:UtilityLink", "imkl:Utiliteitsnet", "imkl:Beheerder"}) {
        std::size_t n = std::string(type) == "usc:UtilityLink"      ? links.size()
                        : std::string(type) == "imkl:Utiliteitsnet" ? networks.size()
                                                                    : owners.size();
        for (std::size_t i = 0; i < n; ++i)
            report.ignore(type, std::string(type) == "usc:UtilityLink"
                                    ? "geometry of the elements that link to it"
                                : std::string(type) == "imkl:Utiliteitsnet"
                                    ? "theme and default depth of its elements"
                                    : "owner names");
    }
    // Ground level for depths below maaiveld: the raster or constant given, else the delivery's own
    // maaiveldPeil (of its DiepteNAP points, the nearest within 100 m), else none. Recorded.
    std::vector<std::pair<Vec2, double>> deliveryGround;
    for (const auto& [net, pts] : depthsByNetwork)
        for (const auto& p : pts)
            if (p.nap && !std::isnan(p.groundNap)) deliveryGround.push_back({p.at, p.groundNap});
    std::size_t fromDelivery = 0;
    auto groundAt = [&](double x, double y) -> double {
        if (options.groundLevel.available()) return options.groundLevel.at(x, y);
        double best = 100.0, g = NAN;
        for (const auto& [at, level] : deliveryGround)
            if (double d = core::distance(at, Vec2{x, y}); d <= best) {
                best = d;
                g = level;
            }
        if (!std::isnan(g)) ++fromDelivery;
        return g;
    };
    // Where no ground level is known, an assumed flat ground: the delivery's median maaiveldPeil,
    // else 0 m NAP. Every depth below ground is kept with the vertex, so the heights follow when a
    // real ground arrives (bodem ground); until then relative depths, and so clashes between
    // objects given below ground, are right.
    double flat = options.assumedGroundM;
    if (std::isnan(flat)) {
        std::vector<double> levels;
        for (const auto& [at, level] : deliveryGround) levels.push_back(level);
        std::sort(levels.begin(), levels.end());
        flat = levels.empty() ? 0.0 : levels[levels.size() / 2];
    }
    std::size_t onFlat = 0;
    auto groundOrFlat = [&](double x, double y) {
        double g = groundAt(x, y);
        if (!std::isnan(g)) return g;
        ++onFlat;
        return flat;
    };
    // The network's own standaardDieptelegging, else the rule set's cover for its theme (said
    // once per network).
    std::set<std::string> coverFromRules;
    auto coverOf = [&](const std::string& netId, const Network& n) {
        if (!std::isnan(n.defaultCoverM)) return n.defaultCoverM;
        std::string theme = n.theme.empty() ? "overig" : n.theme;
        auto it = options.coverByTheme.find(theme);
        double cover = it != options.coverByTheme.end() ? it->second : options.defaultCoverM;
        if (coverFromRules.insert(netId).second) {
            char buf[160];
            std::snprintf(buf, sizeof buf,
                          "no standaardDieptelegging: the rule set's cover of %.2f m for '%s' is "
                          "assumed",
                          cover, theme.c_str());
            report.warn({file, netId, buf});
        }
        return cover;
    };

    // Unfamiliar theme codes are kept as given (the rules treat them as 'overig') and reported.
    for (const auto& [id, n] : networks)
        if (!n.theme.empty() && !model::themes::isKnown(n.theme))
            report.warn({file, id,
                         "unknown theme '" + n.theme +
                             "': kept as given, handled as 'overig' by the rules"});

    // [SECTION] pass 2: elements -> linear networks
    std::set<std::string> usedDepthPoints;
    std::map<std::string, std::string> unusable;  // depth point id -> why it was not used
    std::unordered_map<std::string, const DepthPoint*> depthById;
    for (const auto& [net, pts] : depthsByNetwork)
        for (const auto& p : pts) depthById[p.id] = &p;
    std::set<std::string> linkedPoints;  // linked by some element: not for others by proximity
    for (const auto& e : elements)
        for (auto [l, lEnd] = e.href.equal_range("imkl:dieptelegging"); l != lEnd; ++l)
            linkedPoints.insert(l->second);
    for (const auto& r : elements) {
        ObjectType type = ObjectType::Pipe;
        for (const auto& e : kElements)
            if (r.type == e.type) type = e.objectType;
        const std::string* netRef = r.firstHref("net:inNetwork");
        auto net = netRef ? networks.find(*netRef) : networks.end();
        if (net == networks.end()) {
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
        // Diameter with its unit of measure.
        float diameter = model::kUnknown;
        bool badUnit = false;
        for (const char* el : {"usc:pipeDiameter", "imkl:kabelDiameter", "usc:ductWidth"}) {
            auto* v = r.first(el);
            if (!v) continue;
            double f = metresPer(r.uom.count(el) ? r.uom.at(el) : "");
            if (std::isnan(f)) {
                report.skip(r.type, {file, r.id,
                                     std::string("unknown unit '") +
                                         (r.uom.count(el) ? r.uom.at(el) : "") + "' of " + el});
                badUnit = true;
                break;
            }
            double d = number(r, el, *v) * f;
            if (d > 0 && d < 5)
                diameter = static_cast<float>(d);
            else if (!std::isnan(d))  // never silently: the rule set's default is used instead
                report.warn({file, r.id,
                             std::string(el) + " " + *v + " " +
                                 (r.uom.count(el) ? r.uom.at(el) : std::string("m")) +
                                 " is not a plausible diameter (0 to 5 m): taken as unknown, the "
                                 "rule set's default applies (marked assumed)"});
        }
        if (badUnit) continue;
        model::Dataset::Meta meta;
        meta.layer = "klic";
        meta.type = type;
        meta.theme = net->second.theme.empty() ? "overig" : net->second.theme;
        std::string code = sourceHolder(r.id);
        auto owner = owners.find(code);
        meta.owner = owner != owners.end() ? owner->second + " (" + code + ")" : code;
        meta.source = path;
        if (auto* m = r.firstHref("imkl:buismateriaalType")) meta.material = lastSegment(*m);
        if (auto* st = r.firstHref("usc:currentStatus")) {
            auto s = model::statusFromCode(lastSegment(*st));
            meta.status = s ? *s : model::ObjectStatus::Existing;
        }
        if (auto* from = r.first("usc:validFrom"); from && from->size() >= 4) {
            int year = core::parseInt(from->substr(0, 4)).value_or(0);
            if (year > 1800 && year < 2100 && year != 1900)
                meta.yearLaid = year;  // 9999 and 1900 are dummies
        }
        meta.horizontalAccuracyM = accuracyOf(r.firstHref("imkl:geoNauwkeurigheidXY"));
        int k = 0;
        bool loaded = false;
        for (auto it = linkRange.first; it != linkRange.second; ++it, ++k) {
            meta.id = std::distance(linkRange.first, linkRange.second) > 1
                          ? r.id + "/" + std::to_string(k)
                          : r.id;
            auto link = links.find(it->second);
            if (link == links.end() || link->second.size() < 2) {
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
                double off = project(line, p->second->at, ch);
                if (off > 10 * options.depthPointSnapM) {
                    unusable[p->second->id] = "linked by '" + meta.id + "' but " +
                                              std::to_string(static_cast<int>(off)) +
                                              " m away from it";
                    continue;
                }
                onLine.push_back({ch, p->second});
                taken.insert(p->second);
            }
            if (auto d = depthsByNetwork.find(net->first); d != depthsByNetwork.end())
                for (const auto& p : d->second) {
                    double ch = 0;
                    if (!taken.count(&p) && !linkedPoints.count(p.id) &&
                        project(line, p.at, ch) <= options.depthPointSnapM)
                        onLine.push_back({ch, &p});
                }
            std::sort(onLine.begin(), onLine.end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; });
            // Each point as the axis's depth below ground and its band: a DiepteTovMaaiveld as
            // given, a DiepteNAP against its own maaiveldPeil (else the ground at the point); the
            // point gives the top of the pipe or its inner bottom. "onbekend" gets the assumed band.
            struct Fix {
                double chainage, below, band;
            };
            std::vector<Fix> fixes;
            for (auto [ch, p] : onLine) {
                double below = p->value - (p->bottom ? 2 * r2 : 0.0) + r2;
                if (p->nap) {
                    double g = !std::isnan(p->groundNap) ? p->groundNap : groundOrFlat(p->at.x, p->at.y);
                    below = g - ((p->bottom ? p->value + 2 * r2 : p->value) - r2);
                }
                double band = std::isnan(p->accuracy) ? options.assumedBandM
                                                      : std::max<double>(p->accuracy, 0.0);
                fixes.push_back({ch, below, band});
                usedDepthPoints.insert(p->id);
            }
            const double standard = coverOf(net->first, net->second) + r2;
            const double L = std::max(options.depthPointInfluenceM, 1e-3);
            std::vector<Vec3> axis;
            std::vector<model::VertexDepth> depths;
            double run = 0;
            for (std::size_t i = 0; i < line.size(); ++i) {
                if (i > 0) run += core::distance(line[i - 1], line[i]);
                Vec3 v{line[i].x, line[i].y, NAN};
                model::VertexDepth d{DepthProvenance::Assumed, model::kUnknown,  // rule set's band
                                     static_cast<float>(standard)};
                if (!fixes.empty()) {
                    // The nearest fix on each side; between two, their deviations from the
                    // standard depth are interpolated; the influence fades with the distance to
                    // the nearer one (docs/data-model.md).
                    std::size_t j = 0;
                    while (j + 1 < fixes.size() && fixes[j + 1].chainage <= run) ++j;
                    const Fix* left = fixes[j].chainage <= run ? &fixes[j] : nullptr;
                    const Fix* right = left ? (j + 1 < fixes.size() ? &fixes[j + 1] : nullptr)
                                            : &fixes[j];
                    double dl = left ? run - left->chainage : INFINITY;
                    double dr = right ? right->chainage - run : INFINITY;
                    double dev, band;
                    if (left && right && dl + dr > 0) {
                        double t = dl / (dl + dr);
                        dev = (left->below - standard) * (1 - t) + (right->below - standard) * t;
                        band = left->band * (1 - t) + right->band * t;
                    } else {
                        const Fix& f = left ? *left : *right;
                        dev = f.below - standard;
                        band = f.band;
                    }
                    double near = std::min(dl, dr);
                    double weight = std::exp(-near / L);
                    double grown = std::hypot(band, options.depthPointUncertaintyGrowth * near);
                    double sigma = weight * grown + (1 - weight) * options.assumedBandM;
                    sigma = std::min(sigma, std::max(options.assumedBandM, band));
                    d.belowGroundM = static_cast<float>(standard + weight * dev);
                    d.verticalUncertaintyM = static_cast<float>(sigma);
                    d.provenance = weight >= 0.5 ? DepthProvenance::Derived : DepthProvenance::Assumed;
                }
                // The height from the depth as stored, so that re-levelling later on the same
                // ground gives the same height to the bit.
                v.z = groundOrFlat(v.x, v.y) - d.belowGroundM;
                axis.push_back(v);
                depths.push_back(d);
            }
            ds.addLinear(meta, axis, depths, diameter);
            loaded = true;
        }
        // One count per element of the file; an element with several links becomes id/0, id/1, ...
        if (loaded) report.load(r.type);
    }

    // Every depth point that placed nothing is said, with why.
    for (const auto& [net, pts] : depthsByNetwork)
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

    // [SECTION] zones: EV areas and the excavation polygon, at every depth
    for (const auto& r : zones) {
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
        meta.source = path;
        bool ev = r.type == "imkl:AanduidingEisVoorzorgsmaatregel";
        bool extra = r.type == "imkl:ExtraGeometrie";
        meta.type = ev ? ObjectType::ProtectedZone : ObjectType::Area;
        meta.theme = ev ? "evGebied" : extra ? "overig" : "projectgebied";
        if (extra) meta.layer = "klic-extrageometrie";
        std::string code = sourceHolder(r.id);
        auto owner = owners.find(code);
        meta.owner = owner != owners.end() ? owner->second + " (" + code + ")" : code;
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
        // A plan constraint: it holds at every depth a project reaches.
        for (std::size_t k = 0; k < valid.size(); ++k) {
            if (valid.size() > 1) meta.id = r.id + "/" + std::to_string(k);
            ds.addPrism(meta, valid[k], -100.0, 100.0, model::kUnknown,
                        {DepthProvenance::Unknown, model::kUnknown});
        }
        report.load(r.type);
    }

    // [SECTION] point objects: appurtenances, cabinets, manholes, with assumed sizes and depths
    for (const auto& r : points) {
        if (r.geometries.empty() || r.geometries[0].rings.empty() ||
            r.geometries[0].rings[0].size() < 2) {
            report.skip(r.type, {file, r.id, "no point geometry"});
            continue;
        }
        Vec2 at{r.geometries[0].rings[0][0], r.geometries[0].rings[0][1]};
        double ground = groundOrFlat(at.x, at.y);
        const std::string* netRef = r.firstHref("net:inNetwork");
        if (!netRef) netRef = r.firstHref("imkl:inNetwork");
        auto net = netRef ? networks.find(*netRef) : networks.end();
        model::Dataset::Meta meta;
        meta.id = r.id;
        meta.layer = "klic";
        meta.source = path;
        meta.theme =
            net != networks.end() && !net->second.theme.empty() ? net->second.theme : "overig";
        std::string code = sourceHolder(r.id);
        auto owner = owners.find(code);
        meta.owner = owner != owners.end() ? owner->second + " (" + code + ")" : code;
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
            double cover = net != networks.end() ? coverOf(net->first, net->second)
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
    model::GroundBasis basis;
    basis.level = flat;
    if (options.groundLevel.available() && !onFlat) {
        basis.kind = options.groundLevel.isRaster() ? model::GroundBasis::Kind::Raster
                                                    : model::GroundBasis::Kind::Constant;
        basis.source = options.groundLevel.describe();
        if (!options.groundLevel.isRaster()) basis.level = options.groundLevel.at(0, 0);
    } else if (options.groundLevel.available() || fromDelivery) {
        basis.kind = model::GroundBasis::Kind::Partial;
        basis.source = options.groundLevel.available()
                           ? options.groundLevel.describe()
                           : "the delivery's maaiveldPeil (" + std::to_string(fromDelivery) +
                                 " uses)";
    } else {
        basis.kind = model::GroundBasis::Kind::AssumedFlat;
    }
    model::mergeGround(ds.ground, basis);
    report.warn({file, "", "ground level for depths below maaiveld: " + model::describe(basis)});
    return {};
}

}  // namespace bz::io
