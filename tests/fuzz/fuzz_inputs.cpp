// libFuzzer target: triage and screening inputs from FuzzedDataProvider — reports seen at any
// instant or after any duration, with any codes, severity and signs; a patient history with any
// conditions and dates; any as_of — and the JSON writers with any options. Bad values must be
// aftercare errors; a document written must be JSON that nlohmann reads back.
#include "fuzz_common.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace {

void written(const std::string& text) {
    if (!nlohmann::json::accept(text)) std::abort();
}

aftercare::json_options pick_options(FuzzedDataProvider& in) {
    aftercare::json_options o;
    o.zone = fuzz::pick_zone(in);
    o.indent = in.ConsumeBool() ? in.ConsumeIntegralInRange<int>(-3, 20) : in.ConsumeIntegral<int>();
    return o;
}

date::year_month_day pick_date(FuzzedDataProvider& in) {
    return date::year{in.ConsumeIntegralInRange<int>(1850, 2250)} / date::month{in.ConsumeIntegralInRange<unsigned>(0, 13)} /
           date::day{in.ConsumeIntegralInRange<unsigned>(0, 32)};
}

/// A valid enumerator of E (a value outside the enumeration would be the harness's own UB).
template <class E>
E fuzz_pick(FuzzedDataProvider& in) {
    constexpr auto all = aftercare::all_values<E>();
    return all[in.ConsumeIntegralInRange<std::size_t>(0, all.size() - 1)];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    const int which = in.ConsumeIntegralInRange<int>(0, 2);
    FUZZ_EXPECT_ERRORS({
        const aftercare::treatment t = fuzz::pick_treatment(in);
        if (which == 0) {
            const aftercare::plan p = aftercare::make_plan(t);
            std::vector<aftercare::symptom_report> reports(in.ConsumeIntegralInRange<std::size_t>(0, 4));
            for (auto& r : reports) {
                r.symptom = fuzz_pick<aftercare::symptom>(in);
                if (in.ConsumeBool()) r.seen = fuzz::pick_instant(in);
                else r.seen = std::chrono::seconds{in.ConsumeBool() ? in.ConsumeIntegral<std::int64_t>() : in.ConsumeIntegralInRange<std::int64_t>(-10, 400LL * 86400 * 11)};
                if (in.ConsumeBool()) r.severity = static_cast<aftercare::severity>(in.ConsumeIntegralInRange<int>(0, 3));
                for (int k = in.ConsumeIntegralInRange<int>(0, 3); k > 0; --k) r.signs.insert(fuzz_pick<aftercare::sign>(in));
            }
            aftercare::triage_options options;
            if (in.ConsumeBool()) options.as_of = fuzz::pick_instant(in);
            const aftercare::assessment a = aftercare::triage(p, reports, options);
            written(aftercare::to_json(a, pick_options(in)));
            (void)aftercare::to_text(a);
        } else if (which == 1) {
            aftercare::patient_history h;
            for (int k = in.ConsumeIntegralInRange<int>(0, 4); k > 0; --k) {
                h.conditions.insert(fuzz_pick<aftercare::condition>(in));
            }
            if (in.ConsumeBool()) h.isotretinoin_stopped = pick_date(in);
            if (in.ConsumeBool()) h.radiotherapy_ended = pick_date(in);
            if (in.ConsumeBool()) h.birth_date = pick_date(in);
            const aftercare::eligibility e = aftercare::screen(h, t, pick_date(in));
            written(aftercare::to_json(e, pick_options(in)));
            (void)aftercare::to_text(e);
        } else {
            const aftercare::plan p = aftercare::make_plan(t);
            written(aftercare::to_json(p, pick_options(in)));
            aftercare::preferences prefs;
            prefs.zone = fuzz::pick_zone(in);
            written(aftercare::to_json(aftercare::schedule(p, prefs), pick_options(in)));
        }
    })
    return 0;
}
