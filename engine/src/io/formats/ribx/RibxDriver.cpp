// RIBX sewer inspections (GWSW-RIB XML 1.0-1.5): pipe inspections (ZB_A) and manhole inspections
// (ZB_C), each with its observations (ZC). Every inspection is kept on a carrier object of this
// source (the pipe or manhole as the RIBX draws it, layer "ribx"); on import the project links it
// to its own sewer pipe or manhole by node ids and drops the carrier (io/InspectionLinking), so
// a carrier enters the project only where the project has no such pipe.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include <bodemzicht/core/Parse.h>

#include "../Driver.h"
#include "RibxParse.h"

namespace bz::io::formats {

namespace {

using ribx::InspectionObject;

// Quantifications and lengths as inspection software writes them: "001.60", "133,7", "25%".
double decimal(const std::string* text) {
    if (!text) return NAN;
    std::string t(core::trimmed(*text));
    if (!t.empty() && t.back() == '%') t.pop_back();
    std::replace(t.begin(), t.end(), ',', '.');
    return core::parseNumber(t).value_or(NAN);
}

std::vector<double> coordinates(const std::string* text) {
    std::vector<double> out;
    if (!text) return out;
    std::istringstream in(*text);
    std::string token;
    while (in >> token) {
        std::replace(token.begin(), token.end(), ',', ' ');  // GML 2 "x,y x,y"
        std::istringstream pair(token);
        std::string part;
        while (pair >> part)
            if (auto v = core::parseNumber(part)) out.push_back(*v);
    }
    return out;
}

// RIBX file header fields, verbatim, as JSON.
std::string headerJson(const ribx::Fields& fields) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : fields) {
        if (j.contains(k)) continue;  // the first of repeated fields
        j[k] = v;
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int clockOf(const std::string* text) {
    if (!text) return -1;
    auto v = core::parseInt(*text);
    return v && *v >= 0 && *v <= 12 ? *v : -1;
}

model::SewerObservation observationOf(const ribx::Observation& zc, const std::string& inspection,
                                      std::uint32_t sequence) {
    model::SewerObservation o;
    o.inspectionId = inspection;
    o.sequence = sequence;
    nlohmann::json other = nlohmann::json::object();
    for (const auto& [k, v] : zc.fields) {
        if (k == "A")
            o.code = v.rfind("nl:", 0) == 0 ? v.substr(3) : v;  // RIBX 1.0/1.1: nl:BZA
        else if (k == "B")
            o.char1 = v;
        else if (k == "C")
            o.char2 = v;
        else if (k == "O")
            o.char3 = v;
        else if (k == "D")
            o.quant1 = v, o.value1 = decimal(&v);
        else if (k == "E")
            o.quant2 = v, o.value2 = decimal(&v);
        else if (k == "F")
            o.remark = v;
        else if (k == "G")
            o.clock1 = clockOf(&v);
        else if (k == "H")
            o.clock2 = clockOf(&v);
        else if (k == "I")
            o.distanceM = decimal(&v);
        else if (k == "J")
            o.continuous = v;
        else if (k == "K")
            o.atJoint = v == "A";
        else if (k == "M")
            o.photo = v;
        else if (k == "N")
            o.video = v;
        else
            other[k] = v;
    }
    if (!other.empty())
        o.other = other.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return o;
}

struct Reading {
    const std::string& source;
    const ReadOptions& options;
    model::Dataset& ds;
    ImportReport& report;
    std::string fileName;
    std::string version;
    // Carrier objects of this file by reference: several inspections of one pipe share one.
    std::map<std::string, std::uint32_t> carriers;

    void warn(const std::string& id, const std::string& what) { report.warn({source, id, what}); }

    double groundAt(double x, double y) {
        double g = options.groundLevel.available() ? options.groundLevel.at(x, y) : NAN;
        if (std::isnan(g)) {
            // No ground known here: a flat one at 0 m NAP, assumed, until the project's ground
            // re-levels it on import.
            ds.ground.kind = model::GroundBasis::Kind::AssumedFlat;
            ds.ground.level = 0;
            g = 0;
        }
        return g;
    }

    model::SewerInspection inspectionOf(const InspectionObject& o, std::size_t sequence) {
        const bool pipe = o.element == "ZB_A";
        auto f = [&](const char* pipeCode, const char* manholeCode) -> const std::string* {
            return o.field(pipe ? pipeCode : manholeCode);
        };
        auto text = [&](const char* pipeCode, const char* manholeCode) {
            const auto* v = f(pipeCode, manholeCode);
            return v ? *v : std::string();
        };
        model::SewerInspection in;
        in.id = fileName + "#" + std::to_string(sequence);
        in.objectKind = pipe ? "pipe" : "manhole";
        in.objectRef = text("AAA", "CAA");
        in.node1 = pipe ? text("AAD", "") : in.objectRef;
        in.node2 = pipe ? text("AAF", "") : "";
        in.startNode = pipe ? text("AAB", "") : "";
        if (auto d = model::Date::parse(text("ABF", "CBF"))) in.date = *d;
        in.direction = pipe ? text("AAK", "") : "";
        if (pipe) {
            in.bobBeginM = decimal(o.field("AXG"));
            in.bobEndM = decimal(o.field("AXH"));
            in.heightMm = static_cast<float>(decimal(o.field("ACB")));
            in.widthMm = static_cast<float>(decimal(o.field("ACC")));
            in.shape = text("ACA", "");
            in.material = text("ACD", "");
            in.expectedLengthM = static_cast<float>(decimal(o.field("ABQ")));
            auto c1 = coordinates(o.field("AAE")), c2 = coordinates(o.field("AAG"));
            if (c1.size() >= 2) in.x1 = c1[0], in.y1 = c1[1];
            if (c2.size() >= 2) in.x2 = c2[0], in.y2 = c2[1];
        } else {
            auto c = coordinates(o.field("CAB"));
            if (c.size() >= 2) in.x1 = c[0], in.y1 = c[1];
            in.shape = text("CDA", "");
            in.material = text("CDB", "");
        }
        in.file = source;
        in.version = version;
        in.header = headerJson(o.header);
        return in;
    }

    // The pipe as the RIBX draws it: the curve AXY, else the two node coordinates.
    std::vector<core::Vec2> lineOf(const InspectionObject& o, const model::SewerInspection& in) {
        std::vector<core::Vec2> line;
        auto c = coordinates(o.field("AXY"));
        for (std::size_t i = 0; i + 1 < c.size(); i += 2) line.push_back({c[i], c[i + 1]});
        if (line.size() < 2 && std::isfinite(in.x1) && std::isfinite(in.x2)) {
            line = {{in.x1, in.y1}, {in.x2, in.y2}};
        }
        return line;
    }

    // The carrier pipe of an inspection, made on its first inspection.
    std::optional<std::uint32_t> pipeCarrier(const InspectionObject& o,
                                             const model::SewerInspection& in) {
        const std::string ref = in.objectRef.empty() ? in.id : in.objectRef;
        if (auto it = carriers.find("pipe\n" + ref); it != carriers.end()) return it->second;
        auto line = lineOf(o, in);
        if (line.size() < 2) return std::nullopt;
        double total = 0;
        for (std::size_t i = 1; i < line.size(); ++i) total += core::distance(line[i - 1], line[i]);
        const double innerM = std::isfinite(in.heightMm) ? in.heightMm / 1000.0 : NAN;
        const double half = std::isfinite(innerM) ? innerM / 2 : 0.0;
        const double depth1 = decimal(o.field("ACH")), depth2 = decimal(o.field("ACI"));
        const bool bob = std::isfinite(in.bobBeginM) && std::isfinite(in.bobEndM);
        const bool below = !bob && std::isfinite(depth1) && std::isfinite(depth2);
        std::vector<core::Vec3> axis;
        std::vector<model::VertexDepth> depths;
        double run = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (i) run += core::distance(line[i - 1], line[i]);
            const double t = total > 0 ? run / total : 0;
            model::VertexDepth d;
            double z;
            if (bob) {
                z = in.bobBeginM + (in.bobEndM - in.bobBeginM) * t + half;
                d.provenance = std::isfinite(innerM) ? model::DepthProvenance::Derived
                                                     : model::DepthProvenance::Assumed;
            } else {
                // Below the cover (ACH/ACI), else the rule set's cover depth, assumed.
                double cover;
                if (below) {
                    cover = depth1 + (depth2 - depth1) * t - half;
                    d.provenance = model::DepthProvenance::Derived;
                } else {
                    auto it = options.defaults.coverByTheme.find("rioolVrijverval");
                    cover = it != options.defaults.coverByTheme.end()
                                ? it->second
                                : options.defaults.defaultCoverM;
                    d.provenance = model::DepthProvenance::Assumed;
                    d.verticalUncertaintyM = static_cast<float>(options.defaults.assumedBandM);
                }
                d.belowGroundM = static_cast<float>(cover);
                z = groundAt(line[i].x, line[i].y) - cover;
            }
            axis.push_back({line[i].x, line[i].y, z});
            depths.push_back(d);
        }
        model::Dataset::Meta m;
        m.id = ref;
        m.layer = "ribx";
        m.theme = "rioolVrijverval";
        m.owner = text(o, "AAM");
        m.material = in.material;
        m.source = source;
        m.type = model::ObjectType::SewerPipe;
        if (auto y = core::parseInt(text(o, "ACN")); y && *y > 1800 && *y < 2100)
            m.dates.laid = model::Date::of(*y);
        for (const char* k : {"AAJ", "AAN", "AAO"})
            if (auto v = text(o, k); !v.empty()) m.attributes.emplace_back(k, v);
        const double width = std::isfinite(in.widthMm) ? in.widthMm : in.heightMm;
        float outer =
            std::isfinite(in.heightMm) || std::isfinite(in.widthMm)
                ? static_cast<float>(std::max(std::isfinite(width) ? width : 0.0,
                                              std::isfinite(in.heightMm) ? in.heightMm : 0.0) /
                                     1000)
                : model::kUnknown;
        auto fi = ds.addLinear(m, axis, depths, outer);
        model::SewerProfile sp;
        sp.bobBeginM = in.bobBeginM;
        sp.bobEndM = in.bobEndM;
        sp.widthMm = static_cast<float>(width);
        sp.heightMm = in.heightMm;
        sp.shape = in.shape;
        sp.beginNode = in.node1;
        sp.endNode = in.node2;
        ds.attach(fi, std::move(sp));
        carriers["pipe\n" + ref] = fi;
        report.load("ribx pipes");
        return fi;
    }

    std::optional<std::uint32_t> manholeCarrier(const InspectionObject& o,
                                                const model::SewerInspection& in) {
        const std::string ref = in.objectRef.empty() ? in.id : in.objectRef;
        if (auto it = carriers.find("manhole\n" + ref); it != carriers.end()) return it->second;
        if (!std::isfinite(in.x1) || !std::isfinite(in.y1)) return std::nullopt;
        double cover = decimal(o.field("CAS"));  // cover level, m NAP
        model::VerticalBody b;
        b.center = {in.x1, in.y1};
        PointObjectShape shape;
        if (auto it = options.defaults.pointObjects.find("mangat");
            it != options.defaults.pointObjects.end())
            shape = it->second;
        const double depth = shape.depthM > 0 ? shape.depthM : 1.5;
        b.topZ = std::isfinite(cover) ? cover : groundAt(in.x1, in.y1);
        if (!std::isfinite(cover)) b.topBelowGroundM = 0;
        b.bottomZ = b.topZ - depth;
        b.radiusM = static_cast<float>((shape.diameterM > 0 ? shape.diameterM : 1.0) / 2);
        b.depth = {model::DepthProvenance::Assumed,
                   static_cast<float>(options.defaults.assumedBandM)};
        model::Dataset::Meta m;
        m.id = ref;
        m.layer = "ribx";
        m.theme = "rioolVrijverval";
        m.source = source;
        m.type = model::ObjectType::Manhole;
        auto fi = ds.addBody(m, b);
        carriers["manhole\n" + ref] = fi;
        report.load("ribx manholes");
        return fi;
    }

    static std::string text(const InspectionObject& o, const char* code) {
        const auto* v = o.field(code);
        return v ? *v : std::string();
    }

    // The data checks: warnings that name the inspection.
    void check(const InspectionObject& o, const model::SewerInspection& in,
               const std::vector<core::Vec2>& line, bool ended) {
        const std::string id = in.objectRef.empty() ? in.id : in.objectRef;
        if (in.objectKind != "pipe") return;
        if (!std::isfinite(in.bobBeginM) || !std::isfinite(in.bobEndM))
            warn(id, "no invert levels (AXG/AXH, m NAP)" +
                         std::string(std::isfinite(decimal(o.field("ACH")))
                                         ? ": placed by its depths below the cover (ACH/ACI)"
                                         : ": its height is assumed"));
        for (float mm : {in.heightMm, in.widthMm})
            if (std::isfinite(mm) && (mm < 50 || mm > 3000)) {
                // %.0f, not an int cast: a crafted size (3e37) does not fit an int.
                char size[64];
                std::snprintf(size, sizeof size, "%.0f", static_cast<double>(mm));
                warn(id, std::string("size ") + size + " mm is outside 50-3000 mm (ACB/ACC)");
            }
        if (std::isfinite(in.inspectedLengthM) && line.size() >= 2 && !ended) {
            double drawn = 0;
            for (std::size_t i = 1; i < line.size(); ++i)
                drawn += core::distance(line[i - 1], line[i]);
            if (drawn > 0 && std::abs(in.inspectedLengthM - drawn) > 0.2 * drawn) {
                char buf[160];
                std::snprintf(buf, sizeof buf,
                              "inspected length %.2f m is more than 20 %% off the drawn length "
                              "%.2f m",
                              in.inspectedLengthM, drawn);
                warn(id, buf);
            }
        }
    }
};

core::Result<void> readRibx(const std::string& source, const ReadOptions& options,
                            model::Dataset& ds, ImportReport& report) {
    auto file = ribx::parseRibx(source);
    if (!file) return std::unexpected(file.error());
    if (!ribx::isReadableVersion(file->version))
        return core::fail(source, "",
                          "RIBX version '" + file->version +
                              "' is not read; Bodemzicht reads RIBX 1.0 to 1.5 (GWSW-RIB)");
    Reading r{source,        options, ds, report, std::filesystem::path(source).filename().string(),
              file->version, {}};
    std::map<std::string, std::size_t> otherKinds;
    std::map<std::string, std::size_t> unknownCodes;
    std::size_t sequence = 0;
    for (const auto& o : file->objects) {
        ++sequence;
        if (o.element != "ZB_A" && o.element != "ZB_C") {
            ++otherKinds[o.element];
            report.ignore("ribx " + o.element, "cleaning and other records are not inspections");
            continue;
        }
        model::SewerInspection in = r.inspectionOf(o, sequence);
        std::vector<model::SewerObservation> obs;
        bool ended = false;
        for (std::size_t k = 0; k < o.observations.size(); ++k) {
            auto ob = observationOf(o.observations[k], in.id, static_cast<std::uint32_t>(k + 1));
            if (ob.code.empty())
                r.warn(in.objectRef, "observation " + std::to_string(k + 1) + " (line " +
                                         std::to_string(o.observations[k].line) +
                                         ") has no main code (A); kept");
            if (ob.code == "BDC" || ob.code == "DDC") ended = true;  // inspection abandoned
            if (std::isfinite(ob.distanceM) && ob.code != "BXA" &&
                !(in.inspectedLengthM >= ob.distanceM))
                in.inspectedLengthM = static_cast<float>(ob.distanceM);
            obs.push_back(std::move(ob));
        }
        const bool pipe = o.element == "ZB_A";
        auto line = pipe ? r.lineOf(o, in) : std::vector<core::Vec2>{};
        r.check(o, in, line, ended);
        auto carrier = pipe ? r.pipeCarrier(o, in) : r.manholeCarrier(o, in);
        if (!carrier) {
            // Nothing to place it by here: the project may still hold its pipe or manhole (the
            // import links it by node ids, or reports it as unplaced).
            ds.unplacedInspections.push_back({std::move(in), std::move(obs)});
            continue;
        }
        ds.attach(*carrier, std::move(in));
        for (auto& ob : obs) ds.attach(*carrier, std::move(ob));
        report.load(pipe ? "ribx pipe inspections" : "ribx manhole inspections");
        for (std::size_t k = 0; k < o.observations.size(); ++k) report.load("ribx observations");
    }
    return {};
}

class RibxDriver final : public Driver {
  public:
    RibxDriver()
        : Driver({"ribx",
                  "RIBX sewer inspections (GWSW-RIB XML 1.0-1.5): pipe and manhole inspections "
                  "with their NEN-EN 13508-2 observations",
                  {"ribx", "xml"},
                  {"inspections", "measured-heights"},
                  {}}) {}

  private:
    Confidence doIdentify(OpenInfo& in) const override {
        if (!in.isLocalFile()) return Confidence::No;
        auto h = in.header();
        const bool looksRibx =
            h.find("<DATA") != std::string_view::npos &&
            (h.find("<ZB_") != std::string_view::npos || h.find("RIBX") != std::string_view::npos ||
             h.find("<ZA>") != std::string_view::npos);
        if (looksRibx) return Confidence::Yes;
        return in.extension() == "ribx" ? Confidence::Unsure : Confidence::No;
    }
    core::Result<void> doOpen(OpenInfo& in, const ReadOptions& options, const DriverOptions&,
                              model::Dataset& ds, ImportReport& report) const override {
        return readRibx(in.source(), options, ds, report);
    }
};

}  // namespace

void registerRibx(DriverTable& table) {
    table.add(std::make_unique<RibxDriver>());
}

}  // namespace bz::io::formats
