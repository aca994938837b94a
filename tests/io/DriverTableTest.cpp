// The table of source formats: each driver says yes to its own samples and never to another
// format's; the generic GIS reader is unsure of any vector source (it is asked last); options are
// checked against each format's declarations; the source is opened once for all identify steps.
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/sample/SampleDistrict.h>

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "../TestSupport.h"
#include "ReadAs.h"
#include "io/formats/Driver.h"

using namespace bz;
using io::formats::Confidence;

namespace {

// One sample per format: real ones from ../shared/data where there are, small fixtures else.
std::map<std::string, std::vector<std::string>> samples(const test::ScratchDir& dir) {
    const std::string shared = test::sharedData();
    std::map<std::string, std::vector<std::string>> s;
    s["klic"] = {shared + "/klic/Levering_22G003180_1.zip",
                 shared + "/klic/kadaster_voorbeeld2_duct_pipe_cable.xml",
                 shared + "/klic/b4udignl_18G007160_1_GI_imkl121_allthemes.xml",
                 shared + "/klic/kadaster_voorbeeld6_ev_vlak_donut.zip"};
    s["gwsw-turtle"] = {shared + "/sewer/gwsw_orox_excerpt_juinen_v1_6.ttl"};
    s["ribx"] = {shared + "/sewer/ribxlib_36190148_5300093_ribx13_almere.ribx",
                 shared + "/sewer/rgs-ribx_minimal.ribx", shared + "/sewer/rgs-ribx_inclined.ribx"};
    s["gwsw-gis"] = {test::writeFile(dir.file("leidingen.geojson"), R"({"type": "FeatureCollection",
 "features": [{"type": "Feature", "properties": {"Naam": "L-1", "BobBeginpuntLeiding": 1.9, "BobEindpuntLeiding": 1.7},
   "geometry": {"type": "LineString", "coordinates": [[250000, 470000], [250030, 470000]]}}]})")};
    s["trees"] = {test::writeFile(dir.file("bomen.csv"),
                                  "WKT,id,soortnaam,stamdiameterklasse\n"
                                  "\"POINT (121000 487000)\",B1,Tilia,\"0,2 tot 0,3 m.\"\n")};
    s["generic"] = {test::writeFile(dir.file("kabels.geojson"), R"({"type": "FeatureCollection",
 "features": [{"type": "Feature", "properties": {"id": "K1", "theme": "water", "status": "existing"},
   "geometry": {"type": "LineString", "coordinates": [[250000, 470000, 1], [250010, 470000, 1]]}}]})")};
    sample::SampleOptions o;
    o.blocks = 1;
    auto project = sample::writeSampleDistrict(dir.file("district"), o);
    EXPECT_TRUE(project);
    s["project"] = {*project};
    return s;
}

}  // namespace

TEST(DriverTable, EachFormatIdentifiesItsOwnSamplesAndNoOtherFormatsSamples) {
    test::ScratchDir dir("drivers");
    auto all = samples(dir);
    const auto& table = io::formats::drivers();
    // Every format of the table has samples here.
    for (const auto& d : table.all()) EXPECT_TRUE(all.count(d->info().name)) << d->info().name;
    for (const auto& [format, paths] : all)
        for (const auto& path : paths) {
            io::formats::OpenInfo in(path);
            for (const auto& d : table.all()) {
                Confidence c = d->identify(in);
                const std::string& name = d->info().name;
                if (name == format)
                    EXPECT_EQ(c, format == "generic" ? Confidence::Unsure : Confidence::Yes)
                        << name << " on its own sample " << path;
                else
                    EXPECT_NE(c, Confidence::Yes) << name << " says yes to " << path;
            }
            auto identified = io::identifySource(path);
            ASSERT_TRUE(identified) << identified.error().toString();
            EXPECT_EQ(*identified, format) << path;
        }
}

TEST(DriverTable, WhatNoFormatReadsIsAnErrorWithGdalsReason) {
    test::ScratchDir dir("drivers2");
    auto path = test::writeFile(dir.file("notes.txt"), "nothing spatial here\n");
    auto f = io::identifySource(path);
    ASSERT_FALSE(f);
    EXPECT_NE(f.error().message.find("cannot be read as a vector data source"), std::string::npos)
        << f.error().toString();
    io::ReadOptions o;
    o.format = "shapefile-of-dreams";
    model::Dataset ds;
    io::ImportReport report;
    auto r = io::readSource(path, o, ds, report);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("unknown format 'shapefile-of-dreams' (known: gwsw-turtle, "
                                     "ribx, klic, project, gwsw-gis, trees, generic)"),
              std::string::npos)
        << r.error().message;
}

TEST(DriverTable, OptionsAreCheckedAgainstTheFormatsDeclarations) {
    const std::string path = test::sharedData() + "/klic/kadaster_voorbeeld2_duct_pipe_cable.xml";
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions o;
    o.formatOptions["klic.snap"] = "2";
    auto r = io::readSource(path, o, ds, report);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().who, "klic::open()");
    EXPECT_NE(r.error().message.find("unknown option 'klic.snap' (klic takes depth-point-snap-m"),
              std::string::npos)
        << r.error().message;
    o.formatOptions = {{"klic.depth-point-snap-m", "two"}};
    r = io::readSource(path, o, ds, report);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().toString(), "klic::open(): " + path +
                                        ": option 'klic.depth-point-snap-m': 'two' is not a number");
    EXPECT_TRUE(ds.features.empty());
    // Options of another format are that format's business.
    o.formatOptions = {{"klic.depth-point-snap-m", "2"}, {"trees.root-depth-m", "1.2"}};
    EXPECT_TRUE(io::readSource(path, o, ds, report)) << report.summary();
    EXPECT_FALSE(ds.features.empty());
}

TEST(DriverTable, TheSourceIsOpenedOnceForEveryIdentifyStep) {
    test::ScratchDir dir("drivers3");
    auto path = samples(dir)["project"][0];
    io::formats::OpenInfo in(path);
    GDALDataset* first = in.vector();
    ASSERT_NE(first, nullptr);
    for (const auto& d : io::formats::drivers().all()) {
        d->identify(in);
        EXPECT_EQ(in.vector(), first) << d->info().name;
    }
}

TEST(DriverTable, EveryFormatIsListedWithItsOptionsAndRuleKeys) {
    std::set<std::string> names;
    for (const auto& f : io::sourceFormats()) {
        names.insert(f.name);
        EXPECT_FALSE(f.description.empty()) << f.name;
        for (const auto& o : f.options) {
            if (o.type == io::FormatOption::Type::Number && !o.defaultValue.empty()) {
                EXPECT_FALSE(std::isnan(test::formatDefault(f.name, o.name))) << o.name;
            }
        }
    }
    EXPECT_EQ(names, (std::set<std::string>{"klic", "gwsw-turtle", "ribx", "gwsw-gis",
                                            "trees", "generic", "project"}));
}
