// What a reader did: per layer the loaded and skipped counts, and every problem with its file and
// feature id. Nothing is dropped silently: each skipped feature has an entry in `problems`.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <bodemzicht/core/Error.h>

namespace bz::io {

struct ImportReport {
    struct Counts {
        std::size_t loaded = 0, skipped = 0;
        std::size_t ignored = 0;  // read on purpose but not an object of the model (links, labels)
        std::string ignoredWhy;   // e.g. "annotation, not part of the 3D model"
    };
    std::map<std::string, Counts> perLayer;  // by layer (or feature type) name
    std::vector<core::Error> problems;       // features skipped, with the reason
    std::vector<core::Error> warnings;       // loaded, but with something the user should know
    std::size_t rejected = 0;  // read by a reader, then refused by the checks all sources share

    std::size_t loaded() const;
    std::size_t skipped() const;
    void skip(const std::string& layer, core::Error e);
    // A feature a reader loaded that the shared checks refuse (bad coordinates, repeated id).
    void reject(core::Error e);
    void warn(core::Error e) { warnings.push_back(std::move(e)); }
    void load(const std::string& layer) { ++perLayer[layer].loaded; }
    void ignore(const std::string& layer, const std::string& why) {
        auto& c = perLayer[layer];
        ++c.ignored;
        c.ignoredWhy = why;
    }
    std::size_t ignored() const;
    // Human-readable summary: counts per layer, then every problem (at most `maxLines` each).
    std::string summary(std::size_t maxLines = 50) const;
};

}  // namespace bz::io
