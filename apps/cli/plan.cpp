// `aftercare plan`: the plan for one treatment with its reminders, as text, JSON or iCalendar.
#include "common.hpp"

#include <chrono>
#include <memory>
#include <optional>

namespace aftercare_cli {

namespace {

struct fhir_args {
    std::string subject, author, canonical_base = "urn:aftercare:fhir";
};

int run_plan(const treatment_args& a, const reminder_args& ra, const fhir_args& fa, const output_args& o) {
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
        fhir_args fhir;
        output_args output;
    };
    auto a = std::make_shared<args>();
    CLI::App* plan = app.add_subcommand("plan", "the aftercare plan for one treatment, with its reminders");
    add_treatment_options(*plan, a->treatment);
    add_reminder_options(*plan, a->reminders);
    plan->add_option("--subject", a->fhir.subject, "with --format fhir: the patient as a FHIR reference (Patient/123)");
    plan->add_option("--author", a->fhir.author, "with --format fhir: the plan's author as a FHIR reference (Practitioner/456)");
    plan->add_option("--canonical-base", a->fhir.canonical_base, "with --format fhir: the base of the PlanDefinition's and Questionnaires' URLs")
        ->capture_default_str();
    plan->add_option("--format", a->output.format, "text, json, ics (an iCalendar file of the reminders) or fhir (a FHIR R4 Bundle)")
        ->check(CLI::IsMember({"text", "json", "ics", "fhir"}))
        ->capture_default_str();
    plan->add_option("-o,--output", a->output.output, "write to this file instead of standard output");
    return {plan, [a] { return run_plan(a->treatment, a->reminders, a->fhir, a->output); }};
}

}  // namespace aftercare_cli
