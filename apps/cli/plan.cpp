// `aftercare plan`: the plan for one treatment with its reminders, as text, JSON, iCalendar, or the
// patient's handout (HTML, PDF).
#include "common.hpp"
#include "pdf.hpp"

#include <chrono>
#include <memory>
#include <optional>

namespace aftercare_cli {

namespace {

struct fhir_args {
    std::string subject, author, canonical_base = "urn:aftercare:fhir";
};

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

int run_plan(const treatment_args& a, const reminder_args& ra, const fhir_args& fa, const output_args& o, const handout_args& h) {
    const resolved r = resolve(a);
    const aftercare::preferences prefs = parse_preferences(ra, r.zone);
    if (o.format == "fhir" && !r.treatment.treated_at) {
        throw aftercare::invalid_value("--format", "fhir", "--treated-at and --tz",
                                       "--format fhir needs --treated-at and --tz: a CarePlan's activities are at the patient's local times");
    }
    if (o.format == "fhir" && fa.subject.empty()) {
        throw aftercare::invalid_value("--subject", "", "a FHIR reference such as Patient/123",
                                       "--format fhir needs --subject REF (the patient, e.g. Patient/123): the library invents no patient");
    }
    if (o.format != "fhir" && (!fa.subject.empty() || !fa.author.empty())) {
        throw aftercare::invalid_value("--subject", fa.subject, "--format fhir", "--subject and --author are for --format fhir");
    }
    if (o.format == "ics" && !r.treatment.treated_at) {
        throw aftercare::invalid_value("--format", "ics", "--treated-at and --tz",
                                       "--format ics needs --treated-at and --tz: calendar reminders are at the patient's local times");
    }
    const aftercare::plan p = aftercare::make_plan(r.treatment, r.protocol);
    const aftercare::reminder_schedule s = aftercare::schedule(p, prefs);
    if (o.format == "json") {
        emit(o, aftercare::to_json(s, {.zone = r.zone}));
    } else if (o.format == "fhir") {
        aftercare::fhir_options f;
        f.subject = fa.subject;
        f.author = fa.author;
        f.canonical_base = fa.canonical_base;
        f.created = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());  // the command may read the clock
        emit(o, aftercare::to_fhir(p, s, f) + "\n");
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
        fhir_args fhir;
        output_args output;
        handout_args handout;
    };
    auto a = std::make_shared<args>();
    CLI::App* plan = app.add_subcommand("plan", "the aftercare plan for one treatment, with its reminders");
    add_treatment_options(*plan, a->treatment);
    add_reminder_options(*plan, a->reminders);
    plan->add_option("--subject", a->fhir.subject, "with --format fhir: the patient as a FHIR reference (Patient/123)");
    plan->add_option("--author", a->fhir.author, "with --format fhir: the plan's author as a FHIR reference (Practitioner/456)");
    plan->add_option("--canonical-base", a->fhir.canonical_base, "with --format fhir: the base of the PlanDefinition's and Questionnaires' URLs")
        ->capture_default_str();
    plan->add_option("--format", a->output.format,
                     "text, json, ics (an iCalendar file of the reminders), html (the patient's handout), pdf (the handout, "
                     "printed by Chromium) or fhir (a FHIR R4 Bundle)")
        ->check(CLI::IsMember({"text", "json", "ics", "html", "pdf", "fhir"}))
        ->capture_default_str();
    plan->add_option("-o,--output", a->output.output, "write to this file instead of standard output");
    add_handout_options(*plan, a->handout);
    return {plan, [a] { return run_plan(a->treatment, a->reminders, a->fhir, a->output, a->handout); }};
}

}  // namespace aftercare_cli
