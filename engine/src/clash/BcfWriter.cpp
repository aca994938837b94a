#include <bodemzicht/clash/BcfWriter.h>

#include <libxml/xmlwriter.h>

#include <bodemzicht/io/ZipWriter.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <set>

namespace bz::clash {

namespace {

// One XML document written through libxml2's text writer into memory.
class XmlDoc {
  public:
    XmlDoc() : mBuffer(xmlBufferCreate()), mWriter(xmlNewTextWriterMemory(mBuffer, 0)) {
        xmlTextWriterSetIndent(mWriter, 1);
        xmlTextWriterStartDocument(mWriter, nullptr, "UTF-8", nullptr);
    }
    ~XmlDoc() {
        if (mWriter) xmlFreeTextWriter(mWriter);
        xmlBufferFree(mBuffer);
    }
    XmlDoc(const XmlDoc&) = delete;
    XmlDoc& operator=(const XmlDoc&) = delete;
    void open(const char* name) { check(xmlTextWriterStartElement(mWriter, bx(name))); }
    void close() { check(xmlTextWriterEndElement(mWriter)); }
    void attribute(const char* name, const std::string& value) {
        check(xmlTextWriterWriteAttribute(mWriter, bx(name), bx(value.c_str())));
    }
    void element(const char* name, const std::string& text) {
        check(xmlTextWriterWriteElement(mWriter, bx(name), bx(text.c_str())));
    }
    void number(const char* name, double v) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.6f", v);
        element(name, buf);
    }
    void point(const char* name, core::Vec3 p) {
        open(name);
        number("X", p.x);
        number("Y", p.y);
        number("Z", p.z);
        close();
    }
    std::vector<std::uint8_t> finish() {
        check(xmlTextWriterEndDocument(mWriter));
        xmlFreeTextWriter(mWriter);
        mWriter = nullptr;
        const auto* c = xmlBufferContent(mBuffer);
        return std::vector<std::uint8_t>(c, c + xmlBufferLength(mBuffer));
    }
    bool ok() const { return mOk; }

  private:
    static const xmlChar* bx(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
    void check(int rc) { mOk &= rc >= 0; }
    xmlBufferPtr mBuffer;
    xmlTextWriterPtr mWriter;
    bool mOk = true;
};

std::string utcNow() {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string metres(double v) {
    if (!std::isfinite(v)) return "?";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f m", v);
    return buf;
}

// The clash as a paragraph a contractor can read: what, where, how sure, by which rule.
std::string describe(const Clash& c) {
    std::string s = c.id + ": " + std::string(dutchName(c.kind)) + " tussen " + c.aId + " (" +
                    c.aTheme + (c.aOwner.empty() ? "" : ", " + c.aOwner) + ") en " + c.bId + " (" +
                    c.bTheme + (c.bOwner.empty() ? "" : ", " + c.bOwner) + ")";
    s += "; afstand " + metres(c.distanceM) + ", vereist " + metres(c.requiredM);
    if (std::isfinite(c.violatedLengthM) && c.violatedLengthM > 0)
        s += ", over " + metres(c.violatedLengthM);
    if (c.certainty != Certainty::None) {
        s += "; " + std::string(dutchName(c.certainty));
        if (std::isfinite(c.probability)) {
            char buf[32];
            std::snprintf(buf, sizeof buf, " (kans %.0f %%)", c.probability * 100);
            s += buf;
        }
    }
    if (!c.rule.empty())
        s += "; regel " + c.rule + (c.ruleSource.empty() ? "" : " (bron: " + c.ruleSource + ")") +
             (c.ruleVerified ? "" : ", niet geverifieerd");
    if (!c.assumed.empty()) s += "; aangenomen: " + c.assumed;
    char where[96];
    const auto p = c.location();
    std::snprintf(where, sizeof where, "; plaats RD %.2f %.2f, %.2f m NAP", p.x, p.y, p.z);
    return s + where + ".";
}

std::string topicStatus(const std::vector<const Clash*>& group) {
    bool open = false, resolved = true;
    for (const auto* c : group) {
        open |= c->status == ClashStatus::New || c->status == ClashStatus::Active;
        resolved &= c->status == ClashStatus::Resolved;
    }
    return open ? "Open" : resolved ? "Resolved" : "Closed";
}

std::string priority(const std::vector<const Clash*>& group) {
    bool certain = false, likely = false;
    for (const auto* c : group) {
        certain |= c->kind == ClashKind::Hard || c->certainty == Certainty::Certain;
        likely |= c->certainty == Certainty::Likely;
    }
    return certain ? "Hoog" : likely ? "Normaal" : "Laag";
}

}  // namespace

std::string stableGuid(std::string_view text) {
    auto fnv = [&](std::uint64_t seed) {
        std::uint64_t h = seed;
        for (unsigned char ch : text) h = (h ^ ch) * 1099511628211ull;
        return h;
    };
    std::uint64_t a = fnv(1469598103934665603ull), b = fnv(0x9e3779b97f4a7c15ull);
    a = (a & ~0xf000ull) | 0x5000ull;              // version 5 (name-based)
    b = (b & ~(0xc0ull << 56)) | (0x80ull << 56);  // RFC 4122 variant
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xffff),
                  static_cast<unsigned>(b >> 48),
                  static_cast<unsigned long long>(b & 0xffffffffffffull));
    return buf;
}

core::Result<BcfSummary> writeBcf(const ClashReport& report, const std::string& path,
                                  const BcfOptions& options) {
    BcfSummary summary;
    std::vector<io::ZipEntry> entries;
    {
        XmlDoc v;
        v.open("Version");
        v.attribute("VersionId", "2.1");
        v.element("DetailedVersion", "2.1");
        v.close();
        entries.push_back({"bcf.version", v.finish()});
    }
    // Groups in the report's order (its first clash decides the place of the group).
    std::map<std::string, std::vector<const Clash*>> byGroup;
    std::vector<std::string> order;
    for (const auto& c : report.clashes) {
        const std::string g = c.groupId.empty() ? c.id : c.groupId;
        if (!byGroup.count(g)) order.push_back(g);
        byGroup[g].push_back(&c);
    }
    const std::string now = utcNow();
    int index = 0;
    for (const auto& g : order) {
        const auto& group = byGroup[g];
        const std::string topic = stableGuid("bodemzicht-topic:" + g);
        const std::string viewpoint = stableGuid("bodemzicht-viewpoint:" + g);
        const ClashView view = groupView(group);
        auto png = options.snapshot ? options.snapshot(view, group) : std::nullopt;

        XmlDoc m;
        m.open("Markup");
        if (!options.projectName.empty()) {
            m.open("Header");
            m.open("File");
            m.attribute("isExternal", "true");
            m.element("Filename", options.projectName);
            m.element("Date", now);
            m.close();
            m.close();
        }
        m.open("Topic");
        m.attribute("Guid", topic);
        m.attribute("TopicType", "Clash");
        m.attribute("TopicStatus", topicStatus(group));
        const Clash& first = *group.front();
        std::string title =
            std::string(dutchName(first.kind)) + ": " + first.aId + " - " + first.bId;
        if (group.size() > 1) title += " (+" + std::to_string(group.size() - 1) + " in de buurt)";
        m.element("Title", title);
        m.element("Priority", priority(group));
        m.element("Index", std::to_string(++index));
        std::set<std::string> labels;
        for (const auto* c : group) {
            labels.insert(std::string(toCode(c->kind)));
            for (const auto* owner : {&c->aOwner, &c->bOwner})
                if (!owner->empty()) labels.insert(*owner);
        }
        for (const auto& l : labels) m.element("Labels", l);
        m.element("CreationDate", now);
        m.element("CreationAuthor", options.author);
        std::string text;
        for (const auto* c : group) text += (text.empty() ? "" : "\n") + describe(*c);
        m.element("Description", text);
        m.close();  // Topic
        m.open("Viewpoints");
        m.attribute("Guid", viewpoint);
        m.element("Viewpoint", "viewpoint.bcfv");
        if (png) m.element("Snapshot", "snapshot.png");
        m.close();
        m.close();  // Markup
        entries.push_back({topic + "/markup.bcf", m.finish()});

        XmlDoc v;
        v.open("VisualizationInfo");
        v.attribute("Guid", viewpoint);
        v.open("Components");
        v.open("Selection");
        std::set<std::string> seen;
        for (const auto* c : group)
            for (const auto* id : {&c->aId, &c->bId}) {
                if (!seen.insert(*id).second) continue;
                v.open("Component");
                v.element("OriginatingSystem", "Bodemzicht");
                v.element("AuthoringToolId", *id);
                v.close();
            }
        v.close();  // Selection
        v.open("Visibility");
        v.attribute("DefaultVisibility", "true");
        v.close();
        v.close();  // Components
        v.open("PerspectiveCamera");
        v.point("CameraViewPoint", view.position);
        core::Vec3 dir = view.focalPoint - view.position;
        v.point("CameraDirection", dir * (1.0 / core::length(dir)));
        v.point("CameraUpVector", view.viewUp);
        v.number("FieldOfView", view.fieldOfViewDeg);
        v.close();
        v.close();
        if (!m.ok() || !v.ok()) return core::fail(path, g, "cannot write the topic's XML");
        entries.push_back({topic + "/viewpoint.bcfv", v.finish()});
        if (png) {
            entries.push_back({topic + "/snapshot.png", std::move(*png)});
            ++summary.snapshots;
        }
        ++summary.topics;
        summary.clashes += group.size();
    }
    if (auto ok = io::writeZip(path, entries); !ok) return std::unexpected(ok.error());
    return summary;
}

}  // namespace bz::clash
