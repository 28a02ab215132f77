// plan_course(): the sessions of a course, their windows, changes, re-screening, milestones and
// reminders. No clinical numbers here: intervals, counts, texts and sources come from the protocol.
#include "aftercare/course.hpp"

#include "aftercare/error.hpp"
#include "aftercare/plan.hpp"
#include "protocol/protocol_data.hpp"

#include <algorithm>
#include <string>

namespace aftercare {

namespace {

using detail::minutes;

constexpr int max_sessions = 60;

[[noreturn]] void reject(const std::string& field, const std::string& value, const std::string& allowed, const std::string& message) {
    throw invalid_value(field, value, allowed, message);
}

}  // namespace

course plan_course(const treatment& t, const protocol& p, std::optional<int> sessions) {
    check_treatment(t, p);
    const detail::protocol_data& d = p.data();
    const std::size_t tier = d.tier_index(t.depth);
    detail::evaluation ev;
    detail::evaluate(d, t, tier, ev);
    const detail::course_window& w = ev.course;

    const detail::indication_def* ind =
        t.indication && d.course.indications[static_cast<std::size_t>(*t.indication)].present ? &d.course.indications[static_cast<std::size_t>(*t.indication)]
                                                                                              : nullptr;
    if (!sessions) {
        if (!ind) {
            reject("sessions", "(not given)", "a number of sessions, or a treatment with an indication",
                   "sessions is required when the treatment has no indication (the protocol gives no count without one)");
        }
        sessions = ind->sessions.at(tier);
    }
    if (*sessions < t.session || *sessions > max_sessions) {
        const std::string allowed = std::to_string(t.session) + "–" + std::to_string(max_sessions);
        reject("sessions", std::to_string(*sessions), allowed,
               "sessions " + std::to_string(*sessions) + " is outside " + allowed + " (from this treatment's session " +
                   std::to_string(t.session) + ")");
    }
    if (!w.has_indication && !w.has_default) {
        reject("protocol", std::string(p.id()), "a protocol with a course interval for this treatment",
               "protocol " + std::string(p.id()) + " gives no session interval for this treatment (no course data for its indication "
               "and no \"without_indication\")");
    }

    // The interval between sessions and its latest, as the plan has them (modifiers applied).
    const minutes interval = w.next_earliest;
    const std::optional<minutes> latest_gap = w.next_latest;

    course c;
    c.treatment = t;
    c.total_sessions = *sessions;
    c.protocol = p;
    c.rescreen_text = d.course.rescreen_text;
    c.rescreen_sources = d.keys(d.course.rescreen_sources);
    auto at = [&](minutes m) -> std::optional<date::sys_seconds> {
        if (!t.treated_at) return std::nullopt;
        return *t.treated_at + m;
    };
    auto add_note = [&](std::string_view n) {
        if (!n.empty() && std::find(c.notes.begin(), c.notes.end(), n) == c.notes.end()) c.notes.push_back(n);
    };
    if (ind) {
        add_note(ind->sessions.note);
        add_note(ind->interval.note);
        if (ind->interval_max) add_note(ind->interval_max->note);
    } else {
        add_note(d.course.default_interval->note);
        if (d.course.default_interval_max) add_note(d.course.default_interval_max->note);
    }
    for (std::size_t i = 0; i < d.course.modifiers.size(); ++i) {
        if ((w.applied >> i) & 1U) add_note(d.course.modifiers[i].note);
    }

    c.sessions.reserve(static_cast<std::size_t>(*sessions - t.session + 1));
    minutes previous_typical{0};
    for (int n = t.session; n <= *sessions; ++n) {
        course_session s;
        s.number = n;
        if (n > t.session) {
            s.earliest = previous_typical + interval;
            s.typical = s.earliest;
            s.latest = previous_typical + latest_gap.value_or(interval);
            s.rescreen.assign(d.course.rescreen_conditions.begin(), d.course.rescreen_conditions.end());
            s.rescreen_procedures = d.course.rescreen_procedures;
        }
        s.earliest_at = at(s.earliest);
        s.typical_at = at(s.typical);
        s.latest_at = at(s.latest);
        for (const detail::course_change_def& ch : d.course.changes) {
            if (n >= ch.from_session && ch.when.matches(t)) s.changes.push_back(course_note{ch.code, ch.text, ch.basis, d.keys(ch.sources)});
        }
        previous_typical = s.typical;
        c.sessions.push_back(std::move(s));
    }

    // Reminders: book session n when session n-1 ends; its window opens on its earliest day.
    for (std::size_t i = 1; i < c.sessions.size(); ++i) {
        const course_session& prev = c.sessions[i - 1];
        const course_session& s = c.sessions[i];
        if (!d.course.book_title.empty()) {
            c.reminders.push_back(course_reminder{"course.book_session", s.number, d.course.book_title, d.course.book_text, prev.typical,
                                                  at(prev.typical)});
            c.reminders.push_back(
                course_reminder{"course.window_opens", s.number, d.course.window_title, d.course.window_text, s.earliest, at(s.earliest)});
        }
    }

    // Milestones: the protocol's results milestones, then the final assessment after the last session.
    const minutes first = c.sessions.front().typical;
    const minutes last = c.sessions.back().typical;
    for (const detail::course_milestone_def& m : d.course.milestones) {
        if (!m.when.matches(t)) continue;
        const minutes when = (m.after_last ? last : first) + m.at.at(tier);
        c.milestones.push_back(course_milestone{m.code, m.title, m.text, when, at(when), d.keys(m.sources)});
    }
    if (ind) {
        const minutes when = last + ind->assess_after_last.at(tier);
        c.milestones.push_back(course_milestone{"milestone.final_assessment", d.course.final_title, d.course.final_text, when, at(when),
                                                d.keys(ind->assess_after_last.sources)});
        add_note(ind->assess_after_last.note);
    }
    std::stable_sort(c.milestones.begin(), c.milestones.end(), [](const course_milestone& a, const course_milestone& b) { return a.at < b.at; });
    std::stable_sort(c.reminders.begin(), c.reminders.end(), [](const course_reminder& a, const course_reminder& b) { return a.at < b.at; });
    return c;
}

}  // namespace aftercare
