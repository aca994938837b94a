#include <bodemzicht/io/SourceReader.h>

#include <bodemzicht/io/GwswImporter.h>
#include <bodemzicht/io/ProjectStore.h>

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

core::Result<void> readSource(const std::string& source, const SourceOptions& options,
                              model::Dataset& ds, ImportReport& report, SourceKind* kindOut) {
    SourceKind kind = detectSource(source);
    if (kindOut) *kindOut = kind;
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

}  // namespace bz::io
