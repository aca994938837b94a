// Sizes as tree registers write them (private to the trees format, exposed for its tests).
#pragma once

#include <string>

namespace bz::io::formats {

// A range class "0,5 tot 0,75 m." -> its midpoint in metres; also "1.2", "> 1,5 m", "< 6 m.",
// "30 cm". NaN for "onbekend" or text without a number.
double parseSizeClassM(const std::string& text);

}  // namespace bz::io::formats
