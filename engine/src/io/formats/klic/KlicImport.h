// KLIC deliveries (IMKL 2.0 and 1.2.1), private to the klic format. A delivery is read in steps,
// each its own unit:
//   readDelivery     every feature of the IMKL file into records (KlicDelivery.cpp)
//   DeliveryGround   the ground for depths below maaiveld (KlicGround.cpp)
//   addNetworks      elements -> cables and pipes at their depth (KlicNetworks.cpp), using the
//   depthsAlong      depth model of standard depth and depth points (KlicDepthModel.cpp)
//   addZones         EV areas, the request area, extra geometry (KlicZones.cpp)
//   addPointObjects  appurtenances, cabinets, manholes (KlicPointObjects.cpp)
// KlicDriver.cpp identifies deliveries and runs the steps. docs/data-model.md explains the depth
// model and its numbers.
#pragma once

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/GroundLevel.h>

#include "GmlRecords.h"

namespace bz::io::formats::klic {

using core::Vec2;
using core::Vec3;

// [SECTION] options

struct KlicOptions {
    double depthPointSnapM = 1.0;        // how far an unlinked depth point may lie from its element
    double depthPointInfluenceM = 25.0;  // its influence fades as exp(-distance / this)
    double depthPointUncertaintyGrowth = 0.02;  // its band grows by this many m per m
    double assumedBandM = 0.5;  // the band of an assumed depth; "onbekend" is never tighter
    // Sizes of point objects, which KLIC gives as points only (the rule set's defaults; assumed).
    double appurtenanceDiameterM = 0.3;
    double cabinetFoundationDepthM = 0.6;
    double manholeDepthM = 1.5;
    // Cover depth of a network without standaardDieptelegging: per theme from the rule set,
    // else defaultCoverM (assumed, and said per network).
    std::map<std::string, double> coverByTheme;
    double defaultCoverM = 1.0;
    // Shapes of point objects by type (rule set, [point_objects]); the sizes above where a type
    // has none.
    std::map<std::string, PointObjectShape> pointObjects;
    // The flat ground used where no ground level is known (NaN: the delivery's median
    // maaiveldPeil, else 0 m NAP); marked assumed (model::GroundBasis).
    double assumedGroundM = NAN;
};

// [SECTION] the delivery's records

struct Network {
    std::string theme;
    double defaultCoverM = NAN;  // standaardDieptelegging, m below ground
};

struct DepthPoint {
    Vec2 at;
    double value = NAN;  // m below ground (TovMaaiveld) or m NAP (NAP)
    bool nap = false;
    double groundNap = NAN;  // maaiveldPeil of a DiepteNAP
    bool bottom = false;     // aangrijpingspunt binnenonderkantBuis
    float accuracy = model::kUnknown;
    std::string id;
};

struct Delivery {
    std::string file;  // as given (the zip, or the XML)
    std::vector<GmlRecord> elements, zones, points;
    std::unordered_map<std::string, Network> networks;
    std::unordered_map<std::string, std::vector<Vec2>> links;
    std::unordered_map<std::string, std::string> owners;  // bronhoudercode -> name
    std::map<std::string, std::vector<DepthPoint>> depthsByNetwork;
    // When KLIC composed the delivery (imkl:datumLeveringSamengesteld): a delivery is valid for
    // 20 working days. Kept on the request area's zone.
    model::Date deliveredOn;

    // "Liander (KL1040)" from a gml:id "nl.imkl-KL1040.xyz"; the code alone when unknown.
    std::string ownerOf(const std::string& gmlId) const;
};

// Pass 1: every feature of the IMKL file `xml` (inside `file`) into records. An error when the
// file cannot be read to its end (a delivery is never imported in part).
core::Result<Delivery> readDelivery(const std::string& file, const std::string& xml,
                                    ImportReport& report);

// The object type of an IMKL element (imkl:Elektriciteitskabel -> cable, ...).
model::ObjectType elementType(const std::string& imklType);

// The IMKL file inside a delivery zip (a /vsizip/ path); empty when there is none.
std::string imklFileInZip(const std::string& zip);
// Refuses a zip whose entries would inflate beyond the input limits, before inflating anything.
core::Result<void> checkZipLimits(const std::string& zip);
bool hasImklHeader(std::string_view head);

// Helpers for IMKL values.
// usc:validFrom as a date; the dummies 1900 and 9999 are unknown.
model::Date laidDate(const std::string& validFrom);
// The record's values the model has no field for (not in `used`): texts (numbers with a unit as
// numbers, the unit in the key) and code-list references (their code).
std::vector<std::pair<std::string, model::AttributeValue>> otherAttributes(
    const GmlRecord& r, const std::set<std::string>& used);
std::string lastSegment(const std::string& href);
double metresPer(const std::string& uom);   // metres per unit of an OGC uom; NaN when unknown
float accuracyOf(const std::string* href);  // tot30cm -> 0.3; onbekend -> NaN
// A number of the delivery; said (and NaN) when it is not one.
double numberOf(const GmlRecord& r, const char* element, const std::string& text,
                const std::string& file, ImportReport& report);

// [SECTION] ground

// The ground for depths below maaiveld: the level given, else the delivery's own maaiveldPeil (of
// its DiepteNAP points, the nearest within 100 m), else an assumed flat ground.
class DeliveryGround {
  public:
    DeliveryGround(const Delivery& delivery, const model::GroundLevel& given,
                   double assumedGroundM);
    double at(double x, double y);      // NaN when nothing is known there
    double orFlat(double x, double y);  // ... else the flat ground (counted)
    double flat() const { return mFlat; }
    // What the heights stand on, for model::GroundBasis.
    model::GroundBasis basis() const;

  private:
    const model::GroundLevel& mGiven;
    std::vector<std::pair<Vec2, double>> mDeliveryGround;
    double mFlat = 0;
    std::size_t mFromDelivery = 0, mOnFlat = 0;
};

// [SECTION] depth model

// A depth point on an element: where along it (m), the axis's depth below ground and its band.
struct DepthFix {
    double chainage, below, band;
};

// The depth below ground of each vertex of a line (chainage `run[i]`): the standard depth, pulled
// towards nearby fixes with an influence fading as exp(-d / influence) and a band growing with d.
std::vector<model::VertexDepth> depthsAlong(const std::vector<double>& run,
                                            const std::vector<DepthFix>& fixes,
                                            double standardBelow, const KlicOptions& options);

// Distance from p to a polyline and the chainage of the closest point.
double projectOnLine(const std::vector<Vec2>& line, Vec2 p, double& chainage);

// [SECTION] steps

// The cover depth of a network: its standaardDieptelegging, else the rule set's for its theme
// (said once per network).
class CoverDepths {
  public:
    CoverDepths(const KlicOptions& options, ImportReport& report, const std::string& file)
        : mOptions(options), mReport(report), mFile(file) {}
    double of(const std::string& networkId, const Network& n);

  private:
    const KlicOptions& mOptions;
    ImportReport& mReport;
    const std::string& mFile;
    std::set<std::string> mFromRules;
};

void addNetworks(const Delivery& d, DeliveryGround& ground, CoverDepths& covers,
                 const KlicOptions& options, model::Dataset& ds, ImportReport& report);
// A polygon as rings: the exterior first, then its holes.
using Polygon = std::vector<std::vector<Vec2>>;
// A zone record's polygons, repaired with GEOS where invalid (said).
std::vector<Polygon> polygonsOf(const GmlRecord& r, const std::string& file, ImportReport& report);
// `attachedExtra`: the ids of extra geometry that an object refers to (its footprint, not a zone).
void addZones(const Delivery& d, const std::set<std::string>& attachedExtra, model::Dataset& ds,
              ImportReport& report);
// Returns the ids of the extra geometry the objects took as their footprint.
std::set<std::string> addPointObjects(const Delivery& d, DeliveryGround& ground,
                                      CoverDepths& covers, const KlicOptions& options,
                                      model::Dataset& ds, ImportReport& report);

}  // namespace bz::io::formats::klic
