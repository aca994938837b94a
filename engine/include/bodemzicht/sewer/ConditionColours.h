// The colours of condition classes, one scale for the 3D view, the legend and the profile:
// green (1, good) through yellow to red (5, very poor); grey for not inspected.
#pragma once

#include <array>
#include <string_view>

namespace bz::sewer {

struct Rgb {
    double r, g, b;  // 0..1
};

inline Rgb conditionColour(int conditionClass) {
    static constexpr std::array<Rgb, 6> k = {{
        {0.62, 0.62, 0.62},  // 0: not inspected / nothing classified
        {0.10, 0.60, 0.20},  // 1
        {0.55, 0.78, 0.20},  // 2
        {0.98, 0.84, 0.10},  // 3
        {0.96, 0.50, 0.08},  // 4
        {0.85, 0.10, 0.10},  // 5
    }};
    return conditionClass >= 1 && conditionClass <= 5 ? k[static_cast<std::size_t>(conditionClass)]
                                                      : k[0];
}

// Dutch names as the legend shows them.
inline std::string_view conditionName(int conditionClass) {
    switch (conditionClass) {
        case 1:
            return "1 goed";
        case 2:
            return "2 redelijk";
        case 3:
            return "3 matig";
        case 4:
            return "4 slecht";
        case 5:
            return "5 zeer slecht";
        default:
            return "niet geïnspecteerd";
    }
}

}  // namespace bz::sewer
