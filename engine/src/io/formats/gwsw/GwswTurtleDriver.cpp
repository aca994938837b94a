// GWSW sewer data in GWSW-OroX (Turtle, read with serd): pipes with BOB begin and end (m NAP),
// width, height (mm), shape, material, year and system type; manholes with ground level, depth,
// size and shape. The sewer is then exact in 3D: heights are measured, not assumed.
#include <serd/serd.h>

#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include <bodemzicht/core/Parse.h>
#include <bodemzicht/io/CoverGround.h>

#include "../../GdalErrors.h"
#include "../Driver.h"

namespace bz::io::formats {

namespace {

// [SECTION] a small in-memory graph

struct Object {
    std::string value;  // URI, "_:" blank id, or literal text
    bool literal = false;
};

struct Graph {
    std::unordered_map<std::string, std::multimap<std::string, Object>> bySubject;
    SerdEnv* env = nullptr;
    std::string error;

    std::string key(const SerdNode* n) const {
        if (!n) return {};
        switch (n->type) {
            case SERD_BLANK:
                return "_:" + std::string(reinterpret_cast<const char*>(n->buf), n->n_bytes);
            case SERD_CURIE: {
                SerdNode full = serd_env_expand_node(env, n);
                std::string s(reinterpret_cast<const char*>(full.buf ? full.buf : n->buf),
                              full.buf ? full.n_bytes : n->n_bytes);
                serd_node_free(&full);
                return s;
            }
            default:
                return std::string(reinterpret_cast<const char*>(n->buf), n->n_bytes);
        }
    }
    const std::multimap<std::string, Object>* of(const std::string& s) const {
        auto it = bySubject.find(s);
        return it == bySubject.end() ? nullptr : &it->second;
    }
    std::vector<std::string> all(const std::string& s, const std::string& pred) const {
        std::vector<std::string> out;
        if (const auto* m = of(s))
            for (auto [a, b] = m->equal_range(pred); a != b; ++a) out.push_back(a->second.value);
        return out;
    }
    std::string first(const std::string& s, const std::string& pred) const {
        auto v = all(s, pred);
        return v.empty() ? "" : v.front();
    }
};

// The aspects the model reads into its own fields; every other one becomes an attribute.
const std::set<std::string> kModelled = {
    "Begindatum",   "MateriaalLeiding", "BreedteLeiding", "HoogteLeiding", "VormLeiding",
    "MateriaalPut", "HoogtePut",        "BreedtePut",     "LengtePut",     "VormPut",
    "Putdekselniveau"};

constexpr const char* kType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
constexpr const char* kLabel = "http://www.w3.org/2000/01/rdf-schema#label";

std::string local(const std::string& uri) {
    auto p = uri.find_last_of("/#");
    return p == std::string::npos ? uri : uri.substr(p + 1);
}

SerdStatus onPrefix(void* h, const SerdNode* name, const SerdNode* uri) {
    return serd_env_set_prefix(static_cast<Graph*>(h)->env, name, uri);
}

SerdStatus onBase(void* h, const SerdNode* uri) {
    return serd_env_set_base_uri(static_cast<Graph*>(h)->env, uri);
}

SerdStatus onStatement(void* h, SerdStatementFlags, const SerdNode*, const SerdNode* s,
                       const SerdNode* p, const SerdNode* o, const SerdNode*, const SerdNode*) {
    auto* g = static_cast<Graph*>(h);
    Object obj{g->key(o), o->type == SERD_LITERAL};
    if (obj.literal) obj.value = std::string(reinterpret_cast<const char*>(o->buf), o->n_bytes);
    g->bySubject[g->key(s)].emplace(g->key(p), std::move(obj));
    return SERD_SUCCESS;
}

SerdStatus onError(void* h, const SerdError* e) {
    auto* g = static_cast<Graph*>(h);
    char msg[512];
    va_list args;
    va_copy(args, *e->args);
    std::vsnprintf(msg, sizeof msg, e->fmt, args);
    va_end(args);
    std::string m = msg;
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    if (g->error.empty())
        g->error = "Turtle error at line " + std::to_string(e->line) + ", column " +
                   std::to_string(e->col) + ": " + m;
    return SERD_SUCCESS;
}

// The coordinates of a GML literal (a point or a line), parsed by OGR's GML reader, and their
// dimension (2 or 3); empty for a literal OGR cannot read (cut off, not GML).
std::vector<double> gmlCoordinates(const std::string& gml, int& dimension) {
    detail::GdalErrorCapture quiet;
    std::unique_ptr<OGRGeometry> g(OGRGeometryFactory::createFromGML(gml.c_str()));
    std::vector<double> out;
    dimension = 2;
    if (!g || g->IsEmpty()) return out;
    dimension = g->Is3D() ? 3 : 2;
    auto add = [&](double x, double y, double z) {
        out.push_back(x);
        out.push_back(y);
        if (dimension == 3) out.push_back(z);
    };
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint: {
            const OGRPoint* p = g->toPoint();
            add(p->getX(), p->getY(), p->getZ());
            break;
        }
        case wkbLineString: {
            const OGRLineString* l = g->toLineString();
            for (int i = 0; i < l->getNumPoints(); ++i) add(l->getX(i), l->getY(i), l->getZ(i));
            break;
        }
        default:
            break;
    }
    return out;
}

core::Result<void> readTurtle(const std::string& path, model::Dataset& ds,
                              ImportReport& report) {
    Graph g;
    g.env = serd_env_new(nullptr);
    SerdReader* reader =
        serd_reader_new(SERD_TURTLE, &g, nullptr, onBase, onPrefix, onStatement, nullptr);
    serd_reader_set_error_sink(reader, onError, &g);
    serd_reader_set_strict(reader, true);
    SerdStatus st = serd_reader_read_file(reader, reinterpret_cast<const uint8_t*>(path.c_str()));
    serd_reader_free(reader);
    serd_env_free(g.env);
    g.env = nullptr;
    if (st != SERD_SUCCESS && g.error.empty())
        g.error = std::string("cannot read: ") + reinterpret_cast<const char*>(serd_strerror(st));
    if (!g.error.empty()) {
        if (g.bySubject.empty()) return core::fail(path, "", g.error);
        report.warn({path, "", g.error + " (statements before it were read)"});
    }

    auto types = [&](const std::string& s) {
        std::set<std::string> t;
        for (const auto& u : g.all(s, kType)) t.insert(local(u));
        return t;
    };
    auto hasType = [&](const std::string& s, const char* t) { return types(s).count(t) > 0; };
    // Predicates in whatever GWSW version namespace the file uses: match on the local name.
    auto pred = [&](const std::string& s, const char* name) {
        std::vector<std::string> out;
        if (const auto* m = g.of(s))
            for (const auto& [p, o] : *m)
                if (local(p) == name) out.push_back(o.value);
        return out;
    };
    auto aspects = [&](const std::string& s) {
        std::map<std::string, std::string> out;  // aspect type -> value or referenced code
        for (const auto& a : pred(s, "hasAspect"))
            for (const auto& t : types(a)) {
                auto v = pred(a, "hasValue");
                auto r = pred(a, "hasReference");
                if (!v.empty())
                    out[t] = v.front();
                else if (!r.empty())
                    out[t] = local(r.front());
            }
        return out;
    };
    auto number = [](const std::map<std::string, std::string>& m, const char* k) {
        auto it = m.find(k);
        return it == m.end() ? NAN : core::parseNumber(it->second).value_or(NAN);
    };
    auto label = [&](const std::string& s) {
        std::string l = g.first(s, kLabel);
        return l.empty() ? local(s) : l;
    };
    // Which system (stelsel) holds each object.
    std::unordered_map<std::string, std::string> systemOf;
    for (const auto& [s, _] : g.bySubject)
        for (const auto& t : types(s))
            if (t.find("Stelsel") != std::string::npos)
                for (const auto& part : pred(s, "hasPart")) systemOf[part] = t;
    auto positionOf = [&](const std::string& orientation, core::Vec3& p) {
        for (const auto& a : pred(orientation, "hasAspect"))
            if (hasType(a, "Punt"))
                for (const auto& lit : pred(a, "hasValue")) {
                    int dim = 2;
                    auto c = gmlCoordinates(lit, dim);
                    if (c.size() >= 2) {
                        p = {c[0], c[1], c.size() >= 3 ? c[2] : NAN};
                        return true;
                    }
                }
        return false;
    };

    // Which object an aspect (an orientation) belongs to, for the manholes a pipe connects.
    std::unordered_map<std::string, std::string> ownerOf;
    for (const auto& [s, _] : g.bySubject)
        for (const auto& a : pred(s, "hasAspect")) ownerOf.emplace(a, s);
    auto nodeIdOf = [&](const std::string& endpoint) {
        for (const auto& put : pred(endpoint, "hasConnection"))
            if (auto it = ownerOf.find(put); it != ownerOf.end()) return label(it->second);
        return std::string();
    };

    std::vector<std::string> subjects;
    for (const auto& [s, _] : g.bySubject) subjects.push_back(s);
    std::sort(subjects.begin(), subjects.end());  // deterministic order
    for (const auto& s : subjects) {
        std::string orientation, kind;
        for (const auto& a : pred(s, "hasAspect")) {
            if (hasType(a, "Leidingorientatie")) {
                orientation = a;
                kind = "pipe";
            }
            if (hasType(a, "Putorientatie")) {
                orientation = a;
                kind = "put";
            }
        }
        if (kind.empty()) continue;
        std::string cls;
        for (const auto& t : types(s)) cls = t;
        std::string id = label(s);
        auto asp = aspects(s);
        model::Dataset::Meta m;
        m.id = id;
        m.layer = "gwsw";
        m.owner = "";
        m.source = path;
        if (auto year = asp.find("Begindatum"); year != asp.end()) {
            if (auto d = model::Date::parse(year->second))
                m.dates.laid = *d;
            else if (auto y = core::parseInt(year->second.substr(0, 4)))
                m.dates.laid = model::Date::of(*y);
        }
        // The aspects the model has no place for, under their GWSW names.
        for (const auto& [aspect, value] : asp)
            if (!kModelled.count(aspect)) m.attributes.emplace_back(aspect, value);
        if (kind == "pipe") {
            m.type = model::ObjectType::SewerPipe;
            m.theme = cls.find("Pers") != std::string::npos ? "rioolOnderOverOfOnderdruk"
                                                            : "rioolVrijverval";
            if (auto it = asp.find("MateriaalLeiding"); it != asp.end()) m.material = it->second;
            double bobBegin = NAN, bobEnd = NAN;
            std::string beginNode, endNode;
            for (const auto& part : pred(orientation, "hasPart")) {
                auto pa = aspects(part);
                if (hasType(part, "BeginpuntLeiding")) {
                    bobBegin = number(pa, "BobBeginpuntLeiding");
                    beginNode = part;
                }
                if (hasType(part, "EindpuntLeiding")) {
                    bobEnd = number(pa, "BobEindpuntLeiding");
                    endNode = part;
                }
            }
            if (std::isnan(bobBegin) || std::isnan(bobEnd)) {
                report.skip(
                    cls,
                    {path, id,
                     "no BobBeginpuntLeiding/BobEindpuntLeiding: the sewer's height is unknown"});
                continue;
            }
            // The line itself, else the positions of the manholes it connects.
            std::vector<core::Vec2> line;
            for (const auto& a : pred(orientation, "hasAspect"))
                if (hasType(a, "Lijn"))
                    for (const auto& lit : pred(a, "hasValue")) {
                        int dim = 2;
                        auto c = gmlCoordinates(lit, dim);
                        for (std::size_t i = 0;
                             dim >= 2 && i + static_cast<std::size_t>(dim) <= c.size(); i += dim)
                            line.push_back({c[i], c[i + 1]});
                    }
            if (line.size() < 2) {
                line.clear();
                for (const auto& node : {beginNode, endNode}) {
                    core::Vec3 p;
                    for (const auto& put : pred(node, "hasConnection"))
                        if (positionOf(put, p)) line.push_back(p.xy());
                }
            }
            if (line.size() < 2) {
                report.skip(cls, {path, id, "no line geometry and no connected manhole positions"});
                continue;
            }
            double width = number(asp, "BreedteLeiding"), height = number(asp, "HoogteLeiding");
            double inner = std::isnan(height) ? width : height;
            float diameter = std::isnan(width) && std::isnan(height)
                                 ? model::kUnknown
                                 : static_cast<float>(std::max(std::isnan(width) ? 0.0 : width,
                                                               std::isnan(height) ? 0.0 : height) /
                                                      1000);
            double total = 0;
            for (std::size_t i = 1; i < line.size(); ++i)
                total += core::distance(line[i - 1], line[i]);
            std::vector<core::Vec3> axis;
            std::vector<model::VertexDepth> depths;
            double run = 0;
            for (std::size_t i = 0; i < line.size(); ++i) {
                if (i) run += core::distance(line[i - 1], line[i]);
                double t = total > 0 ? run / total : 0;
                double bob = bobBegin + (bobEnd - bobBegin) * t;
                // The axis lies half the inner height above the inner bottom (BOB).
                axis.push_back(
                    {line[i].x, line[i].y, bob + (std::isnan(inner) ? 0.0 : inner / 2000)});
                // Derived from the measured BOB and the inner height; with no inner height the
                // axis is left at the invert, which is an assumption.
                depths.push_back({std::isnan(inner) ? model::DepthProvenance::Assumed
                                                    : model::DepthProvenance::Derived,
                                  model::kUnknown});
            }
            auto fi = ds.addLinear(m, axis, depths, diameter);
            model::SewerProfile sp;
            sp.bobBeginM = bobBegin;
            sp.bobEndM = bobEnd;
            sp.widthMm = static_cast<float>(width);
            sp.heightMm = static_cast<float>(height);
            if (auto it = asp.find("VormLeiding"); it != asp.end()) sp.shape = it->second;
            if (auto it = systemOf.find(s); it != systemOf.end()) sp.systemType = it->second;
            sp.beginNode = nodeIdOf(beginNode);
            sp.endNode = nodeIdOf(endNode);
            ds.attach(fi, std::move(sp));
            report.load(cls);
        } else {
            m.type = model::ObjectType::Manhole;
            m.theme = "rioolVrijverval";
            if (auto it = asp.find("MateriaalPut"); it != asp.end()) m.material = it->second;
            core::Vec3 p{NAN, NAN, NAN};
            if (!positionOf(orientation, p)) {
                report.skip(cls, {path, id, "no position (gwsw:Punt)"});
                continue;
            }
            double ground = NAN;
            for (const auto& c : pred(orientation, "hasConnection"))
                if (hasType(c, "Maaiveldorientatie")) ground = number(aspects(c), "Maaiveldhoogte");
            double height = number(asp, "HoogtePut") / 1000,
                   width = number(asp, "BreedtePut") / 1000,
                   length = number(asp, "LengtePut") / 1000;
            double top = !std::isnan(ground) ? ground : number(asp, "Putdekselniveau");
            double bottom = !std::isnan(top) && !std::isnan(height) ? top - height : p.z;
            if (std::isnan(top) || std::isnan(bottom) || bottom > top || std::isnan(width)) {
                report.skip(cls, {path, id, "manhole without ground level, depth or width"});
                continue;
            }
            model::VerticalBody b;
            b.center = p.xy();
            b.topZ = top;
            b.bottomZ = bottom;
            auto shape = asp.find("VormPut");
            if (shape == asp.end() || shape->second == "Rond") {
                b.radiusM = static_cast<float>(width / 2);
            } else {
                b.widthM = static_cast<float>(width);
                b.lengthM = static_cast<float>(std::isnan(length) ? width : length);
            }
            b.depth = {model::DepthProvenance::Measured, model::kUnknown};
            // The measured cover level: a ground for what other sources give below ground.
            m.attributes.emplace_back(kCoverLevelAttribute, top);
            ds.addBody(m, b);
            report.load(cls);
        }
    }
    return {};
}

class GwswTurtleDriver final : public Driver {
  public:
    GwswTurtleDriver()
        : Driver({"gwsw-turtle", "GWSW-OroX sewer data (Turtle)", {"ttl"},
                  {"3d", "measured-heights"}, {}}) {}

  private:
    Confidence doIdentify(OpenInfo& in) const override {
        if (in.extension() != "ttl") return Confidence::No;
        return in.header().find("data.gwsw.nl") != std::string_view::npos ? Confidence::Yes
                                                                          : Confidence::No;
    }
    core::Result<void> doOpen(OpenInfo& in, const ReadOptions&, const DriverOptions&,
                              model::Dataset& ds, ImportReport& report) const override {
        return readTurtle(in.source(), ds, report);
    }
};

}  // namespace

void registerGwswTurtle(DriverTable& table) {
    table.add(std::make_unique<GwswTurtleDriver>());
}

}  // namespace bz::io::formats
