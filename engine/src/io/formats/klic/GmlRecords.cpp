#include "GmlRecords.h"

#include <cpl_vsi.h>
#include <expat.h>

#include <cstring>
#include <memory>

#include "../../GdalErrors.h"

namespace bz::io::klic {

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

    static void start(void* self, const char* name, const char** attrs) {
        static_cast<Reader*>(self)->onStart(name, attrs);
    }
    static void end(void* self, const char* name) { static_cast<Reader*>(self)->onEnd(name); }
    static void chars(void* self, const char* s, int len) {
        auto* r = static_cast<Reader*>(self);
        if (r->featureDepth >= 0) r->textBuf.append(s, static_cast<std::size_t>(len));
    }

    void onStart(const char* rawName, const char** attrs) {
        std::string name = qualified(rawName);
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
            }
            if (name == "gml:Point" || name == "gml:LineString" || name == "gml:Polygon" ||
                name == "gml:Curve" || name == "gml:MultiSurface" || name == "gml:Surface") {
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
                !record.geometries.empty())
                record.geometries.back().dimension = std::atoi(srsDim.c_str());
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
                coords.push_back(v);
                p = endp;
            }
            auto& g = record.geometries.back();
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
        } else if (name == "gml:Point" || name == "gml:LineString" || name == "gml:Polygon" ||
                   name == "gml:Curve" || name == "gml:MultiSurface" || name == "gml:Surface") {
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
                                  const std::function<void(GmlRecord&&)>& onRecord) {
    detail::registerGdalOnce();
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return core::fail(path, "", "cannot open");
    Reader r;
    r.onRecord = onRecord;
    r.parser = XML_ParserCreateNS(nullptr, '|');
    XML_SetUserData(r.parser, &r);
    XML_SetElementHandler(r.parser, &Reader::start, &Reader::end);
    XML_SetCharacterDataHandler(r.parser, &Reader::chars);
    std::vector<char> buf(1 << 20);
    core::Result<void> result;
    for (;;) {
        std::size_t n = VSIFReadL(buf.data(), 1, buf.size(), f);
        bool last = n < buf.size();
        if (XML_Parse(r.parser, buf.data(), static_cast<int>(n), last) == XML_STATUS_ERROR) {
            result = core::fail(path, r.featureDepth >= 0 ? r.record.id : "",
                                "XML error at line " +
                                    std::to_string(XML_GetCurrentLineNumber(r.parser)) + ": " +
                                    XML_ErrorString(XML_GetErrorCode(r.parser)));
            break;
        }
        if (last) break;
    }
    XML_ParserFree(r.parser);
    VSIFCloseL(f);
    return result;
}

}  // namespace bz::io::klic
