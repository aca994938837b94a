// Transforms input coordinates to RD New + NAP (EPSG:7415) with PROJ, refusing PROJ's "ballpark"
// fallback: without the RDNAPTRANS2018 grids PROJ silently maps ETRS89 to RD ~100 m off.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/core/Vec.h>

namespace bz::io {

class CrsTransform {
  public:
    // `sourceCrs`: anything PROJ accepts ("EPSG:4326", WKT, PROJJSON). `threeD`: the input has
    // ellipsoidal/NAP heights that must be transformed too.
    // `gridPaths`: extra folders to search for transformation grids, before PROJ's own.
    static core::Result<CrsTransform> create(const std::string& sourceCrs, bool threeD,
                                             const std::vector<std::string>& gridPaths = {});
    CrsTransform(CrsTransform&&) noexcept;
    CrsTransform& operator=(CrsTransform&&) noexcept;
    ~CrsTransform();

    // True when source and target are RD already (no transformation at all).
    bool isIdentity() const;
    // Transforms one point; the first call checks the operation PROJ picked and fails on a
    // ballpark.
    core::Result<core::Vec3> apply(core::Vec3 p);
    // Description and accuracy (m, -1 unknown) of the last operation used.
    std::string lastOperation() const;
    double lastAccuracyM() const;

    // Adds a folder to PROJ's grid search path of every transform made afterwards
    // (e.g. a folder holding nl_nsgi_rdtrans2018.tif); PROJ_DATA is honoured as well.
    static void addGridSearchPath(const std::string& dir);

  private:
    struct Private;
    explicit CrsTransform(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

}  // namespace bz::io
