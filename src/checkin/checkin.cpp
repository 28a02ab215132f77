// The check-in loop (checkin.hpp): the questions of a check-in, the assessment of its answers, and the
// non-response rules. Every word and number comes from the protocol's "questions" and "follow_up".
#include "aftercare/checkin.hpp"

#include "aftercare/error.hpp"
#include "aftercare/time.hpp"
#include "protocol/protocol_data.hpp"

#include <algorithm>
#include <string>

namespace aftercare {

namespace detail {

/// The check-in with `code`, or a typed error listing the protocol's check-ins.
const check_in_def& find_check_in(const protocol_data& d, std::string_view code, std::string_view field) {
    for (const check_in_def& c : d.check_ins) {
        if (c.code == code) return c;
    }
    std::string allowed;
    for (const check_in_def& c : d.check_ins) allowed += (allowed.empty() ? "" : ", ") + std::string(c.code);
    if (allowed.empty()) allowed = "(the protocol has no check-ins)";
    const std::string shown(code.substr(0, 60));
    throw invalid_value(std::string(field), shown, allowed, std::string(field) + " '" + shown + "' is not one of the protocol's check-ins: " + allowed);
}

const questions_def& require_questions(const protocol_data& d) {
    if (!d.questions.present) {
        throw invalid_value("questions", std::string(d.id), "a protocol with a \"questions\" section",
                            "protocol " + std::string(d.id) + " has no \"questions\" section, so its check-ins have no questions");
    }
    return d.questions;
}

}  // namespace detail

namespace {

using detail::check_in_def;
using detail::protocol_data;

questionnaire questions_of(const protocol_data& d, const check_in_def& c) {
    const detail::questions_def& q = detail::require_questions(d);
    questionnaire out;
    out.check_in = c.code;
    out.title = c.title;
    out.text = c.text;
    out.at = c.at.at(0);
    out.sources = d.keys(c.sources);
    auto item = [&](std::string link, question_kind kind, std::string_view text, detail::source_span sources) {
        question x;
        x.link_id = std::move(link);
        x.kind = kind;
        x.text = text;
        x.sources = d.keys(sources);
        return x;
    };
    question status = item("status", question_kind::status, q.status.text, q.status.sources);
    status.options = {{"fine", q.fine_label}, {"help", q.help_label}};
    out.items.push_back(std::move(status));
    out.items.push_back(item("symptoms", question_kind::symptoms, q.symptoms.text, q.symptoms.sources));
    std::vector<answer_option> severities;
    for (severity v : all_values<severity>()) severities.push_back({to_string(v), q.severity_labels[static_cast<std::size_t>(v)]});
    std::vector<answer_option> signs;
    for (sign g : all_values<sign>()) signs.push_back({to_string(g), d.signs[static_cast<std::size_t>(g)]});
    for (symptom s : all_values<symptom>()) {
        if (!c.symptoms.empty() && !c.symptoms.contains(s)) continue;
        const std::string id = "symptom." + std::string(to_string(s));
        question present = item(id, question_kind::present, d.symptoms[static_cast<std::size_t>(s)].title, q.symptoms.sources);
        present.symptom = s;
        question how_bad = item(id + ".severity", question_kind::severity, q.severity.text, q.severity.sources);
        how_bad.symptom = s;
        how_bad.options = severities;
        how_bad.enable_when = id;
        question with = item(id + ".signs", question_kind::signs, q.signs.text, q.signs.sources);
        with.symptom = s;
        with.options = signs;
        with.repeats = true;
        with.enable_when = id;
        out.items.push_back(std::move(present));
        out.items.push_back(std::move(how_bad));
        out.items.push_back(std::move(with));
    }
    out.items.push_back(item("free_text", question_kind::free_text, q.free_text.text, q.free_text.sources));
    return out;
}

std::size_t tier_index(const plan& p) {
    const auto tiers = p.protocol().tiers();
    for (std::size_t i = 0; i < tiers.size(); ++i) {
        if (tiers[i].id == p.tier()) return i;
    }
    return 0;
}

}  // namespace

questionnaire check_in_questions(const plan& p, std::string_view code) {
    const protocol_data& d = p.protocol().data();
    const check_in_def& c = detail::find_check_in(d, code, "check_in");
    questionnaire q = questions_of(d, c);
    q.at = c.at.at(tier_index(p));
    q.protocol = p.protocol();
    return q;
}

std::vector<questionnaire> check_in_questions(const plan& p) {
    const protocol_data& d = p.protocol().data();
    std::vector<questionnaire> out;
    out.reserve(d.check_ins.size());
    for (const check_in_def& c : d.check_ins) {
        out.push_back(questions_of(d, c));
        out.back().at = c.at.at(tier_index(p));
        out.back().protocol = p.protocol();
    }
    return out;
}

check_in_assessment assess_check_in(const plan& p, const check_in_answers& answers, const triage_options& options) {
    const protocol_data& d = p.protocol().data();
    const check_in_def& c = detail::find_check_in(d, answers.check_in, "check_in");
    const detail::questions_def& q = detail::require_questions(d);
    check_in_assessment out(triage(p, std::span<const symptom_report>{}, options));
    out.check_in = std::string(c.code);
    out.status = answers.status;
    const auto& treated_at = p.treatment().treated_at;
    if (const auto* at = std::get_if<date::sys_seconds>(&answers.answered)) {
        if (!treated_at) {
            throw invalid_value("answered", format_rfc3339(*at), "a time after treatment (the plan has no treatment time)",
                                "the check-in was answered at an instant, but the plan has no treatment time; give the time after treatment");
        }
        out.answered_at = *at;
        out.after = *at - *treated_at;
    } else {
        out.after = std::get<std::chrono::seconds>(answers.answered);
        if (treated_at) out.answered_at = *treated_at + out.after;
    }
    if (out.after < std::chrono::seconds{0}) {
        const std::string shown = out.answered_at ? format_rfc3339(*out.answered_at) : std::to_string(out.after.count()) + " s";
        throw invalid_value("answered", shown, "at or after the end of treatment", "the check-in was answered (" + shown + ") before the end of treatment");
    }
    if (options.as_of && out.answered_at && *options.as_of < *out.answered_at) {
        const std::string shown = format_rfc3339(*out.answered_at);
        throw invalid_value("answered", shown, "a time up to " + format_rfc3339(*options.as_of),
                            "the check-in was answered at " + shown + ", after as_of " + format_rfc3339(*options.as_of));
    }
    std::vector<symptom_report> reports;
    reports.reserve(answers.symptoms.size());
    enum_set<symptom> seen;
    for (const symptom_report& r : answers.symptoms) {
        if (seen.contains(r.symptom)) {
            const std::string code(to_string(r.symptom));
            throw invalid_value("symptoms", code, "each symptom once", "symptom '" + code + "' is answered twice in one check-in");
        }
        seen.insert(r.symptom);
        symptom_report rep = r;
        rep.seen = answers.answered;
        reports.push_back(rep);
    }
    if (!reports.empty()) out.triage = triage(p, reports, options);
    out.level = out.triage.level;
    if (answers.status == check_in_status::help) {
        triage_finding help;
        help.rule = q.help.code;
        help.level = q.help.level;
        help.title = q.help.title;
        help.reason = q.help.text;
        help.advice = q.help.advice;
        help.sources = d.keys(q.help.sources);
        out.help = help;
        out.help_without_detail = reports.empty();
        out.level = std::max(out.level, q.help.level);
    }
    out.free_text = answers.free_text;
    return out;
}

// --- non-response rules ---------------------------------------------------------------------------

follow_up_times follow_up_due(const reminder_schedule& s) {
    const plan& p = s.plan();
    const protocol_data& d = p.protocol().data();
    follow_up_times out;
    const auto& treated_at = p.treatment().treated_at;
    if (!d.follow_up.present || !treated_at || s.zone() == nullptr) return out;
    const zone_rules& zone = *s.zone();
    const std::size_t tier = tier_index(p);
    const date::local_days day0 = date::floor<date::days>(to_local(*treated_at, zone));
    std::optional<date::sys_seconds> first_check_in;
    for (const reminder& r : s.reminders()) {
        if (r.kind == reminder_kind::check_in) {
            first_check_in = first_check_in ? std::min(*first_check_in, r.at) : r.at;
        }
    }
    if (!first_check_in) return out;
    // The nudge goes to the patient: out of quiet hours [bed, wake), to the next wake time.
    const detail::follow_up_rule& n = d.follow_up.nudge;
    const routine_times& times = s.times();
    date::local_seconds nudge_local = day0 + date::days{n.day.at(tier)} + n.at;
    if (n.at < times.wake) {
        nudge_local = day0 + date::days{n.day.at(tier)} + times.wake;
    } else if (n.at >= times.bed) {
        nudge_local = day0 + date::days{n.day.at(tier) + 1} + times.wake;
    }
    const date::sys_seconds nudge = to_utc(nudge_local, zone);
    // The clinic task goes to the clinic, at its time whatever the patient's quiet hours.
    const detail::follow_up_rule& t = d.follow_up.clinic_task;
    const date::sys_seconds task = to_utc(day0 + date::days{t.day.at(tier)} + t.at, zone);
    if (*first_check_in <= nudge) out.nudge = nudge;
    if (*first_check_in <= task) out.clinic_task = task;
    return out;
}

follow_up_step follow_up(const plan& p, const reminder_schedule& s, std::span<const std::string> answered, date::sys_seconds now) {
    const protocol_data& d = p.protocol().data();
    if (&s.plan().data() != &p.data()) {
        throw invalid_value("schedule", "", "a schedule made from this plan", "the schedule was not made from this plan (schedule(plan, prefs))");
    }
    if (!p.treatment().treated_at) {
        throw invalid_value("treated_at", "", "a plan with a treatment time", "follow-up needs the treatment time: the plan has no treated_at");
    }
    for (const std::string& code : answered) (void)detail::find_check_in(d, code, "answered");
    follow_up_step out;
    if (!answered.empty() || !d.follow_up.present) return out;
    const follow_up_times due = follow_up_due(s);
    auto fill = [&](const detail::follow_up_rule& r, follow_up_action a, date::sys_seconds at) {
        out.action = a;
        out.code = r.code;
        out.title = r.title;
        out.text = r.text;
        out.due = at;
        out.sources = d.keys(r.sources);
    };
    if (due.clinic_task && now >= *due.clinic_task) {
        fill(d.follow_up.clinic_task, follow_up_action::clinic_task, *due.clinic_task);
        return out;
    }
    if (due.nudge && now >= *due.nudge) {
        fill(d.follow_up.nudge, follow_up_action::nudge, *due.nudge);
        for (const reminder& r : s.reminders()) {
            if (r.kind == reminder_kind::check_in && r.at <= *due.nudge) out.check_in = r.code;
        }
        if (due.clinic_task) {
            out.next_action = follow_up_action::clinic_task;
            out.next_due = due.clinic_task;
        }
        return out;
    }
    if (due.nudge) {
        out.next_action = follow_up_action::nudge;
        out.next_due = due.nudge;
    } else if (due.clinic_task) {
        out.next_action = follow_up_action::clinic_task;
        out.next_due = due.clinic_task;
    }
    return out;
}

}  // namespace aftercare
