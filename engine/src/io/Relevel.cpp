#include <bodemzicht/io/Relevel.h>

#include <bodemzicht/io/CoverGround.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/ProjectWrite.h>

#include <cmath>
#include <filesystem>
#include <functional>

namespace bz::io {

double flatGroundOf(const model::Dataset& ds) {
    return std::isfinite(ds.ground.level) ? ds.ground.level : 0.0;
}

RelevelStats relevel(model::Dataset& ds, const model::GroundLevel& ground, double flatFallback) {
    RelevelStats s;
    auto groundAt = [&](double x, double y) {
        double g = ground.available() ? ground.at(x, y) : NAN;
        if (std::isnan(g)) {
            ++s.onFlatFallback;
            return flatFallback;
        }
        return g;
    };
    for (std::size_t i = 0; i < ds.vertices.size(); ++i) {
        float d = ds.vertexDepths[i].belowGroundM;
        if (std::isnan(d)) continue;
        auto& v = ds.vertices[i];
        v.z = groundAt(v.x, v.y) - d;
        ++s.vertices;
    }
    for (auto& b : ds.bodies) {
        if (std::isnan(b.depth.belowGroundM) && std::isnan(b.topBelowGroundM)) continue;
        double g = groundAt(b.center.x, b.center.y);
        if (!std::isnan(b.depth.belowGroundM)) b.bottomZ = g - b.depth.belowGroundM;
        if (!std::isnan(b.topBelowGroundM)) b.topZ = g - b.topBelowGroundM;
        ++s.bodies;
    }
    for (auto& p : ds.prisms) {
        if (p.allDepths || (std::isnan(p.depth.belowGroundM) && std::isnan(p.topBelowGroundM)))
            continue;
        // A prism is flat-bottomed: its levels follow the ground at its first footprint point.
        const auto& q = ds.footprintPoints[ds.rings[p.firstRing].firstPoint];
        double g = groundAt(q.x, q.y);
        if (!std::isnan(p.depth.belowGroundM)) p.bottomZ = g - p.depth.belowGroundM;
        if (!std::isnan(p.topBelowGroundM)) p.topZ = g - p.topBelowGroundM;
        ++s.prisms;
    }
    if (s.vertices + s.bodies + s.prisms == 0) return s;
    model::GroundBasis basis;
    if (!ground.available()) {
        basis.kind = model::GroundBasis::Kind::AssumedFlat;
    } else if (ground.isRaster()) {
        basis.kind =
            s.onFlatFallback ? model::GroundBasis::Kind::Partial : model::GroundBasis::Kind::Raster;
        basis.source = ground.describe();
    } else {
        basis.kind = model::GroundBasis::Kind::Constant;
    }
    basis.level = basis.kind == model::GroundBasis::Kind::Constant ? ground.at(0, 0) : flatFallback;
    if (basis.kind == model::GroundBasis::Kind::Partial)
        basis.source = ground.describe() + " (" + std::to_string(s.onFlatFallback) +
                       " places without a value)";
    ds.ground = basis;
    return s;
}

namespace {

// Reads the project under its write lock, levels it on the ground `groundFor` gives (which may
// also record where that ground comes from), and writes it back as one new file: all or nothing.
core::Result<RelevelStats> relevelStoredProject(
    const std::string& project,
    const std::function<core::Result<model::GroundLevel>(model::Dataset&)>& groundFor) {
    auto lock = ProjectWriteLock::acquire(project, "to set its ground level");
    if (!lock) return std::unexpected(lock.error());
    ImportReport report;
    auto ds = readProject(project, report);
    if (!ds) return std::unexpected(ds.error());
    if (report.skipped())
        return core::fail(project, "",
                          std::to_string(report.skipped()) +
                              " of the project's objects cannot be read (bodem info lists them); "
                              "rewriting would drop them, so the project is unchanged");
    auto ground = groundFor(*ds);
    if (!ground) return std::unexpected(ground.error());
    auto stats = relevel(*ds, *ground, flatGroundOf(*ds));
    if (auto ok = writeProject(*ds, project); !ok) return std::unexpected(ok.error());
    return stats;
}

}  // namespace

core::Result<RelevelStats> setProjectGround(const std::string& project,
                                            const model::GroundLevel& ground,
                                            const std::string& rasterPath) {
    return relevelStoredProject(
        project, [&](model::Dataset& ds) -> core::Result<model::GroundLevel> {
            if (!rasterPath.empty()) {
                std::error_code ec;
                std::string abs =
                    std::filesystem::absolute(rasterPath, ec).lexically_normal().string();
                bool replaced = false;
                for (auto& f : ds.fields)
                    if (f.name == "ground_level") {
                        f.path = abs;
                        f.kind = model::FieldKind::Raster2d;
                        replaced = true;
                    }
                if (!replaced)
                    ds.fields.push_back({"ground_level", abs, model::FieldKind::Raster2d, "m NAP",
                                         "ground level (bodem ground)", ""});
            }
            return ground;
        });
}

core::Result<RelevelStats> setProjectGroundFromCovers(const std::string& project, double radiusM,
                                                      std::string* describedAs) {
    return relevelStoredProject(
        project, [&](model::Dataset& ds) -> core::Result<model::GroundLevel> {
            auto covers = groundFromCoverLevels(ds, radiusM);
            if (!covers)
                return core::fail(project, "",
                                  "no manhole with a measured cover level (GWSW Putdekselniveau or "
                                  "Maaiveldhoogte); the project is unchanged");
            if (describedAs) *describedAs = covers->describe();
            return std::move(*covers);
        });
}

}  // namespace bz::io
