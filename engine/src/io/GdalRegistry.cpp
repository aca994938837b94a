#include <gdal_priv.h>

#include <mutex>

#include "GdalErrors.h"

namespace bz::io::detail {

void registerGdalOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Readers wait for a writer's commit instead of failing with "database is locked".
        if (!CPLGetConfigOption("OGR_SQLITE_PRAGMA", nullptr))
            CPLSetConfigOption("OGR_SQLITE_PRAGMA", "busy_timeout=30000");
        GDALAllRegister();
    });
}

}  // namespace bz::io::detail
