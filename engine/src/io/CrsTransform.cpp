#include <bodemzicht/io/CrsTransform.h>

#include <proj.h>

#include <cmath>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

namespace bz::io {

using core::fail;

namespace {

std::mutex gPathsMutex;
std::vector<std::string> gExtraPaths;

constexpr const char* kInstallHint =
    "install the RDNAPTRANS2018 grids (nl_nsgi_rdtrans2018.tif, nl_nsgi_nlgeo2018.tif, "
    "nl_nsgi_rdcorr2018.tif) into ~/.local/share/proj or a folder named in PROJ_DATA or "
    "BODEMZICHT_PROJ_GRIDS (see README, 'Coordinate grids')";

}  // namespace

struct CrsTransform::Private {
    PJ_CONTEXT* ctx = nullptr;
    PJ* op = nullptr;
    bool identity = false;
    bool checked = false;
    std::string lastOp;
    double lastAccuracy = -1;
    ~Private() {
        if (op) proj_destroy(op);
        if (ctx) proj_context_destroy(ctx);
    }
};

CrsTransform::CrsTransform(std::unique_ptr<Private> p) : d(std::move(p)) {}
CrsTransform::CrsTransform(CrsTransform&&) noexcept = default;
CrsTransform& CrsTransform::operator=(CrsTransform&&) noexcept = default;
CrsTransform::~CrsTransform() = default;

void CrsTransform::addGridSearchPath(const std::string& dir) {
    std::lock_guard lock(gPathsMutex);
    gExtraPaths.push_back(dir);
}

core::Result<CrsTransform> CrsTransform::create(const std::string& sourceCrs, bool threeD,
                                                const std::vector<std::string>& gridPaths) {
    auto p = std::make_unique<Private>();
    p->ctx = proj_context_create();
    proj_log_level(p->ctx, PJ_LOG_NONE);
    {
        // Our folders first, then what PROJ would search anyway.
        std::vector<std::string> paths = gridPaths;
        {
            std::lock_guard lock(gPathsMutex);
            paths.insert(paths.end(), gExtraPaths.begin(), gExtraPaths.end());
        }
        if (const char* env = std::getenv("BODEMZICHT_PROJ_GRIDS")) paths.emplace_back(env);
        for (const char* var : {"PROJ_DATA", "PROJ_LIB"})
            if (const char* env = std::getenv(var)) {
                std::string s = env;
                std::size_t start = 0;
                while (start <= s.size()) {
                    auto end = s.find(':', start);
                    if (end == std::string::npos) end = s.size();
                    if (end > start) paths.push_back(s.substr(start, end - start));
                    start = end + 1;
                }
            }
        if (const char* home = std::getenv("HOME"))
            paths.push_back(std::string(home) + "/.local/share/proj");
        paths.emplace_back("/usr/share/proj");
        std::vector<const char*> cpaths;
        for (auto& s : paths) cpaths.push_back(s.c_str());
        proj_context_set_search_paths(p->ctx, static_cast<int>(cpaths.size()), cpaths.data());
    }
    const char* target = threeD ? "EPSG:7415" : "EPSG:28992";
    PJ* src = proj_create(p->ctx, sourceCrs.c_str());
    if (!src) return fail("", "", "unknown CRS '" + sourceCrs.substr(0, 80) + "'");
    // Already RD (2D or compound with NAP)? Then no transformation, and no ballpark risk.
    PJ* rd = proj_create(p->ctx, "EPSG:28992");
    PJ* rdnap = proj_create(p->ctx, "EPSG:7415");
    PJ* horiz = proj_get_type(src) == PJ_TYPE_COMPOUND_CRS ? proj_crs_get_sub_crs(p->ctx, src, 0)
                                                           : proj_clone(p->ctx, src);
    bool same = proj_is_equivalent_to(horiz, rd, PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS) ||
                proj_is_equivalent_to(src, rdnap, PJ_COMP_EQUIVALENT);
    // A 2D RD source used as 3D keeps its heights as NAP (our generic schema's convention).
    p->identity = same && (proj_get_type(src) != PJ_TYPE_COMPOUND_CRS ||
                           proj_is_equivalent_to(src, rdnap, PJ_COMP_EQUIVALENT));
    proj_destroy(horiz);
    proj_destroy(rd);
    proj_destroy(rdnap);
    if (!p->identity) {
        PJ* tgt = proj_create(p->ctx, target);
        PJ* op = proj_create_crs_to_crs_from_pj(p->ctx, src, tgt, nullptr, nullptr);
        proj_destroy(tgt);
        if (!op) {
            proj_destroy(src);
            return fail("", "",
                        "no transformation from '" + sourceCrs.substr(0, 80) + "' to " + target);
        }
        PJ* norm = proj_normalize_for_visualization(p->ctx, op);
        proj_destroy(op);
        p->op = norm;
    }
    proj_destroy(src);
    return CrsTransform(std::move(p));
}

bool CrsTransform::isIdentity() const {
    return d->identity;
}

core::Result<core::Vec3> CrsTransform::apply(core::Vec3 in) {
    if (d->identity) return in;
    PJ_COORD c = proj_coord(in.x, in.y, in.z, 0);
    PJ_COORD out = proj_trans(d->op, PJ_FWD, c);
    if (!std::isfinite(out.xyz.x) || !std::isfinite(out.xyz.y))
        return fail("", "", "coordinate cannot be transformed to RD");
    if (!d->checked) {
        PJ* used = proj_trans_get_last_used_operation(d->op);
        PJ* info_op = used ? used : d->op;
        PJ_PROJ_INFO info = proj_pj_info(info_op);
        d->lastOp = info.description ? info.description : "";
        d->lastAccuracy = info.accuracy;
        if (used) proj_destroy(used);
        if (d->lastOp.find("Ballpark") != std::string::npos ||
            d->lastOp.find("ballpark") != std::string::npos)
            return fail("", "",
                        "PROJ could only offer a ballpark transformation ('" + d->lastOp +
                            "'), which is metres off; refusing it: " + kInstallHint);
        d->checked = true;
    }
    return core::Vec3{out.xyz.x, out.xyz.y, out.xyz.z};
}

std::string CrsTransform::lastOperation() const {
    return d->identity ? "identity" : d->lastOp;
}
double CrsTransform::lastAccuracyM() const {
    return d->identity ? 0.0 : d->lastAccuracy;
}

}  // namespace bz::io
