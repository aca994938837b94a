// The IMKL depth model (docs/data-model.md): an element lies at its network's standard depth
// (standaardDieptelegging, else the rule set's cover) unless depth points say otherwise; a point
// fixes the depth near it and its influence fades with the distance along the element, with an
// uncertainty that grows with that distance.
#include "KlicImport.h"

#include <algorithm>

namespace bz::io::formats::klic {

double projectOnLine(const std::vector<Vec2>& line, Vec2 p, double& chainage) {
    double best = INFINITY, run = 0;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        Vec2 a = line[i], b = line[i + 1], ab = b - a;
        double len = core::length(ab);
        double t = len > 0 ? std::clamp(core::dot(p - a, ab) / (len * len), 0.0, 1.0) : 0.0;
        double d = core::distance(p, a + ab * t);
        if (d < best) {
            best = d;
            chainage = run + t * len;
        }
        run += len;
    }
    return best;
}

std::vector<model::VertexDepth> depthsAlong(const std::vector<double>& runs,
                                            const std::vector<DepthFix>& fixes, double standard,
                                            const KlicOptions& options) {
    const double L = std::max(options.depthPointInfluenceM, 1e-3);
    std::vector<model::VertexDepth> out;
    out.reserve(runs.size());
    for (double run : runs) {
        // The standard depth: assumed, with the rule set's band.
        model::VertexDepth d{model::DepthProvenance::Assumed, model::kUnknown,
                             static_cast<float>(standard)};
        if (!fixes.empty()) {
            // The nearest fix on each side; between two, their deviations from the standard
            // depth are interpolated; the influence fades with the distance to the nearer one.
            std::size_t j = 0;
            while (j + 1 < fixes.size() && fixes[j + 1].chainage <= run) ++j;
            const DepthFix* left = fixes[j].chainage <= run ? &fixes[j] : nullptr;
            const DepthFix* right =
                left ? (j + 1 < fixes.size() ? &fixes[j + 1] : nullptr) : &fixes[j];
            double dl = left ? run - left->chainage : INFINITY;
            double dr = right ? right->chainage - run : INFINITY;
            double dev, band;
            if (left && right && dl + dr > 0) {
                double t = dl / (dl + dr);
                dev = (left->below - standard) * (1 - t) + (right->below - standard) * t;
                band = left->band * (1 - t) + right->band * t;
            } else {
                const DepthFix& f = left ? *left : *right;
                dev = f.below - standard;
                band = f.band;
            }
            double near = std::min(dl, dr);
            double weight = std::exp(-near / L);
            double grown = std::hypot(band, options.depthPointUncertaintyGrowth * near);
            double sigma = weight * grown + (1 - weight) * options.assumedBandM;
            sigma = std::min(sigma, std::max(options.assumedBandM, band));
            d.belowGroundM = static_cast<float>(standard + weight * dev);
            d.verticalUncertaintyM = static_cast<float>(sigma);
            d.provenance =
                weight >= 0.5 ? model::DepthProvenance::Derived : model::DepthProvenance::Assumed;
        }
        out.push_back(d);
    }
    return out;
}

}  // namespace bz::io::formats::klic
