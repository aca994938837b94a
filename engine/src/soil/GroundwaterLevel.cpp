#include <bodemzicht/soil/GroundwaterLevel.h>

#include <cmath>

namespace bz::soil {

namespace {

model::GridGeometry planOf(const model::GridGeometry& g) {
    model::GridGeometry out = g;
    out.nz = 1;
    out.hasZ = false;
    out.origin.z = 0;
    out.cellSize.z = 1;
    return out;
}

}  // namespace

std::string_view toUnit(LevelBasis b) {
    switch (b) {
        case LevelBasis::Nap:
            return "m NAP";
        case LevelBasis::CmBelowGround:
            return "cm below ground";
        case LevelBasis::MetresBelowGround:
            return "m below ground";
    }
    return "m NAP";
}

std::optional<LevelBasis> levelBasisFromUnit(std::string_view unit) {
    for (auto b : {LevelBasis::Nap, LevelBasis::CmBelowGround, LevelBasis::MetresBelowGround})
        if (unit == toUnit(b)) return b;
    if (unit.empty()) return LevelBasis::Nap;  // older projects: the rasters were in m NAP
    return std::nullopt;
}

model::MemoryField levelFromDepth(const model::Field& depth, double metresPerUnit,
                                  const model::GroundLevel& ground, std::string description) {
    const auto plan = planOf(depth.grid());
    model::MemoryField out(model::FieldKind::Raster2d, plan, {{"level", false, "m NAP", ""}},
                           std::move(description));
    out.fill(0, [&](int i, int j, int) {
        const core::Vec3 c = plan.cellCentre(i, j, 0);
        const double d = depth.cellValue(0, i, j, 0);
        const double g = ground.available() ? ground.at(c.x, c.y) : NAN;
        return g - d * metresPerUnit;  // NaN stays NaN
    });
    return out;
}

model::MemoryField waterTableFromHead(const model::Field& head, std::size_t variable,
                                      std::string description) {
    const auto& g = head.grid();
    const auto plan = planOf(g);
    model::MemoryField out(model::FieldKind::Raster2d, plan, {{"level", false, "m NAP", ""}},
                           std::move(description));
    out.fill(0, [&](int i, int j, int) -> double {
        if (!g.hasZ || g.nz == 1) return head.cellValue(variable, i, j, 0);
        // From the top of the data down: the first saturated cell (head >= its centre).
        double aboveZ = NAN, aboveP = NAN;  // the last unsaturated cell with data above
        for (int k = g.nz - 1; k >= 0; --k) {
            const double h = head.cellValue(variable, i, j, k);
            if (std::isnan(h)) {
                aboveZ = aboveP = NAN;  // a gap: no crossing to interpolate over it
                continue;
            }
            const double z = g.cellCentre(i, j, k).z;
            const double p = h - z;  // pressure head
            if (p < 0) {
                aboveZ = z, aboveP = p;
                continue;
            }
            if (std::isnan(aboveP)) return h;  // saturated from the top of the data
            // p changes sign between z (p >= 0) and aboveZ (aboveP < 0).
            const double t = p / (p - aboveP);
            return z + t * (aboveZ - z);
        }
        return NAN;
    });
    return out;
}

}  // namespace bz::soil
