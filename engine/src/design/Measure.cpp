#include <bodemzicht/design/Measure.h>

#include <algorithm>
#include <cmath>

namespace bz::design {

using model::DepthProvenance;
using model::ObjectType;

std::string_view toCode(MeasureKind kind) {
    switch (kind) {
        case MeasureKind::HeatNetwork:
            return "heat_network";
        case MeasureKind::Cable:
            return "cable";
        case MeasureKind::Trench:
            return "trench";
        case MeasureKind::TreePit:
            return "tree_pit";
        case MeasureKind::Wadi:
            return "wadi";
        case MeasureKind::InfiltrationCrate:
            return "infiltration_crate";
        case MeasureKind::WkoWell:
            return "wko_well";
    }
    return "?";
}

std::string_view dutchName(MeasureKind kind) {
    switch (kind) {
        case MeasureKind::HeatNetwork:
            return "warmtenet";
        case MeasureKind::Cable:
            return "kabel of leiding";
        case MeasureKind::Trench:
            return "sleuf";
        case MeasureKind::TreePit:
            return "boomvoorziening";
        case MeasureKind::Wadi:
            return "wadi";
        case MeasureKind::InfiltrationCrate:
            return "infiltratiekratten";
        case MeasureKind::WkoWell:
            return "WKO-bron";
    }
    return "?";
}

bool isLinear(MeasureKind kind) {
    return kind == MeasureKind::HeatNetwork || kind == MeasureKind::Cable ||
           kind == MeasureKind::Trench;
}

bool isPointMeasure(MeasureKind kind) {
    return kind == MeasureKind::TreePit || kind == MeasureKind::InfiltrationCrate ||
           kind == MeasureKind::WkoWell;
}

std::size_t minimumPoints(MeasureKind kind) {
    if (isLinear(kind)) return 2;
    if (isPointMeasure(kind)) return 1;
    return 3;  // a wadi's outline
}

Measure defaultMeasure(MeasureKind kind) {
    Measure m;
    m.kind = kind;
    switch (kind) {
        case MeasureKind::HeatNetwork:
            m.theme = "warmte", m.sizeM = 0.25, m.topDepthM = 0.8, m.material = "St-Pur-PE";
            break;
        case MeasureKind::Cable:
            m.theme = "laagspanning", m.sizeM = 0.16, m.topDepthM = 0.6;
            break;
        case MeasureKind::Trench:
            m.theme = "sleuf", m.sizeM = 1.0, m.topDepthM = 0, m.heightM = 1.2;
            break;
        case MeasureKind::TreePit:
            m.theme = "boomvoorziening", m.sizeM = 2.0, m.topDepthM = 0, m.heightM = 1.2;
            m.material = "bomenzand";
            break;
        case MeasureKind::Wadi:
            m.theme = "infiltratie", m.sizeM = 0, m.topDepthM = 0, m.heightM = 0.5;
            break;
        case MeasureKind::InfiltrationCrate:
            m.theme = "infiltratie", m.sizeM = 3.0, m.topDepthM = 0.6, m.heightM = 1.0;
            m.material = "PP";
            break;
        case MeasureKind::WkoWell:
            m.theme = "wko", m.sizeM = 0.4, m.topDepthM = 0, m.heightM = 95;
            m.material = "PVC";
            break;
    }
    return m;
}

core::Result<void> validateMeasure(const Measure& m) {
    auto bad = [&](const std::string& why) { return core::fail("", m.id, why); };
    if (m.id.empty()) return bad("the measure has no id");
    if (m.points.size() < minimumPoints(m.kind))
        return bad("a " + std::string(dutchName(m.kind)) + " needs at least " +
                   std::to_string(minimumPoints(m.kind)) + " points");
    for (const auto& p : m.points)
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) return bad("a point is not a number");
    if (isLinear(m.kind)) {
        double length = 0;
        for (std::size_t i = 0; i + 1 < m.points.size(); ++i)
            length += core::length(m.points[i + 1] - m.points[i]);
        if (!(length > 0.01)) return bad("the line has no length");
    }
    if (m.kind == MeasureKind::WkoWell && m.points.size() != 1)
        return bad("a WKO well is one point");
    const bool outline = m.points.size() >= 3 && !isLinear(m.kind);
    if (!outline && !(m.sizeM >= 0.005 && m.sizeM <= 50))
        return bad("the size must be between 5 mm and 50 m");
    if (!std::isfinite(m.topDepthM) || (!m.depthIsNap && (m.topDepthM < -5 || m.topDepthM > 200)))
        return bad("the depth must be between -5 and 200 m below ground");
    if (!isLinear(m.kind) || m.kind == MeasureKind::Trench)
        if (!(m.heightM > 0 && m.heightM <= 500))
            return bad("the height (depth of the body) must be between 0 and 500 m");
    if (m.kind == MeasureKind::HeatNetwork && !(m.pairSpacingM > m.sizeM))
        return bad("the two pipes of a heat network must lie further apart than their diameter");
    if (m.kind == MeasureKind::WkoWell &&
        !(m.screenTopDepthM < m.screenBottomDepthM && m.screenTopDepthM >= 0 &&
          m.screenBottomDepthM <= m.heightM))
        return bad("the well's screen must lie within the well, its top above its bottom");
    return {};
}

std::vector<std::string> objectIds(const Measure& m) {
    if (m.kind == MeasureKind::HeatNetwork) return {m.id + "-aanvoer", m.id + "-retour"};
    return {m.id};
}

std::vector<core::Vec2> offsetPolyline(const std::vector<core::Vec2>& line, double offset) {
    std::vector<core::Vec2> out;
    const std::size_t n = line.size();
    auto normalOf = [&](std::size_t i) {  // left normal of segment i, zero when degenerate
        const core::Vec2 d = line[i + 1] - line[i];
        const double len = core::length(d);
        return len > 1e-9 ? core::Vec2{-d.y / len, d.x / len} : core::Vec2{0, 0};
    };
    for (std::size_t i = 0; i < n; ++i) {
        core::Vec2 a = i > 0 ? normalOf(i - 1) : core::Vec2{0, 0};
        core::Vec2 b = i + 1 < n ? normalOf(i) : core::Vec2{0, 0};
        if (core::length(a) == 0) a = b;
        if (core::length(b) == 0) b = a;
        core::Vec2 mid = a + b;
        const double len = core::length(mid);
        if (len < 1e-9) {  // a reversal: keep the incoming side
            out.push_back(line[i] + a * offset);
            continue;
        }
        mid = mid * (1.0 / len);
        // The mitre: the offset along the bisector grows as 1/cos(half the bend), limited to
        // 4x so a hairpin does not throw the pipe metres away.
        const double cosHalf = std::max(0.25, mid.x * a.x + mid.y * a.y);
        out.push_back(line[i] + mid * (offset / cosHalf));
    }
    return out;
}

namespace {

ObjectType objectType(const Measure& m) {
    switch (m.kind) {
        case MeasureKind::HeatNetwork:
            return ObjectType::HeatPipe;
        case MeasureKind::Cable: {
            const bool cable = m.theme.find("spanning") != std::string::npos ||
                               m.theme == "datatransport" || m.theme == "laadpunt" ||
                               m.theme == "landelijkHoogspanningsnet";
            return cable ? ObjectType::Cable : ObjectType::Pipe;
        }
        case MeasureKind::Trench:
            return ObjectType::Trench;
        case MeasureKind::TreePit:
            return ObjectType::TreePit;
        case MeasureKind::Wadi:
            return ObjectType::Wadi;
        case MeasureKind::InfiltrationCrate:
            return ObjectType::InfiltrationCrate;
        case MeasureKind::WkoWell:
            return ObjectType::Well;
    }
    return ObjectType::Area;
}

// A square of side `side` around p.
std::vector<core::Vec2> square(core::Vec2 p, double side) {
    const double h = side / 2;
    return {{p.x - h, p.y - h}, {p.x + h, p.y - h}, {p.x + h, p.y + h}, {p.x - h, p.y + h}};
}

}  // namespace

core::Result<std::vector<std::uint32_t>> addMeasure(const Measure& m,
                                                    const model::GroundLevel& ground,
                                                    model::Dataset& ds) {
    if (auto ok = validateMeasure(m); !ok) return std::unexpected(ok.error());
    // The ground at each point (m NAP), when the depth is given below it.
    std::vector<double> groundAt(m.points.size(), 0.0);
    if (!m.depthIsNap)
        for (std::size_t i = 0; i < m.points.size(); ++i) {
            groundAt[i] = ground.available() ? ground.at(m.points[i].x, m.points[i].y) : NAN;
            if (!std::isfinite(groundAt[i]))
                return core::fail("", m.id,
                                  "no ground level at (" + std::to_string(m.points[i].x) + ", " +
                                      std::to_string(m.points[i].y) +
                                      "): give the depth in m NAP, or the project a ground");
        }
    double meanGround = 0;
    for (double g : groundAt) meanGround += g / static_cast<double>(groundAt.size());
    // Levels of the top: below the ground at each point, or one NAP level.
    auto topAt = [&](std::size_t i) {
        return m.depthIsNap ? m.topDepthM : groundAt[i] - m.topDepthM;
    };
    const float topBelow = m.depthIsNap ? model::kUnknown : static_cast<float>(m.topDepthM);
    const float bottomBelow =
        m.depthIsNap ? model::kUnknown : static_cast<float>(m.topDepthM + m.heightM);

    model::Dataset::Meta meta;
    meta.layer = "ontwerp";
    meta.theme = m.theme;
    meta.owner = m.owner;
    meta.material = m.material;
    meta.source = model::kDesignSource;
    meta.type = objectType(m);
    meta.status = m.reserved ? model::ObjectStatus::Reserved : model::ObjectStatus::Proposed;
    if (m.year > 0) meta.dates.planned = model::Date::of(m.year);
    meta.attributes.push_back({"measure", std::string(toCode(m.kind))});
    meta.attributes.push_back({"measure_id", m.id});
    const std::string definition = toJson(m);

    std::vector<std::uint32_t> out;
    const auto ids = objectIds(m);
    if (m.kind == MeasureKind::HeatNetwork || m.kind == MeasureKind::Cable) {
        // Axis at the top level minus half the diameter; design values are exact.
        const double r = m.sizeM / 2;
        const std::vector<double> offsets =
            m.kind == MeasureKind::HeatNetwork
                ? std::vector<double>{m.pairSpacingM / 2, -m.pairSpacingM / 2}
                : std::vector<double>{0.0};
        for (std::size_t k = 0; k < offsets.size(); ++k) {
            const auto line = offsets[k] == 0 ? m.points : offsetPolyline(m.points, offsets[k]);
            std::vector<core::Vec3> axis;
            std::vector<model::VertexDepth> depths;
            for (std::size_t i = 0; i < line.size(); ++i) {
                axis.push_back({line[i].x, line[i].y, topAt(i) - r});
                depths.push_back(
                    {DepthProvenance::Measured, 0.0f,
                     m.depthIsNap ? model::kUnknown : static_cast<float>(m.topDepthM + r)});
            }
            meta.id = ids[k];
            out.push_back(ds.addLinear(meta, axis, depths, static_cast<float>(m.sizeM)));
            if (k == 0) ds.setAttribute(out.back(), "measure_def", definition);
        }
        return out;
    }
    meta.id = ids[0];
    meta.attributes.push_back({"measure_def", definition});
    const double top = m.depthIsNap ? m.topDepthM : meanGround - m.topDepthM;
    const double bottom = top - m.heightM;
    if (m.kind == MeasureKind::WkoWell) {
        model::VerticalBody b;
        b.center = m.points[0];
        b.topZ = top;
        b.bottomZ = bottom;
        b.radiusM = static_cast<float>(m.sizeM / 2);
        b.depth = {DepthProvenance::Measured, 0.0f, bottomBelow};
        b.topBelowGroundM = topBelow;
        const auto fi = ds.addBody(meta, b);
        model::WellDetail w;
        w.screenTopZ = top - m.screenTopDepthM;
        w.screenBottomZ = top - m.screenBottomDepthM;
        w.storedVolumeM3 = m.storedVolumeM3;
        w.temperature = m.temperature;
        w.systemId = m.systemId.empty() ? m.id : m.systemId;
        ds.attach(fi, std::move(w));
        return std::vector<std::uint32_t>{fi};
    }
    const model::VertexDepth depth{DepthProvenance::Measured, 0.0f, bottomBelow};
    std::uint32_t fi;
    if (m.kind == MeasureKind::Trench) {
        fi = ds.addPrism(meta, {m.points}, bottom, top, static_cast<float>(m.sizeM), depth);
    } else {
        const auto ring = m.points.size() >= 3 ? m.points : square(m.points[0], m.sizeM);
        fi = ds.addPrism(meta, {ring}, bottom, top, model::kUnknown, depth);
    }
    ds.prisms[ds.features[fi].geometry].topBelowGroundM = topBelow;
    return std::vector<std::uint32_t>{fi};
}

}  // namespace bz::design
