// RIBX (GWSW-RIB XML, versions 1.0 to 1.5) as it is written, before any meaning is given to it:
// the file header (ZA), every inspection object (ZB_A pipe, ZB_C manhole, ZB_E, ZB_G, ... others)
// with its header elements in order and its observations (ZC). Private to the RIBX driver.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <bodemzicht/core/Error.h>

namespace bz::io::formats::ribx {

// One element's text; for a GML geometry inside it, the text of its gml:pos / gml:posList.
// An attribute becomes an entry "ELEMENT@ATTRIBUTE".
using Fields = std::vector<std::pair<std::string, std::string>>;

struct Observation {
    long line = 0;
    Fields fields;  // "A" -> "BAJ", "I" -> "001.60", ...
};

struct InspectionObject {
    std::string element;  // "ZB_A", "ZB_C", ...
    long line = 0;
    Fields header;
    std::vector<Observation> observations;
    const std::string* field(std::string_view code) const;  // first one, or nullptr
};

struct RibxFile {
    std::string version;  // ZA A6 ("RIBX 1.3"), or ZA B ("1.5.1"), or the first ABA/CBA
    Fields fileHeader;
    std::vector<InspectionObject> objects;
};

// Reads the file (expat; ISO-8859-1 and UTF-8; no DTD entities). Errors name the line and
// element; a root other than DATA is not RIBX.
core::Result<RibxFile> parseRibx(const std::string& path);

// Does the version read like one we read ("RIBX 1.3", "1.5.1", "RIBX1.3")? Empty is accepted.
bool isReadableVersion(const std::string& version);

}  // namespace bz::io::formats::ribx
