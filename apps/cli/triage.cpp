// `aftercare triage`: how urgently to act on reported symptoms.
#include "common.hpp"

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>

namespace aftercare_cli {

namespace {

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

double parse_hours(const std::string& text) {
    if (text.starts_with("-")) {
        bad("--hours-after", text, "a number of hours >= 0",
            "--hours-after " + aftercare::quote_value(text) + " is before the end of treatment (expected hours >= 0)");
    }
    return parse_decimal(text, "--hours-after", "a number of hours from 0 to 87840 (ten years)", 24.0 * 366 * 10);
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
            message += aftercare::quote_value(v);
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

}  // namespace

command add_triage(CLI::App& app) {
    struct args {
        treatment_args treatment;
        triage_args reports;
        output_args output;
    };
    auto a = std::make_shared<args>();
    CLI::App* triage = app.add_subcommand("triage", "how urgently to act on reported symptoms (red-flag triage)");
    triage->footer(
        "Each --symptom starts a report; the --seen-at or --hours-after, --severity and --sign options after it belong to it:\n"
        "  aftercare triage --device pen --depth 1.0 --skin-type 3 --treated-at 2026-11-10T14:00 --tz Europe/London \\\n"
        "    --symptom redness --seen-at 2026-11-18T09:00 --severity mild --sign warm --symptom pus --hours-after 30");
    add_treatment_options(*triage, a->treatment);
    a->reports.symptom_opt = triage->add_option("--symptom", a->reports.symptoms, "a symptom; starts a report (repeatable)")->allow_extra_args(false);
    a->reports.seen_opt = triage->add_option("--seen-at", a->reports.seen_at, "when it was seen, local time in --tz: YYYY-MM-DDTHH:MM")->allow_extra_args(false);
    a->reports.hours_opt = triage->add_option("--hours-after", a->reports.hours_after, "or: when it was seen, in hours after the end of treatment")->allow_extra_args(false);
    a->reports.severity_opt = triage->add_option("--severity", a->reports.severities, "mild, moderate or severe")->allow_extra_args(false);
    a->reports.sign_opt = triage->add_option("--sign", a->reports.signs, "spreading, worsening, reappeared, warm or fever (repeatable)")->allow_extra_args(false);
    auto* reports_opt = triage->add_option("--reports", a->reports.reports_file, "the reports as JSON: {\"reports\": [{\"symptom\": ..., \"seen_at\" | \"hours_after\": ..., ...}]}");
    reports_opt->excludes(a->reports.symptom_opt)->excludes(a->reports.seen_opt)->excludes(a->reports.hours_opt)->excludes(a->reports.severity_opt)->excludes(a->reports.sign_opt);
    triage->add_option("--as-of", a->reports.as_of, "triage as of this local time (default: now); a symptom cannot be seen later");
    triage->add_option("--format", a->output.format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    triage->add_option("-o,--output", a->output.output, "write to this file instead of standard output");
    return {triage, [a, triage] { return run_triage(*triage, a->treatment, a->reports, a->output); }};
}

}  // namespace aftercare_cli
