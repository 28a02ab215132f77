// io/ical.hpp: RFC 5545 text rules, the calendar's layout, VTIMEZONE, determinism.
// (tests/python/test_ics.py parses the files with icalendar and recurring-ical-events.)
#include "io/ical_text.hpp"
#include "../test_support.hpp"

#include <map>
#include <set>
#include <vector>

using namespace aftercare;
using namespace aftercare::test;

namespace {

std::string escaped(std::string_view s) {
    std::string out;
    detail::ical_escape(out, s);
    return out;
}

std::string folded(std::string_view s) {
    std::string out;
    detail::ical_fold(out, s);
    return out;
}

/// The physical lines of `ics`, without their CRLF; fails on a bare LF or CR.
std::vector<std::string> physical_lines(const std::string& ics) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < ics.size()) {
        const auto crlf = ics.find("\r\n", start);
        BOOST_REQUIRE(crlf != std::string::npos);
        const std::string line = ics.substr(start, crlf - start);
        BOOST_TEST(line.find('\n') == std::string::npos);
        BOOST_TEST(line.find('\r') == std::string::npos);
        out.push_back(line);
        start = crlf + 2;
    }
    return out;
}

/// The content lines: physical lines unfolded (RFC 5545 §3.1).
std::vector<std::string> content_lines(const std::string& ics) {
    std::vector<std::string> out;
    for (std::string& l : physical_lines(ics)) {
        if (!l.empty() && l[0] == ' ') {
            BOOST_REQUIRE(!out.empty());
            out.back() += l.substr(1);
        } else {
            out.push_back(std::move(l));
        }
    }
    return out;
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0U) != 0x80U) return false;
        }
        i += n;
    }
    return true;
}

/// The components of a calendar: for each BEGIN:X ... END:X at depth 1 below VCALENDAR, its lines.
std::vector<std::pair<std::string, std::vector<std::string>>> components(const std::vector<std::string>& lines) {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    int depth = 0;
    for (const std::string& l : lines) {
        if (l.starts_with("BEGIN:")) {
            ++depth;
            if (depth == 2) out.emplace_back(l.substr(6), std::vector<std::string>{});
        }
        if (depth >= 2) out.back().second.push_back(l);
        if (l.starts_with("END:")) --depth;
    }
    return out;
}

std::string value_of(const std::vector<std::string>& lines, std::string_view name) {
    for (const std::string& l : lines) {
        if (l.starts_with(name) && (l[name.size()] == ':' || l[name.size()] == ';')) return l.substr(l.find(':') + 1);
    }
    return {};
}

reminder_schedule example_schedule(const char* zone = "Europe/London", std::optional<date::local_seconds> when = std::nullopt) {
    treatment t = example();
    if (when) t.treated_at = to_utc(*when, *locate_zone(zone));
    preferences p;
    p.zone = locate_zone(zone);
    return schedule(make_plan(t), p);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ical_tests)

// --- RFC 5545 text rules ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(text_escaping) {
    BOOST_TEST(escaped("plain text") == "plain text");
    BOOST_TEST(escaped("a\\b;c,d") == "a\\\\b\\;c\\,d");
    BOOST_TEST(escaped("line 1\nline 2") == "line 1\\nline 2");
    BOOST_TEST(escaped("crlf\r\nand cr\rend") == "crlf\\nand cr\\nend");
    BOOST_TEST(escaped(std::string_view("bell\a and nul\0.", 15)) == "bell and nul.");
    BOOST_TEST(escaped("tab\tand \"quotes\": fine") == "tab\tand \"quotes\": fine");
    BOOST_TEST(escaped("Fitzpatrick IV–VI, 30 °C") == "Fitzpatrick IV–VI\\, 30 °C");  // UTF-8 passes through
}

BOOST_AUTO_TEST_CASE(lines_fold_at_75_octets) {
    const std::string exactly(75, 'x');
    BOOST_TEST(folded(exactly) == exactly + "\r\n");
    const std::string longer(76, 'x');
    BOOST_TEST(folded(longer) == std::string(75, 'x') + "\r\n x\r\n");
    const std::string long_line(75 + 74 + 10, 'y');
    BOOST_TEST(folded(long_line) == std::string(75, 'y') + "\r\n " + std::string(74, 'y') + "\r\n " + std::string(10, 'y') + "\r\n");
}

BOOST_AUTO_TEST_CASE(folding_never_splits_a_utf8_character) {
    for (std::size_t prefix = 0; prefix < 4; ++prefix) {
        for (const char* ch : {"é", "–", "😀"}) {  // 2, 3 and 4 octets
            std::string line(prefix, 'a');
            for (int i = 0; i < 60; ++i) line += ch;
            BOOST_TEST_CONTEXT(prefix << ' ' << ch) {
                const std::string out = folded(line);
                std::string unfolded;
                for (std::string& l : physical_lines(out)) {
                    BOOST_TEST(l.size() <= 75u);
                    BOOST_TEST(valid_utf8(l));
                    unfolded += !unfolded.empty() ? l.substr(1) : l;
                }
                BOOST_TEST(unfolded == line);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(uid_hash_is_fnv1a) {
    static_assert(detail::fnv1a("") == 14695981039346656037ULL);
    static_assert(detail::fnv1a("a") == 0xaf63dc4c8601ec8cULL);  // the published FNV-1a test vector
    BOOST_TEST(detail::fnv1a("foobar") == 0x85944171f73967e8ULL);
}

// --- the calendar -----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(calendar_layout) {
    const reminder_schedule s = example_schedule();
    const std::string ics = to_ics(s);
    BOOST_TEST(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    BOOST_TEST(ics.ends_with("END:VCALENDAR\r\n"));
    for (const std::string& l : physical_lines(ics)) {
        BOOST_TEST(l.size() <= 75u, l);
        BOOST_TEST(valid_utf8(l));
    }
    const auto lines = content_lines(ics);
    BOOST_TEST(value_of(lines, "PRODID") == "-//aftercare//aftercare " AFTERCARE_VERSION_STRING "//EN");
    BOOST_TEST(value_of(lines, "CALSCALE") == "GREGORIAN");
    BOOST_TEST(value_of(lines, "METHOD") == "PUBLISH");
    BOOST_TEST(value_of(lines, "X-WR-TIMEZONE") == "Europe/London");
    BOOST_TEST(value_of(lines, "X-WR-CALNAME") == "Aftercare: Microneedling aftercare: default evidence-based protocol");
    BOOST_TEST(value_of(lines, "X-AFTERCARE-PROTOCOL-ID") == "aftercare.microneedling.default");
    BOOST_TEST(value_of(lines, "X-AFTERCARE-PROTOCOL-VERSION") == std::string(default_protocol().version()));

    const auto parts = components(lines);
    BOOST_TEST_REQUIRE(!parts.empty());
    BOOST_TEST(parts.front().first == "VTIMEZONE");
    BOOST_TEST(value_of(parts.front().second, "TZID") == "Europe/London");

    std::size_t one_off = 0;
    for (const reminder& r : s.reminders()) one_off += r.series ? 0U : 1U;
    std::set<std::string> uids;
    std::map<std::string, std::string> rrules;  // code -> RRULE
    std::size_t events = 0;
    for (const auto& [name, ev] : parts) {
        if (name != "VEVENT") continue;
        ++events;
        BOOST_TEST_CONTEXT(value_of(ev, "X-AFTERCARE-CODE")) {
            BOOST_TEST(uids.insert(value_of(ev, "UID")).second);
            BOOST_TEST(value_of(ev, "UID").ends_with("-" + value_of(ev, "X-AFTERCARE-CODE") + "@aftercare"));
            BOOST_TEST(value_of(ev, "DTSTAMP") == "20261121T140000Z");  // the treatment time, never the clock
            BOOST_TEST(value_of(ev, "DURATION") == "PT15M");
            BOOST_TEST(value_of(ev, "TRANSP") == "TRANSPARENT");
            BOOST_TEST(!value_of(ev, "SUMMARY").empty());
            BOOST_TEST(value_of(ev, "DESCRIPTION").find("Not medical advice") != std::string::npos);
            BOOST_TEST(std::count(ev.begin(), ev.end(), "BEGIN:VALARM") == 1);
            BOOST_TEST(std::count(ev.begin(), ev.end(), "ACTION:DISPLAY") == 1);
            BOOST_TEST(std::count(ev.begin(), ev.end(), "TRIGGER:PT0M") == 1);
            const auto dtstart = std::find_if(ev.begin(), ev.end(), [](const std::string& l) { return l.starts_with("DTSTART"); });
            BOOST_TEST_REQUIRE((dtstart != ev.end()));
            BOOST_TEST(dtstart->starts_with("DTSTART;TZID=Europe/London:2026"));
            if (!value_of(ev, "RRULE").empty()) rrules[value_of(ev, "X-AFTERCARE-CODE")] = value_of(ev, "RRULE");
        }
    }
    BOOST_TEST(events == s.series().size() + one_off);
    BOOST_TEST(rrules.size() == s.series().size());
    for (const reminder_series& x : s.series()) BOOST_TEST(rrules[std::string(x.code)] == rrule(x));
    BOOST_TEST(rrules["care.sunscreen.morning"] == "FREQ=DAILY;COUNT=13");

    // Text is escaped: a lifted notice's summary has its comma and semicolon escaped.
    BOOST_TEST((std::count(lines.begin(), lines.end(),
                           "SUMMARY:Makeup: Mineral makeup is fine from now\\; apply it with clean fingers\\, not brushes or sponges.") == 1));
    // The series start at the slot's local time.
    BOOST_TEST(ics.find("DTSTART;TZID=Europe/London:20261123T073000\r\nRRULE:FREQ=DAILY;COUNT=2\r\nDURATION:PT15M\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(same_input_gives_the_same_bytes) {
    const std::string a = to_ics(example_schedule());
    const std::string b = to_ics(example_schedule());
    BOOST_TEST((a == b));
    // A different treatment time gives other UIDs (and a different DTSTAMP).
    const std::string c = to_ics(example_schedule("Europe/London", local(2026, 11, 21, 15, 0)));
    const auto uids = [](const std::string& ics) {
        std::set<std::string> out;
        for (const std::string& l : content_lines(ics)) {
            if (l.starts_with("UID:")) out.insert(l);
        }
        return out;
    };
    std::vector<std::string> common;
    const auto ua = uids(a), uc = uids(c);
    std::set_intersection(ua.begin(), ua.end(), uc.begin(), uc.end(), std::back_inserter(common));
    BOOST_TEST(common.empty());
}

// Regression: UIDs used to include the first instant, so a patient who changed their wake time and
// imported the file again got every routine reminder twice. The identity is the treatment + code.
BOOST_AUTO_TEST_CASE(changing_routine_times_keeps_the_uids) {
    const aftercare::plan p = make_plan(example());
    preferences early;
    early.zone = locate_zone("Europe/London");
    preferences late = early;
    late.wake = std::chrono::hours{9};
    const std::string a = to_ics(schedule(p, early)), b = to_ics(schedule(p, late));
    BOOST_TEST((a != b));  // the times moved
    const auto uids = [](const std::string& ics) {
        std::vector<std::string> out;
        for (const std::string& l : content_lines(ics)) {
            if (l.starts_with("UID:")) out.push_back(l);
        }
        return out;
    };
    const std::vector<std::string> ua = uids(a);
    BOOST_TEST((ua == uids(b)));
    BOOST_TEST(std::set<std::string>(ua.begin(), ua.end()).size() == ua.size());
}

// The VTIMEZONE comes from the tz database over the span the events use: one sub-component per
// period of constant offset, DTSTART in the local time before its transition.
BOOST_AUTO_TEST_CASE(vtimezone_over_a_dst_change) {
    const auto lines = content_lines(to_ics(example_schedule("Europe/London", local(2026, 10, 20, 10, 0))));
    const auto parts = components(lines);
    const std::vector<std::string>& tz = parts.front().second;
    const std::vector<std::string> expected{
        "BEGIN:VTIMEZONE", "TZID:Europe/London",
        "BEGIN:DAYLIGHT", "DTSTART:20260329T010000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "END:DAYLIGHT",
        "BEGIN:STANDARD", "DTSTART:20261025T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "END:STANDARD",
        "END:VTIMEZONE"};
    BOOST_TEST(tz == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(vtimezone_for_lord_howe_and_tokyo) {
    const auto lord_howe = components(content_lines(to_ics(example_schedule("Australia/Lord_Howe", local(2026, 9, 28, 10, 0))))).front().second;
    BOOST_TEST(std::count(lord_howe.begin(), lord_howe.end(), "BEGIN:DAYLIGHT") == 1);
    BOOST_TEST(std::count(lord_howe.begin(), lord_howe.end(), "DTSTART:20261004T020000") == 1);  // 02:00 -> 02:30
    BOOST_TEST(std::count(lord_howe.begin(), lord_howe.end(), "TZOFFSETFROM:+1030") == 1);
    BOOST_TEST(std::count(lord_howe.begin(), lord_howe.end(), "TZOFFSETTO:+1100") == 1);

    const auto tokyo = components(content_lines(to_ics(example_schedule("Asia/Tokyo")))).front().second;
    BOOST_TEST(std::count(tokyo.begin(), tokyo.end(), "BEGIN:STANDARD") == 1);
    BOOST_TEST(std::count(tokyo.begin(), tokyo.end(), "BEGIN:DAYLIGHT") == 0);
    BOOST_TEST(std::count(tokyo.begin(), tokyo.end(), "TZOFFSETTO:+0900") == 1);
}

// A one-off reminder in the repeated hour of a fall-back, at its later reading, is written in UTC:
// as a local time it would read back as the earlier instant.
BOOST_AUTO_TEST_CASE(a_reminder_in_the_repeated_hour_is_written_exactly) {
    treatment t = example();
    const auto* london = locate_zone("Europe/London");
    t.treated_at = to_utc(local(2026, 10, 24, 2, 30), *london);  // 01:30 UTC; 24 h later is 01:30 GMT, the second 01:30
    preferences p;
    p.zone = london;
    p.wake = std::chrono::minutes{0};
    p.bed = std::chrono::hours{23} + std::chrono::minutes{59};
    const reminder_schedule s = schedule(make_plan(t), p);
    const auto ics = to_ics(s);
    BOOST_TEST(ics.find("DTSTART:20261025T013000Z\r\n") != std::string::npos);
    BOOST_TEST(ics.find("DTSTART;TZID=Europe/London:20261025T013000") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(options_and_errors) {
    const reminder_schedule s = example_schedule();
    const std::string ics = to_ics(s, {.calendar_name = "Ana, session 1", .duration = std::chrono::minutes{90}, .alarm = false});
    BOOST_TEST(ics.find("X-WR-CALNAME:Ana\\, session 1\r\n") != std::string::npos);
    BOOST_TEST(ics.find("DURATION:PT1H30M\r\n") != std::string::npos);
    BOOST_TEST(ics.find("VALARM") == std::string::npos);
    ical_options day;
    day.duration = std::chrono::hours{24};
    BOOST_TEST(to_ics(s, day).find("DURATION:P1D\r\n") != std::string::npos);
    ical_options none;
    none.duration = std::chrono::minutes{0};
    const auto e = expect_throw<invalid_value>([&] { (void)to_ics(s, none); });
    BOOST_TEST(e.field() == "duration");

    treatment relative = example();
    relative.treated_at.reset();
    const auto r = expect_throw<invalid_value>([&] { (void)to_ics(schedule(make_plan(relative))); });
    BOOST_TEST(r.field() == "treated_at");
}

BOOST_AUTO_TEST_CASE(next_session_window_is_in_the_description) {
    treatment t = example();
    t.indication = indication::acne_scars;
    preferences p;
    p.zone = locate_zone("Europe/London");
    const auto lines = content_lines(to_ics(schedule(make_plan(t), p)));
    const auto parts = components(lines);
    const auto next = std::find_if(parts.begin(), parts.end(), [](const auto& c) { return value_of(c.second, "X-AFTERCARE-CODE") == "milestone.next_session"; });
    BOOST_TEST_REQUIRE((next != parts.end()));
    BOOST_TEST(value_of(next->second, "DESCRIPTION").find("The window closes on 2027-01-02 at 14:00.") != std::string::npos);
    BOOST_TEST(value_of(next->second, "X-AFTERCARE-KIND") == "milestone");
}

BOOST_AUTO_TEST_SUITE_END()
