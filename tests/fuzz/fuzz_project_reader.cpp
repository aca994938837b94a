// A shared project file: any bytes as a GeoPackage, read as bodem info and the viewer read it
// (objects, fields, reviews, the stored report, bookmarks, the base map).
#include <bodemzicht/clash/ReportStore.h>
#include <bodemzicht/clash/ReviewStore.h>
#include <bodemzicht/io/BasemapStore.h>
#include <bodemzicht/io/Bookmarks.h>
#include <bodemzicht/io/ProjectStore.h>

#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bz::fuzz::quietGdal();
    std::string path = bz::fuzz::memFile(data, size, "project.gpkg");
    bz::io::ImportReport report;
    if (auto ds = bz::io::readProject(path, report)) {
        for (const char* field : {"ground_level", "ghg", "glg"})
            (void)bz::io::openFieldRaster(*ds, field);
    }
    (void)bz::clash::readReviews(path);
    (void)bz::clash::readStoredReport(path);
    (void)bz::io::readBookmarks(path);
    (void)bz::io::readBasemap(path);
    VSIUnlink(path.c_str());
    return 0;
}
