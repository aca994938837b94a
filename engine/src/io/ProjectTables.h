// The tables that tools keep in a project next to its objects (clash reviews, the last clash
// report, viewer bookmarks): reading them, and rewriting them safely (private).
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <bodemzicht/core/Error.h>
#include <bodemzicht/io/ProjectWrite.h>

namespace bz::io::detail {

// The project opened read-only for its tables; the error names the project, says what for
// (e.g. "to read bookmarks") and gives GDAL's reason.
core::Result<std::unique_ptr<GDALDataset>> openProjectTables(const std::string& project,
                                                             const std::string& purpose);

// One change to a project's tables: holds the project's write lock from open to commit (so what
// it reads is still true when it writes), and runs as one SQLite transaction that is rolled back
// unless commit() succeeds. Other processes see the old tables or the new ones, never a mix.
class TableWriter {
  public:
    static core::Result<TableWriter> open(const std::string& project, const std::string& purpose);
    TableWriter(TableWriter&&) noexcept = default;
    ~TableWriter();

    GDALDataset& dataset() { return *mDs; }
    // The table `name` emptied (or created) with at least these columns.
    core::Result<OGRLayer*> replace(const char* name,
                                    const std::vector<std::pair<const char*, OGRFieldType>>& columns,
                                    OGRSpatialReference* srs = nullptr,
                                    OGRwkbGeometryType geometry = wkbNone);
    core::Result<void> commit();

  private:
    TableWriter(ProjectWriteLock lock, std::unique_ptr<GDALDataset> ds, std::string project,
                std::string purpose)
        : mLock(std::move(lock)), mDs(std::move(ds)), mProject(std::move(project)),
          mPurpose(std::move(purpose)) {}
    ProjectWriteLock mLock;  // declared first: released after the dataset is closed
    std::unique_ptr<GDALDataset> mDs;
    std::string mProject, mPurpose;
    bool mOpen = true;  // a transaction is running
};

}  // namespace bz::io::detail
