// Moving features between datasets (merging a re-imported source into a project, dropping the
// features that failed validation) and telling whether two versions of a feature differ.
#pragma once

#include <cstdint>
#include <functional>

#include <bodemzicht/model/Dataset.h>

namespace bz::model {

// Appends feature `index` of `from` to `to` with its geometry, depths and the detail records
// `keepDetail` says yes to (all when empty); returns its index in `to`.
std::uint32_t copyFeature(const Dataset& from, std::uint32_t index, Dataset& to,
                          const std::function<bool(const Dataset::DetailLink&)>& keepDetail = {});

// Attaches one detail record of `from` to feature `feature` of `to`.
void copyDetail(const Dataset& from, const Dataset::DetailLink& link, Dataset& to,
                std::uint32_t feature);

// Appends every feature of `from` for which `keep` says yes (all when empty), with the detail
// records `keepDetail` says yes to, and the fields (a field of the same name in `to` is
// replaced).
void appendDataset(const Dataset& from, Dataset& to,
                   const std::function<bool(std::uint32_t)>& keep = {},
                   const std::function<bool(const Dataset::DetailLink&)>& keepDetail = {});

// The weaker ground of two wins: one source on an assumed ground makes the whole assumed.
void mergeGround(GroundBasis& into, const GroundBasis& from);

// A hash of everything stored about a feature except where it sits in the arrays: equal for an
// unchanged feature read again, different after any change of geometry, depth or attribute.
std::uint64_t featureFingerprint(const Dataset& ds, const Feature& f);

}  // namespace bz::model
