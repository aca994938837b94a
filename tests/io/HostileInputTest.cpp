// Hostile and broken input gets a clear refusal, never a crash, a hang, unbounded memory or a
// network request (docs/reliability.md). Each case here was found by trying inputs that a shared
// project or a crafted delivery could hold.
#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/core/Limits.h>
#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/io/LocalPaths.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/Raster.h>
#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/spatial/UniformGrid.h>

#include <arpa/inet.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "../TestSupport.h"
#include "ReadAs.h"

using namespace bz;

namespace {

const char* kHeader = R"(<?xml version="1.0" encoding="UTF-8"?>
<gml:FeatureCollection gml:id="fc" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:imkl="http://www.geostandaarden.nl/imkl/wibon"
 xmlns:net="http://inspire.ec.europa.eu/schemas/net/4.0" xmlns:us-net-common="http://inspire.ec.europa.eu/schemas/us-net-common/4.0"
 xmlns:xlink="http://www.w3.org/1999/xlink">
<gml:featureMember><imkl:Utiliteitsnet gml:id="net1"><imkl:thema xlink:href="http://definities.geostandaarden.nl/imkl2015/id/waarde/Thema/laagspanning"/><imkl:standaardDieptelegging uom="urn:ogc:def:uom:OGC::m">0.60</imkl:standaardDieptelegging></imkl:Utiliteitsnet></gml:featureMember>
)";

// A cable on a link whose LineString and posList carry the given attributes.
std::string cableOn(const std::string& id, const std::string& lineAttrs,
                    const std::string& posAttrs, const std::string& posList) {
    return R"(<gml:featureMember><us-net-common:UtilityLink gml:id="ul)" + id +
           R"("><net:centrelineGeometry><gml:LineString gml:id="g)" + id + "\" " + lineAttrs +
           "><gml:posList " + posAttrs + ">" + posList +
           "</gml:posList></gml:LineString></net:centrelineGeometry></us-net-common:UtilityLink>"
           "</gml:featureMember>\n"
           R"(<gml:featureMember><imkl:Elektriciteitskabel gml:id=")" +
           id + R"("><net:inNetwork xlink:href="net1"/><net:link xlink:href="ul)" + id +
           R"("/><imkl:kabelDiameter uom="urn:ogc:def:uom:OGC::mm">50</imkl:kabelDiameter></imkl:Elektriciteitskabel></gml:featureMember>
)";
}

const char* kRd = R"(srsName="urn:ogc:def:crs:EPSG::28992")";

struct KlicResult {
    core::Result<void> ok;
    model::Dataset ds;
    io::ImportReport report;
    std::map<std::string, std::string> why;  // feature id -> problem
};

KlicResult readKlic(const test::ScratchDir& dir, const std::string& body) {
    KlicResult r;
    auto path =
        test::writeFile(dir.file("GI_hostile.xml"), kHeader + body + "</gml:FeatureCollection>\n");
    io::ReadOptions o;
    o.groundLevel = model::GroundLevel(10.0);
    // Through readSource, as bodem import does: the shared checks apply too.
    io::ReadOptions so;
    so.groundLevel = model::GroundLevel(10.0);
    r.ok = io::readSource(path, so, r.ds, r.report);
    for (const auto& e : r.report.problems) r.why[e.featureId] = e.message;
    return r;
}

// A TCP listener on 127.0.0.1 that counts connections (and answers none).
class CountingServer {
  public:
    CountingServer() {
        mFd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(mFd, reinterpret_cast<sockaddr*>(&a), sizeof a);
        listen(mFd, 8);
        socklen_t len = sizeof a;
        getsockname(mFd, reinterpret_cast<sockaddr*>(&a), &len);
        mPort = ntohs(a.sin_port);
        mThread = std::thread([this] {
            while (!mStop) {
                pollfd p{mFd, POLLIN, 0};
                if (poll(&p, 1, 50) > 0) {
                    int c = accept(mFd, nullptr, nullptr);
                    if (c >= 0) {
                        ++mConnections;
                        close(c);
                    }
                }
            }
        });
    }
    ~CountingServer() {
        mStop = true;
        mThread.join();
        close(mFd);
    }
    int port() const { return mPort; }
    int connections() const { return mConnections; }

  private:
    int mFd = -1, mPort = 0;
    std::atomic<bool> mStop{false};
    std::atomic<int> mConnections{0};
    std::thread mThread;
};

}  // namespace

TEST(HostileInput, SrsDimensionOtherThanTwoOrThreeIsRefusedPerFeature) {
    test::ScratchDir dir("srsdim");
    auto r = readKlic(dir, cableOn("zero", kRd, R"(srsDimension="0")", "250000 470000 250020 470000") +
                               cableOn("one", kRd, R"(srsDimension="1")", "250000 470000 250020") +
                               cableOn("odd", kRd, R"(srsDimension="2")", "250000 470000 250020") +
                               cableOn("ok", kRd, R"(srsDimension="2")", "250000 470000 250020 470000"));
    ASSERT_TRUE(r.ok) << r.ok.error().toString();
    EXPECT_EQ(r.ds.features.size(), 1u);
    EXPECT_EQ(r.why["ulzero"], "srsDimension '0' is not 2 or 3");
    EXPECT_EQ(r.why["ulone"], "srsDimension '1' is not 2 or 3");
    EXPECT_EQ(r.why["ulodd"], "3 coordinate values are not a whole number of 2D points");
}

TEST(HostileInput, ACrsOtherThanRdIsRefusedNeverReadAsRd) {
    test::ScratchDir dir("srsname");
    auto r = readKlic(dir, cableOn("wgs", R"(srsName="urn:ogc:def:crs:EPSG::4326")", "",
                                   "52.1 5.1 52.2 5.2") +
                               cableOn("ok", kRd, "", "250000 470000 250020 470000"));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.ds.features.size(), 1u);
    EXPECT_NE(r.why["ulwgs"].find("srsName 'urn:ogc:def:crs:EPSG::4326' is not RD New"),
              std::string::npos)
        << r.why["ulwgs"];
}

TEST(HostileInput, NonFiniteAndAbsurdCoordinatesAreRefusedWithTheFeatureId) {
    test::ScratchDir dir("nan");
    auto r = readKlic(dir, cableOn("nan", kRd, "", "nan 470000 250020 470000") +
                               cableOn("inf", kRd, "", "250000 inf 250020 470000") +
                               cableOn("huge", kRd, "", "1e308 470000 250020 470000") +
                               cableOn("word", kRd, "", "250000 470000 abc") +
                               cableOn("ok", kRd, "", "250000 470000 250020 470000"));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.ds.features.size(), 1u);
    EXPECT_EQ(r.why["ulnan"], "a coordinate is not a finite number");
    EXPECT_EQ(r.why["ulinf"], "a coordinate is not a finite number");
    EXPECT_NE(r.why["huge"].find("lies outside RD New"), std::string::npos) << r.why["huge"];
    EXPECT_NE(r.why["ulword"].find("text that is not a number"), std::string::npos);
    // The same for a GIS source (the checks all sources share).
    auto geojson = test::writeFile(dir.file("bad.geojson"), R"({"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
 "features": [
  {"type": "Feature", "properties": {"id": "far", "theme": "water", "status": "existing", "diameter_mm": 110, "depth_m": 1},
   "geometry": {"type": "LineString", "coordinates": [[5.1, 52.1], [5.2, 52.2]]}},
  {"type": "Feature", "properties": {"id": "deep", "theme": "water", "status": "existing", "diameter_mm": 110},
   "geometry": {"type": "LineString", "coordinates": [[250000, 470000, -1e300], [250010, 470000, 1]]}},
  {"type": "Feature", "properties": {"id": "fine", "theme": "water", "status": "existing", "diameter_mm": 110, "depth_m": 1},
   "geometry": {"type": "LineString", "coordinates": [[250000, 470000], [250010, 470000]]}}]})");
    model::Dataset ds;
    io::ImportReport report;
    io::ReadOptions so;
    so.groundLevel = model::GroundLevel(10.0);
    ASSERT_TRUE(io::readSource(geojson, so, ds, report));
    ASSERT_EQ(ds.features.size(), 1u);
    EXPECT_EQ(ds.features[0].id, "fine");
    std::string s = report.summary();
    EXPECT_NE(s.find("feature 'far': vertex 0: coordinate (5.1, 52.1) lies outside RD New"),
              std::string::npos)
        << s;
    EXPECT_NE(s.find("feature 'deep': vertex 0: height -1e+300 m NAP is implausible"),
              std::string::npos)
        << s;
    EXPECT_EQ(report.loaded(), 1u);
    EXPECT_EQ(report.skipped(), 2u);
}

TEST(HostileInput, TruncatedMalformedOrForeignXmlIsAnErrorNotAPartialImport) {
    test::ScratchDir dir("xml");
    std::string full = std::string(kHeader) + cableOn("a", kRd, "", "250000 470000 250020 470000") +
                       "</gml:FeatureCollection>\n";
    for (std::size_t cut : {full.size() / 2, full.size() - 10}) {
        auto p = test::writeFile(dir.file("GI_cut.xml"), full.substr(0, cut));
        model::Dataset ds;
        io::ImportReport report;
        auto r = test::readAs("klic", p, {}, ds, report);
        ASSERT_FALSE(r) << cut;
        EXPECT_NE(r.error().message.find("XML error at line"), std::string::npos);
    }
    std::string foreign = full;
    for (auto at = foreign.find("imkl/wibon"); at != std::string::npos; at = foreign.find("imkl/wibon"))
        foreign.replace(at, 10, "imkl/other");
    auto p = test::writeFile(dir.file("GI_foreign.xml"), foreign);
    model::Dataset ds;
    io::ImportReport report;
    auto r = test::readAs("klic", p, {}, ds, report);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("no IMKL features"), std::string::npos)
        << r.error().toString();
    EXPECT_NE(r.error().message.find("http://www.geostandaarden.nl/imkl/other"), std::string::npos)
        << r.error().toString();
}

TEST(HostileInput, DeepOrHugeXmlStopsAtTheLimitsWithTheirNames) {
    test::ScratchDir dir("xmllimits");
    std::string deep = std::string(kHeader) + "<gml:featureMember><imkl:Overig gml:id=\"x\">";
    for (int i = 0; i < 5000; ++i) deep += "<a>";
    auto p = test::writeFile(dir.file("GI_deep.xml"), deep);
    model::Dataset ds;
    io::ImportReport report;
    auto r = test::readAs("klic", p, {}, ds, report);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("exceed the limit xml-depth (256)"), std::string::npos)
        << r.error().toString();
    // A limit can be raised (and lowered, here to show the element limit quickly).
    auto saved = core::limits();
    ASSERT_TRUE(core::setLimit("xml-elements=50"));
    std::string many = std::string(kHeader);
    for (int i = 0; i < 20; ++i) many += cableOn("c" + std::to_string(i), kRd, "", "250000 470000 250020 470000");
    many += "</gml:FeatureCollection>\n";
    auto q = test::writeFile(dir.file("GI_many.xml"), many);
    model::Dataset ds2;
    auto r2 = test::readAs("klic", q, {}, ds2, report);
    core::limits() = saved;
    ASSERT_FALSE(r2);
    EXPECT_NE(r2.error().message.find("--limit xml-elements=N"), std::string::npos)
        << r2.error().toString();
    EXPECT_FALSE(core::setLimit("xml-elements=abc"));
    EXPECT_FALSE(core::setLimit("no-such-limit=5"));
}

TEST(HostileInput, AZipBombIsRefusedBeforeItIsInflated) {
    test::ScratchDir dir("zipbomb");
    // 64 MB of blanks inside a valid-looking delivery inflate from well under 1 MB.
    std::string zip = dir.file("Levering_99X999999_1.zip");
    {
        std::string inner = "/vsizip/" + zip + "/GI_gebiedsinformatielevering_99X999999_1.xml";
        VSILFILE* f = VSIFOpenL(inner.c_str(), "wb");
        ASSERT_NE(f, nullptr);
        std::string head = std::string(kHeader);
        VSIFWriteL(head.data(), 1, head.size(), f);
        std::string blanks(1 << 20, ' ');
        for (int i = 0; i < 64; ++i) VSIFWriteL(blanks.data(), 1, blanks.size(), f);
        VSIFCloseL(f);
    }
    ASSERT_LT(std::filesystem::file_size(zip), 1u << 20);
    model::Dataset ds;
    io::ImportReport report;
    auto r = test::readAs("klic", zip, {}, ds, report);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("exceed the limit zip-ratio"), std::string::npos)
        << r.error().toString();
}

TEST(HostileInput, ARasterThatDeclaresHugeDimensionsIsRefusedWithoutAllocating) {
    test::ScratchDir dir("bigraster");
    std::string path = dir.file("huge.tif");
    {
        io::Raster::writeGeoTiff(path, 250000, 470000, 1.0, 2, 2, {1, 2, 3, 4}, -9999);
        // Rewrite as 100000 x 100000, sparse: a tiny file that asks for 40 GB.
        GDALAllRegister();
        char** opts = CSLSetNameValue(nullptr, "SPARSE_OK", "TRUE");
        opts = CSLSetNameValue(opts, "COMPRESS", "DEFLATE");
        std::unique_ptr<GDALDataset> ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            path.c_str(), 100000, 100000, 1, GDT_Float32, opts));
        CSLDestroy(opts);
        double gt[6] = {250000, 1, 0, 470000, 0, -1};
        ds->SetGeoTransform(gt);
        OGRSpatialReference rd;
        rd.importFromEPSG(28992);
        ds->SetSpatialRef(&rd);
    }
    ASSERT_LT(std::filesystem::file_size(path), 10u << 20);
    auto r = io::Raster::open(path);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("100000 x 100000 cells exceed the limit raster-cells"),
              std::string::npos)
        << r.error().toString();
}

TEST(HostileInput, ARuleGroupCycleOrDeepNestingIsAParseErrorNotAStackOverflow) {
    // Groups may name groups defined before them, here those of the extended default set.
    auto cycle = clash::RuleSet::parse(
        "[ruleset]\nextends = \"nl-default\"\n[groups]\ngas = [\"riool\"]\nriool = [\"gas\"]\n",
        "cycle.toml");
    ASSERT_FALSE(cycle);
    EXPECT_NE(cycle.error().toString().find("groups form a cycle: gas -> riool -> gas"),
              std::string::npos)
        << cycle.error().toString();
    std::string deep = "[groups]\n";
    deep += "g100 = [\"water\"]\n";
    for (int i = 1; i < 40; ++i)
        deep += "g" + std::to_string(100 + i) + " = [\"g" + std::to_string(99 + i) + "\"]\n";
    auto nested = clash::RuleSet::parse(deep, "deep.toml");
    ASSERT_FALSE(nested);
    EXPECT_NE(nested.error().toString().find("exceed the limit rule-group-depth"),
              std::string::npos)
        << nested.error().toString();
}

TEST(HostileInput, GridQueriesFarOutsideTheIndexDoNotOverflow) {
    std::vector<core::Bounds3> boxes{{{0, 0, 0}, {1, 1, 1}}, {{5, 5, 0}, {6, 6, 1}}};
    spatial::UniformGrid grid(boxes, {0.0, 1});
    EXPECT_EQ(grid.query({{-1e300, -1e300, -1e300}, {1e300, 1e300, 1e300}}).size(), 2u);
    EXPECT_EQ(grid.query({{0.5, 0.5, 0}, {1e300, 0.6, 1}}).size(), 1u);
}

TEST(HostileInput, ARemotePathInAProjectMakesNoRequest) {
    CountingServer server;
    test::ScratchDir dir("ssrf");
    std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/ground.tif";
    model::Dataset ds;
    ds.fields.push_back({"ground_level", "/vsicurl/" + url, model::FieldKind::Raster2d, "m NAP", ""});
    ds.fields.push_back({"ghg", url, model::FieldKind::Raster2d, "m NAP", ""});
    std::string project = dir.file("shared.gpkg");
    ASSERT_TRUE(io::writeProject(ds, project));
    // A local VRT that points at the server: not a format a field may be.
    test::writeFile(dir.file("glg.vrt"),
                    "<VRTDataset rasterXSize=\"1\" rasterYSize=\"1\"><VRTRasterBand dataType=\"Float32\" "
                    "band=\"1\"><SimpleSource><SourceFilename>/vsicurl/" +
                        url + "</SourceFilename></SimpleSource></VRTRasterBand></VRTDataset>");
    io::ImportReport report;
    auto back = io::readProject(project, report);
    ASSERT_TRUE(back);
    back->fields.push_back({"glg", dir.file("glg.vrt"), model::FieldKind::Raster2d, "m NAP", ""});
    for (const char* name : {"ground_level", "ghg", "glg"}) {
        auto r = io::openFieldRaster(*back, name);
        ASSERT_FALSE(r) << name;
        if (std::string(name) != "glg") {
            EXPECT_NE(r.error().message.find("not a local file path; refused"), std::string::npos)
                << r.error().toString();
        }
    }
    auto cli = test::run(test::bodem() + " clash " + project + " --no-review");
    EXPECT_EQ(cli.exitCode, 1) << cli.output;
    EXPECT_NE(cli.output.find("bodem --allow-remote allows it"), std::string::npos) << cli.output;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(server.connections(), 0);
    EXPECT_FALSE(io::isLocalPath("PG:dbname=x"));
    EXPECT_FALSE(io::isLocalPath("/vsis3/bucket/x.tif"));
    EXPECT_TRUE(io::isLocalPath("sub/ground.tif"));
    EXPECT_TRUE(io::isLocalPath("/data/a:b.tif"));
}

TEST(HostileInput, ARepeatedUtilityLinkIdIsReportedNotSilentlyReplaced) {
    test::ScratchDir dir("duplink");
    // Two links with one id: the second (far away) would have moved the cable silently.
    std::string second =
        R"(<gml:featureMember><us-net-common:UtilityLink gml:id="ulk"><net:centrelineGeometry><gml:LineString gml:id="g2" srsName="urn:ogc:def:crs:EPSG::28992"><gml:posList>260000 480000 260020 480000</gml:posList></gml:LineString></net:centrelineGeometry></us-net-common:UtilityLink></gml:featureMember>
)";
    auto r = readKlic(dir, cableOn("k", kRd, "", "250000 470000 250020 470000") + second);
    ASSERT_TRUE(r.ok);
    ASSERT_EQ(r.ds.features.size(), 1u);
    EXPECT_NE(r.why["ulk"].find("UtilityLink id repeated"), std::string::npos) << r.why["ulk"];
    EXPECT_NEAR(r.ds.vertices[r.ds.linears[0].firstVertex].x, 250000, 1e-6);
}

TEST(HostileInput, AnImplausibleDiameterIsSaidAndTakenAsUnknown) {
    test::ScratchDir dir("diameter");
    std::string c = cableOn("big", kRd, "", "250000 470000 250020 470000");
    c.replace(c.find(">50<"), 4, ">7000<");  // 7 m
    auto r = readKlic(dir, c);
    ASSERT_TRUE(r.ok);
    ASSERT_EQ(r.ds.features.size(), 1u);
    EXPECT_TRUE(std::isnan(r.ds.linears[0].outerDiameterM));
    bool said = false;
    for (const auto& w : r.report.warnings)
        said |= w.featureId == "big" && w.message.find("not a plausible diameter") != std::string::npos;
    EXPECT_TRUE(said) << r.report.summary();
}
