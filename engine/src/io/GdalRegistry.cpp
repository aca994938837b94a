#include <gdal_priv.h>

#include <mutex>

#include "GdalErrors.h"

namespace bz::io::detail {

void registerGdalOnce() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

}  // namespace bz::io::detail
