// A project never loses data: failed writes of every kind leave it byte for byte as it was,
// --append keeps the project's tables, re-importing a source replaces it instead of doubling it,
// concurrent writers lose no update (docs/reliability.md).
#include <bodemzicht/clash/ClashReport.h>
#include <bodemzicht/clash/ReviewStore.h>
#include <bodemzicht/io/Bookmarks.h>
#include <bodemzicht/io/ProjectImport.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/ProjectWrite.h>
#include <bodemzicht/sample/SampleDistrict.h>

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "../TestSupport.h"

using namespace bz;

namespace {

std::string bytesOf(const std::string& path) {
    return test::readFile(path);
}

std::size_t featureCount(const std::string& project) {
    io::ImportReport report;
    auto ds = io::readProject(project, report);
    EXPECT_TRUE(ds) << (ds ? "" : ds.error().toString());
    EXPECT_EQ(report.skipped(), 0u) << report.summary();
    return ds ? ds->features.size() : 0;
}

// Two cables as a generic GeoJSON source; `extra` adds features, `shift` moves K2.
std::string cables(const std::string& path, double shift = 0, const std::string& extra = "") {
    char k2[256];
    std::snprintf(k2, sizeof k2, "[[251300, %.3f], [251320, %.3f]]", 476510 + shift,
                  476510 + shift);
    return test::writeFile(path, std::string(R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
 "features": [
  {"type": "Feature", "properties": {"id": "K1", "theme": "laagspanning", "owner": "Enexis", "status": "existing", "diameter_mm": 50, "depth_m": 0.7},
   "geometry": {"type": "LineString", "coordinates": [[251300, 476500], [251320, 476500]]}},
  {"type": "Feature", "properties": {"id": "K2", "theme": "laagspanning", "owner": "Enexis", "status": "existing", "diameter_mm": 50, "depth_m": 0.7},
   "geometry": {"type": "LineString", "coordinates": )") +
                                     k2 + "}}" + extra + "]}");
}

io::ImportRequest requestFor(std::vector<std::string> sources, bool append) {
    io::ImportRequest r;
    r.sources = std::move(sources);
    r.options.groundLevel = model::GroundLevel(10.0);
    r.append = append;
    return r;
}

// A project with reviews, bookmarks and a ground field, as the README's main flow leaves it.
struct ProjectWithDecisions {
    test::ScratchDir dir{"safety"};
    std::string project;
    ProjectWithDecisions() {
        auto p = sample::writeSampleDistrict(dir.path().string(), {});
        EXPECT_TRUE(p) << p.error().toString();
        project = *p;
        clash::ClashReport report;
        clash::Clash c;
        c.id = "C1";
        c.aId = "a";
        c.bId = "b";
        report.clashes.push_back(c);
        EXPECT_TRUE(clash::applyAndStoreReviews(project, report));
        EXPECT_TRUE(clash::setReviewStatus(project, "C1", clash::ClashStatus::Approved,
                                           "agreed with Enexis"));
        EXPECT_TRUE(io::writeBookmarks(project, {{"kruising", {1, 2, 3}, {4, 5, 6}, {0, 0, 1}}}));
    }
};

void expectDecisionsKept(const std::string& project) {
    auto reviews = clash::readReviews(project);
    ASSERT_TRUE(reviews) << reviews.error().toString();
    ASSERT_EQ(reviews->count("C1"), 1u);
    EXPECT_EQ(reviews->at("C1").note, "agreed with Enexis");
    EXPECT_EQ(reviews->at("C1").status, clash::ClashStatus::Approved);
    auto bookmarks = io::readBookmarks(project);
    ASSERT_TRUE(bookmarks) << bookmarks.error().toString();
    ASSERT_EQ(bookmarks->size(), 1u);
    EXPECT_EQ((*bookmarks)[0].name, "kruising");
}

}  // namespace

TEST(ProjectSafety, AFailedWriteLeavesTheProjectByteForByte) {
    ProjectWithDecisions p;
    std::string before = bytesOf(p.project);
    model::Dataset big = sample::generateDistrict({.blocks = 6});
    // Disk full: the child may write at most 64 kB more per file (RLIMIT_FSIZE), so the new
    // project cannot be completed.
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        signal(SIGXFSZ, SIG_IGN);
        rlimit lim{static_cast<rlim_t>(before.size() + 65536),
                   static_cast<rlim_t>(before.size() + 65536)};
        setrlimit(RLIMIT_FSIZE, &lim);
        auto ok = io::writeProject(big, p.project);
        _exit(ok ? 0
                 : (ok.error().message.find("the project is unchanged") != std::string::npos ? 7
                                                                                             : 8));
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 7) << "the write should fail and say the project is unchanged";
    EXPECT_EQ(bytesOf(p.project), before);
    expectDecisionsKept(p.project);
    // No temporary file is left behind.
    for (const auto& e : std::filesystem::directory_iterator(p.dir.path()))
        EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << e.path();

    // A source that does not exist: nothing is written.
    io::ImportReport report;
    auto typo =
        io::importIntoProject(p.project, requestFor({p.dir.file("nope.zip")}, true), report);
    ASSERT_FALSE(typo);
    EXPECT_NE(typo.error().message.find("the project is unchanged"), std::string::npos)
        << typo.error().toString();
    EXPECT_EQ(bytesOf(p.project), before);
    // The same without --append (it would have replaced the project's objects).
    auto typo2 =
        io::importIntoProject(p.project, requestFor({p.dir.file("nope.zip")}, false), report);
    ASSERT_FALSE(typo2);
    EXPECT_EQ(bytesOf(p.project), before);
}

TEST(ProjectSafety, AReadOnlyProjectIsRefusedNeverReplaced) {
    ProjectWithDecisions p;
    std::string before = bytesOf(p.project);
    ASSERT_EQ(chmod(p.project.c_str(), 0444), 0);
    model::Dataset other = sample::generateDistrict({.blocks = 1});
    auto w = io::writeProject(other, p.project);
    ASSERT_FALSE(w);
    EXPECT_NE(w.error().message.find("read-only"), std::string::npos) << w.error().toString();
    auto r = clash::setReviewStatus(p.project, "C1", clash::ClashStatus::Active, "x");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("read-only"), std::string::npos) << r.error().toString();
    EXPECT_FALSE(io::writeBookmarks(p.project, {}));
    EXPECT_EQ(bytesOf(p.project), before);
    chmod(p.project.c_str(), 0644);
    expectDecisionsKept(p.project);
}

TEST(ProjectSafety, KilledWritersLeaveTheOldOrTheNewProjectNeverAHalfOne) {
    ProjectWithDecisions p;
    const std::size_t oldCount = featureCount(p.project);
    model::Dataset big = sample::generateDistrict({.blocks = 4});
    std::mt19937 rng(42);
    std::size_t sawOld = 0, sawNew = 0;
    for (int trial = 0; trial < 12; ++trial) {
        pid_t child = fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            // Alternate between rewriting the objects and rewriting the tables.
            for (int k = 0;; ++k) {
                if (k % 2 == 0)
                    (void)io::writeProject(big, p.project);
                else
                    (void)clash::setReviewStatus(p.project, "C1", clash::ClashStatus::Approved,
                                                 "agreed with Enexis");
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 400));
        kill(child, SIGKILL);
        waitpid(child, nullptr, 0);
        std::size_t n = featureCount(p.project);
        EXPECT_TRUE(n == oldCount || n == big.features.size()) << n;
        (n == oldCount ? sawOld : sawNew)++;
        expectDecisionsKept(p.project);
    }
    EXPECT_GT(sawOld + sawNew, 0u);
    // The next write clears the temporary files the killed writers left.
    ASSERT_TRUE(io::writeProject(big, p.project));
    for (const auto& e : std::filesystem::directory_iterator(p.dir.path()))
        EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << e.path();
}

TEST(ProjectSafety, AppendKeepsReviewsBookmarksReportAndFieldPaths) {
    ProjectWithDecisions p;
    auto src = cables(p.dir.file("cables.geojson"));
    const std::size_t before = featureCount(p.project);
    // Run from another working directory: stored field paths must still resolve.
    auto cwd = std::filesystem::current_path();
    std::filesystem::current_path("/");
    io::ImportReport report;
    auto out = io::importIntoProject(p.project, requestFor({src}, true), report);
    std::filesystem::current_path(cwd);
    ASSERT_TRUE(out) << out.error().toString();
    EXPECT_EQ(out->features, before + 2);
    EXPECT_EQ(featureCount(p.project), before + 2);
    expectDecisionsKept(p.project);
    io::ImportReport rr;
    auto ds = io::readProject(p.project, rr);
    ASSERT_TRUE(ds);
    ASSERT_FALSE(ds->fields.empty());
    for (const auto& f : ds->fields)
        EXPECT_TRUE(std::filesystem::exists(f.path)) << f.name << " -> " << f.path;
    auto ground = io::openFieldRaster(*ds, "ground_level");
    ASSERT_TRUE(ground) << ground.error().toString();
    EXPECT_TRUE(ground->available());
}

TEST(ProjectSafety, ReimportingASourceReplacesItAndSaysWhatChanged) {
    test::ScratchDir dir("reimport");
    std::string project = dir.file("p.gpkg");
    auto src = cables(dir.file("cables.geojson"));
    io::ImportReport r1;
    ASSERT_TRUE(io::importIntoProject(project, requestFor({src}, true), r1));
    io::ImportReport r2;
    auto again = io::importIntoProject(project, requestFor({src}, true), r2);
    ASSERT_TRUE(again) << again.error().toString();
    EXPECT_EQ(featureCount(project), 2u);
    ASSERT_EQ(again->changes.size(), 1u);
    EXPECT_EQ(again->changes[0].key, "cables.geojson");
    EXPECT_EQ(again->changes[0].unchanged, 2u);
    EXPECT_EQ(again->changes[0].added + again->changes[0].removed + again->changes[0].changed, 0u);

    // A newer version of the same file: K2 moved, K3 new. And a second source stays as it is.
    auto other = cables(dir.file("other.geojson"));
    io::ImportReport r3;
    ASSERT_TRUE(io::importIntoProject(project, requestFor({other}, true), r3));
    cables(
        src, 1.0,
        R"(, {"type": "Feature", "properties": {"id": "K3", "theme": "water", "owner": "Vitens", "status": "existing", "diameter_mm": 110, "depth_m": 1.0},
   "geometry": {"type": "LineString", "coordinates": [[251300, 476520], [251320, 476520]]}})");
    io::ImportReport r4;
    auto newer = io::importIntoProject(project, requestFor({src}, true), r4);
    ASSERT_TRUE(newer) << newer.error().toString();
    ASSERT_EQ(newer->changes.size(), 1u);
    EXPECT_EQ(newer->changes[0].added, 1u);
    EXPECT_EQ(newer->changes[0].changed, 1u);
    EXPECT_EQ(newer->changes[0].unchanged, 1u);
    EXPECT_EQ(featureCount(project), 5u);  // K1..K3 of cables, K1, K2 of other

    // One object less: removed.
    cables(src);
    io::ImportReport r5;
    auto fewer = io::importIntoProject(project, requestFor({src}, true), r5);
    ASSERT_TRUE(fewer);
    EXPECT_EQ(fewer->changes[0].removed, 1u);
    EXPECT_EQ(fewer->changes[0].changed, 1u);
    EXPECT_EQ(featureCount(project), 4u);
}

TEST(ProjectSafety, ANewerKlicDeliveryOfTheSameRequestReplacesTheOlder) {
    test::ScratchDir dir("klic_versions");
    std::string v1 = dir.file("Levering_22G003180_1.zip"),
                v2 = dir.file("Levering_22G003180_2.zip");
    std::filesystem::copy(test::sharedData() + "/klic/Levering_22G003180_1.zip", v1);
    std::filesystem::copy(v1, v2);
    EXPECT_EQ(io::sourceKey(v1), "klic:22G003180");
    EXPECT_EQ(io::sourceKey("/x/b4udignl_22G064233_1_GI_small.xml"), "klic:22G064233");
    EXPECT_EQ(io::sourceKey("/x/Levering_22O000518_12.zip"), "klic:22O000518");
    EXPECT_EQ(io::sourceKey("/x/cables_2021.geojson"), "cables_2021.geojson");
    std::string project = dir.file("p.gpkg");
    io::ImportReport r1, r2;
    ASSERT_TRUE(io::importIntoProject(project, requestFor({v1}, true), r1));
    const std::size_t n = featureCount(project);
    ASSERT_GT(n, 10u);
    auto second = io::importIntoProject(project, requestFor({v2}, true), r2);
    ASSERT_TRUE(second) << second.error().toString();
    EXPECT_EQ(featureCount(project), n);
    EXPECT_EQ(second->changes[0].unchanged, n);
}

TEST(ProjectSafety, RepeatedIdsWithinOneSourceAreReportedNotMerged) {
    test::ScratchDir dir("dup_ids");
    auto src = cables(
        dir.file("dup.geojson"), 0,
        R"(, {"type": "Feature", "properties": {"id": "K1", "theme": "water", "owner": "Vitens", "status": "existing", "diameter_mm": 110, "depth_m": 1.0},
   "geometry": {"type": "LineString", "coordinates": [[251300, 476520], [251320, 476520]]}})");
    io::ImportReport report;
    auto out = io::importIntoProject(dir.file("p.gpkg"), requestFor({src}, false), report);
    ASSERT_TRUE(out);
    EXPECT_EQ(out->features, 2u);
    EXPECT_EQ(report.skipped(), 1u);
    EXPECT_NE(report.summary().find("feature 'K1': id repeated in the source"), std::string::npos)
        << report.summary();
    // --strict: the skip is an error and nothing is written.
    io::ImportReport strictReport;
    auto req = requestFor({src}, false);
    req.strict = true;
    auto strict = io::importIntoProject(dir.file("q.gpkg"), req, strictReport);
    ASSERT_FALSE(strict);
    EXPECT_NE(strict.error().message.find("--strict"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(dir.file("q.gpkg")));
}

TEST(ProjectSafety, ConcurrentReviewersInThreadsAndProcessesLoseNoNote) {
    ProjectWithDecisions p;
    clash::ClashReport report;
    for (int i = 0; i < 20; ++i) {
        clash::Clash c;
        c.id = "X" + std::to_string(i);
        report.clashes.push_back(c);
    }
    ASSERT_TRUE(clash::applyAndStoreReviews(p.project, report));
    // 10 processes and 10 threads at once, each with its own note.
    std::vector<pid_t> children;
    for (int i = 0; i < 10; ++i) {
        pid_t c = fork();
        if (c == 0) {
            auto ok =
                clash::setReviewStatus(p.project, "X" + std::to_string(i),
                                       clash::ClashStatus::Approved, "note " + std::to_string(i));
            _exit(ok ? 0 : 1);
        }
        children.push_back(c);
    }
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int i = 10; i < 20; ++i)
        threads.emplace_back([&, i] {
            if (!clash::setReviewStatus(p.project, "X" + std::to_string(i),
                                        clash::ClashStatus::Approved, "note " + std::to_string(i)))
                ++failures;
        });
    for (auto& t : threads) t.join();
    for (pid_t c : children) {
        int status = 0;
        waitpid(c, &status, 0);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    EXPECT_EQ(failures, 0);
    auto reviews = clash::readReviews(p.project);
    ASSERT_TRUE(reviews);
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(reviews->at("X" + std::to_string(i)).note, "note " + std::to_string(i)) << i;
}

TEST(ProjectSafety, AWriterWaitsForTheLockAndGivesUpWithAClearError) {
    test::ScratchDir dir("lock");
    std::string project = dir.file("p.gpkg");
    auto held = io::ProjectWriteLock::acquire(project, "to test");
    ASSERT_TRUE(held);
    // Re-entrant in the holding thread.
    EXPECT_TRUE(io::ProjectWriteLock::acquire(project, "again", 0.1));
    pid_t child = fork();
    if (child == 0) {
        auto other = io::ProjectWriteLock::acquire(project, "to store bookmarks", 0.3);
        _exit(!other && other.error().message.find("another process or window is writing") !=
                            std::string::npos
                  ? 0
                  : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(ProjectSafety, NoProjectPathIsRefusedAndLocksNothing) {
    test::ScratchDir dir("nolock");
    const auto before = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    auto none = io::ProjectWriteLock::acquire("", "to store bookmarks", 0.1);
    const bool leftALock = std::filesystem::exists(".lock");
    std::filesystem::current_path(before);
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("no project file"), std::string::npos);
    EXPECT_FALSE(leftALock);
}

TEST(ProjectSafety, AnUnknownStoredReviewStatusIsAnErrorNotNew) {
    ProjectWithDecisions p;
    // Another version wrote a status this one does not know.
    auto r =
        test::run("ogrinfo -q -sql \"UPDATE clash_review SET status = 'deferred'\" " + p.project);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    auto reviews = clash::readReviews(p.project);
    ASSERT_FALSE(reviews);
    EXPECT_NE(reviews.error().message.find("unknown review status 'deferred'"), std::string::npos)
        << reviews.error().toString();
    std::string before = bytesOf(p.project);
    EXPECT_FALSE(clash::setReviewStatus(p.project, "C1", clash::ClashStatus::Active, ""));
    EXPECT_EQ(bytesOf(p.project), before);
}
