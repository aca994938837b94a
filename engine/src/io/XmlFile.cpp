#include "XmlFile.h"

#include <cpl_vsi.h>

#include <vector>

#include <bodemzicht/core/Limits.h>

#include "GdalErrors.h"

namespace bz::io::detail {

core::Result<void> feedXmlFile(XML_Parser parser, const std::string& path,
                               const XmlErrorContext& context) {
    registerGdalOnce();
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return core::fail(path, "", "cannot open");
    std::vector<char> buf(1 << 20);
    core::Result<void> result;
    std::uint64_t total = 0;
    for (;;) {
        std::size_t n = VSIFReadL(buf.data(), 1, buf.size(), f);
        bool last = n < buf.size();
        total += n;
        if (total > core::limits().xmlBytes) {
            result = core::fail(path, "", core::overLimit("the file's bytes", "xml-bytes"));
            break;
        }
        if (XML_Parse(parser, buf.data(), static_cast<int>(n), last) == XML_STATUS_ERROR) {
            std::string fatal = context.fatal ? context.fatal() : "";
            result = core::fail(
                path, context.featureId ? context.featureId() : "",
                "XML error at line " + std::to_string(XML_GetCurrentLineNumber(parser)) +
                    (context.where ? context.where() : "") + ": " +
                    (fatal.empty() ? std::string(XML_ErrorString(XML_GetErrorCode(parser)))
                                   : fatal));
            break;
        }
        if (last) break;
    }
    VSIFCloseL(f);
    return result;
}

}  // namespace bz::io::detail
