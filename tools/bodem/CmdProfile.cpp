#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/sewer/LongitudinalProfile.h>
#include <bodemzicht/sewer/ProfileDrawing.h>

#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "Commands.h"

namespace bz::tools {

ProjectLevels projectLevels(const model::Dataset& ds, const char* command) {
    ProjectLevels out;
    if (ds.ground.kind == model::GroundBasis::Kind::Constant)
        out.ground = model::GroundLevel(ds.ground.level);
    for (auto [name, target] :
         {std::pair{"ground_level", &out.ground}, {"ghg", &out.ghg}, {"glg", &out.glg}}) {
        if (target->available()) continue;
        auto raster = io::openFieldRaster(ds, name);
        if (!raster)
            std::fprintf(stderr, "%s: %s not drawn: %s\n", command, name,
                         raster.error().toString().c_str());
        else
            *target = std::move(*raster);
    }
    return out;
}

Runner registerProfile(CLI::App& app) {
    struct Args {
        std::string project, route, svg, png, pdf;
        int width = 1400, height = 600;
    };
    auto a = std::make_shared<Args>();
    auto* cmd = app.add_subcommand(
        "profile",
        "Longitudinal profile (lengteprofiel) of a sewer route: ground, BOB, manholes, GHG/GLG, "
        "observations and the invert measured by the inspection");
    cmd->add_option("PROJECT", a->project, "Project GeoPackage")->required();
    cmd->add_option("--route", a->route,
                    "Sewer pipe ids along the route, comma separated (one pipe, or a chain "
                    "through manholes)")
        ->required();
    cmd->add_option("--svg", a->svg, "Write the drawing as SVG");
    cmd->add_option("--png", a->png, "Write the drawing as PNG");
    cmd->add_option("--pdf", a->pdf, "Write the drawing as PDF");
    cmd->add_option("--width", a->width, "Drawing width (px)")->check(CLI::Range(300, 20000));
    cmd->add_option("--height", a->height, "Drawing height (px)")->check(CLI::Range(200, 20000));
    return [a] {
        io::ImportReport report;
        auto ds = io::readProject(a->project, report);
        if (!ds) {
            std::fprintf(stderr, "bodem profile: %s\n", ds.error().toString().c_str());
            return 1;
        }
        std::vector<std::string> route;
        std::stringstream in(a->route);
        for (std::string id; std::getline(in, id, ',');)
            if (!id.empty()) route.push_back(id);
        auto levels = projectLevels(*ds, "bodem profile");
        sewer::ProfileFields fields;
        fields.ground = levels.ground;
        fields.ghg = levels.ghg;
        fields.glg = levels.glg;
        auto p = sewer::buildProfile(*ds, route, fields);
        if (!p) {
            std::fprintf(stderr, "bodem profile: %s\n", p.error().toString().c_str());
            return 1;
        }
        std::printf("route %s: %.2f m, %zu pipes\n", a->route.c_str(), p->length, p->pipes.size());
        std::printf("%-20s %9s %9s %9s %9s %6s %s\n", "pipe", "from_m", "to_m", "bob_from",
                    "bob_to", "class", "nodes");
        for (const auto& pipe : p->pipes)
            std::printf("%-20s %9.2f %9.2f %9.2f %9.2f %6d %s -> %s%s\n", pipe.id.c_str(),
                        pipe.start, pipe.end, pipe.bobStart, pipe.bobEnd, pipe.conditionClass,
                        pipe.fromNode.c_str(), pipe.toNode.c_str(),
                        pipe.heightAssumed ? " (height assumed)" : "");
        for (const auto& m : p->manholes)
            if (m.found)
                std::printf("manhole %-12s at %8.2f m: cover %.2f, bottom %.2f m NAP\n",
                            m.id.c_str(), m.chainage, m.cover, m.bottom);
        std::printf("%zu observations along the route\n", p->observations.size());
        for (const auto& m : p->measured)
            std::printf("measured invert of %s (%s): %zu points, lost storage %.3f m3\n",
                        m.pipeId.c_str(), m.inspectionId.c_str(), m.invert.size(), m.lostStorageM3);
        sewer::DrawingOptions o;
        o.widthPx = a->width;
        o.heightPx = a->height;
        for (const auto* out : {&a->svg, &a->png, &a->pdf}) {
            if (out->empty()) continue;
            if (auto ok = sewer::drawProfile(*p, *out, o); !ok) {
                std::fprintf(stderr, "bodem profile: %s\n", ok.error().toString().c_str());
                return 1;
            }
            std::printf("wrote %s\n", out->c_str());
        }
        return 0;
    };
}

}  // namespace bz::tools
