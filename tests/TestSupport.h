// Helpers shared by the tests: scratch folders, fixture files, the shared sample data folder and
// running the command-line tools.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <bodemzicht/model/Dataset.h>

namespace bz::test {

// The first feature with this id, or null.
inline const model::Feature* featureById(const model::Dataset& ds, const std::string& id) {
    auto i = ds.find(id);
    return i ? &ds.features[*i] : nullptr;
}

// A fresh folder under the system temp dir, removed at the end of the scope.
class ScratchDir {
  public:
    explicit ScratchDir(const std::string& name) {
        std::random_device rd;
        mPath =
            std::filesystem::temp_directory_path() / ("bz_" + name + "_" + std::to_string(rd()));
        std::filesystem::create_directories(mPath);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(mPath, ec);
    }
    std::string file(const std::string& name) const { return (mPath / name).string(); }
    const std::filesystem::path& path() const { return mPath; }

  private:
    std::filesystem::path mPath;
};

inline std::string writeFile(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
    return path;
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// ../shared/data, or BODEMZICHT_SHARED_DATA from the environment.
inline std::string sharedData() {
    if (const char* env = std::getenv("BODEMZICHT_SHARED_DATA")) return env;
    return BODEMZICHT_SHARED_DATA;
}

struct CommandResult {
    int exitCode = -1;
    std::string output;  // stdout and stderr together
};

// Runs a shell command line, capturing its output.
inline CommandResult run(const std::string& command) {
    ScratchDir dir("cmd");
    std::string out = dir.file("out.txt");
    int status = std::system((command + " >" + out + " 2>&1").c_str());
    CommandResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.output = readFile(out);
    return r;
}

inline std::string bodem() {
    return std::string(BODEMZICHT_BINARY_DIR) + "/tools/bodem";
}

}  // namespace bz::test
