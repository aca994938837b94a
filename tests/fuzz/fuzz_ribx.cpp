// RIBX (expat): any bytes as a .ribx file, then what an import does with what was read: the
// condition classification and the longitudinal profile of every pipe read.
#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/sewer/Condition.h>
#include <bodemzicht/sewer/LongitudinalProfile.h>
#include <bodemzicht/sewer/ObservationPlacement.h>

#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bz::fuzz::quietGdal();
    std::string path = bz::fuzz::tmpFile(data, size, ".ribx");
    bz::model::Dataset ds;
    bz::io::ImportReport report;
    bz::io::ReadOptions options;
    options.format = "ribx";
    options.groundLevel = bz::model::GroundLevel(5.0);
    if (bz::io::readSource(path, options, ds, report)) {
        bz::sewer::assessConditions(ds, bz::sewer::ClassificationTable::builtIn());
        (void)bz::sewer::placeObservations(ds, {});
        for (const auto& f : ds.features)
            if (f.type == bz::model::ObjectType::SewerPipe)
                (void)bz::sewer::buildProfile(ds, {f.id}, {}, 0.5);
    }
    std::remove(path.c_str());
    return 0;
}
