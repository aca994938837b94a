// Colours per theme as Dutch users know them from KLIC maps (Uitvoeringsregeling WION,
// BWBR0027409, "Kleurgebruik per thema"), plus Bodemzicht's own for trees, measures and zones:
// the same in the 3D view, its legends and every 2D drawing (cross-sections, profiles).
#pragma once

#include <cstdint>
#include <string_view>

namespace bz::model {

struct Rgb {
    std::uint8_t r, g, b;
};

Rgb themeColour(std::string_view theme);

// Clash highlight colours per kind code (hard, clearance, constraint, possible, duplicate).
Rgb clashColour(std::string_view kind);

}  // namespace bz::model
