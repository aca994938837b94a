// A calendar date that may be known to the day, the month, the year, or not at all: sources give
// "1975", "1975-03" or "2027-05-17", and a year must not turn into the first of January.
//
//     auto laid = model::Date::parse("1975");    // year precision
//     laid->year();                              // 1975
//     laid->toString();                          // "1975"
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bz::model {

class Date {
  public:
    enum class Precision : std::uint8_t { Unknown, Year, Month, Day };

    Date() = default;  // unknown
    // month 0: a year; day 0: a month. Invalid dates (month 13, 30 February) give an unknown date.
    static Date of(int year, int month = 0, int day = 0);
    // ISO 8601 as sources write it: "1975", "1975-03", "1975-03-12", "1975-03-12T10:00:00Z"
    // (the time is dropped). nullopt for anything else.
    static std::optional<Date> parse(std::string_view text);
    // Today (UTC), to the day.
    static Date today();

    bool known() const { return precision() != Precision::Unknown; }
    Precision precision() const { return static_cast<Precision>(mValue & 3); }
    int year() const;   // 0 when unknown
    int month() const;  // 0 when not known to the month
    int day() const;    // 0 when not known to the day
    // Days since 1970-01-01 of the first day the date can mean.
    std::int64_t firstDay() const { return mValue >> 2; }
    // "1975", "1975-03", "1975-03-12"; "" when unknown.
    std::string toString() const;

    // Unknown sorts first; then by first day, the coarser before the finer.
    std::strong_ordering operator<=>(const Date& o) const {
        if (known() != o.known())
            return known() ? std::strong_ordering::greater : std::strong_ordering::less;
        if (auto c = firstDay() <=> o.firstDay(); c != 0) return c;
        return precision() <=> o.precision();
    }
    bool operator==(const Date&) const = default;

  private:
    std::int32_t mValue = 0;  // days since 1970-01-01 << 2 | precision
};

}  // namespace bz::model
