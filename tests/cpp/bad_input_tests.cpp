// Bad input to the C++ API, table-driven (issue 9): each case must throw the named aftercare::error
// subclass — never anything else, never crash — with a one-line message holding the expected text.
// The command's and Python's tables are in tests/python/test_bad_input.py.
#include "test_support.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include <cmath>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

namespace bdata = boost::unit_test::data;

namespace aftercare::test {
namespace {

enum class kind { value, protocol, zone };

struct bad_case {
    const char* name;
    kind expected;
    std::function<void()> call;
    std::string part;
};

const std::string long_text(100'000, 'x');
const std::string deep = std::string(60'000, '[') + std::string(60'000, ']');

protocol proto(const std::string& text) { return parse_protocol(text, "p.json"); }

// The smallest valid protocol with its first `from` replaced by `to`.
std::string minimal_with(const std::string& from, const std::string& to) {
    std::ifstream in(AFTERCARE_TEST_DATA_DIR "/minimal_protocol.json", std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

plan default_plan() {
    static const plan p = make_plan(example());
    return p;
}

void triage_after(std::chrono::seconds after, const triage_options& o = {}) {
    symptom_report r;
    r.seen = after;
    (void)triage(default_plan(), {r}, o);
}

void triage_at(date::sys_seconds at, const triage_options& o = {}) {
    symptom_report r;
    r.seen = at;
    (void)triage(default_plan(), {r}, o);
}

void plan_at(date::sys_seconds at) {
    treatment t = example();
    t.treated_at = at;
    (void)make_plan(t);
}

date::sys_seconds utc(int y, unsigned m, unsigned d) { return date::sys_days{date::year{y} / date::month{m} / date::day{d}}; }

preferences utc_prefs() {
    preferences p;
    p.zone = locate_zone("UTC");
    return p;
}

triage_options as_of(date::sys_seconds t) {
    triage_options o;
    o.as_of = t;
    return o;
}

void with_prefs(const std::function<void(preferences&)>& change) {
    preferences p;
    p.zone = locate_zone("Europe/London");
    change(p);
    (void)schedule(default_plan(), p);
}

void write_json(int indent) { (void)to_json(default_plan(), {.zone = nullptr, .indent = indent}); }

void screen_on(date::year_month_day as_of, const patient_history& h = {}) { (void)screen(h, example(), as_of); }

const std::vector<bad_case>& cases() {
    using std::chrono::hours;
    using std::chrono::minutes;
    static const std::vector<bad_case> table{
        // JSON reading: depth, duplicates, numbers, syntax — in protocols
        {"protocol deep array", kind::protocol, [] { proto(deep); }, "p.json:1:65: /0/0/0/0"},
        {"protocol deep in title", kind::protocol, [] { proto("{\"title\": " + deep + "}"); }, "p.json:1:74: /title/0/0/0/0"},
        {"protocol deep objects", kind::protocol,
         [] {
             std::string s = "{\"sources\": ";
             for (int i = 0; i < 30000; ++i) s += "{\"a\": ";
             s += "1";
             s += std::string(30000, '}');
             proto(s + "}");
         },
         "nesting deeper than 64 levels"},
        {"protocol 1e400", kind::protocol, [] { proto("{\"format\": 1e400}"); }, "p.json:1:12: /format: number '1e400' is beyond the range of a double"},
        {"protocol -1e400", kind::protocol, [] { proto("{\"format\": [-1e400]}"); }, "/format/0: number '-1e400' is beyond"},
        {"protocol big integer is a number", kind::protocol, [] { proto(minimal_with("\"aftercare.protocol/1\"", "123456789012345678901234567890")); },
         "/format: expected a non-empty string, got number 1.2345678901234568e+29"},
        {"protocol duplicate key", kind::protocol, [] { proto("{\"id\": 1,\n  \"id\": 2}"); }, "p.json:2:3: /id: duplicate key \"id\" (first at 1:2)"},
        {"protocol duplicate escaped key", kind::protocol, [] { proto(R"({"id": 1, "\u0069d": 2})"); }, "duplicate key \"id\""},
        {"protocol duplicate nested", kind::protocol, [] { proto(R"({"sources": {"A": {}, "B": {}, "A": {}}})"); }, "/sources/A: duplicate key \"A\" (first at 1:14)"},
        {"protocol duplicate in array item", kind::protocol, [] { proto(R"({"tiers": [{}, {"id": 1, "id": 2}]})"); }, "/tiers/1/id: duplicate key"},
        {"protocol not JSON", kind::protocol, [] { proto("{"); }, "not valid JSON"},
        {"protocol empty", kind::protocol, [] { proto(""); }, "not valid JSON"},
        {"protocol trailing", kind::protocol, [] { proto("{} x"); }, "not valid JSON"},
        {"protocol lone surrogate", kind::protocol, [] { proto(R"({"format": "\ud800"})"); }, "not valid JSON"},
        {"protocol invalid UTF-8", kind::protocol, [] { proto("{\"format\": \"\xff\"}"); }, "not valid JSON"},
        {"protocol long bad literal", kind::protocol, [] { proto("{\"a\": \"" + long_text); }, "last read: '\"xxxx"},
        {"protocol array root", kind::protocol, [] { proto("[]"); }, "expected an object, got an array"},
        {"protocol unknown key near", kind::protocol, [] { proto(R"({"fromat": 1})"); }, "unknown key \"fromat\"; expected one of:"},
        {"protocol unknown key did you mean", kind::protocol, [] { proto(R"({"fromat": 1})"); }, "(did you mean 'format'?)"},
        {"protocol huge key", kind::protocol, [] { proto("{\"" + std::string(50'000, 'k') + "\": 1}"); }, "(50000 bytes)"},
        {"protocol escape key", kind::protocol, [] { proto(R"({"\u001b[2J": 1})"); }, "unknown key \"\\x1b[2J\""},
        {"protocol long string value", kind::protocol, [] { proto(minimal_with("\"aftercare.protocol/1\"", "\"" + long_text + "\"")); },
         "/format: expected \"aftercare.protocol/1\", got string \"xxxx"},
        {"protocol long string value length", kind::protocol, [] { proto(minimal_with("\"aftercare.protocol/1\"", "\"" + long_text + "\"")); },
         "…\" (100000 bytes)"},
        {"protocol control string value", kind::protocol, [] { proto(minimal_with("\"aftercare.protocol/1\"", R"("a\nb\u001b")")); },
         "got string \"a\\nb\\x1b\""},
        {"protocol control key", kind::protocol, [] { proto(R"({"a\nb": 1})"); }, "unknown key \"a\\nb\""},
        {"protocol format wrong", kind::protocol, [] { proto(minimal_with("\"aftercare.protocol/1\"", "\"aftercare.protocol/2\"")); },
         "expected \"aftercare.protocol/1\", got string \"aftercare.protocol/2\""},
        {"protocol object for string", kind::protocol, [] { proto(minimal_with("\"aftercare.protocol/1\"", "{\"a\": [1, 2, 3]}")); },
         "/format: expected a non-empty string, got an object"},
        {"protocol directory", kind::protocol, [] { (void)load_protocol("/tmp"); }, "/tmp: (document): cannot read the file: it is a directory"},
        {"protocol /dev/zero", kind::protocol, [] { (void)load_protocol("/dev/zero"); }, "it is not a regular file (a device, pipe or socket)"},
        {"protocol /dev/null", kind::protocol, [] { (void)load_protocol("/dev/null"); }, "it is not a regular file"},
        {"protocol missing", kind::protocol, [] { (void)load_protocol("/nonexistent/p.json"); }, "cannot read the file: No such file or directory"},
        // reports
        {"reports deep", kind::value, [] { (void)reports_from_json("{\"reports\": " + deep + "}", nullptr, "r.json"); }, "r.json:1:76: /reports/0/0/0"},
        {"reports deep message", kind::value, [] { (void)reports_from_json("{\"reports\": " + deep + "}", nullptr, "r.json"); }, "nesting deeper than 64 levels"},
        {"reports 1e400", kind::value, [] { (void)reports_from_json(R"({"reports": [{"symptom": "pus", "hours_after": 1e400}]})", nullptr, "r.json"); },
         "/reports/0/hours_after: number '1e400' is beyond the range of a double"},
        {"reports duplicate", kind::value, [] { (void)reports_from_json(R"({"reports": [], "reports": []})", nullptr, "r.json"); },
         "r.json:1:17: /reports: duplicate key \"reports\" (first at 1:2)"},
        {"reports duplicate inner", kind::value,
         [] { (void)reports_from_json(R"({"reports": [{"symptom": "pus", "hours_after": 1, "hours_after": 2}]})", nullptr); },
         "/reports/0/hours_after: duplicate key \"hours_after\""},
        {"reports unknown did you mean", kind::value, [] { (void)reports_from_json(R"({"reprots": []})", nullptr); }, "(did you mean 'reports'?)"},
        {"reports code did you mean", kind::value, [] { (void)reports_from_json(R"({"reports": [{"symptom": "sweling", "hours_after": 1}]})", nullptr); },
         "symptom 'sweling' is not one of"},
        {"reports long code", kind::value,
         [] { (void)reports_from_json("{\"reports\": [{\"symptom\": \"" + long_text + "\", \"hours_after\": 1}]}", nullptr); }, "…' (100000 bytes) is not one of"},
        {"reports escape code", kind::value, [] { (void)reports_from_json(R"({"reports": [{"symptom": "\u001b]0;x\u0007", "hours_after": 1}]})", nullptr); },
         "symptom '\\x1b]0;x\\x07'"},
        {"reports object list", kind::value, [] { (void)reports_from_json(R"({"reports": {}})", nullptr); }, "expected a non-empty array of reports, got an object"},
        {"reports seen 9999", kind::value,
         [] { (void)reports_from_json(R"({"reports": [{"symptom": "pus", "seen_at": "9999-01-01T00:00"}]})", locate_zone("UTC")); },
         "seen_at 9999-01-01 is outside the dates the library works with (1850-01-01 to 2199-12-31)"},
        {"reports hours huge", kind::value, [] { (void)reports_from_json(R"({"reports": [{"symptom": "pus", "hours_after": 1e300}]})", nullptr); },
         "expected hours after treatment from 0 to 87840, got number"},
        // codes and treatments
        {"code did you mean", kind::value, [] { (void)parse_code<device>("pne"); }, "device 'pne' is not one of home_roller, pen, rf (did you mean 'pen'?)"},
        {"code case", kind::value, [] { (void)parse_code<area>("FACE"); }, "(did you mean 'face'?)"},
        {"code far", kind::value, [] { (void)parse_code<area>("elbow"); }, "area 'elbow' is not one of face"},
        {"code empty", kind::value, [] { (void)parse_code<indication>(""); }, "indication '' is not one of"},
        {"code long", kind::value, [] { (void)parse_code<symptom>(long_text); }, "(100000 bytes) is not one of"},
        {"code escape", kind::value, [] { (void)parse_code<sign>("\x1b[1m"); }, "sign '\\x1b[1m'"},
        {"code C1", kind::value, [] { (void)parse_code<sign>("a\xc2\x9b"); }, "sign 'a\\u009b'"},
        {"code bad utf8", kind::value, [] { (void)parse_code<sign>("a\xff"); }, "sign 'a\\xff'"},
        {"skin type", kind::value, [] { (void)parse_skin_type("VII"); }, "skin_type 'VII' is not a Fitzpatrick skin type (1–6 or I–VI)"},
        {"depth nan", kind::value, [] { (void)needle_depth::from_mm(std::nan("")); }, "is not a finite depth in millimetres"},
        {"treated_at year 9999", kind::value, [] { plan_at(utc(9999, 1, 1)); }, "treated_at in the year 9999 is outside the dates the library works with"},
        {"treated_at year 1899", kind::value, [] { plan_at(utc(1849, 12, 31)); }, "treated_at in the year 1849 is outside"},
        {"treated_at year 2200", kind::value, [] { plan_at(utc(2200, 1, 1)); }, "treated_at in the year 2200 is outside"},
        {"treated_at far away", kind::value, [] { plan_at(date::sys_seconds{std::chrono::seconds{std::numeric_limits<std::int64_t>::max() / 2}}); },
         "treated_at (an instant far from now) is outside"},
        {"treated_at far before", kind::value, [] { plan_at(date::sys_seconds{std::chrono::seconds{std::numeric_limits<std::int64_t>::min() / 2}}); },
         "(an instant far from now)"},
        // time parsers
        {"local time empty", kind::value, [] { (void)parse_local_time("", "t"); }, "t is empty; expected a local time YYYY-MM-DDTHH:MM[:SS]"},
        {"local time year 0", kind::value, [] { (void)parse_local_time("0000-01-01T00:00", "t"); }, "t 0000-01-01 is outside the dates"},
        {"local time year 9999", kind::value, [] { (void)parse_local_time("9999-12-31T23:59", "t"); }, "t 9999-12-31 is outside"},
        {"local time 1899", kind::value, [] { (void)parse_local_time("1849-12-31T23:59:59", "t"); }, "t 1849-12-31 is outside"},
        {"local time long", kind::value, [] { (void)parse_local_time(long_text, "t"); }, "t 'xxxx"},
        {"local time control", kind::value, [] { (void)parse_local_time("2026-11-21T14:00\n", "t"); }, "t '2026-11-21T14:00\\n' is not"},
        {"date empty", kind::value, [] { (void)parse_date("", "d"); }, "d is empty; expected a date YYYY-MM-DD"},
        {"date 2200", kind::value, [] { (void)parse_date("2200-01-01", "d"); }, "d 2200-01-01 is outside"},
        {"date 30 Feb", kind::value, [] { (void)parse_date("2026-02-30", "d"); }, "d '2026-02-30' is not a date YYYY-MM-DD"},
        {"time of day empty", kind::value, [] { (void)parse_time_of_day("", "wake"); }, "wake is empty; expected a time of day HH:MM"},
        {"time of day 24:00", kind::value, [] { (void)parse_time_of_day("24:00", "wake"); }, "wake '24:00' is not a time of day"},
        {"zone empty", kind::zone, [] { (void)locate_zone("", "tz"); }, "tz '' is not a time zone"},
        {"zone long", kind::zone, [] { (void)locate_zone(long_text, "tz"); }, "(100000 bytes) is not a time zone"},
        {"zone escape", kind::zone, [] { (void)locate_zone("\x1b]52;c;x\x07", "tz"); }, "tz '\\x1b]52;c;x\\x07'"},
        // triage: durations and instants in one range
        {"after 4100 days", kind::value, [] { triage_after(hours{24 * 4100}); }, "reports[0].hours_after 98400 h is outside 0 to 87840 h (ten years"},
        {"after max", kind::value, [] { triage_after(std::chrono::seconds{std::numeric_limits<std::int64_t>::max()}); }, "is outside 0 to 87840 h"},
        {"after negative", kind::value, [] { triage_after(-hours{1}); }, "is before the end of treatment"},
        {"after min", kind::value, [] { triage_after(std::chrono::seconds{std::numeric_limits<std::int64_t>::min()}); }, "is outside 0 to 87840 h"},
        {"seen year 9999", kind::value, [] { triage_at(utc(9999, 1, 1)); }, "reports[0].seen_at in the year 9999 is outside"},
        {"seen before", kind::value, [] { triage_at(utc(2026, 11, 20)); }, "is before the end of treatment"},
        {"seen 11 years later", kind::value, [] { triage_at(utc(2037, 12, 1)); }, "reports[0].seen_at"},
        {"seen after as_of", kind::value, [] { triage_at(utc(2026, 11, 25), as_of(utc(2026, 11, 23))); }, "is in the future (after 2026-11-23T00:00:00Z)"},
        {"as_of year 9999", kind::value, [] { triage_after(hours{1}, as_of(utc(9999, 1, 1))); }, "as_of in the year 9999 is outside"},
        // schedules
        {"wake after bed", kind::value, [] { with_prefs([](preferences& p) { p.wake = hours{23}; p.bed = hours{7}; }); }, "wake 23:00 is not before bed 07:00"},
        {"morning after evening", kind::value, [] { with_prefs([](preferences& p) { p.morning = hours{21}; p.evening = hours{8}; }); },
         "morning 21:00 is not before evening 08:00"},
        {"morning equals evening", kind::value, [] { with_prefs([](preferences& p) { p.morning = hours{12}; p.evening = hours{12}; }); },
         "morning 12:00 is not before evening 12:00"},
        {"wake negative", kind::value, [] { with_prefs([](preferences& p) { p.wake = -minutes{5}; }); }, "is not a time of day 00:00–23:59"},
        {"horizon negative", kind::value, [] { with_prefs([](preferences& p) { p.horizon = -minutes{1}; }); }, "horizon -1 min is negative"},
        {"horizon 4100 days", kind::value, [] { with_prefs([](preferences& p) { p.horizon = hours{24 * 4100}; }); },
         "horizon 98400 h is more than ten years (87840 h)"},
        {"horizon max", kind::value, [] { with_prefs([](preferences& p) { p.horizon = minutes{std::numeric_limits<std::int64_t>::max()}; }); },
         "is more than ten years"},
        // screening
        {"screen as_of 9999", kind::value, [] { screen_on(date::year{9999} / 1 / 1); }, "as_of 9999-01-01 is outside the dates"},
        {"screen as_of impossible", kind::value, [] { screen_on(date::year{2026} / 2 / 30); }, "as_of 2026-2-30 is not a real calendar date"},
        {"screen birth 1850", kind::value,
         [] {
             patient_history h;
             h.birth_date = date::year{1849} / 1 / 1;
             screen_on(date::year{2026} / 11 / 21, h);
         },
         "birth_date 1849-01-01 is outside the dates"},
        {"screen radiotherapy future", kind::value,
         [] {
             patient_history h;
             h.radiotherapy_ended = date::year{2027} / 1 / 1;
             screen_on(date::year{2026} / 11 / 21, h);
         },
         "radiotherapy_ended 2027-01-01 is in the future"},
        // JSON writers
        {"indent 1025", kind::value, [] { write_json(1025); }, "indent 1025 is outside -1 (one line) to 16 spaces per level"},
        {"indent 17", kind::value, [] { write_json(17); }, "indent 17 is outside"},
        {"indent -2", kind::value, [] { write_json(-2); }, "indent -2 is outside"},
        {"indent int max", kind::value, [] { write_json(std::numeric_limits<int>::max()); }, "is outside -1 (one line) to 16"},
        {"indent int min", kind::value, [] { write_json(std::numeric_limits<int>::min()); }, "is outside -1"},
        {"indent schedule", kind::value, [] { (void)to_json(schedule(default_plan(), utc_prefs()), {.zone = nullptr, .indent = 99}); },
         "indent 99 is outside"},
        {"indent triage", kind::value, [] {
             symptom_report r;
             r.seen = hours{3};
             (void)to_json(triage(default_plan(), {r}), {.zone = nullptr, .indent = 1025});
         }, "indent 1025 is outside"},
        {"indent screening", kind::value, [] { (void)to_json(screen({}, example(), date::year{2026} / 11 / 21), {.zone = nullptr, .indent = 4096}); },
         "indent 4096 is outside"},
        {"files directory", kind::value, [] { (void)read_input_file("/tmp", "--reports"); }, "--reports '/tmp' cannot be read: it is a directory (expected a regular file)"},
        {"files device", kind::value, [] { (void)read_input_file("/dev/urandom", "--reports"); }, "it is not a regular file (a device, pipe or socket)"},
    };
    return table;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bad_input_tests)

BOOST_DATA_TEST_CASE(each_bad_input_gets_its_typed_error, bdata::xrange(cases().size()), i) {
    const bad_case& c = cases()[i];
    BOOST_TEST_CONTEXT(c.name) {
        std::string message;
        bool right_type = false;
        try {
            c.call();
        } catch (const protocol_error& e) {
            message = e.what();
            right_type = c.expected == kind::protocol;
        } catch (const time_zone_error& e) {
            message = e.what();
            right_type = c.expected == kind::zone;
        } catch (const invalid_value& e) {
            message = e.what();
            right_type = c.expected == kind::value;
        }
        BOOST_TEST(right_type, "threw the wrong aftercare::error kind (or none): " << message);
        BOOST_TEST(message.find(c.part) != std::string::npos, "'" << message.substr(0, 300) << "' lacks '" << c.part << "'");
        BOOST_TEST(message.find('\n') == std::string::npos);
        BOOST_TEST(message.size() < 3000U);
    }
}

BOOST_AUTO_TEST_CASE(the_table_is_large_enough) { BOOST_TEST(cases().size() >= 90U); }

// The message helpers themselves.
BOOST_AUTO_TEST_CASE(quote_value_bounds_and_escapes) {
    BOOST_TEST(quote_value("pen") == "'pen'");
    BOOST_TEST(quote_value("") == "''");
    BOOST_TEST(quote_value("it's") == "'it\\'s'");
    BOOST_TEST(quote_value("a\\b") == "'a\\\\b'");
    BOOST_TEST(quote_value("\x1b[31m") == "'\\x1b[31m'");
    BOOST_TEST(quote_value("caf\xc3\xa9") == "'caf\xc3\xa9'");  // UTF-8 stays
    BOOST_TEST(quote_value(std::string(40, 'a')) == "'" + std::string(40, 'a') + "'");
    BOOST_TEST(quote_value(std::string(41, 'a')) == "'" + std::string(40, 'a') + "…' (41 bytes)");
    // Cut at a character boundary: 20 two-byte characters and one more.
    std::string e;
    for (int k = 0; k < 21; ++k) e += "\xc3\xa9";
    BOOST_TEST(quote_value(e) == "'" + e.substr(0, 40) + "…' (42 bytes)");
    BOOST_TEST(quote_value(e.substr(0, 39) + "\xc3\xa9") == "'" + e.substr(0, 38) + "\\xc3…' (41 bytes)");
    BOOST_TEST(quote_value(std::string(10'000'000, 'z')).size() < 80U);
}

BOOST_AUTO_TEST_CASE(closest_match_finds_misspellings_only) {
    const std::vector<std::string_view> codes{"plan", "triage", "screen", "protocol"};
    BOOST_TEST(closest_match("plna", codes) == "plan");
    BOOST_TEST(closest_match("PLAN", codes) == "plan");
    BOOST_TEST(closest_match("tirage", codes) == "triage");
    BOOST_TEST(closest_match("protcol", codes) == "protocol");
    BOOST_TEST(closest_match("xyz", codes).empty());
    BOOST_TEST(closest_match("", codes).empty());
    BOOST_TEST(closest_match("plan", codes).empty());  // not a misspelling
    BOOST_TEST(did_you_mean("scren", codes) == " (did you mean 'screen'?)");
}

BOOST_AUTO_TEST_CASE(closest_match_finds_a_short_form_of_one_longer_code) {
    const std::vector<std::string_view> history{"cold_sore_history", "pigmentation_history", "anticoagulants"};
    BOOST_TEST(closest_match("cold_sores", history) == "cold_sore_history");
    BOOST_TEST(closest_match("pigment", history) == "pigmentation_history");
    BOOST_TEST(closest_match("col", history).empty());  // fewer than four characters shared
    const std::vector<std::string_view> two{"swelling_late", "swelling_early"};
    BOOST_TEST(closest_match("swelling", two).empty());  // a short form of both: no guess
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace aftercare::test
