// `aftercare plan`: the plan for one treatment with its reminders, as text, JSON or iCalendar.
#include "common.hpp"

#include <chrono>
#include <memory>
#include <optional>

namespace aftercare_cli {

namespace {

/// The patient's day, for reminders (plan only).
struct reminder_args {
    std::string wake = "07:00";
    std::string bed = "22:30";
    std::string morning, midday, evening, bedtime;
};

void add_reminder_options(CLI::App& cmd, reminder_args& a) {
    cmd.add_option("--wake", a.wake, "wake time HH:MM: reminders never come before it")->capture_default_str();
    cmd.add_option("--bed", a.bed, "bed time HH:MM: quiet hours run from it to --wake")->capture_default_str();
    cmd.add_option("--morning", a.morning, "morning routine time HH:MM (default: 30 min after --wake)");
    cmd.add_option("--midday", a.midday, "midday time HH:MM (default: 13:00)");
    cmd.add_option("--evening", a.evening, "evening routine time HH:MM (default: 90 min before --bed)");
    cmd.add_option("--bedtime", a.bedtime, "bedtime reminder time HH:MM (default: 30 min before --bed)");
}

aftercare::preferences parse_preferences(const reminder_args& a, const date::time_zone* zone) {
    aftercare::preferences prefs;
    prefs.zone = zone;
    prefs.wake = aftercare::parse_time_of_day(a.wake, "--wake");
    prefs.bed = aftercare::parse_time_of_day(a.bed, "--bed");
    auto slot = [](const std::string& text, const char* field) -> std::optional<std::chrono::minutes> {
        if (text.empty()) return std::nullopt;
        return aftercare::parse_time_of_day(text, field);
    };
    prefs.morning = slot(a.morning, "--morning");
    prefs.midday = slot(a.midday, "--midday");
    prefs.evening = slot(a.evening, "--evening");
    prefs.bedtime = slot(a.bedtime, "--bedtime");
    return prefs;
}

int run_plan(const treatment_args& a, const reminder_args& ra, const output_args& o) {
    const resolved r = resolve(a);
    const aftercare::preferences prefs = parse_preferences(ra, r.zone);
    if (o.format == "ics" && !r.treatment.treated_at) {
        throw aftercare::invalid_value("--format", "ics", "--treated-at and --tz",
                                       "--format ics needs --treated-at and --tz: calendar reminders are at the patient's local times");
    }
    const aftercare::plan p = aftercare::make_plan(r.treatment, r.protocol);
    const aftercare::reminder_schedule s = aftercare::schedule(p, prefs);
    if (o.format == "json") {
        emit(o, aftercare::to_json(s, {.zone = r.zone}));
    } else if (o.format == "ics") {
        emit(o, aftercare::to_ics(s));
    } else {
        emit(o, aftercare::to_text(s, {.zone = r.zone}));
    }
    return 0;
}

}  // namespace

command add_plan(CLI::App& app) {
    struct args {
        treatment_args treatment;
        reminder_args reminders;
        output_args output;
    };
    auto a = std::make_shared<args>();
    CLI::App* plan = app.add_subcommand("plan", "the aftercare plan for one treatment, with its reminders");
    add_treatment_options(*plan, a->treatment);
    add_reminder_options(*plan, a->reminders);
    plan->add_option("--format", a->output.format, "text, json or ics (an iCalendar file of the reminders)")
        ->check(CLI::IsMember({"text", "json", "ics"}))
        ->capture_default_str();
    plan->add_option("-o,--output", a->output.output, "write to this file instead of standard output");
    return {plan, [a] { return run_plan(a->treatment, a->reminders, a->output); }};
}

}  // namespace aftercare_cli
