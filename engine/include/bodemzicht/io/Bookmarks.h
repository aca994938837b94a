// Camera bookmarks of the viewer, kept in the project (GeoPackage table `viewer_bookmarks`) so that
// a view saved once can be found again by everyone who opens the project. Positions are RD/NAP
// without vertical exaggeration.
#pragma once

#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/core/Vec.h>

namespace bz::io {

struct CameraBookmark {
    std::string name;
    core::Vec3 position, focalPoint, viewUp;
};

// The project's bookmarks in the order they were added; none when it has no such table.
core::Result<std::vector<CameraBookmark>> readBookmarks(const std::string& project);
// Replaces the project's bookmarks.
core::Result<void> writeBookmarks(const std::string& project,
                                  const std::vector<CameraBookmark>& bookmarks);

}  // namespace bz::io
