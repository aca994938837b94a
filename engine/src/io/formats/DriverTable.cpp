// The one table of source formats, in the order their drivers are asked: formats recognised by
// their header bytes first, then those recognised by their columns, the generic GIS schema (which
// takes any vector source it can open, unsure) last. A new format is a folder under formats/ with
// a registerXxx(DriverTable&) function, and one line in this list.
#include "Driver.h"

#define BODEMZICHT_FORMATS(X) \
    X(GwswTurtle)             \
    X(Ribx)                   \
    X(Klic)                   \
    X(Project)                \
    X(GwswGis)                \
    X(Trees)                  \
    X(Generic)

namespace bz::io::formats {

#define BODEMZICHT_DECLARE(Name) void register##Name(DriverTable& table);
BODEMZICHT_FORMATS(BODEMZICHT_DECLARE)
#undef BODEMZICHT_DECLARE

const DriverTable& drivers() {
    static const DriverTable table = [] {
        DriverTable t;
#define BODEMZICHT_REGISTER(Name) register##Name(t);
        BODEMZICHT_FORMATS(BODEMZICHT_REGISTER)
#undef BODEMZICHT_REGISTER
        return t;
    }();
    return table;
}

}  // namespace bz::io::formats
