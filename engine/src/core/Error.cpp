#include <bodemzicht/core/Error.h>

namespace bz::core {

std::string Error::toString() const {
    std::string out;
    if (!file.empty()) out += file + ": ";
    if (!featureId.empty()) out += "feature '" + featureId + "': ";
    out += message;
    return out;
}

}  // namespace bz::core
