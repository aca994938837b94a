#include "KlicImport.h"

#include <bodemzicht/core/Limits.h>
#include <bodemzicht/core/Parse.h>
#include <bodemzicht/model/Themes.h>

#include <cpl_string.h>
#include <cpl_vsi.h>

#include <algorithm>

namespace bz::io::formats::klic {

using model::DepthProvenance;
using model::ObjectType;

// [SECTION] IMKL values

double numberOf(const GmlRecord& r, const char* element, const std::string& text,
                const std::string& file, ImportReport& report) {
    auto v = core::parseNumber(text);
    if (!v)
        report.warn({file, r.id,
                     std::string(element) + " '" + text.substr(0, 40) +
                         "' is not a number; taken as unknown"});
    return v ? *v : NAN;
}

std::string lastSegment(const std::string& href) {
    auto p = href.find_last_of("/#");
    return p == std::string::npos ? href : href.substr(p + 1);
}

namespace {

// "nl.imkl-KL1040.UL_..." -> "KL1040"
std::string sourceHolder(const std::string& gmlId) {
    auto dash = gmlId.find('-');
    auto dot = gmlId.find('.', dash == std::string::npos ? 0 : dash);
    if (dash == std::string::npos || dot == std::string::npos) return "";
    return gmlId.substr(dash + 1, dot - dash - 1);
}

}  // namespace

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

model::Date laidDate(const std::string& validFrom) {
    auto d = model::Date::parse(validFrom);
    if (!d || d->year() == 1900 || d->year() >= 9999 || d->year() < 1800) return {};
    return *d;
}

std::vector<std::pair<std::string, model::AttributeValue>> otherAttributes(
    const GmlRecord& r, const std::set<std::string>& used) {
    std::vector<std::pair<std::string, model::AttributeValue>> out;
    // An element given more than once keeps every value, joined.
    auto add = [&](std::string key, model::AttributeValue v) {
        for (auto& [k, old] : out)
            if (k == key) {
                old = model::toString(old) + "; " + model::toString(v);
                return;
            }
        out.emplace_back(std::move(key), std::move(v));
    };
    for (const auto& [element, text] : r.text) {
        // gml: and base: elements are the feature's own identifiers, not values.
        if (used.count(element) || element.starts_with("gml:") || element.starts_with("base:"))
            continue;
        auto uom = r.uom.find(element);
        if (uom != r.uom.end())
            if (auto v = core::parseNumber(text)) {
                std::string unit = lastSegment(uom->second);
                if (auto c = unit.rfind(':'); c != std::string::npos) unit = unit.substr(c + 1);
                add(element + " (" + unit + ")", *v);
                continue;
            }
        add(element, text);
    }
    // Code-list values (an URL to a code list); references to other features are links, not
    // values.
    for (const auto& [element, href] : r.href)
        if (!used.count(element) && href.starts_with("http")) add(element, lastSegment(href));
    return out;
}

std::string Delivery::ownerOf(const std::string& gmlId) const {
    std::string code = sourceHolder(gmlId);
    auto owner = owners.find(code);
    return owner != owners.end() ? owner->second + " (" + code + ")" : code;
}

// [SECTION] the delivery zip

bool hasImklHeader(std::string_view head) {
    return head.find("geostandaarden.nl/imkl") != std::string_view::npos &&
           head.find("FeatureCollection") != std::string_view::npos;
}

namespace {

bool fileHasImklHeader(const std::string& path) {
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return false;
    std::string head(4096, '\0');
    head.resize(VSIFReadL(head.data(), 1, head.size(), f));
    VSIFCloseL(f);
    return hasImklHeader(head);
}

}  // namespace

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
        else if (other.empty() && fileHasImklHeader(root + "/" + name))
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
        return core::fail(
            zip, "", core::overLimit("its " + std::to_string(entries) + " entries", "zip-entries"));
    if (total > l.zipUncompressedBytes)
        return core::fail(
            zip, "",
            core::overLimit("its " + std::to_string(total) + " uncompressed bytes", "zip-bytes"));
    double ratio = static_cast<double>(total) / std::max(static_cast<double>(zipStat.st_size), 1.0);
    if (ratio > l.zipCompressionRatio)
        return core::fail(zip, "",
                          core::overLimit("its compression ratio of " +
                                              std::to_string(static_cast<long long>(ratio)) + ":1",
                                          "zip-ratio"));
    return {};
}

// [SECTION] pass 1: every feature into records

namespace {

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

}  // namespace

core::Result<Delivery> readDelivery(const std::string& file, const std::string& xml,
                                    ImportReport& report) {
    Delivery delivery;
    delivery.file = file;
    auto& elements = delivery.elements;
    auto& zones = delivery.zones;
    auto& points = delivery.points;
    auto& networks = delivery.networks;
    auto& links = delivery.links;
    auto& owners = delivery.owners;
    auto& depthsByNetwork = delivery.depthsByNetwork;
    std::size_t imklRecords = 0;
    std::string foreignNamespace;
    auto number = [&](const GmlRecord& r, const char* element, const std::string& text) {
        return numberOf(r, element, text, file, report);
    };
    auto read = readGmlRecords(
        xml,
        [&](GmlRecord&& r) {
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
                            report.skip(r.type,
                                        {file, r.id,
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
                    report.skip(r.type, {file, r.id,
                                         "depth point without dieptePeil, position or inNetwork"});
                    return;
                }
                p.value = number(r, "dieptePeil", *v) * metresPer(r.uom["imkl:dieptePeil"]);
                if (std::isnan(p.value)) {
                    report.skip(r.type,
                                {file, r.id,
                                 "unknown unit '" + r.uom["imkl:dieptePeil"] + "' of dieptePeil"});
                    return;
                }
                if (auto* g = r.first("imkl:maaiveldPeil"))
                    p.groundNap = number(r, "maaiveldPeil", *g);
                if (auto* a = r.firstHref("imkl:diepteAangrijpingspunt"))
                    p.bottom = lastSegment(*a) == "binnenonderkantBuis";
                p.accuracy = accuracyOf(r.firstHref("imkl:diepteNauwkeurigheid"));
                p.at = {r.geometries[0].rings[0][0], r.geometries[0].rings[0][1]};
                depthsByNetwork[*net].push_back(p);
                report.ignore(r.type, "depth point, applied to the elements of its network");
            } else if (r.type == "imkl:GebiedsinformatieLevering") {
                if (auto* when = r.first("imkl:datumLeveringSamengesteld"))
                    if (auto date = model::Date::parse(*when)) delivery.deliveredOn = *date;
                if (auto* c = r.first("imkl:indicatieLeveringCompleet"); c && *c == "false")
                    report.warn({file, r.id,
                                 "partial delivery (indicatieLeveringCompleet = false): more "
                                 "deliveries follow"});
                report.ignore(r.type, "delivery administration");
            } else if (r.type == "imkl:AanduidingEisVoorzorgsmaatregel" ||
                       r.type == "imkl:Graafpolygoon" || r.type == "imkl:Orientatiepolygoon" ||
                       r.type == "imkl:Informatiepolygoon" || r.type == "imkl:ExtraGeometrie") {
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
        },
        &foreignNamespace);
    // A delivery that cannot be read to its end is not imported in part: what is missing would
    // look like ground that is free.
    if (!read)
        return core::fail(read.error().file, read.error().featureId,
                          read.error().message + " (the delivery cannot be read as a whole)");
    if (imklRecords == 0)
        return core::fail(
            file, "",
            "no IMKL features in the delivery" +
                (foreignNamespace.empty() ? std::string()
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
    // Unfamiliar theme codes are kept as given (the rules treat them as 'overig') and reported.
    for (const auto& [id, n] : networks)
        if (!n.theme.empty() && !model::themes::isKnown(n.theme))
            report.warn({file, id,
                         "unknown theme '" + n.theme +
                             "': kept as given, handled as 'overig' by the rules"});
    return delivery;
}

model::ObjectType elementType(const std::string& imklType) {
    for (const auto& e : kElements)
        if (imklType == e.type) return e.objectType;
    return model::ObjectType::Pipe;
}

}  // namespace bz::io::formats::klic
