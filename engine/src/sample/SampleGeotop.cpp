#include "SampleGeotop.h"

#include <netcdf.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace bz::sample {

namespace {

core::Result<void> check(int status, const std::string& path) {
    if (status == NC_NOERR) return {};
    return core::fail(
        path, "", std::string("cannot write the sample's GeoTOP block: ") + nc_strerror(status));
}

}  // namespace

core::Result<void> writeSampleGeotop(const SampleOptions& o, core::Vec2 lo, core::Vec2 hi,
                                     const std::string& path) {
    constexpr double kCell = 100, kLayer = 0.5, kBottom = 10.0;  // m; the block from 10 m NAP up
    const int nx = std::max(1, static_cast<int>(std::ceil((hi.x - lo.x) / kCell)));
    const int ny = std::max(1, static_cast<int>(std::ceil((hi.y - lo.y) / kCell)));
    const int nz = 34;  // to 27 m NAP, above the sample's ground everywhere
    std::vector<double> xs(nx), ys(ny), zs(nz);
    for (int i = 0; i < nx; ++i) xs[i] = lo.x + (i + 0.5) * kCell;
    for (int j = 0; j < ny; ++j) ys[j] = lo.y + (j + 0.5) * kCell;
    for (int k = 0; k < nz; ++k) zs[k] = kBottom + (k + 0.5) * kLayer;
    const short fill = -127;
    std::vector<short> lithok(static_cast<std::size_t>(nx) * ny * nz, fill),
        strat(lithok.size(), fill);
    std::vector<std::vector<short>> kans(9, std::vector<short>(lithok.size(), fill));
    for (int i = 0; i < nx; ++i)
        for (int j = 0; j < ny; ++j) {
            const double ground = sampleGroundLevel(o, xs[i], ys[j]);
            // Layers below the ground (m): made ground, clay, peat where the old polder was (the
            // south-west columns), then fine sand.
            const bool peat = i + j <= 1;
            for (int k = 0; k < nz; ++k) {
                const double depth = ground - zs[k];
                if (depth < 0) continue;  // the air: no data, as in GeoTOP
                short cls, unit;
                if (depth < 1.0)
                    cls = 0, unit = 1000;  // antropogeen, AAOP
                else if (depth < 2.5)
                    cls = 2, unit = 2000;  // klei, NA (Naaldwijk)
                else if (peat && depth < 4.0)
                    cls = 1, unit = 1090;  // veen, NIHO (Hollandveen)
                else
                    cls = 5, unit = 3100;  // zand fijn, BX (Boxtel)
                const std::size_t at =
                    (static_cast<std::size_t>(i) * ny + j) * nz + k;  // z fastest
                lithok[at] = cls;
                strat[at] = unit;
                for (int c = 0; c < 9; ++c)
                    kans[c][at] = static_cast<short>(c + 1 == cls ? 100 : 0);
            }
        }
    int nc = 0;
    if (auto ok = check(nc_create(path.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc), path); !ok)
        return ok;
    auto fail = [&](int status) {
        nc_close(nc);
        return check(status, path);
    };
    int dx, dy, dz, vx, vy, vz;
    int st = nc_def_dim(nc, "x", nx, &dx);
    if (!st) st = nc_def_dim(nc, "y", ny, &dy);
    if (!st) st = nc_def_dim(nc, "z", nz, &dz);
    if (!st) st = nc_def_var(nc, "x", NC_DOUBLE, 1, &dx, &vx);
    if (!st) st = nc_def_var(nc, "y", NC_DOUBLE, 1, &dy, &vy);
    if (!st) st = nc_def_var(nc, "z", NC_DOUBLE, 1, &dz, &vz);
    for (int v : {vx, vy})
        if (!st) st = nc_put_att_text(nc, v, "epsg", 4, "7415");
    const char* title = "Bodemzicht sample district soil, GeoTOP layout (synthetic)";
    if (!st) st = nc_put_att_text(nc, NC_GLOBAL, "title", std::strlen(title), title);
    const int dims[3] = {dx, dy, dz};
    std::vector<std::pair<std::string, const std::vector<short>*>> vars{{"lithok", &lithok},
                                                                        {"strat", &strat}};
    for (int c = 0; c < 9; ++c) vars.push_back({"kans_" + std::to_string(c + 1), &kans[c]});
    std::vector<int> ids(vars.size());
    for (std::size_t v = 0; v < vars.size() && !st; ++v) {
        st = nc_def_var(nc, vars[v].first.c_str(), NC_SHORT, 3, dims, &ids[v]);
        if (!st) st = nc_put_att_short(nc, ids[v], "_FillValue", NC_SHORT, 1, &fill);
    }
    if (!st) st = nc_enddef(nc);
    if (!st) st = nc_put_var_double(nc, vx, xs.data());
    if (!st) st = nc_put_var_double(nc, vy, ys.data());
    if (!st) st = nc_put_var_double(nc, vz, zs.data());
    for (std::size_t v = 0; v < vars.size() && !st; ++v)
        st = nc_put_var_short(nc, ids[v], vars[v].second->data());
    if (st) return fail(st);
    return check(nc_close(nc), path);
}

namespace {

struct CfVariable {
    const char* name;
    const char* units;
    const char* longName;
    std::vector<float> values;  // z, y, x (x fastest); kCfFill: no data
};
constexpr float kCfFill = -9999.f;

// A CF-1.8 grid as a soil survey's or a groundwater model's output gives it: z, y, x (x fastest),
// cell centres, the CRS as a grid mapping.
core::Result<void> writeCfGrid(const std::string& path, const char* title,
                               const std::vector<double>& xs, const std::vector<double>& ys,
                               const std::vector<double>& zs, const std::vector<CfVariable>& vars) {
    int nc = 0;
    if (auto ok = check(nc_create(path.c_str(), NC_NETCDF4 | NC_CLOBBER, &nc), path); !ok)
        return ok;
    int dx, dy, dz, vx, vy, vz, vcrs;
    int st = nc_def_dim(nc, "z", zs.size(), &dz);
    if (!st) st = nc_def_dim(nc, "y", ys.size(), &dy);
    if (!st) st = nc_def_dim(nc, "x", xs.size(), &dx);
    if (!st) st = nc_def_var(nc, "x", NC_DOUBLE, 1, &dx, &vx);
    if (!st) st = nc_def_var(nc, "y", NC_DOUBLE, 1, &dy, &vy);
    if (!st) st = nc_def_var(nc, "z", NC_DOUBLE, 1, &dz, &vz);
    auto text = [&](int var, const char* name, const char* value) {
        if (!st) st = nc_put_att_text(nc, var, name, std::strlen(value), value);
    };
    text(vx, "standard_name", "projection_x_coordinate");
    text(vx, "units", "m");
    text(vy, "standard_name", "projection_y_coordinate");
    text(vy, "units", "m");
    text(vz, "standard_name", "height");
    text(vz, "units", "m");
    text(vz, "positive", "up");
    text(NC_GLOBAL, "Conventions", "CF-1.8");
    text(NC_GLOBAL, "title", title);
    if (!st) st = nc_def_var(nc, "crs", NC_INT, 0, nullptr, &vcrs);
    text(vcrs, "grid_mapping_name", "oblique_stereographic");
    text(vcrs, "epsg_code", "EPSG:28992");
    const int dims[3] = {dz, dy, dx};
    std::vector<int> ids(vars.size());
    for (std::size_t v = 0; v < vars.size(); ++v) {
        if (!st) st = nc_def_var(nc, vars[v].name, NC_FLOAT, 3, dims, &ids[v]);
        if (!st) st = nc_put_att_float(nc, ids[v], "_FillValue", NC_FLOAT, 1, &kCfFill);
        text(ids[v], "units", vars[v].units);
        text(ids[v], "long_name", vars[v].longName);
        text(ids[v], "grid_mapping", "crs");
    }
    if (!st) st = nc_enddef(nc);
    if (!st) st = nc_put_var_double(nc, vx, xs.data());
    if (!st) st = nc_put_var_double(nc, vy, ys.data());
    if (!st) st = nc_put_var_double(nc, vz, zs.data());
    for (std::size_t v = 0; v < vars.size(); ++v)
        if (!st) st = nc_put_var_float(nc, ids[v], vars[v].values.data());
    if (st) {
        nc_close(nc);
        return check(st, path);
    }
    return check(nc_close(nc), path);
}

}  // namespace

core::Result<void> writeSamplePlume(const SampleOptions& o, core::Vec2 centre,
                                    const std::string& path) {
    // Lead in mg/kg ds, highest 0.8 m below the ground; benzene in the groundwater below the GHG
    // in ug/l, highest 1.5 m below the ground.
    constexpr double kCell = 2.0, kLayer = 0.5, kHalfX = 40, kHalfY = 30;
    const int nx = static_cast<int>(2 * kHalfX / kCell), ny = static_cast<int>(2 * kHalfY / kCell);
    double gLo = INFINITY, gHi = -INFINITY;
    for (double x = centre.x - kHalfX; x <= centre.x + kHalfX; x += kCell)
        for (double y = centre.y - kHalfY; y <= centre.y + kHalfY; y += kCell) {
            const double g = sampleGroundLevel(o, x, y);
            gLo = std::min(gLo, g), gHi = std::max(gHi, g);
        }
    const double zBottom = std::floor((gLo - 4.0) / kLayer) * kLayer;
    const int nz = static_cast<int>(std::ceil((gHi + 0.5 - zBottom) / kLayer));
    std::vector<double> xs(nx), ys(ny), zs(nz);
    for (int i = 0; i < nx; ++i) xs[i] = centre.x - kHalfX + (i + 0.5) * kCell;
    for (int j = 0; j < ny; ++j) ys[j] = centre.y - kHalfY + (j + 0.5) * kCell;
    for (int k = 0; k < nz; ++k) zs[k] = zBottom + (k + 0.5) * kLayer;
    const std::size_t cells = static_cast<std::size_t>(nx) * ny * nz;
    CfVariable lead{"lood", "mg/kg ds", "lood (Pb) in grond", std::vector<float>(cells, kCfFill)};
    CfVariable benzene{"benzeen", "ug/l", "benzeen in grondwater",
                       std::vector<float>(cells, kCfFill)};
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const double depth = sampleGroundLevel(o, xs[i], ys[j]) - zs[k];
                if (depth < 0) continue;  // above the ground: no data
                const double dx = xs[i] - centre.x, dy = ys[j] - centre.y;
                const double plan = std::exp(-(dx * dx + dy * dy) / (2 * 12.0 * 12.0));
                const double down = std::exp(-(depth - 0.8) * (depth - 0.8) / (2 * 0.6 * 0.6));
                const std::size_t at = (static_cast<std::size_t>(k) * ny + j) * nx + i;
                lead.values[at] = static_cast<float>(40 + 1400 * plan * down);
                // Groundwater is sampled below the highest level only.
                if (zs[k] > sampleGhg(o, xs[i], ys[j])) continue;
                const double wide = std::exp(-(dx * dx + dy * dy) / (2 * 15.0 * 15.0));
                const double deep = std::exp(-(depth - 1.5) * (depth - 1.5) / (2 * 1.0 * 1.0));
                benzene.values[at] = static_cast<float>(2 + 118 * wide * deep);
            }
    return writeCfGrid(path, "Bodemzicht sample district: lead and benzene plume (synthetic)", xs,
                       ys, zs, {std::move(lead), std::move(benzene)});
}

core::Result<void> writeSampleHead(const SampleOptions& o, core::Vec2 lo, core::Vec2 hi,
                                   const std::string& path) {
    // 25 m columns, 1 m layers from 8 m below the lowest ground to above the highest: the head
    // of a winter with a little upward seepage (kwel), h(z) = GHG + s (GHG - z), so the water
    // table (h = z) is the GHG.
    constexpr double kCell = 25, kLayer = 1, kSeepage = 0.02;
    const int nx = std::max(1, static_cast<int>(std::ceil((hi.x - lo.x) / kCell)));
    const int ny = std::max(1, static_cast<int>(std::ceil((hi.y - lo.y) / kCell)));
    std::vector<double> xs(nx), ys(ny);
    for (int i = 0; i < nx; ++i) xs[i] = lo.x + (i + 0.5) * kCell;
    for (int j = 0; j < ny; ++j) ys[j] = lo.y + (j + 0.5) * kCell;
    double gLo = INFINITY, gHi = -INFINITY;
    for (double x : xs)
        for (double y : ys) {
            const double g = sampleGroundLevel(o, x, y);
            gLo = std::min(gLo, g), gHi = std::max(gHi, g);
        }
    const double zBottom = std::floor(gLo - 8.0);
    const int nz = static_cast<int>(std::ceil(gHi + 1.0 - zBottom));
    std::vector<double> zs(nz);
    for (int k = 0; k < nz; ++k) zs[k] = zBottom + (k + 0.5) * kLayer;
    CfVariable head{"head", "m NAP", "stijghoogte (winter)",
                    std::vector<float>(static_cast<std::size_t>(nx) * ny * nz, kCfFill)};
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                if (zs[k] > sampleGroundLevel(o, xs[i], ys[j])) continue;  // above the ground
                const double ghg = sampleGhg(o, xs[i], ys[j]);
                head.values[(static_cast<std::size_t>(k) * ny + j) * nx + i] =
                    static_cast<float>(ghg + kSeepage * (ghg - zs[k]));
            }
    return writeCfGrid(path, "Bodemzicht sample district: winter head (synthetic)", xs, ys, zs,
                       {std::move(head)});
}

}  // namespace bz::sample
