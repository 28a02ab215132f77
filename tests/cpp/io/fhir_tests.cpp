// io/fhir.hpp: the Bundle's shape, its instants equal the schedule's, references are checked and none
// invented. The full structural and invariant checks (fhir.resources, FHIRPath) are in tests/python/test_fhir.py.
#include "../test_support.hpp"

#include <nlohmann/json.hpp>

#include <set>

using namespace aftercare;
using namespace aftercare::test;
using nlohmann::json;

namespace {

preferences in_zone(const date::time_zone* zone) {
    preferences p;
    p.zone = zone;
    return p;
}

json resource(const json& bundle, std::string_view type) {
    for (const json& e : bundle.at("entry")) {
        if (e.at("resource").at("resourceType") == type) return e.at("resource");
    }
    BOOST_FAIL("no " << type << " in the bundle");
    return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fhir_tests)

BOOST_AUTO_TEST_CASE(bundle_carries_the_plan_and_the_schedules_instants) {
    const date::time_zone* zone = locate_zone("America/New_York");
    const plan p = make_plan(example());
    const reminder_schedule s = schedule(p, in_zone(zone));
    fhir_options o;
    o.subject = "Patient/p1";
    o.author = "Practitioner/d-7";
    const json bundle = json::parse(to_fhir(p, s, o));
    BOOST_TEST(bundle.at("resourceType") == "Bundle");
    const json care = resource(bundle, "CarePlan");
    BOOST_TEST(care.at("intent") == "plan");
    BOOST_TEST(care.at("subject").at("reference") == "Patient/p1");
    BOOST_TEST(care.at("author").at("reference") == "Practitioner/d-7");
    BOOST_TEST(!care.contains("created"));  // not given: not invented
    const json def = resource(bundle, "PlanDefinition");
    BOOST_TEST(care.at("instantiatesCanonical").at(0) == def.at("url").get<std::string>() + "|" + def.at("version").get<std::string>());
    BOOST_TEST(def.at("version") == p.protocol().version());
    // Every routine and check-in reminder is an event; every event is a reminder.
    std::multiset<std::string> expected, events;
    for (const reminder& r : s.reminders()) {
        if (r.kind == reminder_kind::routine || r.kind == reminder_kind::check_in) expected.insert(format_rfc3339(r.at, zone));
    }
    std::set<std::string> questionnaires;
    for (const json& e : bundle.at("entry")) {
        if (e.at("resource").at("resourceType") == "Questionnaire") questionnaires.insert(e.at("resource").at("url").get<std::string>() + "|" + e.at("resource").at("version").get<std::string>());
    }
    std::size_t check_ins = 0;
    for (const json& a : care.at("activity")) {
        const json& d = a.at("detail");
        if (d.contains("scheduledTiming")) {
            for (const json& t : d.at("scheduledTiming").at("event")) events.insert(t.get<std::string>());
            if (d.at("scheduledTiming").contains("repeat")) {
                const json& rep = d.at("scheduledTiming").at("repeat");
                BOOST_TEST(rep.at("timeOfDay").size() == rep.at("_timeOfDay").size());
                for (const json& z : rep.at("_timeOfDay")) BOOST_TEST(z.at("extension").at(0).at("valueCode") == "America/New_York");
            }
        }
        if (d.contains("instantiatesCanonical")) {
            ++check_ins;
            BOOST_TEST(questionnaires.count(d.at("instantiatesCanonical").at(0).get<std::string>()) == 1u);
        }
        if (d.value("doNotPerform", false)) BOOST_TEST(d.contains("scheduledPeriod"));
    }
    BOOST_TEST((events == expected));
    BOOST_TEST(check_ins == questionnaires.size());
    BOOST_TEST(care.at("contained").size() == care.at("goal").size());
}

BOOST_AUTO_TEST_CASE(references_are_the_callers_and_checked) {
    const plan p = make_plan(example());
    const reminder_schedule s = schedule(p, in_zone(locate_zone("Europe/London")));
    fhir_options o;
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)to_fhir(p, s, o); }).field() == "subject");
    o.subject = "Practitioner/1";  // a CarePlan's subject is a Patient or a Group
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)to_fhir(p, s, o); }).field() == "subject");
    o.subject = "Patient/has space";
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)to_fhir(p, s, o); }).field() == "subject");
    o.subject = "urn:uuid:6b1f0c5e-4f44-4a8e-9d38-2b7c0d0f6f10";
    o.author = "Medication/1";
    BOOST_TEST(expect_throw<invalid_value>([&] { (void)to_fhir(p, s, o); }).field() == "author");
    o.author = "https://clinic.example/fhir/Practitioner/1";
    BOOST_TEST(json::parse(to_fhir(p, s, o)).at("entry").size() >= 2u);
}

BOOST_AUTO_TEST_SUITE_END()
