#include "aftercare/io/text.hpp"

#include "aftercare/time.hpp"
#include "io/text_common.hpp"
#include "io/text_toolkit.hpp"
#include "i18n/messages.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace aftercare {

namespace {

using std::chrono::minutes;

const detail::catalogue& words(const plan& p) { return detail::words_of(p.protocol().data()); }

std::string when(const plan& p, minutes offset, zone_ref zone) {
    const auto& t = p.treatment();
    const detail::catalogue& w = words(p);
    if (!t.treated_at) return "+" + w.hours(offset);
    const auto instant = *t.treated_at + offset;
    return w.short_local(zone ? to_local(instant, *zone) : date::local_seconds{instant.time_since_epoch()});
}

struct event {
    minutes at;
    int order;  // within the same minute: lifts before reminders before milestones
    std::string text;
};

/// `text` after `indent`, wrapped at detail::text_width; a continuation lines up under the text of
/// a bullet ("  - ") and is indented two more spaces otherwise.
/// A line that fits is written as it is (the timeline's double spaces stay).
void line(std::string& out, std::string_view indent, std::string_view text) {
    const bool bullet = indent.ends_with("- ");
    const std::string rest = bullet ? std::string(indent.size(), ' ') : (indent.empty() ? std::string{} : std::string(indent) + "  ");
    out += detail::fitted_line(text, indent, rest);
}

}  // namespace

std::string detail::fitted_line(std::string_view text, std::string_view first, std::string_view rest) {
    if (first.size() + text.size() <= text_width) return std::string(first).append(text) += '\n';
    return wrap(text, text_width, first, rest);
}

std::string to_text(const plan& p, const text_options& options) { return detail::plan_text(p, options, {}); }

namespace {

void section(std::string& out, std::string_view title) {
    out += '\n';
    line(out, "", title);
}

/// The treatment, the protocol and its disclaimer.
void head(std::string& out, const plan& p, zone_ref zone) {
    const treatment& t = p.treatment();
    const detail::catalogue& w = words(p);
    std::string h = w.format("text.plan.head", {{"device", w.word("device", to_string(t.device))}, {"depth", w.number(to_string(t.depth))},
                                                {"area", w.word("area", to_string(t.area))}, {"skin_type", to_string(t.skin_type)}});
    for (auto a : t.adjuncts) h += ", " + std::string(w.word("adjunct", to_string(a)));
    if (t.indication) h += ", " + std::string(w.word("indication", to_string(*t.indication)));
    h += w.format("text.plan.session", {{"session", std::to_string(t.session)}});
    line(out, "", h);
    if (t.treated_at) {
        line(out, "", w.format("text.plan.treated", {{"time", format_rfc3339(*t.treated_at, zone)}}) + (zone ? " (" + std::string(zone->name()) + ")" : ""));
    }
    line(out, "", w.format("text.plan.protocol", {{"id", p.protocol().id()}, {"version", p.protocol().version()}, {"tier", p.tier()}}));
    line(out, "", std::string(p.protocol().disclaimer()));
    if (review_of(p.protocol()) == review_status::machine) line(out, "", std::string(w.text("notice.machine")));
}

void expect_section(std::string& out, const plan& p) {
    const detail::catalogue& w = words(p);
    section(out, w.text("text.heading.expect"));
    const std::string note = "    " + std::string(w.text("text.note"));
    for (const entry& e : p.entries()) {
        if (e.kind != entry_kind::effect) continue;
        std::string s = w.format("text.effect", {{"title", e.title}, {"likely", w.word("likelihood", to_string(*e.likely))},
                                                 {"onset", w.hours(e.onset)}, {"end", w.hours(*e.end)}});
        if (e.end_range) s += w.format("text.effect.range", {{"from", w.hours(e.end_range->first)}, {"to", w.hours(e.end_range->second)}});
        s += w.format("text.effect.abnormal", {{"abnormal", w.hours(*e.abnormal_after)}});
        line(out, "  - ", s);
        line(out, "    ", e.text);
        for (auto n : e.notes) line(out, note, n);
    }
}

void avoid_section(std::string& out, const plan& p, zone_ref zone) {
    const detail::catalogue& w = words(p);
    section(out, w.text("text.heading.avoid"));
    const std::string note = "    " + std::string(w.text("text.note"));
    const bool timed = p.treatment().treated_at.has_value();
    for (const entry& e : p.entries()) {
        if (e.kind != entry_kind::restriction) continue;
        line(out, "  - ", w.format("text.restriction", {{"title", e.title}, {"until", w.hours(*e.end)}}) + (timed ? " (" + when(p, *e.end, zone) + ")" : ""));
        for (const stage& s : e.stages) {
            line(out, "      ", w.format("text.stage", {{"until", w.hours(s.until)}, {"text", s.text}}));
        }
        for (auto n : e.notes) line(out, note, n);
    }
}

void do_section(std::string& out, const plan& p) {
    const detail::catalogue& w = words(p);
    section(out, w.text("text.heading.do"));
    for (const entry& e : p.entries()) {
        if (e.kind != entry_kind::care) continue;
        std::string s = w.format("text.care", {{"title", e.title}, {"text", e.text}, {"from", w.hours(e.onset)}});
        if (e.end) s += w.format("text.care.to", {{"to", w.hours(*e.end)}});
        if (!e.slots.empty()) {
            s += " (";
            bool first = true;
            for (auto slot : e.slots) {
                s += (first ? "" : ", ") + std::string(w.word("slot", to_string(slot)));
                first = false;
            }
            s += ")";
        }
        line(out, "  - ", s + ".");
    }
}

/// Every change, in order: lifts, starts and stops of care, effects settling, milestones.
void timeline_section(std::string& out, const plan& p, zone_ref zone) {
    const detail::catalogue& w = words(p);
    std::vector<event> events;
    for (const entry& e : p.entries()) {
        switch (e.kind) {
            case entry_kind::effect:
                events.push_back({*e.end, 3, w.format("text.timeline.settled", {{"title", e.title}})});
                break;
            case entry_kind::restriction:
                for (const stage& s : e.stages) events.push_back({s.until, 0, std::string(s.lifted_text)});
                break;
            case entry_kind::care:
                events.push_back({e.onset, 1, w.format("text.timeline.start", {{"title", e.title}})});
                if (e.end && *e.end > e.onset) events.push_back({*e.end, 2, w.format("text.timeline.stop", {{"title", e.title}})});
                break;
            case entry_kind::milestone:
                events.push_back({e.onset, 4, w.format(e.end ? "text.timeline.opens" : "text.timeline.milestone", {{"title", e.title}})});
                if (e.end) events.push_back({*e.end, 4, w.format("text.timeline.closes", {{"title", e.title}})});
                break;
            case entry_kind::red_flag: break;
        }
    }
    std::stable_sort(events.begin(), events.end(), [](const event& a, const event& b) { return a.at != b.at ? a.at < b.at : a.order < b.order; });
    section(out, w.text("text.heading.timeline"));
    const bool timed = p.treatment().treated_at.has_value();
    for (const event& ev : events) {
        line(out, "  ", (timed ? when(p, ev.at, zone) + " (+" + w.hours(ev.at) + ")" : "+" + w.hours(ev.at)) + " " + ev.text);
    }
}

void red_flags_section(std::string& out, const plan& p) {
    const detail::catalogue& w = words(p);
    section(out, w.text("text.heading.red_flags"));
    for (const entry& e : p.entries()) {
        if (e.kind != entry_kind::red_flag) continue;
        std::string s = std::string(w.word("level", to_string(*e.level))) + ": " + std::string(e.title);
        if (e.onset.count() > 0) {
            s += e.end ? w.format("text.red_flag.from_to", {{"from", w.hours(e.onset)}, {"to", w.hours(*e.end)}})
                       : w.format("text.red_flag.from", {{"from", w.hours(e.onset)}});
        } else if (e.end) {
            s += w.format("text.red_flag.until", {{"until", w.hours(*e.end)}});
        }
        line(out, "  - ", s + ". " + std::string(e.advice));
    }
}

void notes_section(std::string& out, const plan& p) {
    if (p.notes().empty()) return;
    section(out, words(p).text("text.heading.notes"));
    for (const plan_note& n : p.notes()) line(out, "  - ", n.text);
}

/// Every source the entries and notes cite, by key.
void sources_section(std::string& out, const plan& p) {
    std::map<std::string_view, const source*> used;
    for (const entry& e : p.entries()) {
        for (auto k : e.sources) used.emplace(k, p.protocol().find_source(k));
    }
    for (const plan_note& n : p.notes()) {
        for (auto k : n.sources) used.emplace(k, p.protocol().find_source(k));
    }
    section(out, words(p).text("text.heading.sources"));
    for (const auto& [key, src] : used) {
        if (src) line(out, "  ", "[" + std::string(key) + "] " + std::string(src->citation) + (src->url.empty() ? "" : " " + std::string(src->url)));
    }
}

}  // namespace

std::string detail::plan_text(const plan& p, const text_options& options, std::string_view before_sources) {
    std::string out;
    out.reserve(8192);
    head(out, p, options.zone);
    expect_section(out, p);
    avoid_section(out, p, options.zone);
    do_section(out, p);
    timeline_section(out, p, options.zone);
    red_flags_section(out, p);
    notes_section(out, p);
    out += before_sources;
    if (options.sources) sources_section(out, p);
    return out;
}

}  // namespace aftercare
