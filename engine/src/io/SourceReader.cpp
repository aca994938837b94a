#include <bodemzicht/io/SourceReader.h>

#include <bodemzicht/model/DatasetCopy.h>

#include <algorithm>
#include <filesystem>
#include <cctype>

#include "SourceChecks.h"
#include "formats/Driver.h"

namespace bz::io {

std::vector<FormatInfo> sourceFormats() {
    std::vector<FormatInfo> out;
    for (const auto& d : formats::drivers().all()) out.push_back(d->info());
    return out;
}

namespace {

// The driver for a source: the one named in the options, else the one that identifies it.
core::Result<const formats::Driver*> driverFor(formats::OpenInfo& in, const std::string& named) {
    const auto& table = formats::drivers();
    if (!named.empty()) {
        if (const auto* d = table.byName(named)) return d;
        std::string known;
        for (const auto& d : table.all()) known += (known.empty() ? "" : ", ") + d->info().name;
        return core::fail(in.source(), "", "unknown format '" + named + "' (known: " + known + ")");
    }
    if (const auto* d = table.identify(in)) return d;
    std::string why = in.vectorError().empty() ? "no format recognises it" : in.vectorError();
    return core::fail(in.source(), "", why);
}

}  // namespace

core::Result<std::string> identifySource(const std::string& source) {
    formats::OpenInfo in(source);
    auto driver = driverFor(in, "");
    if (!driver) return std::unexpected(driver.error());
    return (*driver)->info().name;
}

core::Result<void> readSource(const std::string& source, const ReadOptions& options,
                              model::Dataset& ds, ImportReport& report, std::string* format) {
    formats::OpenInfo in(source);
    auto driver = driverFor(in, options.format);
    if (!driver) return std::unexpected(driver.error());
    if (format) *format = (*driver)->info().name;
    // Each source is read on its own and checked before it joins the others, so that a bad
    // source adds nothing and a bad feature is refused whatever reader produced it.
    model::Dataset incoming;
    if (auto ok = (*driver)->open(in, options, incoming, report); !ok) return ok;
    auto keep = detail::checkFeatures(incoming, source, report);
    detail::warnImplausible(incoming, source, options.defaults, report);
    bool all = std::find(keep.begin(), keep.end(), false) == keep.end();
    if (all && ds.features.empty() && ds.fields.empty()) {
        ds = std::move(incoming);
        return {};
    }
    model::appendDataset(incoming, ds, [&](std::uint32_t i) { return keep[i]; });
    return {};
}

std::string sourceKey(const std::string& source) {
    std::string name = std::filesystem::path(source).filename().string();
    // A KLIC request number (e.g. 22G003180) with its delivery version: a newer delivery of the
    // same request replaces the older one.
    auto digits = [&](std::size_t at, std::size_t n) {
        for (std::size_t i = at; i < at + n; ++i)
            if (i >= name.size() || !std::isdigit(static_cast<unsigned char>(name[i]))) return false;
        return true;
    };
    for (std::size_t i = 0; i + 11 <= name.size(); ++i)  // DD L DDDDDD _ D
        if (digits(i, 2) && std::isupper(static_cast<unsigned char>(name[i + 2])) &&
            digits(i + 3, 6) && name[i + 9] == '_' && digits(i + 10, 1) &&
            (i == 0 || !std::isdigit(static_cast<unsigned char>(name[i - 1]))))
            return "klic:" + name.substr(i, 9);
    return name;
}

}  // namespace bz::io
