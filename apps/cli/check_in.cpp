// `aftercare check-in questions|answer|follow-up`: the check-in loop (checkin.hpp). The command
// sends nothing: it prints the questions, the assessment of answers, or what is due when nobody answers.
#include "common.hpp"

#include <chrono>
#include <memory>

namespace aftercare_cli {

namespace {

std::string assessment_text(const aftercare::check_in_assessment& a, const date::time_zone* zone) {
    std::string out = "Check-in " + a.check_in;
    if (a.answered_at) out += ", answered " + aftercare::format_rfc3339(*a.answered_at, zone);
    out += "\nLevel: " + std::string(aftercare::to_string(a.level)) + "\n";
    if (a.help) {
        out += "Asked for help" + std::string(a.help_without_detail ? " (no symptoms given)" : "") + ": " + std::string(a.help->advice) + "\n";
    }
    if (!a.triage.reports.empty()) out += "\n" + aftercare::to_text(a.triage, {.zone = zone});
    if (!a.free_text.empty()) out += "\nFree text, for a person to read:\n  " + a.free_text + "\n";
    return out;
}

std::string follow_up_text(const aftercare::follow_up_step& f, const date::time_zone* zone) {
    std::string out;
    if (f.action == aftercare::follow_up_action::none) {
        out = "Nothing is due.\n";
    } else {
        out = std::string(f.action == aftercare::follow_up_action::nudge ? "Nudge the patient" : "Task for the clinic") + " (due " +
              aftercare::format_rfc3339(*f.due, zone) + "): " + std::string(f.title) + "\n  " + std::string(f.text) + "\n";
    }
    if (f.next_due) {
        out += "Next, if still unanswered: " + std::string(aftercare::to_string(f.next_action)) + " at " + aftercare::format_rfc3339(*f.next_due, zone) + "\n";
    }
    return out;
}

/// A local time given on the command line, or the clock (the command may read it).
date::sys_seconds local_or_now(const std::string& text, const char* option, const resolved& r) {
    if (text.empty()) return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    if (r.zone == nullptr) bad(option, text, "--treated-at and --tz", std::string(option) + " needs the treatment time (--treated-at and --tz)");
    return aftercare::to_utc(aftercare::parse_local_time(text, option), *r.zone);
}

struct questions_args {
    treatment_args treatment;
    std::string check_in;
    std::string canonical_base = "urn:aftercare:fhir";
    output_args output{"json", ""};
};

int run_questions(const questions_args& a) {
    const resolved r = resolve(a.treatment);
    const aftercare::plan p = aftercare::make_plan(r.treatment, r.protocol);
    const aftercare::questionnaire q = aftercare::check_in_questions(p, a.check_in);
    if (a.output.format == "fhir") {
        aftercare::fhir_options o;
        o.canonical_base = a.canonical_base;
        emit(a.output, aftercare::to_fhir(q, o) + "\n");
    } else {
        emit(a.output, aftercare::to_json(q, {.zone = r.zone}));
    }
    return 0;
}

struct answer_args {
    treatment_args treatment;
    std::string answers_file, response_file, as_of;
    output_args output;
};

int run_answer(const answer_args& a) {
    const resolved r = resolve(a.treatment);
    if (a.answers_file.empty() && a.response_file.empty()) {
        bad("--answers", "", "--answers FILE or --response FILE", "give the answers: --answers FILE (plain JSON) or --response FILE (a FHIR QuestionnaireResponse)");
    }
    const aftercare::plan p = aftercare::make_plan(r.treatment, r.protocol);
    const aftercare::check_in_answers answers =
        a.response_file.empty() ? aftercare::answers_from_json(p, read_text_file(a.answers_file, "--answers"), r.zone, a.answers_file)
                                : aftercare::answers_from_fhir(p, read_text_file(a.response_file, "--response"), a.response_file);
    aftercare::triage_options options;
    if (p.treatment().treated_at) {
        options.as_of = local_or_now(a.as_of, "--as-of", r);
    } else if (!a.as_of.empty()) {
        bad("--as-of", a.as_of, "--treated-at", "--as-of needs the treatment time (--treated-at and --tz)");
    }
    const aftercare::check_in_assessment result = aftercare::assess_check_in(p, answers, options);
    emit(a.output, a.output.format == "json" ? aftercare::to_json(result, {.zone = r.zone}) : assessment_text(result, r.zone));
    return 0;
}

struct follow_up_args {
    treatment_args treatment;
    reminder_args reminders;
    std::vector<std::string> answered;
    std::string now;
    output_args output;
};

int run_follow_up(const follow_up_args& a) {
    const resolved r = resolve(a.treatment);
    if (!r.treatment.treated_at) {
        bad("--treated-at", "", "--treated-at and --tz", "check-in follow-up needs the treatment time (--treated-at and --tz)");
    }
    const aftercare::plan p = aftercare::make_plan(r.treatment, r.protocol);
    const aftercare::reminder_schedule s = aftercare::schedule(p, parse_preferences(a.reminders, r.zone));
    const date::sys_seconds now = local_or_now(a.now, "--now", r);
    const aftercare::follow_up_step f = aftercare::follow_up(p, s, a.answered, now);
    emit(a.output, a.output.format == "json" ? aftercare::to_json(f, aftercare::follow_up_due(s), p.protocol(), {.zone = r.zone}) : follow_up_text(f, r.zone));
    return 0;
}

}  // namespace

std::vector<command> add_check_in(CLI::App& app) {
    CLI::App* root = app.add_subcommand("check-in", "the check-in loop: questions, answers, and what is due when nobody answers");
    root->require_subcommand(1);

    auto q = std::make_shared<questions_args>();
    CLI::App* questions = root->add_subcommand("questions", "a check-in's questions, as plain JSON or a FHIR Questionnaire");
    add_treatment_options(*questions, q->treatment);
    questions->add_option("--check-in", q->check_in, "the check-in's code (check_in.24h, check_in.72h, check_in.7d)")->required();
    questions->add_option("--canonical-base", q->canonical_base, "with --format fhir: the base of the Questionnaire's URL")->capture_default_str();
    questions->add_option("--format", q->output.format, "json or fhir (a FHIR R4 Questionnaire)")->check(CLI::IsMember({"json", "fhir"}))->capture_default_str();
    questions->add_option("-o,--output", q->output.output, "write to this file instead of standard output");

    auto a = std::make_shared<answer_args>();
    CLI::App* answer = root->add_subcommand("answer", "assess a check-in's answers (plain JSON or a FHIR QuestionnaireResponse)");
    add_treatment_options(*answer, a->treatment);
    auto* answers_opt = answer->add_option("--answers", a->answers_file,
                                           "the answers as JSON: {\"check_in\": ..., \"answered_at\": ..., \"status\": ..., \"symptoms\": [...], \"free_text\": ...}");
    auto* response_opt = answer->add_option("--response", a->response_file, "the answers as a FHIR R4 QuestionnaireResponse (JSON)");
    answers_opt->excludes(response_opt);
    answer->add_option("--as-of", a->as_of, "assess as of this local time (default: now); the answer cannot be later");
    answer->add_option("--format", a->output.format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    answer->add_option("-o,--output", a->output.output, "write to this file instead of standard output");

    auto f = std::make_shared<follow_up_args>();
    CLI::App* follow = root->add_subcommand("follow-up", "what is due when nobody answers: a nudge, a clinic task, or nothing");
    add_treatment_options(*follow, f->treatment);
    add_reminder_options(*follow, f->reminders);
    follow->add_option("--answered", f->answered, "the code of a check-in that was answered (repeatable)")->allow_extra_args(false);
    follow->add_option("--now", f->now, "the local time to ask about (default: now)");
    follow->add_option("--format", f->output.format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    follow->add_option("-o,--output", f->output.output, "write to this file instead of standard output");

    return {{questions, [q] { return run_questions(*q); }}, {answer, [a] { return run_answer(*a); }}, {follow, [f] { return run_follow_up(*f); }}};
}

}  // namespace aftercare_cli
