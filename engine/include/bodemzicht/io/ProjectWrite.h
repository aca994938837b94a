// Safe writes to a project file. A project holds a municipality's decisions, so:
//  * every writer of one project (import, clash, review, the viewer's bookmarks), in any process,
//    holds its write lock while it reads what it changes and writes it back: no lost update;
//  * a project is never half-written: objects are written to a new file in the same folder that
//    is moved over the old one in one rename, tables are rewritten in one SQLite transaction;
//  * a read-only project is refused, never replaced.
// docs/reliability.md lists the guarantees and the tests that show them.
#pragma once

#include <string>

#include <bodemzicht/core/Error.h>

namespace bz::io {

// An exclusive advisory lock (flock) on PROJECT.lock beside the project, shared by every process
// that writes the project. Re-entrant within one thread; other threads of the process wait too.
class ProjectWriteLock {
  public:
    // Waits up to `timeoutS` (default: BODEMZICHT_LOCK_TIMEOUT_S or 60 s) for other writers.
    static core::Result<ProjectWriteLock> acquire(const std::string& project,
                                                  const std::string& purpose,
                                                  double timeoutS = -1);
    ProjectWriteLock(ProjectWriteLock&& other) noexcept;
    ProjectWriteLock& operator=(ProjectWriteLock&&) = delete;
    ~ProjectWriteLock();

  private:
    explicit ProjectWriteLock(std::string key) : mKey(std::move(key)) {}
    std::string mKey;  // empty once moved from
};

// An existing project that may not be written (no write permission bit, not a regular file) is
// an error that says so; a missing one is fine (it will be created).
core::Result<void> checkProjectWritable(const std::string& project, const std::string& purpose);

// Makes `tmp` (a complete file in the same folder) the project in one atomic rename, with the
// data flushed to disk first, so a crash leaves either the old or the new project.
core::Result<void> replaceAtomically(const std::string& tmp, const std::string& project);

// After a writer was killed mid-transaction, SQLite leaves PROJECT-journal, which only a writer
// can roll back: read-only openers would fail ("attempt to write a readonly database"). This
// rolls it back under the write lock (so a live writer's journal is never touched), leaving the
// project as it was before the interrupted write. A no-op when there is no journal or the source
// is not a local file.
void recoverInterruptedWrite(const std::string& project);

// Removes the temporary files of writers that were killed (their process is gone); call with the
// write lock held.
void removeStaleTemporaries(const std::string& project);

// A fresh name for a temporary file beside `project` (PROJECT.tmp-PID-N).
std::string temporarySibling(const std::string& project);

}  // namespace bz::io
