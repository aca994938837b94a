#include <bodemzicht/design/MeasureEditor.h>

#include <bodemzicht/clash/ClashModel.h>
#include <bodemzicht/model/DatasetCopy.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "NearbyObjects.h"

namespace bz::design {

namespace {

using Clock = std::chrono::steady_clock;

// How far around a measure the project's objects take part in its check: more than any
// clearance or tree distance. Wells are checked against every well (thermal radii reach further).
constexpr double kReachM = 50.0;

}  // namespace

// The project's own objects within reach of a measure, and every well (thermal radii reach
// further than the neighbourhood).
struct MeasureEditor::Neighbourhood {
    std::unique_ptr<detail::NearbyObjects> objects;
    std::vector<std::uint32_t> wells;
};

MeasureEditor::MeasureEditor(model::Dataset& ds, const clash::RuleSet& rules,
                             model::GroundLevel ground, clash::ClashOptions options)
    : mDs(ds),
      mRules(rules),
      mGround(std::move(ground)),
      mOptions(std::move(options)),
      mBase(ds.mark()),
      mNear(std::make_unique<Neighbourhood>()) {
    mOptions.threads = 1;
    // Only what is in the ground (or planned, when asked) can clash with a proposal.
    auto inGround = [&ds](std::uint32_t fi) {
        const auto st = ds.features[fi].status;
        return !model::isDesign(st) && st != model::ObjectStatus::Removed;
    };
    mNear->objects = std::make_unique<detail::NearbyObjects>(ds, inGround);
    for (std::uint32_t fi = 0; fi < ds.features.size(); ++fi)
        if (inGround(fi) && ds.wellOf(ds.features[fi])) mNear->wells.push_back(fi);
}

MeasureEditor::~MeasureEditor() {
    mDs.truncate(mBase);
}

std::string MeasureEditor::nextId() const {
    for (int n = 1;; ++n) {
        std::string id = "ONTWERP-" + std::to_string(n);
        const bool used = std::any_of(mMeasures.begin(), mMeasures.end(),
                                      [&](const Measure& m) { return m.id == id; });
        if (used) continue;
        bool inProject = false;
        Measure probe;
        probe.id = id;
        probe.kind = MeasureKind::HeatNetwork;  // the most ids: id, id-aanvoer, id-retour
        inProject = mDs.find(id).has_value();
        for (const auto& oid : objectIds(probe)) inProject = inProject || mDs.find(oid).has_value();
        if (!inProject) return id;
    }
}

std::optional<std::size_t> MeasureEditor::measureOfFeature(std::uint32_t feature) const {
    for (std::size_t i = 0; i < mFeatures.size(); ++i)
        if (std::find(mFeatures[i].begin(), mFeatures[i].end(), feature) != mFeatures[i].end())
            return i;
    return std::nullopt;
}

core::Result<std::size_t> MeasureEditor::add(Measure m) {
    if (m.id.empty()) m.id = nextId();
    for (const auto& other : mMeasures)
        if (other.id == m.id) return core::fail("", m.id, "another measure has this id");
    for (const auto& oid : objectIds(m))
        if (auto fi = mDs.find(oid); fi && *fi < mBase.features)
            return core::fail("", m.id, "the project has an object with the id " + oid);
    auto next = mMeasures;
    next.push_back(std::move(m));
    mUndo.push_back(mMeasures);
    if (auto ok = apply(std::move(next), mMeasures.size()); !ok) {
        mUndo.pop_back();
        return std::unexpected(ok.error());
    }
    mRedo.clear();
    return mMeasures.size() - 1;
}

core::Result<void> MeasureEditor::change(std::size_t index, Measure m) {
    if (index >= mMeasures.size()) return core::fail("", m.id, "no such measure");
    if (m.id.empty()) m.id = mMeasures[index].id;
    for (std::size_t j = 0; j < mMeasures.size(); ++j)
        if (j != index && mMeasures[j].id == m.id)
            return core::fail("", m.id, "another measure has this id");
    auto next = mMeasures;
    next[index] = std::move(m);
    auto before = mMeasures;
    if (auto ok = apply(std::move(next), index); !ok) return ok;
    mUndo.push_back(std::move(before));
    mRedo.clear();
    return {};
}

core::Result<void> MeasureEditor::remove(std::size_t index) {
    if (index >= mMeasures.size()) return core::fail("", "", "no such measure");
    auto next = mMeasures;
    next.erase(next.begin() + static_cast<std::ptrdiff_t>(index));
    auto before = mMeasures;
    if (auto ok = apply(std::move(next), std::nullopt); !ok) return ok;
    mUndo.push_back(std::move(before));
    mRedo.clear();
    return {};
}

void MeasureEditor::beginDrag() {
    if (!mDragStart) mDragStart = mMeasures;
}

core::Result<void> MeasureEditor::drag(std::size_t index, Measure m) {
    if (index >= mMeasures.size()) return core::fail("", m.id, "no such measure");
    auto next = mMeasures;
    next[index] = std::move(m);
    return apply(std::move(next), index);
}

void MeasureEditor::endDrag() {
    if (!mDragStart) return;
    if (*mDragStart != mMeasures) {
        mUndo.push_back(std::move(*mDragStart));
        mRedo.clear();
    }
    mDragStart.reset();
}

bool MeasureEditor::undo() {
    if (mUndo.empty()) return false;
    mDragStart.reset();
    auto previous = std::move(mUndo.back());
    mUndo.pop_back();
    mRedo.push_back(mMeasures);
    (void)apply(std::move(previous), std::nullopt);  // was valid when it was the state
    return true;
}

bool MeasureEditor::redo() {
    if (mRedo.empty()) return false;
    mDragStart.reset();
    auto next = std::move(mRedo.back());
    mRedo.pop_back();
    mUndo.push_back(mMeasures);
    (void)apply(std::move(next), std::nullopt);
    return true;
}

core::Result<void> MeasureEditor::apply(std::vector<Measure> next,
                                        std::optional<std::size_t> changed) {
    const auto t0 = Clock::now();
    // The changed measure first on scratch: one that cannot become objects changes nothing.
    if (changed) {
        model::Dataset scratch;
        if (auto ok = addMeasure(next[*changed], mGround, scratch); !ok)
            return std::unexpected(ok.error());
    }
    // Measures whose clashes are still valid: unchanged, by id.
    std::vector<std::vector<clash::Clash>> clashes(next.size());
    std::vector<bool> recheck(next.size(), true);
    for (std::size_t i = 0; i < next.size(); ++i)
        for (std::size_t j = 0; j < mMeasures.size(); ++j)
            if ((!changed || i != *changed) && mMeasures[j] == next[i]) {
                clashes[i] = mClashes[j];
                recheck[i] = false;
                break;
            }
    mDs.truncate(mBase);
    mMeasures = std::move(next);
    mFeatures.assign(mMeasures.size(), {});
    for (std::size_t i = 0; i < mMeasures.size(); ++i) {
        auto added = addMeasure(mMeasures[i], mGround, mDs);
        if (added) mFeatures[i] = std::move(*added);
    }
    mClashes = std::move(clashes);
    for (std::size_t i = 0; i < mMeasures.size(); ++i)
        if (recheck[i]) checkMeasure(i);
    collectClashes();
    mUnsaved = true;
    mLastEditMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    return {};
}

void MeasureEditor::checkMeasure(std::size_t index) {
    const auto& features = mFeatures[index];
    mClashes[index].clear();
    if (features.empty()) return;
    core::Bounds3 box;
    for (auto fi : features) {
        const auto b = mDs.featureBounds(mDs.features[fi]);
        box.expand(b.lo), box.expand(b.hi);
    }
    box = box.inflated(kReachM);
    auto near = mNear->objects->within(box);
    if (mMeasures[index].kind == MeasureKind::WkoWell) {
        near.insert(near.end(), mNear->wells.begin(), mNear->wells.end());
        std::sort(near.begin(), near.end());
        near.erase(std::unique(near.begin(), near.end()), near.end());
    }
    mLastNeighbours = near.size();
    model::Dataset local;
    for (auto fi : near) model::copyFeature(mDs, fi, local, detail::neededForChecks);
    std::vector<std::uint32_t> checked;
    for (auto fi : features)
        checked.push_back(model::copyFeature(mDs, fi, local, detail::neededForChecks));

    clash::ClashModel model(local, mRules, mGround);
    auto options = mOptions;
    options.onlyFeatures = checked;
    const auto report = clash::ClashDetector(model, mRules, options).findClashes();
    const auto ids = objectIds(mMeasures[index]);
    auto ours = [&](const std::string& id) {
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    };
    for (const auto& c : report.clashes)
        if (ours(c.aId) || ours(c.bId)) mClashes[index].push_back(c);
}

void MeasureEditor::collectClashes() {
    mAllClashes.clear();
    for (const auto& v : mClashes) mAllClashes.insert(mAllClashes.end(), v.begin(), v.end());
}

std::vector<std::string> MeasureEditor::load(std::vector<Measure> measures) {
    std::vector<std::string> problems;
    std::vector<Measure> valid;
    for (auto& m : measures) {
        model::Dataset scratch;
        const bool duplicate =
            std::any_of(valid.begin(), valid.end(), [&](const Measure& v) { return v.id == m.id; });
        if (auto ok = addMeasure(m, mGround, scratch); !ok)
            problems.push_back(ok.error().toString());
        else if (duplicate)
            problems.push_back(m.id + ": a second measure with this id is not loaded");
        else
            valid.push_back(std::move(m));
    }
    mUndo.clear();
    mRedo.clear();
    mDragStart.reset();
    (void)apply(std::move(valid), std::nullopt);
    mUnsaved = false;
    return problems;
}

std::vector<Measure> takeStoredMeasures(model::Dataset& ds, std::vector<std::string>& problems) {
    std::vector<Measure> measures;
    std::set<std::string> taken;  // measure ids read
    for (const auto& f : ds.features) {
        if (ds.str(f.source) != model::kDesignSource) continue;
        const auto* def = ds.attribute(f, "measure_def");
        if (!def) continue;
        auto m = measureFromJson(model::toString(*def));
        if (!m) {
            problems.push_back(f.id + ": the drawn measure cannot be read (" + m.error().message +
                               "); kept as a proposal");
            continue;
        }
        if (taken.insert(m->id).second) measures.push_back(std::move(*m));
    }
    if (measures.empty()) return measures;  // nothing to take: no copy of the project
    // Every object of a measure read goes (the editor makes them again); the rest stays.
    std::set<std::string> objects;
    for (const auto& m : measures)
        for (const auto& id : objectIds(m)) objects.insert(id);
    model::Dataset rest;
    model::appendDataset(ds, rest, [&](std::uint32_t i) {
        const auto& f = ds.features[i];
        return !(ds.str(f.source) == model::kDesignSource && objects.count(f.id));
    });
    rest.ground = ds.ground;
    ds = std::move(rest);
    return measures;
}

model::Dataset MeasureEditor::designDataset() const {
    model::Dataset out;
    for (const auto& fs : mFeatures)
        for (auto fi : fs) model::copyFeature(mDs, fi, out);
    return out;
}

}  // namespace bz::design
