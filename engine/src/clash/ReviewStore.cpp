#include <bodemzicht/clash/ReviewStore.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "../io/GdalErrors.h"
#include "../io/ProjectTables.h"
#include "ReviewTable.h"

namespace bz::clash {

namespace {

constexpr const char* kTable = "clash_review";
constexpr const char* kColumns[] = {"clash_id", "status",    "kind", "a_id",
                                    "b_id",     "first_seen", "last_seen", "note"};

std::string today() {
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&t));
    return buf;
}

std::string field(OGRFeature& f, const char* name) {
    int i = f.GetFieldIndex(name);
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : "";
}

}  // namespace

namespace detail {

core::Result<std::map<std::string, ReviewRecord>> readReviewTable(GDALDataset& ds,
                                                                  const std::string& project) {
    std::map<std::string, ReviewRecord> out;
    OGRLayer* layer = ds.GetLayerByName(kTable);
    if (!layer) return out;
    layer->ResetReading();
    for (auto& f : *layer) {
        ReviewRecord r;
        r.clashId = field(*f, "clash_id");
        std::string status = field(*f, "status");
        // A status this version does not know is somebody's decision it cannot represent:
        // refusing is better than rewriting it as "new".
        if (!clashStatusFromCode(status, r.status))
            return core::fail(project + " (table clash_review)", r.clashId,
                              "unknown review status '" + status +
                                  "' (known: new, active, resolved, approved)");
        r.kind = field(*f, "kind");
        r.aId = field(*f, "a_id");
        r.bId = field(*f, "b_id");
        r.firstSeen = field(*f, "first_seen");
        r.lastSeen = field(*f, "last_seen");
        r.note = field(*f, "note");
        out[r.clashId] = r;
    }
    return out;
}

core::Result<void> writeReviewTable(io::detail::TableWriter& writer, const std::string& project,
                                    const std::map<std::string, ReviewRecord>& records) {
    io::detail::GdalErrorCapture errors;
    std::vector<std::pair<const char*, OGRFieldType>> columns;
    for (const char* n : kColumns) columns.emplace_back(n, OFTString);
    auto table = writer.replace(kTable, columns);
    if (!table) return std::unexpected(table.error());
    OGRLayer* layer = *table;
    for (const auto& [id, r] : records) {
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("clash_id", r.clashId.c_str());
        f.SetField("status", std::string(toCode(r.status)).c_str());
        f.SetField("kind", r.kind.c_str());
        f.SetField("a_id", r.aId.c_str());
        f.SetField("b_id", r.bId.c_str());
        f.SetField("first_seen", r.firstSeen.c_str());
        f.SetField("last_seen", r.lastSeen.c_str());
        f.SetField("note", r.note.c_str());
        if (layer->CreateFeature(&f) != OGRERR_NONE)
            return core::fail(project, r.clashId, "cannot store review" + errors.because(project));
    }
    return {};
}

std::size_t applyReviews(std::map<std::string, ReviewRecord>& records, ClashReport& report,
                         const WasChecked& wasChecked) {
    std::string now = today();
    std::map<std::string, bool> seen;
    for (auto& c : report.clashes) {
        seen[c.id] = true;
        auto it = records.find(c.id);
        if (it == records.end()) {
            c.status = ClashStatus::New;
            records[c.id] = {
                c.id, std::string(toCode(c.kind)), c.aId, c.bId, now, now, "", ClashStatus::New};
            continue;
        }
        ReviewRecord& r = it->second;
        c.status = r.status == ClashStatus::Approved ? ClashStatus::Approved : ClashStatus::Active;
        r.status = c.status;
        r.kind = std::string(toCode(c.kind));
        r.lastSeen = now;
    }
    std::size_t resolved = 0, notRechecked = 0;
    for (auto& [id, r] : records) {
        if (seen.count(id) || r.status == ClashStatus::Resolved) continue;
        if (wasChecked && !(wasChecked(r.aId) && wasChecked(r.bId))) {
            ++notRechecked;
            continue;
        }
        r.status = ClashStatus::Resolved;
        ++resolved;
    }
    if (notRechecked)
        report.notes.push_back(
            std::to_string(notRechecked) +
            " clashes of earlier runs were not checked again (an object is not part of this run: "
            "skipped, another area or source, or without geometry); their status is kept");
    return resolved;
}

core::Result<std::size_t> updateReviewTable(io::detail::TableWriter& writer,
                                            const std::string& project, ClashReport& report,
                                            const WasChecked& wasChecked) {
    auto records = readReviewTable(writer.dataset(), project);
    if (!records) return std::unexpected(records.error());
    std::size_t resolved = applyReviews(*records, report, wasChecked);
    if (auto ok = writeReviewTable(writer, project, *records); !ok)
        return std::unexpected(ok.error());
    return resolved;
}

}  // namespace detail

WasChecked checkedInRun(const model::Dataset& ds, const ClashReport& report) {
    auto index = std::make_shared<std::unordered_set<std::string_view>>();
    auto built = std::make_shared<bool>(false);
    return [&ds, &report, index, built](const std::string& id) {
        if (!*built) {
            std::vector<bool> skip(ds.features.size(), false);
            for (auto i : report.uncheckedFeatures) skip[i] = true;
            index->reserve(ds.features.size());
            for (std::size_t i = 0; i < ds.features.size(); ++i)
                if (!skip[i]) index->insert(ds.features[i].id);
            *built = true;
        }
        return index->count(id) > 0;
    };
}

core::Result<std::map<std::string, ReviewRecord>> readReviews(const std::string& project) {
    auto ds = io::detail::openProjectTables(project, "to read clash reviews");
    if (!ds) return std::unexpected(ds.error());
    return detail::readReviewTable(**ds, project);
}

core::Result<std::size_t> applyAndStoreReviews(const std::string& project, ClashReport& report,
                                               const WasChecked& wasChecked) {
    auto writer = io::detail::TableWriter::open(project, "to store clash reviews");
    if (!writer) return std::unexpected(writer.error());
    auto resolved = detail::updateReviewTable(*writer, project, report, wasChecked);
    if (!resolved) return resolved;
    if (auto ok = writer->commit(); !ok) return std::unexpected(ok.error());
    return resolved;
}

core::Result<void> setReviewStatus(const std::string& project, const std::string& clashId,
                                   ClashStatus status, const std::string& note) {
    auto writer = io::detail::TableWriter::open(project, "to store the review");
    if (!writer) return std::unexpected(writer.error());
    auto records = detail::readReviewTable(writer->dataset(), project);
    if (!records) return std::unexpected(records.error());
    auto it = records->find(clashId);
    if (it == records->end())
        return core::fail(project, clashId,
                          "no such clash in the project's reviews (run bodem clash first)");
    it->second.status = status;
    if (!note.empty()) it->second.note = note;
    if (auto ok = detail::writeReviewTable(*writer, project, *records); !ok) return ok;
    return writer->commit();
}

}  // namespace bz::clash
