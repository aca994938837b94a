// Editing measures with live clashes: the viewer's drawing, dragging, undo and redo, without the
// GUI. The measures' objects are appended to the project's dataset (after its own objects, and
// replaced on every change), so every view shows them as proposals; each change re-checks the
// changed measure with the clash core on the objects around it (the same passes as bodem clash,
// on a copy of what lies within reach), which keeps an edit to a few milliseconds at a million
// segments.
//
//     design::MeasureEditor editor(ds, rules, ground);
//     auto m = design::defaultMeasure(design::MeasureKind::HeatNetwork);
//     m.points = {{x0, y0}, {x1, y1}};
//     auto index = editor.add(m);             // checked; one undo step
//     editor.beginDrag();
//     m.points[1].x += 0.5; editor.drag(*index, m);  // re-checked, no undo step yet
//     editor.endDrag();                        // the whole drag is one undo step
//     editor.clashes();                        // what every measure clashes with
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <bodemzicht/clash/ClashDetector.h>
#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/design/Measure.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/GroundLevel.h>

namespace bz::design {

class MeasureEditor {
  public:
    // `ds` must outlive the editor; objects added to it later than the editor are not expected.
    // `options` carries what bodem clash would use (GHG, --with-planned, a uniform clearance).
    MeasureEditor(model::Dataset& ds, const clash::RuleSet& rules, model::GroundLevel ground,
                  clash::ClashOptions options = {});
    ~MeasureEditor();

    const std::vector<Measure>& measures() const { return mMeasures; }
    // An id not used by the project or another measure ("ONTWERP-1", "ONTWERP-2", ...).
    std::string nextId() const;

    // Each is one undo step; a measure that cannot become objects is refused and nothing changes.
    core::Result<std::size_t> add(Measure m);
    core::Result<void> change(std::size_t index, Measure m);
    core::Result<void> remove(std::size_t index);
    // A drag (of a vertex or the whole measure): any number of re-checked changes, one undo step.
    void beginDrag();
    core::Result<void> drag(std::size_t index, Measure m);
    void endDrag();
    bool dragging() const { return mDragStart.has_value(); }

    bool canUndo() const { return !mUndo.empty(); }
    bool canRedo() const { return !mRedo.empty(); }
    bool undo();
    bool redo();

    // The clashes of every measure with what is in the ground, in measure order; of one.
    const std::vector<clash::Clash>& clashes() const { return mAllClashes; }
    const std::vector<clash::Clash>& clashesOf(std::size_t index) const { return mClashes[index]; }
    // The measure's objects in the dataset; the measure an object belongs to (or nullopt).
    const std::vector<std::uint32_t>& featuresOf(std::size_t index) const {
        return mFeatures[index];
    }
    std::optional<std::size_t> measureOfFeature(std::uint32_t feature) const;
    // Milliseconds of the last change: objects rebuilt, re-checked and the clash list updated.
    double lastEditMs() const { return mLastEditMs; }
    // Objects of the project copied for the last check (what lay within reach).
    std::size_t lastNeighbourCount() const { return mLastNeighbours; }
    // Has anything changed since the last markSaved()?
    bool unsaved() const { return mUnsaved; }
    void markSaved() { mUnsaved = false; }

    // Just the measures' objects, as a dataset of their own (to store or export).
    model::Dataset designDataset() const;
    // Starts from these measures (stored in the project earlier): no undo step, not unsaved.
    // Measures that cannot become objects are refused with the reason; the rest load.
    std::vector<std::string> load(std::vector<Measure> measures);

  private:
    core::Result<void> apply(std::vector<Measure> measures, std::optional<std::size_t> changed);
    void checkMeasure(std::size_t index);
    void collectClashes();

    model::Dataset& mDs;
    const clash::RuleSet& mRules;
    model::GroundLevel mGround;
    clash::ClashOptions mOptions;
    model::Dataset::Mark mBase;
    struct Neighbourhood;
    std::unique_ptr<Neighbourhood> mNear;

    std::vector<Measure> mMeasures;
    std::vector<std::vector<std::uint32_t>> mFeatures;
    std::vector<std::vector<clash::Clash>> mClashes;
    std::vector<clash::Clash> mAllClashes;
    std::vector<std::vector<Measure>> mUndo, mRedo;
    std::optional<std::vector<Measure>> mDragStart;
    double mLastEditMs = 0;
    std::size_t mLastNeighbours = 0;
    bool mUnsaved = false;
};

// The measures stored in a project (objects of source `ontwerp` carrying their definition),
// taken out of `ds` so that an editor owns them again. Objects of that source whose definition
// cannot be read stay in `ds` as ordinary proposals and are named in `problems`.
std::vector<Measure> takeStoredMeasures(model::Dataset& ds, std::vector<std::string>& problems);

}  // namespace bz::design
