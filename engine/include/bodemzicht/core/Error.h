// Errors for bad input: they say where (file, feature id) and what is wrong. Returned by value
// through std::expected; caller bugs are assertions instead.
#pragma once

#include <expected>
#include <string>

namespace bz::core {

struct Error {
    std::string file;       // the input file or data source, empty when not applicable
    std::string featureId;  // the feature's own id, empty when the problem is file-wide
    std::string message;    // what is wrong, in words a user can act on

    std::string toString() const;
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string file, std::string featureId, std::string message) {
    return std::unexpected<Error>(Error{std::move(file), std::move(featureId), std::move(message)});
}

}  // namespace bz::core
