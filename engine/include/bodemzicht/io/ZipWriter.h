// Writes a zip file (through GDAL's minizip) in one go: written next to the target and moved into
// place, so a failed write leaves no half file (a BCF file, a report bundle).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>

namespace bz::io {

struct ZipEntry {
    std::string name;  // path inside the zip, '/' separated
    std::vector<std::uint8_t> bytes;
};

core::Result<void> writeZip(const std::string& path, const std::vector<ZipEntry>& entries);

// The entries of a zip (names and bytes), for reading back what was written.
core::Result<std::vector<ZipEntry>> readZip(const std::string& path);

}  // namespace bz::io
