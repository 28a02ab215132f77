#include "aftercare/error.hpp"
#include "aftercare/version.hpp"

#include <utility>

namespace aftercare {

error::error(std::string_view id, const std::string& message) : std::invalid_argument(message), id_(id) {}

invalid_value::invalid_value(std::string field, std::string value, std::string allowed, const std::string& message)
    : invalid_value("aftercare.invalid_value", std::move(field), std::move(value), std::move(allowed), message) {}

invalid_value::invalid_value(std::string_view id, std::string field, std::string value, std::string allowed,
                             const std::string& message)
    : error(id, message), field_(std::move(field)), value_(std::move(value)), allowed_(std::move(allowed)) {}

time_zone_error::time_zone_error(const std::string& field, const std::string& zone_name)
    : invalid_value("aftercare.time_zone_error", field, zone_name, "an IANA time-zone name such as Europe/London",
                    field + " '" + zone_name + "' is not a time zone in the tz database (expected an IANA name such as Europe/London)") {}

namespace {
std::string protocol_message(const std::string& origin, std::size_t line, std::size_t column, const std::string& pointer,
                             const std::string& expected) {
    std::string m = origin;
    if (line != 0) {
        m += ':' + std::to_string(line) + ':' + std::to_string(column);
    }
    m += ": ";
    m += pointer.empty() ? std::string("(document)") : pointer;
    m += ": ";
    m += expected;
    return m;
}
}  // namespace

protocol_error::protocol_error(std::string origin, std::size_t line, std::size_t column, std::string pointer,
                               std::string expected)
    : error("aftercare.protocol_error", protocol_message(origin, line, column, pointer, expected)),
      origin_(std::move(origin)),
      line_(line),
      column_(column),
      pointer_(std::move(pointer)),
      expected_(std::move(expected)) {}

version_info library_version() noexcept {
    return {AFTERCARE_VERSION_MAJOR, AFTERCARE_VERSION_MINOR, AFTERCARE_VERSION_PATCH};
}

}  // namespace aftercare
