// reminders.hpp: local times, the daylight-saving rule, quiet hours, series, preferences.
#include "protocol/protocol_data.hpp"
#include "test_support.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include <map>
#include <set>
#include <thread>
#include <vector>

using namespace aftercare;
using namespace aftercare::test;
namespace bdata = boost::unit_test::data;

namespace {

std::chrono::minutes hm(int hh, int mm) { return std::chrono::hours{hh} + std::chrono::minutes{mm}; }

/// The example treatment, ended at `when` local time in `zone`.
treatment treated_at(const char* zone, date::local_seconds when) {
    treatment t = example();
    t.treated_at = to_utc(when, *locate_zone(zone));
    return t;
}

preferences prefs_in(const char* zone) {
    preferences p;
    p.zone = locate_zone(zone);
    return p;
}

const reminder& find(const reminder_schedule& s, std::string_view code) {
    for (const reminder& r : s.reminders()) {
        if (r.code == code) return r;
    }
    BOOST_FAIL("no reminder " << code);
    throw;  // unreachable
}

const reminder_series& find_series(const reminder_schedule& s, std::string_view code) {
    for (const reminder_series& x : s.series()) {
        if (x.code == code) return x;
    }
    BOOST_FAIL("no series " << code);
    throw;  // unreachable
}

std::string rfc(date::sys_seconds t, const reminder_schedule& s) { return format_rfc3339(t, s.zone()); }

std::chrono::seconds time_of_day(date::local_seconds t) { return t - date::floor<date::days>(t); }

/// The expansion a calendar does: the series' first wall-clock time on each of `count` days,
/// each resolved by the DST rule — computed here independently of the library's loop.
std::vector<date::sys_seconds> expand(const reminder_series& x, const zone_rules& zone) {
    std::vector<date::sys_seconds> out;
    for (std::size_t i = 0; i < x.count(); ++i) out.push_back(to_utc(x.first + date::days{static_cast<int>(i)}, zone));
    return out;
}

// --- the DST rule on four zones --------------------------------------------------------------

// The DST table (test_support.hpp): each wall time is used as the morning slot on that day.

}  // namespace

BOOST_AUTO_TEST_SUITE(reminders_tests)

static_assert(all_values<reminder_kind>().size() == 4 && all_values<reminder_anchor>().size() == 2);
static_assert(std::is_nothrow_copy_constructible_v<reminder_schedule> && std::is_nothrow_move_constructible_v<reminder_schedule>);
static_assert(std::is_aggregate_v<preferences> && std::is_aggregate_v<reminder> && std::is_aggregate_v<reminder_series>);
static_assert(std::regular<routine_times>);

BOOST_AUTO_TEST_CASE(kind_and_anchor_codes_are_stable) {
    BOOST_TEST(to_string(reminder_kind::check_in) == "check_in");
    BOOST_TEST(to_string(reminder_anchor::wall_clock) == "wall_clock");
    BOOST_TEST((parse_code<reminder_kind>("lifted") == reminder_kind::lifted));
    const auto e = expect_throw<invalid_value>([] { (void)parse_code<reminder_kind>("alarm"); });
    BOOST_TEST(e.allowed() == "routine, lifted, check_in, milestone");
}

// The example: pen 1.0 mm, ended Sat 2026-11-21 14:00 in London (GMT, +00:00), default day.
BOOST_AUTO_TEST_CASE(example_schedule_puts_each_kind_at_local_times) {
    const reminder_schedule s = schedule(make_plan(example()), prefs_in("Europe/London"));
    BOOST_TEST(s.zone()->name() == "Europe/London");
    // The next-session window without an indication opens at 28 d (course.without_indication), after the
    // last restriction lifts at 14 d.
    BOOST_TEST(rfc(*s.horizon(), s) == "2026-12-19T14:00:00+00:00");

    // Daily care at wall-clock times, from the day care starts to the day it ends.
    const reminder_series& cleanse_am = find_series(s, "care.cleanse.morning");  // 24 h to 72 h
    BOOST_TEST((cleanse_am.first == local(2026, 11, 23, 7, 30)));
    BOOST_TEST(cleanse_am.count() == 2u);
    BOOST_TEST(rrule(cleanse_am) == "FREQ=DAILY;COUNT=2");
    const reminder_series& cleanse_pm = find_series(s, "care.cleanse.evening");
    BOOST_TEST((cleanse_pm.first == local(2026, 11, 22, 21, 0)));
    BOOST_TEST(cleanse_pm.count() == 2u);
    BOOST_TEST(find_series(s, "care.moisturise.morning").count() == 6u);  // to 168 h: 23–28 Nov
    const reminder_series& spf = find_series(s, "care.sunscreen.morning");
    BOOST_TEST((spf.first == local(2026, 11, 23, 7, 30)));                // mineral SPF from 24 h
    BOOST_TEST(spf.count() == 13u);                                      // to 336 h: 23 Nov – 5 Dec
    const reminder_series& midday = find_series(s, "care.sunscreen_reapply.midday");
    BOOST_TEST((midday.first == local(2026, 11, 23, 13, 0)));            // 22 Nov 13:00 is before 24 h
    BOOST_TEST(midday.count() == 9u);                                    // while sun protection is strict: to 240 h
    BOOST_TEST(rfc(midday.instants.back(), s) == "2026-12-01T13:00:00+00:00");

    // One-offs: elapsed (first wash 6 h after) and at a slot (pillowcase at bedtime).
    const reminder& wash = find(s, "care.first_wash");
    BOOST_TEST(rfc(wash.at, s) == "2026-11-21T20:00:00+00:00");
    BOOST_TEST((wash.anchor == reminder_anchor::elapsed && wash.kind == reminder_kind::routine && !wash.series));
    const reminder& pillow = find(s, "care.pillowcase");
    BOOST_TEST(rfc(pillow.at, s) == "2026-11-21T22:00:00+00:00");
    BOOST_TEST((pillow.anchor == reminder_anchor::wall_clock && pillow.slot == routine_slot::bedtime));

    // A notice when each stage lifts, with its text.
    const reminder& mineral = find(s, "restriction.makeup.none.lifted");
    BOOST_TEST(rfc(mineral.at, s) == "2026-11-22T14:00:00+00:00");
    BOOST_TEST((mineral.kind == reminder_kind::lifted && mineral.entry == "restriction.makeup"));
    BOOST_TEST(mineral.text.starts_with("Mineral makeup is fine from now"));
    BOOST_TEST(rfc(find(s, "restriction.makeup.mineral_only.lifted").at, s) == "2026-11-23T14:00:00+00:00");
    BOOST_TEST(rfc(find(s, "restriction.sun.strict.lifted").at, s) == "2026-12-01T14:00:00+00:00");

    // Check-ins at 24 h, 72 h and 7 d.
    BOOST_TEST(rfc(find(s, "check_in.24h").at, s) == "2026-11-22T14:00:00+00:00");
    BOOST_TEST(rfc(find(s, "check_in.72h").at, s) == "2026-11-24T14:00:00+00:00");
    BOOST_TEST(rfc(find(s, "check_in.7d").at, s) == "2026-11-28T14:00:00+00:00");
    BOOST_TEST(rfc(find(s, "milestone.normal_skincare").at, s) == "2026-11-28T14:00:00+00:00");

    // Sorted by instant; local is the wall clock of at; every reminder cites sources.
    const auto all = s.reminders();
    for (std::size_t i = 0; i < all.size(); ++i) {
        BOOST_TEST_CONTEXT(all[i].code) {
            if (i > 0) BOOST_TEST((all[i - 1].at <= all[i].at));
            BOOST_TEST((all[i].local == to_local(all[i].at, *s.zone())));
            BOOST_TEST(!all[i].sources.empty());
            BOOST_TEST(!all[i].title.empty());
            BOOST_TEST((all[i].at <= *s.horizon() || all[i].due <= *s.horizon()));
        }
    }
}

BOOST_AUTO_TEST_CASE(check_ins_ask_about_the_symptoms_triage_knows) {
    const reminder_schedule s = schedule(make_plan(example()), prefs_in("Europe/London"));
    const reminder& c = find(s, "check_in.24h");
    BOOST_TEST((c.kind == reminder_kind::check_in && c.anchor == reminder_anchor::elapsed && c.entry.empty()));
    const auto& d = default_protocol().data();
    for (symptom x : all_values<symptom>()) {
        BOOST_TEST(c.text.find(d.symptoms[static_cast<std::size_t>(x)].title) != std::string_view::npos, to_string(x));
    }
    for (std::string_view sign_text : d.signs) BOOST_TEST(c.text.find(sign_text) != std::string_view::npos, sign_text);
    BOOST_TEST(c.text.starts_with("One day after your treatment"));
    const reminder& week = find(s, "check_in.7d");
    BOOST_TEST((std::find(week.sources.begin(), week.sources.end(), "CHU21") != week.sources.end()));  // the 7-day ceiling
    std::set<std::string_view> keys(week.sources.begin(), week.sources.end());
    BOOST_TEST(keys.size() == week.sources.size());  // de-duplicated
}

BOOST_AUTO_TEST_CASE(a_clinic_can_narrow_a_check_in_to_some_symptoms) {
    const std::string text = replace_once(std::string(default_protocol_text()), "\"code\": \"check_in.24h\",",
                                          "\"code\": \"check_in.24h\", \"symptoms\": [\"redness\", \"pus\"],");
    const protocol p = parse_protocol(text, "clinic.json");
    const reminder_schedule s = schedule(make_plan(example(), p), prefs_in("Europe/London"));
    const reminder& c = find(s, "check_in.24h");
    BOOST_TEST(c.text.find("Symptoms to look for: Redness; Pus or yellow crusts.") != std::string_view::npos, c.text);
    BOOST_TEST(c.text.find("Swelling") == std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(check_ins_in_a_protocol_are_parsed_strictly) {
    const std::string base(default_protocol_text());
    struct bad {
        const char* from;
        const char* to;
        const char* pointer;
        const char* message;
    };
    const bad cases[] = {
        {"\"code\": \"check_in.24h\",", "\"code\": \"check_in.24h\", \"when\": {},", "/check_ins/0/when", "unknown key \"when\""},
        {"\"code\": \"check_in.24h\",", "\"code\": \"checkin_24h\",", "/check_ins/0/code", "expected a code \"check_in.name\""},
        {"\"code\": \"check_in.72h\",", "\"code\": \"check_in.24h\",", "/check_ins/1/code", "duplicate code \"check_in.24h\""},
        {"\"value\": 24,\n        \"basis\": \"synthesis\"", "\"value\": -24,\n        \"basis\": \"synthesis\"", "/check_ins/0/at_h/value",
         "expected hours >= 0"},
        {"\"code\": \"check_in.24h\",", "\"code\": \"check_in.24h\", \"symptoms\": [\"headache\"],", "/check_ins/0/symptoms/0",
         "expected one of redness"},
        {"\"sources\": [\"CHU21\", \"MARTIN21\", \"GRANULOMA7D\"]\n    }", "\"sources\": [\"CHU21\", \"NOSUCH\"]\n    }", "/check_ins/2/sources/1",
         "unknown source \"NOSUCH\""},
    };
    for (const bad& c : cases) {
        BOOST_TEST_CONTEXT(c.to) {
            const auto e = expect_throw<protocol_error>([&] { (void)parse_protocol(replace_once(base, c.from, c.to), "clinic.json"); });
            BOOST_TEST(e.pointer() == c.pointer);
            BOOST_TEST(std::string(e.what()).find(c.message) != std::string::npos, e.what());
            BOOST_TEST(e.line() > 0u);
        }
    }
    // A protocol without check-ins (a clinic's own) is fine: it has no check-in reminders.
    const protocol minimal = load_protocol(AFTERCARE_TEST_DATA_DIR "/minimal_protocol.json");
    treatment t = example(0.5_mm);
    const reminder_schedule s = schedule(make_plan(t, minimal), prefs_in("Europe/London"));
    BOOST_TEST(!s.reminders().empty());
    for (const reminder& r : s.reminders()) BOOST_TEST((r.kind != reminder_kind::check_in));
}

// --- the DST rule ------------------------------------------------------------------------------

// The morning slot on the day the clocks change, from a treatment two days before (sunscreen
// starts 24 h after): a nonexistent time moves forward by the gap, an ambiguous one takes the
// earlier instant.
BOOST_DATA_TEST_CASE(wall_clock_reminders_follow_the_dst_rule, bdata::make(dst_cases), c) {
    const date::time_zone* zone = locate_zone(c.zone);
    BOOST_TEST((classify(c.wall, *zone) == c.kind));
    const date::local_days change_day = date::floor<date::days>(c.wall);
    preferences p;
    p.zone = zone;
    p.wake = hm(0, 30);
    p.bed = hm(23, 0);
    p.morning = std::chrono::duration_cast<std::chrono::minutes>(c.wall - change_day);
    const reminder_schedule s = schedule(make_plan(treated_at(c.zone, change_day - date::days{2} + std::chrono::hours{12})), p);
    const reminder_series& spf = find_series(s, "care.sunscreen.morning");
    BOOST_TEST((spf.first == c.wall));
    BOOST_TEST(rfc(spf.instants.front(), s) == c.expected);
    // The calendar's expansion of DTSTART + RRULE is the concrete list.
    BOOST_TEST((expand(spf, os_zone_rules(*zone)) == std::vector<date::sys_seconds>(spf.instants.begin(), spf.instants.end())));
    // Every other day the slot reads as the same wall-clock time.
    for (std::size_t i = 1; i < spf.count(); ++i) BOOST_TEST((time_of_day(to_local(spf.instants[i], *zone)) == *p.morning));
}

BOOST_AUTO_TEST_CASE(wall_clock_stays_local_across_a_dst_change) {
    // London, treated Tue 2026-10-20 10:00 BST; the clocks go back on Sun 25 Oct.
    const reminder_schedule s = schedule(make_plan(treated_at("Europe/London", local(2026, 10, 20, 10, 0))), prefs_in("Europe/London"));
    const reminder_series& spf = find_series(s, "care.sunscreen.morning");
    std::map<std::int64_t, int> gaps;  // hours between consecutive reminders -> how often
    for (std::size_t i = 0; i < spf.count(); ++i) {
        BOOST_TEST((time_of_day(to_local(spf.instants[i], *s.zone())) == hm(7, 30)));
        if (i > 0) ++gaps[std::chrono::duration_cast<std::chrono::hours>(spf.instants[i] - spf.instants[i - 1]).count()];
    }
    BOOST_TEST(gaps[25] == 1);  // the night the clocks went back was 25 h long
    BOOST_TEST(gaps[24] == static_cast<int>(spf.count()) - 2);
    BOOST_TEST(rfc(spf.instants.front(), s) == "2026-10-22T07:30:00+01:00");
    BOOST_TEST(rfc(spf.instants.back(), s) == "2026-11-03T07:30:00+00:00");
}

BOOST_AUTO_TEST_CASE(elapsed_time_stays_elapsed_across_a_dst_change) {
    // Treated Sat 2026-10-24 14:00 BST (13:00 UTC). 72 h later the clocks read an hour earlier.
    const treatment t = treated_at("Europe/London", local(2026, 10, 24, 14, 0));
    const reminder_schedule s = schedule(make_plan(t), prefs_in("Europe/London"));
    const reminder& exercise = find(s, "restriction.exercise.none.lifted");
    BOOST_TEST((exercise.anchor == reminder_anchor::elapsed));
    BOOST_TEST((exercise.at - *t.treated_at == std::chrono::hours{72}));
    BOOST_TEST(rfc(exercise.at, s) == "2026-10-27T13:00:00+00:00");
    BOOST_TEST(rfc(find(s, "check_in.24h").at, s) == "2026-10-25T13:00:00+00:00");  // 24 h, across the change
    // …while the wall-clock routine of the same plan stays at 07:30 and 21:00.
    for (const reminder& r : s.reminders()) {
        if (r.slot == routine_slot::morning) BOOST_TEST((time_of_day(r.local) == hm(7, 30)));
        if (r.slot == routine_slot::evening) BOOST_TEST((time_of_day(r.local) == hm(21, 0)));
    }
    // Spring forward in New York: treated Sat 2026-03-07 15:00 EST, 72 h later is 16:00 EDT.
    const treatment ny = treated_at("America/New_York", local(2026, 3, 7, 15, 0));
    const reminder_schedule sn = schedule(make_plan(ny), prefs_in("America/New_York"));
    BOOST_TEST(rfc(find(sn, "check_in.72h").at, sn) == "2026-03-10T16:00:00-04:00");
}

// --- quiet hours --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(elapsed_reminders_in_quiet_hours_move_to_the_next_wake_time) {
    // Treated 23:00: the first wash (6 h) falls at 05:00, the 24 h check-in at 23:00 next day.
    const treatment t = treated_at("Europe/London", local(2026, 11, 21, 23, 0));
    const reminder_schedule s = schedule(make_plan(t), prefs_in("Europe/London"));
    const reminder& wash = find(s, "care.first_wash");
    BOOST_TEST(rfc(wash.due, s) == "2026-11-22T05:00:00+00:00");
    BOOST_TEST(rfc(wash.at, s) == "2026-11-22T07:00:00+00:00");  // same day's wake time
    const reminder& day1 = find(s, "check_in.24h");
    BOOST_TEST(rfc(day1.due, s) == "2026-11-22T23:00:00+00:00");
    BOOST_TEST(rfc(day1.at, s) == "2026-11-23T07:00:00+00:00");  // next day's wake time
    BOOST_TEST(rfc(find(s, "restriction.makeup.none.lifted").at, s) == "2026-11-23T07:00:00+00:00");
    // The pillowcase (bedtime, 22:00) from a treatment after 22:00 is the next night.
    BOOST_TEST(rfc(find(s, "care.pillowcase").at, s) == "2026-11-22T22:00:00+00:00");

    // Bed is the start of quiet hours, wake the end.
    const reminder_schedule at_bed = schedule(make_plan(treated_at("Europe/London", local(2026, 11, 21, 22, 30))), prefs_in("Europe/London"));
    BOOST_TEST(rfc(find(at_bed, "check_in.24h").at, at_bed) == "2026-11-23T07:00:00+00:00");
    const reminder_schedule at_wake = schedule(make_plan(treated_at("Europe/London", local(2026, 11, 21, 7, 0))), prefs_in("Europe/London"));
    const reminder& on_time = find(at_wake, "check_in.24h");
    BOOST_TEST(rfc(on_time.at, at_wake) == "2026-11-22T07:00:00+00:00");
    BOOST_TEST((on_time.at == on_time.due));
}

// Treatments at every quarter hour of a day, in zones with and without DST, on a DST day: no
// reminder is ever shown in quiet hours, and a moved one comes at the first wake time after it was due.
BOOST_DATA_TEST_CASE(no_reminder_is_shown_in_quiet_hours,
                     bdata::make({"Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Tokyo"}) *
                         bdata::make({local(2026, 3, 28, 0, 0), local(2026, 10, 24, 0, 0), local(2026, 4, 4, 0, 0), local(2026, 11, 21, 0, 0)}),
                     zone_name, day) {
    const preferences p = prefs_in(zone_name);
    const routine_times times = resolve_times(p);
    for (int quarter = 0; quarter < 96; quarter += 5) {
        const reminder_schedule s = schedule(make_plan(treated_at(zone_name, day + std::chrono::minutes{15 * quarter})), p);
        for (const reminder& r : s.reminders()) {
            BOOST_TEST_CONTEXT(r.code << " due " << rfc(r.due, s)) {
                const auto tod = time_of_day(r.local);
                BOOST_TEST((tod >= times.wake && tod < times.bed));
                BOOST_TEST((r.at >= r.due));
                if (r.anchor == reminder_anchor::wall_clock) BOOST_TEST((r.at == r.due));
                if (r.at != r.due) {
                    BOOST_TEST((r.at - r.due < std::chrono::hours{24}));
                    BOOST_TEST((tod == times.wake));  // moved to a wake time
                    const auto due_tod = time_of_day(to_local(r.due, *p.zone));
                    BOOST_TEST((due_tod >= times.bed || due_tod < times.wake));  // only from quiet hours
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_wake_time_that_does_not_exist_moves_forward_by_the_gap) {
    // New York, 2026-03-08: 02:00 EST -> 03:00 EDT. Wake at 02:30 that day is 03:30 EDT.
    preferences p = prefs_in("America/New_York");
    p.wake = hm(2, 30);
    p.bed = hm(23, 0);
    // Treated 2026-03-07 01:00 EST: the 24 h check-in is due 2026-03-08 01:00 EST, in quiet hours.
    const reminder_schedule s = schedule(make_plan(treated_at("America/New_York", local(2026, 3, 7, 1, 0))), p);
    const reminder& c = find(s, "check_in.24h");
    BOOST_TEST(rfc(c.due, s) == "2026-03-08T01:00:00-05:00");
    BOOST_TEST(rfc(c.at, s) == "2026-03-08T03:30:00-04:00");
}

// --- series -------------------------------------------------------------------------------------

BOOST_DATA_TEST_CASE(series_expansion_equals_the_concrete_list,
                     bdata::make({"Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Tokyo", "UTC"}) *
                         bdata::make({local(2026, 3, 22, 9, 15), local(2026, 3, 27, 18, 0), local(2026, 10, 20, 11, 0),
                                      local(2026, 9, 30, 16, 45), local(2026, 4, 1, 8, 0)}),
                     zone_name, when) {
    treatment t = treated_at(zone_name, when);
    t.skin_type = skin_type{5};  // four weeks of daily SPF: the series cross more changes
    t.history = {history_flag::cold_sore_history};
    const reminder_schedule s = schedule(make_plan(t), prefs_in(zone_name));
    BOOST_TEST(s.series().size() >= 7u);
    std::multiset<std::pair<std::string_view, date::sys_seconds>> from_series, from_list;
    for (const reminder_series& x : s.series()) {
        BOOST_TEST((expand(x, *s.zone()) == std::vector<date::sys_seconds>(x.instants.begin(), x.instants.end())), x.code);
        BOOST_TEST((x.first == to_local(x.instants.front(), *s.zone()) || classify(x.first, *s.zone()) != local_resolution::unique));
        for (date::sys_seconds at : x.instants) from_series.emplace(x.code, at);
    }
    for (const reminder& r : s.reminders()) {
        if (r.series) {
            BOOST_TEST(s.series()[*r.series].code == r.code);
            from_list.emplace(r.code, r.at);
        } else {
            BOOST_TEST(r.code.find(".morning") == std::string_view::npos);  // one-offs are not daily care
        }
    }
    BOOST_TEST((from_series == from_list));
}

BOOST_AUTO_TEST_CASE(daily_series_include_the_days_whose_slot_falls_inside_the_care_window) {
    // Cleanse from 24 h to 72 h. Treated 07:00: the window is 07:00 day 1 to 07:00 day 3.
    // The 07:30 morning slot is inside on days 1 and 2; on day 3 it is after the end.
    const reminder_schedule s = schedule(make_plan(treated_at("Asia/Tokyo", local(2026, 5, 10, 7, 0))), prefs_in("Asia/Tokyo"));
    const reminder_series& am = find_series(s, "care.cleanse.morning");
    BOOST_TEST((am.first == local(2026, 5, 11, 7, 30)));
    BOOST_TEST(am.count() == 2u);
    // An end exactly at the slot time excludes that day: treated 07:30, the window ends 07:30 day 3.
    const reminder_schedule s2 = schedule(make_plan(treated_at("Asia/Tokyo", local(2026, 5, 10, 7, 30))), prefs_in("Asia/Tokyo"));
    const reminder_series& am2 = find_series(s2, "care.cleanse.morning");
    BOOST_TEST((am2.first == local(2026, 5, 11, 7, 30)));  // the start is included
    BOOST_TEST(am2.count() == 2u);
}

// A regression guard for the cached conversions: the window opens inside the repeated hour of a
// fall-back, after the first reading of the slot's wall-clock time. That day's slot resolves (DST
// rule: the earlier reading) to before the window, so the series starts the next day — as the
// calendar's expansion of DTSTART + RRULE would say.
BOOST_AUTO_TEST_CASE(a_series_whose_window_opens_in_the_repeated_hour_starts_the_next_day) {
    const date::time_zone* london = locate_zone("Europe/London");
    preferences p;
    p.zone = london;
    p.wake = std::chrono::minutes{0};
    p.bed = hm(23, 59);
    p.morning = hm(1, 30);
    // Sunscreen starts 24 h after treatment: at 01:10 UTC on 25 Oct, the second 01:10 (GMT).
    treatment t = example();
    t.treated_at = date::sys_days{date::October / 24 / 2026} + hm(1, 10);
    const reminder_schedule s = schedule(make_plan(t), p);
    const reminder_series& spf = find_series(s, "care.sunscreen.morning");
    BOOST_TEST((spf.first == local(2026, 10, 26, 1, 30)));
    BOOST_TEST(rfc(spf.instants.front(), s) == "2026-10-26T01:30:00+00:00");
    BOOST_TEST((expand(spf, os_zone_rules(*london)) == std::vector<date::sys_seconds>(spf.instants.begin(), spf.instants.end())));
}

// --- horizon ------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_horizon_cuts_reminders_and_series) {
    const treatment t = example();
    preferences p = prefs_in("Europe/London");
    p.horizon = std::chrono::hours{48};
    const reminder_schedule s = schedule(make_plan(t), p);
    BOOST_TEST(rfc(*s.horizon(), s) == "2026-11-23T14:00:00+00:00");
    for (const reminder& r : s.reminders()) BOOST_TEST((r.due <= *s.horizon()), r.code);
    BOOST_TEST(find_series(s, "care.sunscreen.morning").count() == 1u);  // 23 Nov 07:30 only
    BOOST_TEST(rfc(find(s, "restriction.makeup.mineral_only.lifted").at, s) == "2026-11-23T14:00:00+00:00");  // due at the horizon: kept

    p.horizon = std::chrono::hours{0};
    const reminder_schedule none = schedule(make_plan(t), p);
    BOOST_TEST(none.reminders().empty());
}

BOOST_AUTO_TEST_CASE(default_horizon_reaches_the_next_course_milestone) {
    treatment t = example();
    t.indication = indication::acne_scars;  // 3 sessions, 4 weeks apart, assessed 3 months after the last
    const reminder_schedule first = schedule(make_plan(t), prefs_in("Europe/London"));
    const reminder& next = find(first, "milestone.next_session");
    BOOST_TEST((next.kind == reminder_kind::milestone && next.anchor == reminder_anchor::elapsed));
    BOOST_TEST(rfc(next.at, first) == "2026-12-19T14:00:00+00:00");         // 4 weeks
    BOOST_TEST(rfc(*next.window_end, first) == "2027-01-02T14:00:00+00:00");  // up to 6 weeks
    BOOST_TEST((*first.horizon() == next.due));
    for (const reminder& r : first.reminders()) BOOST_TEST(r.code != "milestone.final_assessment");  // next session's plan has it

    t.session = 3;  // the last session: the final assessment is the next milestone
    const reminder_schedule last = schedule(make_plan(t), prefs_in("Europe/London"));
    BOOST_TEST(rfc(find(last, "milestone.final_assessment").at, last) == "2027-02-19T14:00:00+00:00");  // 90 d
    for (const reminder& r : last.reminders()) BOOST_TEST(r.code != "milestone.next_session");
}

// --- preferences --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(preference_defaults_come_from_wake_and_bed) {
    const routine_times d = resolve_times({});
    BOOST_TEST((d.wake == hm(7, 0) && d.bed == hm(22, 30)));
    BOOST_TEST((d.at(routine_slot::morning) == hm(7, 30)));
    BOOST_TEST((d.at(routine_slot::midday) == hm(13, 0)));
    BOOST_TEST((d.at(routine_slot::evening) == hm(21, 0)));
    BOOST_TEST((d.at(routine_slot::bedtime) == hm(22, 0)));

    preferences late;
    late.wake = hm(11, 0);
    late.bed = hm(23, 59);
    const routine_times l = resolve_times(late);
    BOOST_TEST((l.at(routine_slot::morning) == hm(11, 30) && l.at(routine_slot::midday) == hm(13, 0)));
    late.wake = hm(14, 0);  // 13:00 is before waking: halfway between morning and evening
    const routine_times l2 = resolve_times(late);
    BOOST_TEST((l2.at(routine_slot::midday) == hm(14, 30) + (hm(22, 29) - hm(14, 30)) / 2));

    preferences tiny;  // a very short day: defaults are clamped into waking hours
    tiny.wake = hm(7, 0);
    tiny.bed = hm(7, 30);
    const routine_times tt = resolve_times(tiny);
    for (routine_slot slot : all_values<routine_slot>()) BOOST_TEST((tt.at(slot) >= tiny.wake && tt.at(slot) < tiny.bed), to_string(slot));

    preferences given;
    given.morning = hm(8, 15);
    given.evening = hm(20, 0);
    const routine_times g = resolve_times(given);
    BOOST_TEST((g.at(routine_slot::morning) == hm(8, 15) && g.at(routine_slot::evening) == hm(20, 0)));
}

BOOST_AUTO_TEST_CASE(bad_preferences_name_the_field_value_and_what_is_allowed) {
    struct bad {
        preferences p;
        const char* field;
        const char* value;
        const char* message;
    };
    preferences wake_after_bed;
    wake_after_bed.wake = hm(23, 0);
    preferences equal;
    equal.wake = hm(22, 30);
    preferences wake_24;
    wake_24.wake = hm(24, 0);
    preferences bed_negative;
    bed_negative.bed = std::chrono::minutes{-30};
    preferences early_morning;
    early_morning.morning = hm(6, 0);
    preferences midday_at_bed;
    midday_at_bed.midday = hm(22, 30);
    preferences late_bedtime;
    late_bedtime.bedtime = hm(23, 15);
    preferences negative_horizon;
    negative_horizon.horizon = std::chrono::hours{-1};
    const bad cases[] = {
        {wake_after_bed, "wake", "23:00", "wake 23:00 is not before bed 22:30"},
        {equal, "wake", "22:30", "wake 22:30 is not before bed 22:30"},
        {wake_24, "wake", "1440 min", "wake 1440 min is not a time of day 00:00–23:59"},
        {bed_negative, "bed", "-30 min", "bed -30 min is not a time of day"},
        {early_morning, "morning", "06:00", "morning 06:00 is outside waking hours 07:00–22:30"},
        {midday_at_bed, "midday", "22:30", "midday 22:30 is outside waking hours"},
        {late_bedtime, "bedtime", "23:15", "bedtime 23:15 is outside waking hours"},
        {negative_horizon, "horizon", "-60 min", "horizon -60 min is negative"},
    };
    for (const bad& c : cases) {
        BOOST_TEST_CONTEXT(c.message) {
            const auto e = expect_throw<invalid_value>([&] { (void)resolve_times(c.p); });
            BOOST_TEST(e.field() == c.field);
            BOOST_TEST(e.value() == c.value);
            BOOST_TEST(!e.allowed().empty());
            BOOST_TEST(std::string(e.what()).find(c.message) != std::string::npos, e.what());
            (void)expect_throw<invalid_value>([&] { (void)schedule(make_plan(example()), c.p); });  // schedule checks too
        }
    }
}

BOOST_AUTO_TEST_CASE(a_zone_is_required_only_with_a_treatment_time) {
    const auto e = expect_throw<invalid_value>([] { (void)schedule(make_plan(example()), preferences{}); });
    BOOST_TEST(e.field() == "zone");
    BOOST_TEST(std::string(e.what()).find("zone is required") != std::string::npos);
    treatment relative = example();
    relative.treated_at.reset();
    const reminder_schedule s = schedule(make_plan(relative));
    BOOST_TEST(s.reminders().empty());
    BOOST_TEST(s.series().empty());
    BOOST_TEST(!s.horizon().has_value());
    BOOST_TEST((s.times() == resolve_times({})));
}

// --- values and threads -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(schedule_is_deterministic_and_keeps_its_plan_alive) {
    const preferences p = prefs_in("Australia/Lord_Howe");
    std::string first;
    {
        const reminder_schedule s = schedule(make_plan(example()), p);  // the plan is a temporary
        first = to_json(s);
        BOOST_TEST(s.plan().find("care.cleanse") != nullptr);
        const reminder_schedule copy = s;
        BOOST_TEST(&copy.data() == &s.data());
    }
    BOOST_TEST(to_json(schedule(make_plan(example()), p)) == first);
}

BOOST_AUTO_TEST_CASE(schedule_is_thread_safe) {
    const plan shared = make_plan(example());
    const std::array<const char*, 4> zones{"Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Tokyo"};
    std::array<std::string, 4> expected;
    for (std::size_t z = 0; z < zones.size(); ++z) expected[z] = to_json(schedule(shared, prefs_in(zones[z])));
    std::vector<std::thread> threads;
    std::array<int, 8> mismatches{};
    for (std::size_t i = 0; i < mismatches.size(); ++i) {
        threads.emplace_back([&, i] {
            for (int k = 0; k < 20; ++k) {
                const std::size_t z = (i + static_cast<std::size_t>(k)) % zones.size();
                if (to_json(schedule(shared, prefs_in(zones[z]))) != expected[z]) ++mismatches[i];
            }
        });
    }
    for (auto& th : threads) th.join();
    for (int m : mismatches) BOOST_TEST(m == 0);
}

BOOST_AUTO_TEST_SUITE_END()
