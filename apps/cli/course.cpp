// `aftercare course`: the sessions of a course with their windows, milestones and booking reminders.
#include "common.hpp"

#include <memory>
#include <optional>

namespace aftercare_cli {

namespace {

int run_course(const treatment_args& a, std::optional<int> sessions, const output_args& o) {
    const resolved r = resolve(a);
    if (o.format == "ics" && !r.treatment.treated_at) {
        throw aftercare::invalid_value("--format", "ics", "--treated-at and --tz",
                                       "--format ics needs --treated-at and --tz: a calendar needs the dates of the course");
    }
    aftercare::course c;
    try {
        c = aftercare::plan_course(r.treatment, r.protocol, sessions);
    } catch (const aftercare::invalid_value& e) {
        if (e.field() != "sessions") throw;
        std::string message = e.what();
        if (message.starts_with("sessions")) message.replace(0, 8, "--sessions");
        throw aftercare::invalid_value("--sessions", e.value(), e.allowed(), message);
    }
    if (o.format == "json") {
        emit(o, aftercare::to_json(c, {.zone = r.zone}));
    } else if (o.format == "ics") {
        emit(o, aftercare::to_ics(c, {.zone = r.zone}));
    } else {
        emit(o, aftercare::to_text(c, {.zone = r.zone}));
    }
    return 0;
}

}  // namespace

command add_course(CLI::App& app) {
    struct args {
        treatment_args treatment;
        std::optional<int> sessions;
        output_args output;
    };
    auto a = std::make_shared<args>();
    CLI::App* cmd = app.add_subcommand("course", "a course of sessions: windows, what changes, re-screening, milestones, reminders");
    add_treatment_options(*cmd, a->treatment);
    cmd->add_option("--sessions", a->sessions, "sessions in the course (default: the indication's usual number)");
    cmd->add_option("--format", a->output.format, "text, json or ics (an iCalendar file of the course)")
        ->check(CLI::IsMember({"text", "json", "ics"}))
        ->capture_default_str();
    cmd->add_option("-o,--output", a->output.output, "write to this file instead of standard output");
    return {cmd, [a] { return run_course(a->treatment, a->sessions, a->output); }};
}

}  // namespace aftercare_cli
