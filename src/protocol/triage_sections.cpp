// The protocol reader: red flags, check-ins and the triage section.
#include "protocol/reader.hpp"
#include "i18n/messages.hpp"

#include "aftercare/time.hpp"

#include <cmath>
#include <set>
#include <tuple>

namespace aftercare::detail::reading {

void parser::red_flags_section(const json& j) {
    array(j, "/red_flags", false);
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string p = child("/red_flags", i);
        const json& x = j[i];
        object(x, p, {"code", "title", "text", "print_text", "advice", "when", "symptoms", "signs_all", "signs_any", "min_severity", "from_h", "until_h",
                      "past", "level", "basis", "sources", "note"},
               {"code", "title", "text", "advice", "level", "sources"});
        const std::size_t self = d_->entries.size();
        entry_def& e = new_entry(x, p, entry_kind::red_flag, "red_flag.");
        e.advice = str_key(x, p, "advice");
        e.level = enum_code<triage_level>(x.at("level"), child(p, "level"));
        (void)basis(x, p);
        (void)note(x, p);
        if (x.contains("symptoms")) e.symptoms = enum_codes<symptom>(x.at("symptoms"), child(p, "symptoms"));
        if (x.contains("signs_all")) e.signs_all = enum_codes<sign>(x.at("signs_all"), child(p, "signs_all"));
        if (x.contains("signs_any")) e.signs_any = enum_codes<sign>(x.at("signs_any"), child(p, "signs_any"));
        if (x.contains("min_severity")) e.min_severity = enum_code<severity>(x.at("min_severity"), child(p, "min_severity"));
        if (e.symptoms.empty() && e.signs_all.empty() && e.signs_any.empty()) {
            fail(p, "a red flag needs \"symptoms\", \"signs_all\" or \"signs_any\"");
        }
        if (x.contains("past") && x.contains("from_h")) fail(child(p, "past"), "use \"past\" or \"from_h\", not both");
        if (x.contains("past")) {
            const std::string pp = child(p, "past");
            const std::uint16_t idx = find_before(str(x.at("past"), pp), self);
            if (idx == no_index || d_->entries[idx].kind != entry_kind::effect) fail(pp, "expected the code of an effect in /effects");
            e.past_effect = idx;
            e.onset.is_ref = true;
            e.onset.ref_entry = idx;
            e.onset.ref_point = point::abnormal;
            e.onset.pointer = d_->intern(pp);
        } else if (x.contains("from_h")) {
            e.onset = time(x.at("from_h"), child(p, "from_h"), self);
        }
        if (x.contains("until_h")) {
            e.end = time(x.at("until_h"), child(p, "until_h"), self);
            for (std::size_t t = 0; t < d_->tiers.size(); ++t) order(e.onset, *e.end, t, child(p, "until_h"), "until_h", "from_h");
        }
    }
}

// Check-ins (reminders.hpp): [{code "check_in.*", title, text, at_h (cited hours), symptoms?, sources}].
void parser::check_ins_section(const json& j) {
    array(j, "/check_ins", false);
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string p = child("/check_ins", i);
        const json& x = j[i];
        object(x, p, {"code", "title", "text", "at_h", "symptoms", "sources"}, {"code", "title", "text", "at_h", "sources"});
        check_in_def c;
        c.pointer = d_->intern(p);
        c.code = code(x.at("code"), child(p, "code"), "check_in.");
        for (const auto& prev : d_->check_ins) {
            if (prev.code == c.code) fail(child(p, "code"), "duplicate code \"" + std::string(c.code) + "\"");
        }
        c.title = str_key(x, p, "title");
        c.text = str_key(x, p, "text");
        c.at = cited_hours(x.at("at_h"), child(p, "at_h"));
        if (x.contains("symptoms")) c.symptoms = enum_codes<symptom>(x.at("symptoms"), child(p, "symptoms"));
        // The reminder's message, composed once: the text, then what triage knows to ask about.
        c.message = d_->intern(check_in_message(*d_, c, english()));
        // One span for both: the check-in's own keys, then at_h's that are not among them.
        c.sources = merged(sources(x, p), c.at.sources);
        d_->check_ins.push_back(c);
    }
}

// --- triage: the window levels, the default, severity and the action for each level ------------
triage_outcome parser::outcome(const json& j, const std::string& ptr, std::string_view code, bool severe) const {
    if (severe) {
        object(j, ptr, {"raise_levels", "title", "text", "basis", "sources", "note"}, {"raise_levels", "title", "text", "sources"});
    } else {
        object(j, ptr, {"level", "title", "text", "advice", "basis", "sources", "note"}, {"level", "title", "text", "advice", "sources"});
    }
    triage_outcome o;
    o.code = code;
    o.pointer = d_->intern(ptr);
    if (!severe) {
        o.level = enum_code<triage_level>(j.at("level"), child(ptr, "level"));
        o.advice = str_key(j, ptr, "advice");
    }
    o.title = str_key(j, ptr, "title");
    o.text = str_key(j, ptr, "text");
    o.basis = basis(j, ptr);
    o.sources = sources(j, ptr);
    o.note = note(j, ptr);
    return o;
}

void parser::triage_section(const json& j) {
    const std::string tp = "/triage";
    object(j, tp, {"actions", "early", "expected", "settling", "overdue", "not_covered", "severe"},
           {"actions", "early", "expected", "settling", "overdue", "not_covered", "severe"});
    triage_def& t = d_->triage;
    {
        const std::string ap = child(tp, "actions");
        const json& a = j.at("actions");
        object(a, ap, {"expected", "monitor", "contact_clinic", "urgent", "emergency", "basis", "sources", "note"},
               {"expected", "monitor", "contact_clinic", "urgent", "emergency", "sources"});
        for (triage_level l : all_values<triage_level>()) {
            t.actions[static_cast<std::size_t>(l)] = str_key(a, ap, to_string(l));
        }
        (void)basis(a, ap);
        t.actions_sources = sources(a, ap);
        (void)note(a, ap);
    }
    t.early = outcome(j.at("early"), child(tp, "early"), "triage.early", false);
    t.expected = outcome(j.at("expected"), child(tp, "expected"), "triage.expected", false);
    t.settling = outcome(j.at("settling"), child(tp, "settling"), "triage.settling", false);
    t.overdue = outcome(j.at("overdue"), child(tp, "overdue"), "triage.overdue", false);
    t.not_covered = outcome(j.at("not_covered"), child(tp, "not_covered"), "triage.not_covered", false);
    const std::string sp = child(tp, "severe");
    t.severe = outcome(j.at("severe"), sp, "triage.severe", true);
    const json& raise = j.at("severe").at("raise_levels");
    if (!raise.is_number_integer() || raise.get<long long>() < 1 || raise.get<long long>() > 4) {
        fail(child(sp, "raise_levels"), "expected a whole number of levels from 1 to 4, got " + describe(raise));
    }
    t.severe_raise = raise.get<int>();
    // Later in the window is never less urgent.
    auto at_least = [&](const triage_outcome& later, const triage_outcome& earlier, std::string_view later_key, std::string_view earlier_key) {
        if (later.level < earlier.level) {
            fail(child(child(tp, later_key), "level"), "expected a level at least that of \"" + std::string(earlier_key) + "\" (" +
                                                           std::string(to_string(earlier.level)) + "), got " + std::string(to_string(later.level)));
        }
    };
    at_least(t.settling, t.expected, "settling", "expected");
    at_least(t.overdue, t.settling, "overdue", "settling");
    t.present = true;
}

source_span parser::merged(source_span a, source_span b) const {
    source_span out{static_cast<std::uint32_t>(d_->source_keys.size()), 0};
    for (const source_span s : {a, b}) {
        for (std::uint32_t k = s.first; k < s.first + s.count; ++k) {
            const std::string_view key = d_->source_keys[k];
            const auto first = d_->source_keys.begin() + static_cast<std::ptrdiff_t>(out.first);
            const auto last = first + static_cast<std::ptrdiff_t>(out.count);
            if (std::find(first, last, key) == last) {
                d_->source_keys.push_back(key);
                ++out.count;
            }
        }
    }
    return out;
}

// --- check-in questions: {status, symptoms, severity, signs, free_text}, each text + evidence ----
question_def parser::question(const json& j, const std::string& ptr, std::initializer_list<std::string_view> extra) const {
    std::vector<std::string_view> allowed{"text", "basis", "sources", "note"};
    allowed.insert(allowed.end(), extra.begin(), extra.end());
    if (!j.is_object()) fail(ptr, "expected an object, got " + describe(j));
    for (const auto& item : j.items()) {
        if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
            fail(child(ptr, item.key()), "unknown key \"" + item.key() + "\"; expected one of: " + join(allowed), true);
        }
    }
    std::vector<std::string_view> required{"text", "sources"};
    required.insert(required.end(), extra.begin(), extra.end());
    for (std::string_view key : required) {
        if (!j.contains(key)) fail(ptr, "missing key \"" + std::string(key) + "\"");
    }
    question_def q;
    q.pointer = d_->intern(ptr);
    q.text = str_key(j, ptr, "text");
    q.basis = basis(j, ptr);
    q.sources = sources(j, ptr);
    q.note = note(j, ptr);
    return q;
}

void parser::questions_section(const json& j) {
    const std::string qp = "/questions";
    object(j, qp, {"status", "symptoms", "severity", "signs", "free_text"}, {"status", "symptoms", "severity", "signs", "free_text"});
    questions_def& q = d_->questions;
    const std::string sp = child(qp, "status");
    const json& st = j.at("status");
    q.status = question(st, sp, {"fine", "help", "help_level", "help_title", "help_reason", "help_advice"});
    q.fine_label = str_key(st, sp, "fine");
    q.help_label = str_key(st, sp, "help");
    q.help.code = "check_in.help";
    q.help.level = enum_code<triage_level>(st.at("help_level"), child(sp, "help_level"));
    q.help.title = str_key(st, sp, "help_title");
    q.help.text = str_key(st, sp, "help_reason");
    q.help.advice = str_key(st, sp, "help_advice");
    q.help.basis = q.status.basis;
    q.help.sources = q.status.sources;
    q.help.note = q.status.note;
    q.help.pointer = q.status.pointer;
    q.symptoms = question(j.at("symptoms"), child(qp, "symptoms"), {});
    const std::string vp = child(qp, "severity");
    q.severity = question(j.at("severity"), vp, {"mild", "moderate", "severe"});
    for (severity v : all_values<severity>()) q.severity_labels[static_cast<std::size_t>(v)] = str_key(j.at("severity"), vp, to_string(v));
    q.signs = question(j.at("signs"), child(qp, "signs"), {});
    q.free_text = question(j.at("free_text"), child(qp, "free_text"), {});
    q.present = true;
}

// --- non-response rules: {nudge, clinic_task: {title, text, day (cited), at "HH:MM", sources}, basis, sources, note}
follow_up_rule parser::follow_up_rule_at(const json& j, const std::string& ptr, std::string_view code) const {
    object(j, ptr, {"title", "text", "day", "at", "sources"}, {"title", "text", "day", "at", "sources"});
    follow_up_rule r;
    r.code = code;
    r.pointer = d_->intern(ptr);
    r.title = str_key(j, ptr, "title");
    r.text = str_key(j, ptr, "text");
    const std::string dp = child(ptr, "day");
    r.day = cited_value<int>(
        j.at("day"), dp, [this](const json& v, const std::string& p) { return whole(v, p, 0, 366); },
        [](int d) { return "day " + std::to_string(d); }, true);
    const std::string ap = child(ptr, "at");
    const std::string_view at = str(j.at("at"), ap);
    const auto digit = [&](std::size_t i) { return at[i] >= '0' && at[i] <= '9'; };
    if (at.size() != 5 || at[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
        fail(ap, "expected a local time of day HH:MM, got " + describe(j.at("at")));
    }
    const int hh = (at[0] - '0') * 10 + (at[1] - '0'), mm = (at[3] - '0') * 10 + (at[4] - '0');
    if (hh > 23 || mm > 59) fail(ap, "expected a time of day from 00:00 to 23:59, got " + describe(j.at("at")));
    r.at = minutes{hh * 60 + mm};
    r.sources = merged(sources(j, ptr), r.day.sources);
    return r;
}

void parser::follow_up_section(const json& j) {
    const std::string fp = "/follow_up";
    object(j, fp, {"nudge", "clinic_task", "basis", "sources", "note"}, {"nudge", "clinic_task", "sources"});
    follow_up_def& f = d_->follow_up;
    f.nudge = follow_up_rule_at(j.at("nudge"), child(fp, "nudge"), "follow_up.nudge");
    f.clinic_task = follow_up_rule_at(j.at("clinic_task"), child(fp, "clinic_task"), "follow_up.clinic_task");
    // The clinic task comes after the nudge, in every tier.
    for (std::size_t t = 0; t < d_->tiers.size(); ++t) {
        const auto when = [t](const follow_up_rule& r) { return minutes{r.day.at(t) * 24 * 60} + r.at; };
        if (when(f.clinic_task) <= when(f.nudge)) {
            const auto shown = [t](const follow_up_rule& r) { return "day " + std::to_string(r.day.at(t)) + " " + format_time_of_day(r.at); };
            fail(child(child(fp, "clinic_task"), "day"), "expected the clinic task after the nudge (" + shown(f.nudge) + "), got " + shown(f.clinic_task));
        }
    }
    f.basis = basis(j, fp);
    f.sources = sources(j, fp);
    f.note = note(j, fp);
    f.present = true;
}

}  // namespace aftercare::detail::reading
