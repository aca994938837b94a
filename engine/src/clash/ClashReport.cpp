#include <bodemzicht/clash/ClashReport.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <sstream>

namespace bz::clash {

std::string_view dutchName(ClashKind k) {
    switch (k) {
        case ClashKind::Hard:
            return "harde botsing";
        case ClashKind::Clearance:
            return "te weinig afstand";
        case ClashKind::Constraint:
            return "in beperkingszone";
        case ClashKind::Possible:
            return "mogelijke botsing";
        case ClashKind::Duplicate:
            return "dubbel object";
    }
    return "";
}

std::string_view dutchName(ClashStatus s) {
    switch (s) {
        case ClashStatus::New:
            return "nieuw";
        case ClashStatus::Active:
            return "open";
        case ClashStatus::Resolved:
            return "opgelost";
        case ClashStatus::Approved:
            return "geaccepteerd";
    }
    return "";
}

std::string_view dutchName(Certainty c) {
    switch (c) {
        case Certainty::Certain:
            return "zeker";
        case Certainty::Likely:
            return "waarschijnlijk";
        case Certainty::Possible:
            return "mogelijk";
        case Certainty::None:
            return "";
    }
    return "";
}

std::string_view toCode(ClashKind k) {
    switch (k) {
        case ClashKind::Hard:
            return "hard";
        case ClashKind::Clearance:
            return "clearance";
        case ClashKind::Constraint:
            return "constraint";
        case ClashKind::Possible:
            return "possible";
        case ClashKind::Duplicate:
            return "duplicate";
    }
    return "hard";
}

std::string_view toCode(ClashStatus s) {
    switch (s) {
        case ClashStatus::New:
            return "new";
        case ClashStatus::Active:
            return "active";
        case ClashStatus::Resolved:
            return "resolved";
        case ClashStatus::Approved:
            return "approved";
    }
    return "new";
}

bool clashKindFromCode(std::string_view code, ClashKind& out) {
    for (auto k : {ClashKind::Hard, ClashKind::Clearance, ClashKind::Constraint,
                   ClashKind::Possible, ClashKind::Duplicate})
        if (toCode(k) == code) {
            out = k;
            return true;
        }
    return false;
}

bool clashStatusFromCode(std::string_view code, ClashStatus& out) {
    for (auto s :
         {ClashStatus::New, ClashStatus::Active, ClashStatus::Resolved, ClashStatus::Approved})
        if (toCode(s) == code) {
            out = s;
            return true;
        }
    return false;
}

std::string stableClashId(std::string_view a, std::string_view b) {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
    };
    mix(a);
    mix(std::string_view("\x1f", 1));
    mix(b);
    char buf[32];
    std::snprintf(buf, sizeof buf, "C%012llx",
                  static_cast<unsigned long long>(h & 0xffffffffffffull));
    return buf;
}

void groupClashes(std::vector<Clash>& clashes, double radius) {
    const std::size_t n = clashes.size();
    std::vector<std::size_t> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](std::size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    };
    // Cells with a diagonal of `radius`: everything in one cell belongs together, and neighbours
    // can only be up to two cells away. Dense streets then cost one union per clash.
    const double cell = radius / std::sqrt(2.0);
    using Key = std::pair<long long, long long>;
    auto cellOf = [&](const Clash& c) {
        auto p = c.location();
        return Key{static_cast<long long>(std::floor(p.x / cell)),
                   static_cast<long long>(std::floor(p.y / cell))};
    };
    std::vector<std::pair<Key, std::size_t>> items(n);
    for (std::size_t i = 0; i < n; ++i) items[i] = {cellOf(clashes[i]), i};
    std::sort(items.begin(), items.end());
    struct Range {
        Key key;
        std::size_t begin, end;
    };
    std::vector<Range> cells;
    for (std::size_t k = 0; k < n; ++k) {
        if (cells.empty() || cells.back().key != items[k].first)
            cells.push_back({items[k].first, k, k});
        Range& c = cells.back();
        c.end = k + 1;
        if (k > c.begin) parent[find(items[k].second)] = find(items[c.begin].second);
    }
    for (const Range& c : cells) {
        for (long long dx = -2; dx <= 2; ++dx)
            for (long long dy = -2; dy <= 2; ++dy) {
                Key key{c.key.first + dx, c.key.second + dy};
                if (key <= c.key) continue;  // each pair of cells once
                auto it = std::lower_bound(cells.begin(), cells.end(), key,
                                           [](const Range& r, const Key& k) { return r.key < k; });
                if (it == cells.end() || it->key != key) continue;
                if (find(items[c.begin].second) == find(items[it->begin].second)) continue;
                bool joined = false;
                for (std::size_t a = c.begin; a < c.end && !joined; ++a)
                    for (std::size_t b = it->begin; b < it->end && !joined; ++b)
                        if (core::distance(clashes[items[a].second].location(),
                                           clashes[items[b].second].location()) <= radius) {
                            parent[find(items[a].second)] = find(items[b].second);
                            joined = true;
                        }
            }
    }
    // Name each group after its smallest clash id (stable while that clash exists).
    std::vector<std::size_t> smallest(n, SIZE_MAX);
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t r = find(i);
        if (smallest[r] == SIZE_MAX || clashes[i].id < clashes[smallest[r]].id) smallest[r] = i;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& s = clashes[smallest[find(i)]].id;
        clashes[i].groupId.assign(1, 'G');
        clashes[i].groupId.append(s, 1, std::string::npos);
    }
}

std::string_view toCode(Certainty c) {
    switch (c) {
        case Certainty::Certain:
            return "certain";
        case Certainty::Likely:
            return "likely";
        case Certainty::Possible:
            return "possible";
        case Certainty::None:
            return "";
    }
    return "";
}

bool certaintyFromCode(std::string_view code, Certainty& out) {
    for (auto c : {Certainty::Certain, Certainty::Likely, Certainty::Possible, Certainty::None})
        if (toCode(c) == code) {
            out = c;
            return true;
        }
    return false;
}

bool inGroundwater(const Clash& c) {
    return c.rule.starts_with("intervention.grondwater.");
}

bool perLitre(std::string_view unit) {
    std::string u;
    for (char ch : unit)
        if (ch != ' ') u += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return u.ends_with("/l");
}

std::map<std::string, std::size_t> ClashReport::countByKind() const {
    std::map<std::string, std::size_t> m;
    for (const auto& c : clashes) ++m[std::string(toCode(c.kind))];
    return m;
}

std::string ClashReport::summary() const {
    std::ostringstream out;
    std::map<std::string, std::map<std::string, std::size_t>> byOwner;  // owner -> kind -> n
    std::map<std::string, std::map<std::string, std::size_t>> ownerCertainty;
    std::map<std::string, std::size_t> byStatus, byCertainty;
    std::size_t assumed = 0;
    for (const auto& c : clashes) {
        if (c.certainty != Certainty::None) {
            ++byCertainty[std::string(toCode(c.certainty))];
            ++ownerCertainty[c.aOwner.empty() ? "(owner unknown)" : c.aOwner]
                            [std::string(toCode(c.certainty))];
        }
        ++byOwner[c.aOwner.empty() ? "(owner unknown)" : c.aOwner][std::string(toCode(c.kind))];
        ++byStatus[std::string(toCode(c.status))];
        if (!c.assumed.empty()) ++assumed;
    }
    out << "clashes: " << clashes.size() << " (checked " << proposedChecked << " features against "
        << existingIndexed << " existing, " << segmentsIndexed << " segments indexed)\n";
    out << "by kind:";
    for (const auto& [k, n] : countByKind()) out << "  " << k << " " << n;
    out << "\nby status:";
    for (const auto& [k, n] : byStatus) out << "  " << k << " " << n;
    out << "\nby certainty (depth and position bands):";
    for (const char* k : {"certain", "likely", "possible"})
        if (byCertainty.count(k)) out << "  " << k << " " << byCertainty[k];
    out << "\ndepending on assumed depths or diameters: " << assumed << "\n";
    out << "by owner of the existing object (who to contact):\n";
    for (const auto& [owner, kinds] : byOwner) {
        std::size_t total = 0;
        std::string detail;
        for (const auto& [k, n] : kinds) {
            total += n;
            detail += " " + k + " " + std::to_string(n);
        }
        char buf[160];
        std::snprintf(buf, sizeof buf, "  %-28s %6zu  (", owner.c_str(), total);
        out << buf << detail.substr(1) << ")";
        // How sure, so that the owner knows where a trial pit decides.
        std::string sure;
        for (const char* k : {"certain", "likely", "possible"})
            if (auto it = ownerCertainty[owner].find(k); it != ownerCertainty[owner].end())
                sure += std::string(sure.empty() ? "" : " ") + k + " " + std::to_string(it->second);
        if (!sure.empty()) out << "  " << sure;
        out << "\n";
    }
    // What digging the proposals means for the soil: contaminated volume per substance,
    // dewatering below the GLG.
    struct Dug {
        double contaminated = 0, max = -INFINITY;
        std::string unit;
        std::size_t objects = 0;
    };
    std::map<std::pair<bool, std::string>, Dug> bySubstance;  // (in groundwater, substance)
    double belowGlg = 0;
    std::size_t dewatered = 0;
    for (const auto& c : clashes) {
        if (!c.substance.empty() && std::isfinite(c.contaminatedM3)) {
            auto& d = bySubstance[{inGroundwater(c), c.substance}];
            d.contaminated += c.contaminatedM3;
            if (std::isfinite(c.maxConcentration)) d.max = std::max(d.max, c.maxConcentration);
            d.unit = c.unit;
            ++d.objects;
        }
        if (std::isfinite(c.belowGlgM3)) belowGlg += c.belowGlgM3, ++dewatered;
    }
    for (const auto& [key, d] : bySubstance) {
        char buf[240];
        const auto& [water, substance] = key;
        std::snprintf(buf, sizeof buf,
                      water ? "groundwater: %zu %s %.1f m3 below the groundwater level where %s "
                              "is above its intervention value (highest %.0f %s)\n"
                            : "soil: %zu %s %.1f m3 above the intervention value of %s (highest "
                              "%.0f %s)\n",
                      d.objects, d.objects == 1 ? "proposal digs" : "proposals dig", d.contaminated,
                      substance.c_str(), d.max, d.unit.c_str());
        out << buf;
    }
    if (dewatered) {
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      "groundwater: %zu %s %.1f m3 below the lowest groundwater level "
                      "(dewatering)\n",
                      dewatered, dewatered == 1 ? "proposal digs" : "proposals dig", belowGlg);
        out << buf;
    }
    for (const auto& n : notes) out << "note: " << n << "\n";
    return out.str();
}

}  // namespace bz::clash
