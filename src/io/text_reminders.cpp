// to_text for a reminder schedule: the plan's text with a "Reminders" section before the sources.
#include "aftercare/io/text.hpp"
#include "aftercare/time.hpp"
#include "io/text_common.hpp"
#include "io/text_toolkit.hpp"

#include <array>
#include <cstdio>
#include <string>

namespace aftercare {

using detail::day_text;
using detail::local_text;

std::string to_text(const reminder_schedule& s, const text_options& options) {
    const zone_ref zone = s.zone();
    text_options plan_options = options;
    if (plan_options.zone == nullptr) plan_options.zone = zone;

    std::string r = "\nReminders";
    if (zone == nullptr || !s.plan().treatment().treated_at) {
        r += "\n  None: reminders need the treatment time and the patient's time zone.\n";
        return detail::plan_text(s.plan(), plan_options, r);
    }
    const routine_times& times = s.times();
    r += " (local times in " + std::string(zone->name()) + "; quiet hours " + format_time_of_day(times.bed) + "–" +
         format_time_of_day(times.wake) + ")\n";
    if (!s.series().empty()) {
        r += "  Every day:\n";
        for (const reminder_series& x : s.series()) {
            const date::local_seconds last = x.first + date::days{static_cast<int>(x.count()) - 1};
            r += detail::fitted_line(format_time_of_day(times.at(x.slot)) + " (" + std::string(to_string(x.slot)) + ") " + std::string(x.title) + ", " +
                                  day_text(date::floor<date::days>(x.first)) + " to " + day_text(date::floor<date::days>(last)) + " (" +
                                  std::to_string(x.count()) + (x.count() == 1 ? " day)" : " days)"),
                              "  - ", "    ");
        }
    }
    bool header = false;
    for (const reminder& m : s.reminders()) {
        if (m.series) continue;
        if (!header) {
            r += "  Once:\n";
            header = true;
        }
        std::string item = local_text(m.local) + " " + std::string(m.title);
        if (m.kind == reminder_kind::lifted) item += ": " + std::string(m.text);
        if (m.window_end) item += " (until " + local_text(to_local(*m.window_end, *zone)) + ")";
        if (m.at != m.due) item += " (due " + local_text(to_local(m.due, *zone)) + ", moved out of quiet hours)";
        r += detail::fitted_line(item, "  - ", "    ");
    }
    return detail::plan_text(s.plan(), plan_options, r);
}

}  // namespace aftercare
