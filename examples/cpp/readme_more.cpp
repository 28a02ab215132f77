// The C++ fragments of README.md and docs/reminders.md, in one program that the tests build and run:
// each fragment stands here verbatim (tests/python/test_doc_examples.py checks it).
#include <aftercare/aftercare.hpp>

#include <fstream>
#include <iostream>

int main() {
    using namespace aftercare::literals;
    aftercare::treatment t;
    t.device = aftercare::device::pen;
    t.depth = 1.0_mm;
    t.skin_type = aftercare::skin_type{3};
    t.indication = aftercare::indication::acne_scars;
    t.treated_at = aftercare::to_utc(aftercare::parse_local_time("2026-11-21T14:00", "treated_at"), *aftercare::locate_zone("Europe/London"));
    const aftercare::plan plan = aftercare::make_plan(t);
    {
        // README.md, "Reminders and a calendar file for a patient"
        aftercare::preferences prefs;
        prefs.zone = aftercare::locate_zone("Europe/London");
        const aftercare::reminder_schedule s = aftercare::schedule(plan, prefs);
        std::ofstream("patient.ics", std::ios::binary) << aftercare::to_ics(s);
        std::cout << s.reminders().size() << " reminders, " << s.series().size() << " series\n";
    }
    {
        // docs/reminders.md
        const date::time_zone* london = aftercare::locate_zone("Europe/London");
        aftercare::preferences prefs;
        prefs.zone = london;                                   // wake 07:00 and bed 22:30 by default
        const aftercare::reminder_schedule s = aftercare::schedule(plan, prefs);
        for (const aftercare::reminder& r : s.reminders()) std::cout << r.code << '\n';  // also r.kind, r.at, r.local, r.text
        std::ofstream("patient.ics", std::ios::binary) << aftercare::to_ics(s);
    }
    {
        // README.md, triage and screening
        aftercare::symptom_report r;                       // <aftercare/triage.hpp>
        r.symptom = aftercare::symptom::redness;  r.seen = std::chrono::hours{187};  r.signs = {aftercare::sign::warm};
        const aftercare::assessment a = aftercare::triage(plan, {r});        // a.level == triage_level::contact_clinic

        aftercare::patient_history h;                      // <aftercare/screening.hpp>
        h.conditions = {aftercare::condition::pregnancy};
        const aftercare::eligibility e = aftercare::screen(h, t, date::year{2026} / 11 / 21);   // decision::needs_clearance
        std::cout << "triage: " << aftercare::to_string(a.level) << "; screening: " << aftercare::to_string(e.decision) << '\n';
    }
}
