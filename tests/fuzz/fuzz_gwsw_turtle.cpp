// GWSW-OroX Turtle (serd): any bytes as a .ttl file.
#include <bodemzicht/io/SourceReader.h>

#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bz::fuzz::quietGdal();
    std::string path = bz::fuzz::tmpFile(data, size, ".ttl");
    bz::model::Dataset ds;
    bz::io::ImportReport report;
    bz::io::ReadOptions options;
    options.format = "gwsw-turtle";
    (void)bz::io::readSource(path, options, ds, report);
    std::remove(path.c_str());
    return 0;
}
