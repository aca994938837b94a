// The `bodem` command line, run as a user would, with its output and exit status checked.
#include <bodemzicht/clash/ReportStore.h>
#include <bodemzicht/clash/ReviewStore.h>
#include <bodemzicht/io/Raster.h>
#include <bodemzicht/io/StreetStore.h>
#include <bodemzicht/io/Table.h>

#include <cpl_vsi.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "../TestSupport.h"

using namespace bz::test;

namespace {

const std::string& sampleProject() {
    // One sample for the whole binary (each test reads it; clash runs store reviews in a copy).
    static ScratchDir dir("cli_sample");
    static std::string project = [] {
        auto r = run(bodem() + " sample --out " + dir.path().string());
        EXPECT_EQ(r.exitCode, 0) << r.output;
        return dir.file("district.gpkg");
    }();
    return project;
}

}  // namespace

TEST(BodemCli, InfoShowsEveryObjectKindThemesExtentAndProvenance) {
    auto r = run(bodem() + " info " + sampleProject());
    ASSERT_EQ(r.exitCode, 0) << r.output;
    for (const char* expected :
         {"features: 1679  network segments: 6698", "extent (EPSG:7415): x 251194.38 .. 251493.62",
          "  klic: 1238", "  sewer_pipe: 276", "  tree: 84", "  well: 2", "  contamination_zone: 2",
          "  warmte                              0       48        0",
          "depth provenance, network vertices:", "  assumed        6498   78.7 %", "problems: none",
          "  ground_level: raster", "  total: 1679 loaded, 0 skipped"})
        EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
}

TEST(BodemCli, ImportReportsLoadedAndSkippedWithReasons) {
    ScratchDir dir("cli_import");
    writeFile(dir.file("cables.geojson"), R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
 "features": [
  {"type": "Feature", "properties": {"id": "K1", "theme": "laagspanning", "owner": "Enexis", "status": "existing", "diameter_mm": 50, "year": 1990, "depth_m": 0.7},
   "geometry": {"type": "LineString", "coordinates": [[251300, 476500], [251320, 476500]]}},
  {"type": "Feature", "properties": {"id": "K2", "theme": "laagspanning", "owner": "Enexis", "status": "existing", "diameter_mm": -5, "year": 1990},
   "geometry": {"type": "LineString", "coordinates": [[251300, 476501], [251320, 476501]]}}]})");
    auto r = run(bodem() + " import " + dir.file("cables.geojson") + " --into " +
                 dir.file("p.gpkg") + " --ground-level 24.1");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("ground level: constant 24.10 m NAP"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("  cables: 1 loaded, 1 skipped"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(dir.file("cables.geojson") +
                            ": feature 'K2': diameter_mm is negative (-5.000000)"),
              std::string::npos)
        << r.output;
    auto info = run(bodem() + " info " + dir.file("p.gpkg"));
    EXPECT_NE(info.output.find("features: 1  network segments: 1"), std::string::npos)
        << info.output;
    // A file that is not what its name says: an error, and nothing is written.
    writeFile(dir.file("broken.gpkg"), "garbage");
    auto bad =
        run(bodem() + " import " + dir.file("broken.gpkg") + " --into " + dir.file("q.gpkg"));
    EXPECT_EQ(bad.exitCode, 1) << bad.output;
    EXPECT_NE(bad.output.find("broken.gpkg: cannot be read as a vector data source"),
              std::string::npos)
        << bad.output;
    EXPECT_NE(bad.output.find("nothing was imported, the project is unchanged"), std::string::npos)
        << bad.output;
    EXPECT_FALSE(std::filesystem::exists(dir.file("q.gpkg")));
}

TEST(BodemCli, ClashWritesReportsAndRemembersReviews) {
    ScratchDir dir("cli_clash");
    std::filesystem::copy(std::filesystem::path(sampleProject()).parent_path(), dir.path(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
    std::string project = dir.file("district.gpkg");
    auto r = run(bodem() + " clash " + project + " --out " + dir.file("c.csv") + " --geojson " +
                 dir.file("c.geojson") + " --timings");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    for (const char* expected :
         {"rules: Bodemzicht NL default", "clashes: 461 (checked 62 features",
          "by kind:  clearance 236  constraint 36  hard 115  possible 74", "by status:  new 461",
          "by certainty (depth and position bands):  certain 176  likely 174  possible 74",
          "  Vitens                          103  (clearance 75 hard 4 possible 24)",
          "groundwater: 1 proposal digs 16.6 m3 below the lowest groundwater level (dewatering)",
          "timings: load"})
        EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
    auto csv = readFile(dir.file("c.csv"));
    EXPECT_EQ(csv.rfind("clash_id,group_id,kind,status,a_id,b_id,", 0), 0u);
    EXPECT_NE(
        csv.find(",worst_shift_m,certainty,probability,a_attributes,b_attributes,substance,"
                 "excavated_m3,excavated_contaminated_m3,max_concentration,unit,below_glg_m3\n"),
        std::string::npos);
    EXPECT_NE(csv.find(",certain,1.000,,,,,,,,\n"), std::string::npos);
    // What the heat trench digs out of the sample's lead plume: its own row, with the volumes.
    EXPECT_NE(csv.find(",constraint,new,lood@contamination_plume,WN-SLEUF-0_1,"),
              std::string::npos);
    auto sure = run(bodem() + " clash " + project + " --no-review --fail-on certain");
    EXPECT_EQ(sure.exitCode, 3) << sure.output;
    // Second run: nothing is new any more.
    auto again = run(bodem() + " clash " + project + " --fail-on hard");
    EXPECT_EQ(again.exitCode, 3) << again.output;
    EXPECT_NE(again.output.find("by status:  active 461"), std::string::npos) << again.output;
    EXPECT_NE(again.output.find("failing: found hard clashes (--fail-on hard)"), std::string::npos);
    // Approve one clash: it stays approved and no longer fails the pipeline... only that one.
    std::string firstId = csv.substr(csv.find('\n') + 1, 13);
    auto review = run(bodem() + " review " + project + " " + firstId +
                      " --status approved --note \"sleeve\"");
    ASSERT_EQ(review.exitCode, 0) << review.output;
    auto third = run(bodem() + " clash " + project);
    EXPECT_NE(third.output.find("by status:  active 460  approved 1"), std::string::npos)
        << third.output;
    // The last run's report is kept in the project, for the viewer.
    auto stored = bz::clash::readStoredReport(project);
    ASSERT_TRUE(stored && stored->has_value());
    EXPECT_EQ((*stored)->clashes.size(), 461u);
    std::size_t approved = 0;
    for (const auto& c : (*stored)->clashes)
        approved += c.status == bz::clash::ClashStatus::Approved;
    EXPECT_EQ(approved, 1u);
}

TEST(BodemCli, ClashOptionsAndBadRules) {
    ScratchDir dir("cli_rules");
    auto uniform = run(bodem() + " clash " + sampleProject() +
                       " --clearance 0.5 --no-review --out " + dir.file("u.csv"));
    ASSERT_EQ(uniform.exitCode, 0) << uniform.output;
    EXPECT_EQ(readFile(dir.file("u.csv")).find("trees.distance_from_stem_m"), std::string::npos);
    EXPECT_NE(readFile(dir.file("u.csv")).find(",--clearance,"), std::string::npos);
    writeFile(dir.file("bad.toml"),
              "[[clearance]]\na = \"warmte\"\nb = \"gasLageDruk\"\nparallel_m = -1\n");
    auto bad =
        run(bodem() + " clash " + sampleProject() + " --no-review --rules " + dir.file("bad.toml"));
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.output.find(
                  "bad.toml: line 4, key 'clearance[1].parallel_m': negative value -1.000000"),
              std::string::npos)
        << bad.output;
    auto self = run(bodem() + " clash " + sampleProject() + " --self --no-review");
    EXPECT_EQ(self.exitCode, 0) << self.output;
    EXPECT_NE(self.output.find("clashes:"), std::string::npos);
}

TEST(BodemCli, ClashReadsGenericSourcesToo) {
    ScratchDir dir("cli_generic");
    writeFile(dir.file("net.geojson"), R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
 "features": [
  {"type": "Feature", "properties": {"id": "E1", "theme": "water", "owner": "Vitens", "status": "existing", "diameter_mm": 110, "year": 1970},
   "geometry": {"type": "LineString", "coordinates": [[155000, 462995, 4], [155000, 463005, 4]]}},
  {"type": "Feature", "properties": {"id": "P1", "theme": "warmte", "owner": "Warmtebedrijf", "status": "proposed", "diameter_mm": 250, "year": 2027},
   "geometry": {"type": "LineString", "coordinates": [[154995, 463000.3, 4], [155005, 463000.3, 4]]}}]})");
    auto r = run(bodem() + " clash " + dir.file("net.geojson") + " --out " + dir.file("c.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    auto csv = readFile(dir.file("c.csv"));
    EXPECT_NE(csv.find(",hard,new,E1,P1,water,warmte,Vitens,Warmtebedrijf,pipe,heat_pipe,"),
              std::string::npos)
        << csv;
}

TEST(BodemCli, BenchRunsOnASmallDistrict) {
    auto r = run(bodem() + " bench clash --segments 20000 --proposal 2000 --rechecks 5");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("target     segments proposal"), std::string::npos) << r.output;
}

TEST(BodemCli, KlicDeliveryImportsIntoAProjectAndIntoTheClashCheck) {
    ScratchDir dir("cli_klic");
    std::string zip = sharedData() + "/klic/Levering_22G003180_1.zip";
    auto r = run(bodem() + " import " + zip + " --into " + dir.file("klic.gpkg") +
                 " --ground-level 11.5");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("imkl:Elektriciteitskabel: 16 loaded, 0 skipped"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("ground level for depths below maaiveld: constant 11.50 m NAP"),
              std::string::npos);
    auto info = run(bodem() + " info " + dir.file("klic.gpkg"));
    for (const char* expected : {"  middenspanning", "  laagspanning", "  gasLageDruk",
                                 "depth provenance, network vertices:"})
        EXPECT_NE(info.output.find(expected), std::string::npos) << expected << "\n" << info.output;
    // A proposed cable drawn across the delivery area, checked directly against the zip.
    writeFile(dir.file("plan.geojson"), R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
 "features": [{"type": "Feature", "properties": {"id": "PLAN-1", "theme": "laagspanning", "owner": "Test", "status": "proposed", "diameter_mm": 50, "year": 2027, "depth_m": 0.7},
   "geometry": {"type": "LineString", "coordinates": [[111700, 526150], [111720, 526300]]}}]})");
    auto c = run(bodem() + " clash " + zip + " " + dir.file("plan.geojson") +
                 " --ground-level 11.5 --out " + dir.file("c.csv"));
    ASSERT_EQ(c.exitCode, 0) << c.output;
    EXPECT_NE(c.output.find("checked 1 features against"), std::string::npos) << c.output;
}

TEST(BodemCli, FormatsAreListedAndTheirOptionsTakenFromTheCommandLine) {
    auto f = run(bodem() + " import --formats");
    ASSERT_EQ(f.exitCode, 0) << f.output;
    for (const char* expected :
         {"klic  KLIC delivery", "gwsw-turtle  GWSW-OroX", "gwsw-gis  GWSW sewer pipes",
          "trees  municipal tree register", "project  Bodemzicht project", "generic  any GDAL",
          "--option klic.depth-point-snap-m=NUMBER", "[rule set: defaults.depth_point_snap_m]",
          "--option generic.layer=TEXT"})
        EXPECT_NE(f.output.find(expected), std::string::npos) << expected << "\n" << f.output;
    ScratchDir dir("cli_formats");
    std::string zip = sharedData() + "/klic/Levering_22G003180_1.zip";
    // The flat ground assumed where a delivery gives none, from the command line.
    auto given = run(bodem() + " import " + zip + " --into " + dir.file("b.gpkg") +
                     " --option klic.assumed-ground-m=3.25");
    ASSERT_EQ(given.exitCode, 0) << given.output;
    EXPECT_NE(given.output.find("ASSUMED flat ground at 3.25 m NAP"), std::string::npos)
        << given.output;
    auto bad =
        run(bodem() + " import " + zip + " --into " + dir.file("c.gpkg") + " --option klic.snap=2");
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.output.find("klic::open(): " + zip + ": unknown option 'klic.snap'"),
              std::string::npos)
        << bad.output;
    EXPECT_FALSE(std::filesystem::exists(dir.file("c.gpkg")));
}

TEST(BodemCli, TwentyParallelReviewsKeepEveryNoteAndKilledClashRunsLoseNone) {
    ScratchDir dir("cli_parallel");
    std::filesystem::copy(std::filesystem::path(sampleProject()).parent_path(), dir.path(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
    std::string project = dir.file("district.gpkg");
    ASSERT_EQ(run(bodem() + " clash " + project + " --out " + dir.file("c.csv")).exitCode, 0);
    std::vector<std::string> ids;
    std::istringstream csv(readFile(dir.file("c.csv")));
    std::string line;
    std::getline(csv, line);
    while (ids.size() < 20 && std::getline(csv, line))
        ids.push_back(line.substr(0, line.find(',')));
    ASSERT_EQ(ids.size(), 20u);
    // 20 processes at once, each with its own note (and a clash run in between).
    std::string script = "(";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        script += bodem() + " review " + project + " " + ids[i] + " --status approved --note n" +
                  std::to_string(i) + " & ";
        if (i == 10) script += bodem() + " clash " + project + " >/dev/null & ";
    }
    script += "wait)";
    auto r = run(script);
    EXPECT_EQ(r.exitCode, 0) << r.output;
    auto reviews = bz::clash::readReviews(project);
    ASSERT_TRUE(reviews) << reviews.error().toString();
    for (std::size_t i = 0; i < ids.size(); ++i) {
        EXPECT_EQ(reviews->at(ids[i]).note, "n" + std::to_string(i)) << ids[i];
        EXPECT_EQ(reviews->at(ids[i]).status, bz::clash::ClashStatus::Approved) << ids[i];
    }
    // kill -9 at random moments of a clash run: the reviews stay, every time.
    for (int delayMs : {30, 90, 150, 210, 270, 330}) {
        auto k = run("(" + bodem() + " clash " + project + " >/dev/null 2>&1 & pid=$!; sleep " +
                     std::to_string(delayMs / 1000.0) + "; kill -9 $pid; wait $pid; true)");
        auto after = bz::clash::readReviews(project);
        ASSERT_TRUE(after) << delayMs << ": " << after.error().toString();
        for (std::size_t i = 0; i < ids.size(); ++i)
            EXPECT_EQ(after->at(ids[i]).note, "n" + std::to_string(i)) << delayMs;
        auto stored = bz::clash::readStoredReport(project);
        ASSERT_TRUE(stored) << stored.error().toString();
        ASSERT_TRUE(stored->has_value());
        EXPECT_EQ((*stored)->clashes.size(), 461u) << delayMs;
    }
}

TEST(BodemCli, ExitCodesCanBeTrusted) {
    ScratchDir dir("cli_exit");
    // A delivery cut off half way: an error, and nothing is written.
    std::string gi = readFile(sharedData() + "/klic/b4udignl_22G064233_1_GI_small.xml");
    writeFile(dir.file("GI_cut.xml"), gi.substr(0, gi.size() / 2));
    auto cut = run(bodem() + " import " + dir.file("GI_cut.xml") + " --into " + dir.file("p.gpkg"));
    EXPECT_EQ(cut.exitCode, 1) << cut.output;
    EXPECT_NE(cut.output.find("cannot be read as a whole"), std::string::npos) << cut.output;
    EXPECT_FALSE(std::filesystem::exists(dir.file("p.gpkg")));
    // --strict: a skipped feature is an error (2), nothing written.
    writeFile(dir.file("one_bad.geojson"), R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
 "features": [
  {"type": "Feature", "properties": {"id": "P1", "theme": "warmte", "status": "proposed", "diameter_mm": -250, "depth_m": 1},
   "geometry": {"type": "LineString", "coordinates": [[251300, 476500], [251320, 476500]]}},
  {"type": "Feature", "properties": {"id": "E1", "theme": "water", "status": "existing", "diameter_mm": 110, "depth_m": 1},
   "geometry": {"type": "LineString", "coordinates": [[251310, 476490], [251310, 476510]]}}]})");
    auto strict = run(bodem() + " import " + dir.file("one_bad.geojson") + " --into " +
                      dir.file("p.gpkg") + " --ground-level 10 --strict");
    EXPECT_EQ(strict.exitCode, 2) << strict.output;
    EXPECT_FALSE(std::filesystem::exists(dir.file("p.gpkg")));
    auto lenient = run(bodem() + " import " + dir.file("one_bad.geojson") + " --into " +
                       dir.file("p.gpkg") + " --ground-level 10");
    EXPECT_EQ(lenient.exitCode, 0) << lenient.output;
    // Every proposal skipped: --fail-on does not give a false all-clear.
    auto clash =
        run(bodem() + " clash " + dir.file("one_bad.geojson") + " --ground-level 10 --fail-on any");
    EXPECT_EQ(clash.exitCode, 4) << clash.output;
    EXPECT_NE(clash.output.find("failing: the check is incomplete"), std::string::npos)
        << clash.output;
    auto none = run(bodem() + " clash " + dir.file("p.gpkg") + " --no-review --fail-on any");
    EXPECT_EQ(none.exitCode, 4) << none.output;
    EXPECT_NE(none.output.find("no proposed feature was given or could be read"), std::string::npos)
        << none.output;
    // Limits and their options.
    auto threads = run(bodem() + " clash " + dir.file("p.gpkg") + " --threads 100000");
    EXPECT_EQ(threads.exitCode, 1) << threads.output;
    EXPECT_NE(threads.output.find("exceed the limit threads (256)"), std::string::npos)
        << threads.output;
    auto badLimit = run(bodem() + " --limit nonsense=3 info " + dir.file("p.gpkg"));
    EXPECT_EQ(badLimit.exitCode, 1) << badLimit.output;
    EXPECT_NE(badLimit.output.find("no limit named 'nonsense'"), std::string::npos);
    auto help = run(bodem() + " --help");
    EXPECT_NE(help.output.find("Exit codes: 0 done"), std::string::npos) << help.output;
}

TEST(BodemCli, ARealDeliveryWithNoOptionsIsAtItsDepthAndTheGroundCanComeLater) {
    ScratchDir dir("cli_depth");
    std::string zip = sharedData() + "/klic/Levering_22G003180_1.zip";
    writeFile(dir.file("prop.geojson"), R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
 "features": [{"type": "Feature", "properties": {"id": "W1", "theme": "warmte", "owner": "Warmtebedrijf", "status": "proposed", "diameter_mm": 300, "depth_m": 0.7},
   "geometry": {"type": "LineString", "coordinates": [[111990, 526100], [111990, 526330]]}}]})");
    auto importBoth = [&](const std::string& project, const std::string& ground) {
        auto a = run(bodem() + " import " + zip + " --into " + project + ground);
        EXPECT_EQ(a.exitCode, 0) << a.output;
        auto b = run(bodem() + " import " + dir.file("prop.geojson") + " --into " + project +
                     " --append" + ground);
        EXPECT_EQ(b.exitCode, 0) << b.output;
        return a.output;
    };
    // The documented default: no options. Every network has a height, on an assumed ground.
    auto plain = importBoth(dir.file("plain.gpkg"), "");
    EXPECT_NE(plain.find("ASSUMED flat ground at 0.00 m NAP"), std::string::npos) << plain;
    auto info = run(bodem() + " info " + dir.file("plain.gpkg"));
    EXPECT_NE(info.output.find("ground under depths below ground: ASSUMED"), std::string::npos)
        << info.output;
    auto vertices = info.output.substr(info.output.find("network vertices:"));
    vertices = vertices.substr(0, vertices.find("bodies and zones"));
    EXPECT_NE(vertices.find("assumed         176"), std::string::npos) << info.output;
    EXPECT_EQ(vertices.find("unknown"), std::string::npos) << info.output;
    auto flat = run(bodem() + " clash " + dir.file("plain.gpkg") + " --no-review --out " +
                    dir.file("flat.csv"));
    ASSERT_EQ(flat.exitCode, 0) << flat.output;
    EXPECT_NE(flat.output.find("clashes: 3 "), std::string::npos) << flat.output;
    EXPECT_NE(flat.output.find("ground: ASSUMED"), std::string::npos) << flat.output;

    // The same ground at import, set later with bodem ground, or given at clash time: the same
    // clash report, byte for byte.
    importBoth(dir.file("atImport.gpkg"), " --ground-level 11.5");
    ASSERT_EQ(run(bodem() + " clash " + dir.file("atImport.gpkg") + " --no-review --out " +
                  dir.file("atImport.csv"))
                  .exitCode,
              0);
    run(bodem() + " import " + zip + " --into " + dir.file("later.gpkg"));
    auto ground = run(bodem() + " ground " + dir.file("later.gpkg") + " --level 11.5");
    ASSERT_EQ(ground.exitCode, 0) << ground.output;
    EXPECT_NE(ground.output.find("re-levelled 176 vertices, 25 bodies"), std::string::npos)
        << ground.output;
    run(bodem() + " import " + dir.file("prop.geojson") + " --into " + dir.file("later.gpkg") +
        " --append");
    ASSERT_EQ(run(bodem() + " clash " + dir.file("later.gpkg") + " --no-review --out " +
                  dir.file("later.csv"))
                  .exitCode,
              0);
    ASSERT_EQ(run(bodem() + " clash " + dir.file("plain.gpkg") +
                  " --no-review --ground-level 11.5 --out " + dir.file("atClash.csv"))
                  .exitCode,
              0);
    std::string expected = readFile(dir.file("atImport.csv"));
    EXPECT_NE(expected.find(",hard,"), std::string::npos) << expected;
    EXPECT_EQ(readFile(dir.file("later.csv")), expected);
    EXPECT_EQ(readFile(dir.file("atClash.csv")), expected);
    // On the assumed ground the same pairs clash, only their heights differ.
    auto ids = [](const std::string& csv) {
        std::set<std::string> out;
        std::istringstream in(csv);
        std::string line;
        while (std::getline(in, line)) out.insert(line.substr(0, line.find(',')));
        return out;
    };
    EXPECT_EQ(ids(readFile(dir.file("flat.csv"))), ids(expected));
    // Bad use: neither or both options.
    EXPECT_NE(run(bodem() + " ground " + dir.file("later.gpkg")).exitCode, 0);
}

TEST(BodemCli, HostileInputsAreRefusedQuicklyWithinBoundedMemory) {
    ScratchDir dir("cli_hostile");
    // A zip bomb that looks like a delivery (100 MB of blanks), and a raster declaring
    // 100000 x 100000 cells in a file of a few kB.
    std::string zip = dir.file("Levering_99X999999_1.zip");
    {
        std::string inner = "/vsizip/" + zip + "/GI_gebiedsinformatielevering_99X999999_1.xml";
        VSILFILE* f = VSIFOpenL(inner.c_str(), "wb");
        ASSERT_NE(f, nullptr);
        std::string blanks(1 << 20, ' ');
        for (int i = 0; i < 100; ++i) VSIFWriteL(blanks.data(), 1, blanks.size(), f);
        VSIFCloseL(f);
    }
    std::string tif = dir.file("huge.tif");
    ASSERT_EQ(run("gdal_create -of GTiff -outsize 100000 100000 -bands 1 -ot Float32 "
                  "-co SPARSE_OK=TRUE -a_srs EPSG:28992 -a_ullr 250000 480000 350000 380000 " +
                  tif)
                  .exitCode,
              0);
    // Bounded memory: 1.5 GB of address space where the sanitizers do not need their own.
#if defined(__SANITIZE_ADDRESS__)
    std::string limit;
#else
    std::string limit = "prlimit --as=1500000000 ";
#endif
    for (const std::string& cmd : {" import " + zip + " --into " + dir.file("p.gpkg"),
                                   " import " + dir.file("none.geojson") + " --into " +
                                       dir.file("p.gpkg") + " --ground-raster " + tif}) {
        auto t0 = std::chrono::steady_clock::now();
        auto r = run("timeout 20 " + limit + bodem() + cmd);
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        EXPECT_EQ(r.exitCode, 1) << cmd << "\n" << r.output;
        EXPECT_NE(r.output.find("exceed the limit"), std::string::npos) << r.output;
        EXPECT_LT(s, 5.0) << cmd;  // a guard against hangs, not a performance figure
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("p.gpkg")));
}

TEST(BodemCli, SewerInspectionsImportClassifyAndDrawAProfile) {
    // The sample's inspections (RIBX written next to the district) into a copy of the project.
    ScratchDir dir("cli_sewer");
    std::filesystem::copy_file(sampleProject(), dir.file("p.gpkg"));
    const std::string ribx =
        (std::filesystem::path(sampleProject()).parent_path() / "inspections.ribx").string();
    auto r = run(bodem() + " import --append --into " + dir.file("p.gpkg") + " " + ribx);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("0 placed by their own coordinates, 0 unplaced"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("inspections.ribx: 0 added"), std::string::npos) << r.output;
    // A municipality's own table: everything class 5.
    writeFile(dir.file("own.toml"),
              "name = \"streng\"\nsources = [\"raadsbesluit\"]\n"
              "[aspects]\nstructural = [\"BAB\", \"BAJ\", \"BAF\", \"BAC\", \"BAG\"]\n"
              "operational = [\"BBA\", \"BBB\", \"BBC\"]\ninfiltration = [\"BBF\"]\n"
              "[[rule]]\ncodes = [\"BAB\", \"BAJ\", \"BAF\", \"BAC\", \"BAG\", \"BBA\", "
              "\"BBB\", \"BBC\", \"BBF\"]\nclass = 5\n");
    r = run(bodem() + " import --append --condition-table " + dir.file("own.toml") + " --into " +
            dir.file("p.gpkg") + " " + ribx);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    // The first pipe of the sample whose inspection found a defect (a BA* or BB* code).
    const std::string text = readFile(ribx);
    auto defect = std::min(text.find("<A>BA"), text.find("<A>BB"));
    ASSERT_NE(defect, std::string::npos);
    const auto at = text.rfind("<AAA>", defect) + 5;
    const std::string pipe = text.substr(at, text.find('<', at) - at);
    r = run(bodem() + " profile " + dir.file("p.gpkg") + " --route " + pipe + " --svg " +
            dir.file("p.svg") + " --png " + dir.file("p.png"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find(pipe), std::string::npos);
    // Every defect is class 5 under the municipality's table.
    EXPECT_NE(r.output.find("      5 PUT-"), std::string::npos) << r.output;
    EXPECT_TRUE(std::filesystem::file_size(dir.file("p.svg")) > 1000);
    EXPECT_TRUE(std::filesystem::file_size(dir.file("p.png")) > 1000);
    // A route that does not exist: an error naming it, exit 1.
    r = run(bodem() + " profile " + dir.file("p.gpkg") + " --route NOPE");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("'NOPE'"), std::string::npos) << r.output;
    // A bad condition table: refused before anything is written.
    writeFile(dir.file("bad.toml"), "name = \"x\"\n");
    r = run(bodem() + " import --append --condition-table " + dir.file("bad.toml") + " --into " +
            dir.file("p.gpkg") + " " + ribx);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("sources"), std::string::npos) << r.output;
}

#include <bodemzicht/clash/BcfWriter.h>
#include <bodemzicht/clash/HtmlReport.h>
#include <bodemzicht/io/ZipWriter.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

namespace {

// Validates an XML document against one of the BCF 2.1 schemas; "" when valid, else libxml2's
// first complaint.
std::string validateBcf(const std::vector<std::uint8_t>& xml, const std::string& schema) {
    std::string problem;
    xmlSchemaParserCtxtPtr pc =
        xmlSchemaNewParserCtxt((sharedData() + "/bcf/2.1/" + schema).c_str());
    xmlSchemaPtr s = pc ? xmlSchemaParse(pc) : nullptr;
    if (!s) return "cannot read the schema " + schema;
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(s);
    xmlSchemaSetValidStructuredErrors(
        vc,
        [](void* out, xmlErrorPtr e) {
            auto* p = static_cast<std::string*>(out);
            if (p->empty() && e && e->message) *p = e->message;
        },
        &problem);
    xmlDocPtr doc =
        xmlReadMemory(reinterpret_cast<const char*>(xml.data()), static_cast<int>(xml.size()),
                      "bcf.xml", nullptr, XML_PARSE_NONET);
    if (!doc)
        problem = "not well-formed XML";
    else if (xmlSchemaValidateDoc(vc, doc) != 0 && problem.empty())
        problem = "invalid";
    if (doc) xmlFreeDoc(doc);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(s);
    xmlSchemaFreeParserCtxt(pc);
    return problem;
}

}  // namespace

TEST(BodemCli, ClashWritesABcfFileThatBimToolsRead) {
    // Snapshots need a display: CI runs the tests under xvfb-run and must not skip.
    if (!std::getenv("DISPLAY")) {
        if (std::getenv("CI")) FAIL() << "no DISPLAY in CI: run the tests under xvfb-run";
        GTEST_SKIP() << "snapshots need a display: run under xvfb-run";
    }
    ScratchDir dir("cli_bcf");
    std::filesystem::copy_file(sampleProject(), dir.file("p.gpkg"));
    for (const char* raster : {"ground_level.tif", "ghg.tif", "glg.tif"})
        std::filesystem::copy_file(std::filesystem::path(sampleProject()).parent_path() / raster,
                                   dir.file(raster));
    auto r = run(bodem() + " clash " + dir.file("p.gpkg") + " --bcf " + dir.file("c.bcf") +
                 " --out " + dir.file("c.csv") + " --html " + dir.file("report"));
    ASSERT_EQ(r.exitCode, 0) << r.output;

    // The HTML report: every clash of the CSV and every owner named, the pictures it shows
    // present, every rule with its source.
    const std::string html = readFile(dir.file("report/index.html"));
    std::istringstream csvLines(readFile(dir.file("c.csv")));
    std::string line;
    std::getline(csvLines, line);
    std::size_t csvRows = 0;
    while (std::getline(csvLines, line)) {
        ++csvRows;
        std::vector<std::string> cells;
        std::stringstream cs(line);
        for (std::string cell; std::getline(cs, cell, ',');) cells.push_back(cell);
        ASSERT_GT(cells.size(), 27u);
        EXPECT_NE(html.find("<td>" + cells[0] + "</td>"), std::string::npos) << cells[0];
        if (!cells[8].empty()) {
            EXPECT_NE(html.find(">" + cells[8] + "</h3>"), std::string::npos) << cells[8];
        }
        if (!cells[25].empty()) {
            EXPECT_NE(html.find("<td>" + cells[25] + "</td>"), std::string::npos) << cells[25];
        }
    }
    EXPECT_GT(csvRows, 0u);
    std::regex img("src=\"(img/[^\"]+\\.png)\"");
    std::size_t pictures = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), img);
         it != std::sregex_iterator(); ++it) {
        ++pictures;
        EXPECT_GT(std::filesystem::file_size(dir.file("report/" + (*it)[1].str())), 1000u);
    }
    EXPECT_GT(pictures, 1u);  // the overview and the groups'
    EXPECT_NE(html.find("<h2>Toegepaste regels</h2>"), std::string::npos);

    auto entries = bz::io::readZip(dir.file("c.bcf"));
    ASSERT_TRUE(entries) << entries.error().toString();
    std::map<std::string, const bz::io::ZipEntry*> byName;
    for (const auto& e : *entries) byName[e.name] = &e;
    ASSERT_TRUE(byName.count("bcf.version"));
    EXPECT_EQ(validateBcf(byName["bcf.version"]->bytes, "version.xsd"), "");
    // One folder per topic (a GUID) with its markup, viewpoint and snapshot.
    std::set<std::string> topics;
    for (const auto& [name, _] : byName)
        if (auto slash = name.find('/'); slash != std::string::npos)
            topics.insert(name.substr(0, slash));
    ASSERT_FALSE(topics.empty());
    std::size_t clashesInTopics = 0;
    for (const auto& t : topics) {
        SCOPED_TRACE(t);
        EXPECT_TRUE(std::regex_match(
            t, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")));
        for (const char* f : {"/markup.bcf", "/viewpoint.bcfv", "/snapshot.png"})
            ASSERT_TRUE(byName.count(t + f)) << f;
        EXPECT_EQ(validateBcf(byName[t + "/markup.bcf"]->bytes, "markup.xsd"), "");
        EXPECT_EQ(validateBcf(byName[t + "/viewpoint.bcfv"]->bytes, "visinfo.xsd"), "");
        const auto& png = byName[t + "/snapshot.png"]->bytes;
        ASSERT_GT(png.size(), 8u);
        EXPECT_EQ(std::string(png.begin() + 1, png.begin() + 4), "PNG");
        const std::string markup(byName[t + "/markup.bcf"]->bytes.begin(),
                                 byName[t + "/markup.bcf"]->bytes.end());
        // Every clash of the report is in the description of its group's topic.
        std::regex clashLine("C[0-9a-f]{12}: ");
        clashesInTopics += static_cast<std::size_t>(std::distance(
            std::sregex_iterator(markup.begin(), markup.end(), clashLine), std::sregex_iterator()));
    }
    // As many clashes in the topics as rows in the CSV report.
    const std::string csv = readFile(dir.file("c.csv"));
    const auto rows = static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) - 1;
    EXPECT_EQ(clashesInTopics, rows);
}

TEST(HtmlReport, TextIsEscaped) {
    EXPECT_EQ(bz::clash::escapeHtml("<a href=\"x\">K&L's</a>"),
              "&lt;a href=&quot;x&quot;&gt;K&amp;L&#39;s&lt;/a&gt;");
}

TEST(Bcf, WrittenAgainTheSameGroupsAreTheSameTopics) {
    // BIM tools update a topic they know rather than add a new one: the folders (topic GUIDs)
    // follow from the group ids, whatever else changed.
    ScratchDir dir("bcf_again");
    bz::clash::ClashReport report;
    for (int i = 0; i < 5; ++i) {
        bz::clash::Clash c;
        c.id = "C" + std::to_string(i);
        c.groupId = i < 3 ? "G0" : "G3";
        c.aId = "A" + std::to_string(i);
        c.bId = "B";
        c.pointA = {250000.0 + i, 470000, 3};
        c.pointB = {250000.0 + i, 470000.5, 3};
        report.clashes.push_back(c);
    }
    auto topicsOf = [&](const std::string& file) {
        EXPECT_TRUE(bz::clash::writeBcf(report, file, {}));
        std::set<std::string> topics;
        auto entries = bz::io::readZip(file);
        EXPECT_TRUE(entries);
        if (entries)
            for (const auto& e : *entries)
                if (auto slash = e.name.find('/'); slash != std::string::npos)
                    topics.insert(e.name.substr(0, slash));
        return topics;
    };
    const auto first = topicsOf(dir.file("a.bcf"));
    EXPECT_EQ(first.size(), 2u);
    report.clashes[1].distanceM = -0.2;  // the clash changed, its group did not
    report.clashes[4].status = bz::clash::ClashStatus::Approved;
    EXPECT_EQ(topicsOf(dir.file("b.bcf")), first);
}

TEST(Bcf, StableGuidsAreValidAndDependOnlyOnTheText) {
    auto a = bz::clash::stableGuid("group-1"), b = bz::clash::stableGuid("group-1"),
         c = bz::clash::stableGuid("group-2");
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    EXPECT_TRUE(std::regex_match(
        a, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
        << a;
}

TEST(BodemCli, ABaseMapIsImportedFromAnyGisLayerAndTheSampleHasOne) {
    ScratchDir dir("cli_basemap");
    const std::string project = dir.file("p.gpkg");
    std::filesystem::copy_file(sampleProject(), project);
    const std::string sampleDir = std::filesystem::path(sampleProject()).parent_path().string();
    // The sample's own base map: 3 x 3 building blocks and their kerbs.
    auto r = run(bodem() + " info " + project);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(
        r.output.find("base map: 18 lines (basemap_pand.geojson 9, basemap_wegdeel.geojson 9)"),
        std::string::npos)
        << r.output;
    // Importing the building layer again replaces its lines, the kerbs stay.
    r = run(bodem() + " import " + sampleDir + "/basemap_pand.geojson --into " + project +
            " --as basemap");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("base map basemap_pand.geojson: 9 lines from 9 features in 1 layers"),
              std::string::npos)
        << r.output;
    r = run(bodem() + " info " + project);
    EXPECT_NE(r.output.find("base map: 18 lines"), std::string::npos) << r.output;
    // Points only: refused, naming the file; the project keeps its base map.
    const auto points =
        writeFile(dir.file("palen.geojson"),
                  R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
                  R"("geometry":{"type":"Point","coordinates":[251300,476500]}}]})");
    r = run(bodem() + " import " + points + " --into " + project +
            " --as basemap --crs EPSG:28992");
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("palen.geojson"), std::string::npos) << r.output;
    r = run(bodem() + " info " + project);
    EXPECT_NE(r.output.find("base map: 18 lines"), std::string::npos) << r.output;
}

TEST(BodemCli, SectionDrawsAndListsWhatAStreetsCrossSectionCuts) {
    ScratchDir dir("cli_section");
    const std::string csv = dir.file("s.csv"), svg = dir.file("s.svg"), png = dir.file("s.png");
    // Across the first east-west street of the sample, facade to facade (12 m), mid-block.
    auto r = run(bodem() + " section " + sampleProject() +
                 " --from 251250,476478 --to 251250,476466 --csv " + csv + " --svg " + svg +
                 " --png " + png);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("12.00 m, 15 objects cut"), std::string::npos) << r.output;
    const auto text = readFile(csv);
    EXPECT_EQ(text.rfind("id,theme,owner,status,kind,offset_m,from_m,to_m,top_below_ground_m,"
                         "bottom_below_ground_m,",
                         0),
              0u)
        << text.substr(0, 200);
    // The data cable nearest the north facade: 0.40 m from it, 0.60 m deep (the sample's lane).
    EXPECT_NE(
        text.find("KL-h0_1-1,datatransport,KPN,existing,network,0.400,0.380,0.420,0.600,0.640,"),
        std::string::npos)
        << text;
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 16);  // header + 15 objects
    EXPECT_NE(readFile(svg).find("<svg"), std::string::npos);
    EXPECT_GT(std::filesystem::file_size(png), 1000u);
    // Outside the data: refused, nothing written.
    const std::string none = dir.file("none.csv");
    r = run(bodem() + " section " + sampleProject() + " --from 100,100 --to 110,100 --csv " + none);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("lies outside the project"), std::string::npos) << r.output;
    EXPECT_FALSE(std::filesystem::exists(none));
    r = run(bodem() + " section " + sampleProject() + " --from 251250 --to 251250,476466");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("X,Y in RD New"), std::string::npos) << r.output;
}

TEST(BodemCli, SpaceFindsWhereANewCableFitsAndTheClashCheckAgrees) {
    ScratchDir dir("cli_space");
    const std::string project = dir.file("p.gpkg");
    std::filesystem::copy_file(sampleProject(), project);
    const auto sampleDir = std::filesystem::path(sampleProject()).parent_path();
    for (const char* raster :
         {"ground_level.tif", "ghg.tif", "glg.tif"})  // the depths below ground
        std::filesystem::copy_file(sampleDir / raster, dir.path() / raster);
    // Along the north sidewalk of the sample's first east-west street, 80 m.
    const auto route = writeFile(
        dir.file("route.geojson"),
        R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},)"
        R"("features":[{"type":"Feature","properties":{"id":"r"},"geometry":{"type":"LineString",)"
        R"("coordinates":[[251210,476469],[251290,476469]]}}]})");
    const std::string fit = dir.file("fit.geojson"), csv = dir.file("fit.csv");
    auto r = run(bodem() + " space " + project + " --along " + route +
                 " --diameter 0.16 --owner Enexis --out " + fit + " --csv " + csv);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("route 80.0 m:"), std::string::npos) << r.output;
    // The sample's streets: the route runs along H1-0, a new low-voltage cable goes in its zone.
    EXPECT_NE(r.output.find("along street segment H1-0: preferring the laagspanning zone"),
              std::string::npos)
        << r.output;
    EXPECT_NE(readFile(fit).find("\"status\":\"proposed\""), std::string::npos);
    const std::string positions = readFile(csv);
    EXPECT_GT(std::count(positions.begin(), positions.end(), '\n'), 50);
    // Imported as a proposal, the clash core finds no hard or clearance clash with it.
    r = run(bodem() + " import --append --into " + project + " " + fit);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const std::string clashes = dir.file("c.csv");
    r = run(bodem() + " clash " + project + " --out " + clashes);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    std::istringstream rows(readFile(clashes));
    int withFit = 0;
    for (std::string line; std::getline(rows, line);) {
        if (line.find("FIT-1") == std::string::npos) continue;
        ++withFit;
        EXPECT_EQ(line.find(",hard,"), std::string::npos) << line;
        EXPECT_EQ(line.find(",clearance,"), std::string::npos) << line;
    }
    // Only possible clashes: in its zone beside the existing low-voltage main, whose assumed
    // depth band reaches it along part of the way.
    EXPECT_LE(withFit, 20) << "possible clashes along part of the way at most";
    // A route outside the project: refused, nothing written.
    const auto far = writeFile(
        dir.file("far.geojson"),
        R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},)"
        R"("features":[{"type":"Feature","properties":{"id":"r"},"geometry":{"type":"LineString",)"
        R"("coordinates":[[100000,400000],[100100,400000]]}}]})");
    const std::string none = dir.file("none.geojson");
    r = run(bodem() + " space " + project + " --along " + far + " --diameter 0.16 --out " + none);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("outside the project"), std::string::npos) << r.output;
    EXPECT_FALSE(std::filesystem::exists(none));
}

TEST(BodemCli, SoilGivesAVirtualBoreholeAndWhatATrenchDigsThrough) {
    ScratchDir dir("cli_soil");
    const std::string geotop = sharedData() + "/bro/geost_geotop_usp.nc", csv = dir.file("b.csv");
    auto r = run(bodem() + " soil " + geotop + " --at 140000,455500 --csv " + csv + " --units " +
                 sharedData() + "/bro/nlmod_REF_GTP_STR_UNIT.csv");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("model: geotop v01r6"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("(GeoTOP 1.6)"), std::string::npos) << r.output;
    // A table given for another version only is refused for this 1.6 grid.
    auto other =
        run(bodem() + " soil " + geotop + " --at 140000,455500 --units 1.6.1=" + sharedData() +
            "/bro/nlmod_REF_GTP_STR_UNIT.csv");
    EXPECT_EQ(other.exitCode, 1);
    EXPECT_NE(other.output.find("no unit table for GeoTOP 1.6 "), std::string::npos)
        << other.output;
    EXPECT_NE(r.output.find("    2.00    0 antropogeen"), std::string::npos)
        << r.output;  // the top voxel
    const auto text = readFile(csv);
    EXPECT_EQ(text.rfind("z_nap_m,lithoclass,lithoclass_name,unit,kans_1,", 0), 0u)
        << text.substr(0, 120);
    EXPECT_NE(text.find("AAOP Antropogene afzettingen"), std::string::npos);
    // A 100 m trench, 0.6 m wide and 1.2 m deep below the top of the model's data.
    const auto route = writeFile(
        dir.file("trench.geojson"),
        R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},)"
        R"("features":[{"type":"Feature","properties":{"id":"t"},"geometry":{"type":"LineString",)"
        R"("coordinates":[[139950,455500],[140050,455500]]}}]})");
    r = run(bodem() + " soil " + geotop + " --along " + route + " --width 0.6 --depth 1.2");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("along 100.0 m (0.0 m outside the grid): 72.00 m3"), std::string::npos)
        << r.output;
    // Outside the grid and without --at/--along: refused with the reason.
    r = run(bodem() + " soil " + geotop + " --at 100000,400000");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("outside the grid"), std::string::npos) << r.output;
    r = run(bodem() + " soil " + geotop);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("give --at X,Y or --along ROUTE"), std::string::npos) << r.output;
}

TEST(BodemCli, TheSampleDistrictHasSoilToAskAbout) {
    // The sample's GeoTOP-like block: made ground, clay, then fine sand (peat in the south-west).
    auto r = run(bodem() + " soil " + sampleProject() + " --at 251350,476550");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    for (const char* expected : {"antropogeen", "klei", "zand fijn"})
        EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
    auto info = run(bodem() + " info " + sampleProject());
    EXPECT_NE(info.output.find("geotop: grid3d"), std::string::npos) << info.output;
    EXPECT_NE(info.output.find("geotop volumes by lithoclass:"), std::string::npos) << info.output;
    EXPECT_NE(info.output.find("veen"), std::string::npos) << info.output;  // the south-west
    // A trench across the district, under the project's own ground level.
    ScratchDir dir("cli_sample_soil");
    const auto route = writeFile(
        dir.file("t.geojson"),
        R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},)"
        R"("features":[{"type":"Feature","properties":{"id":"t"},"geometry":{"type":"LineString",)"
        R"("coordinates":[[251210,476469],[251290,476469]]}}]})");
    r = run(bodem() + " soil " + sampleProject() + " --along " + route +
            " --width 0.6 --depth 1.2");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("below the project's ground"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("57.60 m3"), std::string::npos) << r.output;  // 80 x 0.6 x 1.2
}

TEST(BodemCli, TheSpaceBudgetPerStreetSegmentFromTheProjectsStreets) {
    ScratchDir dir("cli_budget");
    const std::string project = dir.file("p.gpkg");
    std::filesystem::copy_file(sampleProject(), project);
    const std::string sampleDir = std::filesystem::path(sampleProject()).parent_path().string();
    for (const char* raster : {"ground_level.tif", "ghg.tif", "glg.tif"})  // beside the project
        std::filesystem::copy_file(sampleDir + "/" + raster, dir.file(raster));
    auto r = run(bodem() + " info " + project);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("street segments: 24 in 8 named streets, 2.0 km"), std::string::npos)
        << r.output;
    // The street layer imported again (as a user brings NWB road sections) replaces it.
    r = run(bodem() + " import " + sampleDir + "/streets.geojson --into " + project +
            " --as streets");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("street segments: 24 (24 named, 24 with a width)"), std::string::npos)
        << r.output;
    const std::string csv = dir.file("budget.csv"), geojson = dir.file("budget.geojson");
    r = run(bodem() + " space " + project + " --budget --csv " + csv + " --out " + geojson);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("space budget of 24 street segments"), std::string::npos) << r.output;
    const auto text = readFile(csv);
    EXPECT_EQ(text.rfind("segment,street,zone,zone_width_m,free_width_m,free_share,"
                         "proposed_or_reserved_width_m,",
                         0),
              0u);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1 + 24 * 7);  // 7 zones a segment
    // The heat network of the Hoofdstraat is proposed in its zone: width taken by designs.
    const auto row = text.find("H1-0,Hoofdstraat,warmte,3.00,");
    ASSERT_NE(row, std::string::npos) << text.substr(0, 600);
    const auto line = text.substr(row, text.find('\n', row) - row);
    EXPECT_NE(line.substr(line.rfind(",0,5") - 5, 5), ",0.00") << line;
    EXPECT_NE(readFile(geojson).find("\"free_share\""), std::string::npos);
    // Points are not streets: refused, naming the file; the project keeps its streets.
    const auto points =
        writeFile(dir.file("palen.geojson"),
                  R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},)"
                  R"("geometry":{"type":"Point","coordinates":[251300,476500]}}]})");
    r = run(bodem() + " import " + points + " --into " + project +
            " --as streets --crs EPSG:28992");
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("palen.geojson"), std::string::npos) << r.output;
    r = run(bodem() + " info " + project);
    EXPECT_NE(r.output.find("street segments: 24"), std::string::npos) << r.output;
}

TEST(BodemCli, AContaminationGridIsImportedAndTheClashReportGivesTheContaminatedVolumes) {
    ScratchDir dir("cli_plume");
    const std::string sampleDir = std::filesystem::path(sampleProject()).parent_path().string();
    std::filesystem::copy(sampleDir, dir.path(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
    const std::string project = dir.file("district.gpkg");
    // The sample's own plume, and the same grid brought in again under another name.
    auto r = run(bodem() + " info " + project);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("contamination_plume lood: "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("m3 above the intervention value (530 mg/kg ds)"), std::string::npos)
        << r.output;
    // Benzene is in the groundwater (ug/l): against the groundwater's intervention value.
    EXPECT_NE(r.output.find("contamination_plume benzeen: "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("m3 above the intervention value (30 ug/l)"), std::string::npos)
        << r.output;
    // The groundwater levels, the head grid's water table among them.
    EXPECT_NE(r.output.find("groundwater levels:"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("water table of head grid"), std::string::npos) << r.output;
    // A BRO WDM depth raster as the GLG: kept in cm below the ground, read on the ground.
    const std::string wdm = dir.file("glg_wdm.tif");
    ASSERT_TRUE(bz::io::Raster::writeGeoTiff(wdm, 251000, 477000, 50, 20, 20,
                                             std::vector<float>(400, 150.f), -9999.f));
    r = run(bodem() + " import " + wdm + " --into " + project +
            " --as glg --levels cm-below-ground");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("field glg (groundwater depth raster (BRO WDM) glg_wdm.tif, cm below "
                            "ground)"),
              std::string::npos)
        << r.output;
    r = run(bodem() + " info " + project);
    EXPECT_NE(r.output.find("1.50 .. 1.50 m below the ground"), std::string::npos) << r.output;
    std::filesystem::copy_file(dir.file("plume.nc"), dir.file("lood2.nc"));
    r = run(bodem() + " import " + dir.file("lood2.nc") + " --into " + project);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("field contamination_lood2 (contamination grid: lood, benzeen)"),
              std::string::npos)
        << r.output;
    // The GeoTOP block is recognised as GeoTOP.
    r = run(bodem() + " import " + dir.file("geotop.nc") + " --into " + project);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("field geotop (GeoTOP: lithok"), std::string::npos) << r.output;
    const std::string csv = dir.file("c.csv"), html = dir.file("rapport");
    r = run(bodem() + " clash " + project + " --no-review --out " + csv + " --html " + html);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    // Both grids count: the heat trench digs lead above 530 mg/kg ds out of each.
    EXPECT_NE(r.output.find("proposals dig"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("above the intervention value of lood (highest 1411 mg/kg ds)"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("below the groundwater level where benzeen is above its intervention "
                            "value"),
              std::string::npos)
        << r.output;
    // With the GLG 1.5 m below the ground (the WDM raster above): the storage sewer's trench in
    // the north-east court and the infiltration crate need dewatering.
    EXPECT_NE(r.output.find("groundwater: 2 proposals dig "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("below the lowest groundwater level (dewatering)"), std::string::npos)
        << r.output;
    const auto text = readFile(csv);
    EXPECT_NE(text.find("lood@contamination_plume,WN-SLEUF-0_1,"), std::string::npos);
    EXPECT_NE(text.find("lood@contamination_lood2,WN-SLEUF-0_1,"), std::string::npos);
    EXPECT_NE(readFile(html + "/index.html").find("m3 ontgraven boven de interventiewaarde lood"),
              std::string::npos);
}

TEST(BodemCli, PlanCouplesTheSamplesWorksPerStreetAndNamesWhoToInvolve) {
    ScratchDir dir("cli_plan");
    std::filesystem::copy(std::filesystem::path(sampleProject()).parent_path(), dir.path(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
    const std::string project = dir.file("district.gpkg"), csv = dir.file("plan.csv");
    // The owners' works imported again as a user would: the one without a date is named.
    auto r = run(bodem() + " import " + dir.file("werken_netbeheerders.geojson") + " --into " +
                 project + " --as works");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("ENX-ZONDER-DATUM: no date"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("planned works werken_netbeheerders.geojson: 4 read, 1 left out"),
              std::string::npos)
        << r.output;
    r = run(bodem() + " plan " + project + " --start 2027 --years 10 --csv " + csv + " --geojson " +
            dir.file("plan.geojson"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("works plan 2027-2036: 24 street segments with work"),
              std::string::npos)
        << r.output;
    // Fewer openings coupled than separately, per street and in total.
    std::smatch m;
    const std::regex total("per street: ([0-9]+) planned separately, ([0-9]+) coupled");
    ASSERT_TRUE(std::regex_search(r.output, m, total)) << r.output;
    EXPECT_LT(std::stoi(m[2]), std::stoi(m[1]));
    EXPECT_NE(r.output.find("KPN-2019 (KPN, werken_netbeheerders.geojson) ended 2019-06"),
              std::string::npos)
        << r.output;
    const auto text = readFile(csv);
    EXPECT_EQ(text.rfind("segment,street,window,due,planned,proposed,owners,informed,conflict", 0),
              0u)
        << text.substr(0, 100);
    // The Hoofdstraat: the heat network (2027), Enexis' gas works (2029) and the road
    // maintenance (2030) cannot be one opening, and the report says the no-dig period is hit.
    auto table = bz::io::readTableFile(csv);
    ASSERT_TRUE(table) << table.error().toString();
    bool gas = false, conflict = false;
    for (std::size_t row = 0; row < table->rows.size(); ++row) {
        if (table->text(row, "street") != "Hoofdstraat") continue;
        if (table->text(row, "planned").find("ENX-GAS-2029 (Enexis") != std::string::npos) {
            gas = true;
            EXPECT_EQ(table->text(row, "window"), "2029");
            EXPECT_NE(table->text(row, "owners").find("Enexis"), std::string::npos);
        }
        conflict = conflict || table->text(row, "conflict").find("no-dig") != std::string::npos;
    }
    EXPECT_TRUE(gas);
    EXPECT_TRUE(conflict);
    EXPECT_TRUE(std::filesystem::exists(dir.file("plan.geojson")));
    // Without a street layer: segments derived from the sewer mains, said so.
    ASSERT_TRUE(bz::io::storeStreets(project, {}));
    r = run(bodem() + " plan " + project + " --start 2027");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("derived from the sewer mains"), std::string::npos) << r.output;
}

TEST(BodemCli, OmgevingWritesADutchReportNamingEveryOwnerWithItsPictures) {
    ScratchDir dir("cli_omgeving");
    std::filesystem::copy(std::filesystem::path(sampleProject()).parent_path(), dir.path(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
    const std::string project = dir.file("district.gpkg");
    // A work area over the Hoofdstraat's western half, the lead plume in it.
    const auto area = writeFile(
        dir.file("werkgebied.geojson"),
        R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},)"
        R"("features":[{"type":"Feature","properties":{"id":"w"},"geometry":{"type":"Polygon",)"
        R"("coordinates":[[[251190,476440],[251340,476440],[251340,476520],[251190,476520],[251190,476440]]]}}]})");
    auto r = run(bodem() + " clash " + project);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    std::filesystem::create_directories(dir.file("rapport"));
    const std::string html = dir.file("rapport/index.html"), json = dir.file("a.json");
    // A flooding layer: one area in the work area, one far away.
    const auto flooding = writeFile(
        dir.file("wateroverlast.geojson"),
        R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[)"
        R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[251200,476450],[251260,476450],[251260,476480],[251200,476450]]]}},)"
        R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[252200,477450],[252260,477450],[252260,477480],[252200,477450]]]}}]})");
    r = run(bodem() + " omgeving " + project + " --area " + area + " --html " + html + " --json " +
            json + " --start 2027 --flooding " + flooding);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("5 owners"), std::string::npos) << r.output;
    const auto text = readFile(html);
    for (const char* expected :
         {"<h1>Omgevingsanalyse werkgebied</h1>", "Welke domeinen spelen hier", "Belanghebbenden",
          "Koppelkansen", "Randvoorwaarden", "Wat weten we", "Warmtebedrijf Hengelo",
          "verontreinigingszones: VO-LOOD-1", "te ontgraven boven de interventiewaarde",
          "Hoofdstraat (H1-0)", "kaart.png", "Ruimte in de straat", "Hoofdstraat (H1-0): ",
          "% van de ruimte vrij", "1 overstromings- of wateroverlastgebieden raken het werkgebied",
          "beheerders: Enexis, Gemeente Hengelo, KPN, Vitens"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
    // Its pictures: a map and a 3D view, rendered headless.
    for (const char* png : {"rapport/kaart.png", "rapport/3d.png"}) {
        ASSERT_TRUE(std::filesystem::exists(dir.file(png))) << png << "\n" << r.output;
        EXPECT_GT(std::filesystem::file_size(dir.file(png)), 10000u) << png;
    }
    const auto j = readFile(json);
    EXPECT_NE(j.find("\"owner\": \"Enexis\""), std::string::npos) << j.substr(0, 400);
    // An area file without a polygon: refused, naming it.
    const auto line = writeFile(
        dir.file("lijn.geojson"),
        R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},)"
        R"("features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString",)"
        R"("coordinates":[[251190,476440],[251340,476440]]}}]})");
    r = run(bodem() + " omgeving " + project + " --area " + line);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("lijn.geojson: has no polygon"), std::string::npos) << r.output;
}
