// The sample's random numbers (private to sample).
#pragma once

#include <cstdint>

namespace bz::sample {

// Splitmix64: a tiny generator with the same sequence on every platform and standard library.
class Rng {
  public:
    explicit Rng(std::uint64_t seed) : mState(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (mState += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    double uniform(double lo, double hi) { return lo + (hi - lo) * (next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return uniform(0, 1) < p; }

  private:
    std::uint64_t mState;
};

}  // namespace bz::sample
