// The protocol reader: the screening section (conditions, dated facts, treatment rules).
#include "protocol/reader.hpp"

#include <cmath>
#include <set>
#include <tuple>

namespace aftercare::detail::reading {

// --- screening: one rule list per condition, the dated facts, and rules on the treatment -------
int parser::whole(const json& j, const std::string& ptr, int lo, int hi) const {
    if (!j.is_number_integer() || j.get<long long>() < lo || j.get<long long>() > hi) {
        fail(ptr, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " + describe(j));
    }
    return j.get<int>();
}

screening_rule parser::screening_rule_at(const json& j, const std::string& ptr, std::string_view code, rule_kind kind) const {
    switch (kind) {
        case rule_kind::condition:
            object(j, ptr, {"title", "decision", "reason", "advice", "when", "wait_days", "wait_months", "wait_years", "wait_from", "basis",
                            "sources", "note"},
                   {"title", "decision", "reason", "advice", "sources"});
            break;
        case rule_kind::dated:
            object(j, ptr, {"title", "decision", "reason", "advice", "wait_days", "wait_months", "wait_years", "after", "basis", "sources", "note"},
                   {"title", "decision", "reason", "advice", "after", "sources"});
            break;
        case rule_kind::age:
            object(j, ptr, {"title", "decision", "reason", "advice", "min_age_years", "after", "basis", "sources", "note"},
                   {"title", "decision", "reason", "advice", "min_age_years", "after", "sources"});
            break;
        case rule_kind::procedure:
            object(j, ptr, {"title", "decision", "reason", "advice", "when", "wait_days", "wait_months", "wait_years", "after", "basis", "sources",
                            "note"},
                   {"title", "decision", "reason", "advice", "sources"});
            break;
        case rule_kind::treatment:
            object(j, ptr, {"code", "title", "decision", "reason", "advice", "when", "basis", "sources", "note"},
                   {"code", "title", "decision", "reason", "advice", "when", "sources"});
            break;
    }
    screening_rule r;
    r.pointer = d_->intern(ptr);
    r.code = code;
    r.title = str_key(j, ptr, "title");
    r.verdict = verdict(j, ptr);
    r.reason = str_key(j, ptr, "reason");
    r.advice = str_key(j, ptr, "advice");
    if (j.contains("when")) r.when = when(j.at("when"), child(ptr, "when"));
    r.basis = basis(j, ptr);
    r.sources = sources(j, ptr);
    r.note = note(j, ptr);

    // The wait: at most one unit; dated rules need one, age has its own key.
    const auto show = [](int n) { return std::to_string(n); };
    int waits = 0;
    for (const auto& [key, in, hi] : {std::tuple{"wait_days", wait_period::unit::days, 3660}, std::tuple{"wait_months", wait_period::unit::months, 120},
                                      std::tuple{"wait_years", wait_period::unit::years, 10}, std::tuple{"min_age_years", wait_period::unit::years, 150}}) {
        if (!j.contains(key)) continue;
        ++waits;
        const int top = hi;
        const std::string wp = child(ptr, key);
        r.wait = cited_value<int>(
            j.at(key), wp, [this, top](const json& v, const std::string& vp) { return whole(v, vp, 0, top); }, show, false);
        r.wait_unit = in;
        if (r.wait->per_tier) fail(child(wp, "by_tier"), "expected one \"value\": a wait does not depend on the depth tier");
        if (r.wait->at(0) < 1) fail(child(wp, "value"), "expected a wait of at least 1, got 0");
    }
    if (waits > 1) fail(ptr, "expected at most one of \"wait_days\", \"wait_months\" or \"wait_years\"");
    if (kind == rule_kind::dated && waits == 0) fail(ptr, "missing key \"wait_days\", \"wait_months\" or \"wait_years\": the wait after the date");
    if (kind == rule_kind::procedure && (waits == 0) != !j.contains("after")) {
        fail(ptr, waits == 0 ? "\"after\" needs a wait (\"wait_days\", \"wait_months\" or \"wait_years\")"
                             : "missing key \"after\": what applies once the wait is over");
    }
    if (j.contains("wait_from")) {
        const std::string fp = child(ptr, "wait_from");
        if (j.at("wait_from") != "screening_date") fail(fp, "expected \"screening_date\", got " + describe(j.at("wait_from")));
        if (!r.wait) fail(fp, "\"wait_from\" needs a wait (\"wait_days\", \"wait_months\" or \"wait_years\")");
        r.wait_from_as_of = true;
    }
    if (j.contains("after")) {
        const std::string ap = child(ptr, "after");
        const json& a = j.at("after");
        object(a, ap, {"decision", "reason", "advice"}, {"decision", "reason", "advice"});
        r.has_after = true;
        r.after_verdict = verdict(a, ap);
        r.after_reason = str_key(a, ap, "reason");
        r.after_advice = str_key(a, ap, "advice");
    }
    return r;
}

// One rule list per code of E (conditions, procedures): the first rule whose "when" fits applies, and
// only the last may leave "when" out. With `every`, each code needs a list.
template <class E, std::size_t N>
void parser::rule_lists(const json& j, const std::string& ptr, std::array<std::vector<screening_rule>, N>& out, rule_kind kind) const {
    const std::string what(code_table<E>::field);
    const std::vector<std::string_view> names(code_table<E>::codes.begin(), code_table<E>::codes.end());
    if (!j.is_object()) fail(ptr, "expected an object of rule lists by " + what + " code, got " + describe(j));
    for (const auto& [key, value] : j.items()) {
        const std::string p = child(ptr, key);
        const auto c = from_string<E>(key);
        if (!c) fail(p, "unknown " + what + " " + jstr(key) + "; expected one of: " + join(names), true);
        const json& rules = array(value, p);
        for (std::size_t i = 0; i < rules.size(); ++i) {
            const std::string rp = child(p, i);
            const bool last = i + 1 == rules.size();
            if (rules[i].is_object() && rules[i].contains("when") == last) {
                fail(rp, last ? "the last rule applies to every other treatment: it has no \"when\""
                              : "only the last rule may leave out \"when\" (the rules after it could never apply)");
            }
            out[static_cast<std::size_t>(*c)].push_back(screening_rule_at(rules[i], rp, to_string(*c), kind));
        }
    }
    for (std::string_view name : names) {
        if (!j.contains(name)) fail(ptr, "missing " + what + " \"" + std::string(name) + "\"; every " + what + " needs a rule");
    }
}

void parser::screening_section(const json& j) {
    const std::string sp = "/screening";
    object(j, sp, {"conditions", "isotretinoin_stopped", "radiotherapy", "age", "procedures", "treatment"},
           {"conditions", "isotretinoin_stopped", "radiotherapy", "age"});
    screening_def& s = d_->screening;
    rule_lists<aftercare::condition>(j.at("conditions"), child(sp, "conditions"), s.conditions, rule_kind::condition);
    if (j.contains("procedures")) rule_lists<aftercare::procedure>(j.at("procedures"), child(sp, "procedures"), s.procedures, rule_kind::procedure);

    s.isotretinoin_stopped = screening_rule_at(j.at("isotretinoin_stopped"), child(sp, "isotretinoin_stopped"), "isotretinoin_stopped", rule_kind::dated);
    s.radiotherapy = screening_rule_at(j.at("radiotherapy"), child(sp, "radiotherapy"), "radiotherapy", rule_kind::dated);
    s.age = screening_rule_at(j.at("age"), child(sp, "age"), "age", rule_kind::age);

    if (j.contains("treatment")) {
        const std::string tp = child(sp, "treatment");
        const json& rules = array(j.at("treatment"), tp, false);
        for (std::size_t i = 0; i < rules.size(); ++i) {
            const std::string rp = child(tp, i);
            if (!rules[i].is_object()) fail(rp, "expected an object, got " + describe(rules[i]));
            if (!rules[i].contains("code")) fail(rp, "missing key \"code\"");
            {
                const std::string_view c = str(rules[i].at("code"), child(rp, "code"));
                if (!is_identifier(c)) fail(child(rp, "code"), "expected a code of lower case letters, digits and _");
                const bool taken = from_string<aftercare::condition>(c).has_value() || from_string<aftercare::procedure>(c).has_value() ||
                                   c == "isotretinoin_stopped" || c == "radiotherapy" ||
                                   c == "age" || std::any_of(s.treatment_rules.begin(), s.treatment_rules.end(),
                                                             [&](const screening_rule& r) { return r.code == c; });
                if (taken) fail(child(rp, "code"), "duplicate code " + jstr(c) + " (condition and procedure codes, isotretinoin_stopped, radiotherapy and age are taken)");
                s.treatment_rules.push_back(screening_rule_at(rules[i], rp, c, rule_kind::treatment));
            }
        }
    }
    s.present = true;
}

}  // namespace aftercare::detail::reading
