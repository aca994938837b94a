#include <bodemzicht/io/ImportReport.h>

#include <sstream>

namespace bz::io {

std::size_t ImportReport::loaded() const {
    std::size_t n = 0;
    for (const auto& [_, c] : perLayer) n += c.loaded;
    return n - rejected;
}

std::size_t ImportReport::skipped() const {
    std::size_t n = 0;
    for (const auto& [_, c] : perLayer) n += c.skipped;
    return n + rejected;
}

std::size_t ImportReport::ignored() const {
    std::size_t n = 0;
    for (const auto& [_, c] : perLayer) n += c.ignored;
    return n;
}

void ImportReport::reject(core::Error e) {
    ++rejected;
    problems.push_back(std::move(e));
}

void ImportReport::skip(const std::string& layer, core::Error e) {
    ++perLayer[layer].skipped;
    problems.push_back(std::move(e));
}

std::string ImportReport::summary(std::size_t maxLines) const {
    std::ostringstream out;
    for (const auto& [layer, c] : perLayer) {
        out << "  " << layer << ": " << c.loaded << " loaded, " << c.skipped << " skipped";
        if (c.ignored) out << ", " << c.ignored << " not imported (" << c.ignoredWhy << ")";
        out << "\n";
    }
    if (rejected)
        out << "  rejected after reading: " << rejected
            << " (counted as loaded above; coordinates, depths or ids, listed below)\n";
    out << "  total: " << loaded() << " loaded, " << skipped() << " skipped";
    if (ignored()) out << ", " << ignored() << " not imported";
    out << "\n";
    auto list = [&](const char* title, const std::vector<core::Error>& v) {
        if (v.empty()) return;
        out << title << " (" << v.size() << "):\n";
        for (std::size_t i = 0; i < v.size() && i < maxLines; ++i)
            out << "  " << v[i].toString() << "\n";
        if (v.size() > maxLines) out << "  ... and " << v.size() - maxLines << " more\n";
    };
    list("skipped", problems);
    list("warnings", warnings);
    return out.str();
}

}  // namespace bz::io
