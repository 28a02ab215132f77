// to_json for a reminder schedule: the plan document plus reminder_settings, reminders and series.
#include "aftercare/io/json.hpp"
#include "aftercare/time.hpp"
#include "io/json_common.hpp"
#include "io/json_into.hpp"

#include <string>

namespace aftercare {

namespace {

void write_settings(detail::document_writer& d, const reminder_schedule& s) {
    detail::json_writer& w = d.w;
    zone_ref zone = s.zone();
    const routine_times& times = s.times();
    w.key("reminder_settings");
    w.begin_object();
    w.key("time_zone");
    if (zone != nullptr) {
        w.string(zone->name());
    } else {
        w.null();
    }
    w.member("wake", format_time_of_day(times.wake));
    w.member("bed", format_time_of_day(times.bed));
    w.key("slots");
    w.begin_object();
    for (routine_slot slot : all_values<routine_slot>()) w.member(to_string(slot), format_time_of_day(times.at(slot)));
    w.end_object();
    const auto& treated_at = s.plan().treatment().treated_at;
    if (s.horizon() && treated_at) {
        w.key("horizon");
        w.instant(*s.horizon(), zone);
        w.key("horizon_h");
        d.hours(std::chrono::duration_cast<std::chrono::minutes>(*s.horizon() - *treated_at));
    } else {
        w.member_null("horizon");
        w.member_null("horizon_h");
    }
    w.end_object();
}

void write_reminders(detail::document_writer& d, const reminder_schedule& s) {
    detail::json_writer& w = d.w;
    zone_ref zone = s.zone();
    const auto series = s.series();
    w.key("reminders");
    w.begin_array();
    for (const reminder& r : s.reminders()) {
        w.begin_object();
        w.member("code", r.code);
        w.member("kind", to_string(r.kind));
        w.member("anchor", to_string(r.anchor));
        w.member("title", r.title);
        w.member("text", r.text);
        w.key("at");
        w.instant(r.at, zone);
        w.key("local");
        w.local(r.local);
        if (r.anchor == reminder_anchor::elapsed) {
            w.key("due");
            w.instant(r.due, zone);
        }
        if (r.slot) w.member("slot", to_string(*r.slot));
        if (r.series) w.member("series", series[*r.series].code);
        if (!r.entry.empty()) w.member("entry", r.entry);
        if (r.window_end) {
            w.key("window_end");
            w.instant(*r.window_end, zone);
        }
        d.sources(r.sources);
        w.end_object();
    }
    w.end_array();
}

void write_series(detail::document_writer& d, const reminder_schedule& s) {
    detail::json_writer& w = d.w;
    zone_ref zone = s.zone();
    w.key("series");
    w.begin_array();
    for (const reminder_series& x : s.series()) {
        w.begin_object();
        w.member("code", x.code);
        w.member("entry", x.entry);
        w.member("slot", to_string(x.slot));
        w.member("title", x.title);
        w.member("text", x.text);
        w.key("time_zone");
        if (zone != nullptr) {
            w.string(zone->name());
        } else {
            w.null();
        }
        w.key("dtstart");
        w.local(x.first);
        w.member("rrule", rrule(x));
        w.key("count");
        w.integer(static_cast<std::int64_t>(x.count()));
        w.key("instants");
        w.begin_array();
        for (date::sys_seconds at : x.instants) w.instant(at, zone);
        w.end_array();
        d.sources(x.sources);
        w.end_object();
    }
    w.end_array();
}

}  // namespace

std::size_t detail::write_json(const reminder_schedule& s, const json_options& options, json_storage& out) {
    const zone_ref entries_zone = options.zone != nullptr ? options.zone : s.zone();
    const plan& p = s.plan();
    detail::document_writer d(options, p.protocol(), 16384 + p.entries().size() * 1024 + s.reminders().size() * 512, out);
    d.head("aftercare.plan/1", p.treatment(), entries_zone);
    d.plan_body(p, entries_zone);
    write_settings(d, s);
    write_reminders(d, s);
    write_series(d, s);
    return std::move(d).finish_size();
}

std::string to_json(const reminder_schedule& s, const json_options& options) { return detail::json_string(s, options); }

}  // namespace aftercare
