#include <bodemzicht/model/ThemeColours.h>

#include <array>
#include <utility>

namespace bz::model {

namespace {

// Uitvoeringsregeling WION (BWBR0027409), "Kleurgebruik per thema"; warmte and our own codes are
// Bodemzicht's choice (not in that table). Two departures, so that no two networks look alike
// once shaded (docs/viewer.md): middenspanning is a light red between laagspanning's dark red and
// hoogspanning's pure red, gas lage druk a paler yellow than gas hoge druk's orange-yellow.
constexpr std::array<std::pair<std::string_view, Rgb>, 27> kColours = {{
    {"datatransport", {0, 255, 0}},
    {"gasHogeDruk", {255, 175, 60}},
    {"gasLageDruk", {255, 235, 140}},
    {"buisleidingGevaarlijkeInhoud", {255, 127, 0}},
    {"hoogspanning", {255, 0, 0}},
    {"landelijkHoogspanningsnet", {255, 0, 0}},
    {"middenspanning", {255, 100, 100}},
    {"laagspanning", {150, 0, 0}},
    {"overig", {0, 0, 0}},
    {"wees", {80, 80, 80}},
    {"petrochemie", {255, 127, 0}},
    {"rioolOnderOverOfOnderdruk", {128, 0, 128}},
    {"rioolVrijverval", {186, 56, 168}},
    {"water", {0, 0, 255}},
    {"warmte", {0, 190, 190}},
    {"boom", {40, 140, 40}},
    {"boomvoorziening", {120, 200, 90}},
    {"infiltratie", {90, 170, 230}},
    {"wko", {60, 120, 160}},
    {"laadpunt", {210, 250, 30}},
    {"sleuf", {170, 170, 170}},
    {"verontreiniging", {140, 90, 40}},
    {"evGebied", {255, 230, 0}},
    {"leidingstrook", {255, 200, 0}},
    {"kast", {120, 120, 120}},
    {"projectgebied", {200, 200, 200}},
    {"grondwater", {80, 160, 255}},
}};

}  // namespace

Rgb themeColour(std::string_view theme) {
    for (const auto& [t, c] : kColours)
        if (t == theme) return c;
    return {0, 0, 0};  // overig
}

Rgb clashColour(std::string_view kind) {
    if (kind == "hard") return {255, 0, 0};
    if (kind == "clearance") return {255, 140, 0};
    if (kind == "constraint") return {255, 0, 255};
    if (kind == "possible") return {255, 255, 0};
    return {0, 255, 255};  // duplicate
}

}  // namespace bz::model
