#include <bodemzicht/design/Measure.h>

#include <nlohmann/json.hpp>

namespace bz::design {

std::string toJson(const Measure& m) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : m.points) points.push_back({p.x, p.y});
    nlohmann::json j{{"id", m.id},
                     {"kind", std::string(toCode(m.kind))},
                     {"theme", m.theme},
                     {"owner", m.owner},
                     {"material", m.material},
                     {"points", points},
                     {"size_m", m.sizeM},
                     {"top_depth_m", m.topDepthM},
                     {"depth_is_nap", m.depthIsNap},
                     {"height_m", m.heightM},
                     {"pair_spacing_m", m.pairSpacingM},
                     {"screen_top_depth_m", m.screenTopDepthM},
                     {"screen_bottom_depth_m", m.screenBottomDepthM},
                     {"stored_volume_m3", m.storedVolumeM3},
                     {"temperature", m.temperature},
                     {"system_id", m.systemId},
                     {"year", m.year},
                     {"reserved", m.reserved}};
    return j.dump();
}

core::Result<Measure> measureFromJson(std::string_view text) {
    // Text from a shared project: parsed without exceptions escaping, every field checked.
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return core::fail("", "", "the measure is not JSON");
    Measure m;
    const std::string kind = j.value("kind", "");
    bool known = false;
    for (auto k : kMeasureKinds)
        if (toCode(k) == kind) m.kind = k, known = true;
    if (!known) return core::fail("", "", "unknown measure kind '" + kind + "'");
    try {
        m.id = j.at("id").get<std::string>();
        m.theme = j.value("theme", "");
        m.owner = j.value("owner", "");
        m.material = j.value("material", "");
        const auto& points = j.at("points");
        if (!points.is_array() || points.size() > 100000)
            return core::fail("", m.id, "the measure's points are not a list");
        for (const auto& p : points) {
            if (!p.is_array() || p.size() != 2)
                return core::fail("", m.id, "a point is not two numbers");
            m.points.push_back({p[0].get<double>(), p[1].get<double>()});
        }
        m.sizeM = j.value("size_m", m.sizeM);
        m.topDepthM = j.value("top_depth_m", m.topDepthM);
        m.depthIsNap = j.value("depth_is_nap", false);
        m.heightM = j.value("height_m", m.heightM);
        m.pairSpacingM = j.value("pair_spacing_m", m.pairSpacingM);
        m.screenTopDepthM = j.value("screen_top_depth_m", m.screenTopDepthM);
        m.screenBottomDepthM = j.value("screen_bottom_depth_m", m.screenBottomDepthM);
        m.storedVolumeM3 = j.value("stored_volume_m3", m.storedVolumeM3);
        m.temperature = j.value("temperature", m.temperature);
        m.systemId = j.value("system_id", "");
        m.year = j.value("year", 0);
        m.reserved = j.value("reserved", false);
    } catch (const nlohmann::json::exception& e) {
        return core::fail("", m.id, std::string("the measure has a wrong value: ") + e.what());
    }
    if (auto ok = validateMeasure(m); !ok) return std::unexpected(ok.error());
    return m;
}

}  // namespace bz::design
