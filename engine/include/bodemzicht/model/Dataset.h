// The in-memory subsurface model: every object of a project with its geometry, metadata and
// depth provenance. Geometry is kept in flat arrays (structure of arrays) so that a million
// network segments take well under 64 bytes each.
//
// Geometry conventions (the clash core relies on them, see docs/data-model.md):
//  * Linear objects occupy every point within outerDiameter/2 of their 3D axis polyline: a chain
//    of capsules. Axis heights are m NAP at the pipe/cable centre line.
//  * Vertical bodies are a vertical cylinder (radius) or box (width x length, rotated) between
//    bottomZ and topZ.
//  * Prisms are a 2D footprint (polygon rings, or a polyline with a width) extruded between bottomZ
//    and topZ.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include <bodemzicht/core/Bounds.h>
#include <bodemzicht/core/StringPool.h>
#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Date.h>
#include <bodemzicht/model/Field.h>
#include <bodemzicht/model/Types.h>

namespace bz::model {

inline constexpr float kUnknown = std::numeric_limits<float>::quiet_NaN();
inline constexpr std::uint32_t kNoDetail = 0xffffffffu;

struct VertexDepth {
    DepthProvenance provenance = DepthProvenance::Unknown;
    float verticalUncertaintyM = kUnknown;  // one sigma-ish band half-width, metres
    // How deep below the ground the source put it (m, positive down: a cover depth turned into
    // the axis or bottom level). Set: the NAP height is derived from the project's ground
    // (Dataset::ground) and follows it when a better ground arrives. NaN: the source gave m NAP.
    float belowGroundM = kUnknown;
};

// What the NAP heights of objects given below ground were derived from.
struct GroundBasis {
    enum class Kind : std::uint8_t {
        None,         // nothing is given below ground
        Raster,       // a ground-level raster (AHN), `source` its path
        Constant,     // one level for the whole project
        Partial,      // `source` where it has a value (a raster, the delivery's maaiveldPeil), a
                      // flat `level` elsewhere (assumed)
        AssumedFlat,  // no ground level known: a flat ground at `level`, assumed
    };
    Kind kind = Kind::None;
    double level = std::numeric_limits<double>::quiet_NaN();  // m NAP (constant, flat fallback)
    std::string source;
    // Are some NAP heights on a ground that nobody measured?
    bool assumed() const { return kind == Kind::AssumedFlat || kind == Kind::Partial; }
};
std::string describe(const GroundBasis& g);
std::string toCode(GroundBasis::Kind k);
std::optional<GroundBasis::Kind> groundKindFromCode(const std::string& code);

struct LinearGeometry {
    std::uint32_t firstVertex = 0;
    std::uint32_t vertexCount = 0;
    float outerDiameterM = kUnknown;  // NaN: unknown; the rule set's default is used and marked
};

struct VerticalBody {
    core::Vec2 center;
    double topZ = 0, bottomZ = 0;                                  // m NAP
    float radiusM = kUnknown;                                      // cylinder when set
    float widthM = kUnknown, lengthM = kUnknown, rotationDeg = 0;  // box when radius is NaN
    VertexDepth depth;                                             // provenance of the bottom level
    float topBelowGroundM = kUnknown;  // as depth.belowGroundM, for the top (negative: above)
    bool isCylinder() const { return radiusM == radiusM; }
};

struct PrismGeometry {
    std::uint32_t firstRing = 0, ringCount = 0;  // rings into Dataset::rings; ring 0 is outer
    float widthM = kUnknown;       // set: the single ring is an open polyline buffered by width/2
    double topZ = 0, bottomZ = 0;  // m NAP; NaN for a zone at every depth
    VertexDepth depth;             // of the bottom
    float topBelowGroundM = kUnknown;
    // A plan constraint (an EV area, a protected strip, the request area) that holds at every
    // depth: it has no top or bottom, and neither extents nor views take a height from it.
    bool allDepths = false;
};

struct Ring {
    std::uint32_t firstPoint = 0, pointCount = 0;  // into Dataset::footprintPoints, not closed
};

// Detail records: a feature may hold several, of several kinds (a pipe with its profile, its
// condition and its inspections; a contamination zone with one record per substance).
enum class DetailKind : std::uint8_t {
    SewerProfile,
    Tree,
    Well,
    Contamination,
    SewerInspection,
    SewerObservation,
    SewerCondition,
};
inline constexpr int kDetailKindCount = 7;

struct SewerProfile {
    static constexpr DetailKind kKind = DetailKind::SewerProfile;
    double bobBeginM = std::numeric_limits<double>::quiet_NaN();  // inner bottom, m NAP
    double bobEndM = std::numeric_limits<double>::quiet_NaN();
    float widthMm = kUnknown, heightMm = kUnknown;
    std::string shape, systemType;
    // The manholes (nodes) it runs between, as the sewer register names them; inspections are
    // linked to the pipe by them.
    std::string beginNode, endNode;
};

// One camera inspection of a sewer pipe or manhole (RIBX ZB_A / ZB_C), as the file gave it.
struct SewerInspection {
    static constexpr DetailKind kKind = DetailKind::SewerInspection;
    std::string id;          // unique within the project: file name # sequence in the file
    std::string objectKind;  // "pipe" (ZB_A) or "manhole" (ZB_C)
    std::string objectRef;   // AAA strengreferentie / CAA putreferentie
    std::string node1, node2, startNode;                          // AAD, AAF, AAB
    Date date;                                                    // ABF / CBF
    std::string direction;                                        // AAK
    double bobBeginM = std::numeric_limits<double>::quiet_NaN();  // AXG, m NAP
    double bobEndM = std::numeric_limits<double>::quiet_NaN();    // AXH
    float heightMm = kUnknown, widthMm = kUnknown;                // ACB, ACC
    std::string shape, material;                                  // ACA, ACD (codes)
    float expectedLengthM = kUnknown;                             // ABQ
    float inspectedLengthM = kUnknown;  // the furthest observation along the pipe
    std::string file;                   // the RIBX file it came from
    std::string version;                // "RIBX 1.3"
    std::string header;                 // every header element as given, JSON {"AAA": "...", ...}
    // Node coordinates (RD), to place the inspection where no pipe of the project matches.
    double x1 = std::numeric_limits<double>::quiet_NaN(), y1 = x1, x2 = x1, y2 = x1;
};

// One observation (ZC) of an inspection, with the classification it was given on import.
struct SewerObservation {
    static constexpr DetailKind kKind = DetailKind::SewerObservation;
    std::string inspectionId;
    std::uint32_t sequence = 0;                                // order within the inspection
    std::string code;                                          // A: main code (BAB, BBC, ...)
    std::string char1, char2, char3;                           // B, C, O characterisations
    std::string quant1, quant2;                                // D, E as written
    double value1 = std::numeric_limits<double>::quiet_NaN();  // D, E as numbers when they are
    double value2 = std::numeric_limits<double>::quiet_NaN();
    double distanceM = std::numeric_limits<double>::quiet_NaN();  // I: from the start node
    int clock1 = -1, clock2 = -1;                                 // G, H: 0..12, -1 none
    std::string continuous;  // J: A<n> start, B<n> end, C<n> change of a continuous defect
    bool atJoint = false;    // K = A
    std::string remark, photo, video;  // F, M, N
    std::string other;                 // other child elements, JSON
    int conditionClass = 0;            // 1..5 from the classification table; 0 none
    std::string aspect;                // "structural", "operational", "infiltration" or ""
    bool knownCode = true;             // false: the code is not in EN 13508-2 as we read it
};

// An inspection read without anything to place it by (no coordinates): the project links it to
// its own pipe or manhole on import, or reports it as unplaced.
struct UnplacedInspection {
    SewerInspection inspection;
    std::vector<SewerObservation> observations;
};

// The condition of a pipe from its latest inspection and the classification table.
struct SewerCondition {
    static constexpr DetailKind kKind = DetailKind::SewerCondition;
    int overall = 0;  // 1 (good) .. 5 (very poor); 0: nothing classified
    int structural = 0, operational = 0, infiltration = 0;
    int observations = 0, classified = 0, unknownCodes = 0;
    int perClass[5] = {0, 0, 0, 0, 0};
    Date inspected;
    std::string inspectionId, table;
};

struct TreeDetail {
    static constexpr DetailKind kKind = DetailKind::Tree;
    std::string species;
    float heightM = kUnknown, stemDiameterM = kUnknown, crownDiameterM = kUnknown;
    float rootZoneDiameterM = kUnknown, rootDepthM = kUnknown;
    DepthProvenance rootZoneProvenance = DepthProvenance::Unknown;
};

struct WellDetail {
    static constexpr DetailKind kKind = DetailKind::Well;
    double screenTopZ = 0, screenBottomZ = 0;  // m NAP
    double storedVolumeM3 = std::numeric_limits<double>::quiet_NaN();
    std::string temperature;  // "warm" or "koud"
    std::string systemId;
};

struct ContaminationDetail {
    static constexpr DetailKind kKind = DetailKind::Contamination;
    std::string substance;  // e.g. "lood", "minerale olie"
    double concentration = std::numeric_limits<double>::quiet_NaN();
    std::string unit;    // e.g. "mg/kg ds" or "ug/l"
    std::string medium;  // "grond" or "grondwater"
};

// When an object was laid, is planned, went out of service and is expected to reach the end of
// its life; each may be unknown.
struct Lifecycle {
    Date laid, planned, outOfService, endOfLife;
    bool operator==(const Lifecycle&) const = default;
};

// A value of the source that has no column of its own in the model.
using AttributeValue = std::variant<bool, std::int64_t, double, std::string, Date>;
struct Attribute {
    core::StringPool::Id key = 0;
    AttributeValue value;
};
std::string toString(const AttributeValue& v);

struct Feature {
    std::string id;  // the source's own stable id
    core::StringPool::Id layer = 0, theme = 0, owner = 0, material = 0, source = 0;
    ObjectType type = ObjectType::Cable;
    ObjectStatus status = ObjectStatus::Existing;
    float horizontalAccuracyM = kUnknown;
    Lifecycle dates;
    std::uint32_t geometry = 0;  // index into linears, bodies or prisms (by geometryKindOf(type))
    std::uint32_t firstDetail = kNoDetail;                 // into Dataset::detailLinks
    std::uint32_t firstAttribute = 0, attributeCount = 0;  // into Dataset::attributes
    GeometryKind kind() const { return geometryKindOf(type); }
};

// A field referenced by the project: a 2D raster (ground level, GHG, GLG) or a 3D grid (GeoTOP).
struct FieldRef {
    std::string name;  // ground_level, ghg, glg, geotop, ...
    std::string path;  // relative to the project file, or absolute
    FieldKind kind = FieldKind::Raster2d;
    std::string unit;  // "m NAP"
    std::string description;
    std::string crs =
        {};  // a CRS the user vouched for on import (the file has none), e.g. EPSG:28992
};

class Dataset {
  public:
    core::StringPool strings;
    std::vector<Feature> features;

    std::vector<LinearGeometry> linears;
    std::vector<core::Vec3> vertices;
    std::vector<VertexDepth> vertexDepths;

    std::vector<VerticalBody> bodies;
    std::vector<PrismGeometry> prisms;
    std::vector<Ring> rings;
    std::vector<core::Vec2> footprintPoints;

    std::vector<SewerProfile> sewerProfiles;
    std::vector<TreeDetail> trees;
    std::vector<WellDetail> wells;
    std::vector<ContaminationDetail> contaminations;
    std::vector<SewerInspection> inspections;
    std::vector<SewerObservation> observations;
    std::vector<SewerCondition> conditions;
    std::vector<UnplacedInspection> unplacedInspections;
    struct DetailLink {
        DetailKind kind;
        std::uint32_t index;  // into the kind's table
        std::uint32_t next;   // the feature's next link, or kNoDetail
    };
    std::vector<DetailLink> detailLinks;
    std::vector<Attribute> attributes;

    std::vector<FieldRef> fields;
    GroundBasis ground;  // what heights given below ground stand on

    // Metadata common to all features of one add*() call.
    struct Meta {
        std::string id, layer, theme, owner, material, source;
        ObjectType type = ObjectType::Cable;
        ObjectStatus status = ObjectStatus::Existing;
        Lifecycle dates;
        float horizontalAccuracyM = kUnknown;
        std::vector<std::pair<std::string, AttributeValue>> attributes;  // the source's own
    };

    std::uint32_t addLinear(const Meta& meta, const std::vector<core::Vec3>& axis,
                            const std::vector<VertexDepth>& depths, float outerDiameterM);
    std::uint32_t addBody(const Meta& meta, const VerticalBody& body);
    // rings[0] is the outer ring; for a polyline footprint pass one open ring and a width.
    std::uint32_t addPrism(const Meta& meta, const std::vector<std::vector<core::Vec2>>& rings,
                           double bottomZ, double topZ, float widthM, VertexDepth depth);

    std::size_t segmentCount() const;  // network segments (linear axis pieces)
    // The extent of every object; zones at every depth add their plan extent only.
    core::Bounds3 bounds() const;
    // A zone at every depth has z from -infinity to +infinity.
    core::Bounds3 featureBounds(const Feature& f) const;

    // Attaches a detail record to a feature, after the ones it has.
    template <typename T>
    void attach(std::uint32_t feature, T record) {
        auto& table = tableOf<T>(*this);
        const auto link = static_cast<std::uint32_t>(detailLinks.size());
        detailLinks.push_back({T::kKind, static_cast<std::uint32_t>(table.size()), kNoDetail});
        table.push_back(std::move(record));
        std::uint32_t* next = &features.at(feature).firstDetail;
        while (*next != kNoDetail) next = &detailLinks[*next].next;
        *next = link;
    }
    // Every record of kind T of a feature, in the order attached.
    template <typename T>
    std::vector<const T*> detailsOf(const Feature& f) const {
        std::vector<const T*> out;
        const auto& table = tableOf<T>(*this);
        for (std::uint32_t l = f.firstDetail; l != kNoDetail; l = detailLinks[l].next)
            if (detailLinks[l].kind == T::kKind) out.push_back(&table[detailLinks[l].index]);
        return out;
    }
    template <typename T>
    const T* firstDetail(const Feature& f) const {
        const auto& table = tableOf<T>(*this);
        for (std::uint32_t l = f.firstDetail; l != kNoDetail; l = detailLinks[l].next)
            if (detailLinks[l].kind == T::kKind) return &table[detailLinks[l].index];
        return nullptr;
    }
    const SewerProfile* sewerOf(const Feature& f) const { return firstDetail<SewerProfile>(f); }
    const TreeDetail* treeOf(const Feature& f) const { return firstDetail<TreeDetail>(f); }
    const WellDetail* wellOf(const Feature& f) const { return firstDetail<WellDetail>(f); }
    const ContaminationDetail* contaminationOf(const Feature& f) const {
        return firstDetail<ContaminationDetail>(f);
    }

    // The source's own attributes of a feature.
    std::span<const Attribute> attributesOf(const Feature& f) const {
        return {attributes.data() + f.firstAttribute, f.attributeCount};
    }
    const AttributeValue* attribute(const Feature& f, std::string_view key) const;
    // A network's axis in plan, and a prism's outer ring (its points as stored: a polygon's ring
    // without the closing point, or the open polyline of a buffered line).
    std::vector<core::Vec2> planLine(const LinearGeometry& g) const {
        std::vector<core::Vec2> out;
        out.reserve(g.vertexCount);
        for (std::uint32_t k = 0; k < g.vertexCount; ++k)
            out.push_back(vertices[g.firstVertex + k].xy());
        return out;
    }
    std::vector<core::Vec2> outerRing(const PrismGeometry& p) const {
        if (p.ringCount == 0) return {};
        const auto& r = rings[p.firstRing];
        return {footprintPoints.begin() + r.firstPoint,
                footprintPoints.begin() + r.firstPoint + r.pointCount};
    }
    // Sets (or replaces) one attribute of a feature.
    void setAttribute(std::uint32_t feature, std::string_view key, AttributeValue value);

    // The first feature with this id (ids are unique within a source; several sources may share
    // one), through an index built on first use and again after features were added.
    std::optional<std::uint32_t> find(std::string_view id) const;
    // Every feature with this id.
    std::vector<std::uint32_t> findAll(std::string_view id) const;

    const std::string& str(core::StringPool::Id id) const { return strings.str(id); }

    // The sizes of every array at one moment: truncate(mark) drops what was added since (the
    // viewer's drawn measures are appended to the project's objects and replaced on each edit).
    // Strings stay pooled; detail links of features before the mark must not point past it.
    struct Mark {
        std::size_t features = 0, linears = 0, vertices = 0, bodies = 0, prisms = 0, rings = 0,
                    footprintPoints = 0, sewerProfiles = 0, trees = 0, wells = 0,
                    contaminations = 0, inspections = 0, observations = 0, conditions = 0,
                    detailLinks = 0, attributes = 0;
    };
    Mark mark() const;
    void truncate(const Mark& mark);
    // Estimated heap bytes of the geometry arrays, for docs/performance.md.
    std::size_t geometryBytes() const;

  private:
    template <typename T, typename Self>
    static auto& tableOf(Self& self) {
        if constexpr (T::kKind == DetailKind::SewerProfile)
            return self.sewerProfiles;
        else if constexpr (T::kKind == DetailKind::Tree)
            return self.trees;
        else if constexpr (T::kKind == DetailKind::Well)
            return self.wells;
        else if constexpr (T::kKind == DetailKind::Contamination)
            return self.contaminations;
        else if constexpr (T::kKind == DetailKind::SewerInspection)
            return self.inspections;
        else if constexpr (T::kKind == DetailKind::SewerObservation)
            return self.observations;
        else
            return self.conditions;
    }
    std::uint32_t addFeature(const Meta& meta, std::uint32_t geometry);

    // The id index: not copied with the dataset (it points into this dataset's ids).
    struct IdIndex {
        IdIndex() = default;
        IdIndex(const IdIndex&) {}
        IdIndex& operator=(const IdIndex&) {
            std::lock_guard lock(mutex);
            map.clear();
            builtFor = 0;
            return *this;
        }
        IdIndex(IdIndex&& o) noexcept { *this = std::move(o); }
        IdIndex& operator=(IdIndex&&) noexcept {
            map.clear();  // string views into the moved strings stay valid, but keep it simple
            builtFor = 0;
            return *this;
        }
        std::mutex mutex;
        std::unordered_multimap<std::string_view, std::uint32_t> map;
        std::size_t builtFor = 0;  // features.size() when built
    };
    mutable IdIndex mIdIndex;
};

}  // namespace bz::model
