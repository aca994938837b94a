// Theme codes: the IMKL thema codelist plus Bodemzicht's own codes for trees, measures and zones.
// Unknown codes are kept as given and treated as `overig` by the rules.
#pragma once

#include <array>
#include <string_view>

namespace bz::model::themes {

inline constexpr std::array<std::string_view, 15> kImkl = {"laagspanning",
                                                           "middenspanning",
                                                           "hoogspanning",
                                                           "landelijkHoogspanningsnet",
                                                           "gasLageDruk",
                                                           "gasHogeDruk",
                                                           "buisleidingGevaarlijkeInhoud",
                                                           "petrochemie",
                                                           "water",
                                                           "rioolVrijverval",
                                                           "rioolOnderOverOfOnderdruk",
                                                           "warmte",
                                                           "datatransport",
                                                           "wees",
                                                           "overig"};

// Our own codes for objects that are not utility networks.
inline constexpr std::array<std::string_view, 11> kBodemzicht = {
    "boom",             // tree (stem, crown, root zone)
    "boomvoorziening",  // tree pit / growing place
    "infiltratie",      // infiltration crates, wadis
    "wko",              // aquifer thermal energy storage well
    "laadpunt",         // charging point foundation
    "sleuf",            // trench of a measure
    "verontreiniging",  // soil / groundwater contamination zone
    "evGebied",         // KLIC EV area (eis voorzorgsmaatregel)
    "leidingstrook",    // protected pipeline strip
    "kast",             // cabinet
    "projectgebied",    // project / excavation area
};

inline constexpr std::string_view kFallback = "overig";

bool isKnown(std::string_view code);

}  // namespace bz::model::themes
