#include "KlicImport.h"

#include <algorithm>
#include <cstdio>

namespace bz::io::formats::klic {

DeliveryGround::DeliveryGround(const Delivery& d, const model::GroundLevel& given,
                               double assumedGroundM)
    : mGiven(given) {
    for (const auto& [net, pts] : d.depthsByNetwork)
        for (const auto& p : pts)
            if (p.nap && !std::isnan(p.groundNap)) mDeliveryGround.push_back({p.at, p.groundNap});
    // Where no ground level is known, an assumed flat ground: the delivery's median maaiveldPeil,
    // else 0 m NAP. Every depth below ground is kept with the vertex, so the heights follow when a
    // real ground arrives (bodem ground); until then relative depths, and so clashes between
    // objects given below ground, are right.
    mFlat = assumedGroundM;
    if (std::isnan(mFlat)) {
        std::vector<double> levels;
        for (const auto& [at, level] : mDeliveryGround) levels.push_back(level);
        std::sort(levels.begin(), levels.end());
        mFlat = levels.empty() ? 0.0 : levels[levels.size() / 2];
    }
}

double DeliveryGround::at(double x, double y) {
    if (mGiven.available()) return mGiven.at(x, y);
    double best = 100.0, g = NAN;
    for (const auto& [where, level] : mDeliveryGround)
        if (double d = core::distance(where, Vec2{x, y}); d <= best) {
            best = d;
            g = level;
        }
    if (!std::isnan(g)) ++mFromDelivery;
    return g;
}

double DeliveryGround::orFlat(double x, double y) {
    double g = at(x, y);
    if (!std::isnan(g)) return g;
    ++mOnFlat;
    return mFlat;
}

model::GroundBasis DeliveryGround::basis() const {
    model::GroundBasis basis;
    basis.level = mFlat;
    if (mGiven.available() && !mOnFlat) {
        basis.kind = mGiven.isRaster() ? model::GroundBasis::Kind::Raster
                                       : model::GroundBasis::Kind::Constant;
        basis.source = mGiven.describe();
        if (!mGiven.isRaster()) basis.level = mGiven.at(0, 0);
    } else if (mGiven.available() || mFromDelivery) {
        basis.kind = model::GroundBasis::Kind::Partial;
        basis.source = mGiven.available() ? mGiven.describe()
                                          : "the delivery's maaiveldPeil (" +
                                                std::to_string(mFromDelivery) + " uses)";
    } else {
        basis.kind = model::GroundBasis::Kind::AssumedFlat;
    }
    return basis;
}

double CoverDepths::of(const std::string& networkId, const Network& n) {
    if (!std::isnan(n.defaultCoverM)) return n.defaultCoverM;
    std::string theme = n.theme.empty() ? "overig" : n.theme;
    auto it = mOptions.coverByTheme.find(theme);
    double cover = it != mOptions.coverByTheme.end() ? it->second : mOptions.defaultCoverM;
    if (mFromRules.insert(networkId).second) {
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      "no standaardDieptelegging: the rule set's cover of %.2f m for '%s' is "
                      "assumed",
                      cover, theme.c_str());
        mReport.warn({mFile, networkId, buf});
    }
    return cover;
}

}  // namespace bz::io::formats::klic
