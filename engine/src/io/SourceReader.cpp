#include <bodemzicht/io/SourceReader.h>

#include <bodemzicht/io/GwswImporter.h>
#include <bodemzicht/io/ProjectStore.h>
#include <bodemzicht/model/DatasetCopy.h>

#include <algorithm>
#include <filesystem>
#include <cctype>

#include "SourceChecks.h"

namespace bz::io {

SourceKind detectSource(const std::string& source) {
    // Cheap checks on names and headers first; the GDAL-opening ones after.
    if (isGwswTurtle(source)) return SourceKind::GwswTurtle;
    if (isKlicDelivery(source)) return SourceKind::Klic;
    if (isProject(source)) return SourceKind::Project;
    if (isGwswGis(source)) return SourceKind::GwswGis;
    if (isTreeRegister(source)) return SourceKind::TreeRegister;
    return SourceKind::Generic;
}

namespace {

core::Result<void> readWithReader(const std::string& source, SourceKind kind,
                                  const SourceOptions& options, model::Dataset& ds,
                                  ImportReport& report) {
    switch (kind) {
        case SourceKind::Project:
            return readProjectInto(source, ds, report);
        case SourceKind::Klic: {
            KlicImportOptions k = options.klic;
            k.groundLevel = options.groundLevel;
            return importKlic(source, k, ds, report);
        }
        case SourceKind::GwswTurtle:
            return importGwswTurtle(source, ds, report);
        case SourceKind::GwswGis:
            return importGwswGis(source, ds, report);
        case SourceKind::TreeRegister: {
            TreeImportOptions t = options.trees;
            t.groundLevel = options.groundLevel;
            t.sourceCrs = options.sourceCrs;
            return importTrees(source, t, ds, report);
        }
        case SourceKind::Generic: {
            GenericImportOptions g;
            g.groundLevel = options.groundLevel;
            g.sourceCrs = options.sourceCrs;
            return importGeneric(source, g, ds, report);
        }
    }
    return {};
}

}  // namespace

core::Result<void> readSource(const std::string& source, const SourceOptions& options,
                              model::Dataset& ds, ImportReport& report, SourceKind* kindOut) {
    SourceKind kind = detectSource(source);
    if (kindOut) *kindOut = kind;
    // Each source is read on its own and checked before it joins the others, so that a bad
    // source adds nothing and a bad feature is refused whatever reader produced it.
    model::Dataset incoming;
    if (auto ok = readWithReader(source, kind, options, incoming, report); !ok) return ok;
    auto keep = detail::checkFeatures(incoming, source, report);
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
