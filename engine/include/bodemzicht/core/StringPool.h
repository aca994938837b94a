// Interns repeated labels (themes, owners, layers, materials, source files) so a feature stores
// 32-bit ids instead of strings; a million features share a few hundred distinct labels.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bz::core {

class StringPool {
  public:
    using Id = std::uint32_t;
    static constexpr Id kEmpty = 0;  // the empty string, meaning "unknown"

    StringPool() {
        mStrings.emplace_back();
        mIndex.emplace(std::string(), kEmpty);
    }

    Id intern(std::string_view s) {
        if (auto it = mIndex.find(std::string(s)); it != mIndex.end()) return it->second;
        Id id = static_cast<Id>(mStrings.size());
        mStrings.emplace_back(s);
        mIndex.emplace(mStrings.back(), id);
        return id;
    }
    const std::string& str(Id id) const { return mStrings.at(id); }
    std::size_t size() const { return mStrings.size(); }

  private:
    std::vector<std::string> mStrings;
    std::unordered_map<std::string, Id> mIndex;
};

}  // namespace bz::core
