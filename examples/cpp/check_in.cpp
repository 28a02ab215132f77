// The check-in loop: a check-in's questions, the assessment of its answers, and what is due when
// nobody answers (docs/check-ins.md).
#include <aftercare/aftercare.hpp>

#include <iostream>

int main() {
    using namespace aftercare::literals;
    const date::time_zone* london = aftercare::locate_zone("Europe/London");
    aftercare::treatment t;
    t.device = aftercare::device::pen;
    t.depth = 1.0_mm;
    t.skin_type = aftercare::skin_type{3};
    t.treated_at = aftercare::to_utc(aftercare::parse_local_time("2026-11-21T14:00", "treated_at"), *london);
    const aftercare::plan plan = aftercare::make_plan(t);
    aftercare::preferences prefs;
    prefs.zone = london;
    const aftercare::reminder_schedule schedule = aftercare::schedule(plan, prefs);

    const aftercare::questionnaire q = aftercare::check_in_questions(plan, "check_in.72h");
    std::cout << q.check_in << ": " << q.items.size() << " questions, first " << q.items.front().link_id << ", then "
              << q.items[2].link_id << '\n';

    aftercare::check_in_answers a;
    a.check_in = "check_in.72h";
    a.answered = aftercare::to_utc(aftercare::parse_local_time("2026-11-24T15:00", "answered_at"), *london);
    a.status = aftercare::check_in_status::help;
    const aftercare::check_in_assessment r = aftercare::assess_check_in(plan, a);
    std::cout << "help with no detail: " << aftercare::to_string(r.level) << " (" << r.help->rule << ")\n";

    aftercare::symptom_report redness;
    redness.symptom = aftercare::symptom::redness;
    redness.severity = aftercare::severity::mild;
    a.status = aftercare::check_in_status::fine;
    a.symptoms = {redness};
    std::cout << "mild redness at 73 h: " << aftercare::to_string(aftercare::assess_check_in(plan, a).level) << '\n';

    const std::vector<std::string> answered;  // nobody has answered yet
    for (const char* now : {"2026-11-24T11:59", "2026-11-24T12:00", "2026-11-25T00:00"}) {
        const auto at = aftercare::to_utc(aftercare::parse_local_time(now, "now"), *london);
        const aftercare::follow_up_step f = aftercare::follow_up(plan, schedule, answered, at);
        std::cout << now << ": " << aftercare::to_string(f.action) << '\n';
    }
}
