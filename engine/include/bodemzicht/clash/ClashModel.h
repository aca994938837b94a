// The dataset prepared for clash checking: every object as capsules (linear networks) or convex
// extrusions (bodies and prism parts), with the rule set's defaults filled in for missing
// diameters and depths, and every such use marked as assumed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/geom/Shapes.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/GroundLevel.h>

namespace bz::clash {

struct FeatureShape {
    std::uint32_t firstCapsule = 0, capsuleCount = 0;
    std::uint32_t firstExtrusion = 0, extrusionCount = 0;
    bool usable = true;         // false: no geometry could be made (reported in notes)
    bool assumedDepth = false;  // some height came from a default or an assumed provenance
    bool assumedDiameter = false;
};

class ClashModel {
  public:
    // `groundLevel` places networks that have no heights at the rule set's default cover depth.
    ClashModel(const model::Dataset& ds, const RuleSet& rules,
               const model::GroundLevel& groundLevel);

    const model::Dataset& dataset() const { return *mDs; }
    const model::GroundLevel& ground() const { return mGround; }
    const std::vector<FeatureShape>& shapes() const { return mShapes; }
    const std::vector<geom::Capsule>& capsules() const { return mCapsules; }
    const std::vector<geom::Extrusion>& extrusions() const { return mExtrusions; }
    // Vertical uncertainty band (m) of each primitive: zero for measured heights.
    const std::vector<float>& capsuleBands() const { return mCapsuleBand; }
    const std::vector<float>& extrusionBands() const { return mExtrusionBand; }
    const std::vector<std::string>& notes() const { return mNotes; }

  private:
    const model::Dataset* mDs;
    model::GroundLevel mGround;
    std::vector<FeatureShape> mShapes;
    std::vector<geom::Capsule> mCapsules;
    std::vector<geom::Extrusion> mExtrusions;
    std::vector<float> mCapsuleBand, mExtrusionBand;
    std::vector<std::string> mNotes;
};

}  // namespace bz::clash
