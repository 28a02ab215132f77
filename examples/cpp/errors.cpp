// Bad input throws a typed error naming the field, the value and what is allowed.
#include <aftercare/aftercare.hpp>

#include <iostream>

int main() {
    using namespace aftercare::literals;
    aftercare::treatment t;
    t.device = aftercare::device::home_roller;
    t.depth = 1.5_mm;
    t.skin_type = aftercare::skin_type{3};
    try {
        (void)aftercare::make_plan(t);
    } catch (const aftercare::invalid_value& e) {
        std::cout << e.id() << " field=" << e.field() << " value=" << e.value() << "\n  " << e.what() << '\n';
    }
    try {
        (void)aftercare::parse_code<aftercare::area>("eyelid");
    } catch (const aftercare::invalid_value& e) {
        std::cout << e.what() << '\n';
    }
    try {
        (void)aftercare::locate_zone("Europe/Londn", "--tz");
    } catch (const aftercare::time_zone_error& e) {
        std::cout << e.what() << '\n';
    }
    try {
        (void)aftercare::parse_protocol(R"({"format": "aftercare.protocol/1",
  "id": "clinic", "colour": "blue"})", "clinic.json");
    } catch (const aftercare::protocol_error& e) {
        std::cout << e.what() << "\n  line " << e.line() << ", column " << e.column() << ", pointer " << e.pointer() << '\n';
    }
}
