// BRO GeoTOP for soil-policy staff: the lithoclasses with their official names and colours, the
// virtual borehole at a point (as DINOloket draws it) and what a trench digs through, per
// lithoclass. Works on any model::Field holding GeoTOP's variables (io::VoxelGrid reads the
// netCDF, its dimension order and coordinates from the file).
#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/model/Field.h>

namespace bz::soil {

// GeoTOP's lithoclasses (lithok): 0 antropogeen ... 9 schelpen; 4 is not used. Names and colours
// as TNO publishes them (REF_GTP_LITHO_CLASS).
struct Lithoclass {
    int code;
    std::string_view name;
    std::array<std::uint8_t, 3> rgb;
};
const Lithoclass* lithoclass(int code);

// Names of the stratigraphic units by their voxel code (strat), from a code table a user brings
// (TNO's REF_GTP_STR_UNIT.csv: STR_UNIT_CD, DESCRIPTION, VOXEL_NR, ...); GeoTOP v1.6 and v1.6.1
// number some units differently, so the table must belong to the model's version.
struct UnitTable {
    std::map<int, std::pair<std::string, std::string>> units;  // voxel code -> (code, name)
    static core::Result<UnitTable> load(const std::string& csvPath);
};

// GeoTOP's model version as TNO numbers it, from the netCDF title: "geotop v01r6 (100.0m ..." ->
// "1.6", "v01r6s1" -> "1.6.1"; empty when the title does not say.
std::string geotopVersion(std::string_view title);

// The unit tables a user brings, one per GeoTOP version ("1.6=REF_GTP_STR_UNIT_v16.csv"), so a
// grid's unit codes are named from its own version's table: the mapping version -> codes. A table
// given without a version serves any grid (with a warning where the grid's version is known).
struct UnitTables {
    std::map<std::string, UnitTable> byVersion;  // "": given without a version
    // Loads "[VERSION=]PATH" (VERSION as geotopVersion gives it: 1.6, 1.6.1).
    core::Result<void> add(const std::string& spec);
    bool empty() const { return byVersion.empty(); }
    // The table for a grid of `version` ("": unknown): its version's own, else the one without a
    // version (`warning` says so). Refused when the tables are for other versions only: their
    // codes may name other units.
    core::Result<const UnitTable*> forVersion(const std::string& version,
                                              const std::string& gridName,
                                              std::string& warning) const;
};

// The grid's volume (m3) per lithoclass, voxels without data left out; empty without `lithok`.
std::map<int, double> volumesByLithoclass(const model::Field& grid);

// One voxel of a virtual borehole, top to bottom.
struct BoreholeRow {
    double zCentre;  // m NAP
    int lithoclass = -1;
    int unit = -1;                                    // strat voxel code; -1 when the grid has none
    std::optional<std::array<int, 9>> probabilities;  // kans_1 .. kans_9 (percent), where present
};

// The column of voxels holding (x, y), from the highest voxel with data down; fill values (the
// air above the ground, the sea) are left out. An error when the point lies outside the grid or
// the grid has no `lithok`.
core::Result<std::vector<BoreholeRow>> virtualBorehole(const model::Field& grid, double x,
                                                       double y);

// What a trench along `route` (plan, RD New), `widthM` wide and from the ground down `depthM`,
// digs through: per lithoclass the volume (m3) and the length of route where it is dug. Exact in
// plan: each segment's rectangle is clipped to every voxel column it touches. `ground(x, y)` gives
// the ground (m NAP; NaN: the top of the model's data in that column). Voxels without data count
// under -1 ("no data"); parts of the route outside the grid are counted apart.
struct TrenchSoil {
    std::map<int, double> volumeM3;  // by lithoclass; -1: no data
    std::map<int, double> lengthM;   // by lithoclass: route length where it is dug
    double routeLengthM = 0, outsideM = 0, totalM3 = 0;
};
TrenchSoil trenchSoil(const model::Field& grid, const std::vector<core::Vec2>& route, double widthM,
                      double depthM, const std::function<double(double, double)>& ground);

}  // namespace bz::soil
