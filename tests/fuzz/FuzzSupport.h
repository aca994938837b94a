// Shared by the fuzz targets: the input as a file the readers can open, and silenced GDAL.
#pragma once

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace bz::fuzz {

// Writes the input to an in-memory GDAL file (readers that go through VSI).
inline std::string memFile(const std::uint8_t* data, std::size_t size, const char* name) {
    std::string path = std::string("/vsimem/fuzz/") + name;
    VSILFILE* f = VSIFOpenL(path.c_str(), "wb");
    if (f) {
        VSIFWriteL(data, 1, size, f);
        VSIFCloseL(f);
    }
    return path;
}

// Writes the input to a real temporary file (readers that use stdio).
inline std::string tmpFile(const std::uint8_t* data, std::size_t size, const char* suffix) {
    std::string path = "/tmp/bz_fuzz_" + std::to_string(getpid()) + suffix;
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    }
    return path;
}

inline void quietGdal() {
    static bool once = [] {
        CPLSetErrorHandler(CPLQuietErrorHandler);
        return true;
    }();
    (void)once;
}

}  // namespace bz::fuzz
