#include "RibxParse.h"

#include <expat.h>

#include <cstring>
#include <regex>

#include <bodemzicht/core/Limits.h>

#include "../../XmlFile.h"

namespace bz::io::formats::ribx {

const std::string* InspectionObject::field(std::string_view code) const {
    for (const auto& [k, v] : header)
        if (k == code) return &v;
    return nullptr;
}

bool isReadableVersion(const std::string& version) {
    if (version.empty()) return true;
    static const std::regex readable(R"(^\s*(RIBX|GWSW[- ]?RIBX)?\s*v?1\.[0-5](\.\d+)?\s*$)",
                                     std::regex::icase);
    return std::regex_match(version, readable);
}

namespace {

std::string_view localName(const char* name) {
    const char* colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
}

// <ZC>, and <ZC_A>, <ZC_C>, ... as RIBX 1.2 drafts named them per structure.
bool isObservation(const std::string& name) {
    return name == "ZC" || name.rfind("ZC_", 0) == 0;
}

struct Reader {
    XML_Parser parser = nullptr;
    RibxFile file;
    std::vector<std::string> stack;
    std::string text;
    std::string fatal;
    std::uint64_t elements = 0;
    bool inObject = false, inObservation = false, inFileHeader = false;

    void stop(std::string why) {
        if (fatal.empty()) fatal = std::move(why);
        XML_StopParser(parser, XML_FALSE);
    }
    static void start(void* self, const char* name, const char** attrs) {
        static_cast<Reader*>(self)->onStart(name, attrs);
    }
    static void end(void* self, const char* name) { static_cast<Reader*>(self)->onEnd(name); }
    static void chars(void* self, const char* s, int len) {
        auto* r = static_cast<Reader*>(self);
        if (r->text.size() + static_cast<std::size_t>(len) > core::limits().textBytes)
            return r->stop(core::overLimit("a text value's bytes", "text-bytes"));
        r->text.append(s, static_cast<std::size_t>(len));
    }
    // A DTD that declares entities could expand without end: RIBX needs none.
    static void entity(void* self, const XML_Char* name, int, const XML_Char*, int, const XML_Char*,
                       const XML_Char*, const XML_Char*, const XML_Char*) {
        static_cast<Reader*>(self)->stop(std::string("the file declares the entity '") + name +
                                         "'; RIBX files declare none (refused)");
    }

    Fields* currentFields() {
        if (inObservation) return &file.objects.back().observations.back().fields;
        if (inObject) return &file.objects.back().header;
        if (inFileHeader) return &file.fileHeader;
        return nullptr;
    }

    void onStart(const char* rawName, const char** attrs) {
        if (!fatal.empty()) return;  // stopped: expat may still report what it had buffered
        if (++elements > core::limits().xmlElements)
            return stop(core::overLimit("the file's elements", "xml-elements"));
        if (stack.size() >= core::limits().xmlDepth)
            return stop(core::overLimit("the nesting of elements", "xml-depth"));
        const std::string name(localName(rawName));
        const std::size_t depth = stack.size();
        if (depth == 0 && name != "DATA")
            return stop("the root element is <" + name + ">, not <DATA>: not a RIBX file");
        if (depth == 1) {
            if (name == "ZA") {
                inFileHeader = true;
            } else {
                file.objects.push_back(
                    {name, static_cast<long>(XML_GetCurrentLineNumber(parser)), {}, {}});
                inObject = true;
            }
        } else if (depth == 2 && inObject && isObservation(name)) {
            file.objects.back().observations.push_back(
                {static_cast<long>(XML_GetCurrentLineNumber(parser)), {}});
            inObservation = true;
        } else if ((depth == 2 && !inObservation) || (depth == 3 && inObservation)) {
            if (Fields* f = currentFields())
                for (int i = 0; attrs[i]; i += 2)
                    f->emplace_back(name + "@" + std::string(localName(attrs[i])), attrs[i + 1]);
        }
        stack.push_back(name);
        text.clear();
    }

    void onEnd(const char*) {
        if (!fatal.empty() || stack.empty()) return;
        const std::string name = stack.back();
        stack.pop_back();
        const std::size_t depth = stack.size();
        if (depth == 1) {
            inObject = inFileHeader = false;
        } else if (depth == 2 && inObservation && isObservation(name)) {
            inObservation = false;
        } else if ((depth == 2 && !inObservation) || (depth == 3 && inObservation)) {
            // A field: its text, or the coordinates inside it (kept in `geometryText`).
            std::string value = geometryText.empty() ? trim(text) : geometryText;
            geometryText.clear();
            if (Fields* f = currentFields()) f->emplace_back(name, std::move(value));
        } else if (depth > 2 && (name == "pos" || name == "posList" || name == "coordinates")) {
            if (!geometryText.empty()) geometryText += ' ';
            geometryText += trim(text);
        }
        text.clear();
    }
    static std::string trim(const std::string& s) {
        auto b = s.find_first_not_of(" \t\r\n");
        if (b == std::string::npos) return "";
        auto e = s.find_last_not_of(" \t\r\n");
        return s.substr(b, e - b + 1);
    }
    std::string geometryText;
};

}  // namespace

core::Result<RibxFile> parseRibx(const std::string& path) {
    Reader r;
    r.parser = XML_ParserCreate(nullptr);
    XML_SetUserData(r.parser, &r);
    XML_SetElementHandler(r.parser, &Reader::start, &Reader::end);
    XML_SetCharacterDataHandler(r.parser, &Reader::chars);
    XML_SetEntityDeclHandler(r.parser, &Reader::entity);
    auto result = detail::feedXmlFile(
        r.parser, path,
        {[&] { return r.fatal; },
         [&] { return r.stack.empty() ? std::string() : " in <" + r.stack.back() + ">"; },
         {}});
    XML_ParserFree(r.parser);
    if (!result) return std::unexpected(result.error());
    for (const auto& [k, v] : r.file.fileHeader)
        if (k == "A6" || (k == "B" && r.file.version.empty())) r.file.version = v;
    if (r.file.version.empty())
        for (const auto& o : r.file.objects)
            if (const auto* v = o.field(o.element == "ZB_C" ? "CBA" : "ABA")) {
                r.file.version = *v;
                break;
            }
    return std::move(r.file);
}

}  // namespace bz::io::formats::ribx
