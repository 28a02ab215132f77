// The `aftercare` command: plans, protocol checks. Exit 0 on success, 2 on bad input with one line
// on stderr naming the field and what is allowed, never a stack trace.
#include <aftercare/aftercare.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

constexpr int exit_bad_input = 2;

/// Everything that describes a treatment on the command line (shared by plan, triage and screen).
struct treatment_args {
    std::string device;
    double depth_mm = 0;
    std::string area = "face";
    std::string skin_type;
    std::vector<std::string> adjuncts;
    std::string indication;
    int session = 1;
    std::vector<std::string> history;
    std::string treated_at;
    std::string tz;
    std::string protocol_file;
};

struct output_args {
    std::string format = "text";
    std::string output;
};

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

void add_treatment_options(CLI::App& cmd, treatment_args& a) {
    cmd.add_option("--device", a.device, "home_roller, pen or rf")->required();
    cmd.add_option("--depth", a.depth_mm, "needle depth in mm")->required();
    cmd.add_option("--area", a.area, "treated area (face, periorbital, neck, decolletage, scalp, back, abdomen, thighs, arms, hands)")
        ->capture_default_str();
    cmd.add_option("--skin-type", a.skin_type, "Fitzpatrick skin type, 1-6 or I-VI")->required();
    cmd.add_option("--adjunct", a.adjuncts, "an adjunct (prp); repeatable");
    cmd.add_option("--indication", a.indication, "acne_scars, wrinkles, texture, stretch_marks, hair_loss or pigmentation");
    cmd.add_option("--session", a.session, "which session of the course, from 1")->capture_default_str();
    cmd.add_option("--history", a.history, "cold_sore_history or pigmentation_history; repeatable");
    cmd.add_option("--treated-at", a.treated_at, "end of treatment, local time in --tz: YYYY-MM-DDTHH:MM");
    cmd.add_option("--tz", a.tz, "the patient's IANA time zone, e.g. Europe/London");
    cmd.add_option("--protocol", a.protocol_file, "a protocol file to use instead of the embedded default");
}

struct resolved {
    aftercare::protocol protocol;
    aftercare::treatment treatment;
    const date::time_zone* zone = nullptr;
};

resolved resolve(const treatment_args& a) {
    resolved r{a.protocol_file.empty() ? aftercare::default_protocol() : aftercare::load_protocol(a.protocol_file), {}, nullptr};
    aftercare::treatment& t = r.treatment;
    t.device = aftercare::parse_code<aftercare::device>(a.device);
    t.depth = aftercare::needle_depth::from_mm(a.depth_mm);
    t.area = aftercare::parse_code<aftercare::area>(a.area);
    t.skin_type = aftercare::parse_skin_type(a.skin_type);
    for (const auto& s : a.adjuncts) t.adjuncts.insert(aftercare::parse_code<aftercare::adjunct>(s));
    if (!a.indication.empty()) t.indication = aftercare::parse_code<aftercare::indication>(a.indication);
    t.session = a.session;
    for (const auto& s : a.history) t.history.insert(aftercare::parse_code<aftercare::history_flag>(s));
    if (!a.tz.empty()) r.zone = aftercare::locate_zone(a.tz, "--tz");
    if (!a.treated_at.empty()) {
        if (r.zone == nullptr) {
            throw aftercare::invalid_value("--tz", "", "an IANA time-zone name",
                                           "--tz is required with --treated-at (the local time needs its zone, e.g. --tz Europe/London)");
        }
        t.treated_at = aftercare::to_utc(aftercare::parse_local_time(a.treated_at, "--treated-at"), *r.zone);
    }
    aftercare::check_treatment(t, r.protocol);
    return r;
}

void emit(const output_args& o, const std::string& text) {
    if (o.output.empty() || o.output == "-") {
        std::cout << text;
        std::cout.flush();
        if (!std::cout) throw std::runtime_error("cannot write to standard output");
        return;
    }
    std::ofstream out(o.output, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
        throw aftercare::invalid_value("--output", o.output, "a writable file", "--output '" + o.output + "' cannot be written");
    }
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

int run_protocol_check(const std::string& file) {
    const aftercare::protocol p = aftercare::load_protocol(file);
    std::cout << "ok: " << file << ": " << p.id() << " " << p.version() << ", " << p.tiers().size() << " depth tiers, "
              << p.sources().size() << " sources\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"aftercare: evidence-based microneedling aftercare plans. Not medical advice.", "aftercare"};
    app.set_version_flag("--version", std::string(AFTERCARE_VERSION_STRING));
    app.require_subcommand(1);

    treatment_args targs;
    reminder_args rargs;
    output_args oargs;

    CLI::App* plan = app.add_subcommand("plan", "the aftercare plan for one treatment, with its reminders");
    add_treatment_options(*plan, targs);
    add_reminder_options(*plan, rargs);
    plan->add_option("--format", oargs.format, "text, json or ics (an iCalendar file of the reminders)")
        ->check(CLI::IsMember({"text", "json", "ics"}))
        ->capture_default_str();
    plan->add_option("-o,--output", oargs.output, "write to this file instead of standard output");

    CLI::App* protocol = app.add_subcommand("protocol", "check or print a protocol");
    protocol->require_subcommand(1);
    std::string check_file;
    CLI::App* check = protocol->add_subcommand("check", "validate a protocol file");
    check->add_option("FILE", check_file, "the protocol file")->required();
    CLI::App* dump = protocol->add_subcommand("dump", "print the embedded default protocol");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        std::cerr << "aftercare: " << e.what() << '\n';
        return exit_bad_input;
    }

    try {
        if (*plan) return run_plan(targs, rargs, oargs);
        if (*check) return run_protocol_check(check_file);
        if (*dump) {
            std::cout << aftercare::default_protocol_text();
            return 0;
        }
    } catch (const aftercare::error& e) {
        std::cerr << "aftercare: " << e.what() << '\n';
        return exit_bad_input;
    } catch (const std::exception& e) {
        std::cerr << "aftercare: internal error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
