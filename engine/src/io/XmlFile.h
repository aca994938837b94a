// Streams a file (through GDAL's VSI, so zips and /vsimem work too) into an expat parser in 1 MiB
// pieces within the xml-bytes limit (private to io): the one read loop of the XML readers.
#pragma once

#include <expat.h>

#include <functional>
#include <string>

#include <bodemzicht/core/Error.h>

namespace bz::io::detail {

struct XmlErrorContext {
    std::function<std::string()> fatal;      // why a handler stopped the parser ("" if none did)
    std::function<std::string()> where;      // e.g. " in <ZC>", after the line number
    std::function<std::string()> featureId;  // the feature being read, for the error
};

// Parses the whole file; a parse error reads "XML error at line N<where>: <fatal or expat's
// reason>".
core::Result<void> feedXmlFile(XML_Parser parser, const std::string& path,
                               const XmlErrorContext& context);

}  // namespace bz::io::detail
