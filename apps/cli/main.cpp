// The `aftercare` command: plans, triage, screening, protocol checks. Exit 0 on success, 2 on bad
// input with one line on stderr naming the field and what is allowed, never a stack trace.
#include <aftercare/aftercare.hpp>

#include <CLI/CLI.hpp>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
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

// --- triage ---------------------------------------------------------------------------------

/// The report options of `aftercare triage`. Each --symptom starts a report; the --seen-at or
/// --hours-after, --severity and --sign options after it (up to the next --symptom) belong to it.
/// CLI11 keeps each option's values separately, so the grouping comes from its parse order.
struct triage_args {
    std::vector<std::string> symptoms, seen_at, hours_after, severities, signs;
    std::string reports_file;
    std::string as_of;
    CLI::Option* symptom_opt = nullptr;
    CLI::Option* seen_opt = nullptr;
    CLI::Option* hours_opt = nullptr;
    CLI::Option* severity_opt = nullptr;
    CLI::Option* sign_opt = nullptr;
};

[[noreturn]] void bad(const std::string& field, const std::string& value, const std::string& allowed, const std::string& message) {
    throw aftercare::invalid_value(field, value, allowed, message);
}

std::string read_text_file(const std::string& path, const std::string& option) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int err = errno;  // std::strerror is not thread-safe; the category's message is
        bad(option, path, "a readable file", option + " '" + path + "' cannot be read: " + std::generic_category().message(err));
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    return std::move(buf).str();
}

double parse_hours(const std::string& text) {
    char* end = nullptr;
    errno = 0;
    const double h = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || errno != 0 || !std::isfinite(h)) {
        bad("--hours-after", text, "a number of hours >= 0", "--hours-after '" + text + "' is not a number of hours");
    }
    if (h < 0) bad("--hours-after", text, "a number of hours >= 0", "--hours-after " + text + " is before the end of treatment (expected hours >= 0)");
    if (h > 24.0 * 366 * 10) bad("--hours-after", text, "hours up to ten years (87840)", "--hours-after " + text + " is more than ten years (87840 h)");
    return h;
}

std::vector<aftercare::symptom_report> reports_from_options(const CLI::App& cmd, const triage_args& a, const resolved& r) {
    std::vector<aftercare::symptom_report> out;
    std::vector<bool> has_time;
    std::vector<bool> has_severity;
    std::map<const CLI::Option*, std::size_t> next;  // how many values of each option are used
    auto value = [&](const CLI::Option* o, const std::vector<std::string>& values) -> const std::string& { return values.at(next[o]++); };
    for (const CLI::Option* o : cmd.parse_order()) {
        if (o == a.symptom_opt) {
            aftercare::symptom_report rep;
            rep.symptom = aftercare::parse_code<aftercare::symptom>(value(o, a.symptoms));
            out.push_back(rep);
            has_time.push_back(false);
            has_severity.push_back(false);
            continue;
        }
        if (o != a.seen_opt && o != a.hours_opt && o != a.severity_opt && o != a.sign_opt) continue;
        const std::string name = o->get_name();
        const std::string& v = o == a.seen_opt ? value(o, a.seen_at) : o == a.hours_opt ? value(o, a.hours_after)
                                                                     : o == a.severity_opt ? value(o, a.severities) : value(o, a.signs);
        if (out.empty()) {
            std::string message = name;
            message += " ";
            message += v;
            message += " comes before any --symptom (each --symptom starts a report; its options follow it)";
            bad(name, v, "after a --symptom", message);
        }
        aftercare::symptom_report& rep = out.back();
        const std::string which = "--symptom " + std::string(aftercare::to_string(rep.symptom));
        if (o == a.seen_opt || o == a.hours_opt) {
            if (has_time.back()) bad(name, v, "one --seen-at or --hours-after per --symptom", which + " has more than one --seen-at/--hours-after");
            has_time.back() = true;
            if (o == a.hours_opt) {
                rep.seen = std::chrono::seconds{std::llround(parse_hours(v) * 3600.0)};
            } else {
                if (!r.treatment.treated_at) {
                    bad(name, v, "--treated-at", "--seen-at needs the treatment time (--treated-at and --tz); or give --hours-after");
                }
                const auto local = aftercare::parse_local_time(v, "--seen-at");
                const date::sys_seconds at = aftercare::to_utc(local, *r.zone);
                if (at < *r.treatment.treated_at) {
                    bad(name, v, "at or after --treated-at", "--seen-at " + v + " is before the end of treatment (--treated-at " +
                                                                  aftercare::format_rfc3339(*r.treatment.treated_at, r.zone) + ")");
                }
                rep.seen = at;
            }
        } else if (o == a.severity_opt) {
            if (has_severity.back()) bad(name, v, "one --severity per --symptom", which + " has more than one --severity");
            has_severity.back() = true;
            rep.severity = aftercare::parse_code<aftercare::severity>(v);
        } else {
            const aftercare::sign sg = aftercare::parse_code<aftercare::sign>(v);
            if (rep.signs.contains(sg)) {
                std::string message = which;
                message += " has --sign ";
                message += v;
                message += " twice";
                bad(name, v, "each sign once", message);
            }
            rep.signs.insert(sg);
        }
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (!has_time[i]) {
            const std::string sym(aftercare::to_string(out[i].symptom));
            bad("--seen-at", "", "--seen-at LOCAL_TIME or --hours-after H",
                "--symptom " + sym + " needs --seen-at LOCAL_TIME or --hours-after H after it");
        }
    }
    return out;
}

int run_triage(const CLI::App& cmd, const treatment_args& t, const triage_args& a, const output_args& o) {
    const resolved r = resolve(t);
    std::vector<aftercare::symptom_report> reports;
    if (!a.reports_file.empty()) {
        reports = aftercare::reports_from_json(read_text_file(a.reports_file, "--reports"), r.zone, a.reports_file);
    } else {
        reports = reports_from_options(cmd, a, r);
    }
    if (reports.empty()) {
        bad("--symptom", "", "at least one --symptom or --reports FILE",
            "give at least one --symptom S with --seen-at LOCAL_TIME or --hours-after H, or --reports FILE");
    }
    const aftercare::plan p = aftercare::make_plan(r.treatment, r.protocol);
    aftercare::triage_options options;
    if (p.treatment().treated_at && r.zone != nullptr) {  // resolve() requires --tz with --treated-at
        if (!a.as_of.empty()) {
            options.as_of = aftercare::to_utc(aftercare::parse_local_time(a.as_of, "--as-of"), *r.zone);
        } else {
            options.as_of = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());  // the command may read the clock
        }
        for (const auto& rep : reports) {
            const date::sys_seconds at = std::holds_alternative<date::sys_seconds>(rep.seen)
                                             ? std::get<date::sys_seconds>(rep.seen)
                                             : *p.treatment().treated_at + std::get<std::chrono::seconds>(rep.seen);
            if (*options.as_of < at) {
                const std::string when = aftercare::format_rfc3339(at, r.zone);
                const std::string now = aftercare::format_rfc3339(*options.as_of, r.zone);
                bad("--seen-at", when, "a time up to " + now,
                    "a symptom seen at " + when + " is in the future " +
                        (a.as_of.empty() ? "(it is now " + now + "; --as-of sets another time)" : "(after --as-of " + now + ")"));
            }
        }
    } else if (!a.as_of.empty()) {
        bad("--as-of", a.as_of, "--treated-at", "--as-of needs the treatment time (--treated-at and --tz)");
    }
    const aftercare::assessment result = aftercare::triage(p, reports, options);
    emit(o, o.format == "json" ? aftercare::to_json(result, {.zone = r.zone}) : aftercare::to_text(result, {.zone = r.zone}));
    return 0;
}

// --- screen ---------------------------------------------------------------------------------

struct screen_args {
    std::vector<std::string> conditions;
    std::string isotretinoin_stopped, radiotherapy_ended, birth_date, as_of;
};

/// The library names history fields as the struct does; the command names its options.
[[noreturn]] void rethrow_with_option(const aftercare::invalid_value& e) {
    static const std::map<std::string, std::string> options{{"isotretinoin_stopped", "--isotretinoin-stopped"},
                                                            {"radiotherapy_ended", "--radiotherapy-ended"},
                                                            {"birth_date", "--birth-date"},
                                                            {"as_of", "--as-of"}};
    const auto it = options.find(e.field());
    if (it == options.end()) throw;
    std::string message = e.what();
    if (message.starts_with(it->first)) message.replace(0, it->first.size(), it->second);
    throw aftercare::invalid_value(it->second, e.value(), e.allowed(), message);
}

int run_screen(const treatment_args& t, const screen_args& a, const output_args& o) {
    const resolved r = resolve(t);
    aftercare::patient_history h;
    for (const auto& c : a.conditions) h.conditions.insert(aftercare::parse_code<aftercare::condition>(c));
    if (!a.isotretinoin_stopped.empty()) h.isotretinoin_stopped = aftercare::parse_date(a.isotretinoin_stopped, "--isotretinoin-stopped");
    if (!a.radiotherapy_ended.empty()) h.radiotherapy_ended = aftercare::parse_date(a.radiotherapy_ended, "--radiotherapy-ended");
    if (!a.birth_date.empty()) h.birth_date = aftercare::parse_date(a.birth_date, "--birth-date");

    // The screening date: --as-of, else the planned treatment's local date, else today in --tz (UTC without one).
    date::year_month_day as_of{};
    if (!a.as_of.empty()) {
        as_of = aftercare::parse_date(a.as_of, "--as-of");
    } else if (r.treatment.treated_at) {
        as_of = date::year_month_day{date::floor<date::days>(aftercare::to_local(*r.treatment.treated_at, *r.zone))};
    } else {
        const auto now = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());  // the command may read the clock
        const date::local_seconds local = r.zone ? aftercare::to_local(now, *r.zone) : date::local_seconds{now.time_since_epoch()};
        as_of = date::year_month_day{date::floor<date::days>(local)};
    }
    try {
        const aftercare::eligibility e = aftercare::screen(h, r.treatment, as_of, r.protocol);
        emit(o, o.format == "json" ? aftercare::to_json(e, {.zone = r.zone}) : aftercare::to_text(e, {.zone = r.zone}));
    } catch (const aftercare::invalid_value& e) {
        rethrow_with_option(e);
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

    CLI::App* triage = app.add_subcommand("triage", "how urgently to act on reported symptoms (red-flag triage)");
    triage->footer(
        "Each --symptom starts a report; the --seen-at or --hours-after, --severity and --sign options after it belong to it:\n"
        "  aftercare triage --device pen --depth 1.0 --skin-type 3 --treated-at 2026-11-10T14:00 --tz Europe/London \\\n"
        "    --symptom redness --seen-at 2026-11-18T09:00 --severity mild --sign warm --symptom pus --hours-after 30");
    treatment_args triage_targs;
    triage_args tr;
    output_args triage_out;
    add_treatment_options(*triage, triage_targs);
    tr.symptom_opt = triage->add_option("--symptom", tr.symptoms, "a symptom; starts a report (repeatable)")->allow_extra_args(false);
    tr.seen_opt = triage->add_option("--seen-at", tr.seen_at, "when it was seen, local time in --tz: YYYY-MM-DDTHH:MM")->allow_extra_args(false);
    tr.hours_opt = triage->add_option("--hours-after", tr.hours_after, "or: when it was seen, in hours after the end of treatment")->allow_extra_args(false);
    tr.severity_opt = triage->add_option("--severity", tr.severities, "mild, moderate or severe")->allow_extra_args(false);
    tr.sign_opt = triage->add_option("--sign", tr.signs, "spreading, worsening, reappeared, warm or fever (repeatable)")->allow_extra_args(false);
    auto* reports_opt = triage->add_option("--reports", tr.reports_file, "the reports as JSON: {\"reports\": [{\"symptom\": ..., \"seen_at\" | \"hours_after\": ..., ...}]}");
    reports_opt->excludes(tr.symptom_opt)->excludes(tr.seen_opt)->excludes(tr.hours_opt)->excludes(tr.severity_opt)->excludes(tr.sign_opt);
    triage->add_option("--as-of", tr.as_of, "triage as of this local time (default: now); a symptom cannot be seen later");
    triage->add_option("--format", triage_out.format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    triage->add_option("-o,--output", triage_out.output, "write to this file instead of standard output");

    CLI::App* screen = app.add_subcommand("screen", "eligibility screening before a treatment (contraindications and cautions)");
    treatment_args screen_targs;
    screen_args sc;
    output_args screen_out;
    add_treatment_options(*screen, screen_targs);
    screen->add_option("--condition", sc.conditions, "a condition (repeatable): active_acne, open_wound, pregnancy, ... (see docs/screening.md)")
        ->allow_extra_args(false);
    screen->add_option("--isotretinoin-stopped", sc.isotretinoin_stopped, "date of the last isotretinoin dose: YYYY-MM-DD");
    screen->add_option("--radiotherapy-ended", sc.radiotherapy_ended, "date radiotherapy to the area ended: YYYY-MM-DD");
    screen->add_option("--birth-date", sc.birth_date, "the patient's birth date: YYYY-MM-DD");
    screen->add_option("--as-of", sc.as_of, "the screening date (default: the date of --treated-at, else today in --tz)");
    screen->add_option("--format", screen_out.format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    screen->add_option("-o,--output", screen_out.output, "write to this file instead of standard output");

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
        if (*triage) return run_triage(*triage, triage_targs, tr, triage_out);
        if (*screen) return run_screen(screen_targs, sc, screen_out);
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
