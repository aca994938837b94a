#include "ViewerState.h"

#include <bodemzicht/clash/ReportWriter.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/sample/SampleDistrict.h>

#include <cstdlib>
#include <filesystem>

namespace bz::app {

core::Result<void> openProject(ViewerState& state, const std::string& project,
                               const std::string& clashReport) {
    state.projectPath = project;
    auto ds = io::readProject(project, state.loadReport);
    if (!ds) return std::unexpected(ds.error());
    state.dataset = std::move(*ds);
    state.summary = model::summarize(state.dataset);
    auto ground = io::openFieldRaster(state.dataset, "ground_level");
    if (!ground) return std::unexpected(ground.error());
    state.ground = std::move(*ground);
    if (!clashReport.empty()) {
        auto report = clash::readCsv(clashReport);
        if (!report) return std::unexpected(report.error());
        state.clashes = std::move(*report);
        for (const auto& c : state.clashes.clashes)
            state.options.clashes.push_back(
                {c.location(), std::string(clash::toCode(c.kind)), c.id});
    }
    return {};
}

core::Result<std::string> bundledSample() {
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"))
        base = xdg;
    else if (const char* home = std::getenv("HOME"))
        base = std::filesystem::path(home) / ".cache";
    else
        base = std::filesystem::temp_directory_path();
    auto dir = base / "bodemzicht" / "sample";
    auto project = dir / "district.gpkg";
    if (std::filesystem::exists(project)) return project.string();
    return sample::writeSampleDistrict(dir.string(), {});
}

const char* tr(const ViewerState& s, const char* dutch, const char* english) {
    return s.dutch ? dutch : english;
}

}  // namespace bz::app
