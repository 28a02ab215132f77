// The protocol reader: red flags, check-ins and the triage section.
#include "protocol/reader.hpp"

#include <cmath>
#include <set>
#include <tuple>

namespace aftercare::detail::reading {

void parser::red_flags_section(const json& j) {
    array(j, "/red_flags", false);
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string p = child("/red_flags", i);
        const json& x = j[i];
        object(x, p, {"code", "title", "text", "advice", "when", "symptoms", "signs_all", "signs_any", "min_severity", "from_h", "until_h",
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
        std::string message(c.text);
        message += "\nSymptoms to look for: ";
        const char* separator = "";
        for (symptom s : all_values<symptom>()) {
            if (!c.symptoms.empty() && !c.symptoms.contains(s)) continue;
            message += separator;
            message += d_->symptoms[static_cast<std::size_t>(s)].title;
            separator = "; ";
        }
        message += ".\nSigns to note: ";
        separator = "";
        for (std::string_view sign_text : d_->signs) {
            message += separator;
            message += sign_text;
            separator = "; ";
        }
        message += '.';
        c.message = d_->intern(std::move(message));
        const source_span own = sources(x, p);
        // One span for both: the check-in's own keys, then at_h's that are not among them.
        c.sources = source_span{static_cast<std::uint32_t>(d_->source_keys.size()), 0};
        for (const source_span s : {own, c.at.sources}) {
            for (std::uint32_t k = s.first; k < s.first + s.count; ++k) {
                const std::string_view key = d_->source_keys[k];
                const auto first = d_->source_keys.begin() + static_cast<std::ptrdiff_t>(c.sources.first);
                if (std::find(first, first + static_cast<std::ptrdiff_t>(c.sources.count), key) == first + static_cast<std::ptrdiff_t>(c.sources.count)) {
                    d_->source_keys.push_back(key);
                    ++c.sources.count;
                }
            }
        }
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

}  // namespace aftercare::detail::reading
