#include <bodemzicht/core/Error.h>

namespace bz::core {

std::string Error::toString() const {
    std::string out;
    if (!who.empty()) out += who + ": ";
    if (!file.empty()) out += file + (line ? ":" + std::to_string(line) : std::string()) + ": ";
    if (!featureId.empty()) out += "feature '" + featureId + "': ";
    out += message;
    return out;
}

}  // namespace bz::core
