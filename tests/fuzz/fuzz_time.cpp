// libFuzzer target: the time parsers either parse or throw aftercare::invalid_value.
#include <aftercare/aftercare.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto local = aftercare::parse_local_time(text, "t");
        (void)aftercare::to_utc(local, *aftercare::locate_zone("Europe/London"));
    } catch (const aftercare::invalid_value&) {
    }
    try {
        (void)aftercare::format_time_of_day(aftercare::parse_time_of_day(text, "t"));
    } catch (const aftercare::invalid_value&) {
    }
    try {
        (void)aftercare::parse_date(text, "d");
    } catch (const aftercare::invalid_value&) {
    }
    try {
        (void)aftercare::locate_zone(text, "tz");
    } catch (const aftercare::time_zone_error&) {
    }
    return 0;
}
