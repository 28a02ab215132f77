// triage(): each report against the plan's windows and the protocol's red-flag rules.
// No clinical numbers here: every level, window, text and source comes from the protocol.
#include "aftercare/triage.hpp"

#include "aftercare/error.hpp"
#include "aftercare/time.hpp"
#include "io/text_toolkit.hpp"
#include "protocol/protocol_data.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aftercare {

namespace {

using detail::entry_def;
using detail::no_index;
using detail::protocol_data;
using detail::triage_outcome;

std::string field_of(std::size_t i, std::string_view name) { return "reports[" + std::to_string(i) + "]." + std::string(name); }

template <code_enum E>
std::string code_list() {
    std::string out;
    for (auto c : detail::code_table<E>::codes) out += (out.empty() ? "" : ", ") + std::string(c);
    return out;
}

template <code_enum E>
void check_code(E e, std::size_t i, std::string_view name) {
    if (!to_string(e).empty()) return;
    const std::string raw = std::to_string(static_cast<unsigned>(e));
    throw invalid_value(field_of(i, name), raw, code_list<E>(), field_of(i, name) + " " + raw + " is not one of " + code_list<E>());
}

using detail::duration_text;

triage_level raise(triage_level l, int steps) noexcept {
    const int top = static_cast<int>(triage_level::emergency);
    return static_cast<triage_level>(std::min(top, static_cast<int>(l) + steps));
}

triage_finding from_outcome(const triage_outcome& o, const protocol_data& d) {
    return triage_finding{o.code, o.level, o.title, o.text, o.advice, d.keys(o.sources)};
}

// Does red-flag rule `def` (in the plan as `e`) apply to report `r`, seen `after` the end of treatment?
bool applies(const entry_def& def, const entry& e, const symptom_report& r, std::chrono::seconds after) noexcept {
    if (!def.symptoms.empty() && !def.symptoms.contains(r.symptom)) return false;
    if (!r.signs.contains_all(def.signs_all)) return false;
    if (!def.signs_any.empty() && !r.signs.intersects(def.signs_any)) return false;
    if (def.min_severity && !(r.severity && *r.severity >= *def.min_severity)) return false;
    if (def.past_effect != no_index) return after > e.onset;  // strictly past the abnormal point
    if (after < e.onset) return false;                         // from_h is inclusive
    return !(e.end && after >= *e.end);                        // until_h is exclusive
}

void check_codes(const symptom_report& r, std::size_t index) {
    check_code(r.symptom, index, "symptom");
    if (r.severity) check_code(*r.severity, index, "severity");
    for (sign s : r.signs) check_code(s, index, "sign");
}

// When the report was seen: out.after (since the end of treatment) and, with a treatment time,
// out.seen_at; never before the treatment, nor after options.as_of.
void place_in_time(const plan& p, const symptom_report& r, std::size_t index, const triage_options& options, report_assessment& out) {
    const std::optional<date::sys_seconds> treated_at = p.treatment().treated_at;
    if (const auto* at = std::get_if<date::sys_seconds>(&r.seen)) {
        if (!treated_at) {
            throw invalid_value(field_of(index, "seen_at"), format_rfc3339(*at), "hours after the end of treatment",
                                field_of(index, "seen_at") + " " + format_rfc3339(*at) +
                                    " cannot be placed: the plan has no treatment time; give the hours after treatment instead");
        }
        check_instant_range(*at, field_of(index, "seen_at"));
        out.seen_at = *at;
        out.after = *at - *treated_at;
        if (out.after < std::chrono::seconds{0}) {
            throw invalid_value(field_of(index, "seen_at"), format_rfc3339(*at), "at or after the end of treatment (" + format_rfc3339(*treated_at) + ")",
                                field_of(index, "seen_at") + " " + format_rfc3339(*at) + " is before the end of treatment (" +
                                    format_rfc3339(*treated_at) + ")");
        }
    } else {
        out.after = std::get<std::chrono::seconds>(r.seen);
        if (out.after < -max_after) check_after_range(out.after, field_of(index, "hours_after"));  // no text of a huge duration
        if (out.after < std::chrono::seconds{0}) {
            throw invalid_value(field_of(index, "hours_after"), duration_text(out.after), "0 h or more after the end of treatment",
                                field_of(index, "hours_after") + " " + duration_text(out.after) + " is before the end of treatment (expected 0 h or more)");
        }
        check_after_range(out.after, field_of(index, "hours_after"));
        if (treated_at) out.seen_at = *treated_at + out.after;
    }
    if (out.after > max_after) check_after_range(out.after, field_of(index, "seen_at"));
    if (options.as_of && out.seen_at && *options.as_of < *out.seen_at) {
        throw invalid_value(field_of(index, "seen_at"), format_rfc3339(*out.seen_at), "at or before " + format_rfc3339(*options.as_of),
                            field_of(index, "seen_at") + " " + format_rfc3339(*out.seen_at) + " is in the future (after " +
                                format_rfc3339(*options.as_of) + ")");
    }
}

// Where the report falls in the window of the expected effect its symptom belongs to, when the plan has it.
enum class phase : std::uint8_t { none, early, expected, settling, overdue };

phase window_phase(const plan& p, const protocol_data& d, std::uint16_t effect_def, report_assessment& out) {
    if (effect_def == no_index) return phase::none;
    const entry* e = p.find(d.entries[effect_def].code);
    if (e == nullptr || e->kind != entry_kind::effect || !e->end || !e->abnormal_after) return phase::none;
    out.window = symptom_window{e->code, e->onset, *e->end, *e->abnormal_after};
    return out.after < e->onset ? phase::early : out.after <= *e->end ? phase::expected : out.after <= *e->abnormal_after ? phase::settling : phase::overdue;
}

// What the red-flag rules that matched tell the window step and the severity step.
struct rule_matches {
    triage_level without_severity_rules = triage_level::expected;  // the lowest level: neutral for max
    bool past_rule = false;   // a rule for "past the abnormal point" of this symptom's effect matched
    bool named_rule = false;  // a rule naming this symptom matched
};

// Red-flag rules, in protocol order (the plan holds those whose condition fits the treatment).
rule_matches match_red_flags(const plan& p, const protocol_data& d, const symptom_report& r, std::uint16_t effect_def, report_assessment& out) {
    rule_matches m;
    std::size_t k = 0;
    for (const entry& e : p.entries()) {
        if (e.kind != entry_kind::red_flag) continue;
        while (k < d.entries.size() && d.entries[k].code != e.code) ++k;
        if (k == d.entries.size()) break;
        const entry_def& def = d.entries[k];
        if (!applies(def, e, r, out.after)) continue;
        out.matched.push_back(triage_finding{def.code, def.level, def.title, def.text, def.advice, e.sources});
        if (!def.min_severity) m.without_severity_rules = std::max(m.without_severity_rules, def.level);
        if (def.past_effect != no_index && def.past_effect == effect_def) m.past_rule = true;
        if (def.symptoms.contains(r.symptom)) m.named_rule = true;
    }
    return m;
}

// The window level, or the default when nothing covers the symptom; none where a rule already spoke.
const triage_outcome* window_outcome(const detail::triage_def& tr, phase where, const rule_matches& m) {
    switch (where) {
        case phase::early: return &tr.early;
        case phase::expected: return &tr.expected;
        case phase::settling: return &tr.settling;
        case phase::overdue: return m.past_rule ? nullptr : &tr.overdue;
        case phase::none: return m.named_rule ? nullptr : &tr.not_covered;
    }
    return nullptr;
}

// Highest level first; among equals, red flags in protocol order, then the window.
// (An insertion sort: stable, in place, and the list is a handful long; std::stable_sort allocates.)
void order_findings(std::vector<triage_finding>& matched) {
    for (std::size_t i = 1; i < matched.size(); ++i) {
        for (std::size_t j = i; j > 0 && matched[j - 1].level < matched[j].level; --j) std::swap(matched[j - 1], matched[j]);
    }
}

// Severe: at least `severe_raise` levels above what the report would be without its severity.
void raise_if_severe(const protocol_data& d, const symptom_report& r, triage_level without_severity_rules, report_assessment& out) {
    if (r.severity != severity::severe) return;
    const detail::triage_def& tr = d.triage;
    const triage_level base = out.matched.empty() ? triage_level::expected : out.matched.front().level;
    const triage_level raised = raise(without_severity_rules, tr.severe_raise);
    if (raised <= base) return;
    triage_finding f = from_outcome(tr.severe, d);
    f.level = raised;
    f.advice = tr.actions[static_cast<std::size_t>(raised)];
    out.matched.insert(out.matched.begin(), f);
    out.raised_by_severity = true;
}

report_assessment assess(const plan& p, const protocol_data& d, const symptom_report& r, std::size_t index, const triage_options& options) {
    check_codes(r, index);
    report_assessment out;
    out.report = r;
    place_in_time(p, r, index, options, out);
    out.matched.reserve(4);

    const std::uint16_t effect_def = d.symptoms[static_cast<std::size_t>(r.symptom)].effect;
    const phase where = window_phase(p, d, effect_def, out);
    rule_matches m = match_red_flags(p, d, r, effect_def, out);
    if (const triage_outcome* w = window_outcome(d.triage, where, m)) {
        out.matched.push_back(from_outcome(*w, d));
        m.without_severity_rules = std::max(m.without_severity_rules, w->level);
    }
    order_findings(out.matched);
    raise_if_severe(d, r, m.without_severity_rules, out);
    out.decided = out.matched.front();
    out.level = out.decided.level;
    return out;
}

}  // namespace

assessment triage(const plan& p, std::span<const symptom_report> reports, const triage_options& options) {
    const protocol_data& d = p.protocol().data();
    if (!d.triage.present) {
        throw invalid_value("protocol", std::string(p.protocol().id()), "a protocol with a \"triage\" section",
                            "protocol " + std::string(p.protocol().id()) + " has no \"triage\" section, so it cannot triage symptoms");
    }
    if (options.as_of) check_instant_range(*options.as_of, "as_of");
    assessment a{p, triage_level::expected, {}};
    a.reports.reserve(reports.size());
    for (std::size_t i = 0; i < reports.size(); ++i) {
        a.reports.push_back(assess(p, d, reports[i], i, options));
        a.level = std::max(a.level, a.reports.back().level);
    }
    return a;
}

assessment triage(const plan& p, std::initializer_list<symptom_report> reports, const triage_options& options) {
    return triage(p, std::span<const symptom_report>(reports.begin(), reports.size()), options);
}

}  // namespace aftercare
