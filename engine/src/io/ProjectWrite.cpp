#include <bodemzicht/io/ProjectWrite.h>

#include <bodemzicht/core/Parse.h>

#include <gdal.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace bz::io {

namespace {

namespace fs = std::filesystem;

// One entry per project this process holds: the lock file's descriptor, how often the owning
// thread has taken it, and a mutex that keeps the process's other threads out meanwhile.
struct Held {
    std::recursive_timed_mutex threads;
    int fd = -1;
    int depth = 0;
};

std::mutex gRegistryMutex;
std::map<std::string, std::unique_ptr<Held>>& registry() {
    static std::map<std::string, std::unique_ptr<Held>> r;
    return r;
}

std::string lockKey(const std::string& project) {
    std::error_code ec;
    fs::path p = fs::absolute(project, ec);
    return (ec ? fs::path(project) : p.lexically_normal()).string();
}

double defaultTimeout() {
    if (const char* env = std::getenv("BODEMZICHT_LOCK_TIMEOUT_S")) {
        char* end = nullptr;
        double v = std::strtod(env, &end);
        if (end != env && *end == 0 && v >= 0 && v < 86400) return v;
    }
    return 60;
}

Held& entryFor(const std::string& key) {
    std::lock_guard g(gRegistryMutex);
    auto& slot = registry()[key];
    if (!slot) slot = std::make_unique<Held>();
    return *slot;
}

}  // namespace

core::Result<ProjectWriteLock> ProjectWriteLock::acquire(const std::string& project,
                                                         const std::string& purpose,
                                                         double timeoutS) {
    if (timeoutS < 0) timeoutS = defaultTimeout();
    // An empty path would lock (and leave a ".lock" in) the current folder.
    if (project.empty()) return core::fail("", "", "cannot write " + purpose + ": no project file");
    const std::string key = lockKey(project);
    Held& held = entryFor(key);
    auto deadline = std::chrono::steady_clock::now() +
                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                        std::chrono::duration<double>(timeoutS));
    auto busy = [&] {
        return core::fail(project, "",
                          "another process or window is writing the project; gave up waiting " +
                              purpose + " after " + std::to_string(static_cast<int>(timeoutS)) +
                              " s (BODEMZICHT_LOCK_TIMEOUT_S sets the wait)");
    };
    if (!held.threads.try_lock_until(deadline)) return busy();
    if (held.depth == 0) {
        std::string lockPath = key + ".lock";
        int fd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) {
            int err = errno;
            held.threads.unlock();
            return core::fail(project, "",
                              "cannot write the project " + purpose + ": cannot create its lock " +
                                  lockPath + ": " + std::strerror(err));
        }
        for (;;) {
            if (::flock(fd, LOCK_EX | LOCK_NB) == 0) break;
            if (errno != EWOULDBLOCK && errno != EINTR) {
                int err = errno;
                ::close(fd);
                held.threads.unlock();
                return core::fail(project, "",
                                  "cannot lock the project " + purpose + ": " + std::strerror(err));
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                ::close(fd);
                held.threads.unlock();
                return busy();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        held.fd = fd;
    }
    ++held.depth;
    return ProjectWriteLock(key);
}

ProjectWriteLock::ProjectWriteLock(ProjectWriteLock&& other) noexcept
    : mKey(std::move(other.mKey)) {
    other.mKey.clear();
}

ProjectWriteLock::~ProjectWriteLock() {
    if (mKey.empty()) return;
    Held& held = entryFor(mKey);
    if (--held.depth == 0) {
        ::flock(held.fd, LOCK_UN);
        ::close(held.fd);
        held.fd = -1;
    }
    held.threads.unlock();
}

core::Result<void> checkProjectWritable(const std::string& project, const std::string& purpose) {
    struct stat st {};
    if (::stat(project.c_str(), &st) != 0) {
        if (errno == ENOENT) return {};
        return core::fail(project, "",
                          "cannot write the project " + purpose + ": " + std::strerror(errno));
    }
    if (!S_ISREG(st.st_mode))
        return core::fail(project, "",
                          "cannot write the project " + purpose + ": not a regular file");
    // The permission bits, not access(): root may write anything, but a project made read-only
    // by its owner is meant to stay as it is.
    if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || ::access(project.c_str(), W_OK) != 0)
        return core::fail(project, "",
                          "the project is read-only; not changed (make it writable to " +
                              purpose.substr(purpose.find(' ') + 1) + ")");
    return {};
}

void recoverInterruptedWrite(const std::string& project) {
    std::error_code ec;
    if (!fs::exists(project + "-journal", ec) || !fs::is_regular_file(project, ec)) return;
    auto lock = ProjectWriteLock::acquire(project, "to finish an interrupted write");
    if (!lock) return;  // a writer is busy: its journal is no leftover
    if (!fs::exists(project + "-journal", ec)) return;
    // SQLite rolls a hot journal back on the first read of a writable connection.
    GDALDatasetH ds =
        GDALOpenEx(project.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr);
    if (ds) GDALClose(ds);
}

void removeStaleTemporaries(const std::string& project) {
    // PROJECT.tmp-PID-N of a writer that was killed: its process is gone.
    std::error_code ec;
    fs::path p(project);
    fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    const std::string prefix = p.filename().string() + ".tmp-";
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::string name = e.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        // PROJECT.tmp-PID-N: the PID up to the next dash, checked (a name that is not ours stays).
        std::string_view rest = std::string_view(name).substr(prefix.size());
        auto pid = core::parseInt(rest.substr(0, rest.find('-')));
        if (pid && *pid > 0 && ::kill(static_cast<pid_t>(*pid), 0) != 0 && errno == ESRCH)
            fs::remove(e.path(), ec);
    }
}

std::string temporarySibling(const std::string& project) {
    static std::atomic<unsigned> counter{0};
    return project + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

core::Result<void> replaceAtomically(const std::string& tmp, const std::string& project) {
    auto syncPath = [](const std::string& path, int flags) {
        int fd = ::open(path.c_str(), flags | O_CLOEXEC);
        if (fd < 0) return false;
        bool ok = ::fsync(fd) == 0;
        ::close(fd);
        return ok;
    };
    if (!syncPath(tmp, O_RDONLY))
        return core::fail(
            project, "",
            "cannot flush the new project file to disk: " + std::string(std::strerror(errno)));
    if (::rename(tmp.c_str(), project.c_str()) != 0)
        return core::fail(
            project, "",
            "cannot move the new project file into place: " + std::string(std::strerror(errno)));
    fs::path dir = fs::path(project).parent_path();
    syncPath(dir.empty() ? "." : dir.string(), O_RDONLY | O_DIRECTORY);
    return {};
}

}  // namespace bz::io
