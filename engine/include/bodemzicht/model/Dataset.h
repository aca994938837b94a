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
#include <optional>
#include <string>
#include <vector>

#include <bodemzicht/core/Bounds.h>
#include <bodemzicht/core/StringPool.h>
#include <bodemzicht/core/Vec.h>
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
    double topZ = 0, bottomZ = 0;  // m NAP
    VertexDepth depth;             // of the bottom
    float topBelowGroundM = kUnknown;
};

struct Ring {
    std::uint32_t firstPoint = 0, pointCount = 0;  // into Dataset::footprintPoints, not closed
};

// Detail records; a feature's `detail` indexes the table that its ObjectType selects.
struct SewerProfile {
    double bobBeginM = std::numeric_limits<double>::quiet_NaN();  // inner bottom, m NAP
    double bobEndM = std::numeric_limits<double>::quiet_NaN();
    float widthMm = kUnknown, heightMm = kUnknown;
    std::string shape, systemType;
};

struct TreeDetail {
    std::string species;
    float heightM = kUnknown, stemDiameterM = kUnknown, crownDiameterM = kUnknown;
    float rootZoneDiameterM = kUnknown, rootDepthM = kUnknown;
    DepthProvenance rootZoneProvenance = DepthProvenance::Unknown;
};

struct WellDetail {
    double screenTopZ = 0, screenBottomZ = 0;  // m NAP
    double storedVolumeM3 = std::numeric_limits<double>::quiet_NaN();
    std::string temperature;  // "warm" or "koud"
    std::string systemId;
};

struct ContaminationDetail {
    std::string substance;  // e.g. "lood", "minerale olie"
    double concentration = std::numeric_limits<double>::quiet_NaN();
    std::string unit;    // e.g. "mg/kg ds" or "ug/l"
    std::string medium;  // "grond" or "grondwater"
};

struct Feature {
    std::string id;  // the source's own stable id
    core::StringPool::Id layer = 0, theme = 0, owner = 0, material = 0, source = 0;
    ObjectType type = ObjectType::Cable;
    ObjectStatus status = ObjectStatus::Existing;
    std::int16_t yearLaid = 0;  // 0: unknown
    float horizontalAccuracyM = kUnknown;
    std::uint32_t geometry = 0;  // index into linears, bodies or prisms (by geometryKindOf(type))
    std::uint32_t detail = kNoDetail;
    GeometryKind kind() const { return geometryKindOf(type); }
};

// A field referenced by the project: a raster (ground level, GHG, GLG) or a 3D grid.
struct FieldRef {
    std::string name;  // ground_level, ghg, glg, ...
    std::string path;  // relative to the project file, or absolute
    std::string kind;  // raster | grid3d
    std::string unit;  // "m NAP"
    std::string description;
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

    std::vector<FieldRef> fields;
    GroundBasis ground;  // what heights given below ground stand on

    // Metadata common to all features of one add*() call.
    struct Meta {
        std::string id, layer, theme, owner, material, source;
        ObjectType type = ObjectType::Cable;
        ObjectStatus status = ObjectStatus::Existing;
        int yearLaid = 0;
        float horizontalAccuracyM = kUnknown;
    };

    std::uint32_t addLinear(const Meta& meta, const std::vector<core::Vec3>& axis,
                            const std::vector<VertexDepth>& depths, float outerDiameterM);
    std::uint32_t addBody(const Meta& meta, const VerticalBody& body);
    // rings[0] is the outer ring; for a polyline footprint pass one open ring and a width.
    std::uint32_t addPrism(const Meta& meta, const std::vector<std::vector<core::Vec2>>& rings,
                           double bottomZ, double topZ, float widthM, VertexDepth depth);

    std::size_t segmentCount() const;  // network segments (linear axis pieces)
    core::Bounds3 bounds() const;
    core::Bounds3 featureBounds(const Feature& f) const;

    // Attach a detail record to a feature (the feature's type decides which table is meant).
    void attach(std::uint32_t feature, SewerProfile d) {
        attachTo(feature, sewerProfiles, std::move(d));
    }
    void attach(std::uint32_t feature, TreeDetail d) { attachTo(feature, trees, std::move(d)); }
    void attach(std::uint32_t feature, WellDetail d) { attachTo(feature, wells, std::move(d)); }
    void attach(std::uint32_t feature, ContaminationDetail d) {
        attachTo(feature, contaminations, std::move(d));
    }
    const SewerProfile* sewerOf(const Feature& f) const {
        return f.type == ObjectType::SewerPipe ? detailOf(f, sewerProfiles) : nullptr;
    }
    const TreeDetail* treeOf(const Feature& f) const {
        return f.type == ObjectType::Tree ? detailOf(f, trees) : nullptr;
    }
    const WellDetail* wellOf(const Feature& f) const {
        return f.type == ObjectType::Well ? detailOf(f, wells) : nullptr;
    }
    const ContaminationDetail* contaminationOf(const Feature& f) const {
        return f.type == ObjectType::ContaminationZone ? detailOf(f, contaminations) : nullptr;
    }

    const std::string& str(core::StringPool::Id id) const { return strings.str(id); }
    // Estimated heap bytes of the geometry arrays, for docs/performance.md.
    std::size_t geometryBytes() const;

  private:
    template <typename T>
    void attachTo(std::uint32_t feature, std::vector<T>& table, T d) {
        features.at(feature).detail = static_cast<std::uint32_t>(table.size());
        table.push_back(std::move(d));
    }
    template <typename T>
    static const T* detailOf(const Feature& f, const std::vector<T>& table) {
        return f.detail < table.size() ? &table[f.detail] : nullptr;
    }
};

}  // namespace bz::model
