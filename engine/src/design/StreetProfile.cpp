#include <bodemzicht/design/StreetProfile.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace bz::design {

extern const char* const kShippedStreetProfile;

namespace {

core::Error at(const std::string& origin, const toml::node& n, const std::string& what) {
    return {origin, "", "line " + std::to_string(n.source().begin.line) + ": " + what};
}

std::string metres(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

}  // namespace

core::Result<StreetProfile> StreetProfile::parse(std::string_view text, const std::string& origin) {
    toml::table root;
    try {
        root = toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        return core::fail(
            origin, "",
            "line " + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    StreetProfile p;
    const auto* head = root["profile"].as_table();
    if (!head) return core::fail(origin, "", "no [profile] table (name, source, verified)");
    p.name = (*head)["name"].value_or(std::string());
    p.source = (*head)["source"].value_or(std::string());
    p.verified = (*head)["verified"].value_or(false);
    p.bothSides = (*head)["both_sides"].value_or(true);
    if (p.name.empty() || p.source.empty())
        return core::fail(origin, "",
                          "[profile] needs a 'name' and a 'source' (where its zones come from)");
    const auto* zones = root["zone"].as_array();
    if (!zones || zones->empty()) return core::fail(origin, "", "no [[zone]]");
    for (const auto& node : *zones) {
        const auto* z = node.as_table();
        if (!z) return std::unexpected(at(origin, node, "a [[zone]] is not a table"));
        ProfileZone zone;
        zone.name = (*z)["name"].value_or(std::string());
        auto from = (*z)["from_m"].value<double>(), to = (*z)["to_m"].value<double>();
        if (zone.name.empty() || !from || !to)
            return std::unexpected(at(origin, node, "a zone needs 'name', 'from_m' and 'to_m'"));
        if (!(*from >= 0 && *to > *from && *to < 1000))
            return std::unexpected(
                at(origin, node, "zone '" + zone.name + "': from_m must be >= 0 and below to_m"));
        zone.fromM = *from;
        zone.toM = *to;
        zone.minCoverM = (*z)["min_cover_m"].value_or(std::numeric_limits<double>::quiet_NaN());
        const auto* themes = (*z)["themes"].as_array();
        if (!themes || themes->empty())
            return std::unexpected(at(origin, node, "zone '" + zone.name + "' names no 'themes'"));
        for (const auto& t : *themes) {
            auto s = t.value<std::string>();
            if (!s) return std::unexpected(at(origin, t, "a theme is not text"));
            zone.themes.push_back(*s);
        }
        p.zones.push_back(std::move(zone));
    }
    return p;
}

core::Result<StreetProfile> StreetProfile::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::fail(path, "", "cannot open the street profile");
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

const StreetProfile& StreetProfile::shipped() {
    static const StreetProfile profile = [] {
        auto p = parse(kShippedStreetProfile, "datasets/rules/profile-nl.toml");
        if (!p) throw std::logic_error("the shipped street profile: " + p.error().toString());
        return std::move(*p);
    }();
    return profile;
}

std::vector<PlacedZone> layZones(const StreetProfile& profile, double length) {
    std::vector<PlacedZone> out;
    for (std::size_t i = 0; i < profile.zones.size(); ++i) {
        const auto& z = profile.zones[i];
        // A zone wider than half the section ends in its middle when it holds from both ends.
        const double limit = profile.bothSides ? length / 2 : length;
        if (z.fromM < limit) out.push_back({i, z.fromM, std::min(z.toM, limit)});
        if (profile.bothSides && z.fromM < limit)
            out.push_back({i, length - std::min(z.toM, limit), length - z.fromM});
    }
    return out;
}

std::vector<Deviation> checkAgainstProfile(const CrossSection& section,
                                           const StreetProfile& profile) {
    std::vector<Deviation> out;
    const auto placed = layZones(profile, section.line.length());
    for (std::size_t c = 0; c < section.cuts.size(); ++c) {
        const auto& cut = section.cuts[c];
        if (cut.kind != CutKind::Network) continue;
        std::vector<const PlacedZone*> own;
        for (const auto& pz : placed) {
            const auto& themes = profile.zones[pz.zone].themes;
            if (std::find(themes.begin(), themes.end(), cut.theme) != themes.end())
                own.push_back(&pz);
        }
        if (own.empty()) continue;  // the profile says nothing about this theme
        const PlacedZone* inside = nullptr;
        for (const auto* pz : own)
            if (cut.offsetM >= pz->fromM - 1e-9 && cut.offsetM <= pz->toM + 1e-9) inside = pz;
        // Covers are compared to the half centimetre: 0.599 m is the 0.60 m a source gave.
        if (!inside) {
            std::string zones;
            for (const auto* pz : own)
                zones += (zones.empty() ? "" : ", ") + profile.zones[pz->zone].name + " " +
                         metres(pz->fromM) + "-" + metres(pz->toM) + " m";
            out.push_back({c, cut.theme + " " + cut.id + " at " + metres(cut.offsetM) +
                                  " m: outside its zone (" + zones + ")"});
            continue;
        }
        const double minCover = profile.zones[inside->zone].minCoverM;
        if (!std::isnan(minCover) && !std::isnan(cut.topBelowGroundM) &&
            cut.topBelowGroundM < minCover - 0.005)
            out.push_back({c, cut.theme + " " + cut.id + ": cover " + metres(cut.topBelowGroundM) +
                                  " m, its zone asks " + metres(minCover) + " m"});
    }
    return out;
}

}  // namespace bz::design
