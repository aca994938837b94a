// The build without rendering (the fuzzing build): reports have no pictures.
#include "ReportPictures.h"

#include <cstdio>

namespace bz::tools {

ReportPictures reportPictures(const model::Dataset&, const model::GroundLevel&,
                              const clash::ClashReport&, int, int, std::size_t) {
    ReportPictures out;
    out.problem = "this build has no rendering (BODEMZICHT_FUZZ)";
    return out;
}

core::Result<void> renderAreaPictures(const model::Dataset&, const model::GroundLevel&,
                                      const std::vector<core::Vec2>&, const std::string& mapPng,
                                      const std::string&) {
    return core::fail(mapPng, "", "this build has no rendering (BODEMZICHT_FUZZ)");
}

int benchSoil() {
    std::fprintf(stderr, "bodem bench soil: this build has no rendering\n");
    return 1;
}

}  // namespace bz::tools
