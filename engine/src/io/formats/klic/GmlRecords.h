// A streaming (expat) reader that turns each gml:featureMember of a GML file into a flat record:
// its type, gml:id, the text and uom of its child elements, its xlink:hrefs and its coordinates.
// Namespaces are normalised (IMKL 1.2 and 2.0 both read as "imkl:"), so one resolver serves both.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>

namespace bz::io::formats::klic {

struct GmlGeometry {
    std::string type;      // gml:Point, gml:LineString, gml:Polygon, ...
    std::string property;  // the feature property holding it, e.g. net:centrelineGeometry
    std::vector<std::vector<double>> rings;  // coordinates; polygons: exterior first
    std::vector<bool> interior;              // per ring: a hole of the preceding exterior
    int dimension = 2;
};

struct GmlRecord {
    std::string type;  // e.g. "imkl:Elektriciteitskabel", "usc:UtilityLink"
    std::string id;    // gml:id
    std::multimap<std::string, std::string> text;  // element -> text (first level and nested)
    std::map<std::string, std::string> uom;        // element -> uom attribute
    std::multimap<std::string, std::string> href;  // element -> xlink:href
    std::vector<GmlGeometry> geometries;
    std::size_t line = 0;  // where the feature starts in the file
    std::string problem;   // why the record cannot be used (bad srsDimension, srsName, numbers)
    const std::string* first(const std::string& element) const {
        auto it = text.find(element);
        return it == text.end() ? nullptr : &it->second;
    }
    const std::string* firstHref(const std::string& element) const {
        auto it = href.find(element);
        return it == href.end() ? nullptr : &it->second;
    }
};

// Reads `path` (a file, or a GDAL virtual path such as /vsizip/x.zip/y.xml) and calls `onRecord`
// for every feature, also for one with a `problem` (the caller reports it). Returns an error for
// unreadable or malformed XML and for a file over the input limits (core::Limits); the records
// before the error have been delivered. `foreignNamespace` receives the first element namespace
// that is none of IMKL's, GML's or INSPIRE's.
core::Result<void> readGmlRecords(const std::string& path,
                                  const std::function<void(GmlRecord&&)>& onRecord,
                                  std::string* foreignNamespace = nullptr);

}  // namespace bz::io::formats::klic
