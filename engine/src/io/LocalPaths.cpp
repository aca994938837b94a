#include <bodemzicht/io/LocalPaths.h>

#include <atomic>
#include <cctype>

namespace bz::io {

namespace {
std::atomic<bool> gAllowRemote{false};
}

bool isLocalPath(const std::string& path) {
    if (path.empty()) return false;
    if (path.rfind("/vsi", 0) == 0) return false;
    if (path.find("://") != std::string::npos) return false;
    // "PG:dbname=..", "WMS:http..", "GPKG:file:table": a driver prefix before any slash.
    for (char c : path) {
        if (c == ':') return false;
        if (c == '/') break;
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') break;
    }
    return true;
}

void allowRemotePaths(bool allow) { gAllowRemote = allow; }
bool remotePathsAllowed() { return gAllowRemote; }

core::Result<void> checkLocalPath(const std::string& path, const std::string& what) {
    if (remotePathsAllowed() || isLocalPath(path)) return {};
    return core::fail(path, "",
                      what + " is not a local file path; refused, since opening it could send "
                             "requests over the network (bodem --allow-remote allows it)");
}

}  // namespace bz::io
