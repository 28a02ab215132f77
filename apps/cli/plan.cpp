// `aftercare plan`: the plan for one treatment with its reminders, as text, JSON, iCalendar, or the
// patient's handout (HTML, PDF).
#include "common.hpp"
#include "pdf.hpp"

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

/// The handout's options: the clinic (a profile file, then single options over it), the patient.
struct handout_args {
    std::string clinic_file;
    std::string clinic_name;
    std::string clinic_phone;
    std::string patient;
    std::string paper = "a4";
    bool clinician = false;
    bool no_sources = false;
};

void add_handout_options(CLI::App& cmd, handout_args& h) {
    cmd.add_option("--clinic", h.clinic_file, "clinic profile (JSON: name, phone, after_hours, address, logo) for --format html or pdf");
    cmd.add_option("--clinic-name", h.clinic_name, "the clinic's name on the handout (over --clinic)");
    cmd.add_option("--clinic-phone", h.clinic_phone, "the clinic's phone number on the handout (over --clinic)");
    cmd.add_option("--patient", h.patient, "the patient's name on the handout");
    cmd.add_option("--paper", h.paper, "a4 or letter: the paper the handout is laid out for")
        ->check(CLI::IsMember({"a4", "letter"}))
        ->capture_default_str();
    cmd.add_flag("--clinician", h.clinician, "the clinician's copy of the handout: with the numbers behind each line and the sources");
    cmd.add_flag("--no-sources", h.no_sources, "--format text: leave out the list of sources");
}

/// A name or number for the page: at most `max` bytes, no control characters.
std::string checked_text(const std::string& value, const char* field, std::size_t max) {
    const std::string allowed = "text of at most " + std::to_string(max) + " bytes without control characters";
    for (char c : value) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) bad(field, "", allowed, std::string(field) + " has a control character");
    }
    if (value.size() > max) bad(field, value.substr(0, 20) + "...", allowed, std::string(field) + " is longer than " + std::to_string(max) + " bytes");
    return value;
}

aftercare::html_options parse_handout(const handout_args& h, const date::time_zone* zone) {
    aftercare::html_options options;
    options.zone = zone;
    if (!h.clinic_file.empty()) options.clinic = aftercare::load_clinic(h.clinic_file);
    if (!h.clinic_name.empty()) options.clinic.name = checked_text(h.clinic_name, "--clinic-name", 120);
    if (!h.clinic_phone.empty()) options.clinic.phone = checked_text(h.clinic_phone, "--clinic-phone", 40);
    if (!h.patient.empty()) options.patient_name = checked_text(h.patient, "--patient", 120);
    options.paper = h.paper == "letter" ? aftercare::paper_size::letter : aftercare::paper_size::a4;
    options.copy = h.clinician ? aftercare::handout_copy::clinician : aftercare::handout_copy::patient;
    return options;
}

int run_plan(const treatment_args& a, const reminder_args& ra, const output_args& o, const handout_args& h) {
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
    } else if (o.format == "html") {
        emit(o, aftercare::to_html(s, parse_handout(h, r.zone)));
    } else if (o.format == "pdf") {
        emit(o, print_pdf(aftercare::to_html(s, parse_handout(h, r.zone))));
    } else {
        emit(o, aftercare::to_text(s, {.zone = r.zone, .sources = !h.no_sources}));
    }
    return 0;
}

}  // namespace

command add_plan(CLI::App& app) {
    struct args {
        treatment_args treatment;
        reminder_args reminders;
        output_args output;
        handout_args handout;
    };
    auto a = std::make_shared<args>();
    CLI::App* plan = app.add_subcommand("plan", "the aftercare plan for one treatment, with its reminders");
    add_treatment_options(*plan, a->treatment);
    add_reminder_options(*plan, a->reminders);
    plan->add_option("--format", a->output.format,
                     "text, json, ics (an iCalendar file of the reminders), html (the patient's handout) or pdf (the handout, printed by Chromium)")
        ->check(CLI::IsMember({"text", "json", "ics", "html", "pdf"}))
        ->capture_default_str();
    plan->add_option("-o,--output", a->output.output, "write to this file instead of standard output");
    add_handout_options(*plan, a->handout);
    return {plan, [a] { return run_plan(a->treatment, a->reminders, a->output, a->handout); }};
}

}  // namespace aftercare_cli
