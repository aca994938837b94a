#include <bodemzicht/clash/ReviewStore.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <vector>

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

}  // namespace

namespace detail {

core::Result<std::map<std::string, ReviewRecord>> reviewsOf(const std::optional<io::Table>& table,
                                                            const std::string& project) {
    std::map<std::string, ReviewRecord> out;
    if (!table) return out;
    const io::Table& t = *table;
    for (std::size_t row = 0; row < t.rows.size(); ++row) {
        ReviewRecord r;
        r.clashId = t.text(row, "clash_id");
        std::string status = t.text(row, "status");
        // A status this version does not know is somebody's decision it cannot represent:
        // refusing is better than rewriting it as "new".
        if (!clashStatusFromCode(status, r.status))
            return core::fail(project + " (table clash_review)", r.clashId,
                              "unknown review status '" + status +
                                  "' (known: new, active, resolved, approved)");
        r.kind = t.text(row, "kind");
        r.aId = t.text(row, "a_id");
        r.bId = t.text(row, "b_id");
        r.firstSeen = t.text(row, "first_seen");
        r.lastSeen = t.text(row, "last_seen");
        r.note = t.text(row, "note");
        out[r.clashId] = r;
    }
    return out;
}

core::Result<void> writeReviewTable(io::ProjectTableWriter& writer,
                                    const std::map<std::string, ReviewRecord>& records) {
    io::Table t;
    for (const char* n : kColumns) t.columns.push_back({n});
    for (const auto& [id, r] : records)
        t.addRow({r.clashId, std::string(toCode(r.status)), r.kind, r.aId, r.bId, r.firstSeen,
                  r.lastSeen, r.note});
    return writer.replace(kTable, t);
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

core::Result<std::size_t> updateReviewTable(io::ProjectTableWriter& writer, ClashReport& report,
                                            const WasChecked& wasChecked) {
    auto table = writer.read(kTable);
    if (!table) return std::unexpected(table.error());
    auto records = reviewsOf(*table, writer.project());
    if (!records) return std::unexpected(records.error());
    std::size_t resolved = applyReviews(*records, report, wasChecked);
    if (auto ok = writeReviewTable(writer, *records); !ok) return std::unexpected(ok.error());
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
    auto table = io::readProjectTable(project, kTable, "to read clash reviews");
    if (!table) return std::unexpected(table.error());
    return detail::reviewsOf(*table, project);
}

core::Result<std::size_t> applyAndStoreReviews(const std::string& project, ClashReport& report,
                                               const WasChecked& wasChecked) {
    auto writer = io::ProjectTableWriter::open(project, "to store clash reviews");
    if (!writer) return std::unexpected(writer.error());
    auto resolved = detail::updateReviewTable(*writer, report, wasChecked);
    if (!resolved) return resolved;
    if (auto ok = writer->commit(); !ok) return std::unexpected(ok.error());
    return resolved;
}

core::Result<void> setReviewStatus(const std::string& project, const std::string& clashId,
                                   ClashStatus status, const std::string& note) {
    auto writer = io::ProjectTableWriter::open(project, "to store the review");
    if (!writer) return std::unexpected(writer.error());
    auto table = writer->read(kTable);
    if (!table) return std::unexpected(table.error());
    auto records = detail::reviewsOf(*table, project);
    if (!records) return std::unexpected(records.error());
    auto it = records->find(clashId);
    if (it == records->end())
        return core::fail(project, clashId,
                          "no such clash in the project's reviews (run bodem clash first)");
    it->second.status = status;
    if (!note.empty()) it->second.note = note;
    if (auto ok = detail::writeReviewTable(*writer, *records); !ok) return ok;
    return writer->commit();
}

}  // namespace bz::clash
