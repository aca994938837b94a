// Clash rule files (TOML through toml++): any text, parsed and then used to look up rules.
#include <bodemzicht/clash/RuleSet.h>

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto rules = bz::clash::RuleSet::parse(text, "fuzz.toml");
    if (rules) {
        (void)rules->clearanceFor("laagspanning", "warmte");
        (void)rules->matches("kabels", "water");
    }
    return 0;
}
