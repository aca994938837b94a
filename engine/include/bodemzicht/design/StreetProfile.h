// The standard street profile: zones across the street per theme (NEN 7171-1 style order, a
// municipality's own profile), as TOML data (datasets/rules/profile-nl.toml, compiled in), and
// the deviations of a cross-section from it.
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/design/CrossSection.h>

namespace bz::design {

struct ProfileZone {
    std::string name;
    std::vector<std::string> themes;
    double fromM = 0, toM = 0;  // from the facade line outward
    double minCoverM = std::numeric_limits<double>::quiet_NaN();
};

struct StreetProfile {
    std::string name, source;
    bool verified = false;
    bool bothSides = true;  // zones hold from both ends of a section
    std::vector<ProfileZone> zones;

    static core::Result<StreetProfile> parse(std::string_view toml, const std::string& origin);
    static core::Result<StreetProfile> load(const std::string& path);
    static const StreetProfile& shipped();
};

// A zone laid on a section: its offsets along it (a zone holds twice with bothSides).
struct PlacedZone {
    std::size_t zone;  // index into StreetProfile::zones
    double fromM, toM;
};
std::vector<PlacedZone> layZones(const StreetProfile& profile, double sectionLengthM);

// A network cut outside every zone of its theme, or with less cover than its zone asks.
struct Deviation {
    std::size_t cut;   // index into CrossSection::cuts
    std::string what;  // "gasLageDruk at 3.20 m: outside its zone (gas 1.20-1.80 m)"
};
std::vector<Deviation> checkAgainstProfile(const CrossSection& section,
                                           const StreetProfile& profile);

}  // namespace bz::design
