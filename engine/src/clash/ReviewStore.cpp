#include <bodemzicht/clash/ReviewStore.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <ctime>
#include <memory>

#include "../io/GdalErrors.h"
#include "../io/ProjectTables.h"

namespace bz::clash {

namespace {

constexpr const char* kTable = "clash_review";

std::string today() {
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&t));
    return buf;
}

core::Result<std::unique_ptr<GDALDataset>> openProject(const std::string& project, bool update) {
    return io::detail::openProjectTables(project, update, "for clash reviews");
}

std::string field(OGRFeature& f, const char* name) {
    int i = f.GetFieldIndex(name);
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : "";
}

std::map<std::string, ReviewRecord> readAll(OGRLayer* layer) {
    std::map<std::string, ReviewRecord> out;
    if (!layer) return out;
    layer->ResetReading();
    for (auto& f : *layer) {
        ReviewRecord r;
        r.clashId = field(*f, "clash_id");
        clashStatusFromCode(field(*f, "status"), r.status);
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

core::Result<void> writeAll(GDALDataset& ds, const std::string& project,
                            const std::map<std::string, ReviewRecord>& records) {
    io::detail::GdalErrorCapture errors;
    auto table = io::detail::replaceTable(ds, project, kTable);
    if (!table) return std::unexpected(table.error());
    OGRLayer* layer = *table;
    for (const char* n :
         {"clash_id", "status", "kind", "a_id", "b_id", "first_seen", "last_seen", "note"}) {
        OGRFieldDefn def(n, OFTString);
        layer->CreateField(&def);
    }
    ds.StartTransaction();
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
    if (ds.CommitTransaction() != OGRERR_NONE)
        return core::fail(project, "", "cannot store reviews" + errors.because(project));
    return {};
}

}  // namespace

core::Result<std::map<std::string, ReviewRecord>> readReviews(const std::string& project) {
    auto ds = openProject(project, false);
    if (!ds) return std::unexpected(ds.error());
    return readAll((*ds)->GetLayerByName(kTable));
}

core::Result<std::size_t> applyAndStoreReviews(const std::string& project, ClashReport& report) {
    auto ds = openProject(project, true);
    if (!ds) return std::unexpected(ds.error());
    auto records = readAll((*ds)->GetLayerByName(kTable));
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
    std::size_t resolved = 0;
    for (auto& [id, r] : records)
        if (!seen.count(id) && r.status != ClashStatus::Resolved) {
            r.status = ClashStatus::Resolved;
            ++resolved;
        }
    if (auto ok = writeAll(**ds, project, records); !ok) return std::unexpected(ok.error());
    return resolved;
}

core::Result<void> setReviewStatus(const std::string& project, const std::string& clashId,
                                   ClashStatus status, const std::string& note) {
    auto ds = openProject(project, true);
    if (!ds) return std::unexpected(ds.error());
    auto records = readAll((*ds)->GetLayerByName(kTable));
    auto it = records.find(clashId);
    if (it == records.end())
        return core::fail(project, clashId,
                          "no such clash in the project's reviews (run bodem clash first)");
    it->second.status = status;
    if (!note.empty()) it->second.note = note;
    return writeAll(**ds, project, records);
}

}  // namespace bz::clash
