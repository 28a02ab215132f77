// aftercare/plan.hpp — the personalised recovery plan for one treatment.
//
// make_plan() is a pure function of (treatment, protocol): what the skin will do and for how long,
// what to avoid and until when, what to do, the milestones of the course, and which findings are
// red flags. Every window is relative to the end of treatment, and absolute when treated_at is set.
//
//     using namespace aftercare::literals;
//     aftercare::treatment t;
//     t.device = aftercare::device::pen;
//     t.depth = 1.0_mm;
//     t.skin_type = aftercare::skin_type{3};
//     t.treated_at = date::sys_days{date::November / 21 / 2026} + std::chrono::hours{14};
//     const aftercare::plan p = aftercare::make_plan(t);
//     if (const auto* redness = p.find("effect.redness")) {
//         // redness->onset == 0h, redness->end == 48h (typical end), redness->abnormal_after == 168h
//     }
//     for (const aftercare::entry& e : p.entries()) { /* e.code, e.kind, e.text, e.sources ... */ }
//
// A plan is an immutable value that shares its data between copies; entries, stages, notes and the
// string_views in them stay valid as long as any copy of the plan lives (the accessors are deleted on
// temporaries, so a view into a plan that is about to die does not compile). Thread-safe.
#pragma once

#include <aftercare/protocol.hpp>
#include <aftercare/types.hpp>

#include <date/date.h>

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

namespace aftercare {

namespace detail {
struct plan_data;
}

// ---------------------------------------------------------------------------------------------
// Interface
// ---------------------------------------------------------------------------------------------

/// A step of a restriction that lifts in stages (makeup: none, then mineral only, then normal).
struct stage {
    std::string_view code;         // "restriction.makeup.mineral_only"
    std::string_view text;         // what applies during the stage
    std::string_view lifted_text;  // what the patient may do once it ends
    std::chrono::minutes until{0}; // when the stage ends, after the end of treatment
    std::optional<date::sys_seconds> until_at;  // the same, as an instant, when treated_at is known
};

/// One line of the plan. Which fields are meaningful depends on `kind`:
///
/// | kind        | onset               | end                 | also                                 |
/// |-------------|---------------------|---------------------|--------------------------------------|
/// | effect      | when it starts      | its typical end     | abnormal_after, likely               |
/// | restriction | 0                   | when it fully lifts | stages                               |
/// | care        | first time          | last time (or none) | remind, slots                        |
/// | milestone   | at / window opens   | window closes       | remind                               |
/// | red_flag    | from when it applies| until (or none)     | level, symptoms, advice              |
struct entry {
    std::string_view code;                 // stable dotted code: "effect.redness"
    entry_kind kind = entry_kind::effect;
    std::string_view title;
    std::string_view text;
    std::chrono::minutes onset{0};
    std::optional<std::chrono::minutes> end;
    /// The range the sources give for `end`, when the protocol records one.
    std::optional<std::pair<std::chrono::minutes, std::chrono::minutes>> end_range;
    std::optional<std::chrono::minutes> abnormal_after;   // effects
    std::optional<likelihood> likely;                     // effects
    std::span<const stage> stages;                        // restrictions, only the non-empty ones
    reminder_mode remind = reminder_mode::none;           // care, milestones
    enum_set<routine_slot> slots;                         // care: the daily routine times
    std::optional<triage_level> level;                    // red flags
    enum_set<symptom> symptoms;                           // red flags
    std::string_view advice;                              // red flags: what to do
    std::optional<date::sys_seconds> start;               // treated_at + onset
    std::optional<date::sys_seconds> finish;              // treated_at + end
    std::span<const std::string_view> sources;            // source keys, de-duplicated
    std::span<const std::string_view> notes;              // why this entry differs for this treatment
};

/// A note about the whole plan for this treatment (an evidence gap, a labeling caution).
struct plan_note {
    std::string_view code;
    std::string_view text;
    std::span<const std::string_view> sources;
};

class plan {
public:
    [[nodiscard]] std::span<const entry> entries() const& noexcept;
    /// The entry with `code`, or nullptr.
    [[nodiscard]] const entry* find(std::string_view code) const& noexcept;
    [[nodiscard]] std::span<const plan_note> notes() const& noexcept;
    /// The depth tier the treatment fell in ("moderate").
    [[nodiscard]] std::string_view tier() const& noexcept;
    [[nodiscard]] const aftercare::treatment& treatment() const& noexcept;
    [[nodiscard]] const aftercare::protocol& protocol() const& noexcept;

    // Views into a temporary plan would dangle (`for (auto& e : make_plan(t).entries())` reads freed
    // memory), so these do not compile on an rvalue: keep the plan in a variable first.
    std::span<const entry> entries() const&& = delete;
    const entry* find(std::string_view) const&& = delete;
    std::span<const plan_note> notes() const&& = delete;
    std::string_view tier() const&& = delete;
    const aftercare::treatment& treatment() const&& = delete;
    const aftercare::protocol& protocol() const&& = delete;

    /// For the library's own use.
    explicit plan(std::shared_ptr<const detail::plan_data> data) noexcept;
    [[nodiscard]] const detail::plan_data& data() const noexcept { return *data_; }

private:
    std::shared_ptr<const detail::plan_data> data_;
};

/// Checks `t` against the protocol's limits. Throws invalid_value naming the field: depth not
/// above 0 or outside the protocol's span, a device's own depth limit (a home roller deeper than
/// 0.5 mm), a skin type outside I–VI, a session below 1, an enumerator out of range.
void check_treatment(const treatment& t, const protocol& p = default_protocol());

/// The plan for `t` under protocol `p`. Pure and thread-safe.
/// Throws invalid_value as check_treatment does.
[[nodiscard]] plan make_plan(const treatment& t, const protocol& p = default_protocol());

}  // namespace aftercare
