// The theme and clash colours (model::themeColour) as the renderer names them.
#pragma once

#include <bodemzicht/model/ThemeColours.h>

namespace bz::render {

using model::clashColour;
using model::Rgb;
using model::themeColour;

}  // namespace bz::render
