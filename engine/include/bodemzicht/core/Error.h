// Errors for bad input: they say who found it (a "klic::open()" prefix, as Magnum's messages do),
// where (file, line, feature id) and what is wrong. Returned by value through std::expected;
// caller bugs are assertions instead.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <utility>

namespace bz::core {

struct Error {
    Error() = default;
    Error(std::string file_, std::string featureId_, std::string message_, std::string who_ = {},
          std::size_t line_ = 0)
        : file(std::move(file_)), featureId(std::move(featureId_)),
          message(std::move(message_)), who(std::move(who_)), line(line_) {}

    std::string file;       // the input file or data source, empty when not applicable
    std::string featureId;  // the feature's own id, empty when the problem is file-wide
    std::string message;    // what is wrong, in words a user can act on
    std::string who;        // the reader or function that found it, e.g. "klic::open()"
    std::size_t line = 0;   // line in `file` (1-based), 0 when not known

    // "klic::open(): FILE:LINE: feature 'ID': MESSAGE", leaving out what is not known.
    std::string toString() const;
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string file, std::string featureId, std::string message) {
    return std::unexpected<Error>(Error{std::move(file), std::move(featureId), std::move(message)});
}

}  // namespace bz::core
