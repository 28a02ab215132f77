// The protocol reader: the sections a plan is made of (effects, symptoms and signs, restrictions, care, milestones, course, notes).
#include "protocol/reader.hpp"

#include <cmath>
#include <set>
#include <tuple>

namespace aftercare::detail::reading {

entry_def& parser::new_entry(const json& j, const std::string& p, entry_kind kind, std::string_view prefix) {
    if (d_->entries.size() >= no_index - 1) fail(p, "too many entries");
    entry_def e;
    e.kind = kind;
    e.pointer = d_->intern(p);
    e.code = code(j.at("code"), child(p, "code"), prefix);
    if (d_->find_entry(e.code) != no_index) fail(child(p, "code"), "duplicate code \"" + std::string(e.code) + "\"");
    e.title = str_key(j, p, "title");
    if (j.contains("text")) e.text = str_key(j, p, "text");
    if (j.contains("print_text")) e.print_text = str_key(j, p, "print_text");
    if (j.contains("when")) e.when = when(j.at("when"), child(p, "when"));
    e.sources = sources(j, p);
    d_->entries.push_back(std::move(e));
    return d_->entries.back();
}

void parser::effects_section(const json& j) {
    array(j, "/effects");
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string p = child("/effects", i);
        const json& x = j[i];
        object(x, p, {"code", "title", "text", "print_text", "when", "sources", "likelihood", "onset_h", "typical_end_h", "abnormal_after_h", "modifiers"},
               {"code", "title", "text", "sources", "likelihood", "onset_h", "typical_end_h", "abnormal_after_h"});
        const std::size_t self = d_->entries.size();
        entry_def& e = new_entry(x, p, entry_kind::effect, "effect.");
        e.likely = cited_value<likelihood>(
            x.at("likelihood"), child(p, "likelihood"),
            [this](const json& v, const std::string& vp) { return enum_code<likelihood>(v, vp); },
            [](likelihood l) { return std::string(to_string(l)); }, true);
        e.onset = time(x.at("onset_h"), child(p, "onset_h"), self);
        e.end = time(x.at("typical_end_h"), child(p, "typical_end_h"), self);
        e.abnormal = time(x.at("abnormal_after_h"), child(p, "abnormal_after_h"), self);
        for (std::size_t t = 0; t < d_->tiers.size(); ++t) {
            order(e.onset, *e.end, t, child(p, "typical_end_h"), "typical_end_h", "onset_h");
            order(*e.end, *e.abnormal, t, child(p, "abnormal_after_h"), "abnormal_after_h", "typical_end_h");
        }
        e.modifiers = modifiers(x, p, e);
    }
}

// A literal `later` must not be before a literal `earlier` in tier t.
void parser::order(const time_value& earlier, const time_value& later, std::size_t t, const std::string& ptr, std::string_view later_name,
           std::string_view earlier_name) const {
    if (earlier.is_ref || later.is_ref) return;  // checked over the treatment grid after parsing
    if (later.literal.at(t) < earlier.literal.at(t)) {
        fail(ptr, "reversed window: " + std::string(later_name) + " (" + hours_text(later.literal.at(t)) + ") is before " +
                      std::string(earlier_name) + " (" + hours_text(earlier.literal.at(t)) + ") in tier " + std::string(d_->tiers[t].id));
    }
}

void parser::symptoms_section(const json& j, const json& signs) {
    std::vector<std::string_view> names(code_table<symptom>::codes.begin(), code_table<symptom>::codes.end());
    if (!j.is_object()) fail("/symptoms", "expected an object of symptoms by code, got " + describe(j));
    for (const auto& [key, value] : j.items()) {
        const auto s = from_string<symptom>(key);
        if (!s) fail(child("/symptoms", key), "unknown symptom " + jstr(key) + "; expected one of: " + join(names), true);
        const std::string p = child("/symptoms", key);
        object(value, p, {"title", "effect"}, {"title"});
        symptom_def& def = d_->symptoms[static_cast<std::size_t>(*s)];
        def.title = str_key(value, p, "title");
        if (value.contains("effect")) {
            const std::string ep = child(p, "effect");
            const std::uint16_t idx = d_->find_entry(str(value.at("effect"), ep));
            if (idx == no_index || d_->entries[idx].kind != entry_kind::effect) fail(ep, "expected the code of an effect in /effects");
            def.effect = idx;
        }
    }
    for (std::string_view name : names) {
        if (!j.contains(name)) fail("/symptoms", "missing symptom \"" + std::string(name) + "\"; every symptom needs a title");
    }
    if (!signs.is_object()) fail("/signs", "expected an object of signs by code, got " + describe(signs));
    std::vector<std::string_view> sign_names(code_table<sign>::codes.begin(), code_table<sign>::codes.end());
    for (const auto& [key, value] : signs.items()) {
        const auto s = from_string<sign>(key);
        if (!s) fail(child("/signs", key), "unknown sign " + jstr(key) + "; expected one of: " + join(sign_names), true);
        d_->signs[static_cast<std::size_t>(*s)] = str(value, child("/signs", key));
    }
    for (std::string_view name : sign_names) {
        if (!signs.contains(name)) fail("/signs", "missing sign \"" + std::string(name) + "\"");
    }
}

void parser::restrictions_section(const json& j) {
    array(j, "/restrictions");
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string p = child("/restrictions", i);
        const json& x = j[i];
        object(x, p, {"code", "title", "when", "sources", "stages", "modifiers"}, {"code", "title", "sources", "stages"});
        const std::size_t self = d_->entries.size();
        entry_def& e = new_entry(x, p, entry_kind::restriction, "restriction.");
        e.first_stage = static_cast<std::uint32_t>(d_->stage_count);
        const std::string sp = child(p, "stages");
        const json& stages = array(x.at("stages"), sp);
        for (std::size_t s = 0; s < stages.size(); ++s) {
            const std::string stp = child(sp, s);
            object(stages[s], stp, {"code", "text", "print_text", "lifted_text", "until_h"}, {"code", "text", "lifted_text", "until_h"});
            stage_def st;
            st.short_code = str_key(stages[s], stp, "code");
            if (!is_identifier(st.short_code)) fail(child(stp, "code"), "expected a stage code of lower case letters, digits and _");
            for (const auto& prev : e.stages) {
                if (prev.short_code == st.short_code) fail(child(stp, "code"), "duplicate stage \"" + std::string(st.short_code) + "\"");
            }
            st.code = d_->intern(std::string(e.code) + "." + std::string(st.short_code));
            st.text = str_key(stages[s], stp, "text");
            if (stages[s].contains("print_text")) st.print_text = str_key(stages[s], stp, "print_text");
            st.lifted_text = str_key(stages[s], stp, "lifted_text");
            st.until = time(stages[s].at("until_h"), child(stp, "until_h"), self);
            e.stages.push_back(st);
        }
        d_->stage_count += e.stages.size();
        e.modifiers = modifiers(x, p, e);
    }
}

void parser::care_section(const json& j, const std::string& section, entry_kind kind, std::string_view prefix) {
    array(j, section, false);
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string p = child(section, i);
        const json& x = j[i];
        object(x, p, {"code", "title", "text", "print_text", "when", "sources", "onset_h", "until_h", "remind", "slots", "modifiers"},
               {"code", "title", "text", "sources", "onset_h", "remind"});
        const std::size_t self = d_->entries.size();
        entry_def& e = new_entry(x, p, kind, prefix);
        if (kind == entry_kind::milestone && (e.code == "milestone.next_session" || e.code == "milestone.final_assessment")) {
            fail(child(p, "code"), "\"" + std::string(e.code) + "\" is made from /course; choose another code");
        }
        e.onset = time(x.at("onset_h"), child(p, "onset_h"), self);
        if (x.contains("until_h")) {
            e.end = time(x.at("until_h"), child(p, "until_h"), self);
            for (std::size_t t = 0; t < d_->tiers.size(); ++t) order(e.onset, *e.end, t, child(p, "until_h"), "until_h", "onset_h");
        }
        e.remind = enum_code<reminder_mode>(x.at("remind"), child(p, "remind"));
        if (x.contains("slots")) e.slots = enum_codes<routine_slot>(x.at("slots"), child(p, "slots"));
        if (e.remind == reminder_mode::daily && (e.slots.empty() || !e.end)) {
            fail(p, "a daily reminder needs \"slots\" and \"until_h\"");
        }
        if (e.remind == reminder_mode::once && e.slots.size() > 1) fail(child(p, "slots"), "a one-off reminder has at most one slot");
        if (e.remind == reminder_mode::none && !e.slots.empty()) fail(child(p, "slots"), "slots need \"remind\": \"once\" or \"daily\"");
        e.modifiers = modifiers(x, p, e);
    }
}

void parser::course_section(const json& j) {
    object(j, "/course",
           {"next_session", "final_assessment", "indications", "without_indication", "booking", "rescreen", "changes", "milestones", "modifiers"},
           {"next_session", "final_assessment", "indications"});
    course_def& c = d_->course;
    auto head = [&](const char* key, std::string_view& title, std::string_view& text, source_span& src) {
        const std::string p = child("/course", key);
        object(j.at(key), p, {"title", "text", "sources"}, {"title", "text", "sources"});
        title = str_key(j.at(key), p, "title");
        text = str_key(j.at(key), p, "text");
        src = sources(j.at(key), p);
    };
    head("next_session", c.next_title, c.next_text, c.next_sources);
    head("final_assessment", c.final_title, c.final_text, c.final_sources);
    const std::string ip = "/course/indications";
    const json& inds = j.at("indications");
    if (!inds.is_object()) fail(ip, "expected an object of indications by code, got " + describe(inds));
    for (const auto& [key, value] : inds.items()) {
        const std::string p = child(ip, key);
        const auto ind = from_string<indication>(key);
        if (!ind) fail(p, "unknown indication " + jstr(key) + "; expected one of: " + join(code_table<indication>::codes), true);
        object(value, p, {"sessions", "interval_h", "interval_max_h", "assess_after_last_h"}, {"sessions", "interval_h", "assess_after_last_h"});
        indication_def& def = c.indications[static_cast<std::size_t>(*ind)];
        def.present = true;
        def.sessions = cited_value<int>(
            value.at("sessions"), child(p, "sessions"), [this](const json& v, const std::string& vp) { return count(v, vp); },
            [](int n) { return std::to_string(n); }, false);
        def.interval = cited_hours(value.at("interval_h"), child(p, "interval_h"));
        if (value.contains("interval_max_h")) {
            def.interval_max = cited_hours(value.at("interval_max_h"), child(p, "interval_max_h"));
            for (std::size_t t = 0; t < d_->tiers.size(); ++t) {
                if (def.interval_max->at(t) < def.interval.at(t)) {
                    fail(child(p, "interval_max_h"), "reversed window: interval_max_h is shorter than interval_h");
                }
            }
        }
        def.assess_after_last = cited_hours(value.at("assess_after_last_h"), child(p, "assess_after_last_h"));
    }
    if (j.contains("without_indication")) {
        const std::string wp = "/course/without_indication";
        const json& w = j.at("without_indication");
        object(w, wp, {"interval_h", "interval_max_h"}, {"interval_h"});
        c.default_interval = cited_hours(w.at("interval_h"), child(wp, "interval_h"));
        if (w.contains("interval_max_h")) {
            c.default_interval_max = cited_hours(w.at("interval_max_h"), child(wp, "interval_max_h"));
            for (std::size_t t = 0; t < d_->tiers.size(); ++t) {
                if (c.default_interval_max->at(t) < c.default_interval->at(t)) {
                    fail(child(wp, "interval_max_h"), "reversed window: interval_max_h is shorter than interval_h");
                }
            }
        }
    }
    course_plan_parts(j);
    if (j.contains("modifiers")) {
        const std::string mp = "/course/modifiers";
        const json& a = array(j.at("modifiers"), mp);
        if (a.size() > max_modifiers) fail(mp, "expected at most " + std::to_string(max_modifiers) + " modifiers");
        for (std::size_t i = 0; i < a.size(); ++i) {
            const std::string p = child(mp, i);
            object(a[i], p, {"when", "field", "add_h", "at_least_h", "basis", "sources", "note"}, {"when", "field", "sources"});
            modifier m;
            m.pointer = d_->intern(p);
            m.when = when(a[i].at("when"), child(p, "when"));
            if (a[i].at("when").is_object() && a[i].at("when").contains("depth_mm")) {
                fail(child(child(p, "when"), "depth_mm"), "a course modifier cannot depend on depth_mm", true);
            }
            if (a[i].at("field") != "interval_h") fail(child(p, "field"), "expected \"interval_h\", got " + describe(a[i].at("field")));
            m.field = target::interval;
            const bool has_add = a[i].contains("add_h"), has_min = a[i].contains("at_least_h");
            if (has_add == has_min) fail(p, "expected exactly one of \"add_h\" or \"at_least_h\"");
            m.op = has_add ? modifier_op::add : modifier_op::at_least;
            m.amount = hours(a[i].at(has_add ? "add_h" : "at_least_h"), child(p, has_add ? "add_h" : "at_least_h"));
            m.basis = basis(a[i], p);
            m.sources = sources(a[i], p);
            m.note = note(a[i], p);
            c.modifiers.push_back(m);
        }
    }
}

// What plan_course needs beyond the plan: booking texts, re-screening, changes and milestones.
void parser::course_plan_parts(const json& j) {
    course_def& c = d_->course;
    if (j.contains("booking")) {
        const std::string p = "/course/booking";
        const json& b = j.at("booking");
        object(b, p, {"title", "text", "window_title", "window_text", "sources"}, {"title", "text", "window_title", "window_text", "sources"});
        c.book_title = str_key(b, p, "title");
        c.book_text = str_key(b, p, "text");
        c.window_title = str_key(b, p, "window_title");
        c.window_text = str_key(b, p, "window_text");
        c.book_sources = sources(b, p);
    }
    if (j.contains("rescreen")) {
        const std::string p = "/course/rescreen";
        const json& r = j.at("rescreen");
        object(r, p, {"text", "conditions", "procedures", "basis", "sources", "note"}, {"text", "conditions", "sources"});
        c.rescreen_text = str_key(r, p, "text");
        c.rescreen_conditions = enum_codes<aftercare::condition>(r.at("conditions"), child(p, "conditions"));
        if (r.contains("procedures")) {
            if (!r.at("procedures").is_boolean()) fail(child(p, "procedures"), "expected true or false, got " + describe(r.at("procedures")));
            c.rescreen_procedures = r.at("procedures").get<bool>();
        }
        c.rescreen_basis = basis(r, p);
        c.rescreen_sources = sources(r, p);
        c.rescreen_note = note(r, p);
    }
    if (j.contains("changes")) {
        const std::string cp = "/course/changes";
        const json& a = array(j.at("changes"), cp, false);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const std::string p = child(cp, i);
            object(a[i], p, {"code", "when", "from_session", "text", "basis", "sources"}, {"code", "from_session", "text", "sources"});
            course_change_def ch;
            ch.pointer = d_->intern(p);
            ch.code = code(a[i].at("code"), child(p, "code"), "course.change.");
            for (const auto& prev : c.changes) {
                if (prev.code == ch.code) fail(child(p, "code"), "duplicate code \"" + std::string(ch.code) + "\"");
            }
            if (a[i].contains("when")) ch.when = when(a[i].at("when"), child(p, "when"));
            ch.from_session = whole(a[i].at("from_session"), child(p, "from_session"), 1, 60);
            ch.text = str_key(a[i], p, "text");
            ch.basis = basis(a[i], p);
            ch.sources = sources(a[i], p);
            c.changes.push_back(ch);
        }
    }
    if (j.contains("milestones")) {
        const std::string mp = "/course/milestones";
        const json& a = array(j.at("milestones"), mp, false);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const std::string p = child(mp, i);
            object(a[i], p, {"code", "title", "text", "when", "after", "at_h", "sources"}, {"code", "title", "text", "after", "at_h", "sources"});
            course_milestone_def m;
            m.pointer = d_->intern(p);
            m.code = code(a[i].at("code"), child(p, "code"), "course.milestone.");
            for (const auto& prev : c.milestones) {
                if (prev.code == m.code) fail(child(p, "code"), "duplicate code \"" + std::string(m.code) + "\"");
            }
            m.title = str_key(a[i], p, "title");
            m.text = str_key(a[i], p, "text");
            if (a[i].contains("when")) m.when = when(a[i].at("when"), child(p, "when"));
            const json& after = a[i].at("after");
            if (after != "first" && after != "last") fail(child(p, "after"), "expected \"first\" or \"last\", got " + describe(after));
            m.after_last = after == "last";
            m.at = cited_hours(a[i].at("at_h"), child(p, "at_h"));
            if (m.at.per_tier) fail(child(child(p, "at_h"), "by_tier"), "expected one \"value\": a course milestone does not depend on the depth tier");
            m.sources = sources(a[i], p);
            c.milestones.push_back(m);
        }
    }
}

void parser::notes_section(const json& j) {
    array(j, "/notes", false);
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string p = child("/notes", i);
        object(j[i], p, {"code", "text", "when", "basis", "sources"}, {"code", "text", "sources"});
        note_def n;
        n.pointer = d_->intern(p);
        n.code = code(j[i].at("code"), child(p, "code"), "note.");
        for (const auto& prev : d_->notes) {
            if (prev.code == n.code) fail(child(p, "code"), "duplicate code \"" + std::string(n.code) + "\"");
        }
        n.text = str_key(j[i], p, "text");
        if (j[i].contains("when")) n.when = when(j[i].at("when"), child(p, "when"));
        n.basis = basis(j[i], p);
        n.sources = sources(j[i], p);
        d_->notes.push_back(n);
    }
}

}  // namespace aftercare::detail::reading
