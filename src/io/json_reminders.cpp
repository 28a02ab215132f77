// to_json for a reminder schedule: the plan document plus reminder_settings, reminders and series.
#include "aftercare/io/json.hpp"
#include "aftercare/time.hpp"
#include "io/json_common.hpp"

#include <string>

namespace aftercare {

namespace {

using detail::json;
using detail::strings;

// "2026-11-22T07:30:00": a wall-clock reading, without an offset.
std::string local_text(date::local_seconds t) {
    return format_rfc3339(date::sys_seconds{t.time_since_epoch()}).substr(0, 19);
}

}  // namespace

std::string to_json(const reminder_schedule& s, const json_options& options) {
    const zone_ref zone = s.zone();
    json doc = detail::plan_json(s.plan(), options.zone != nullptr ? options.zone : zone);

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
        settings["horizon_h"] = detail::hours_json(std::chrono::duration_cast<std::chrono::minutes>(*s.horizon() - *treated_at));
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

    return detail::finish(doc, s.plan().protocol(), options);
}

}  // namespace aftercare
