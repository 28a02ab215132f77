// screen(): the patient's conditions and dated history against the protocol's screening rules.
// No clinical numbers here: every decision, wait, text and source comes from the protocol.
#include "aftercare/screening.hpp"

#include "aftercare/error.hpp"
#include "aftercare/plan.hpp"
#include "aftercare/time.hpp"
#include "protocol/protocol_data.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace aftercare {

namespace {

using detail::screening_rule;

[[noreturn]] void reject(const std::string& field, const std::string& value, const std::string& allowed, const std::string& message) {
    throw invalid_value(field, value, allowed, message);
}

std::string text_of(date::year_month_day d) {
    return d.ok() ? format_date(d)
                  : std::to_string(static_cast<int>(d.year())) + "-" + std::to_string(static_cast<unsigned>(d.month())) + "-" +
                        std::to_string(static_cast<unsigned>(d.day()));
}

void check_date(const std::optional<date::year_month_day>& d, std::string_view name, date::year_month_day as_of) {
    if (!d) return;
    const std::string field(name);
    if (!d->ok()) reject(field, text_of(*d), "a real calendar date", field + " " + text_of(*d) + " is not a real calendar date");
    check_date_range(*d, field);
    if (as_of < *d) {
        reject(field, text_of(*d), "on or before " + text_of(as_of),
               field + " " + text_of(*d) + " is in the future (after the screening date " + text_of(as_of) + ")");
    }
}

wait_period wait_of(const screening_rule& r) { return wait_period{r.wait->at(0), r.wait_unit}; }

screening_finding finding_of(const screening_rule& r, const detail::protocol_data& d) {
    screening_finding f;
    f.code = r.code;
    f.decision = r.verdict;
    f.title = r.title;
    f.reason = r.reason;
    f.advice = r.advice;
    if (r.wait) f.wait = wait_of(r);
    f.basis = r.basis;
    f.note = r.note;
    f.sources = d.keys(r.sources);
    return f;
}

// A rule that counts a wait from a known date: the rule itself until the wait is over, then its "after".
screening_finding dated(const screening_rule& r, date::year_month_day from, date::year_month_day as_of, const detail::protocol_data& d) {
    screening_finding f = finding_of(r, d);
    const date::year_month_day until = add_wait(from, wait_of(r));
    if (as_of < until) {
        f.until = until;
    } else {
        f.decision = r.after_verdict;
        f.reason = r.after_reason;
        f.advice = r.after_advice;
    }
    return f;
}

}  // namespace

date::year_month_day add_wait(date::year_month_day from, wait_period wait) noexcept {
    if (wait.in == wait_period::unit::days) return date::year_month_day{date::sys_days{from} + date::days{wait.count}};
    const int months = wait.in == wait_period::unit::years ? wait.count * 12 : wait.count;
    const date::year_month ym = date::year_month{from.year(), from.month()} + date::months{months};
    const date::year_month_day same_day = ym / from.day();
    if (same_day.ok()) return same_day;
    return (ym + date::months{1}) / date::day{1};  // no such day in that month: the 1st of the next
}

eligibility screen(const patient_history& history, const treatment& t, date::year_month_day as_of, const protocol& p) {
    check_treatment(t, p);
    const detail::protocol_data& d = p.data();
    if (!d.screening.present) {
        reject("protocol", std::string(p.id()), "a protocol with a \"screening\" section",
               "protocol " + std::string(p.id()) + " has no \"screening\" section, so it cannot screen patients");
    }
    if (!as_of.ok()) reject("as_of", text_of(as_of), "a real calendar date", "as_of " + text_of(as_of) + " is not a real calendar date");
    check_date_range(as_of, "as_of");
    for (aftercare::condition c : history.conditions) {
        if (to_string(c).empty()) {
            std::string allowed;
            for (auto code : detail::code_table<aftercare::condition>::codes) allowed += (allowed.empty() ? "" : ", ") + std::string(code);
            const std::string raw = std::to_string(static_cast<unsigned>(c));
            std::string message = "condition ";
            message += raw;
            message += " is not one of ";
            message += allowed;
            reject("condition", raw, allowed, message);
        }
    }
    check_date(history.isotretinoin_stopped, "isotretinoin_stopped", as_of);
    check_date(history.radiotherapy_ended, "radiotherapy_ended", as_of);
    check_date(history.birth_date, "birth_date", as_of);
    for (std::size_t i = 0; i < history.procedures.size(); ++i) {
        const dated_procedure& pr = history.procedures[i];
        const std::string field = "procedures[" + std::to_string(i) + "]";
        if (to_string(pr.what).empty()) {
            std::string allowed;
            for (auto code : detail::code_table<procedure>::codes) allowed += (allowed.empty() ? "" : ", ") + std::string(code);
            const std::string raw = std::to_string(static_cast<unsigned>(pr.what));
            reject(field + ".what", raw, allowed, field + ".what " + raw + " is not one of " + allowed);
        }
        check_date(std::optional{pr.on}, std::string(to_string(pr.what)), as_of);
        if (d.screening.procedures[static_cast<std::size_t>(pr.what)].empty()) {
            reject(field + ".what", std::string(to_string(pr.what)), "a procedure the protocol has a rule for",
                   "protocol " + std::string(p.id()) + " has no screening rule for the procedure " + std::string(to_string(pr.what)));
        }
    }
    if (history.birth_date) {
        const date::year_month_day oldest = add_wait(*history.birth_date, wait_period{150, wait_period::unit::years});
        if (oldest <= as_of) {
            reject("birth_date", text_of(*history.birth_date), "a birth date less than 150 years before " + text_of(as_of),
                   "birth_date " + text_of(*history.birth_date) + " is more than 150 years before the screening date " + text_of(as_of));
        }
    }
    if (history.isotretinoin_stopped && history.conditions.contains(aftercare::condition::isotretinoin)) {
        reject("isotretinoin_stopped", text_of(*history.isotretinoin_stopped), "either current use (condition isotretinoin) or a stop date",
               "isotretinoin_stopped " + text_of(*history.isotretinoin_stopped) +
                   " contradicts the condition isotretinoin (current use): give one or the other");
    }

    const detail::screening_def& s = d.screening;
    // A cold-sore history recorded on the treatment counts as the condition.
    enum_set<aftercare::condition> conditions = history.conditions;
    if (t.history.contains(history_flag::cold_sore_history)) conditions.insert(aftercare::condition::cold_sore_history);
    if (t.history.contains(history_flag::anticoagulants)) conditions.insert(aftercare::condition::anticoagulants);
    eligibility e{decision::proceed, std::nullopt, {}, t, as_of, p};
    e.findings.reserve(conditions.size() + 3 + history.procedures.size() + s.treatment_rules.size());

    for (aftercare::condition c : conditions) {
        for (const screening_rule& r : s.conditions[static_cast<std::size_t>(c)]) {
            if (!r.when.always() && !r.when.matches(t)) continue;
            screening_finding f = finding_of(r, d);
            if (r.wait && r.wait_from_as_of) f.until = add_wait(as_of, wait_of(r));
            e.findings.push_back(f);
            break;  // the first rule that fits the treatment; the last always does
        }
    }
    if (history.isotretinoin_stopped) e.findings.push_back(dated(*s.isotretinoin_stopped, *history.isotretinoin_stopped, as_of, d));
    if (history.radiotherapy_ended) e.findings.push_back(dated(*s.radiotherapy, *history.radiotherapy_ended, as_of, d));
    if (history.birth_date) e.findings.push_back(dated(*s.age, *history.birth_date, as_of, d));
    // Recent procedures: the latest date of each, against the first rule that fits the treatment.
    for (procedure what : all_values<procedure>()) {
        std::optional<date::year_month_day> latest;
        for (const dated_procedure& pr : history.procedures) {
            if (pr.what == what && (!latest || *latest < pr.on)) latest = pr.on;
        }
        if (!latest) continue;
        for (const screening_rule& r : s.procedures[static_cast<std::size_t>(what)]) {
            if (!r.when.always() && !r.when.matches(t)) continue;
            e.findings.push_back(r.wait ? dated(r, *latest, as_of, d) : finding_of(r, d));
            break;
        }
    }
    for (const screening_rule& r : s.treatment_rules) {
        if (r.when.matches(t)) e.findings.push_back(finding_of(r, d));
    }

    // Highest decision first, stable (an insertion sort: in place, and the list is short).
    for (std::size_t i = 1; i < e.findings.size(); ++i) {
        for (std::size_t j = i; j > 0 && e.findings[j - 1].decision < e.findings[j].decision; --j) std::swap(e.findings[j - 1], e.findings[j]);
    }
    if (!e.findings.empty()) e.decision = e.findings.front().decision;
    if (e.decision == decision::defer) {
        for (const screening_finding& f : e.findings) {
            if (f.decision != decision::defer) break;
            if (!f.until) {
                e.earliest.reset();
                break;
            }
            e.earliest = e.earliest ? std::max(*e.earliest, *f.until) : *f.until;
        }
    }
    return e;
}

}  // namespace aftercare
