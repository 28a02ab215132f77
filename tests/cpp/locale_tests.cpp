// locale.hpp: catalogues, plural rules, localized protocols and writers (docs/languages.md).
#include "test_support.hpp"

#include "i18n/catalogue.hpp"
#include "i18n/messages.hpp"

#include <boost/test/data/test_case.hpp>

#include <map>
#include <set>
#include <vector>

using namespace aftercare;
using namespace aftercare::test;

// CLDR plural rules (plurals.xml), integers: constexpr and exact at the edges.
static_assert(plural_of(plural_rule::english, 1) == plural_category::one);
static_assert(plural_of(plural_rule::english, 0) == plural_category::other && plural_of(plural_rule::english, 2) == plural_category::other);
static_assert(plural_of(plural_rule::spanish, 1) == plural_category::one && plural_of(plural_rule::spanish, 0) == plural_category::other);
static_assert(plural_of(plural_rule::spanish, 1000000) == plural_category::many && plural_of(plural_rule::spanish, 2000000) == plural_category::many);
static_assert(plural_of(plural_rule::spanish, 1000001) == plural_category::other);
static_assert(plural_of(plural_rule::east_slavic, 1) == plural_category::one && plural_of(plural_rule::east_slavic, 21) == plural_category::one);
static_assert(plural_of(plural_rule::east_slavic, 11) == plural_category::many && plural_of(plural_rule::east_slavic, 111) == plural_category::many);
static_assert(plural_of(plural_rule::east_slavic, 2) == plural_category::few && plural_of(plural_rule::east_slavic, 24) == plural_category::few);
static_assert(plural_of(plural_rule::east_slavic, 12) == plural_category::many && plural_of(plural_rule::east_slavic, 14) == plural_category::many);
static_assert(plural_of(plural_rule::east_slavic, 5) == plural_category::many && plural_of(plural_rule::east_slavic, 0) == plural_category::many);

namespace aftercare {
// For Boost.Test's messages.
inline std::ostream& operator<<(std::ostream& os, review_status s) { return os << to_string(s); }
inline std::ostream& operator<<(std::ostream& os, plural_category c) { return os << to_string(c); }
inline std::ostream& operator<<(std::ostream& os, plural_rule r) { return os << static_cast<int>(r); }
}  // namespace aftercare

namespace {

const std::vector<std::string_view> translated{"es", "uk"};

preferences in(const date::time_zone* zone) {
    preferences p;
    p.zone = zone;
    return p;
}

symptom_report seen(symptom s, std::chrono::hours after, std::optional<severity> how = std::nullopt) {
    symptom_report r;
    r.symptom = s;
    r.seen = std::chrono::seconds{after};
    r.severity = how;
    return r;
}

/// The literal pieces of a message (placeholders cut out), long enough to be unmistakably its words.
std::vector<std::string> literal_pieces(std::string_view text) {
    std::vector<std::string> out;
    std::string piece;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{') {
            const auto close = text.find('}', i);
            if (close != std::string_view::npos) {
                if (piece.size() >= 14) out.push_back(piece);
                piece.clear();
                i = close;
                continue;
            }
        }
        piece += text[i];
    }
    if (piece.size() >= 14) out.push_back(piece);
    return out;
}

std::string all_outputs(const protocol& p, const treatment& t, const date::time_zone* zone) {
    const plan pl = make_plan(t, p);
    const reminder_schedule s = schedule(pl, in(zone));
    std::string out = to_text(s, {.sources = false}) + to_html(s) + to_ics(s);
    const std::vector<symptom_report> reports{seen(symptom::redness, 200h), seen(symptom::pus, 30h), seen(symptom::swelling, 10h, severity::severe)};
    out += to_text(triage(pl, reports), {.zone = zone, .sources = false});
    patient_history h;
    h.conditions = {condition::eczema, condition::pregnancy, condition::active_acne, condition::anticoagulants};
    out += to_text(screen(h, t, date::year{2026} / 11 / 21, p), {.sources = false});
    const course c = plan_course(t, p, 3);
    course_options o;
    o.zone = zone;
    out += to_text(c, o) + to_ics(c, o);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(locale_tests)

BOOST_AUTO_TEST_CASE(shipped_locales_are_the_documented_four) {
    const auto l = shipped_locales();
    BOOST_TEST(std::vector<std::string_view>(l.begin(), l.end()) == (std::vector<std::string_view>{"en", "en-US", "es", "uk"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(en_catalogue_is_the_default_protocols_texts) {
    // data/locales/en.json holds every text of the default protocol, word for word.
    const detail::catalogue& en = detail::english();
    std::size_t n = 0;
    detail::for_each_text(default_protocol().data(), [&](const std::string& id, std::string_view text, std::string_view) {
        const detail::message* m = en.find(id);
        BOOST_TEST_CONTEXT(id) {
            BOOST_REQUIRE(m != nullptr);
            BOOST_TEST(m->text == text);
            BOOST_TEST(m->status == review_status::source);
        }
        ++n;
    });
    BOOST_TEST(n > 450u);
    // ... and the catalogue file is what `aftercare protocol dump --messages` writes, nothing more.
    BOOST_TEST(catalogue_json(default_protocol(), "en") == read_file(std::string(AFTERCARE_DEFAULT_PROTOCOL_FILE).replace(
                                                              std::string(AFTERCARE_DEFAULT_PROTOCOL_FILE).find("protocols/microneedling.json"),
                                                              std::string("protocols/microneedling.json").size(), "locales/en.json")));
}

BOOST_DATA_TEST_CASE(every_message_in_every_locale, boost::unit_test::data::make(translated), lang) {
    const detail::catalogue& en = detail::english();
    const detail::catalogue& tr = *detail::shipped_catalogue(lang);
    BOOST_TEST(tr.messages.size() == en.messages.size());
    for (const auto& [id, source] : en.messages) {
        BOOST_TEST_CONTEXT(lang << " " << id) {
            const auto it = tr.messages.find(id);
            BOOST_REQUIRE(it != tr.messages.end());  // its own, never the English fallback
            const detail::message& m = it->second;
            BOOST_TEST(m.plural == source.plural);
            BOOST_TEST(m.status == review_status::machine);  // nobody with clinical training has reviewed them yet
            if (m.plural) {
                for (plural_category c : plural_categories(tr.rule)) {
                    const auto& form = m.forms[static_cast<std::size_t>(c)];
                    BOOST_TEST(!form.empty());
                    BOOST_TEST(detail::placeholders(form) == detail::placeholders(source.forms[static_cast<std::size_t>(plural_category::other)]),
                               boost::test_tools::per_element());
                }
            } else {
                BOOST_TEST(!m.text.empty());
                BOOST_TEST(detail::placeholders(m.text) == detail::placeholders(source.text), boost::test_tools::per_element());
            }
        }
    }
    BOOST_TEST(review_of(localize(default_protocol(), lang)) == review_status::machine);
}

BOOST_AUTO_TEST_CASE(plural_categories_are_the_rules) {
    BOOST_TEST(detail::shipped_catalogue("es")->rule == plural_rule::spanish);
    BOOST_TEST(detail::shipped_catalogue("uk")->rule == plural_rule::east_slavic);
    BOOST_TEST(plural_categories(plural_rule::east_slavic).size() == 4u);
    const detail::catalogue& uk = *detail::shipped_catalogue("uk");
    BOOST_TEST(uk.count("duration.days", 1) == "1 день");
    BOOST_TEST(uk.count("duration.days", 3) == "3 дні");
    BOOST_TEST(uk.count("duration.days", 5) == "5 днів");
    BOOST_TEST(uk.count("duration.days", 11) == "11 днів");
    BOOST_TEST(uk.count("duration.days", 22) == "22 дні");
    const detail::catalogue& es = *detail::shipped_catalogue("es");
    BOOST_TEST(es.count("duration.days", 1) == "1 día");
    BOOST_TEST(es.count("duration.days", 14) == "14 días");
    BOOST_TEST(detail::english().hours(std::chrono::minutes{90}) == "1.5 h");
    BOOST_TEST(es.hours(std::chrono::minutes{90}) == "1,5 h");
    BOOST_TEST(uk.hours(std::chrono::minutes{90}) == "1,5 год");
    BOOST_TEST(uk.hours(std::chrono::hours{72}) == "3 дні");
}

BOOST_AUTO_TEST_CASE(dates_and_clocks_per_locale) {
    const date::local_seconds t = local(2026, 11, 22, 7, 30);
    const auto d = date::floor<date::days>(t);
    BOOST_TEST(detail::english().local(t) == "Sun 22 Nov 2026 07:30");
    BOOST_TEST(detail::shipped_catalogue("en-US")->local(t) == "Sun, Nov 22, 2026, 7:30 AM");
    BOOST_TEST(detail::shipped_catalogue("en-US")->time_of_day(std::chrono::hours{0}) == "12:00 AM");
    BOOST_TEST(detail::shipped_catalogue("en-US")->time_of_day(std::chrono::hours{12} + std::chrono::minutes{5}) == "12:05 PM");
    BOOST_TEST(detail::shipped_catalogue("es")->day(d) == "dom, 22 nov 2026");
    BOOST_TEST(detail::shipped_catalogue("es")->local(t) == "dom, 22 nov 2026, 7:30");
    BOOST_TEST(detail::shipped_catalogue("uk")->day(d) == "нд, 22 лист. 2026 р.");
    BOOST_TEST(detail::shipped_catalogue("uk")->short_local(t) == "нд, 22 лист., 07:30");
}

BOOST_AUTO_TEST_CASE(english_is_the_protocol_itself) {
    BOOST_TEST(localize(default_protocol(), "en").same_as(default_protocol()));
    BOOST_TEST(locale_of(default_protocol()) == "en");
    BOOST_TEST(review_of(default_protocol()) == review_status::source);
    const protocol es = localize(default_protocol(), "es");
    BOOST_TEST(localize(es, "en").same_as(default_protocol()));
    BOOST_TEST(localize(default_protocol(), "es").same_as(es));  // made once per locale
    BOOST_TEST(localize(localize(default_protocol(), "uk"), "es").same_as(es));
}

BOOST_AUTO_TEST_CASE(codes_never_change_with_the_language) {
    const plan en = make_plan(example());
    for (std::string_view lang : {"en-US", "es", "uk"}) {
        const plan p = make_plan(example(), localize(default_protocol(), lang));
        BOOST_REQUIRE(p.entries().size() == en.entries().size());
        for (std::size_t i = 0; i < en.entries().size(); ++i) {
            BOOST_TEST(p.entries()[i].code == en.entries()[i].code);
            BOOST_TEST((p.entries()[i].end == en.entries()[i].end));
        }
    }
    const plan es = make_plan(example(), localize(default_protocol(), "es"));
    BOOST_TEST(es.find("restriction.makeup")->title == "Maquillaje");
    BOOST_TEST(es.find("effect.redness")->title == "Enrojecimiento");
}

// The seeded grid of treatments, rendered in every locale: no English message survives.
BOOST_DATA_TEST_CASE(no_english_left, boost::unit_test::data::make(translated) * boost::unit_test::data::xrange(6), lang, seed) {
    const detail::catalogue& en = detail::english();
    const detail::catalogue& tr = *detail::shipped_catalogue(lang);
    treatment t = example(seed % 3 == 0 ? 0.5_mm : seed % 3 == 1 ? 1.0_mm : 2.0_mm);
    t.device = seed % 2 == 0 ? device::pen : device::rf;
    t.area = std::array{area::face, area::periorbital, area::neck, area::scalp, area::hands, area::back}[static_cast<std::size_t>(seed)];
    t.skin_type = skin_type{1 + seed};
    if (seed % 2 == 1) t.adjuncts.insert(adjunct::prp);
    if (seed == 3) t.history.insert(history_flag::cold_sore_history);
    if (seed == 4) t.indication = indication::pigmentation;
    const date::time_zone* zone = locate_zone(seed % 2 == 0 ? "Europe/Kyiv" : "America/New_York");
    const std::string out = all_outputs(localize(default_protocol(), lang), t, zone);
    std::size_t checked = 0;
    for (const auto& [id, source] : en.messages) {
        const detail::message& m = tr.messages.at(id);
        const std::string& en_text = source.plural ? source.forms[static_cast<std::size_t>(plural_category::other)] : source.text;
        const std::string& tr_text = m.plural ? m.forms[static_cast<std::size_t>(plural_category::other)] : m.text;
        if (en_text == tr_text) continue;  // the same word in both languages ("Alcohol", "Minoxidil")
        for (const std::string& piece : literal_pieces(en_text)) {
            BOOST_TEST_CONTEXT(lang << " " << id) { BOOST_TEST(out.find(piece) == std::string::npos, piece); }
            ++checked;
        }
    }
    BOOST_TEST(checked > 400u);
    // ... and the same check finds English in the English output (it can fail).
    BOOST_TEST(all_outputs(default_protocol(), t, zone).find(literal_pieces(en.text("text.heading.avoid"))[0]) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(writers_speak_the_locale) {
    const plan es = make_plan(example(), localize(default_protocol(), "es"));
    const date::time_zone* madrid = locate_zone("Europe/Madrid");
    const std::string text = to_text(schedule(es, in(madrid)));
    BOOST_TEST(text.find("Qué esperar") != std::string::npos);
    BOOST_TEST(text.find("Esta traducción aún no la ha revisado un profesional sanitario") != std::string::npos);
    BOOST_TEST(text.find("pluma 1,0 mm") != std::string::npos);
    const std::string html = to_html(schedule(es, in(madrid)));
    BOOST_TEST(html.find("<html lang=\"es\">") != std::string::npos);
    BOOST_TEST(html.find("<p class=\"notice\">") != std::string::npos);
    BOOST_TEST(to_html(schedule(make_plan(example()), in(madrid))).find("<p class=\"notice\">") == std::string::npos);
    const std::string ics = to_ics(schedule(es, in(madrid)));
    BOOST_TEST(ics.find("X-WR-CALNAME:Cuidados posteriores: ") != std::string::npos);
    const std::string json = to_json(es);
    BOOST_TEST(json.find("\"lang\": \"es\"") != std::string::npos);
    BOOST_TEST(to_json(make_plan(example())).find("\"lang\"") == std::string::npos);  // English documents stay as they were
    BOOST_TEST(json.find("\"code\": \"restriction.makeup\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_locale_is_a_typed_error) {
    try {
        (void)localize(default_protocol(), "xx-\x1b[31m");
        BOOST_FAIL("no error");
    } catch (const invalid_value& e) {
        BOOST_TEST(e.field() == "lang");
        BOOST_TEST(e.value() == "xx-\\x1b[31m");
        BOOST_TEST(e.allowed() == "en, en-US, es, uk");
        BOOST_TEST(std::string(e.what()).find("expected one of en, en-US, es, uk") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(clinic_text_without_translation_names_locale_code_and_position) {
    std::string text(default_protocol_text());
    const std::string old = "\"title\": \"Makeup\"";
    BOOST_REQUIRE(text.find(old) != std::string::npos);
    text.replace(text.find(old), old.size(), "\"title\": \"Make-up\"");
    const protocol mine = parse_protocol(text, "clinic.json");
    try {
        (void)localize(mine, "uk");
        BOOST_FAIL("no error");
    } catch (const protocol_error& e) {
        BOOST_TEST(e.origin() == "clinic.json");
        BOOST_TEST(e.line() > 0u);
        BOOST_TEST(e.pointer().starts_with("/restrictions/"));
        BOOST_TEST(e.expected().find("no 'uk' message for restriction.makeup.title") != std::string::npos);
    }
    // The clinic translates its own text: that one message overrides, the rest is shipped.
    const std::string with = text.substr(0, text.rfind('}')) +
                             ",\n\"catalogues\": {\"uk\": {\"messages\": {\"restriction.makeup.title\": {\"text\": \"Косметика\", \"status\": \"reviewed\"}}}}}\n";
    const protocol uk = localize(parse_protocol(with, "clinic.json"), "uk");
    const plan p = make_plan(example(), uk);
    BOOST_TEST(p.find("restriction.makeup")->title == "Косметика");
    BOOST_TEST(p.find("restriction.sun")->title == "Сонце");
}

BOOST_AUTO_TEST_CASE(bad_clinic_catalogue_is_a_protocol_error) {
    const std::string text(default_protocol_text());
    auto with = [&](const std::string& catalogues) { return text.substr(0, text.rfind('}')) + ",\n\"catalogues\": " + catalogues + "}\n"; };
    const auto message_of = [&](const std::string& catalogues) {
        try {
            (void)parse_protocol(with(catalogues), "clinic.json");
        } catch (const protocol_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    BOOST_TEST(message_of(R"({"es": {"messages": {"restriction.makeup.titel": {"text": "x", "status": "reviewed"}}}})").find(
                   "/catalogues/es/messages/restriction.makeup.titel: locale \"es\": \"restriction.makeup.titel\" is not a message") != std::string::npos);
    BOOST_TEST(message_of(R"({"es": {"messages": {"text.restriction": {"text": "{title} hasta {when}", "status": "reviewed"}}}})").find(
                   "must use the placeholders of the English ({title}, {until})") != std::string::npos);
    BOOST_TEST(message_of(R"({"es": {"messages": {"duration.days": {"one": "{count} día", "other": "{count} días", "status": "reviewed"}}}})").find(
                   "missing plural form \"many\"") != std::string::npos);
    BOOST_TEST(message_of(R"({"es": {"messages": {"effect.redness.title": {"text": "Rojez", "status": "checked"}}}})").find(
                   "status \"checked\" is not one of machine, reviewed, source") != std::string::npos);
    BOOST_TEST(message_of(R"({"pl": {"plural": "en", "messages": {}}})").find("missing key \"dates\"") != std::string::npos);
    BOOST_TEST(message_of(R"({"es": {"messages": {"effect.redness.title": {"text": "Rojez", "status": "reviewed"}}}})") == "no error");
}

BOOST_AUTO_TEST_CASE(substitute_and_placeholders) {
    BOOST_TEST(detail::substitute("{a} and {b}, {{literal}}", {{"a", "1"}, {"b", "2"}}) == "1 and 2, {literal}");
    BOOST_TEST(detail::substitute("{unknown}", {}) == "{unknown}");
    BOOST_TEST(detail::placeholders("{b} {a} {b}") == (std::vector<std::string>{"a", "b"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
