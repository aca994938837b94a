// Colours per theme as Dutch users know them from KLIC maps (Uitvoeringsregeling WION,
// BWBR0027409, "Kleurgebruik per thema"), plus Bodemzicht's own for trees, measures and zones.
#pragma once

#include <cstdint>
#include <string_view>

namespace bz::render {

struct Rgb {
    std::uint8_t r, g, b;
};

Rgb themeColour(std::string_view theme);

// Clash highlight colours per kind code (hard, clearance, constraint, possible, duplicate).
Rgb clashColour(std::string_view kind);

}  // namespace bz::render
