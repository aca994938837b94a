#include <bodemzicht/io/ZipWriter.h>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include <filesystem>

#include <bodemzicht/core/Limits.h>

#include "GdalErrors.h"

namespace bz::io {

core::Result<void> writeZip(const std::string& path, const std::vector<ZipEntry>& entries) {
    detail::registerGdalOnce();
    detail::GdalErrorCapture errors;
    const std::string tmp = path + ".tmp";
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    void* zip = CPLCreateZip(tmp.c_str(), nullptr);
    if (!zip) return core::fail(path, "", "cannot create the zip" + errors.because(path));
    bool ok = true;
    for (const auto& e : entries) {
        ok = CPLCreateFileInZip(zip, e.name.c_str(), nullptr) == CE_None &&
             CPLWriteFileInZip(zip, e.bytes.data(), static_cast<int>(e.bytes.size())) == CE_None &&
             CPLCloseFileInZip(zip) == CE_None;
        if (!ok) break;
    }
    ok = CPLCloseZip(zip) == CE_None && ok;
    if (!ok) {
        std::filesystem::remove(tmp, ec);
        return core::fail(path, "", "cannot write the zip" + errors.because(path));
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) return core::fail(path, "", "cannot write the zip: " + ec.message());
    return {};
}

core::Result<std::vector<ZipEntry>> readZip(const std::string& path) {
    detail::registerGdalOnce();
    // Braces: the archive is the whole path, whatever its extension (.bcf, .kmz, ...).
    const std::string root = "/vsizip/{" + path + "}";
    std::vector<ZipEntry> out;
    // Every file below the root, depth first.
    std::vector<std::string> dirs{""};
    while (!dirs.empty()) {
        std::string dir = dirs.back();
        dirs.pop_back();
        char** names = VSIReadDir((root + (dir.empty() ? "" : "/" + dir)).c_str());
        for (char** n = names; n && *n; ++n) {
            const std::string rel = dir.empty() ? *n : dir + "/" + *n;
            VSIStatBufL st;
            if (VSIStatL((root + "/" + rel).c_str(), &st) != 0) continue;
            if (VSI_ISDIR(st.st_mode)) {
                dirs.push_back(rel);
                continue;
            }
            if (static_cast<std::uint64_t>(st.st_size) > core::limits().zipUncompressedBytes) {
                CSLDestroy(names);
                return core::fail(path, "", core::overLimit("an entry's bytes", "zip-bytes"));
            }
            ZipEntry e;
            e.name = rel;
            e.bytes.resize(static_cast<std::size_t>(st.st_size));
            VSILFILE* f = VSIFOpenL((root + "/" + rel).c_str(), "rb");
            if (!f || VSIFReadL(e.bytes.data(), 1, e.bytes.size(), f) != e.bytes.size()) {
                if (f) VSIFCloseL(f);
                CSLDestroy(names);
                return core::fail(path, rel, "cannot read the zip entry");
            }
            VSIFCloseL(f);
            out.push_back(std::move(e));
        }
        CSLDestroy(names);
    }
    if (out.empty()) return core::fail(path, "", "not a zip, or an empty one");
    return out;
}

}  // namespace bz::io
