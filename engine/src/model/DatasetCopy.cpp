#include <bodemzicht/model/DatasetCopy.h>

#include <bit>
#include <cstring>
#include <string_view>

namespace bz::model {

namespace {

Dataset::Meta metaOf(const Dataset& ds, const Feature& f) {
    Dataset::Meta m;
    m.id = f.id;
    m.layer = ds.str(f.layer);
    m.theme = ds.str(f.theme);
    m.owner = ds.str(f.owner);
    m.material = ds.str(f.material);
    m.source = ds.str(f.source);
    m.type = f.type;
    m.status = f.status;
    m.dates = f.dates;
    m.horizontalAccuracyM = f.horizontalAccuracyM;
    for (const auto& a : ds.attributesOf(f)) m.attributes.emplace_back(ds.str(a.key), a.value);
    return m;
}

// FNV-1a over the bytes of values and strings.
struct Hasher {
    std::uint64_t h = 1469598103934665603ull;
    void bytes(const void* p, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
    }
    void text(std::string_view s) {
        std::uint64_t n = s.size();
        bytes(&n, sizeof n);
        bytes(s.data(), s.size());
    }
    // NaN compares as one value; -0 as 0.
    void num(double v) {
        std::uint64_t bits = v != v ? 0x7ff8000000000000ull : std::bit_cast<std::uint64_t>(v + 0.0);
        bytes(&bits, sizeof bits);
    }
    void date(const Date& d) {
        std::int64_t v = d.firstDay() * 4 + static_cast<int>(d.precision());
        bytes(&v, sizeof v);
    }
    void value(const AttributeValue& v) {
        num(static_cast<double>(v.index()));
        text(toString(v));
    }
    void depth(const VertexDepth& d) {
        num(static_cast<double>(d.provenance));
        num(d.verticalUncertaintyM);
        num(d.belowGroundM);
    }
};

}  // namespace

void mergeGround(GroundBasis& into, const GroundBasis& from) {
    auto rank = [](GroundBasis::Kind k) {
        switch (k) {
            case GroundBasis::Kind::None: return 0;
            case GroundBasis::Kind::Raster: return 1;
            case GroundBasis::Kind::Constant: return 2;
            case GroundBasis::Kind::Partial: return 3;
            case GroundBasis::Kind::AssumedFlat: return 4;
        }
        return 0;
    };
    if (rank(from.kind) > rank(into.kind)) into = from;
}

std::uint32_t copyFeature(const Dataset& from, std::uint32_t index, Dataset& to,
                          const std::function<bool(const Dataset::DetailLink&)>& keepDetail) {
    const Feature& f = from.features.at(index);
    Dataset::Meta m = metaOf(from, f);
    std::uint32_t out = 0;
    switch (f.kind()) {
        case GeometryKind::Linear: {
            const auto& g = from.linears[f.geometry];
            std::vector<core::Vec3> axis(from.vertices.begin() + g.firstVertex,
                                         from.vertices.begin() + g.firstVertex + g.vertexCount);
            std::vector<VertexDepth> depths(
                from.vertexDepths.begin() + g.firstVertex,
                from.vertexDepths.begin() + g.firstVertex + g.vertexCount);
            out = to.addLinear(m, axis, depths, g.outerDiameterM);
            break;
        }
        case GeometryKind::VerticalBody:
            out = to.addBody(m, from.bodies[f.geometry]);
            break;
        case GeometryKind::Prism: {
            const auto& p = from.prisms[f.geometry];
            std::vector<std::vector<core::Vec2>> rings;
            for (std::uint32_t r = 0; r < p.ringCount; ++r) {
                const auto& ring = from.rings[p.firstRing + r];
                rings.emplace_back(from.footprintPoints.begin() + ring.firstPoint,
                                   from.footprintPoints.begin() + ring.firstPoint + ring.pointCount);
            }
            out = to.addPrism(m, rings, p.bottomZ, p.topZ, p.widthM, p.depth);
            to.prisms[to.features[out].geometry].topBelowGroundM = p.topBelowGroundM;
            to.prisms[to.features[out].geometry].allDepths = p.allDepths;
            break;
        }
    }
    for (std::uint32_t l = f.firstDetail; l != kNoDetail; l = from.detailLinks[l].next) {
        const auto& link = from.detailLinks[l];
        if (!keepDetail || keepDetail(link)) copyDetail(from, link, to, out);
    }
    return out;
}

void copyDetail(const Dataset& from, const Dataset::DetailLink& link, Dataset& to,
                std::uint32_t feature) {
    switch (link.kind) {
        case DetailKind::SewerProfile: to.attach(feature, from.sewerProfiles[link.index]); break;
        case DetailKind::Tree: to.attach(feature, from.trees[link.index]); break;
        case DetailKind::Well: to.attach(feature, from.wells[link.index]); break;
        case DetailKind::Contamination: to.attach(feature, from.contaminations[link.index]); break;
        case DetailKind::SewerInspection: to.attach(feature, from.inspections[link.index]); break;
        case DetailKind::SewerObservation: to.attach(feature, from.observations[link.index]); break;
        case DetailKind::SewerCondition: to.attach(feature, from.conditions[link.index]); break;
    }
}

void appendDataset(const Dataset& from, Dataset& to,
                   const std::function<bool(std::uint32_t)>& keep,
                   const std::function<bool(const Dataset::DetailLink&)>& keepDetail) {
    for (std::uint32_t i = 0; i < from.features.size(); ++i)
        if (!keep || keep(i)) copyFeature(from, i, to, keepDetail);
    to.unplacedInspections.insert(to.unplacedInspections.end(), from.unplacedInspections.begin(),
                                  from.unplacedInspections.end());
    mergeGround(to.ground, from.ground);
    for (const auto& field : from.fields) {
        bool replaced = false;
        for (auto& mine : to.fields)
            if (mine.name == field.name) {
                mine = field;
                replaced = true;
            }
        if (!replaced) to.fields.push_back(field);
    }
}

std::uint64_t featureFingerprint(const Dataset& ds, const Feature& f) {
    Hasher h;
    h.text(f.id);
    // Not the source path: the same delivery read from another folder is unchanged.
    for (auto id : {f.layer, f.theme, f.owner, f.material}) h.text(ds.str(id));
    h.num(static_cast<double>(f.type));
    h.num(static_cast<double>(f.status));
    for (const Date& d : {f.dates.laid, f.dates.planned, f.dates.outOfService, f.dates.endOfLife})
        h.date(d);
    h.num(f.horizontalAccuracyM);
    for (const auto& a : ds.attributesOf(f)) {
        h.text(ds.str(a.key));
        h.value(a.value);
    }
    switch (f.kind()) {
        case GeometryKind::Linear: {
            const auto& g = ds.linears[f.geometry];
            h.num(g.outerDiameterM);
            for (std::uint32_t i = 0; i < g.vertexCount; ++i) {
                auto v = ds.vertices[g.firstVertex + i];
                h.num(v.x);
                h.num(v.y);
                h.num(v.z);
                h.depth(ds.vertexDepths[g.firstVertex + i]);
            }
            break;
        }
        case GeometryKind::VerticalBody: {
            const auto& b = ds.bodies[f.geometry];
            for (double v : {b.center.x, b.center.y, b.topZ, b.bottomZ, double(b.topBelowGroundM),
                             double(b.radiusM),
                             double(b.widthM), double(b.lengthM), double(b.rotationDeg)})
                h.num(v);
            h.depth(b.depth);
            break;
        }
        case GeometryKind::Prism: {
            const auto& p = ds.prisms[f.geometry];
            for (double v : {p.topZ, p.bottomZ, double(p.widthM), double(p.topBelowGroundM),
                             double(p.allDepths)})
                h.num(v);
            h.depth(p.depth);
            for (std::uint32_t r = 0; r < p.ringCount; ++r) {
                const auto& ring = ds.rings[p.firstRing + r];
                h.num(ring.pointCount);
                for (std::uint32_t i = 0; i < ring.pointCount; ++i) {
                    auto q = ds.footprintPoints[ring.firstPoint + i];
                    h.num(q.x);
                    h.num(q.y);
                }
            }
            break;
        }
    }
    for (const auto* s : ds.detailsOf<SewerProfile>(f)) {
        for (double v : {s->bobBeginM, s->bobEndM, double(s->widthMm), double(s->heightMm)})
            h.num(v);
        h.text(s->shape);
        h.text(s->systemType);
        h.text(s->beginNode);
        h.text(s->endNode);
    }
    // Inspections, observations and conditions are not the object's own: they come from other
    // files (RIBX) and are linked to it on every import, so they do not change its fingerprint.
    for (const auto* t : ds.detailsOf<TreeDetail>(f)) {
        h.text(t->species);
        for (float v : {t->heightM, t->stemDiameterM, t->crownDiameterM, t->rootZoneDiameterM,
                        t->rootDepthM})
            h.num(v);
        h.num(static_cast<double>(t->rootZoneProvenance));
    }
    for (const auto* w : ds.detailsOf<WellDetail>(f)) {
        for (double v : {w->screenTopZ, w->screenBottomZ, w->storedVolumeM3}) h.num(v);
        h.text(w->temperature);
        h.text(w->systemId);
    }
    for (const auto* c : ds.detailsOf<ContaminationDetail>(f)) {
        h.text(c->substance);
        h.num(c->concentration);
        h.text(c->unit);
        h.text(c->medium);
    }
    return h.h;
}

}  // namespace bz::model
