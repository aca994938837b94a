// KLIC IMKL GML: any bytes as a delivery's GI file, read through readSource as bodem import does.
#include <bodemzicht/io/SourceReader.h>

#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bz::fuzz::quietGdal();
    std::string path = bz::fuzz::memFile(data, size, "GI_gebiedsinformatielevering_fuzz.xml");
    bz::model::Dataset ds;
    bz::io::ImportReport report;
    bz::io::ReadOptions options;
    options.groundLevel = bz::model::GroundLevel(10.0);
    options.format = "klic";
    (void)bz::io::readSource(path, options, ds, report);
    VSIUnlink(path.c_str());
    return 0;
}
