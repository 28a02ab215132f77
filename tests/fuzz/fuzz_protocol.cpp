// libFuzzer target: parse_protocol must either return a protocol that plans, or throw
// aftercare::protocol_error — never crash, hang or throw anything else.
#include <aftercare/aftercare.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const aftercare::protocol p = aftercare::parse_protocol(text, "fuzz.json");
        using namespace aftercare::literals;
        aftercare::treatment t;
        t.depth = p.tiers().front().max_depth;
        t.skin_type = aftercare::skin_type{4};
        try {
            const aftercare::plan plan = aftercare::make_plan(t, p);
            (void)aftercare::to_json(plan);
            (void)aftercare::to_text(plan);
        } catch (const aftercare::invalid_value&) {
            // the protocol's limits may exclude this treatment
        }
    } catch (const aftercare::protocol_error& e) {
        if (e.what()[0] == '\0') std::abort();
    }
    return 0;
}
