// Clash rule files and sewer condition tables (TOML through toml++): any text, parsed and then
// used to look up rules and classify.
#include <bodemzicht/clash/RuleSet.h>
#include <bodemzicht/sewer/Classification.h>

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto rules = bz::clash::RuleSet::parse(text, "fuzz.toml");
    if (rules) {
        (void)rules->clearanceFor("laagspanning", "warmte");
        (void)rules->matches("kabels", "water");
    }
    if (auto table = bz::sewer::ClassificationTable::parse(text, "fuzz.toml")) {
        bz::model::SewerObservation o;
        o.code = "BAB";
        o.char1 = "B";
        o.value1 = 2;
        (void)table->classify(o);
    }
    return 0;
}
