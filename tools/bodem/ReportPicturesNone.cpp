// The build without rendering (the fuzzing build): reports have no pictures.
#include "ReportPictures.h"

namespace bz::tools {

ReportPictures reportPictures(const model::Dataset&, const model::GroundLevel&,
                              const clash::ClashReport&, int, int, std::size_t) {
    ReportPictures out;
    out.problem = "this build has no rendering (BODEMZICHT_FUZZ)";
    return out;
}

}  // namespace bz::tools
