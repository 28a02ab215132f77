// Instruction counts per call under callgrind, steadier than timings on a shared machine.
// Run: bench/callgrind.sh   (valgrind --tool=callgrind --instr-atstart=no build/bench/bench_instructions OP N)
// OP is one of make_plan, make_plan_modified, make_plan_heavy, schedule, to_json_plan, to_json_schedule (and *_dom: the former
// nlohmann-DOM writer kept in tests/cpp/io as the tests' oracle), triage, screen; each is
// called once outside the measurement (warm caches, zone data loaded), then N times inside it.
#include "bench_support.hpp"

#include <aftercare/aftercare.hpp>

#include <valgrind/callgrind.h>

#include "io/json_reference.hpp"  // tests/cpp: the former nlohmann-DOM writer, for comparison

#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

int main(int argc, char** argv) {
    using namespace aftercare::literals;
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_instructions OP N\n");
        return 2;
    }
    const std::string op = argv[1];
    const int n = std::atoi(argv[2]);
    aftercare::treatment t;
    t.device = aftercare::device::pen;
    t.depth = 1.0_mm;
    t.skin_type = aftercare::skin_type{3};
    t.indication = aftercare::indication::acne_scars;
    t.treated_at = date::sys_days{date::October / 21 / 2026} + std::chrono::hours{14};
    const auto& protocol = aftercare::default_protocol();
    const auto* london = aftercare::locate_zone("Europe/London");
    const aftercare::plan plan = aftercare::make_plan(t, protocol);
    const aftercare::reminder_schedule sched = aftercare::schedule(plan, aftercare::preferences{.zone = london, .morning = {}, .midday = {},
                                                                                               .evening = {}, .bedtime = {}, .horizon = {}});
    const aftercare::symptom_report reports[] = {{aftercare::symptom::redness, std::chrono::seconds{72 * 3600}, {}, {}},
                                                 {aftercare::symptom::pus, std::chrono::seconds{30 * 3600}, {}, {}}};
    aftercare::patient_history history;
    history.conditions.insert(aftercare::condition::rosacea).insert(aftercare::condition::tan);
    std::size_t sink = 0;
    std::function<void()> f;
    if (op == "make_plan") f = [&] { const aftercare::plan p = aftercare::make_plan(t, protocol);
        sink += p.entries().size(); };
    else if (op == "make_plan_modified") f = [&] {  // skin type V: the sun restriction's modifiers apply
        aftercare::treatment m = t;
        m.skin_type = aftercare::skin_type{5};
        const aftercare::plan p = aftercare::make_plan(m, protocol);
        sink += p.entries().size(); };
    else if (op == "make_plan_heavy") f = [&] {  // RF on the eyes with PRP, skin type V, both histories: most modifiers apply
        aftercare::treatment m = t;
        m.device = aftercare::device::rf;
        m.area = aftercare::area::periorbital;
        m.depth = 0.5_mm;
        m.skin_type = aftercare::skin_type{5};
        m.adjuncts.insert(aftercare::adjunct::prp);
        m.history.insert(aftercare::history_flag::cold_sore_history).insert(aftercare::history_flag::pigmentation_history);
        const aftercare::plan p = aftercare::make_plan(m, protocol);
        sink += p.entries().size(); };
    else if (op == "schedule") f = [&] { const aftercare::reminder_schedule s = aftercare::schedule(plan, {.zone = london, .morning = {}, .midday = {}, .evening = {}, .bedtime = {}, .horizon = {}});
        sink += s.reminders().size(); };
    else if (op == "to_json_plan") f = [&] { sink += aftercare::to_json(plan, {.zone = london}).size(); };
    else if (op == "to_json_schedule") f = [&] { sink += aftercare::to_json(sched).size(); };
    else if (op == "to_json_plan_dom") f = [&] { sink += aftercare::reference::to_json_dom(plan, {.zone = london}).size(); };
    else if (op == "to_json_schedule_dom") f = [&] { sink += aftercare::reference::to_json_dom(sched).size(); };
    else if (op == "triage") f = [&] { sink += aftercare::triage(plan, reports).reports.size(); };
    else if (op == "screen") f = [&] { sink += aftercare::screen(history, t, date::year{2026} / 11 / 20).findings.size(); };
    else {
        std::fprintf(stderr, "unknown OP %s\n", op.c_str());
        return 2;
    }
    f();
    const std::size_t a0 = bench::allocations;
    CALLGRIND_ZERO_STATS;
    CALLGRIND_START_INSTRUMENTATION;
    for (int i = 0; i < n; ++i) f();
    CALLGRIND_STOP_INSTRUMENTATION;
    std::printf("%s: %zu allocations per call (sink %zu)\n", op.c_str(), (bench::allocations - a0) / static_cast<std::size_t>(n), sink);
    return 0;
}
