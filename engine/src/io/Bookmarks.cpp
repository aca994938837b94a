#include <bodemzicht/io/Bookmarks.h>
#include <bodemzicht/io/Table.h>

#include <cmath>

namespace bz::io {

namespace {

constexpr const char* kBookmarksTable = "viewer_bookmarks";
constexpr const char* kNumbers[] = {"px", "py", "pz", "fx", "fy", "fz", "ux", "uy", "uz"};

}  // namespace

core::Result<std::vector<CameraBookmark>> readBookmarks(const std::string& project) {
    auto table = readProjectTable(project, kBookmarksTable, "to read bookmarks");
    if (!table) return std::unexpected(table.error());
    std::vector<CameraBookmark> out;
    if (!*table) return out;
    const Table& t = **table;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        CameraBookmark b;
        b.name = t.text(r, "name");
        double v[9];
        for (int i = 0; i < 9; ++i) {
            v[i] = t.number(r, kNumbers[i]);
            if (!std::isfinite(v[i]))
                return core::fail(
                    project, b.name,
                    std::string("bookmark without ") + kNumbers[i] + " in " + kBookmarksTable);
        }
        b.position = {v[0], v[1], v[2]};
        b.focalPoint = {v[3], v[4], v[5]};
        b.viewUp = {v[6], v[7], v[8]};
        out.push_back(std::move(b));
    }
    return out;
}

core::Result<void> writeBookmarks(const std::string& project,
                                  const std::vector<CameraBookmark>& bookmarks) {
    auto writer = ProjectTableWriter::open(project, "to store bookmarks");
    if (!writer) return std::unexpected(writer.error());
    Table t;
    t.columns.push_back({"name"});
    for (const char* n : kNumbers) t.columns.push_back({n, ColumnType::Real, 9});
    for (const auto& b : bookmarks)
        t.addRow({b.name, b.position.x, b.position.y, b.position.z, b.focalPoint.x, b.focalPoint.y,
                  b.focalPoint.z, b.viewUp.x, b.viewUp.y, b.viewUp.z});
    if (auto ok = writer->replace(kBookmarksTable, t); !ok) return ok;
    return writer->commit();
}

}  // namespace bz::io
