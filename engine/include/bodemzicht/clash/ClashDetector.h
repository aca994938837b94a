// The clash pipeline: a spatial index over the existing objects plus rules go in, a ClashReport
// comes out. Every `proposed` feature is checked against every existing/out-of-service one;
// `selfCheck` checks existing against existing for data quality (hard overlaps, duplicates).
#pragma once

#include <memory>

#include <bodemzicht/model/Field.h>
#include <optional>
#include <string>
#include <vector>

#include <bodemzicht/clash/ClashModel.h>
#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/clash/RuleSet.h>

namespace bz::clash {

struct ClashOptions {
    std::optional<double>
        uniformClearanceM;        // --clearance M: every pair needs exactly M, no other rule
    bool selfCheck = false;       // --self
    bool includePlanned = false;  // --with-planned: the owners' planned networks count as existing
    double groupRadiusM = 10.0;
    unsigned threads = 0;                     // 0: all cores
    const model::GroundLevel* ghg = nullptr;  // for the infiltration rule
    const model::GroundLevel* glg = nullptr;  // for dewatering (the excavation pass)
    // 3D grids of contaminants (one variable per substance, e.g. `lood` in mg/kg ds): the
    // excavation pass reports what a proposed object digs out above the intervention value.
    struct NamedGrid {
        std::string name;  // the project's field name, e.g. contamination_plume
        std::shared_ptr<const model::Field> grid;
    };
    std::vector<NamedGrid> contaminationGrids;
    // When set, only these proposed features are checked (benchmarks, the viewer's selection).
    std::optional<std::vector<std::uint32_t>> onlyFeatures;
};

class ClashDetector {
  public:
    ClashDetector(const ClashModel& model, const RuleSet& rules, ClashOptions options);
    ~ClashDetector();

    // Checks every proposed feature (or, with selfCheck, every existing one).
    ClashReport findClashes() const;
    // Re-checks one proposed feature as if moved by `offset` (the viewer's drag): fast, uses the
    // index built once in the constructor.
    std::vector<Clash> checkFeature(std::uint32_t feature, core::Vec3 offset = {}) const;
    double indexBuildMs() const;
    // The rule families (passes) this run applies, in the order they are asked.
    std::vector<std::string> passNames() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

}  // namespace bz::clash
