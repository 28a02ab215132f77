// libFuzzer target: parse_protocol must either return a protocol that plans, or throw
// aftercare::protocol_error — never crash, hang or throw anything else.
#include <aftercare/aftercare.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

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
            try {  // every symptom, with signs and severity, at a few times
                std::vector<aftercare::symptom_report> reports;
                for (const auto s : aftercare::all_values<aftercare::symptom>()) {
                    for (const auto h : {0, 30, 200}) {
                        aftercare::symptom_report r;
                        r.symptom = s;
                        r.seen = std::chrono::hours{h};
                        r.severity = h == 30 ? std::optional{aftercare::severity::severe} : std::nullopt;
                        r.signs = {aftercare::sign::spreading, aftercare::sign::worsening};
                        reports.push_back(r);
                    }
                }
                (void)aftercare::to_json(aftercare::triage(plan, reports));
            } catch (const aftercare::invalid_value&) {
                // a protocol without a "triage" section
            }
            try {
                aftercare::patient_history h;
                for (const auto c : aftercare::all_values<aftercare::condition>()) h.conditions.insert(c);
                h.conditions.erase(aftercare::condition::isotretinoin);
                h.isotretinoin_stopped = date::year{2026} / date::May / 31;
                h.radiotherapy_ended = date::year{2026} / date::August / 31;
                h.birth_date = date::year{2004} / date::February / 29;
                (void)aftercare::to_json(aftercare::screen(h, t, date::year{2026} / date::November / 21, p));
            } catch (const aftercare::invalid_value&) {
                // a protocol without a "screening" section
            }
        } catch (const aftercare::invalid_value&) {
            // the protocol's limits may exclude this treatment
        }
    } catch (const aftercare::protocol_error& e) {
        if (e.what()[0] == '\0') std::abort();
    }
    return 0;
}
