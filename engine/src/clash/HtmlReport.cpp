#include <bodemzicht/clash/HtmlReport.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace bz::clash {

std::string escapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

namespace {

std::string fixed(double v, const char* fmt = "%.2f") {
    if (!std::isfinite(v)) return "–";
    char buf[32];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

std::string certaintyText(const Clash& c) {
    if (c.certainty == Certainty::None) return "";
    std::string s(dutchName(c.certainty));
    if (std::isfinite(c.probability)) {
        const double p = c.probability * 100;
        s += p > 0 && p < 1      ? " (&lt;1 %)"
             : p < 100 && p > 99 ? " (&gt;99 %)"
                                 : " (" + fixed(p, "%.0f") + " %)";
    }
    return s;
}

// An excavation row's volumes in words: what is dug out above the intervention value, or below
// the lowest groundwater level.
std::string soilText(const Clash& c) {
    std::string s;
    if (!c.substance.empty() && std::isfinite(c.contaminatedM3) && inGroundwater(c))
        s += "<br>" + fixed(c.contaminatedM3, "%.1f") + " van " + fixed(c.excavatedM3, "%.1f") +
             " m3 ontgraven onder de grondwaterstand waar " + escapeHtml(c.substance) +
             " boven de interventiewaarde voor grondwater ligt (hoogste " +
             fixed(c.maxConcentration, "%.0f") + " " + escapeHtml(c.unit) +
             "): bemalingswater zuiveren of lozen met vergunning";
    else if (!c.substance.empty() && std::isfinite(c.contaminatedM3))
        s += "<br>" + fixed(c.contaminatedM3, "%.1f") + " van " + fixed(c.excavatedM3, "%.1f") +
             " m3 ontgraven boven de interventiewaarde " + escapeHtml(c.substance) + " (hoogste " +
             fixed(c.maxConcentration, "%.0f") + " " + escapeHtml(c.unit) + ")";
    if (std::isfinite(c.belowGlgM3))
        s += "<br>" + fixed(c.belowGlgM3, "%.1f") + " van " + fixed(c.excavatedM3, "%.1f") +
             " m3 onder de GLG: bemaling nodig";
    return s;
}

core::Result<void> writeBytes(const std::filesystem::path& path,
                              const std::vector<std::uint8_t>& b) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    if (!out) return core::fail(path.string(), "", "cannot write");
    return {};
}

const char* kStyle = R"(body{font-family:sans-serif;margin:2em;max-width:75em;color:#222}
table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:0.25em 0.5em;vertical-align:top;font-size:90%}
th{background:#eee;text-align:left}img{max-width:100%;border:1px solid #aaa}.note{color:#666}
.hard{color:#c00;font-weight:bold}.clearance{color:#d60}.possible{color:#880}.constraint{color:#909})";

}  // namespace

core::Result<HtmlSummary> writeHtmlReport(const ClashReport& report, const std::string& dir,
                                          const HtmlOptions& options) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(fs::path(dir) / "img", ec);
    if (ec) return core::fail(dir, "", "cannot create the report folder: " + ec.message());
    HtmlSummary summary;
    // Groups, and per owner of the existing object (A) the groups they are in.
    std::map<std::string, std::vector<const Clash*>> groups;
    std::map<std::string, std::vector<const Clash*>> byOwner;
    for (const auto& c : report.clashes) {
        groups[c.groupId.empty() ? c.id : c.groupId].push_back(&c);
        byOwner[c.aOwner.empty() ? "(eigenaar onbekend)" : c.aOwner].push_back(&c);
    }
    std::map<std::string, std::string> pictureOf;  // group -> file, once per group
    auto picture = [&](const std::string& group) -> std::string {
        if (auto it = pictureOf.find(group); it != pictureOf.end()) return it->second;
        std::string file;
        if (options.snapshot) {
            const auto& members = groups[group];
            if (auto png = options.snapshot(groupView(members), members)) {
                file = "img/" + group + ".png";
                if (writeBytes(fs::path(dir) / file, *png))
                    ++summary.pictures;
                else
                    file.clear();
            }
        }
        pictureOf[group] = file;
        return file;
    };

    std::ostringstream h;
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M", std::localtime(&t));
    h << "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Conflicten "
      << escapeHtml(options.projectName) << "</title><style>" << kStyle
      << "</style></head><body>\n";
    h << "<h1>Conflicten in de ondergrond</h1>\n<p>Project <b>" << escapeHtml(options.projectName)
      << "</b>, regelset <b>" << escapeHtml(options.rulesName) << "</b>, " << date << ". "
      << report.clashes.size() << " conflicten in " << groups.size() << " groepen.</p>\n";
    h << "<table><tr><th>soort</th><th>aantal</th></tr>";
    std::map<std::string, std::size_t> kinds;
    for (const auto& c : report.clashes) ++kinds[std::string(dutchName(c.kind))];
    for (const auto& [k, n] : kinds)
        h << "<tr><td>" << escapeHtml(k) << "</td><td>" << n << "</td></tr>";
    h << "</table>\n";
    if (options.overview)
        if (auto png = options.overview()) {
            if (writeBytes(fs::path(dir) / "img/overzicht.png", *png)) {
                ++summary.pictures;
                h << "<h2>Overzicht</h2><p><img src=\"img/overzicht.png\" alt=\"overzicht\"></p>\n";
            }
        }
    if (!summary.pictures)
        h << "<p class=\"note\">Zonder afbeeldingen: er was geen beeldscherm om ze te maken (draai "
             "onder xvfb-run).</p>\n";
    h << "<h2>Per eigenaar</h2>\n<ul>";
    for (const auto& [owner, list] : byOwner)
        h << "<li><a href=\"#" << escapeHtml(stableClashId(owner, "owner")) << "\">"
          << escapeHtml(owner) << "</a> (" << list.size() << ")</li>";
    h << "</ul>\n";
    for (const auto& [owner, list] : byOwner) {
        ++summary.owners;
        h << "<h3 id=\"" << escapeHtml(stableClashId(owner, "owner")) << "\">" << escapeHtml(owner)
          << "</h3>\n";
        std::set<std::string> shown;
        for (const auto* c : list) {
            const std::string g = c->groupId.empty() ? c->id : c->groupId;
            if (!shown.insert(g).second) continue;
            const std::string file = picture(g);
            h << "<h4>Groep " << escapeHtml(g) << "</h4>\n";
            if (!file.empty())
                h << "<p><img src=\"" << escapeHtml(file) << "\" alt=\"groep " << escapeHtml(g)
                  << "\"></p>\n";
            else if (options.snapshot)
                h << "<p class=\"note\">Geen afbeelding: alleen de ernstigste groepen krijgen er "
                     "een "
                     "(bodem clash --pictures N).</p>\n";
            h << "<table><tr><th>id</th><th>soort</th><th>zekerheid</th><th>object van "
              << escapeHtml(owner)
              << "</th><th>ander object</th><th>afstand (m)</th><th>vereist "
                 "(m)</th><th>over (m)</th><th>regel</th><th>aangenomen</th><th>plaats (RD, m "
                 "NAP)</th></tr>\n";
            for (const auto* m : list) {
                if ((m->groupId.empty() ? m->id : m->groupId) != g) continue;
                const auto p = m->location();
                h << "<tr><td>" << escapeHtml(m->id) << "</td><td class=\""
                  << escapeHtml(toCode(m->kind)) << "\">" << escapeHtml(dutchName(m->kind))
                  << "</td><td>" << certaintyText(*m) << "</td><td>" << escapeHtml(m->aId) << " ("
                  << escapeHtml(m->aTheme) << ")</td><td>" << escapeHtml(m->bId) << " ("
                  << escapeHtml(m->bTheme)
                  << (m->bOwner.empty() ? "" : ", " + escapeHtml(m->bOwner)) << ")</td><td>"
                  << fixed(m->distanceM) << "</td><td>" << fixed(m->requiredM) << "</td><td>"
                  << fixed(m->violatedLengthM) << "</td><td>" << escapeHtml(m->rule) << soilText(*m)
                  << "</td><td>" << escapeHtml(m->assumed) << "</td><td>" << fixed(p.x) << " "
                  << fixed(p.y) << ", " << fixed(p.z) << "</td></tr>\n";
            }
            h << "</table>\n";
        }
    }
    // The rules applied, with their sources: what the reader can check.
    std::map<std::string, std::pair<std::string, bool>> rules;
    for (const auto& c : report.clashes)
        if (!c.rule.empty()) rules.emplace(c.rule, std::make_pair(c.ruleSource, c.ruleVerified));
    h << "<h2>Toegepaste "
         "regels</h2>\n<table><tr><th>regel</th><th>bron</th><th>geverifieerd</th></tr>\n";
    for (const auto& [rule, src] : rules)
        h << "<tr><td>" << escapeHtml(rule) << "</td><td>" << escapeHtml(src.first) << "</td><td>"
          << (src.second ? "ja" : "nee (regelsetwaarde, controleer de bron)") << "</td></tr>\n";
    h << "</table>\n";
    if (!report.notes.empty()) {
        h << "<h2>Opmerkingen</h2><ul>";
        for (const auto& n : report.notes) h << "<li>" << escapeHtml(n) << "</li>";
        h << "</ul>\n";
    }
    h << "<p class=\"note\">Gemaakt door Bodemzicht. Zekerheid: zeker = overal binnen de "
         "onzekerheidsbanden van beide objecten, waarschijnlijk = waar ze getekend zijn, mogelijk "
         "= "
         "alleen ergens binnen de banden (proefsleuf).</p>\n</body></html>\n";
    summary.groups = groups.size();
    const fs::path index = fs::path(dir) / "index.html";
    const fs::path tmp = fs::path(dir) / "index.html.tmp";
    {
        std::ofstream out(tmp, std::ios::binary);
        out << h.str();
        if (!out) return core::fail(index.string(), "", "cannot write the report");
    }
    fs::rename(tmp, index, ec);
    if (ec) return core::fail(index.string(), "", "cannot write the report: " + ec.message());
    return summary;
}

}  // namespace bz::clash
