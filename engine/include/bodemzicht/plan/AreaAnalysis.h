// The environment analysis of a work area (omgevingsanalyse bij de opdrachtformulering): before a
// project team is formed, which domains play in the area (energy transition, climate adaptation,
// sewer, soil and groundwater, protected zones), every owner with objects there (protected
// zones' owners and their contacts first), the coupling chances from the works plan, the
// constraints with their numbers, and what is known and how well (sources, assumed depths,
// missing layers, old inspections).
//
//     auto a = plan::analyseArea(ds, areaRing, context);
//     for (const auto& o : a.owners) o.owner, o.objects;
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/model/Date.h>
#include <bodemzicht/plan/WorksPlan.h>

namespace bz::plan {

struct AreaContext {
    const WorksPlan* plan = nullptr;              // the coupling chances, where computed
    const model::StreetLayer* streets = nullptr;  // the plan's segments
    std::vector<std::string> constraints;         // lines the caller found (clash rows)
    std::vector<std::string> spaceBudget;         // per street: the room left (design module)
    // Flooding areas (wateroverlast, overstroming) from a layer the user brings: outlines.
    std::vector<std::vector<core::Vec2>> flooding;
    bool floodingGiven = false;
    int year = 2027;                   // "now", for inspection ages
    model::Date today;                 // for the age of KLIC deliveries
    int inspectionIntervalYears = 10;  // the municipality's interval
};

struct AreaOwner {
    std::string owner;
    std::size_t objects = 0;
    double lengthM = 0;  // of its cables and pipes in the area (whole objects)
    std::set<std::string> themes;
    std::size_t vertices = 0, assumedVertices = 0;  // depth provenance of its networks
    bool protectedZone = false;                     // owns a protected (EV) zone there
    std::string contact;                            // from its zones' or objects' attributes
};

struct AreaDomain {
    std::string name;                   // Dutch: "Energietransitie", ...
    std::vector<std::string> findings;  // empty: nothing of it in the area
};

struct AreaAnalysis {
    double areaM2 = 0;
    std::vector<std::uint32_t> features;  // the objects that intersect the area
    std::vector<AreaOwner> owners;        // protected zones' owners first, then by objects
    std::vector<AreaDomain> domains;
    std::vector<std::string> chances;      // coupling chances in the area's streets
    std::vector<std::string> constraints;  // as the context gave them
    std::vector<std::string> spaceBudget;  // as the context gave it
    std::vector<std::string> quality;      // what is known, how well, what is missing
};

// Whether a feature's geometry intersects the polygon `area` (its outline, RD New): exact for
// lines and outlines (a vertex inside or an edge crossing), a well or manhole by its centre.
bool intersectsArea(const model::Dataset& ds, const model::Feature& f,
                    const std::vector<core::Vec2>& area);

// Whether a polyline (a street's centre line) meets the area.
bool polylineMeetsArea(const std::vector<core::Vec2>& line, const std::vector<core::Vec2>& area);
// Whether a closed outline (a polygon's ring) and the area overlap.
bool outlineMeetsArea(const std::vector<core::Vec2>& outline, const std::vector<core::Vec2>& area);

// Working days (Monday to Friday; public holidays not counted apart) after `from` up to `to`.
int workingDaysBetween(const model::Date& from, const model::Date& to);

AreaAnalysis analyseArea(const model::Dataset& ds, const std::vector<core::Vec2>& area,
                         const AreaContext& context);

}  // namespace bz::plan
