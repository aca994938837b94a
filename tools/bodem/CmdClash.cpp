#include <bodemzicht/clash/BcfWriter.h>
#include <bodemzicht/clash/ClashDetector.h>
#include <bodemzicht/clash/HtmlReport.h>
#include <bodemzicht/clash/ReportStore.h>
#include <bodemzicht/clash/ReportWriter.h>
#include <bodemzicht/clash/ReviewStore.h>
#include <bodemzicht/core/Limits.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/io/Relevel.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "Commands.h"
#include "ReportPictures.h"

namespace bz::tools {

namespace {
using Clock = std::chrono::steady_clock;
double ms(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}
}  // namespace

Runner registerClash(CLI::App& app) {
    struct Args {
        std::vector<std::string> sources;
        std::size_t pictures = 100;
        std::string rules, out, geojson, bcf, html, groundRaster, ghgRaster, crs, format;
        std::vector<std::string> options;
        double clearance = NAN, groundLevel = NAN;
        bool self = false, timings = false, noReview = false, withPlanned = false;
        std::vector<std::string> failOn;
        unsigned threads = 0;
    };
    auto a = std::make_shared<Args>();
    auto* cmd =
        app.add_subcommand("clash", "Check proposed measures against what is in the ground");
    cmd->add_option("SOURCE", a->sources, "Projects or GDAL sources in the generic schema")
        ->required();
    cmd->add_option("--rules", a->rules,
                    "Rule file (TOML); replaces the Dutch default, or extends it with "
                    "[ruleset] extends = \"nl-default\"");
    cmd->add_option("--clearance", a->clearance,
                    "Every pair needs exactly M metres; no other rule applies")
        ->check(CLI::NonNegativeNumber);
    cmd->add_flag("--self", a->self,
                  "Check existing against existing (data quality: overlaps, duplicates)");
    cmd->add_flag("--with-planned", a->withPlanned,
                  "Check proposals against the owners' planned networks too (KLIC 'projected')");
    cmd->add_option("--out", a->out, "CSV report");
    cmd->add_option("--geojson", a->geojson, "GeoJSON report (EPSG:28992)");
    cmd->add_option("--bcf", a->bcf,
                    "BCF 2.1 file for BIM issue tools: a topic per clash group with its viewpoint, "
                    "both objects and a snapshot (needs a display: xvfb-run on servers)");
    cmd->add_option(
        "--pictures", a->pictures,
        "With --bcf/--html: pictures for at most this many clash groups, the most severe "
        "first (default 100; a picture takes about a second)");
    cmd->add_option("--html", a->html,
                    "HTML report in this folder (index.html and pictures): an overview, per owner "
                    "the clashes to discuss with a picture per group, the rules applied");
    cmd->add_flag("--timings", a->timings, "Print load, index and query times");
    cmd->add_option("--fail-on", a->failOn,
                    "Exit 3 when a clash of this kind (not approved) is found; 'certain' or "
                    "'likely': one at least that sure (docs/clash.md)")
        ->check(CLI::IsMember({"hard", "clearance", "constraint", "possible", "duplicate", "any",
                               "certain", "likely"}));
    cmd->add_option("--ground-level", a->groundLevel,
                    "Ground level (m NAP) where the project has no raster");
    cmd->add_option("--ground-raster", a->groundRaster,
                    "Ground-level raster instead of the project's");
    cmd->add_option("--ghg-raster", a->ghgRaster, "GHG raster instead of the project's");
    cmd->add_option("--crs", a->crs, "CRS of generic sources that have none");
    cmd->add_option("--format", a->format,
                    "Read every source as this format (bodem import --formats)");
    cmd->add_option("--option", a->options, "A format's option, FORMAT.NAME=VALUE; repeatable");
    cmd->add_option("--threads", a->threads, "Worker threads (default: all cores)");
    cmd->add_flag("--no-review", a->noReview,
                  "Do not store clash statuses and the report in the project");
    return [a] {
        auto t0 = Clock::now();
        if (a->threads > core::limits().threads) {
            std::fprintf(stderr, "bodem clash: --threads %u: %s\n", a->threads,
                         core::overLimit("the threads asked for", "threads").c_str());
            return 1;
        }
        clash::RuleSet rules = clash::RuleSet::dutchDefault();
        if (!a->rules.empty()) {
            auto r = clash::RuleSet::load(a->rules);
            if (!r) {
                std::fprintf(stderr, "bodem clash: %s\n", r.error().toString().c_str());
                return 1;
            }
            rules = std::move(*r);
        }
        model::Dataset ds;
        io::ImportReport load;
        std::string reviewProject;
        auto sources = readOptions(
            rules,
            std::isnan(a->groundLevel) ? model::GroundLevel() : model::GroundLevel(a->groundLevel),
            a->crs, a->format, a->options);
        if (!sources) {
            std::fprintf(stderr, "bodem clash: %s\n", sources.error().toString().c_str());
            return 1;
        }
        for (const auto& src : a->sources) {
            std::string format;
            auto ok = io::readSource(src, *sources, ds, load, &format);
            if (!ok) {
                std::fprintf(stderr, "bodem clash: %s\n", ok.error().toString().c_str());
                return 1;
            }
            // Clash statuses are kept in the first GeoPackage project given.
            if (format == "project" && reviewProject.empty() && src.ends_with(".gpkg"))
                reviewProject = src;
        }
        if (load.skipped() || !load.warnings.empty())
            std::printf("load:\n%s", load.summary(20).c_str());
        double loadMs = ms(t0);

        auto openRaster = [&](const std::string& path,
                              const char* field) -> core::Result<model::GroundLevel> {
            if (!path.empty()) return io::groundFromOptions(path, NAN);
            return io::openFieldRaster(ds, field);
        };
        auto ground = openRaster(a->groundRaster, "ground_level");
        auto ghg = openRaster(a->ghgRaster, "ghg");
        for (auto* r : {&ground, &ghg})
            if (!*r) {
                std::fprintf(stderr, "bodem clash: %s\n", r->error().toString().c_str());
                return 1;
            }
        model::GroundLevel groundLevel = *ground;
        if (!groundLevel.available() && !std::isnan(a->groundLevel))
            groundLevel = model::GroundLevel(a->groundLevel);
        // A ground given for this run places everything the sources gave below ground, as
        // `bodem ground` would (the project itself is not changed).
        if (!a->groundRaster.empty() || !std::isnan(a->groundLevel)) {
            auto given = !a->groundRaster.empty() ? *ground : model::GroundLevel(a->groundLevel);
            auto stats = io::relevel(ds, given, io::flatGroundOf(ds));
            if (stats.vertices + stats.bodies + stats.prisms)
                std::printf(
                    "ground for this run: %s (re-levelled %zu vertices, %zu bodies, %zu "
                    "zones)\n",
                    given.describe().c_str(), stats.vertices, stats.bodies, stats.prisms);
        } else if (ds.ground.assumed()) {
            std::printf("ground: %s\n", model::describe(ds.ground).c_str());
        }

        clash::ClashReport report;  // notes gathered before the run, then the run's
        auto t1 = Clock::now();
        clash::ClashModel model(ds, rules, groundLevel);
        double modelMs = ms(t1);
        clash::ClashOptions options;
        if (!std::isnan(a->clearance)) options.uniformClearanceM = a->clearance;
        options.selfCheck = a->self;
        options.includePlanned = a->withPlanned;
        options.threads = a->threads;
        options.ghg = &*ghg;
        // The lowest groundwater level (dewatering) and the contamination grids the project holds.
        auto glg = io::openFieldRaster(ds, "glg");
        if (glg && glg->available()) options.glg = &*glg;
        for (const auto& f : ds.fields) {
            if (f.kind != model::FieldKind::Grid3d || !f.name.starts_with("contamination"))
                continue;
            if (auto grid = io::openField(f))
                options.contaminationGrids.push_back({f.name, *grid});
            else
                report.notes.push_back("contamination grid '" + f.name +
                                       "' not used: " + grid.error().toString());
        }
        clash::ClashDetector detector(model, rules, options);
        auto found = detector.findClashes();
        for (auto& n : report.notes) found.notes.push_back(std::move(n));
        report = std::move(found);
        report.timings.loadMs = loadMs;
        report.timings.modelMs = modelMs;
        if (!reviewProject.empty() && !a->noReview) {
            // Statuses and the report (which the viewer lists) in one transaction.
            auto resolved = clash::storeRun(reviewProject, report, clash::checkedInRun(ds, report));
            if (!resolved)
                report.notes.push_back("clash statuses and report not stored: " +
                                       resolved.error().toString());
            else if (*resolved)
                report.notes.push_back(std::to_string(*resolved) +
                                       " clashes of earlier runs are resolved");
        }
        std::printf("rules: %s\n%s", rules.name.c_str(), report.summary().c_str());
        if (!a->out.empty()) {
            if (auto ok = clash::writeCsv(report, a->out); !ok) {
                std::fprintf(stderr, "bodem clash: %s\n", ok.error().toString().c_str());
                return 1;
            }
            std::printf("wrote %s\n", a->out.c_str());
        }
        if (!a->geojson.empty()) {
            if (auto ok = clash::writeGeoJson(report, a->geojson); !ok) {
                std::fprintf(stderr, "bodem clash: %s\n", ok.error().toString().c_str());
                return 1;
            }
            std::printf("wrote %s\n", a->geojson.c_str());
        }
        // Pictures for the reports to send: one offscreen scene for all of them.
        ReportPictures pictures;
        if (!a->bcf.empty() || !a->html.empty()) {
            pictures = reportPictures(ds, groundLevel, report, 1024, 768, a->pictures);
            if (!pictures.problem.empty())
                std::fprintf(stderr, "bodem clash: reports without pictures: %s\n",
                             pictures.problem.c_str());
        }
        const std::string projectName =
            a->sources.empty() ? "" : std::filesystem::path(a->sources.front()).filename().string();
        if (!a->html.empty()) {
            clash::HtmlOptions html;
            html.projectName = projectName;
            html.rulesName = rules.name;
            html.snapshot = pictures.snapshots;
            html.overview = pictures.overview;
            auto t = Clock::now();
            auto written = clash::writeHtmlReport(report, a->html, html);
            if (!written) {
                std::fprintf(stderr, "bodem clash: %s\n", written.error().toString().c_str());
                return 1;
            }
            std::printf("wrote %s/index.html: %zu owners, %zu groups, %zu pictures (%.0f ms)\n",
                        a->html.c_str(), written->owners, written->groups, written->pictures,
                        ms(t));
        }
        if (!a->bcf.empty()) {
            clash::BcfOptions bcf;
            bcf.projectName = projectName;
            bcf.snapshot = pictures.snapshots;
            auto t = Clock::now();
            auto written = clash::writeBcf(report, a->bcf, bcf);
            if (!written) {
                std::fprintf(stderr, "bodem clash: %s\n", written.error().toString().c_str());
                return 1;
            }
            std::printf("wrote %s: %zu topics, %zu clashes, %zu snapshots (%.0f ms)\n",
                        a->bcf.c_str(), written->topics, written->clashes, written->snapshots,
                        ms(t));
        }
        if (a->timings)
            std::printf(
                "timings: load %.1f ms, model %.1f ms, index %.1f ms, queries %.1f ms, report %.1f "
                "ms, total %.1f ms\n",
                report.timings.loadMs, report.timings.modelMs, report.timings.indexMs,
                report.timings.queryMs, report.timings.reportMs, ms(t0));
        // Nothing checked is not "no clash": --fail-on fails when the check was incomplete.
        if (!a->failOn.empty()) {
            std::string incomplete;
            if (load.skipped())
                incomplete = std::to_string(load.skipped()) +
                             " features of the sources could not be read (listed above)";
            else if (report.proposedChecked == 0)
                incomplete = a->self ? "no existing feature was checked"
                                     : "no proposed feature was given or could be read";
            else if (report.proposedUnusable)
                incomplete = std::to_string(report.proposedUnusable) + " of " +
                             std::to_string(report.proposedChecked) +
                             " proposed features could not be checked (see the notes)";
            if (!incomplete.empty()) {
                std::printf("failing: the check is incomplete: %s (--fail-on)\n",
                            incomplete.c_str());
                return 4;
            }
        }
        for (const auto& kind : a->failOn)
            for (const auto& c : report.clashes)
                if (c.status != clash::ClashStatus::Approved &&
                    (kind == "any" || clash::toCode(c.kind) == kind ||
                     (kind == "certain" && c.certainty == clash::Certainty::Certain) ||
                     (kind == "likely" && (c.certainty == clash::Certainty::Certain ||
                                           c.certainty == clash::Certainty::Likely)))) {
                    std::printf("failing: found %s clashes (--fail-on %s)\n",
                                std::string(clash::toCode(c.kind)).c_str(), kind.c_str());
                    return 3;
                }
        return 0;
    };
}

Runner registerReview(CLI::App& app) {
    struct Args {
        std::string project, clashId, status = "approved", note;
    };
    auto a = std::make_shared<Args>();
    auto* cmd =
        app.add_subcommand("review", "Set the review status of a clash stored in a project");
    cmd->add_option("PROJECT", a->project, "Project GeoPackage")->required();
    cmd->add_option("CLASH_ID", a->clashId, "Clash id from the report")->required();
    cmd->add_option("--status", a->status, "new, active, resolved or approved")
        ->check(CLI::IsMember({"new", "active", "resolved", "approved"}));
    cmd->add_option("--note", a->note, "Why (kept with the clash)");
    return [a] {
        clash::ClashStatus s = clash::ClashStatus::Approved;
        clash::clashStatusFromCode(a->status, s);
        if (auto ok = clash::setReviewStatus(a->project, a->clashId, s, a->note); !ok) {
            std::fprintf(stderr, "bodem review: %s\n", ok.error().toString().c_str());
            return 1;
        }
        std::printf("%s: %s\n", a->clashId.c_str(), a->status.c_str());
        return 0;
    };
}

}  // namespace bz::tools
