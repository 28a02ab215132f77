// Triage and screening as JSON and text, and symptom reports read from JSON.
#include "aftercare/error.hpp"
#include "aftercare/io/json.hpp"
#include "aftercare/io/text.hpp"
#include "aftercare/time.hpp"
#include "io/json_common.hpp"
#include "io/json_into.hpp"
#include "protocol/json_locate.hpp"
#include "protocol/json_read.hpp"
#include "protocol/protocol_data.hpp"
#include "i18n/messages.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>

namespace aftercare {

namespace {

// --- shared pieces ------------------------------------------------------------------------------

void write_hours_after(detail::json_writer& w, std::chrono::seconds s) {
    if (s.count() % 3600 == 0) {
        w.integer(s.count() / 3600);
    } else {
        w.number(std::round(static_cast<double>(s.count()) / 36.0) / 100.0);  // to 0.01 h
    }
}

/// "8 d 8 h", "30 h 15 min": days from 2 d on, then hours and minutes, in the locale's words.
std::string hours_text(const detail::catalogue& w, std::chrono::seconds s) {
    constexpr std::chrono::minutes::rep per_day = std::chrono::minutes::rep{24} * 60;
    const auto m = std::chrono::duration_cast<std::chrono::minutes>(s).count();
    const auto d = m / per_day, h = m / 60 % 24, min = m % 60;
    std::string out;
    if (d >= 2) {
        out = w.count("duration.days", d);
        if (h != 0) out += " " + w.count("duration.hours", h);
    } else {
        out = w.count("duration.hours", m / 60);
    }
    if (min != 0) out += " " + w.count("duration.minutes", min);
    return out;
}

std::string local_text(const detail::catalogue& w, date::sys_seconds t, zone_ref zone) {
    const date::local_seconds local = zone ? to_local(t, *zone) : date::local_seconds{t.time_since_epoch()};
    return w.local(local) + (zone ? "" : " UTC");
}

std::string describe_treatment(const detail::catalogue& w, const treatment& t) {
    std::string s = w.format("text.treatment", {{"device", w.word("device", to_string(t.device))}, {"depth", w.number(to_string(t.depth))},
                                                {"area", w.word("area", to_string(t.area))}, {"skin_type", to_string(t.skin_type)}});
    for (auto a : t.adjuncts) s += ", " + std::string(w.word("adjunct", to_string(a)));
    return s;
}

void line(std::string& out, std::string_view indent, std::string_view text) {
    out += indent;
    out += text;
    out += '\n';
}

void source_list(std::string& out, const protocol& p, const std::set<std::string_view>& used) {
    if (used.empty()) return;
    line(out, "", "");
    line(out, "", detail::words_of(p.data()).text("text.heading.sources"));
    for (std::string_view key : used) {
        if (const source* s = p.find_source(key)) {
            line(out, "  ", "[" + std::string(key) + "] " + std::string(s->citation) + (s->url.empty() ? "" : " " + std::string(s->url)));
        }
    }
}

std::string keys_text(std::span<const std::string_view> keys) {
    std::string out;
    for (auto k : keys) out += (out.empty() ? "[" : " [") + std::string(k) + "]";
    return out;
}

void write_finding(detail::document_writer& doc, const triage_finding& f) {
    detail::json_writer& w = doc.w;
    w.begin_object();
    w.member("rule", f.rule);
    w.member("level", to_string(f.level));
    w.member("title", f.title);
    w.member("reason", f.reason);
    w.member("advice", f.advice);
    doc.sources(f.sources);
    w.end_object();
}

void write_report(detail::document_writer& doc, const report_assessment& r, const plan& p, zone_ref zone) {
    const detail::protocol_data& d = p.protocol().data();
    detail::json_writer& w = doc.w;
    w.begin_object();
    w.member("symptom", to_string(r.report.symptom));
    w.member("symptom_title", d.symptoms[static_cast<std::size_t>(r.report.symptom)].title);
    w.key("seen_at");
    if (r.seen_at) {
        w.instant(*r.seen_at, zone);
    } else {
        w.null();
    }
    w.key("hours_after");
    write_hours_after(w, r.after);
    w.key("severity");
    if (r.report.severity) {
        w.string(to_string(*r.report.severity));
    } else {
        w.null();
    }
    w.key("signs");
    doc.codes(r.report.signs);
    w.member("level", to_string(r.level));
    w.member("rule", r.decided.rule);
    w.member("title", r.decided.title);
    w.member("reason", r.decided.reason);
    w.member("advice", r.decided.advice);
    w.key("raised_by_severity");
    w.boolean(r.raised_by_severity);
    w.key("window");
    if (r.window) {
        w.begin_object();
        w.member("effect", r.window->effect);
        w.key("onset_h");
        doc.hours(r.window->onset);
        w.key("typical_end_h");
        doc.hours(r.window->typical_end);
        w.key("abnormal_after_h");
        doc.hours(r.window->abnormal_after);
        if (const auto& t = p.treatment().treated_at) {
            w.key("typical_end");
            w.instant(*t + r.window->typical_end, zone);
            w.key("abnormal_after");
            w.instant(*t + r.window->abnormal_after, zone);
        }
        w.end_object();
    } else {
        w.null();
    }
    w.key("matched");
    w.begin_array();
    for (const triage_finding& f : r.matched) write_finding(doc, f);
    w.end_array();
    doc.sources(r.decided.sources);
    w.end_object();
}

// --- reports from JSON ------------------------------------------------------------------------

class reports_reader {
public:
    reports_reader(std::string_view text, zone_ref zone, std::string_view origin) : text_(text), zone_(zone), origin_(origin) {}

    std::vector<symptom_report> run() {
        nlohmann::json root;
        try {
            root = detail::read_json(text_);
        } catch (const detail::json_read_error& e) {
            detail::reject_document(e, text_, origin_, "reports");
        }
        if (!root.is_object()) fail("", "", "an object {\"reports\": [...]}", "expected an object {\"reports\": [...]}, got " + detail::describe(root));
        for (const auto& [key, value] : root.items()) {
            if (key != "reports") {
                static constexpr std::array<std::string_view, 1> only{"reports"};
                fail("/" + detail::escape_pointer_token(key), key, "reports",
                     "unknown key " + detail::jstr(key) + "; expected: reports" + did_you_mean(key, only), true);
            }
        }
        if (!root.contains("reports")) fail("", "", "reports", "missing key \"reports\"");
        const auto& list = root.at("reports");
        if (!list.is_array() || list.empty()) {
            fail("/reports", detail::describe(list), "a non-empty array of reports", "expected a non-empty array of reports, got " + detail::describe(list));
        }
        std::vector<symptom_report> out;
        out.reserve(list.size());
        for (std::size_t i = 0; i < list.size(); ++i) out.push_back(report(list[i], "/reports/" + std::to_string(i)));
        return out;
    }

private:
    std::string_view text_;
    zone_ref zone_;
    std::string_view origin_;

    [[noreturn]] void fail(const std::string& ptr, const std::string& value, const std::string& allowed, const std::string& expected,
                           bool at_key = false) const {
        std::string where(origin_);
        if (auto off = detail::locate(text_, ptr, at_key)) {
            const auto pos = detail::position_of(text_, *off);
            where += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
        }
        throw invalid_value(ptr.empty() ? "reports" : ptr, value, allowed,
                            where + ": " + (ptr.empty() ? "(document)" : safe_pointer(ptr)) + ": " + expected);
    }

    template <code_enum E>
    E code(const nlohmann::json& j, const std::string& ptr) const {
        std::string allowed;
        for (auto c : detail::code_table<E>::codes) allowed += (allowed.empty() ? "" : ", ") + std::string(c);
        if (j.is_string()) {
            if (auto e = from_string<E>(j.get_ref<const std::string&>())) return *e;
        }
        const std::string shown = j.is_string() ? quote_value(j.get_ref<const std::string&>()) : detail::describe(j);
        fail(ptr, j.is_string() ? j.get<std::string>() : shown, allowed,
             std::string(detail::code_table<E>::field) + " " + shown + " is not one of " + allowed +
                 (j.is_string() ? did_you_mean(j.get_ref<const std::string&>(), detail::code_table<E>::codes) : std::string()));
    }

    symptom_report report(const nlohmann::json& j, const std::string& ptr) const {
        static constexpr std::array<std::string_view, 5> keys{"symptom", "seen_at", "hours_after", "severity", "signs"};
        if (!j.is_object()) {
            fail(ptr, detail::describe(j), "an object", "expected an object with symptom, seen_at or hours_after, severity, signs, got " + detail::describe(j));
        }
        for (const auto& [key, value] : j.items()) {
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                fail(ptr + "/" + detail::escape_pointer_token(key), key, "symptom, seen_at, hours_after, severity, signs",
                     "unknown key " + detail::jstr(key) + "; expected one of: symptom, seen_at, hours_after, severity, signs" + did_you_mean(key, keys), true);
            }
        }
        symptom_report r;
        if (!j.contains("symptom")) fail(ptr, "", "symptom", "missing key \"symptom\"");
        r.symptom = code<symptom>(j.at("symptom"), ptr + "/symptom");
        const bool at = j.contains("seen_at"), after = j.contains("hours_after");
        if (at == after) fail(ptr, "", "seen_at or hours_after", "expected exactly one of \"seen_at\" (local time) or \"hours_after\"");
        if (at) {
            const auto& v = j.at("seen_at");
            const std::string sp = ptr + "/seen_at";
            if (!v.is_string()) fail(sp, detail::describe(v), "a local time YYYY-MM-DDTHH:MM[:SS]", "expected a local time YYYY-MM-DDTHH:MM[:SS], got " + detail::describe(v));
            const std::string& s = v.get_ref<const std::string&>();
            date::local_seconds local{};
            try {
                local = parse_local_time(s, "seen_at");
            } catch (const invalid_value& e) {
                fail(sp, s, e.allowed(), e.what());
            }
            if (zone_ == nullptr) fail(sp, s, "a time zone (--tz)", "seen_at is a local time and needs a time zone (--tz); or give hours_after");
            r.seen = to_utc(local, *zone_);
        } else {
            const auto& v = j.at("hours_after");
            const std::string hp = ptr + "/hours_after";
            if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 || v.get<double>() > 24.0 * 366 * 10) {
                fail(hp, detail::describe(v), "hours from 0 to 87840", "expected hours after treatment from 0 to 87840, got " + detail::describe(v));
            }
            r.seen = std::chrono::seconds{std::llround(v.get<double>() * 3600.0)};
        }
        if (j.contains("severity")) r.severity = code<severity>(j.at("severity"), ptr + "/severity");
        if (j.contains("signs")) {
            const auto& a = j.at("signs");
            const std::string sp = ptr + "/signs";
            if (!a.is_array()) fail(sp, detail::describe(a), "an array of signs", "expected an array of signs, got " + detail::describe(a));
            for (std::size_t i = 0; i < a.size(); ++i) {
                const sign s = code<sign>(a[i], sp + "/" + std::to_string(i));
                if (r.signs.contains(s)) fail(sp + "/" + std::to_string(i), std::string(to_string(s)), "each sign once", "duplicate sign \"" + std::string(to_string(s)) + "\"");
                r.signs.insert(s);
            }
        }
        return r;
    }
};

}  // namespace

// --- triage ---------------------------------------------------------------------------------

std::size_t detail::write_json(const assessment& a, const json_options& options, json_storage& out) {
    const plan& p = a.plan;
    const detail::protocol_data& d = p.protocol().data();
    const zone_ref zone = options.zone;
    detail::document_writer doc(options, p.protocol(), 8192 + a.reports.size() * 2048, out);
    detail::json_writer& w = doc.w;
    doc.head("aftercare.triage/1", p.treatment(), zone);
    w.member("tier", p.tier());
    w.member("level", to_string(a.level));
    w.member("action", d.triage.actions[static_cast<std::size_t>(a.level)]);
    w.key("reports");
    w.begin_array();
    for (const report_assessment& r : a.reports) write_report(doc, r, p, zone);
    w.end_array();
    return std::move(doc).finish_size();
}

std::string to_json(const assessment& a, const json_options& options) { return detail::json_string(a, options); }

std::string to_text(const assessment& a, const text_options& options) {
    const plan& p = a.plan;
    const detail::protocol_data& d = p.protocol().data();
    const treatment& t = p.treatment();
    const zone_ref zone = options.zone;
    const detail::catalogue& w = detail::words_of(d);
    std::string out;
    out.reserve(2048);
    line(out, "", w.format("text.triage.head", {{"level", w.word("level_shout", to_string(a.level))}}));
    line(out, "", w.format("text.triage.action", {{"action", d.triage.actions[static_cast<std::size_t>(a.level)]}}));
    line(out, "", "");
    std::string what = w.format("text.triage.treatment", {{"treatment", describe_treatment(w, t)}});
    if (t.treated_at) {
        what += w.format("text.triage.ended", {{"time", local_text(w, *t.treated_at, zone)}}) + (zone ? " (" + std::string(zone->name()) + ")" : "");
    }
    line(out, "", what);
    line(out, "", w.format("text.plan.protocol", {{"id", p.protocol().id()}, {"version", p.protocol().version()}, {"tier", p.tier()}}));
    line(out, "", std::string(p.protocol().disclaimer()));
    if (review_of(p.protocol()) == review_status::machine) line(out, "", std::string(w.text("notice.machine")));

    std::set<std::string_view> used;
    for (std::size_t i = 0; i < a.reports.size(); ++i) {
        const report_assessment& r = a.reports[i];
        const std::string n = std::to_string(i + 1);
        const std::string_view title = d.symptoms[static_cast<std::size_t>(r.report.symptom)].title;
        std::string head_line = r.seen_at ? w.format("text.triage.report_at", {{"n", n}, {"symptom", title}, {"time", local_text(w, *r.seen_at, zone)},
                                                                               {"after", hours_text(w, r.after)}})
                                          : w.format("text.triage.report", {{"n", n}, {"symptom", title}, {"after", hours_text(w, r.after)}});
        if (r.report.severity) head_line += ", " + std::string(w.word("severity", to_string(*r.report.severity)));
        for (sign s : r.report.signs) head_line += ", " + std::string(d.signs[static_cast<std::size_t>(s)]);
        line(out, "", "");
        line(out, "", head_line);
        line(out, "  ", w.format("text.triage.level", {{"level", w.word("level_shout", to_string(r.level))}, {"title", r.decided.title}, {"rule", r.decided.rule}}));
        line(out, "  ", w.format("text.why", {{"reason", r.decided.reason}}));
        line(out, "  ", w.format("text.what_to_do", {{"advice", r.decided.advice}}));
        if (r.window) {
            auto at = [&](std::chrono::minutes m) {
                std::string s = "+" + hours_text(w, m);
                if (!t.treated_at) return s;
                std::string local = local_text(w, *t.treated_at + m, zone);
                local += " (";
                local += s;
                local += ")";
                return local;
            };
            line(out, "  ", w.format("text.triage.window", {{"onset", at(r.window->onset)}, {"end", at(r.window->typical_end)},
                                                            {"abnormal", at(r.window->abnormal_after)}}));
        }
        for (std::size_t k = 1; k < r.matched.size(); ++k) {
            const triage_finding& f = r.matched[k];
            line(out, "  ", w.format("text.triage.also", {{"level", w.word("level", to_string(f.level))}, {"title", f.title}, {"rule", f.rule}}));
        }
        if (!r.decided.sources.empty()) line(out, "  ", w.format("text.sources", {{"keys", keys_text(r.decided.sources)}}));
        for (const triage_finding& f : r.matched) used.insert(f.sources.begin(), f.sources.end());
    }
    if (a.reports.empty()) {
        line(out, "", "");
        line(out, "", std::string(w.text("text.triage.none")));
    }
    if (options.sources) source_list(out, p.protocol(), used);
    return out;
}

// --- screening --------------------------------------------------------------------------------

std::size_t detail::write_json(const eligibility& e, const json_options& options, json_storage& out) {
    detail::document_writer doc(options, e.protocol, 8192 + e.findings.size() * 1024, out);
    detail::json_writer& w = doc.w;
    doc.head("aftercare.screening/1", e.treatment, options.zone);
    w.member("as_of", format_date(e.as_of));
    w.member("decision", to_string(e.decision));
    w.key("earliest");
    if (e.earliest) {
        w.string(format_date(*e.earliest));
    } else {
        w.null();
    }
    w.key("findings");
    w.begin_array();
    for (const screening_finding& f : e.findings) {
        w.begin_object();
        w.member("code", f.code);
        w.member("decision", to_string(f.decision));
        w.member("title", f.title);
        w.member("reason", f.reason);
        w.member("advice", f.advice);
        if (f.until) w.member("until", format_date(*f.until));
        if (f.wait) {
            static constexpr std::array<const char*, 3> units{"days", "months", "years"};
            w.key("wait");
            w.begin_object();
            w.key("count");
            w.integer(f.wait->count);
            w.member("unit", units[static_cast<std::size_t>(f.wait->in)]);
            w.end_object();
        }
        w.member("basis", to_string(f.basis));
        if (!f.note.empty()) w.member("note", f.note);
        doc.sources(f.sources);
        w.end_object();
    }
    w.end_array();
    return std::move(doc).finish_size();
}

std::string to_json(const eligibility& e, const json_options& options) { return detail::json_string(e, options); }

std::string to_text(const eligibility& e, const text_options& options) {
    const detail::catalogue& w = detail::words_of(e.protocol.data());
    std::string out;
    out.reserve(2048);
    std::string headline = w.format("text.screening.head", {{"decision", w.word("decision_shout", to_string(e.decision))}});
    if (e.earliest) headline += w.format("text.screening.until", {{"date", format_date(*e.earliest)}});
    line(out, "", headline);
    line(out, "", w.format("text.screening.treatment", {{"treatment", describe_treatment(w, e.treatment)}, {"date", format_date(e.as_of)}}));
    line(out, "", w.format("text.screening.protocol", {{"id", e.protocol.id()}, {"version", e.protocol.version()}}));
    line(out, "", std::string(e.protocol.disclaimer()));
    if (review_of(e.protocol) == review_status::machine) line(out, "", std::string(w.text("notice.machine")));
    std::set<std::string_view> used;
    if (e.findings.empty()) {
        line(out, "", "");
        line(out, "", std::string(w.text("text.screening.none")));
    }
    for (const screening_finding& f : e.findings) {
        line(out, "", "");
        std::string s = w.format("text.screening.finding", {{"decision", w.word("decision_shout", to_string(f.decision))}, {"title", f.title}, {"code", f.code}});
        if (f.until) s += w.format("text.screening.finding_until", {{"date", format_date(*f.until)}});
        line(out, "", s);
        line(out, "  ", w.format("text.why", {{"reason", f.reason}}));
        line(out, "  ", w.format("text.what_to_do", {{"advice", f.advice}}));
        if (f.wait && !f.until && f.decision == decision::defer) {
            static constexpr std::array<const char*, 3> units{"text.screening.wait.days", "text.screening.wait.months", "text.screening.wait.years"};
            line(out, "  ", w.count(units[static_cast<std::size_t>(f.wait->in)], f.wait->count));
        }
        if (!f.note.empty()) line(out, "  ", w.format("text.screening.note", {{"note", f.note}}));
        line(out, "  ", w.format("text.screening.sources", {{"keys", keys_text(f.sources)}, {"basis", w.word("basis", to_string(f.basis))}}));
        used.insert(f.sources.begin(), f.sources.end());
    }
    if (options.sources) source_list(out, e.protocol, used);
    return out;
}

std::vector<symptom_report> reports_from_json(std::string_view json_text, zone_ref zone, std::string_view origin) {
    return reports_reader(json_text, zone, origin).run();
}

}  // namespace aftercare
