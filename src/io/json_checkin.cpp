// The check-in loop as JSON: a check-in's questions, the assessment of its answers, what is due when
// nobody answers (docs/schema/check-in-*.schema.json, follow-up.schema.json).
#include "aftercare/io/json.hpp"
#include "aftercare/locale.hpp"

#include "aftercare/time.hpp"
#include "io/json_dom.hpp"
#include "protocol/protocol_data.hpp"

namespace aftercare {

namespace {

using detail::json;

json instant(const std::optional<date::sys_seconds>& t, zone_ref zone) {
    return t ? json(format_rfc3339(*t, zone)) : json(nullptr);
}

json head(std::string_view schema, const protocol& p) {
    json doc;
    doc["schema"] = schema;
    if (locale_of(p) != "en") doc["lang"] = locale_of(p);  // the locale of the texts (docs/languages.md)
    doc["protocol"] = {{"id", p.id()}, {"version", p.version()}, {"title", p.title()}, {"disclaimer", p.disclaimer()}};
    return doc;
}

}  // namespace

std::string to_json(const questionnaire& q, const json_options& options) {
    json doc = head("aftercare.check_in_questions/1", q.protocol);
    doc["check_in"] = {{"code", q.check_in}, {"title", q.title}, {"text", q.text}, {"at_h", detail::hours_json(q.at)}, {"sources", detail::strings(q.sources)}};
    json items = json::array();
    for (const question& item : q.items) {
        json j;
        j["link_id"] = item.link_id;
        j["kind"] = to_string(item.kind);
        j["text"] = item.text;
        j["symptom"] = item.symptom ? json(to_string(*item.symptom)) : json(nullptr);
        json opts = json::array();
        for (const answer_option& o : item.options) opts.push_back({{"code", o.code}, {"label", o.label}});
        j["options"] = std::move(opts);
        j["repeats"] = item.repeats;
        j["enable_when"] = item.enable_when.empty() ? json(nullptr) : json(item.enable_when);
        j["sources"] = detail::strings(item.sources);
        items.push_back(std::move(j));
    }
    doc["items"] = std::move(items);
    return detail::finish(doc, q.protocol, options);
}

std::string to_json(const check_in_assessment& a, const json_options& options) {
    const protocol& p = a.triage.plan.protocol();
    json doc = head("aftercare.check_in_assessment/1", p);
    doc["check_in"] = a.check_in;
    doc["answered_at"] = instant(a.answered_at, options.zone);
    doc["hours_after"] = static_cast<double>(a.after.count()) / 3600.0;
    doc["status"] = a.status ? json(to_string(*a.status)) : json(nullptr);
    doc["level"] = to_string(a.level);
    doc["action"] = p.data().triage.present ? json(p.data().triage.actions[static_cast<std::size_t>(a.level)]) : json(nullptr);
    if (a.help) {
        doc["help"] = {{"rule", a.help->rule},   {"level", to_string(a.help->level)}, {"title", a.help->title},
                       {"reason", a.help->reason}, {"advice", a.help->advice},        {"without_detail", a.help_without_detail},
                       {"sources", detail::strings(a.help->sources)}};
    } else {
        doc["help"] = nullptr;
    }
    doc["free_text"] = a.free_text.empty() ? json(nullptr) : json(a.free_text);
    doc["for_a_person"] = !a.free_text.empty() || a.help.has_value();
    doc["triage"] = json::parse(to_json(a.triage, {.zone = options.zone, .indent = -1}));
    return detail::finish(doc, p, options);
}

std::string to_json(const follow_up_step& f, const follow_up_times& rules, const protocol& p, const json_options& options) {
    json doc = head("aftercare.follow_up/1", p);
    doc["action"] = to_string(f.action);
    if (f.action == follow_up_action::none) {
        doc["rule"] = nullptr;
    } else {
        doc["rule"] = {{"code", f.code},
                       {"title", f.title},
                       {"text", f.text},
                       {"due", instant(f.due, options.zone)},
                       {"check_in", f.check_in.empty() ? json(nullptr) : json(f.check_in)},
                       {"sources", detail::strings(f.sources)}};
    }
    doc["next_action"] = to_string(f.next_action);
    doc["next_due"] = instant(f.next_due, options.zone);
    doc["rules"] = {{"nudge", instant(rules.nudge, options.zone)}, {"clinic_task", instant(rules.clinic_task, options.zone)}};
    return detail::finish(doc, p, options);
}

}  // namespace aftercare
