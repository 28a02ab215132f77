// make_plan and its exporters, against the naive alternative of parsing the protocol per request.
// Run: make bench   (or ./build/bench/bench_plan)
#include "bench_support.hpp"

#include <aftercare/aftercare.hpp>

#include <thread>

int main() {
    using namespace aftercare::literals;
    aftercare::treatment t;
    t.device = aftercare::device::pen;
    t.depth = 1.0_mm;
    t.skin_type = aftercare::skin_type{3};
    t.indication = aftercare::indication::acne_scars;
    t.treated_at = date::sys_days{date::November / 21 / 2026} + std::chrono::hours{14};
    const auto& protocol = aftercare::default_protocol();
    const auto* london = aftercare::locate_zone("Europe/London");
    const aftercare::plan plan = aftercare::make_plan(t, protocol);

    std::printf("aftercare %s, default protocol %s (%zu sources), plan of %zu entries\n", AFTERCARE_VERSION_STRING,
                std::string(protocol.version()).c_str(), protocol.sources().size(), plan.entries().size());
    std::printf("plan\n");
    bench::report("make_plan (parsed protocol, reused)", bench::measure([&] { (void)aftercare::make_plan(t, protocol); }));
    bench::report("parse_protocol + make_plan (re-parse per request)", bench::measure([&] {
                      (void)aftercare::make_plan(t, aftercare::parse_protocol(aftercare::default_protocol_text()));
                  }, 3));
    bench::report("check_treatment only", bench::measure([&] { aftercare::check_treatment(t, protocol); }));
    std::printf("export\n");
    bench::report("to_json (zone Europe/London)", bench::measure([&] { (void)aftercare::to_json(plan, {.zone = london}); }));
    bench::report("to_text (zone Europe/London)", bench::measure([&] { (void)aftercare::to_text(plan, {.zone = london}); }));

    // Throughput with every core making plans (the hot path is lock-free and shares the protocol).
    bench::throughput("make_plan", "plans", 20000, [&] { (void)aftercare::make_plan(t, protocol); });
    return 0;
}
