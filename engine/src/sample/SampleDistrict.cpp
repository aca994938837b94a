#include <bodemzicht/sample/SampleDistrict.h>

#include "Layout.h"
#include "SampleBasemap.h"
#include "SampleGeotop.h"
#include "SamplePlannedWorks.h"

#include <cmath>
#include <filesystem>
#include <numbers>

#include <bodemzicht/io/BasemapStore.h>
#include <bodemzicht/io/PlannedWorksStore.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/Raster.h>
#include <bodemzicht/io/StreetStore.h>
#include <bodemzicht/sample/SampleInspections.h>

#include "Rng.h"

namespace bz::sample {

using core::Vec2;
using core::Vec3;
using model::DepthProvenance;
using model::ObjectStatus;
using model::ObjectType;
using model::VertexDepth;

namespace {

// [SECTION] layout constants (metres). Pre-war row-house blocks with 12 m streets.
using namespace layout;
constexpr double kHouseWidth = 6;
constexpr double kVertexSpacing = 4;    // KLIC lines typically have a vertex every few metres
constexpr int kBlocksPerSewerArea = 8;  // one outlet / pumping station per 8x8 blocks

// One network in the street cross-section: offset from the street centre line (positive = left
// of the direction of travel), cover depth, outer diameter and how its depth is known.
struct Lane {
    const char* theme;
    ObjectType type;
    const char* owner;
    const char* material;
    double offset, coverM, diameterM;
    int yearFrom, yearTo;
};

// Trottoir order from the facade outward (data, LS, gas, water), MS in the verge, sewer centred.
constexpr Lane kLanes[] = {
    {"datatransport", ObjectType::Cable, "KPN", "glasvezel", 5.6, 0.60, 0.04, 1995, 2015},
    {"laagspanning", ObjectType::Cable, "Enexis", "GPLK", 5.1, 0.70, 0.05, 1960, 2010},
    {"gasLageDruk", ObjectType::Pipe, "Enexis", "PVC", 4.5, 0.90, 0.11, 1965, 2005},
    {"water", ObjectType::Pipe, "Vitens", "PVC", 3.9, 1.00, 0.11, 1960, 2000},
    {"datatransport", ObjectType::Cable, "KPN", "glasvezel", -5.6, 0.60, 0.04, 1995, 2015},
    {"laagspanning", ObjectType::Cable, "Enexis", "GPLK", -5.1, 0.70, 0.05, 1960, 2010},
    {"gasLageDruk", ObjectType::Pipe, "Enexis", "PVC", -4.5, 0.90, 0.11, 1965, 2005},
    {"water", ObjectType::Pipe, "Vitens", "PVC", -3.9, 1.00, 0.11, 1960, 2000},
    {"middenspanning", ObjectType::Cable, "Enexis", "XLPE", 3.4, 0.90, 0.07, 1975, 2015},
};

constexpr double kAssumedUncertainty = 0.30;  // as the NL rule set's default for KLIC depths
constexpr double kMeasuredUncertainty = 0.05;
constexpr double kDerivedUncertainty = 0.15;

struct Builder {
    const SampleOptions& o;
    model::Dataset ds;
    Rng rng;
    int n;

    double ground(double x, double y) const { return sampleGroundLevel(o, x, y); }

    model::Dataset::Meta meta(std::string id, const char* layer, const char* theme, ObjectType type,
                              const char* owner, const char* material, ObjectStatus status,
                              int year, float horizAcc) {
        model::Dataset::Meta m;
        m.id = std::move(id);
        m.layer = layer;
        m.theme = theme;
        m.type = type;
        m.owner = owner;
        m.material = material;
        m.status = status;
        if (year) m.dates.laid = model::Date::of(year);
        m.horizontalAccuracyM = horizAcc;
        m.source = status == ObjectStatus::Proposed ? "ontwerp_warmtenet_v3.dwg" : "bodem sample";
        return m;
    }

    // A line from a to b at a cover depth, with vertices every kVertexSpacing metres.
    void line(const model::Dataset::Meta& m, Vec2 a, Vec2 b, double coverM, float diameterM,
              DepthProvenance prov, double uncertainty, double spacing = kVertexSpacing) {
        int segs = std::max(1, static_cast<int>(std::round(core::distance(a, b) / spacing)));
        std::vector<Vec3> axis;
        std::vector<VertexDepth> depths;
        for (int i = 0; i <= segs; ++i) {
            Vec2 p = core::lerp(a, b, static_cast<double>(i) / segs);
            // The real depth wanders a little around the nominal cover (only visible when
            // measured).
            double wander = prov == DepthProvenance::Assumed ? 0.0 : rng.uniform(-0.08, 0.08);
            axis.push_back({p.x, p.y, ground(p.x, p.y) - coverM - wander - diameterM / 2});
            depths.push_back({prov, static_cast<float>(uncertainty)});
        }
        ds.addLinear(m, axis, depths, diameterM);
    }

    Vec2 corner(int i, int j) const { return {o.origin.x + i * kPitchX, o.origin.y + j * kPitchY}; }

    // [SECTION] existing networks along one street edge
    void streetEdge(int i, int j, bool horizontal) {
        Vec2 a = corner(i, j);
        Vec2 b = horizontal ? corner(i + 1, j) : corner(i, j + 1);
        Vec2 dir = horizontal ? Vec2{1, 0} : Vec2{0, 1};
        Vec2 left{-dir.y, dir.x};
        // Mains run between the sidewalks of the crossing streets.
        Vec2 a0 = a + dir * (kStreetWidth / 2), b0 = b - dir * (kStreetWidth / 2);
        std::string edge = (horizontal ? "h" : "v") + std::to_string(i) + "_" + std::to_string(j);
        int laneNo = 0;
        for (const Lane& lane : kLanes) {
            ++laneNo;
            // Depth knowledge as in KLIC: mostly the net's standaardDieptelegging (assumed); the MS
            // cable was surveyed when laid; some gas mains have depth points (derived).
            DepthProvenance prov = DepthProvenance::Assumed;
            double unc = kAssumedUncertainty;
            if (lane.theme == std::string("middenspanning")) {
                prov = DepthProvenance::Measured;
                unc = kMeasuredUncertainty;
            } else if (lane.type == ObjectType::Pipe && lane.theme == std::string("gasLageDruk") &&
                       rng.chance(0.3)) {
                prov = DepthProvenance::Derived;
                unc = kDerivedUncertainty;
            }
            int year = static_cast<int>(rng.uniform(lane.yearFrom, lane.yearTo));
            auto m = meta("KL-" + edge + "-" + std::to_string(laneNo), "klic", lane.theme,
                          lane.type, lane.owner, lane.material, ObjectStatus::Existing, year, 0.5f);
            line(m, a0 + left * lane.offset, b0 + left * lane.offset, lane.coverM,
                 static_cast<float>(lane.diameterM), prov, unc);
        }
        // Street crossings of LS and data cables at the start corner, at assumed depth.
        if (horizontal && j > 0 && j < n) {
            for (double off : {5.1, 5.6}) {
                bool data = off > 5.5;
                auto m = meta("KL-" + edge + "-x" + (data ? "d" : "l"), "klic",
                              data ? "datatransport" : "laagspanning", ObjectType::Cable,
                              data ? "KPN" : "Enexis", data ? "glasvezel" : "GPLK",
                              ObjectStatus::Existing, 1985, 0.5f);
                Vec2 x0 = a + Vec2{off, -kStreetWidth / 2}, x1 = a + Vec2{off, kStreetWidth / 2};
                line(m, x0, x1, data ? 0.50 : 0.75, data ? 0.04f : 0.05f, DepthProvenance::Assumed,
                     kAssumedUncertainty);
            }
        }
        sewerEdge(a, b, edge, manholeId(i, j),
                  horizontal ? manholeId(i + 1, j) : manholeId(i, j + 1));
        if (horizontal) trees(a0, b0, left, edge);
    }

    // [SECTION] gravity sewer: straight pipes between manholes, BOB falling toward the area outlet
    double sewerDepthBelowGround(Vec2 p) const {
        // Distance along the street grid to this sewer area's outlet (its south-west corner).
        double ax = std::floor((p.x - o.origin.x + 1e-6) / (kPitchX * kBlocksPerSewerArea)) *
                    kPitchX * kBlocksPerSewerArea;
        double ay = std::floor((p.y - o.origin.y + 1e-6) / (kPitchY * kBlocksPerSewerArea)) *
                    kPitchY * kBlocksPerSewerArea;
        double dist = std::abs(p.x - o.origin.x - ax) + std::abs(p.y - o.origin.y - ay);
        double maxDist = (kPitchX + kPitchY) * kBlocksPerSewerArea;
        return 3.6 - 1.6 * std::min(1.0, dist / maxDist);  // 3.6 m at the outlet, 2.0 m upstream
    }

    static std::string manholeId(int i, int j) {
        return "PUT-" + std::to_string(i) + "_" + std::to_string(j);
    }

    void sewerEdge(Vec2 a, Vec2 b, const std::string& edge, const std::string& nodeA,
                   const std::string& nodeB) {
        double da = sewerDepthBelowGround(a), db = sewerDepthBelowGround(b);
        Vec2 up = da < db ? a : b, down = da < db ? b : a;  // flows from shallow to deep
        const std::string& nodeUp = da < db ? nodeA : nodeB;
        const std::string& nodeDown = da < db ? nodeB : nodeA;
        double bobUp = ground(up.x, up.y) - std::min(da, db),
               bobDown = ground(down.x, down.y) - std::max(da, db);
        if (bobDown >= bobUp) bobDown = bobUp - 0.05;  // keep a fall even on rising ground
        double innerMm = 300, wallMm = 40;
        double axisOffset = (innerMm / 2) / 1000;
        auto m = meta("GWSW-" + edge, "gwsw", "rioolVrijverval", ObjectType::SewerPipe,
                      "Gemeente Hengelo", "beton", ObjectStatus::Existing, 1958, 0.1f);
        std::vector<Vec3> axis{{up.x, up.y, bobUp + axisOffset},
                               {down.x, down.y, bobDown + axisOffset}};
        std::vector<VertexDepth> d(
            2, {DepthProvenance::Measured, static_cast<float>(kMeasuredUncertainty)});
        auto fi = ds.addLinear(m, axis, d, static_cast<float>((innerMm + 2 * wallMm) / 1000));
        model::SewerProfile s;
        s.bobBeginM = bobUp;
        s.bobEndM = bobDown;
        s.widthMm = static_cast<float>(innerMm);
        s.heightMm = static_cast<float>(innerMm);
        s.shape = "Rond";
        s.systemType = "GemengdStelsel";
        s.beginNode = nodeUp;
        s.endNode = nodeDown;
        ds.attach(fi, std::move(s));
    }

    void manhole(int i, int j) {
        Vec2 c = corner(i, j);
        double g = ground(c.x, c.y);
        double bob = g - sewerDepthBelowGround(c);
        auto m = meta(manholeId(i, j), "gwsw", "rioolVrijverval", ObjectType::Manhole,
                      "Gemeente Hengelo", "beton", ObjectStatus::Existing, 1958, 0.1f);
        model::VerticalBody b;
        b.center = c;
        b.topZ = g;
        b.bottomZ = bob - 0.25;
        b.radiusM = 0.6f;
        b.depth = {DepthProvenance::Measured, static_cast<float>(kMeasuredUncertainty)};
        ds.addBody(m, b);
    }

    // [SECTION] street trees, south side of horizontal streets, one per ~12 m
    void trees(Vec2 a0, Vec2 b0, Vec2 left, const std::string& edge) {
        double len = core::distance(a0, b0);
        int count = static_cast<int>(len / 12);
        for (int k = 0; k < count; ++k) {
            Vec2 p = core::lerp(a0, b0, (k + 0.5) / count) - left * 3.2;
            double g = ground(p.x, p.y);
            double crown = rng.uniform(4, 10);
            auto m = meta("BOOM-" + edge + "-" + std::to_string(k), "bomen", "boom",
                          ObjectType::Tree, "Gemeente Hengelo", "", ObjectStatus::Existing,
                          static_cast<int>(rng.uniform(1950, 2010)), 0.5f);
            model::TreeDetail t;
            t.species = crown > 7 ? "Tilia x europaea" : "Acer campestre";
            t.heightM = static_cast<float>(crown * 1.8);
            t.stemDiameterM = static_cast<float>(crown * 0.06);
            t.crownDiameterM = static_cast<float>(crown);
            // Root zone from the NL rule set's heuristic (crown radius + 1 m), hence derived.
            t.rootZoneDiameterM = static_cast<float>(crown + 2.0);
            t.rootDepthM = 1.0f;
            t.rootZoneProvenance = DepthProvenance::Derived;
            model::VerticalBody b;
            b.center = p;
            b.topZ = g;
            b.bottomZ = g - t.rootDepthM;
            b.radiusM = t.stemDiameterM / 2;
            b.depth = {DepthProvenance::Derived, 0.3f};
            auto fi = ds.addBody(m, b);
            ds.attach(fi, std::move(t));
        }
    }

    // [SECTION] house connections (gas, water, LS, data, sewer) on both long sides of a block
    // Each leaves its main at a connection point and runs straight to the facade level with it
    // (so it passes under the shallower mains it crosses); the houses' connections are staggered,
    // not aligned. The sewer connection leaves the house 1.2 to 1.4 m down, below the mains, and
    // falls 1:50 to 1:100 to just before the main, then drops into its crown.
    void houseConnections(int i, int j) {
        Vec2 sw = corner(i, j) + Vec2{kStreetWidth / 2, kStreetWidth / 2};
        int houses = static_cast<int>(kBlockWidth / kHouseWidth);
        for (int side = 0; side < 2; ++side) {
            // side 0: houses face the street south of the block; side 1: the street north of it.
            double facadeY = side == 0 ? sw.y : sw.y + kBlockDepth;
            double streetY = side == 0 ? corner(i, j).y : corner(i, j + 1).y;
            double s = side == 0 ? -1.0 : 1.0;  // from facade toward street centre: -s direction
            for (int h = 0; h < houses; ++h) {
                double x = sw.x + (h + 0.5) * kHouseWidth;
                std::string hid = std::to_string(i) + "_" + std::to_string(j) + "_" +
                                  std::to_string(side) + "_" + std::to_string(h);
                int lane = 0;
                for (const Lane& l : kLanes) {
                    ++lane;
                    // Only the mains on this block's sidewalk; MS has no house connections.
                    if (l.offset * s > 0 || std::string(l.theme) == "middenspanning") continue;
                    double yMain =
                        streetY + (facadeY - streetY) * (std::abs(l.offset) / (kStreetWidth / 2));
                    // Staggered along the facade, a little different for every house.
                    double xc = x - 2.2 + 0.55 * lane + rng.uniform(-0.4, 0.4);
                    double toFacade = facadeY > yMain ? 1.0 : -1.0;
                    Vec2 a{xc, yMain}, k{xc, yMain + 0.5 * toFacade}, b{xc, facadeY};
                    auto m = meta("AANSL-" + hid + "-" + std::to_string(lane), "klic", l.theme,
                                  l.type, l.owner, l.material, ObjectStatus::Existing,
                                  static_cast<int>(rng.uniform(l.yearFrom, l.yearTo)), 1.0f);
                    float d = static_cast<float>(l.type == ObjectType::Pipe ? 0.032 : 0.025);
                    // Level with its main's axis, from the connection point to the facade.
                    const double below = l.coverM + l.diameterM / 2;
                    std::vector<Vec3> axis;
                    std::vector<VertexDepth> dep;
                    const Vec2 pts[3] = {a, k, b};
                    for (int v = 0; v < 3; ++v) {
                        axis.push_back({pts[v].x, pts[v].y, ground(pts[v].x, pts[v].y) - below});
                        dep.push_back({DepthProvenance::Assumed,
                                       static_cast<float>(kAssumedUncertainty),
                                       static_cast<float>(below)});
                    }
                    ds.addLinear(m, axis, dep, d);
                }
                sewerConnection(hid, x + (h % 2 ? 1.6 : -1.6) + rng.uniform(-0.3, 0.3), facadeY,
                                streetY);
            }
        }
    }

    void sewerConnection(const std::string& hid, double xc, double facadeY, double streetY) {
        const double inner = 0.110, outer = 0.125;
        const double toStreet = streetY > facadeY ? 1.0 : -1.0;
        const Vec2 f{xc, facadeY}, n{xc, streetY - 0.8 * toStreet}, e{xc, streetY};
        // The main's crown at the connection point (300 mm inner, see sewerEdge).
        const double crown = ground(e.x, e.y) - sewerDepthBelowGround(e) + 0.30;
        const double bobFacade = ground(f.x, f.y) - rng.uniform(1.2, 1.4);
        const double fall = 1.0 / rng.uniform(50, 100);
        double bobNear = bobFacade - fall * std::abs(n.y - f.y);
        // A main that lies shallow: the connection keeps its fall, ending on the crown.
        bobNear = std::max(bobNear, crown + 0.05);
        const double bobEnd = crown - inner / 2;  // the axis ends inside the main's wall
        auto m = meta("GWSW-AANSL-" + hid, "gwsw", "rioolVrijverval", ObjectType::SewerPipe,
                      "Gemeente Hengelo", "PVC", ObjectStatus::Existing, 1958, 0.2f);
        std::vector<Vec3> axis{{f.x, f.y, bobFacade + inner / 2},
                               {n.x, n.y, bobNear + inner / 2},
                               {e.x, e.y, bobEnd + inner / 2}};
        std::vector<VertexDepth> dep(
            3, {DepthProvenance::Measured, static_cast<float>(kMeasuredUncertainty)});
        auto fi = ds.addLinear(m, axis, dep, static_cast<float>(outer));
        model::SewerProfile sp;
        sp.bobBeginM = bobFacade;
        sp.bobEndM = bobEnd;
        sp.widthMm = sp.heightMm = static_cast<float>(inner * 1000);
        sp.shape = "Rond";
        sp.systemType = "GemengdStelsel";
        ds.attach(fi, std::move(sp));
    }

    // [SECTION] proposal: heat network, charging points, tree pits, wadi, crates, WKO well
    void heatNetwork() {
        // A heat main in the carriageway of every third horizontal street, with house connections
        // to the houses on its north side.
        for (int j = 1; j < n; j += std::max(1, o.heatStreetEvery)) {
            for (int i = 0; i < n; ++i) {
                Vec2 a = corner(i, j), b = corner(i + 1, j);
                std::string edge = std::to_string(i) + "_" + std::to_string(j);
                // Trench: 1.0 m wide, 1.2 m deep, along the carriageway at +1.5 m.
                Vec2 ta = a + Vec2{0, 1.5}, tb = b + Vec2{0, 1.5};
                double g = ground(ta.x, ta.y);
                auto tm = meta("WN-SLEUF-" + edge, "voorstel", "sleuf", ObjectType::Trench,
                               "Gemeente Hengelo", "", ObjectStatus::Proposed, 2027, 0.05f);
                ds.addPrism(tm, {{ta, tb}}, g - 1.2, g, 1.0f, {DepthProvenance::Measured, 0.05f});
                for (int p = 0; p < 2; ++p) {
                    auto m = meta("WN-" + std::string(p ? "RET-" : "AAN-") + edge, "voorstel",
                                  "warmte", ObjectType::HeatPipe, "Warmtebedrijf Hengelo",
                                  "St-Pur-PE", ObjectStatus::Proposed, 2027, 0.05f);
                    line(m, a + Vec2{0, 1.2 + 0.6 * p}, b + Vec2{0, 1.2 + 0.6 * p}, 0.80, 0.25f,
                         DepthProvenance::Measured, 0.05);
                }
                // Twin-pipe connections to the houses north of the street.
                Vec2 sw = corner(i, j) + Vec2{kStreetWidth / 2, kStreetWidth / 2};
                int houses = static_cast<int>(kBlockWidth / kHouseWidth);
                for (int h = 0; h < houses; ++h) {
                    double x = sw.x + (h + 0.5) * kHouseWidth + 0.9;
                    auto m = meta("WN-AANSL-" + edge + "_" + std::to_string(h), "voorstel",
                                  "warmte", ObjectType::HeatPipe, "Warmtebedrijf Hengelo",
                                  "PE-Xa twin", ObjectStatus::Proposed, 2027, 0.05f);
                    line(m, {x, a.y + 1.8}, {x, sw.y}, 0.80, 0.11f, DepthProvenance::Measured, 0.05,
                         100.0);
                }
            }
        }
    }

    void chargingPoints() {
        // New LS cable from the existing LS main to three charging points at the kerb of street
        // j=1.
        int j = std::min(1, n), i = 0;
        Vec2 a = corner(i, j);
        Vec2 start = a + Vec2{kStreetWidth / 2 + 10, -5.1};
        Vec2 end = start + Vec2{30, 0};
        auto m = meta("LP-KABEL-1", "voorstel", "laagspanning", ObjectType::Cable, "Enexis", "XLPE",
                      ObjectStatus::Proposed, 2027, 0.1f);
        line(m, start + Vec2{0, 2.0}, end + Vec2{0, 2.0}, 0.60, 0.05f, DepthProvenance::Measured,
             0.05);
        for (int k = 0; k < 3; ++k) {
            Vec2 p = start + Vec2{5.0 + 10.0 * k, 2.2};
            double g = ground(p.x, p.y);
            auto fm =
                meta("LP-FUND-" + std::to_string(k + 1), "voorstel", "laadpunt",
                     ObjectType::Foundation, "Enexis", "beton", ObjectStatus::Proposed, 2027, 0.1f);
            model::VerticalBody b;
            b.center = p;
            b.topZ = g;
            b.bottomZ = g - 0.8;
            b.widthM = 0.6f;
            b.lengthM = 0.4f;
            b.depth = {DepthProvenance::Measured, 0.05f};
            ds.addBody(fm, b);
        }
    }

    void treePits() {
        // Three new tree pits on the north sidewalk of street j=min(2,n): they cut into the mains.
        int j = std::min(2, n);
        for (int k = 0; k < 3; ++k) {
            Vec2 c = corner(0, j) + Vec2{kStreetWidth / 2 + 15 + 20 * k, 4.6};
            double g = ground(c.x, c.y);
            auto m = meta("BV-" + std::to_string(k + 1), "voorstel", "boomvoorziening",
                          ObjectType::TreePit, "Gemeente Hengelo", "bomenzand",
                          ObjectStatus::Proposed, 2027, 0.1f);
            std::vector<Vec2> ring{
                {c.x - 1, c.y - 1}, {c.x + 1, c.y - 1}, {c.x + 1, c.y + 1}, {c.x - 1, c.y + 1}};
            ds.addPrism(m, {ring}, g - 1.2, g, model::kUnknown, {DepthProvenance::Measured, 0.05f});
        }
    }

    void climateMeasures() {
        // A wadi in the inner court of the north-east block and infiltration crates under a parking
        // strip, where the GHG is high.
        Vec2 ne = corner(n - 1, n - 1) + Vec2{kStreetWidth / 2 + 30, kStreetWidth / 2 + 20};
        double g = ground(ne.x, ne.y);
        auto wm = meta("WADI-1", "voorstel", "infiltratie", ObjectType::Wadi, "Gemeente Hengelo",
                       "", ObjectStatus::Proposed, 2027, 0.1f);
        std::vector<Vec2> wadi{{ne.x, ne.y},
                               {ne.x + 24, ne.y},
                               {ne.x + 26, ne.y + 8},
                               {ne.x + 12, ne.y + 14},
                               {ne.x - 2, ne.y + 8}};
        ds.addPrism(wm, {wadi}, g - 0.5, g, model::kUnknown, {DepthProvenance::Measured, 0.05f});
        // South of it, the trench of a storage sewer (berging) that drains the court: dug 2.5 m
        // deep, below the lowest groundwater level, so it needs dewatering.
        auto bm = meta("SLEUF-BERGING-1", "voorstel", "sleuf", ObjectType::Trench,
                       "Gemeente Hengelo", "", ObjectStatus::Proposed, 2027, 0.1f);
        ds.addPrism(bm, {{{ne.x, ne.y - 6}, {ne.x + 20, ne.y - 6}}}, g - 2.5, g, 1.5f,
                    {DepthProvenance::Measured, 0.05f});
        Vec2 c = corner(0, 0) + Vec2{kStreetWidth / 2 + 20, 2.5};
        g = ground(c.x, c.y);
        auto cm = meta("KRAT-1", "voorstel", "infiltratie", ObjectType::InfiltrationCrate,
                       "Gemeente Hengelo", "PP", ObjectStatus::Proposed, 2027, 0.1f);
        std::vector<Vec2> crate{
            {c.x, c.y - 1}, {c.x + 12, c.y - 1}, {c.x + 12, c.y + 0.2}, {c.x, c.y + 0.2}};
        ds.addPrism(cm, {crate}, g - 1.6, g - 0.6, model::kUnknown,
                    {DepthProvenance::Measured, 0.05f});
    }

    void wells() {
        // An existing warm well of a neighbouring building's system, and the proposed cold well of
        // the neighbourhood's collective system 60 m away: closer than 3 thermal radii.
        Vec2 existing = corner(0, 0) + Vec2{kStreetWidth / 2 + 20, kStreetWidth / 2 + 30};
        Vec2 proposed = existing + Vec2{60, 0};
        auto add = [&](const std::string& id, Vec2 p, ObjectStatus st, const char* temp,
                       double volume, const char* sys) {
            double g = ground(p.x, p.y);
            auto m =
                meta(id, st == ObjectStatus::Proposed ? "voorstel" : "bodemenergie", "wko",
                     ObjectType::Well,
                     st == ObjectStatus::Proposed ? "Warmtebedrijf Hengelo" : "VvE De Nijverheid",
                     "PVC", st, st == ObjectStatus::Proposed ? 2027 : 2012, 0.1f);
            model::VerticalBody b;
            b.center = p;
            b.topZ = g;
            b.bottomZ = g - 95;
            b.radiusM = 0.2f;
            b.depth = {DepthProvenance::Measured, 0.1f};
            auto fi = ds.addBody(m, b);
            model::WellDetail w;
            w.screenTopZ = g - 60;
            w.screenBottomZ = g - 90;
            w.storedVolumeM3 = volume;
            w.temperature = temp;
            w.systemId = sys;
            ds.attach(fi, std::move(w));
        };
        add("WKO-BESTAAND-1", existing, ObjectStatus::Existing, "warm", 40000,
            "WKO-VVE-NIJVERHEID");
        add("WKO-NIEUW-1", proposed, ObjectStatus::Proposed, "koud", 50000,
            "WKO-WARMTENET-NIJVERHEID");
    }

    void contamination() {
        // Lead in made ground along the heat route, and a mineral-oil spot at a former garage.
        int j = std::min(1, n);
        Vec2 a = corner(0, j) + Vec2{20, -8};
        double g = ground(a.x, a.y);
        auto m = meta("VO-LOOD-1", "bodemloket", "verontreiniging", ObjectType::ContaminationZone,
                      "Gemeente Hengelo", "", ObjectStatus::Existing, 0, 2.0f);
        std::vector<Vec2> ring{{a.x, a.y},
                               {a.x + 40, a.y},
                               {a.x + 45, a.y + 14},
                               {a.x + 10, a.y + 18},
                               {a.x - 4, a.y + 9}};
        auto fi = ds.addPrism(m, {ring}, g - 1.5, g - 0.2, model::kUnknown,
                              {DepthProvenance::Measured, 0.25f});
        ds.attach(fi, model::ContaminationDetail{"lood", 820, "mg/kg ds", "grond"});
        Vec2 b = corner(std::min(1, n), std::min(2, n)) + Vec2{8, 4};
        g = ground(b.x, b.y);
        auto m2 = meta("VO-OLIE-1", "bodemloket", "verontreiniging", ObjectType::ContaminationZone,
                       "Gemeente Hengelo", "", ObjectStatus::Existing, 0, 2.0f);
        std::vector<Vec2> spot;
        for (int k = 0; k < 10; ++k) {
            double ang = 2 * std::numbers::pi * k / 10;
            spot.push_back({b.x + 6 * std::cos(ang), b.y + 4.5 * std::sin(ang)});
        }
        fi = ds.addPrism(m2, {spot}, g - 3.0, g - 1.0, model::kUnknown,
                         {DepthProvenance::Measured, 0.25f});
        ds.attach(fi, model::ContaminationDetail{"minerale olie", 7400, "mg/kg ds", "grond"});
    }

    void protectedStrip() {
        // A high-pressure gas transport main along the southern edge with its protected strip (EV).
        Vec2 a = corner(0, 0) + Vec2{0, -9}, b = corner(n, 0) + Vec2{0, -9};
        auto m = meta("GHD-1", "klic", "gasHogeDruk", ObjectType::Pipe, "Gasunie", "staal",
                      ObjectStatus::Existing, 1972, 0.5f);
        line(m, a, b, 1.2, 0.32f, DepthProvenance::Derived, kDerivedUncertainty, 8.0);
        double g = ground(a.x, a.y);
        auto zm = meta("EV-GHD-1", "klic", "evGebied", ObjectType::ProtectedZone, "Gasunie", "",
                       ObjectStatus::Existing, 0, 0.5f);
        ds.addPrism(zm, {{a, b}}, g - 3.0, g, 10.0f, {DepthProvenance::Derived, 0.15f});
    }
};

}  // namespace

double sampleGroundLevel(const SampleOptions& o, double x, double y) {
    double dx = x - o.origin.x, dy = y - o.origin.y;
    // Gently undulating terrain around 24 m NAP, falling slightly to the south-west.
    return 24.0 + 0.0008 * dx + 0.0006 * dy + 0.35 * std::sin(dx / 140.0) * std::cos(dy / 110.0);
}

double sampleGhg(const SampleOptions& o, double x, double y) {
    double dx = x - o.origin.x;
    return sampleGroundLevel(o, x, y) - (0.75 + 0.25 * std::sin(dx / 90.0));
}

double sampleGlg(const SampleOptions& o, double x, double y) {
    return sampleGhg(o, x, y) - 1.1;
}

model::Dataset generateDistrict(const SampleOptions& options) {
    Builder b{options, {}, Rng(options.seed), std::max(1, options.blocks)};
    const int n = b.n;
    for (int j = 0; j <= n; ++j)
        for (int i = 0; i < n; ++i) b.streetEdge(i, j, true);
    for (int i = 0; i <= n; ++i)
        for (int j = 0; j < n; ++j) b.streetEdge(i, j, false);
    for (int j = 0; j <= n; ++j)
        for (int i = 0; i <= n; ++i) b.manhole(i, j);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) b.houseConnections(i, j);
    b.protectedStrip();
    b.contamination();
    b.wells();
    b.heatNetwork();
    b.chargingPoints();
    b.treePits();
    b.climateMeasures();
    b.ds.fields = {
        {"ground_level", "ground_level.tif", model::FieldKind::Raster2d, "m NAP",
         "maaiveld (AHN-like), synthetic"},
        {"ghg", "ghg.tif", model::FieldKind::Raster2d, "m NAP",
         "gemiddeld hoogste grondwaterstand, synthetic"},
        {"glg", "glg.tif", model::FieldKind::Raster2d, "m NAP",
         "gemiddeld laagste grondwaterstand, synthetic"},
        {"geotop", "geotop.nc", model::FieldKind::Grid3d, "",
         "GeoTOP-like voxel block (lithok, strat, kans_1..9), synthetic"},
        {"contamination_plume", "plume.nc", model::FieldKind::Grid3d, "",
         "lead plume in made ground, benzene in the groundwater (CF-1.8 grid), synthetic"},
        {"head", "head.nc", model::FieldKind::Grid3d, "m NAP",
         "head grid (stijghoogte, winter), synthetic"},
    };
    return std::move(b.ds);
}

core::Result<std::string> writeSampleDistrict(const std::string& dir,
                                              const SampleOptions& options) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return core::fail(dir, "", "cannot create folder: " + ec.message());
    model::Dataset ds = generateDistrict(options);
    auto bounds = ds.bounds();
    const double margin = 20;
    double extent = std::max(bounds.hi.x - bounds.lo.x, bounds.hi.y - bounds.lo.y) + 2 * margin;
    double cell = extent < 1000 ? 1.0 : extent < 3000 ? 2.0 : 5.0;
    double ox = std::floor(bounds.lo.x - margin), oy = std::ceil(bounds.hi.y + margin);
    int w = static_cast<int>(std::ceil((bounds.hi.x + margin - ox) / cell));
    int h = static_cast<int>(std::ceil((oy - (bounds.lo.y - margin)) / cell));
    using Fn = double (*)(const SampleOptions&, double, double);
    for (auto [name, fn, cellSize] :
         {std::tuple<const char*, Fn, double>{"ground_level.tif", sampleGroundLevel, cell},
          {"ghg.tif", sampleGhg, cell * 5},
          {"glg.tif", sampleGlg, cell * 5}}) {
        int rw = static_cast<int>(std::ceil(w * cell / cellSize)),
            rh = static_cast<int>(std::ceil(h * cell / cellSize));
        std::vector<float> values(static_cast<std::size_t>(rw) * rh);
        for (int r = 0; r < rh; ++r)
            for (int c = 0; c < rw; ++c)
                values[static_cast<std::size_t>(r) * rw + c] = static_cast<float>(
                    fn(options, ox + (c + 0.5) * cellSize, oy - (r + 0.5) * cellSize));
        auto ok = io::Raster::writeGeoTiff((std::filesystem::path(dir) / name).string(), ox, oy,
                                           cellSize, rw, rh, values, -9999.f);
        if (!ok) return std::unexpected(ok.error());
    }
    // The soil under the district: a GeoTOP-like block of 100 m columns.
    if (auto ok = writeSampleGeotop(options, {bounds.lo.x - margin, bounds.lo.y - margin},
                                    {bounds.hi.x + margin, bounds.hi.y + margin},
                                    (std::filesystem::path(dir) / "geotop.nc").string());
        !ok)
        return std::unexpected(ok.error());
    // The winter head under the district.
    if (auto ok = writeSampleHead(options, {bounds.lo.x - margin, bounds.lo.y - margin},
                                  {bounds.hi.x + margin, bounds.hi.y + margin},
                                  (std::filesystem::path(dir) / "head.nc").string());
        !ok)
        return std::unexpected(ok.error());
    // A lead plume under the first east-west street, where the contamination zone VO-LOOD-1 lies.
    {
        const double y = options.origin.y + std::min(1, options.blocks) * layout::kPitchY;
        if (auto ok = writeSamplePlume(options, {options.origin.x + 40, y + 1},
                                       (std::filesystem::path(dir) / "plume.nc").string());
            !ok)
            return std::unexpected(ok.error());
    }
    // A year's camera inspections of a third of the sewer, to import as an asset manager would.
    InspectionOptions inspections;
    inspections.share = options.inspectedShare;
    inspections.seed = options.seed + 11;
    if (inspections.share > 0)
        if (auto ok = writeSampleInspections(
                ds, (std::filesystem::path(dir) / "inspections.ribx").string(), inspections);
            !ok)
            return std::unexpected(ok.error());
    std::string project = (std::filesystem::path(dir) / "district.gpkg").string();
    if (auto ok = io::writeProject(ds, project); !ok) return std::unexpected(ok.error());
    // Its base map, imported as `bodem import ... --as basemap` does.
    const std::string prefix = (std::filesystem::path(dir) / "basemap").string();
    if (auto ok = writeSampleBasemap(options, prefix); !ok) return std::unexpected(ok.error());
    for (const char* layer : {"pand", "wegdeel"}) {
        const std::string file = prefix + "_" + layer + ".geojson";
        auto map = io::readBasemapSource(file, std::nullopt);
        if (!map) return std::unexpected(map.error());
        if (auto ok = io::storeBasemap(project, std::filesystem::path(file).filename().string(),
                                       map->lines);
            !ok)
            return std::unexpected(ok.error());
    }
    // Its street segments, imported as `bodem import ... --as streets` does.
    const std::string streets = (std::filesystem::path(dir) / "streets.geojson").string();
    if (auto ok = writeSampleStreets(options, streets); !ok) return std::unexpected(ok.error());
    auto read = io::readStreetSource(streets, std::nullopt);
    if (!read) return std::unexpected(read.error());
    if (auto ok = io::storeStreets(project, read->segments); !ok)
        return std::unexpected(ok.error());
    // The owners' planned works and the road maintenance, imported as `bodem import ... --as
    // works` does.
    auto works = writeSamplePlannedWorks(options, dir);
    if (!works) return std::unexpected(works.error());
    for (const auto& file : {works->first, works->second}) {
        auto planned = io::readPlannedWorksSource(file, std::nullopt);
        if (!planned) return std::unexpected(planned.error());
        if (auto ok = io::storePlannedWorks(project, planned->works,
                                            std::filesystem::path(file).filename().string());
            !ok)
            return std::unexpected(ok.error());
    }
    return project;
}

}  // namespace bz::sample
