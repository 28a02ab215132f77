// schedule(): a plan's reminders at the patient's local times (docs/reminders.md).
#include "aftercare/reminders.hpp"

#include "aftercare/error.hpp"
#include "aftercare/time.hpp"
#include "protocol/protocol_data.hpp"
#include "reminders/schedule_data.hpp"
#include "time/zone_cache.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <memory>
#include <vector>

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

namespace {

// One schedule being built: the named steps of schedule() below, in order. Every vector and the
// text arena are sized first (measure()), so a schedule allocates a fixed handful of times.
class schedule_builder {
public:
    schedule_builder(const aftercare::plan& p, const preferences& prefs, const routine_times& times,
                     std::shared_ptr<detail::schedule_data> out)
        : p_(p), prefs_(prefs), times_(times), d_(p.protocol().data()), t0_(*p.treatment().treated_at), out_(std::move(out)),
          text_(out_->arena), zone_(*prefs.zone) {
        while (tier_ + 1 < d_.tiers.size() && d_.tiers[tier_].id != p.tier()) ++tier_;
    }

    /// Sizes every buffer and sets the horizon (given, else the end of care or the next course point).
    void measure() {
        minutes end_of_care{0};
        std::optional<minutes> next_course_point;
        std::size_t arena_size = 0, reminder_estimate = d_.check_ins.size(), series_count = 0;
        for (const entry& e : p_.entries()) {
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
        for (const auto& c : d_.check_ins) end_of_care = std::max(end_of_care, c.at.at(tier_));
        const minutes horizon = prefs_.horizon.value_or(std::max(end_of_care, next_course_point.value_or(0min)));
        horizon_at_ = t0_ + horizon;
        out_->horizon = horizon_at_;
        // Every time converted lies within a day of the treatment and the horizon (a slot's day
        // starts before its onset; a series stops on the first day past its end).
        zone_.cover(t0_ - one_day, horizon_at_ + one_day);
        out_->arena.reserve(arena_size);
        made_.reminders.clear();
        made_.reminders.reserve(reminder_estimate);
        out_->series.reserve(series_count);
        out_->instants.reserve(reminder_estimate);
        made_.series_first.clear();
        made_.series_first.reserve(series_count);
    }

    /// One reminder per entry (a series of daily ones, one at a slot, or one after elapsed time).
    void add_entries() {
        for (const entry& e : p_.entries()) {
            if (e.kind == entry_kind::restriction) {
                add_lifts(e);
            } else if ((e.kind == entry_kind::care || e.kind == entry_kind::milestone) && e.remind != reminder_mode::none) {
                if (e.remind == reminder_mode::daily) {
                    add_daily(e);
                } else {
                    add_once(e);
                }
            }
        }
    }

    /// The protocol's check-ins, at their hours for the plan's tier.
    void add_check_ins() {
        for (const detail::check_in_def& c : d_.check_ins) {
            reminder r;
            r.code = c.code;
            r.kind = reminder_kind::check_in;
            r.title = c.title;
            r.text = c.message;
            r.sources = d_.keys(c.sources);
            elapsed(r, t0_ + c.at.at(tier_));
        }
    }

    /// The series' spans, now that the instants are final, and the reminders in time order.
    reminder_schedule finish() && {
        for (std::size_t i = 0; i < out_->series.size(); ++i) {
            const std::vector<std::size_t>& firsts = made_.series_first;
            const std::size_t first = firsts[i];
            const std::size_t last = i + 1 < firsts.size() ? firsts[i + 1] : out_->instants.size();
            out_->series[i].instants = std::span<const date::sys_seconds>(out_->instants).subspan(first, last - first);
        }
        // In time order: (at, kind, code) is unique within a schedule (one series per code, one-offs
        // have distinct codes). Their keys are sorted, not the reminders (~150 bytes each), which are
        // then copied once, in that order, into a vector of their number.
        const std::vector<reminder>& made = made_.reminders;
        std::vector<order>& keys = made_.keys;
        keys.clear();
        keys.reserve(made.size());
        for (std::size_t i = 0; i < made.size(); ++i) keys.push_back(order{made[i].at, made[i].kind, static_cast<std::uint32_t>(i)});
        std::sort(keys.begin(), keys.end(), [&made](const order& a, const order& b) {
            if (a.at != b.at) return a.at < b.at;
            if (a.kind != b.kind) return a.kind < b.kind;
            return made[a.index].code < made[b.index].code;
        });
        out_->reminders.reserve(made.size());
        for (const order& k : keys) out_->reminders.push_back(made[k.index]);
        return reminder_schedule{std::move(out_)};
    }

private:
    /// A restriction's stages: a reminder when each lifts.
    void add_lifts(const entry& e) {
        for (const stage& s : e.stages) {
            reminder r;
            r.code = text_.add(s.code, lifted_suffix);
            r.kind = reminder_kind::lifted;
            r.title = e.title;
            r.text = s.lifted_text;
            r.entry = e.code;
            r.sources = e.sources;
            elapsed(r, t0_ + s.until);
        }
    }

    reminder entry_reminder(const entry& e) const {
        reminder r;
        r.kind = e.kind == entry_kind::care ? reminder_kind::routine : reminder_kind::milestone;
        r.title = e.title;
        r.text = e.text;
        r.entry = e.code;
        r.sources = e.sources;
        return r;
    }

    /// A daily care step: one series per slot, each day at the slot's wall-clock time until its end.
    void add_daily(const entry& e) {
        if (!e.end) return;  // the parser requires an end for daily reminders
        reminder r = entry_reminder(e);
        const date::sys_seconds end = t0_ + *e.end;
        for (routine_slot slot : e.slots) {
            date::local_days day;
            date::sys_seconds at = first_slot(t0_ + e.onset, slot, day);
            if (!(at < end && at <= horizon_at_)) continue;
            reminder_series x;
            x.code = text_.add(e.code, std::string_view("."), to_string(slot));
            x.title = e.title;
            x.text = e.text;
            x.entry = e.code;
            x.slot = slot;
            x.first = day + times_.at(slot);
            x.sources = e.sources;
            const std::size_t index = out_->series.size();
            made_.series_first.push_back(out_->instants.size());
            out_->series.push_back(x);
            r.code = x.code;
            r.anchor = reminder_anchor::wall_clock;
            r.slot = slot;
            r.series = index;
            while (at < end && at <= horizon_at_) {
                out_->instants.push_back(at);
                r.at = at;
                r.due = at;
                r.local = zone_.to_local(at);
                made_.reminders.push_back(r);
                day += date::days{1};
                at = zone_.to_utc(day + times_.at(slot));
            }
        }
    }

    /// Once: at the first slot time from its onset, or `onset` after treatment.
    void add_once(const entry& e) {
        reminder r = entry_reminder(e);
        r.code = e.code;
        if (e.kind == entry_kind::milestone && e.end) r.window_end = t0_ + *e.end;
        if (e.slots.empty()) {
            elapsed(r, t0_ + e.onset);
            return;
        }
        const routine_slot slot = *e.slots.begin();
        date::local_days day;
        const date::sys_seconds at = first_slot(t0_ + e.onset, slot, day);
        if (at > horizon_at_) return;
        r.anchor = reminder_anchor::wall_clock;
        r.slot = slot;
        r.at = at;
        r.due = at;
        r.local = zone_.to_local(at);
        made_.reminders.push_back(r);
    }

    /// An elapsed-time reminder due in quiet hours [bed, wake) moves to the next wake time.
    date::sys_seconds out_of_quiet_hours(date::sys_seconds due) {
        const date::local_seconds local = zone_.to_local(due);
        const date::local_days day = date::floor<date::days>(local);
        const auto time_of_day = local - day;
        date::local_seconds wake_at;
        if (time_of_day >= times_.bed) {
            wake_at = day + date::days{1} + times_.wake;
        } else if (time_of_day < times_.wake) {
            wake_at = day + times_.wake;
        } else {
            return due;
        }
        date::sys_seconds at = zone_.to_utc(wake_at);
        if (at < due) {
            // The wake time is ambiguous and its earlier reading is before `due` (which is in the
            // repeated hour): the later reading is the next wake time.
            at = date::sys_seconds{wake_at.time_since_epoch() - prefs_.zone->get_info(wake_at).second.offset};
        }
        return at;
    }

    void elapsed(reminder r, date::sys_seconds due) {
        if (due > horizon_at_) return;
        r.anchor = reminder_anchor::elapsed;
        r.due = due;
        r.at = out_of_quiet_hours(due);
        r.local = zone_.to_local(r.at);
        made_.reminders.push_back(r);
    }

    /// The first time the slot's wall-clock time comes at or after `from`.
    date::sys_seconds first_slot(date::sys_seconds from, routine_slot slot, date::local_days& day) {
        day = date::floor<date::days>(zone_.to_local(from));
        date::sys_seconds at = zone_.to_utc(day + times_.at(slot));
        if (at < from) {
            day += date::days{1};
            at = zone_.to_utc(day + times_.at(slot));
        }
        return at;
    }

    // A reminder's sort key: its instant, kind and place in the order made.
    struct order {
        date::sys_seconds at;
        reminder_kind kind;
        std::uint32_t index;
    };
    // The reminders as they are made, their keys and the series' first instants: this thread's,
    // kept between schedules so none is allocated again (taken while in use, so a schedule made
    // inside a host zone source's callback would only allocate its own).
    struct scratch {
        std::vector<reminder> reminders;
        std::vector<order> keys;
        std::vector<std::size_t> series_first;  // each series' first index in the instants
    };
    static scratch& thread_scratch() {
        thread_local scratch s;
        return s;
    }
    class taken_scratch : public scratch {
    public:
        taken_scratch() : scratch(std::move(thread_scratch())) {}
        taken_scratch(const taken_scratch&) = delete;
        taken_scratch& operator=(const taken_scratch&) = delete;
        ~taken_scratch() {
            if (reminders.capacity() <= 1024) thread_scratch() = std::move(static_cast<scratch&>(*this));  // kept up to ~150 kB; a long horizon's let go
        }
    };

    const aftercare::plan& p_;
    const preferences& prefs_;
    const routine_times& times_;
    const detail::protocol_data& d_;
    const date::sys_seconds t0_;
    std::shared_ptr<detail::schedule_data> out_;
    arena text_;
    detail::zone_cache zone_;
    std::size_t tier_ = 0;
    date::sys_seconds horizon_at_{};
    taken_scratch made_;
};

}  // namespace

reminder_schedule schedule(const aftercare::plan& p, const preferences& prefs) {
    const routine_times times = resolve_times(prefs);
    auto out = std::make_shared<detail::schedule_data>(p);
    out->times = times;
    out->zone = prefs.zone;
    if (!p.treatment().treated_at) return reminder_schedule{std::move(out)};
    if (prefs.zone == nullptr) {
        reject("zone", "none", "an IANA time-zone name",
               "zone is required: the plan has a treatment time, and reminders are at the patient's local times");
    }
    schedule_builder b(p, prefs, times, std::move(out));
    b.measure();
    b.add_entries();
    b.add_check_ins();
    return std::move(b).finish();
}

}  // namespace aftercare
