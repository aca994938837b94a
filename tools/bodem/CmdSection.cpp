#include <bodemzicht/core/Parse.h>
#include <bodemzicht/design/CrossSection.h>
#include <bodemzicht/design/SectionDrawing.h>
#include <bodemzicht/design/StreetProfile.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/Table.h>

#include <cstdio>
#include <memory>
#include <string>

#include "Commands.h"

namespace bz::tools {

namespace {

// "X,Y" in RD New.
std::optional<core::Vec2> parsePoint(const std::string& text) {
    const auto comma = text.find(',');
    if (comma == std::string::npos) return std::nullopt;
    auto x = core::parseNumber(text.substr(0, comma)),
         y = core::parseNumber(text.substr(comma + 1));
    if (!x || !y || !std::isfinite(*x) || !std::isfinite(*y)) return std::nullopt;
    return core::Vec2{*x, *y};
}

io::Table sectionTable(const design::CrossSection& s,
                       const std::vector<design::Deviation>& deviations) {
    io::Table t;
    using io::ColumnType;
    t.columns = {{"id"},
                 {"theme"},
                 {"owner"},
                 {"status"},
                 {"kind"},
                 {"offset_m", ColumnType::Real, 3},
                 {"from_m", ColumnType::Real, 3},
                 {"to_m", ColumnType::Real, 3},
                 {"top_below_ground_m", ColumnType::Real, 3},
                 {"bottom_below_ground_m", ColumnType::Real, 3},
                 {"top_nap_m", ColumnType::Real, 3},
                 {"bottom_nap_m", ColumnType::Real, 3},
                 {"size_m", ColumnType::Real, 3},
                 {"size_assumed"},
                 {"band_m", ColumnType::Real, 3},
                 {"provenance"},
                 {"crossing_angle_deg", ColumnType::Real, 1},
                 {"gap_to_next_network_m", ColumnType::Real, 3},
                 {"deviation"}};
    // Clear distance to the next network along the section.
    std::vector<double> gap(s.cuts.size(), NAN);
    for (std::size_t i = 0; i < s.cuts.size(); ++i) {
        if (s.cuts[i].kind != design::CutKind::Network) continue;
        for (std::size_t j = i + 1; j < s.cuts.size(); ++j)
            if (s.cuts[j].kind == design::CutKind::Network) {
                gap[i] = s.cuts[j].fromM - s.cuts[i].toM;
                break;
            }
    }
    for (std::size_t i = 0; i < s.cuts.size(); ++i) {
        const auto& c = s.cuts[i];
        std::string deviation;
        for (const auto& d : deviations)
            if (d.cut == i) deviation += (deviation.empty() ? "" : "; ") + d.what;
        t.addRow({c.id, c.theme, c.owner, c.status, std::string(design::toCode(c.kind)), c.offsetM,
                  c.fromM, c.toM, c.topBelowGroundM, c.bottomBelowGroundM, c.topZ, c.bottomZ,
                  c.sizeM, std::string(c.sizeAssumed ? "yes" : "no"), c.bandM, c.provenance,
                  c.crossingAngleDeg, gap[i], deviation});
    }
    return t;
}

}  // namespace

Runner registerSection(CLI::App& app) {
    struct Args {
        std::string project, from, to, svg, png, pdf, csv, profile;
        double fits = NAN, clearance = 0.3;
        int width = 1400, height = 760;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand(
        "section",
        "Cross-section (dwarsprofiel) of a street: every object the line cuts at its true size and "
        "depth, the ground, GHG/GLG, the street profile's zones and the deviations from it");
    cmd->add_option("PROJECT", a->project, "Project GeoPackage")->required();
    cmd->add_option("--from", a->from, "Start of the section, X,Y in RD New (at the facade)")
        ->required();
    cmd->add_option("--to", a->to, "End of the section, X,Y in RD New")->required();
    cmd->add_option("--svg", a->svg, "Write the drawing as SVG");
    cmd->add_option("--png", a->png, "Write the drawing as PNG");
    cmd->add_option("--pdf", a->pdf, "Write the drawing as PDF");
    cmd->add_option("--csv", a->csv, "Write one row per object cut");
    cmd->add_option("--profile", a->profile,
                    "Street profile (TOML, zones per theme); default: the shipped example "
                    "(datasets/rules/profile-nl.toml)");
    cmd->add_option(
        "--fits", a->fits,
        "Shade where a new network of this outer diameter (m) still fits, keeping --clearance");
    cmd->add_option("--clearance", a->clearance,
                    "With --fits: the clearance to everything cut (m)");
    cmd->add_option("--width", a->width, "Drawing width (px)")->check(CLI::Range(300, 20000));
    cmd->add_option("--height", a->height, "Drawing height (px)")->check(CLI::Range(200, 20000));
    return [a] {
        auto from = parsePoint(a->from), to = parsePoint(a->to);
        if (!from || !to) {
            std::fprintf(
                stderr,
                "bodem section: --from and --to are X,Y in RD New (e.g. 251200.5,476410)\n");
            return 1;
        }
        const design::SectionLine line{*from, *to};
        if (line.length() < 0.1 || line.length() > 5000) {
            std::fprintf(stderr,
                         "bodem section: the section is %.2f m long; give one of 0.1 m to 5 km\n",
                         line.length());
            return 1;
        }
        design::StreetProfile profile = design::StreetProfile::shipped();
        if (!a->profile.empty()) {
            auto p = design::StreetProfile::load(a->profile);
            if (!p) {
                std::fprintf(stderr, "bodem section: %s\n", p.error().toString().c_str());
                return 1;
            }
            profile = std::move(*p);
        }
        io::ImportReport report;
        auto ds = io::readProject(a->project, report);
        if (!ds) {
            std::fprintf(stderr, "bodem section: %s\n", ds.error().toString().c_str());
            return 1;
        }
        // A line outside the data is an error, not an empty drawing that looks like success.
        const auto b = ds->bounds();
        const bool outside = std::max(from->x, to->x) < b.lo.x ||
                             std::min(from->x, to->x) > b.hi.x ||
                             std::max(from->y, to->y) < b.lo.y || std::min(from->y, to->y) > b.hi.y;
        if (outside) {
            std::fprintf(
                stderr,
                "bodem section: the section %.2f,%.2f - %.2f,%.2f lies outside the project "
                "(x %.2f .. %.2f, y %.2f .. %.2f); nothing written\n",
                from->x, from->y, to->x, to->y, b.lo.x, b.hi.x, b.lo.y, b.hi.y);
            return 1;
        }
        auto levels = projectLevels(*ds, "bodem section");
        auto section = design::cutSection(*ds, line, levels.ground, &levels.ghg, &levels.glg);
        // The soil model behind the objects, when the project has one.
        for (const auto& f : ds->fields)
            if (f.name == "geotop" && f.kind == model::FieldKind::Grid3d) {
                if (auto grid = io::openField(f))
                    design::addSoil(section, **grid);
                else
                    std::fprintf(stderr, "bodem section: soil not drawn: %s\n",
                                 grid.error().toString().c_str());
            }
        auto deviations = design::checkAgainstProfile(section, profile);
        std::printf("section %.2f,%.2f - %.2f,%.2f: %.2f m, %zu objects cut", from->x, from->y,
                    to->x, to->y, line.length(), section.cuts.size());
        if (section.networksNearlyParallel)
            std::printf(" (%zu network pieces run along the line and are not cut)",
                        section.networksNearlyParallel);
        std::printf("\n%-28s %-18s %-9s %8s %8s %8s %7s %s\n", "id", "theme", "kind", "offset",
                    "top_bg", "bot_bg", "size", "provenance");
        for (const auto& c : section.cuts)
            std::printf("%-28s %-18s %-9s %8.2f %8.2f %8.2f %7.3f %s\n", c.id.c_str(),
                        c.theme.c_str(), std::string(design::toCode(c.kind)).c_str(), c.offsetM,
                        c.topBelowGroundM, c.bottomBelowGroundM, c.sizeM, c.provenance.c_str());
        if (section.cuts.empty())
            std::printf("the line cuts no object: only the ground is drawn\n");
        if (levels.ground.available() && section.ground.empty())
            std::printf("the ground level has no value along the line\n");
        std::printf("profile: %s%s; %zu deviations\n", profile.name.c_str(),
                    profile.verified ? "" : " (not verified)", deviations.size());
        for (const auto& d : deviations) std::printf("  %s\n", d.what.c_str());
        std::optional<design::FreeArea> free;
        if (!std::isnan(a->fits)) {
            free = design::freeSpaceInSection(section, a->fits, a->clearance);
            std::printf("free space for %.0f mm with %.2f m clearance: %.2f m2%s\n", a->fits * 1000,
                        a->clearance, free->freeAreaM2,
                        free->freeAreaM2 > 0 ? "" : " (it fits nowhere in this section)");
        }
        design::SectionDrawingOptions options;
        options.free = free ? &*free : nullptr;
        options.widthPx = a->width;
        options.heightPx = a->height;
        for (const auto& path : {a->svg, a->png, a->pdf}) {
            if (path.empty()) continue;
            if (auto ok = design::drawSection(section, profile, deviations, path, options); !ok) {
                std::fprintf(stderr, "bodem section: %s\n", ok.error().toString().c_str());
                return 1;
            }
            std::printf("wrote %s\n", path.c_str());
        }
        if (!a->csv.empty()) {
            if (auto ok = io::writeTableFile(a->csv, io::TableFormat::Csv,
                                             sectionTable(section, deviations), "section");
                !ok) {
                std::fprintf(stderr, "bodem section: %s\n", ok.error().toString().c_str());
                return 1;
            }
            std::printf("wrote %s\n", a->csv.c_str());
        }
        return 0;
    };
}

}  // namespace bz::tools
