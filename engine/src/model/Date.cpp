#include <bodemzicht/model/Date.h>

#include <bodemzicht/core/Parse.h>

#include <chrono>
#include <cstdio>

namespace bz::model {

namespace {

std::chrono::year_month_day ymdOf(std::int64_t days) {
    return std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(days)));
}

}  // namespace

Date Date::today() {
    const auto ymd = std::chrono::year_month_day(
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
    return of(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day())));
}

Date Date::of(int year, int month, int day) {
    Date d;
    if (year < 1 || year > 9999 || month < 0 || month > 12 || day < 0 || (month == 0 && day))
        return d;
    std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month ? month : 1),
                                    std::chrono::day(day ? day : 1)};
    if (!ymd.ok()) return d;
    const auto days = std::chrono::sys_days(ymd).time_since_epoch().count();
    const auto precision = day ? Precision::Day : month ? Precision::Month : Precision::Year;
    d.mValue = static_cast<std::int32_t>(days * 4 + static_cast<int>(precision));
    return d;
}

std::optional<Date> Date::parse(std::string_view text) {
    text = core::trimmed(text);
    if (auto t = text.find('T'); t != std::string_view::npos) text = text.substr(0, t);
    auto part = [&](std::size_t at, std::size_t n) -> std::optional<int> {
        if (at + n > text.size()) return std::nullopt;
        for (std::size_t i = at; i < at + n; ++i)
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
        return core::parseInt(text.substr(at, n));
    };
    auto year = part(0, 4);
    if (!year) return std::nullopt;
    int month = 0, day = 0;
    if (text.size() == 4) {
    } else if (text.size() == 7 && text[4] == '-' && part(5, 2)) {
        month = *part(5, 2);
    } else if (text.size() == 10 && text[4] == '-' && text[7] == '-' && part(5, 2) && part(8, 2)) {
        month = *part(5, 2);
        day = *part(8, 2);
    } else {
        return std::nullopt;
    }
    Date d = of(*year, month, day);
    if (!d.known()) return std::nullopt;
    return d;
}

int Date::year() const {
    return known() ? static_cast<int>(ymdOf(firstDay()).year()) : 0;
}

int Date::month() const {
    return precision() >= Precision::Month ? static_cast<int>(unsigned(ymdOf(firstDay()).month()))
                                           : 0;
}

int Date::day() const {
    return precision() == Precision::Day ? static_cast<int>(unsigned(ymdOf(firstDay()).day())) : 0;
}

std::string Date::toString() const {
    char buf[16];
    switch (precision()) {
        case Precision::Unknown:
            return "";
        case Precision::Year:
            std::snprintf(buf, sizeof buf, "%04d", year());
            break;
        case Precision::Month:
            std::snprintf(buf, sizeof buf, "%04d-%02d", year(), month());
            break;
        case Precision::Day:
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year(), month(), day());
            break;
    }
    return buf;
}

}  // namespace bz::model
