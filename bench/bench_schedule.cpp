// schedule() and the .ics/JSON writers, against the loop a user would write instead: each
// reminder's local time resolved on its own through date::zoned_time (by zone name, or with the
// zone pointer), codes kept as std::string.
// Run: make bench   (or ./build/bench/bench_schedule)
#include "bench_support.hpp"

#include <aftercare/aftercare.hpp>

#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

using std::chrono::minutes;

struct naive_reminder {
    std::string code;
    date::sys_seconds at;
};

// What a user would write: the same reminders (daily slots, lifts, one-offs), each time resolved
// by constructing a date::zoned_time. `Zone` is a zone name (looked up every time) or a pointer.
template <class Zone>
std::vector<naive_reminder> naive_schedule(const aftercare::plan& p, Zone zone, minutes wake, minutes bed,
                                           const std::array<minutes, 4>& slots) {
    std::vector<naive_reminder> out;
    const date::sys_seconds t0 = *p.treatment().treated_at;
    auto local_of = [&](date::sys_seconds t) { return date::zoned_time<std::chrono::seconds>{zone, t}.get_local_time(); };
    auto utc_of = [&](date::local_seconds l) { return date::zoned_time<std::chrono::seconds>{zone, l, date::choose::earliest}.get_sys_time(); };
    auto quiet = [&](date::sys_seconds due) {
        const auto l = local_of(due);
        const auto day = date::floor<date::days>(l);
        if (l - day >= bed) return utc_of(day + date::days{1} + wake);
        if (l - day < wake) return utc_of(day + wake);
        return due;
    };
    for (const aftercare::entry& e : p.entries()) {
        if (e.kind == aftercare::entry_kind::restriction) {
            for (const aftercare::stage& s : e.stages) out.push_back({std::string(s.code) + ".lifted", quiet(t0 + s.until)});
        } else if (e.remind == aftercare::reminder_mode::daily && e.end) {
            for (aftercare::routine_slot slot : e.slots) {
                const minutes at = slots[static_cast<std::size_t>(slot)];
                auto day = date::floor<date::days>(local_of(t0 + e.onset));
                for (auto t = utc_of(day + at); t < t0 + *e.end; day += date::days{1}, t = utc_of(day + at)) {
                    if (t >= t0 + e.onset) out.push_back({std::string(e.code) + "." + std::string(aftercare::to_string(slot)), t});
                }
            }
        } else if (e.remind == aftercare::reminder_mode::once) {
            out.push_back({std::string(e.code), quiet(t0 + e.onset)});
        }
    }
    for (int h : {24, 72, 168}) out.push_back({"check_in." + std::to_string(h), quiet(t0 + std::chrono::hours{h})});
    return out;
}

}  // namespace

int main() {
    using namespace aftercare::literals;
    aftercare::treatment t;
    t.device = aftercare::device::pen;
    t.depth = 1.0_mm;
    t.skin_type = aftercare::skin_type{4};  // four weeks of SPF: longer series
    t.indication = aftercare::indication::acne_scars;
    const auto* london = aftercare::locate_zone("Europe/London");
    t.treated_at = aftercare::to_utc(aftercare::parse_local_time("2026-10-20T14:00", "treated_at"), *london);  // across a DST change
    const aftercare::plan plan = aftercare::make_plan(t);
    aftercare::preferences prefs;
    prefs.zone = london;
    const aftercare::reminder_schedule s = aftercare::schedule(plan, prefs);
    const aftercare::routine_times times = s.times();

    std::size_t naive_count = naive_schedule(plan, london, times.wake, times.bed, times.slots).size();
    std::printf("aftercare %s: %zu reminders in %zu series + %zu one-offs (naive loop: %zu), Europe/London across 25 Oct\n",
                AFTERCARE_VERSION_STRING, s.reminders().size(), s.series().size(),
                static_cast<std::size_t>(std::count_if(s.reminders().begin(), s.reminders().end(), [](const auto& r) { return !r.series; })),
                naive_count);

    std::printf("schedule\n");
    bench::report("schedule(plan, prefs) (zone pointer, cached offsets)", bench::measure([&] { (void)aftercare::schedule(plan, prefs); }));
    bench::report("naive: date::zoned_time per reminder, zone pointer", bench::measure([&] {
                      (void)naive_schedule(plan, london, times.wake, times.bed, times.slots);
                  }));
    bench::report("naive: date::zoned_time per reminder, zone by name", bench::measure([&] {
                      (void)naive_schedule(plan, std::string_view("Europe/London"), times.wake, times.bed, times.slots);
                  }));
    bench::report("make_plan + schedule (a new patient)", bench::measure([&] { (void)aftercare::schedule(aftercare::make_plan(t), prefs); }));

    std::printf("export\n");
    bench::report("to_ics(schedule)", bench::measure([&] { (void)aftercare::to_ics(s); }));
    bench::report("to_json(schedule)", bench::measure([&] { (void)aftercare::to_json(s); }));
    bench::report("to_text(schedule)", bench::measure([&] { (void)aftercare::to_text(s); }));

    // Throughput with every core scheduling from one shared plan.
    bench::throughput("schedule", "schedules", 100000, [&] { (void)aftercare::schedule(plan, prefs); });
    return 0;
}
