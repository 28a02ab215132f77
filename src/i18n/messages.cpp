#include "i18n/messages.hpp"

#include "aftercare/error.hpp"
#include "aftercare/locale.hpp"
#include "protocol/json_locate.hpp"

#include <array>
#include <map>
#include <mutex>
#include <set>

#include <nlohmann/json.hpp>

namespace aftercare::detail {

namespace {

using visitor = std::function<void(const std::string& id, std::string_view& text, std::string_view pointer)>;

struct walker {
    const visitor& f;

    void operator()(const std::string& id, std::string_view& text, const std::string& pointer) const {
        if (!text.empty()) f(id, text, pointer);
    }
    void operator()(std::string_view prefix, std::string_view field, std::string_view& text, std::string_view parent,
                    std::string_view key = {}) const {
        std::string id(prefix);
        id += '.';
        id += field;
        std::string ptr(parent);
        ptr += '/';
        ptr += key.empty() ? field : key;
        (*this)(id, text, ptr);
    }
};

void screening_rule_texts(const walker& w, screening_rule& r, const std::string& prefix) {
    w(prefix, "title", r.title, r.pointer);
    w(prefix, "reason", r.reason, r.pointer);
    w(prefix, "advice", r.advice, r.pointer);
    w(prefix + ".after", "reason", r.after_reason, std::string(r.pointer) + "/after");
    w(prefix + ".after", "advice", r.after_advice, std::string(r.pointer) + "/after");
}

void rule_list(const walker& w, std::vector<screening_rule>& rules) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
        screening_rule_texts(w, rules[i], "screening." + std::string(rules[i].code) + (i == 0 ? "" : "." + std::to_string(i)));
    }
}

void outcome(const walker& w, triage_outcome& o) {
    w(o.code, "title", o.title, o.pointer);
    w(o.code, "text", o.text, o.pointer);
    w(o.code, "advice", o.advice, o.pointer);
}

}  // namespace

void for_each_text(protocol_data& p, const visitor& f) {
    const walker w{f};
    w("protocol", "title", p.title, "");
    w("protocol", "disclaimer", p.disclaimer, "");
    for (std::size_t i = 0; i < p.tiers.size(); ++i) {
        w("tier." + std::string(p.tiers[i].id), "title", p.tiers[i].title, "/tiers/" + std::to_string(i));
    }
    for (std::size_t i = 0; i < p.symptoms.size(); ++i) {
        const std::string_view code = code_table<symptom>::codes[i];
        w("symptom." + std::string(code), "title", p.symptoms[i].title, "/symptoms/" + escape_pointer_token(code));
    }
    for (std::size_t i = 0; i < p.signs.size(); ++i) {
        const std::string_view code = code_table<sign>::codes[i];
        w("sign." + std::string(code) + ".title", p.signs[i], "/signs/" + escape_pointer_token(code));
    }
    for (entry_def& e : p.entries) {
        w(e.code, "title", e.title, e.pointer);
        w(e.code, "text", e.text, e.pointer);
        w(e.code, "print_text", e.print_text, e.pointer);
        w(e.code, "advice", e.advice, e.pointer);
        // A modifier's note is shown with the entry it changed ("why this entry differs for this treatment").
        for (std::size_t m = 0; m < e.modifiers.size(); ++m) {
            const std::string mp = std::string(e.pointer) + "/modifiers/" + std::to_string(m);
            w(std::string(e.code) + ".modifier." + std::to_string(m), "note", e.modifiers[m].note, mp);
        }
        for (std::size_t s = 0; s < e.stages.size(); ++s) {
            const std::string sp = std::string(e.pointer) + "/stages/" + std::to_string(s);
            w(e.stages[s].code, "text", e.stages[s].text, sp);
            w(e.stages[s].code, "print_text", e.stages[s].print_text, sp);
            w(e.stages[s].code, "lifted_text", e.stages[s].lifted_text, sp);
        }
    }
    for (note_def& n : p.notes) w(n.code, "text", n.text, n.pointer);
    course_def& c = p.course;
    w("course.next_session", "title", c.next_title, "/course/next_session");
    w("course.next_session", "text", c.next_text, "/course/next_session");
    w("course.final_assessment", "title", c.final_title, "/course/final_assessment");
    w("course.final_assessment", "text", c.final_text, "/course/final_assessment");
    w("course.booking", "title", c.book_title, "/course/booking");
    w("course.booking", "text", c.book_text, "/course/booking");
    w("course.booking", "window_title", c.window_title, "/course/booking");
    w("course.booking", "window_text", c.window_text, "/course/booking");
    w("course.rescreen", "text", c.rescreen_text, "/course/rescreen");
    for (course_change_def& ch : c.changes) w(ch.code, "text", ch.text, ch.pointer);
    for (course_milestone_def& m : c.milestones) {
        w(m.code, "title", m.title, m.pointer);
        w(m.code, "text", m.text, m.pointer);
    }
    for (check_in_def& ci : p.check_ins) {
        w(ci.code, "title", ci.title, ci.pointer);
        w(ci.code, "text", ci.text, ci.pointer);
    }
    if (p.triage.present) {
        for (std::size_t l = 0; l < p.triage.actions.size(); ++l) {
            const std::string_view level = code_table<triage_level>::codes[l];
            w("triage.action." + std::string(level), p.triage.actions[l], "/triage/actions/" + std::string(level));
        }
        for (triage_outcome* o : {&p.triage.early, &p.triage.expected, &p.triage.settling, &p.triage.overdue, &p.triage.not_covered, &p.triage.severe}) {
            outcome(w, *o);
        }
    }
    if (p.questions.present) {
        questions_def& q = p.questions;
        const std::array<std::pair<const char*, question_def*>, 5> parts{
            {{"status", &q.status}, {"symptoms", &q.symptoms}, {"severity", &q.severity}, {"signs", &q.signs}, {"free_text", &q.free_text}}};
        for (auto& [name, part] : parts) w(std::string("questions.") + name, "text", part->text, part->pointer);
        w("questions.status", "fine", q.fine_label, "/questions/status");
        w("questions.status", "help", q.help_label, "/questions/status");
        for (std::size_t v = 0; v < q.severity_labels.size(); ++v) {
            w("questions.severity", code_table<severity>::codes[v], q.severity_labels[v], "/questions/severity");
        }
        w(q.help.code, "title", q.help.title, "/questions/status", "help_title");
        w(q.help.code, "text", q.help.text, "/questions/status", "help_reason");
        w(q.help.code, "advice", q.help.advice, "/questions/status", "help_advice");
    }
    if (p.follow_up.present) {
        for (follow_up_rule* r : {&p.follow_up.nudge, &p.follow_up.clinic_task}) {
            w(r->code, "title", r->title, r->pointer);
            w(r->code, "text", r->text, r->pointer);
        }
    }
    if (p.screening.present) {
        screening_def& s = p.screening;
        for (auto& rules : s.conditions) rule_list(w, rules);
        for (auto& rules : s.procedures) rule_list(w, rules);
        for (auto* r : {&s.isotretinoin_stopped, &s.radiotherapy, &s.age}) {
            if (*r) screening_rule_texts(w, **r, "screening." + std::string((*r)->code));
        }
        for (screening_rule& r : s.treatment_rules) screening_rule_texts(w, r, "screening." + std::string(r.code));
    }
}

void for_each_text(const protocol_data& p, const std::function<void(const std::string&, std::string_view, std::string_view)>& f) {
    // The walk never writes when the visitor does not; one walker serves both.
    for_each_text(const_cast<protocol_data&>(p), [&f](const std::string& id, std::string_view& text, std::string_view ptr) { f(id, text, ptr); });
}

std::string check_in_message(const protocol_data& p, const check_in_def& c, const catalogue& words) {
    const std::string_view separator = words.text("list.separator");
    std::string symptoms;
    for (symptom s : all_values<symptom>()) {
        if (!c.symptoms.empty() && !c.symptoms.contains(s)) continue;
        if (!symptoms.empty()) symptoms += separator;
        symptoms += p.symptoms[static_cast<std::size_t>(s)].title;
    }
    std::string signs;
    for (std::string_view sign_text : p.signs) {
        if (!signs.empty()) signs += separator;
        signs += sign_text;
    }
    return words.format("check_in.message", {{"text", c.text}, {"symptoms", symptoms}, {"signs", signs}});
}

bool is_protocol_message(std::string_view id) noexcept {
    // The writers' words live under these prefixes; everything else is a protocol text.
    constexpr std::array<std::string_view, 9> words{"check_in.message", "date.", "duration.", "list.", "text.", "html.", "ics.", "word.", "notice."};
    for (std::string_view w : words) {
        if (id.starts_with(w)) return false;
    }
    return true;
}

const catalogue& words_of(const protocol_data& p) noexcept { return p.words ? *p.words : english(); }

namespace {

/// The protocol's own catalogue for `lang`, or null.
std::shared_ptr<const catalogue> own_catalogue(const protocol_data& p, std::string_view lang) {
    for (const auto& c : p.catalogues) {
        if (c->code == lang) return c;
    }
    return nullptr;
}

std::string allowed_locales(const protocol_data& p) {
    std::string out;
    for (std::string_view l : shipped_locales()) out += (out.empty() ? "" : ", ") + std::string(l);
    for (const auto& c : p.catalogues) {
        if (!shipped_catalogue_exists(c->code)) out += ", " + c->code;
    }
    return out;
}

std::shared_ptr<const protocol_data> localized(const std::shared_ptr<const protocol_data>& src, std::string_view lang) {
    const std::shared_ptr<const catalogue> own = own_catalogue(*src, lang);
    std::shared_ptr<const catalogue> shipped;
    if (shipped_catalogue_exists(lang)) shipped = shipped_catalogue(lang);
    if (!own && !shipped) {
        const std::string allowed = allowed_locales(*src);
        throw invalid_value("lang", short_value(lang), allowed,
                            "lang " + quote_value(lang) + " is not a locale this protocol speaks; expected one of " + allowed);
    }
    auto out = std::make_shared<protocol_data>(*src);
    out->translated_from = src;
    out->lang = std::string(lang);
    out->words = own ? own : shipped;  // an own catalogue of a shipped locale falls back to the shipped one
    const catalogue& en = english();
    for_each_text(*out, [&](const std::string& id, std::string_view& text, std::string_view ptr) {
        const message* m = nullptr;
        if (own) {
            const auto it = own->messages.find(id);
            if (it != own->messages.end()) m = &it->second;
        }
        if (!m && shipped) {
            // A shipped translation translates the default protocol's English; a clinic's own
            // English text needs its own translation.
            const message* source = en.find(id);
            if (source && source->text == text) m = shipped->find(id);
        }
        if (!m || m->plural) {
            const auto at = locate(src->text, ptr);
            const text_position pos = at ? position_of(src->text, *at) : text_position{0, 0, 0};
            throw protocol_error(src->origin, pos.line, pos.column, std::string(ptr),
                                 "no '" + std::string(lang) + "' message for " + id +
                                     (shipped ? " (the text differs from the default protocol's, so the shipped translation does not apply;"
                                                " add it to the protocol's \"catalogues\")"
                                              : " in the protocol's \"catalogues\""));
        }
        text = out->intern(m->text);
    });
    const catalogue& words = words_of(*out);
    for (check_in_def& c : out->check_ins) c.message = out->intern(check_in_message(*out, c, words));
    prepare_plan_bases(*out);  // the copied bases point at the English words
    return out;
}

}  // namespace

}  // namespace aftercare::detail

namespace aftercare {

protocol localize(const protocol& p, std::string_view lang) {
    const detail::protocol_data& d = p.data();
    if (lang == d.lang) return p;
    // Localise the protocol that was parsed, never a translation of it.
    const protocol base = d.translated_from ? protocol{d.translated_from} : p;
    if (lang == "en") return base;
    if (base.same_as(default_protocol())) {
        // The default protocol's translations are made once per shipped locale and shared.
        static std::mutex lock;
        static std::vector<protocol> made;
        const std::lock_guard guard(lock);
        for (const protocol& m : made) {
            if (locale_of(m) == lang) return m;
        }
        made.emplace_back(detail::localized(base.shared(), lang));
        return made.back();
    }
    return protocol{detail::localized(base.shared(), lang)};
}

std::string_view locale_of(const protocol& p) noexcept { return p.data().lang; }

review_status review_of(const protocol& p) noexcept {
    const detail::protocol_data& d = p.data();
    return d.words ? d.words->worst_status() : review_status::source;
}

}  // namespace aftercare

namespace aftercare {

std::string catalogue_json(const protocol& p, std::string_view lang) {
    using nlohmann::json;
    const protocol l = localize(p, lang);
    const detail::protocol_data& d = l.data();
    const detail::catalogue& words = detail::words_of(d);
    // Every message: the protocol's texts, then the writers' words (the catalogue's own and its fallback's).
    std::map<std::string, std::pair<const detail::message*, std::string>> all;
    const review_status text_status = d.lang == "en" || d.lang == "en-US" ? review_status::source : words.worst_status();
    for_each_text(d, [&](const std::string& id, std::string_view text, std::string_view) {
        const detail::message* m = words.find(id);
        all[id] = {m && !m->plural && m->text == text ? m : nullptr, std::string(text)};
    });
    const std::set<std::string> protocol_ids = [&] {
        std::set<std::string> ids;
        for (const auto& [id, v] : all) ids.insert(id);
        return ids;
    }();
    for (const detail::catalogue* c = &words; c != nullptr; c = c->base.get()) {
        for (const auto& [id, m] : c->messages) {
            if (protocol_ids.count(id) || all.count(id)) continue;
            if (!detail::english().messages.count(id) || detail::is_protocol_message(id)) continue;
            all[id] = {words.find(id), {}};
        }
    }
    auto str = [](std::string_view s) { return json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace); };
    std::string out = "{\n  \"format\": \"aftercare.catalogue/1\",\n  \"locale\": " + str(d.lang) + ",\n  \"name\": " + str(words.name) + ",\n";
    if (words.base) out += "  \"fallback\": " + str(words.base->code) + ",\n";
    constexpr std::array<std::string_view, 3> rules{"en", "es", "uk"};
    out += "  \"plural\": " + str(rules[static_cast<std::size_t>(words.rule)]) + ",\n  \"dates\": {\n    \"weekdays\": [";
    for (std::size_t i = 0; i < 7; ++i) out += (i ? ", " : "") + str(words.weekdays[i]);
    out += "],\n    \"months\": [";
    for (std::size_t i = 0; i < 12; ++i) out += (i ? ", " : "") + str(words.months[i]);
    out += "],\n    \"date\": " + str(words.date_pattern) + ",\n    \"short_date\": " + str(words.short_date_pattern) + ",\n    \"time\": " +
           str(words.time_pattern) + ",\n    \"am\": " + str(words.am) + ",\n    \"pm\": " + str(words.pm) + ",\n    \"decimal\": " + str(words.decimal) +
           "\n  },\n  \"messages\": {";
    bool first = true;
    for (const auto& [id, v] : all) {
        const auto& [m, text] = v;
        out += first ? "\n    " : ",\n    ";
        first = false;
        out += str(id) + ": {";
        if (m && m->plural) {
            for (plural_category c : plural_categories(words.rule)) out += str(to_string(c)) + ": " + str(m->forms[static_cast<std::size_t>(c)]) + ", ";
        } else {
            out += "\"text\": " + str(m ? std::string_view(m->text) : std::string_view(text)) + ", ";
        }
        out += "\"status\": " + str(to_string(m ? m->status : text_status)) + "}";
    }
    out += "\n  }\n}\n";
    return out;
}

}  // namespace aftercare
