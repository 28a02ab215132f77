#include "aftercare/io/text.hpp"

#include "aftercare/time.hpp"
#include "io/text_common.hpp"
#include "io/text_toolkit.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace aftercare {

namespace {

using std::chrono::minutes;

std::string when(const plan& p, minutes offset, zone_ref zone) {
    const auto& t = p.treatment();
    if (!t.treated_at) return "+" + detail::hours_text(offset);
    const auto instant = *t.treated_at + offset;
    return detail::short_local_text(zone ? to_local(instant, *zone) : date::local_seconds{instant.time_since_epoch()});
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
    std::string h = "Aftercare plan: microneedling, " + std::string(to_string(t.device)) + " " + to_string(t.depth) + " mm, " +
                    std::string(to_string(t.area)) + ", skin type " + to_string(t.skin_type);
    for (auto a : t.adjuncts) h += ", " + std::string(to_string(a));
    if (t.indication) h += ", " + std::string(to_string(*t.indication));
    h += ", session " + std::to_string(t.session);
    line(out, "", h);
    if (t.treated_at) {
        line(out, "", "Treatment ended " + format_rfc3339(*t.treated_at, zone) + (zone ? " (" + std::string(zone->name()) + ")" : ""));
    }
    line(out, "", "Protocol " + std::string(p.protocol().id()) + " " + std::string(p.protocol().version()) + ", depth tier " +
                      std::string(p.tier()));
    line(out, "", std::string(p.protocol().disclaimer()));
}

void expect_section(std::string& out, const plan& p) {
    section(out, "What to expect");
    for (const entry& e : p.entries()) {
        if (e.kind != entry_kind::effect) continue;
        std::string s = std::string(e.title) + " (" + std::string(to_string(*e.likely)) + "): from " + detail::hours_text(e.onset) +
                        ", usually gone by " + detail::hours_text(*e.end);
        if (e.end_range) s += " (sources: " + detail::hours_text(e.end_range->first) + "–" + detail::hours_text(e.end_range->second) + ")";
        s += "; contact the clinic if still there after " + detail::hours_text(*e.abnormal_after) + ".";
        line(out, "  - ", s);
        line(out, "    ", e.text);
        for (auto n : e.notes) line(out, "    note: ", n);
    }
}

void avoid_section(std::string& out, const plan& p, zone_ref zone) {
    section(out, "What to avoid, and when it lifts");
    const bool timed = p.treatment().treated_at.has_value();
    for (const entry& e : p.entries()) {
        if (e.kind != entry_kind::restriction) continue;
        line(out, "  - ", std::string(e.title) + ": until " + detail::hours_text(*e.end) + (timed ? " (" + when(p, *e.end, zone) + ")" : ""));
        for (const stage& s : e.stages) {
            line(out, "      ", "until " + detail::hours_text(s.until) + ": " + std::string(s.text));
        }
        for (auto n : e.notes) line(out, "    note: ", n);
    }
}

void do_section(std::string& out, const plan& p) {
    section(out, "What to do");
    for (const entry& e : p.entries()) {
        if (e.kind != entry_kind::care) continue;
        std::string s = std::string(e.title) + ": " + std::string(e.text) + " From " + detail::hours_text(e.onset);
        if (e.end) s += " to " + detail::hours_text(*e.end);
        if (!e.slots.empty()) {
            s += " (";
            bool first = true;
            for (auto slot : e.slots) {
                s += (first ? "" : ", ") + std::string(to_string(slot));
                first = false;
            }
            s += ")";
        }
        line(out, "  - ", s + ".");
    }
}

/// Every change, in order: lifts, starts and stops of care, effects settling, milestones.
void timeline_section(std::string& out, const plan& p, zone_ref zone) {
    std::vector<event> events;
    for (const entry& e : p.entries()) {
        switch (e.kind) {
            case entry_kind::effect:
                events.push_back({*e.end, 3, std::string(e.title) + " has usually settled."});
                break;
            case entry_kind::restriction:
                for (const stage& s : e.stages) events.push_back({s.until, 0, std::string(s.lifted_text)});
                break;
            case entry_kind::care:
                events.push_back({e.onset, 1, "Start: " + std::string(e.title) + "."});
                if (e.end && *e.end > e.onset) events.push_back({*e.end, 2, "Stop: " + std::string(e.title) + "."});
                break;
            case entry_kind::milestone:
                events.push_back({e.onset, 4, std::string(e.title) + (e.end ? " (window opens)." : ".")});
                if (e.end) events.push_back({*e.end, 4, std::string(e.title) + " (window closes)."});
                break;
            case entry_kind::red_flag: break;
        }
    }
    std::stable_sort(events.begin(), events.end(), [](const event& a, const event& b) { return a.at != b.at ? a.at < b.at : a.order < b.order; });
    section(out, "Timeline");
    const bool timed = p.treatment().treated_at.has_value();
    for (const event& ev : events) {
        line(out, "  ", (timed ? when(p, ev.at, zone) + " (+" + detail::hours_text(ev.at) + ")" : "+" + detail::hours_text(ev.at)) + " " + ev.text);
    }
}

void red_flags_section(std::string& out, const plan& p) {
    section(out, "Red flags");
    for (const entry& e : p.entries()) {
        if (e.kind != entry_kind::red_flag) continue;
        std::string s = std::string(to_string(*e.level)) + ": " + std::string(e.title);
        if (e.onset.count() > 0) s += " (from " + detail::hours_text(e.onset) + (e.end ? " to " + detail::hours_text(*e.end) : "") + ")";
        else if (e.end) s += " (until " + detail::hours_text(*e.end) + ")";
        line(out, "  - ", s + ". " + std::string(e.advice));
    }
}

void notes_section(std::string& out, const plan& p) {
    if (p.notes().empty()) return;
    section(out, "Notes");
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
    section(out, "Sources");
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
