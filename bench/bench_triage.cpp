// triage() and screen(), with their exporters, against what a caller would do without a reused plan
// or protocol (build the plan, or parse the protocol, per request).
// Run: make bench   (or ./build/bench/bench_triage)
#include "bench_support.hpp"

#include <aftercare/aftercare.hpp>

#include <thread>

int main() {
    using namespace aftercare::literals;
    using std::chrono::hours;
    aftercare::treatment t;
    t.device = aftercare::device::pen;
    t.depth = 1.0_mm;
    t.skin_type = aftercare::skin_type{3};
    t.treated_at = date::sys_days{date::November / 21 / 2026} + hours{14};
    const auto& protocol = aftercare::default_protocol();
    const auto* london = aftercare::locate_zone("Europe/London");
    const aftercare::plan plan = aftercare::make_plan(t, protocol);

    auto report = [](aftercare::symptom s, hours after, std::optional<aftercare::severity> sev, aftercare::enum_set<aftercare::sign> signs) {
        aftercare::symptom_report r;
        r.symptom = s;
        r.seen = std::chrono::seconds{after};
        r.severity = sev;
        r.signs = signs;
        return r;
    };
    const aftercare::symptom_report one = report(aftercare::symptom::redness, hours{187}, aftercare::severity::mild, {aftercare::sign::warm});
    const std::vector<aftercare::symptom_report> four{one, report(aftercare::symptom::pus, hours{30}, std::nullopt, {aftercare::sign::fever}),
                                                      report(aftercare::symptom::peeling, hours{60}, aftercare::severity::severe, {}),
                                                      report(aftercare::symptom::lip_swelling, hours{2}, std::nullopt, {})};
    const aftercare::assessment assessed = aftercare::triage(plan, four);

    aftercare::patient_history h;
    h.conditions = {aftercare::condition::cold_sore_history, aftercare::condition::tan, aftercare::condition::pregnancy,
                    aftercare::condition::pacemaker};
    h.isotretinoin_stopped = date::year{2026} / date::July / 31;
    h.birth_date = date::year{1990} / date::March / 2;
    const date::year_month_day as_of = date::year{2026} / date::November / 21;
    const aftercare::eligibility screened = aftercare::screen(h, t, as_of, protocol);
    const std::string reports_json =
        R"({"reports": [{"symptom": "redness", "seen_at": "2026-11-29T09:00", "severity": "mild", "signs": ["warm"]},)"
        R"( {"symptom": "pus", "hours_after": 30, "signs": ["fever"]}]})";

    std::printf("aftercare %s, default protocol %s, plan of %zu entries\n", AFTERCARE_VERSION_STRING, std::string(protocol.version()).c_str(),
                plan.entries().size());
    std::printf("triage\n");
    bench::report("triage, 1 report (plan reused)", bench::measure([&] { (void)aftercare::triage(plan, {one}); }));
    bench::report("triage, 4 reports (plan reused)", bench::measure([&] { (void)aftercare::triage(plan, four); }));
    bench::report("make_plan + triage, 1 report (plan per request)", bench::measure([&] {
                      (void)aftercare::triage(aftercare::make_plan(t, protocol), {one});
                  }));
    bench::report("parse_protocol + make_plan + triage (re-parse per request)", bench::measure([&] {
                      (void)aftercare::triage(aftercare::make_plan(t, aftercare::parse_protocol(aftercare::default_protocol_text())), {one});
                  }, 3));
    bench::report("reports_from_json, 2 reports", bench::measure([&] { (void)aftercare::reports_from_json(reports_json, london, "r.json"); }));
    bench::report("to_json(assessment of 4)", bench::measure([&] { (void)aftercare::to_json(assessed, {.zone = london}); }));
    bench::report("to_text(assessment of 4)", bench::measure([&] { (void)aftercare::to_text(assessed, {.zone = london}); }));
    std::printf("screening\n");
    bench::report("screen, 4 conditions + 2 dates", bench::measure([&] { (void)aftercare::screen(h, t, as_of, protocol); }));
    bench::report("screen, no conditions", bench::measure([&] { (void)aftercare::screen({}, t, as_of, protocol); }));
    bench::report("add_wait (6 calendar months)", bench::measure([&] {
                      (void)aftercare::add_wait(date::year{2026} / date::August / 31, {6, aftercare::wait_period::unit::months});
                  }));
    bench::report("to_json(eligibility)", bench::measure([&] { (void)aftercare::to_json(screened); }));

    bench::throughput("triage (4 reports)", "assessments", 50000, [&] { (void)aftercare::triage(plan, four); });
    return 0;
}
