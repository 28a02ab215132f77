// to_text for a reminder schedule: the plan's text with a "Reminders" section before the sources.
#include "aftercare/io/text.hpp"
#include "aftercare/time.hpp"
#include "io/text_common.hpp"
#include "io/text_toolkit.hpp"
#include "i18n/messages.hpp"

#include <array>
#include <cstdio>
#include <string>

namespace aftercare {

std::string to_text(const reminder_schedule& s, const text_options& options) {
    const zone_ref zone = s.zone();
    text_options plan_options = options;
    if (plan_options.zone == nullptr) plan_options.zone = zone;

    const detail::catalogue& w = detail::words_of(s.plan().protocol().data());
    std::string r = "\n" + std::string(w.text("text.heading.reminders"));
    if (zone == nullptr || !s.plan().treatment().treated_at) {
        r += "\n  " + std::string(w.text("text.reminders.none")) + "\n";
        return detail::plan_text(s.plan(), plan_options, r);
    }
    const routine_times& times = s.times();
    r += w.format("text.reminders.zone", {{"zone", zone->name()}, {"bed", w.time_of_day(times.bed)}, {"wake", w.time_of_day(times.wake)}}) + "\n";
    if (!s.series().empty()) {
        r += "  " + std::string(w.text("text.reminders.daily")) + "\n";
        for (const reminder_series& x : s.series()) {
            const date::local_seconds last = x.first + date::days{static_cast<int>(x.count()) - 1};
            r += detail::fitted_line(w.count("text.reminders.series", static_cast<std::int64_t>(x.count()),
                                             {{"time", w.time_of_day(times.at(x.slot))}, {"slot", w.word("slot", to_string(x.slot))}, {"title", x.title},
                                              {"first", w.day(date::floor<date::days>(x.first))}, {"last", w.day(date::floor<date::days>(last))}}),
                              "  - ", "    ");
        }
    }
    bool header = false;
    for (const reminder& m : s.reminders()) {
        if (m.series) continue;
        if (!header) {
            r += "  " + std::string(w.text("text.reminders.once")) + "\n";
            header = true;
        }
        std::string item = w.local(m.local) + " " + std::string(m.title);
        if (m.kind == reminder_kind::lifted) item += ": " + std::string(m.text);
        if (m.window_end) item += w.format("text.reminders.until", {{"until", w.local(to_local(*m.window_end, *zone))}});
        if (m.at != m.due) item += w.format("text.reminders.moved", {{"due", w.local(to_local(m.due, *zone))}});
        r += detail::fitted_line(item, "  - ", "    ");
    }
    return detail::plan_text(s.plan(), plan_options, r);
}

}  // namespace aftercare
