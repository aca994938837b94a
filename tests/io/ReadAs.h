// Reading test inputs the way bodem import does: through io::readSource, with a format named or
// identified, and the checks every source passes.
#pragma once

#include <cmath>
#include <string>

#include <bodemzicht/io/SourceReader.h>

namespace bz::test {

inline core::Result<void> readAs(const std::string& format, const std::string& path,
                                 io::ReadOptions options, model::Dataset& ds,
                                 io::ImportReport& report) {
    options.format = format;
    return io::readSource(path, options, ds, report);
}

inline io::ReadOptions onGround(double levelM) {
    io::ReadOptions o;
    o.groundLevel = model::GroundLevel(levelM);
    return o;
}

// Does the driver table give this source to `format`?
inline bool identifiesAs(const std::string& path, const std::string& format) {
    auto f = io::identifySource(path);
    return f && *f == format;
}

// The declared default of a format's numeric option (what a reader uses when none is given).
inline double formatDefault(const std::string& format, const std::string& option) {
    for (const auto& f : io::sourceFormats())
        if (f.name == format)
            for (const auto& o : f.options)
                if (o.name == option) return std::stod(o.defaultValue);
    return NAN;
}

}  // namespace bz::test
