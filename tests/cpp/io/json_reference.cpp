// The JSON documents as the library wrote them before its DOM-free writer (nlohmann::ordered_json
// built, walked for the sources used, then dumped): the oracle the writer's output is compared
// with byte for byte (json_tests.cpp, writer_matches_the_dom_*). Test-only; kept as it was.
#include "io/json_reference.hpp"

#include "aftercare/time.hpp"
#include "aftercare/version.hpp"
#include "protocol/protocol_data.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <set>
#include <string>

namespace aftercare::reference {

namespace {

using json = nlohmann::ordered_json;

/// The codes of a set, in enumerator order, as a JSON array.
template <class E>
[[nodiscard]] json codes(enum_set<E> set) {
    json a = json::array();
    for (E e : set) a.push_back(to_string(e));
    return a;
}

json hours_json(std::chrono::minutes m) {
    if (m.count() % 60 == 0) return m.count() / 60;
    return static_cast<double>(m.count()) / 60.0;
}

json strings(std::span<const std::string_view> items) {
    json a = json::array();
    for (auto s : items) a.push_back(s);
    return a;
}

json document(std::string_view schema, const protocol& p, const treatment& t, zone_ref zone) {
    json doc;
    doc["schema"] = schema;
    doc["generator"] = {{"name", "aftercare"}, {"version", AFTERCARE_VERSION_STRING}};
    doc["protocol"] = {{"id", p.id()}, {"version", p.version()}, {"title", p.title()}, {"disclaimer", p.disclaimer()}};
    json tj;
    tj["device"] = to_string(t.device);
    tj["depth_mm"] = t.depth.mm();
    tj["area"] = to_string(t.area);
    tj["skin_type"] = t.skin_type.value();
    tj["adjuncts"] = codes(t.adjuncts);
    tj["indication"] = t.indication ? json(to_string(*t.indication)) : json(nullptr);
    tj["session"] = t.session;
    tj["history"] = codes(t.history);
    tj["treated_at"] = t.treated_at ? json(format_rfc3339(*t.treated_at, zone)) : json(nullptr);
    doc["treatment"] = std::move(tj);
    doc["time_zone"] = zone != nullptr ? json(zone->name()) : json(nullptr);
    return doc;
}


json entry_json(const entry& e, zone_ref zone) {
    json j;
    j["code"] = e.code;
    j["kind"] = to_string(e.kind);
    j["title"] = e.title;
    if (!e.text.empty()) j["text"] = e.text;
    j["onset_h"] = hours_json(e.onset);
    if (e.end) j[e.kind == entry_kind::effect ? "typical_end_h" : "until_h"] = hours_json(*e.end);
    if (e.end_range) j["end_range_h"] = json::array({hours_json(e.end_range->first), hours_json(e.end_range->second)});
    if (e.abnormal_after) j["abnormal_after_h"] = hours_json(*e.abnormal_after);
    if (e.likely) j["likelihood"] = to_string(*e.likely);
    if (e.kind == entry_kind::restriction) {
        json stages = json::array();
        for (const stage& s : e.stages) {
            json st{{"code", s.code}, {"text", s.text}, {"lifted_text", s.lifted_text}, {"until_h", hours_json(s.until)}};
            if (s.until_at) st["until"] = format_rfc3339(*s.until_at, zone);
            stages.push_back(std::move(st));
        }
        j["stages"] = std::move(stages);
    }
    if (e.kind == entry_kind::care || e.kind == entry_kind::milestone) {
        j["remind"] = to_string(e.remind);
        if (!e.slots.empty()) j["slots"] = codes(e.slots);
    }
    if (e.level) {
        j["level"] = to_string(*e.level);
        j["symptoms"] = codes(e.symptoms);
        j["advice"] = e.advice;
    }
    if (e.start) j["start"] = format_rfc3339(*e.start, zone);
    if (e.finish) j["end"] = format_rfc3339(*e.finish, zone);
    j["sources"] = strings(e.sources);
    if (!e.notes.empty()) j["notes"] = strings(e.notes);
    return j;
}

void collect_keys(const json& j, std::set<std::string>& keys) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it.key() == "sources" && it->is_array()) {
                for (const auto& k : *it) keys.insert(k.get<std::string>());
            } else {
                collect_keys(*it, keys);
            }
        }
    } else if (j.is_array()) {
        for (const auto& x : j) collect_keys(x, keys);
    }
}


json plan_json(const plan& p, zone_ref zone) {
    json doc = document("aftercare.plan/1", p.protocol(), p.treatment(), zone);
    doc["tier"] = p.tier();
    json entries = json::array();
    for (const entry& e : p.entries()) entries.push_back(entry_json(e, zone));
    doc["entries"] = std::move(entries);
    json notes = json::array();
    for (const plan_note& n : p.notes()) notes.push_back({{"code", n.code}, {"text", n.text}, {"sources", strings(n.sources)}});
    doc["notes"] = std::move(notes);
    return doc;
}

void add_used_sources(json& doc, const protocol& p) {
    std::set<std::string> keys;
    collect_keys(doc, keys);
    json sources = json::object();
    for (const auto& k : keys) {
        if (const source* s = p.find_source(k)) {
            sources[k] = {{"citation", s->citation}, {"url", s->url}, {"tier", s->tier}};
        }
    }
    doc["sources"] = std::move(sources);
}

std::string finish(json& doc, const protocol& p, const json_options& options) {
    add_used_sources(doc, p);
    return doc.dump(options.indent, ' ', false, json::error_handler_t::replace) + (options.indent >= 0 ? "\n" : "");
}


json seconds_as_hours(std::chrono::seconds s) {
    if (s.count() % 3600 == 0) return s.count() / 3600;
    return std::round(static_cast<double>(s.count()) / 36.0) / 100.0;  // to 0.01 h
}

json finding_json(const triage_finding& f) {
    return {{"rule", f.rule}, {"level", to_string(f.level)}, {"title", f.title}, {"reason", f.reason}, {"advice", f.advice},
            {"sources", strings(f.sources)}};
}

}  // namespace

std::string to_json_dom(const plan& p, const json_options& options) {
    json doc = plan_json(p, options.zone);
    return finish(doc, p.protocol(), options);
}

namespace {

// "2026-11-22T07:30:00": a wall-clock reading, without an offset.
std::string local_text(date::local_seconds t) {
    return format_rfc3339(date::sys_seconds{t.time_since_epoch()}).substr(0, 19);
}

}  // namespace

std::string to_json_dom(const reminder_schedule& s, const json_options& options) {
    zone_ref zone = s.zone();
    json doc = plan_json(s.plan(), options.zone != nullptr ? options.zone : zone);

    const routine_times& times = s.times();
    json settings;
    settings["time_zone"] = zone != nullptr ? json(zone->name()) : json(nullptr);
    settings["wake"] = format_time_of_day(times.wake);
    settings["bed"] = format_time_of_day(times.bed);
    json slots;
    for (routine_slot slot : all_values<routine_slot>()) slots[std::string(to_string(slot))] = format_time_of_day(times.at(slot));
    settings["slots"] = std::move(slots);
    const auto& treated_at = s.plan().treatment().treated_at;
    if (s.horizon() && treated_at) {
        settings["horizon"] = format_rfc3339(*s.horizon(), zone);
        settings["horizon_h"] = hours_json(std::chrono::duration_cast<std::chrono::minutes>(*s.horizon() - *treated_at));
    } else {
        settings["horizon"] = nullptr;
        settings["horizon_h"] = nullptr;
    }
    doc["reminder_settings"] = std::move(settings);

    const auto series = s.series();
    json reminders = json::array();
    for (const reminder& r : s.reminders()) {
        json j;
        j["code"] = r.code;
        j["kind"] = to_string(r.kind);
        j["anchor"] = to_string(r.anchor);
        j["title"] = r.title;
        j["text"] = r.text;
        j["at"] = format_rfc3339(r.at, zone);
        j["local"] = local_text(r.local);
        if (r.anchor == reminder_anchor::elapsed) j["due"] = format_rfc3339(r.due, zone);
        if (r.slot) j["slot"] = to_string(*r.slot);
        if (r.series) j["series"] = series[*r.series].code;
        if (!r.entry.empty()) j["entry"] = r.entry;
        if (r.window_end) j["window_end"] = format_rfc3339(*r.window_end, zone);
        j["sources"] = strings(r.sources);
        reminders.push_back(std::move(j));
    }
    doc["reminders"] = std::move(reminders);

    json all_series = json::array();
    for (const reminder_series& x : series) {
        json j;
        j["code"] = x.code;
        j["entry"] = x.entry;
        j["slot"] = to_string(x.slot);
        j["title"] = x.title;
        j["text"] = x.text;
        j["time_zone"] = zone != nullptr ? json(zone->name()) : json(nullptr);
        j["dtstart"] = local_text(x.first);
        j["rrule"] = rrule(x);
        j["count"] = x.count();
        json instants = json::array();
        for (date::sys_seconds at : x.instants) instants.push_back(format_rfc3339(at, zone));
        j["instants"] = std::move(instants);
        j["sources"] = strings(x.sources);
        all_series.push_back(std::move(j));
    }
    doc["series"] = std::move(all_series);

    return finish(doc, s.plan().protocol(), options);
}

std::string to_json_dom(const assessment& a, const json_options& options) {
    const plan& p = a.plan;
    const detail::protocol_data& d = p.protocol().data();
    zone_ref zone = options.zone;
    json doc = document("aftercare.triage/1", p.protocol(), p.treatment(), zone);
    doc["tier"] = p.tier();
    doc["level"] = to_string(a.level);
    doc["action"] = d.triage.actions[static_cast<std::size_t>(a.level)];
    json reports = json::array();
    for (const report_assessment& r : a.reports) {
        json j;
        j["symptom"] = to_string(r.report.symptom);
        j["symptom_title"] = d.symptoms[static_cast<std::size_t>(r.report.symptom)].title;
        j["seen_at"] = r.seen_at ? json(format_rfc3339(*r.seen_at, zone)) : json(nullptr);
        j["hours_after"] = seconds_as_hours(r.after);
        j["severity"] = r.report.severity ? json(to_string(*r.report.severity)) : json(nullptr);
        j["signs"] = codes(r.report.signs);
        j["level"] = to_string(r.level);
        j["rule"] = r.decided.rule;
        j["title"] = r.decided.title;
        j["reason"] = r.decided.reason;
        j["advice"] = r.decided.advice;
        j["raised_by_severity"] = r.raised_by_severity;
        if (r.window) {
            json w{{"effect", r.window->effect},
                    {"onset_h", hours_json(r.window->onset)},
                    {"typical_end_h", hours_json(r.window->typical_end)},
                    {"abnormal_after_h", hours_json(r.window->abnormal_after)}};
            if (const auto& t = p.treatment().treated_at) {
                w["typical_end"] = format_rfc3339(*t + r.window->typical_end, zone);
                w["abnormal_after"] = format_rfc3339(*t + r.window->abnormal_after, zone);
            }
            j["window"] = std::move(w);
        } else {
            j["window"] = nullptr;
        }
        json matched = json::array();
        for (const triage_finding& f : r.matched) matched.push_back(finding_json(f));
        j["matched"] = std::move(matched);
        j["sources"] = strings(r.decided.sources);
        reports.push_back(std::move(j));
    }
    doc["reports"] = std::move(reports);
    return finish(doc, p.protocol(), options);
}

std::string to_json_dom(const eligibility& e, const json_options& options) {
    json doc = document("aftercare.screening/1", e.protocol, e.treatment, options.zone);
    doc["as_of"] = format_date(e.as_of);
    doc["decision"] = to_string(e.decision);
    doc["earliest"] = e.earliest ? json(format_date(*e.earliest)) : json(nullptr);
    json findings = json::array();
    for (const screening_finding& f : e.findings) {
        json j;
        j["code"] = f.code;
        j["decision"] = to_string(f.decision);
        j["title"] = f.title;
        j["reason"] = f.reason;
        j["advice"] = f.advice;
        if (f.until) j["until"] = format_date(*f.until);
        if (f.wait) {
            static constexpr std::array<const char*, 3> units{"days", "months", "years"};
            j["wait"] = {{"count", f.wait->count}, {"unit", units[static_cast<std::size_t>(f.wait->in)]}};
        }
        j["basis"] = to_string(f.basis);
        if (!f.note.empty()) j["note"] = f.note;
        j["sources"] = strings(f.sources);
        findings.push_back(std::move(j));
    }
    doc["findings"] = std::move(findings);
    return finish(doc, e.protocol, options);
}

}  // namespace aftercare::reference
