// KLIC IMKL GML: any bytes as a delivery's GI file, read through readSource as bodem import does.
#include <bodemzicht/io/KlicImporter.h>
#include <bodemzicht/io/SourceReader.h>

#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bz::fuzz::quietGdal();
    std::string path = bz::fuzz::memFile(data, size, "GI_gebiedsinformatielevering_fuzz.xml");
    bz::model::Dataset ds;
    bz::io::ImportReport report;
    bz::io::KlicImportOptions options;
    options.groundLevel = bz::model::GroundLevel(10.0);
    (void)bz::io::importKlic(path, options, ds, report);
    bz::io::SourceOptions so;
    so.groundLevel = bz::model::GroundLevel(10.0);
    bz::model::Dataset checked;
    (void)bz::io::readSource(path, so, checked, report);
    VSIUnlink(path.c_str());
    return 0;
}
