// The street's cross-section (dwarsprofiel): a vertical plane along a line in plan, and every
// object it cuts at its true size and depth, with its band of uncertainty, the ground, GHG and
// GLG along it. What contractors still ask for in 2D, and the basis of "where does it fit".
//
//     auto section = design::cutSection(ds, {{x0, y0}, {x1, y1}}, ground);
//     for (const auto& c : section.cuts) ... c.offsetM, c.topBelowGroundM ...
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/Field.h>
#include <bodemzicht/model/GroundLevel.h>

namespace bz::design {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct SectionLine {
    core::Vec2 from, to;  // RD New; offsets run from `from`
    double length() const { return core::length(to - from); }
    core::Vec2 at(double offsetM) const;
};

enum class CutKind : std::uint8_t {
    Network,   // a cable or pipe crossing the section: an ellipse
    Body,      // a manhole, well, cabinet, tree stem, crate: a rectangle
    RootZone,  // a tree's root zone
    Zone,      // a trench, pit, wadi, contamination or protected zone: a band
};
std::string_view toCode(CutKind k);

struct SectionCut {
    std::uint32_t feature = 0;
    CutKind kind = CutKind::Network;
    std::string id, theme, owner, status;
    double offsetM = kNaN;               // centre along the section
    double fromM = kNaN, toM = kNaN;     // extent along the section (true size at the crossing)
    double topZ = kNaN, bottomZ = kNaN;  // m NAP; NaN for a zone at every depth
    double groundZ = kNaN;               // the ground above the offset; NaN unknown
    double topBelowGroundM = kNaN, bottomBelowGroundM = kNaN;
    double bandM = 0;                // vertical uncertainty, +/- (networks and bodies)
    double sizeM = kNaN;             // outer diameter of a network, width of a body; NaN unknown
    bool sizeAssumed = false;        // drawn with the default size: the source has none
    double crossingAngleDeg = kNaN;  // networks: 90 is square to the section
    std::string provenance;          // depth provenance (measured, derived, assumed, unknown)
};

struct LevelPoint {
    double offsetM, z;
};

struct CrossSection {
    SectionLine line;
    std::vector<LevelPoint> ground, ghg, glg;  // sampled along the line; gaps where unknown
    std::vector<SectionCut> cuts;              // by offset
    std::size_t networksNearlyParallel = 0;    // within 5 degrees of the line: not cut, counted
    // The soil behind the objects (addSoil): runs of voxels of one lithoclass along the line.
    struct SoilPiece {
        double fromM, toM;     // offsets
        double bottomZ, topZ;  // m NAP
        int lithoclass;
    };
    std::vector<SoilPiece> soil;
};

struct SectionOptions {
    double sampleStepM = 0.25;       // ground, GHG and GLG samples
    double defaultDiameterM = 0.10;  // drawn size of networks without one (marked assumed)
    double defaultBandM = 0.50;      // band of assumed depths without one (rule set's value)
};

// Every object the line cuts, in the order along it. Objects hidden by nothing: all of them.
CrossSection cutSection(const model::Dataset& ds, const SectionLine& line,
                        const model::GroundLevel& ground, const model::GroundLevel* ghg = nullptr,
                        const model::GroundLevel* glg = nullptr,
                        const SectionOptions& options = {});

// The soil model's voxels along the section line (a GeoTOP-like field with `lithok`), as pieces
// per grid column crossed (sampled every `stepM`), voxels of one class stacked into one piece;
// no data is left out. Nothing when the field has no `lithok`.
void addSoil(CrossSection& section, const model::Field& grid, double stepM = 0.1);

// Where a new pipe or cable of `diameterM` could lie in the section: every grid cell whose
// centre keeps `clearanceM` to each network and body cut (their band of uncertainty included),
// with at least `minCoverM` of ground above it and at most `maxDepthM` down. Zones
// (contamination, protected areas) do not block: they are constraints, listed by the clash check.
struct FreeArea {
    double stepM = 0.05, o0 = 0,
           z0 = 0;  // cell (i, k) covers offsets o0 + i step, levels z0 + k step
    int nx = 0, nz = 0;
    std::vector<std::uint8_t> free;  // nx * nz, row k = level
    double freeAreaM2 = 0;
    bool at(int i, int k) const { return free[static_cast<std::size_t>(k) * nx + i] != 0; }
};
FreeArea freeSpaceInSection(const CrossSection& section, double diameterM, double clearanceM,
                            double minCoverM = 0.6, double maxDepthM = 3.0, double stepM = 0.05);

}  // namespace bz::design
