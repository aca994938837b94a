// Where a camera stands to show a clash: the viewer's fly-to, `bodemzicht --clash ID`, the BCF
// viewpoint and the report pictures all use this one view, so they show the same thing.
#pragma once

#include <vector>

#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/core/Vec.h>

namespace bz::clash {

struct ClashView {
    core::Vec3 position, focalPoint, viewUp{0, 0, 1};  // RD/NAP
    double fieldOfViewDeg = 45;                        // vertical
};

// Looking down from the south-west at the middle of the clash's closest points, far enough to
// see both objects around it and the violated stretch (8 to 60 m away).
ClashView clashView(const Clash& clash);
// The same for several clashes (a group): their centre, far enough to hold them all.
ClashView groupView(const std::vector<const Clash*>& clashes);

}  // namespace bz::clash
