#include "GmlRecords.h"

#include <cpl_vsi.h>
#include <expat.h>

#include <bodemzicht/core/Limits.h>

#include <cmath>
#include <cstring>
#include <memory>

#include "../../GdalErrors.h"
#include "../../XmlFile.h"

namespace bz::io::formats::klic {

namespace {

// Namespace URI -> the short prefix we use, whatever the file calls it.
std::string prefixFor(std::string_view uri) {
    static const std::pair<std::string_view, std::string_view> kPrefixes[] = {
        {"http://www.geostandaarden.nl/imkl/wibon", "imkl"},
        {"http://www.geostandaarden.nl/imkl/2015/wion/1.2", "imkl"},
        {"http://www.opengis.net/gml/3.2", "gml"},
        {"http://www.w3.org/1999/xlink", "xlink"},
        {"http://inspire.ec.europa.eu/schemas/net/4.0", "net"},
        {"http://inspire.ec.europa.eu/schemas/us-net-common/4.0", "usc"},
        {"http://inspire.ec.europa.eu/schemas/us-net-el/4.0", "el"},
        {"http://inspire.ec.europa.eu/schemas/us-net-tc/4.0", "tc"},
        {"http://inspire.ec.europa.eu/schemas/us-net-wa/4.0", "wa"},
        {"http://inspire.ec.europa.eu/schemas/us-net-sw/4.0", "sw"},
        {"http://inspire.ec.europa.eu/schemas/us-net-th/4.0", "th"},
        {"http://inspire.ec.europa.eu/schemas/us-net-ogc/4.0", "ogc"},
        {"http://inspire.ec.europa.eu/schemas/base/3.3", "base"},
        {"http://www.w3.org/2001/XMLSchema-instance", "xsi"},
    };
    for (auto [u, p] : kPrefixes)
        if (u == uri) return std::string(p);
    return "ns";
}

// Forms of RD New and RD New + NAP that deliveries use in srsName.
bool isRdSrsName(std::string_view name) {
    for (std::string_view code : {"28992", "7415"}) {
        if (name.size() < code.size() || name.substr(name.size() - code.size()) != code) continue;
        std::string_view head = name.substr(0, name.size() - code.size());
        for (std::string_view prefix :
             {"EPSG:", "epsg:", "urn:ogc:def:crs:EPSG::", "urn:ogc:def:crs:EPSG:",
              "urn:x-ogc:def:crs:EPSG:", "urn:x-ogc:def:crs:EPSG::",
              "http://www.opengis.net/def/crs/EPSG/0/", "https://www.opengis.net/def/crs/EPSG/0/"})
            if (head == prefix) return true;
    }
    return false;
}

bool isGeometryElement(const std::string& name) {
    return name == "gml:Point" || name == "gml:LineString" || name == "gml:Polygon" ||
           name == "gml:Curve" || name == "gml:MultiSurface" || name == "gml:Surface";
}

// "uri|local" (expat's namespace form) -> "prefix:local".
std::string qualified(const char* name) {
    const char* bar = std::strchr(name, '|');
    if (!bar) return name;
    return prefixFor(std::string_view(name, static_cast<std::size_t>(bar - name))) + ":" +
           (bar + 1);
}

struct Reader {
    XML_Parser parser = nullptr;
    std::function<void(GmlRecord&&)> onRecord;
    std::vector<std::string> stack;
    int featureDepth = -1;  // stack depth of the current feature element
    GmlRecord record;
    std::string textBuf;
    bool inGeometry = false;
    bool inInterior = false;
    std::uint64_t elements = 0;
    std::string fatal;       // a limit that stopped the parser
    std::string foreignUri;  // the first element namespace we do not know, for the message

    void stop(std::string why) {
        if (fatal.empty()) fatal = std::move(why);
        XML_StopParser(parser, XML_FALSE);
    }
    void problem(std::string why) {
        if (record.problem.empty()) record.problem = std::move(why);
    }

    static void start(void* self, const char* name, const char** attrs) {
        static_cast<Reader*>(self)->onStart(name, attrs);
    }
    static void end(void* self, const char* name) { static_cast<Reader*>(self)->onEnd(name); }
    static void chars(void* self, const char* s, int len) {
        auto* r = static_cast<Reader*>(self);
        if (r->featureDepth < 0) return;
        if (r->textBuf.size() + static_cast<std::size_t>(len) > core::limits().textBytes)
            return r->stop(core::overLimit("a text value's bytes", "text-bytes"));
        r->textBuf.append(s, static_cast<std::size_t>(len));
    }

    void onStart(const char* rawName, const char** attrs) {
        if (++elements > core::limits().xmlElements)
            return stop(core::overLimit("the file's elements", "xml-elements"));
        if (stack.size() >= core::limits().xmlDepth)
            return stop(core::overLimit("the nesting of elements", "xml-depth"));
        std::string name = qualified(rawName);
        if (foreignUri.empty() && name.rfind("ns:", 0) == 0) {
            const char* bar = std::strchr(rawName, '|');
            foreignUri = bar ? std::string(rawName, static_cast<std::size_t>(bar - rawName))
                             : std::string("(no namespace)");
        }
        textBuf.clear();
        int depth = static_cast<int>(stack.size());
        if (featureDepth < 0 && depth >= 1 &&
            (stack.back() == "gml:featureMember" || stack.back() == "gml:featureMembers")) {
            featureDepth = depth;
            record = GmlRecord{};
            record.type = name;
            record.line = XML_GetCurrentLineNumber(parser);
        }
        if (featureDepth >= 0) {
            std::string srsDim;
            const char* srsName = nullptr;
            for (int i = 0; attrs[i]; i += 2) {
                std::string an = qualified(attrs[i]);
                if (an == "gml:id" && depth == featureDepth)
                    record.id = attrs[i + 1];
                else if (an == "xlink:href")
                    record.href.emplace(name, attrs[i + 1]);
                else if (an == "uom")
                    record.uom[name] = attrs[i + 1];
                else if (an == "srsDimension")
                    srsDim = attrs[i + 1];
                else if (an == "srsName")
                    srsName = attrs[i + 1];
            }
            // Coordinates in another CRS would be read as RD: refused, never reinterpreted.
            if (srsName && !isRdSrsName(srsName))
                problem(std::string("srsName '") + srsName +
                        "' is not RD New (EPSG:28992) or RD New + NAP (EPSG:7415); KLIC "
                        "deliveries are in RD: convert the file first");
            if (isGeometryElement(name)) {
                if (!inGeometry) {
                    GmlGeometry g;
                    g.type = name;
                    g.property = depth >= 1 ? stack.back() : "";
                    record.geometries.push_back(std::move(g));
                    inGeometry = true;
                }
            }
            if (name == "gml:interior") inInterior = true;
            if ((name == "gml:posList" || name == "gml:pos") && !srsDim.empty() &&
                !record.geometries.empty()) {
                if (srsDim == "2" || srsDim == "3")
                    record.geometries.back().dimension = srsDim[0] - '0';
                else
                    problem("srsDimension '" + srsDim + "' is not 2 or 3");
            }
        }
        stack.push_back(std::move(name));
    }

    void onEnd(const char*) {
        std::string name = std::move(stack.back());
        stack.pop_back();
        int depth = static_cast<int>(stack.size());
        if (featureDepth < 0) return;
        if ((name == "gml:posList" || name == "gml:pos") && !record.geometries.empty()) {
            std::vector<double> coords;
            const char* p = textBuf.c_str();
            char* endp = nullptr;
            for (;;) {
                double v = std::strtod(p, &endp);
                if (endp == p) break;
                if (!std::isfinite(v)) problem("a coordinate is not a finite number");
                coords.push_back(v);
                p = endp;
            }
            while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') ++p;
            if (*p)
                problem("coordinates hold text that is not a number: '" +
                        std::string(p).substr(0, 20) + "'");
            auto& g = record.geometries.back();
            if (coords.size() % static_cast<std::size_t>(g.dimension) != 0)
                problem(std::to_string(coords.size()) +
                        " coordinate values are not a whole number of " +
                        std::to_string(g.dimension) + "D points");
            if (coords.size() / static_cast<std::size_t>(g.dimension) > core::limits().vertices)
                problem(core::overLimit("the geometry's vertices", "vertices"));
            // A gml:pos per point (Point) or several posLists (rings): each becomes one ring.
            if (name == "gml:pos" && g.type == "gml:Point") {
                g.rings.assign(1, coords);
                g.interior.assign(1, false);
            } else {
                g.rings.push_back(std::move(coords));
                g.interior.push_back(inInterior);
            }
        } else if (name == "gml:interior") {
            inInterior = false;
        } else if (isGeometryElement(name)) {
            if (depth <= featureDepth + 2) inGeometry = false;
        } else if (depth > featureDepth) {
            // Leaf text (skip whitespace-only containers).
            std::size_t a = textBuf.find_first_not_of(" \t\r\n");
            if (a != std::string::npos) {
                std::size_t b = textBuf.find_last_not_of(" \t\r\n");
                record.text.emplace(name, textBuf.substr(a, b - a + 1));
            }
        }
        textBuf.clear();
        if (depth == featureDepth) {
            featureDepth = -1;
            inGeometry = false;
            onRecord(std::move(record));
        }
    }
};

}  // namespace

core::Result<void> readGmlRecords(const std::string& path,
                                  const std::function<void(GmlRecord&&)>& onRecord,
                                  std::string* foreignNamespace) {
    Reader r;
    r.onRecord = onRecord;
    r.parser = XML_ParserCreateNS(nullptr, '|');
    XML_SetUserData(r.parser, &r);
    XML_SetElementHandler(r.parser, &Reader::start, &Reader::end);
    XML_SetCharacterDataHandler(r.parser, &Reader::chars);
    auto result = detail::feedXmlFile(
        r.parser, path,
        {[&] { return r.fatal; }, {}, [&] { return r.featureDepth >= 0 ? r.record.id : ""; }});
    if (foreignNamespace) *foreignNamespace = r.foreignUri;
    XML_ParserFree(r.parser);
    return result;
}

}  // namespace bz::io::formats::klic
