// io/html.hpp: the patient's handout. What a browser makes of it is tested in
// tests/python/test_handout.py (Chromium, pdftotext, html5lib); here, what the page says.
#include "../test_support.hpp"

#include <filesystem>

using namespace aftercare;
using namespace aftercare::test;

namespace {

std::string section(const std::string& page, const std::string& id) {
    const auto start = page.find("aria-labelledby=\"" + id + "\"");
    BOOST_TEST_REQUIRE(start != std::string::npos, id);
    return page.substr(start, page.find("</section>", start) - start);
}

std::size_t count(const std::string& s, std::string_view what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
}

std::filesystem::path temp_file(const std::string& name, std::string_view bytes) {
    const auto path = std::filesystem::temp_directory_path() / ("aftercare-html-test-" + name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

preferences prefs_in(const char* zone) {
    preferences prefs;
    prefs.zone = locate_zone(zone);
    return prefs;
}

html_options in_zone(const char* zone) {
    html_options o;
    o.zone = locate_zone(zone);
    return o;
}

treatment with_indication() {
    treatment t = example();
    t.indication = indication::acne_scars;
    return t;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(html_tests)

BOOST_AUTO_TEST_CASE(patient_copy_has_every_part_and_no_url_or_script) {
    const plan p = make_plan(with_indication());
    const std::string page = to_html(schedule(p, prefs_in("Europe/London")));
    BOOST_TEST(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for (const char* id : {"h-emergency", "h-call", "h-timeline", "h-days", "h-check", "h-next"}) {
        BOOST_TEST(page.find("aria-labelledby=\"" + std::string(id) + "\"") != std::string::npos, id);
    }
    for (const char* band : {"The first day", "Days 2 and 3", "Days 4 to 7", "Week 2 and later"}) {
        BOOST_TEST(page.find(std::string("<h3>") + band) != std::string::npos, band);
    }
    BOOST_TEST(page.find("<svg") != std::string::npos);
    BOOST_TEST(page.find("<script") == std::string::npos);
    BOOST_TEST(page.find("http") == std::string::npos);  // no source URL, no external resource
    BOOST_TEST(page.find("[CHU21") == std::string::npos);
    BOOST_TEST(page.find("aftercare.microneedling.default version 1.0.0") != std::string::npos);
    BOOST_TEST(page.find(std::string(p.protocol().disclaimer())) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(help_boxes_follow_the_red_flag_levels) {
    const plan p = make_plan(with_indication());
    const std::string page = to_html(p, in_zone("Europe/London"));
    const std::string emergency = section(page, "h-emergency"), call = section(page, "h-call");
    for (const entry& e : p.entries()) {
        if (e.kind != entry_kind::red_flag) continue;
        const std::string title(e.title);
        const bool in_emergency = emergency.find(title) != std::string::npos, in_call = call.find(title) != std::string::npos;
        BOOST_TEST(in_emergency == (e.level == triage_level::emergency), e.code);
        BOOST_TEST(in_call == (e.level == triage_level::urgent || e.level == triage_level::contact_clinic), e.code);
    }
    // A rule that applies from a later time says from when, in local time.
    BOOST_TEST(call.find("From Sat 28 Nov 14:00:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_sign_two_rules_name_is_listed_once_for_the_patient) {
    const plan p = make_plan(with_indication());
    std::size_t rules = 0;
    for (const entry& e : p.entries()) rules += e.kind == entry_kind::red_flag && e.level == triage_level::urgent && e.title == "Fever or chills";
    BOOST_TEST_REQUIRE(rules == 2u);  // red_flag.fever (with a skin change) and red_flag.fever_alone
    BOOST_TEST(count(section(to_html(p, in_zone("Europe/London")), "h-call"), "<strong>Fever or chills</strong>") == 1u);
    html_options o = in_zone("Europe/London");
    o.copy = handout_copy::clinician;  // each rule with its own numbers
    BOOST_TEST(count(section(to_html(p, o), "h-call"), "<strong>Fever or chills</strong>") == 2u);
}

BOOST_AUTO_TEST_CASE(what_is_allowed_again_is_a_line_under_its_band) {
    const plan p = make_plan(with_indication());
    const std::string page = to_html(p, in_zone("Europe/London"));
    // Days 4 to 7 lists nothing else: its line is all it has, and print keeps it.
    const auto band = page.find("<h3>Days 4 to 7");
    BOOST_TEST_REQUIRE(band != std::string::npos);
    const std::string days_4_7 = page.substr(band, page.find("</section>", band) - band);
    BOOST_TEST(days_4_7.find("class=\"cols\"") == std::string::npos);
    BOOST_TEST(days_4_7.find("<div class=\"lifted only\"><strong>Allowed again:</strong>") != std::string::npos);
    BOOST_TEST(days_4_7.find("Exercise and sweating") != std::string::npos);
    // Groups are sentences, so "Sun, ..." after one cannot read as a day.
    const auto week_2 = page.find("<h3>Week 2 and later");
    const std::string later = page.substr(week_2, page.find("</section>", week_2) - week_2);
    BOOST_TEST(later.find("<div class=\"lifted\">") != std::string::npos);
    BOOST_TEST(later.find(";</li> <li>Sun") == std::string::npos);
    BOOST_TEST(later.find(".</li> <li>Sun") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(days_are_local_and_the_next_session_window_is_dated) {
    const plan p = make_plan(with_indication());
    const std::string page = to_html(p, in_zone("America/New_York"));  // 14:00 UTC is 09:00 there
    BOOST_TEST(page.find("Treated on <strong>Sat 21 Nov 2026</strong> at 09:00") != std::string::npos);
    const entry* next = p.find("milestone.next_session");
    BOOST_TEST_REQUIRE(next != nullptr);
    const std::string appointment = section(page, "h-next");
    BOOST_TEST(appointment.find("Sat 19 Dec 2026") != std::string::npos);  // 21 Nov + 28 d
    BOOST_TEST(appointment.find("Sat 2 Jan 2027") != std::string::npos);   // + 42 d
}

BOOST_AUTO_TEST_CASE(checklist_has_a_box_per_daily_step_and_day) {
    const plan p = make_plan(example());
    const reminder_schedule s = schedule(p, prefs_in("Europe/London"));
    const std::string check = section(to_html(s), "h-check");
    std::size_t expected = 0;
    for (const reminder& r : s.reminders()) {
        if (r.kind == reminder_kind::routine) ++expected;
    }
    // One box per routine reminder (within the 14 days shown), plus the skin checks on check-in days.
    std::size_t check_ins = 0;
    for (const reminder& r : s.reminders()) check_ins += r.kind == reminder_kind::check_in ? 1 : 0;
    std::size_t shown = 0;
    for (const reminder& r : s.reminders()) {
        if (r.kind == reminder_kind::routine && r.at < *p.treatment().treated_at + date::days{13}) ++shown;
    }
    BOOST_TEST(count(check, "class=\"tick\"") >= shown + check_ins);
    BOOST_TEST(count(check, "class=\"tick\"") <= expected + check_ins);
    BOOST_TEST(check.find("Gentle cleanse <span class=\"slot\">07:30") != std::string::npos);  // the schedule's own times
}

BOOST_AUTO_TEST_CASE(plan_without_a_time_counts_days) {
    treatment t = example();
    t.treated_at.reset();
    const std::string page = to_html(make_plan(t));
    BOOST_TEST(page.find("after treatment") != std::string::npos);
    BOOST_TEST(page.find(" Nov") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(clinic_details_are_shown_escaped_and_nothing_is_assumed) {
    const plan p = make_plan(example());
    const std::string bare = to_html(p);
    BOOST_TEST(bare.find("class=\"clinic\"") == std::string::npos);
    BOOST_TEST(bare.find("After hours") == std::string::npos);
    BOOST_TEST(bare.find("aria-label=\"patient name\"") != std::string::npos);  // a line to write it on
    html_options o;
    o.clinic.name = "Smith & <Jones>";
    o.clinic.phone = "020 7946 0018";
    o.clinic.after_hours = "07700 900123";
    o.clinic.address = "1 High St";
    o.patient_name = "Ann \"Annie\" Lee";
    const std::string page = to_html(p, o);
    BOOST_TEST(page.find("Smith &amp; &lt;Jones&gt;") != std::string::npos);
    BOOST_TEST(page.find("<Jones>") == std::string::npos);
    BOOST_TEST(page.find("Ann &quot;Annie&quot; Lee") != std::string::npos);
    BOOST_TEST(section(page, "h-call").find("020 7946 0018") != std::string::npos);
    BOOST_TEST(page.find("07700 900123") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(clinician_copy_adds_numbers_and_sources) {
    const plan p = make_plan(example());
    html_options o;
    o.copy = handout_copy::clinician;
    const std::string page = to_html(p, o);
    BOOST_TEST(page.find("aria-labelledby=\"h-sources\"") != std::string::npos);
    BOOST_TEST(page.find("[CHU21") != std::string::npos);
    BOOST_TEST(page.find(std::string(p.protocol().find_source("CHU21")->url)) != std::string::npos);
    BOOST_TEST(page.find("abnormal after 7 d") != std::string::npos);  // redness, 168 h
}

BOOST_AUTO_TEST_CASE(paper_size_is_set_for_print) {
    const plan p = make_plan(example());
    BOOST_TEST(to_html(p).find("@page { size: A4; }") != std::string::npos);
    html_options o;
    o.paper = paper_size::letter;
    BOOST_TEST(to_html(p, o).find("@page { size: letter; }") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(clinic_profile_is_read_with_typed_errors) {
    const clinic_details c = parse_clinic(R"({"name": "Riverside", "phone": "020 7946 0018", "after_hours": "111"})");
    BOOST_TEST(c.name == "Riverside");
    BOOST_TEST(c.after_hours == "111");
    BOOST_TEST(c.address.empty());
    auto field_of = [](std::string_view json) {
        try {
            (void)parse_clinic(json, {}, "clinic.json");
        } catch (const invalid_value& e) {
            BOOST_TEST(std::string(e.what()).find('\n') == std::string::npos);
            return e.field();
        }
        return std::string("(no error)");
    };
    BOOST_TEST(field_of(R"({"phone": 20})") == "clinic.phone");
    BOOST_TEST(field_of(R"({"fax": "1"})") == "clinic.fax");
    BOOST_TEST(field_of(R"({"name": "a\u0007b"})") == "clinic.name");
    BOOST_TEST(field_of(R"({"phone": ")" + std::string(41, '1') + "\"}") == "clinic.phone");
    BOOST_TEST(field_of("[1]") == "clinic");
    BOOST_TEST(field_of("{\"name\": ") == "clinic");
    BOOST_TEST(field_of(R"({"logo": "no-such-file.png"})") == "clinic.logo");
    BOOST_CHECK_THROW((void)load_clinic("/no/such/clinic.json"), invalid_value);
}

BOOST_AUTO_TEST_CASE(logo_is_embedded_as_a_data_uri) {
    const auto png = temp_file("logo.png", "\x89PNG\r\n\x1a\n");
    BOOST_TEST(logo_data_uri(png) == "data:image/png;base64,iVBORw0KGgo=");
    const auto profile = temp_file("clinic.json", R"({"name": "R", "logo": "aftercare-html-test-logo.png"})");
    const clinic_details c = load_clinic(profile);  // the logo relative to the profile's folder
    BOOST_TEST(c.logo == "data:image/png;base64,iVBORw0KGgo=");
    html_options o;
    o.clinic = c;
    BOOST_TEST(to_html(make_plan(example()), o).find("<img class=\"logo\" src=\"data:image/png;base64,") != std::string::npos);
    const auto text = temp_file("logo.txt", "not an image");
    BOOST_CHECK_THROW((void)logo_data_uri(text), invalid_value);
    const auto svg = temp_file("logo.svg", "<svg><script>alert(1)</script></svg>");
    BOOST_CHECK_THROW((void)logo_data_uri(svg), invalid_value);  // no script in an embedded SVG
    for (const auto& f : {png, profile, text, svg}) std::filesystem::remove(f);
}

BOOST_AUTO_TEST_SUITE_END()
