// Footprint rings of zones (polygons with holes, or a line with a width), transformed to RD.
#pragma once

#include <ogr_geometry.h>

#include <optional>
#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/core/Vec.h>
#include <bodemzicht/io/CrsTransform.h>

namespace bz::io::detail {

// Rings of a polygon (outer first, holes after; closing vertex dropped) or the one open ring of a
// line footprint (isLine = true).
core::Result<std::vector<std::vector<core::Vec2>>> footprintRings(const OGRGeometry* g,
                                                                  bool& isLine,
                                                                  std::optional<CrsTransform>& t,
                                                                  const std::string& file,
                                                                  const std::string& id);

}  // namespace bz::io::detail
