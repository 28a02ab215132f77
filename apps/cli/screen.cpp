// `aftercare screen`: eligibility screening before a treatment.
#include "common.hpp"

#include <chrono>
#include <map>
#include <memory>

namespace aftercare_cli {

namespace {

struct screen_args {
    std::vector<std::string> conditions;
    std::vector<std::string> procedures;  // CODE=YYYY-MM-DD
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
    for (const auto& item : a.procedures) {
        const auto eq = item.find('=');
        if (eq == std::string::npos) {
            bad("--procedure", item.substr(0, 40), "CODE=YYYY-MM-DD", "--procedure '" + item.substr(0, 40) + "' is not CODE=YYYY-MM-DD");
        }
        h.procedures.push_back({aftercare::parse_code<aftercare::procedure>(item.substr(0, eq)), aftercare::parse_date(item.substr(eq + 1), "--procedure")});
    }

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

}  // namespace

command add_screen(CLI::App& app) {
    struct args {
        treatment_args treatment;
        screen_args history;
        output_args output;
    };
    auto a = std::make_shared<args>();
    CLI::App* screen = app.add_subcommand("screen", "eligibility screening before a treatment (contraindications and cautions)");
                add_treatment_options(*screen, a->treatment);
    screen->add_option("--condition", a->history.conditions, "a condition (repeatable): active_acne, open_wound, pregnancy, ... (see docs/screening.md)")
        ->allow_extra_args(false);
    screen->add_option("--procedure", a->history.procedures,
                       "a recent procedure and its date (repeatable): CODE=YYYY-MM-DD, CODE one of botulinum_toxin, filler, ablative_laser, "
                       "non_ablative_laser, medium_deep_peel, facial_surgery")
        ->allow_extra_args(false);
    screen->add_option("--isotretinoin-stopped", a->history.isotretinoin_stopped, "date of the last isotretinoin dose: YYYY-MM-DD");
    screen->add_option("--radiotherapy-ended", a->history.radiotherapy_ended, "date radiotherapy to the area ended: YYYY-MM-DD");
    screen->add_option("--birth-date", a->history.birth_date, "the patient's birth date: YYYY-MM-DD");
    screen->add_option("--as-of", a->history.as_of, "the screening date (default: the date of --treated-at, else today in --tz)");
    screen->add_option("--format", a->output.format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    screen->add_option("-o,--output", a->output.output, "write to this file instead of standard output");
    return {screen, [a] { return run_screen(a->treatment, a->history, a->output); }};
}

}  // namespace aftercare_cli
