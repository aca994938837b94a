#include <bodemzicht/model/Dataset.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace bz::model {

std::uint32_t Dataset::addFeature(const Meta& m, std::uint32_t geometry) {
    Feature f;
    f.id = m.id;
    f.layer = strings.intern(m.layer);
    f.theme = strings.intern(m.theme);
    f.owner = strings.intern(m.owner);
    f.material = strings.intern(m.material);
    f.source = strings.intern(m.source);
    f.type = m.type;
    f.status = m.status;
    f.dates = m.dates;
    f.horizontalAccuracyM = m.horizontalAccuracyM;
    f.geometry = geometry;
    f.firstAttribute = static_cast<std::uint32_t>(attributes.size());
    for (const auto& [key, value] : m.attributes)
        attributes.push_back({strings.intern(key), value});
    f.attributeCount = static_cast<std::uint32_t>(attributes.size()) - f.firstAttribute;
    features.push_back(std::move(f));
    return static_cast<std::uint32_t>(features.size() - 1);
}

std::string toString(const AttributeValue& v) {
    struct Visit {
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.15g", d);
            return buf;
        }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(const Date& d) const { return d.toString(); }
    };
    return std::visit(Visit{}, v);
}

const AttributeValue* Dataset::attribute(const Feature& f, std::string_view key) const {
    for (const auto& a : attributesOf(f))
        if (strings.str(a.key) == key) return &a.value;
    return nullptr;
}

void Dataset::setAttribute(std::uint32_t feature, std::string_view key, AttributeValue value) {
    Feature& f = features.at(feature);
    const auto k = strings.intern(key);
    for (std::uint32_t i = 0; i < f.attributeCount; ++i)
        if (attributes[f.firstAttribute + i].key == k) {
            attributes[f.firstAttribute + i].value = std::move(value);
            return;
        }
    // The feature's attributes stay contiguous: moved to the end unless they are there already.
    if (f.firstAttribute + f.attributeCount != attributes.size() || f.attributeCount == 0) {
        const auto first = static_cast<std::uint32_t>(attributes.size());
        for (std::uint32_t i = 0; i < f.attributeCount; ++i)
            attributes.push_back(attributes[f.firstAttribute + i]);
        f.firstAttribute = first;
    }
    attributes.push_back({k, std::move(value)});
    ++f.attributeCount;
}

std::vector<std::uint32_t> Dataset::findAll(std::string_view id) const {
    std::lock_guard lock(mIdIndex.mutex);
    if (mIdIndex.builtFor != features.size() || mIdIndex.map.empty()) {
        mIdIndex.map.clear();
        mIdIndex.map.reserve(features.size());
        for (std::uint32_t i = 0; i < features.size(); ++i)
            mIdIndex.map.emplace(std::string_view(features[i].id), i);
        mIdIndex.builtFor = features.size();
    }
    std::vector<std::uint32_t> out;
    auto [a, b] = mIdIndex.map.equal_range(id);
    for (; a != b; ++a) out.push_back(a->second);
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<std::uint32_t> Dataset::find(std::string_view id) const {
    auto all = findAll(id);
    if (all.empty()) return std::nullopt;
    return all.front();
}

std::uint32_t Dataset::addLinear(const Meta& meta, const std::vector<core::Vec3>& axis,
                                 const std::vector<VertexDepth>& depths, float outerDiameterM) {
    if (geometryKindOf(meta.type) != GeometryKind::Linear)
        throw std::logic_error("Dataset::addLinear(): '" + meta.id + "' is not a linear type");
    if (axis.size() != depths.size())
        throw std::logic_error("Dataset::addLinear(): one depth record per vertex expected");
    LinearGeometry g{static_cast<std::uint32_t>(vertices.size()),
                     static_cast<std::uint32_t>(axis.size()), outerDiameterM};
    vertices.insert(vertices.end(), axis.begin(), axis.end());
    vertexDepths.insert(vertexDepths.end(), depths.begin(), depths.end());
    linears.push_back(g);
    return addFeature(meta, static_cast<std::uint32_t>(linears.size() - 1));
}

std::uint32_t Dataset::addBody(const Meta& meta, const VerticalBody& body) {
    if (geometryKindOf(meta.type) != GeometryKind::VerticalBody)
        throw std::logic_error("Dataset::addBody(): '" + meta.id + "' is not a vertical body type");
    bodies.push_back(body);
    return addFeature(meta, static_cast<std::uint32_t>(bodies.size() - 1));
}

std::uint32_t Dataset::addPrism(const Meta& meta, const std::vector<std::vector<core::Vec2>>& rs,
                                double bottomZ, double topZ, float widthM, VertexDepth depth) {
    if (geometryKindOf(meta.type) != GeometryKind::Prism)
        throw std::logic_error("Dataset::addPrism(): '" + meta.id + "' is not a prism type");
    PrismGeometry p;
    p.firstRing = static_cast<std::uint32_t>(rings.size());
    p.ringCount = static_cast<std::uint32_t>(rs.size());
    p.widthM = widthM;
    p.topZ = topZ;
    p.bottomZ = bottomZ;
    p.depth = depth;
    for (const auto& r : rs) {
        rings.push_back({static_cast<std::uint32_t>(footprintPoints.size()),
                         static_cast<std::uint32_t>(r.size())});
        footprintPoints.insert(footprintPoints.end(), r.begin(), r.end());
    }
    prisms.push_back(p);
    return addFeature(meta, static_cast<std::uint32_t>(prisms.size() - 1));
}

Dataset::Mark Dataset::mark() const {
    return {features.size(),     linears.size(),    vertices.size(),        bodies.size(),
            prisms.size(),       rings.size(),      footprintPoints.size(), sewerProfiles.size(),
            trees.size(),        wells.size(),      contaminations.size(),  inspections.size(),
            observations.size(), conditions.size(), detailLinks.size(),     attributes.size()};
}

void Dataset::truncate(const Mark& m) {
    auto cut = [](auto& v, std::size_t n) {
        if (v.size() > n) v.resize(n);
    };
    cut(features, m.features);
    cut(linears, m.linears);
    cut(vertices, m.vertices);
    cut(vertexDepths, m.vertices);
    cut(bodies, m.bodies);
    cut(prisms, m.prisms);
    cut(rings, m.rings);
    cut(footprintPoints, m.footprintPoints);
    cut(sewerProfiles, m.sewerProfiles);
    cut(trees, m.trees);
    cut(wells, m.wells);
    cut(contaminations, m.contaminations);
    cut(inspections, m.inspections);
    cut(observations, m.observations);
    cut(conditions, m.conditions);
    cut(detailLinks, m.detailLinks);
    cut(attributes, m.attributes);
    // The id index may hold ids of dropped features with the same count after re-adding.
    std::lock_guard lock(mIdIndex.mutex);
    mIdIndex.map.clear();
    mIdIndex.builtFor = 0;
}

std::size_t Dataset::segmentCount() const {
    std::size_t n = 0;
    for (const auto& l : linears) n += l.vertexCount > 1 ? l.vertexCount - 1 : 0;
    return n;
}

core::Bounds3 Dataset::featureBounds(const Feature& f) const {
    core::Bounds3 b;
    switch (f.kind()) {
        case GeometryKind::Linear: {
            const auto& l = linears[f.geometry];
            for (std::uint32_t i = 0; i < l.vertexCount; ++i) b.expand(vertices[l.firstVertex + i]);
            double r = std::isnan(l.outerDiameterM) ? 0.0 : l.outerDiameterM / 2.0;
            return b.inflated(r);
        }
        case GeometryKind::VerticalBody: {
            const auto& v = bodies[f.geometry];
            double r = v.isCylinder() ? v.radiusM : 0.5 * std::hypot(v.widthM, v.lengthM);
            b.expand(core::Vec3{v.center.x - r, v.center.y - r, v.bottomZ});
            b.expand(core::Vec3{v.center.x + r, v.center.y + r, v.topZ});
            return b;
        }
        case GeometryKind::Prism: {
            const auto& p = prisms[f.geometry];
            double r = std::isnan(p.widthM) ? 0.0 : p.widthM / 2.0;
            const double lo = p.allDepths ? -INFINITY : p.bottomZ;
            const double hi = p.allDepths ? INFINITY : p.topZ;
            for (std::uint32_t ri = 0; ri < p.ringCount; ++ri) {
                const auto& ring = rings[p.firstRing + ri];
                for (std::uint32_t i = 0; i < ring.pointCount; ++i) {
                    auto q = footprintPoints[ring.firstPoint + i];
                    b.expand(core::Vec3{q.x - r, q.y - r, lo});
                    b.expand(core::Vec3{q.x + r, q.y + r, hi});
                }
            }
            return b;
        }
    }
    return b;
}

core::Bounds3 Dataset::bounds() const {
    core::Bounds3 b, plan;
    for (const auto& f : features) {
        auto fb = featureBounds(f);
        if (f.kind() == GeometryKind::Prism && prisms[f.geometry].allDepths)
            plan.merge({{fb.lo.x, fb.lo.y, 0}, {fb.hi.x, fb.hi.y, 0}});
        else
            b.merge(fb);
    }
    // Zones at every depth widen the plan extent only, at the heights of the rest (0 m NAP when
    // there is nothing else).
    if (!plan.empty()) {
        const double lo = b.empty() ? 0.0 : b.lo.z, hi = b.empty() ? 0.0 : b.hi.z;
        b.expand({plan.lo.x, plan.lo.y, lo});
        b.expand({plan.hi.x, plan.hi.y, hi});
    }
    return b;
}

std::size_t Dataset::geometryBytes() const {
    return linears.capacity() * sizeof(LinearGeometry) + vertices.capacity() * sizeof(core::Vec3) +
           vertexDepths.capacity() * sizeof(VertexDepth) +
           bodies.capacity() * sizeof(VerticalBody) + prisms.capacity() * sizeof(PrismGeometry) +
           rings.capacity() * sizeof(Ring) + footprintPoints.capacity() * sizeof(core::Vec2);
}

}  // namespace bz::model

namespace bz::model {

namespace {
constexpr std::pair<GroundBasis::Kind, const char*> kGroundKinds[] = {
    {GroundBasis::Kind::None, "none"},
    {GroundBasis::Kind::Raster, "raster"},
    {GroundBasis::Kind::Constant, "constant"},
    {GroundBasis::Kind::Partial, "partial"},
    {GroundBasis::Kind::AssumedFlat, "assumed-flat"},
};
}  // namespace

std::string toCode(GroundBasis::Kind k) {
    for (auto [kind, code] : kGroundKinds)
        if (kind == k) return code;
    return "none";
}

std::optional<GroundBasis::Kind> groundKindFromCode(const std::string& code) {
    for (auto [kind, c] : kGroundKinds)
        if (code == c) return kind;
    return std::nullopt;
}

std::string describe(const GroundBasis& g) {
    char level[48];
    std::snprintf(level, sizeof level, "%.2f m NAP", g.level);
    switch (g.kind) {
        case GroundBasis::Kind::None:
            return "none needed (every height is given in m NAP)";
        case GroundBasis::Kind::Raster:
            return "raster " + g.source;
        case GroundBasis::Kind::Constant:
            return std::string("constant ") + level;
        case GroundBasis::Kind::Partial:
            return g.source + ", elsewhere an ASSUMED flat ground at " + level;
        case GroundBasis::Kind::AssumedFlat:
            return std::string("ASSUMED flat ground at ") + level +
                   " (no ground level known; depths below ground are kept, heights in m NAP follow "
                   "once one is set: bodem ground PROJECT --raster AHN.tif | --level M)";
    }
    return "";
}

}  // namespace bz::model
