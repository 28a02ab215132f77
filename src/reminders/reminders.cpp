// schedule(): a plan's reminders at the patient's local times (docs/reminders.md).
#include "aftercare/reminders.hpp"

#include "aftercare/error.hpp"
#include "aftercare/time.hpp"
#include "protocol/protocol_data.hpp"
#include "reminders/schedule_data.hpp"
#include "time/zone_cache.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <tuple>

namespace aftercare {

namespace {

using std::chrono::minutes;
using namespace std::chrono_literals;

constexpr minutes one_day{24 * 60};

std::string time_text(minutes m) {
    if (m >= 0min && m < one_day) return format_time_of_day(m);
    return std::to_string(m.count()) + " min";
}

[[noreturn]] void reject(std::string field, std::string value, std::string allowed, const std::string& message) {
    throw invalid_value(std::move(field), std::move(value), std::move(allowed), message);
}

void check_time_of_day(minutes m, const char* field) {
    if (m < 0min || m >= one_day) {
        reject(field, time_text(m), "00:00–23:59", std::string(field) + " " + time_text(m) + " is not a time of day 00:00–23:59");
    }
}

minutes slot_time(const std::optional<minutes>& given, const char* field, minutes fallback, const preferences& p) {
    if (!given) return std::clamp(fallback, p.wake, p.bed - 1min);
    check_time_of_day(*given, field);
    if (*given < p.wake || *given >= p.bed) {
        const std::string hours = time_text(p.wake) + "–" + time_text(p.bed);
        reject(field, time_text(*given), "a time within waking hours " + hours,
               std::string(field) + " " + time_text(*given) + " is outside waking hours " + hours + " (wake to bed)");
    }
    return *given;
}

// The composed strings of a schedule live in one buffer whose size is known before it is filled,
// so the views into it never move.
class arena {
public:
    explicit arena(std::string& buffer) : buf_(buffer) {}
    template <class... Parts>
    std::string_view add(const Parts&... parts) {
        const std::size_t start = buf_.size();
        const auto capacity = buf_.capacity();
        (buf_.append(parts), ...);
        if (buf_.capacity() != capacity) throw std::logic_error("aftercare: schedule arena was measured too small");
        return std::string_view(buf_).substr(start);
    }

private:
    std::string& buf_;
};

constexpr std::string_view lifted_suffix = ".lifted";

bool is_course_milestone(std::string_view code) { return code == "milestone.next_session" || code == "milestone.final_assessment"; }

}  // namespace

std::string rrule(const reminder_series& s) { return "FREQ=DAILY;COUNT=" + std::to_string(s.count()); }

routine_times resolve_times(const preferences& p) {
    check_time_of_day(p.wake, "wake");
    check_time_of_day(p.bed, "bed");
    if (p.wake >= p.bed) {
        reject("wake", time_text(p.wake), "a time before bed " + time_text(p.bed),
               "wake " + time_text(p.wake) + " is not before bed " + time_text(p.bed) + " (both are times of the same day, wake first)");
    }
    routine_times r;
    r.wake = p.wake;
    r.bed = p.bed;
    const minutes morning = slot_time(p.morning, "morning", p.wake + 30min, p);
    const minutes evening = slot_time(p.evening, "evening", p.bed - 90min, p);
    const minutes bedtime = slot_time(p.bedtime, "bedtime", p.bed - 30min, p);
    const minutes lo = std::min(morning, evening), hi = std::max(morning, evening);
    const minutes midday = slot_time(p.midday, "midday", lo < 13h && 13h < hi ? minutes{13h} : lo + (hi - lo) / 2, p);
    if (p.morning && p.evening && *p.evening <= *p.morning) {
        reject("morning", time_text(morning), "a time before evening " + time_text(evening),
               "morning " + time_text(morning) + " is not before evening " + time_text(evening) + " (the morning routine comes first)");
    }
    r.slots = {morning, midday, evening, bedtime};
    if (p.horizon && *p.horizon < 0min) {
        const std::string v = std::to_string(p.horizon->count()) + " min";
        reject("horizon", v, "0 or more", "horizon " + v + " is negative; it is how long after the treatment reminders are given");
    }
    if (p.horizon && *p.horizon > max_after) {
        const std::string v = std::to_string(p.horizon->count() / 60) + " h";
        reject("horizon", v, "0 to 87840 h (ten years)", "horizon " + v + " is more than ten years (87840 h) after the treatment");
    }
    return r;
}

reminder_schedule::reminder_schedule(std::shared_ptr<const detail::schedule_data> data) noexcept : data_(std::move(data)) {}
std::span<const reminder> reminder_schedule::reminders() const& noexcept { return data_->reminders; }
std::span<const reminder_series> reminder_schedule::series() const& noexcept { return data_->series; }
const plan& reminder_schedule::plan() const& noexcept { return data_->plan; }
zone_ref reminder_schedule::zone() const noexcept { return data_->zone; }
const routine_times& reminder_schedule::times() const noexcept { return data_->times; }
std::optional<date::sys_seconds> reminder_schedule::horizon() const noexcept { return data_->horizon; }

reminder_schedule schedule(const aftercare::plan& p, const preferences& prefs) {
    const routine_times times = resolve_times(prefs);
    auto out = std::make_shared<detail::schedule_data>(p);
    out->times = times;
    out->zone = prefs.zone;
    const treatment& t = p.treatment();
    if (!t.treated_at) return reminder_schedule{std::move(out)};
    if (prefs.zone == nullptr) {
        reject("zone", "none", "an IANA time-zone name",
               "zone is required: the plan has a treatment time, and reminders are at the patient's local times");
    }
    const detail::protocol_data& d = p.protocol().data();
    const date::sys_seconds t0 = *t.treated_at;
    std::size_t tier = 0;
    while (tier + 1 < d.tiers.size() && d.tiers[tier].id != p.tier()) ++tier;

    // --- sizes, and the default horizon -------------------------------------------------------
    minutes end_of_care{0};
    std::optional<minutes> next_course_point;
    std::size_t arena_size = 0, reminder_estimate = d.check_ins.size(), series_count = 0;
    for (const entry& e : p.entries()) {
        if (e.kind == entry_kind::restriction) {
            end_of_care = std::max(end_of_care, e.end.value_or(0min));
            for (const stage& s : e.stages) arena_size += s.code.size() + lifted_suffix.size();
            reminder_estimate += e.stages.size();
        } else if ((e.kind == entry_kind::care || e.kind == entry_kind::milestone) && e.remind != reminder_mode::none) {
            if (e.remind == reminder_mode::daily && e.end) {
                end_of_care = std::max(end_of_care, *e.end);
                const auto days = static_cast<std::size_t>((*e.end - e.onset) / one_day) + 2;
                for (routine_slot s : e.slots) arena_size += e.code.size() + 1 + to_string(s).size();
                series_count += e.slots.size();
                reminder_estimate += days * e.slots.size();
            } else if (is_course_milestone(e.code)) {
                if (!next_course_point || e.code == "milestone.next_session") next_course_point = e.onset;
                ++reminder_estimate;
            } else {
                // A one-off at a slot comes at most a day after its onset.
                end_of_care = std::max(end_of_care, e.onset + (e.slots.empty() ? 0min : one_day));
                ++reminder_estimate;
            }
        }
    }
    for (const auto& c : d.check_ins) end_of_care = std::max(end_of_care, c.at.at(tier));
    const minutes horizon = prefs.horizon.value_or(std::max(end_of_care, next_course_point.value_or(0min)));
    const date::sys_seconds horizon_at = t0 + horizon;
    out->horizon = horizon_at;
    out->arena.reserve(arena_size);
    out->reminders.reserve(reminder_estimate);
    out->series.reserve(series_count);
    out->instants.reserve(reminder_estimate);
    arena text(out->arena);
    detail::zone_cache zone(*prefs.zone);

    // An elapsed-time reminder due in quiet hours [bed, wake) moves to the next wake time.
    auto out_of_quiet_hours = [&](date::sys_seconds due) {
        const date::local_seconds local = zone.to_local(due);
        const date::local_days day = date::floor<date::days>(local);
        const auto time_of_day = local - day;
        date::local_seconds wake_at;
        if (time_of_day >= times.bed) {
            wake_at = day + date::days{1} + times.wake;
        } else if (time_of_day < times.wake) {
            wake_at = day + times.wake;
        } else {
            return due;
        }
        date::sys_seconds at = zone.to_utc(wake_at);
        if (at < due) {
            // The wake time is ambiguous and its earlier reading is before `due` (which is in the
            // repeated hour): the later reading is the next wake time.
            at = date::sys_seconds{wake_at.time_since_epoch() - prefs.zone->get_info(wake_at).second.offset};
        }
        return at;
    };
    auto elapsed = [&](reminder r, date::sys_seconds due) {
        if (due > horizon_at) return;
        r.anchor = reminder_anchor::elapsed;
        r.due = due;
        r.at = out_of_quiet_hours(due);
        r.local = zone.to_local(r.at);
        out->reminders.push_back(r);
    };
    // The first time the slot's wall-clock time comes at or after `from`.
    auto first_slot = [&](date::sys_seconds from, routine_slot slot, date::local_days& day) {
        day = date::floor<date::days>(zone.to_local(from));
        date::sys_seconds at = zone.to_utc(day + times.at(slot));
        if (at < from) {
            day += date::days{1};
            at = zone.to_utc(day + times.at(slot));
        }
        return at;
    };

    std::vector<std::size_t> series_first;  // first instant index of each series
    series_first.reserve(series_count);

    for (const entry& e : p.entries()) {
        if (e.kind == entry_kind::restriction) {
            for (const stage& s : e.stages) {
                reminder r;
                r.code = text.add(s.code, lifted_suffix);
                r.kind = reminder_kind::lifted;
                r.title = e.title;
                r.text = s.lifted_text;
                r.entry = e.code;
                r.sources = e.sources;
                elapsed(r, t0 + s.until);
            }
            continue;
        }
        if ((e.kind != entry_kind::care && e.kind != entry_kind::milestone) || e.remind == reminder_mode::none) continue;
        reminder r;
        r.kind = e.kind == entry_kind::care ? reminder_kind::routine : reminder_kind::milestone;
        r.title = e.title;
        r.text = e.text;
        r.entry = e.code;
        r.sources = e.sources;
        if (e.remind == reminder_mode::daily) {
            if (!e.end) continue;  // the parser requires an end for daily reminders
            const date::sys_seconds end = t0 + *e.end;
            for (routine_slot slot : e.slots) {
                date::local_days day;
                date::sys_seconds at = first_slot(t0 + e.onset, slot, day);
                if (!(at < end && at <= horizon_at)) continue;
                reminder_series x;
                x.code = text.add(e.code, std::string_view("."), to_string(slot));
                x.title = e.title;
                x.text = e.text;
                x.entry = e.code;
                x.slot = slot;
                x.first = day + times.at(slot);
                x.sources = e.sources;
                const std::size_t index = out->series.size();
                series_first.push_back(out->instants.size());
                out->series.push_back(x);
                r.code = x.code;
                r.anchor = reminder_anchor::wall_clock;
                r.slot = slot;
                r.series = index;
                while (at < end && at <= horizon_at) {
                    out->instants.push_back(at);
                    r.at = at;
                    r.due = at;
                    r.local = zone.to_local(at);
                    out->reminders.push_back(r);
                    day += date::days{1};
                    at = zone.to_utc(day + times.at(slot));
                }
            }
            continue;
        }
        // Once: at the first slot time from its onset, or `onset` after treatment.
        r.code = e.code;
        if (e.kind == entry_kind::milestone && e.end) r.window_end = t0 + *e.end;
        if (!e.slots.empty()) {
            const routine_slot slot = *e.slots.begin();
            date::local_days day;
            const date::sys_seconds at = first_slot(t0 + e.onset, slot, day);
            if (at > horizon_at) continue;
            r.anchor = reminder_anchor::wall_clock;
            r.slot = slot;
            r.at = at;
            r.due = at;
            r.local = zone.to_local(at);
            out->reminders.push_back(r);
        } else {
            elapsed(r, t0 + e.onset);
        }
    }

    for (const detail::check_in_def& c : d.check_ins) {
        reminder r;
        r.code = c.code;
        r.kind = reminder_kind::check_in;
        r.title = c.title;
        r.text = c.message;
        r.sources = d.keys(c.sources);
        elapsed(r, t0 + c.at.at(tier));
    }

    // The series' spans, now that the instants are final.
    for (std::size_t i = 0; i < out->series.size(); ++i) {
        const std::size_t first = series_first[i];
        const std::size_t last = i + 1 < series_first.size() ? series_first[i + 1] : out->instants.size();
        out->series[i].instants = std::span<const date::sys_seconds>(out->instants).subspan(first, last - first);
    }
    // (at, kind, code) is unique within a schedule: one series per code, one-offs have distinct codes.
    std::sort(out->reminders.begin(), out->reminders.end(), [](const reminder& a, const reminder& b) {
        return std::tie(a.at, a.kind, a.code) < std::tie(b.at, b.kind, b.code);
    });
    return reminder_schedule{std::move(out)};
}

}  // namespace aftercare
