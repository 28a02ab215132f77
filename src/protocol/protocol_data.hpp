// Private: the parsed protocol as flat, immutable structs. Filled once by protocol_parse.cpp,
// read by the evaluator and everything built on it. Not installed.
#pragma once

#include "aftercare/plan.hpp"
#include "aftercare/protocol.hpp"
#include "aftercare/screening.hpp"
#include "aftercare/types.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aftercare::detail {

struct catalogue;

using minutes = std::chrono::minutes;

inline constexpr std::size_t max_tiers = 8;
inline constexpr std::size_t max_modifiers = 64;  // per entry: applied modifiers are a 64-bit mask
inline constexpr std::uint16_t no_index = 0xffff;

/// A list of source keys, stored flat in protocol_data::source_keys.
struct source_span {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
};

/// A number with its evidence: one value, or one per depth tier.
template <class T>
struct cited {
    std::array<T, max_tiers> by_tier{};
    bool per_tier = false;
    std::optional<std::pair<T, T>> range;
    evidence_basis basis = evidence_basis::typical;
    source_span sources;
    std::string_view note;
    std::string_view pointer;  // JSON pointer, for messages and docs

    [[nodiscard]] T at(std::size_t tier) const noexcept { return by_tier[tier]; }
};

enum class point : std::uint8_t { onset, end, abnormal };

/// A time after the end of treatment: a cited number of hours, or a point of an earlier entry.
struct time_value {
    cited<minutes> literal;
    bool is_ref = false;
    std::uint16_t ref_entry = no_index;
    std::uint16_t ref_stage = no_index;  // global stage index, or no_index for the whole entry
    point ref_point = point::end;
    std::string_view pointer;
};

/// Which treatments something applies to. An empty set means "any".
struct condition {
    enum_set<device> devices;
    enum_set<area> areas;
    enum_set<adjunct> adjuncts;      // any of
    enum_set<history_flag> history;  // any of
    enum_set<indication> indications;
    std::uint8_t skin_types = 0;     // bit n set: Fitzpatrick n applies; 0: any
    std::optional<needle_depth> depth_over;  // applies only deeper than this (exclusive)
    std::optional<needle_depth> depth_max;   // applies only at most this deep (inclusive)

    [[nodiscard]] bool matches(const treatment& t) const noexcept;  // inline below: on make_plan's hot path
    [[nodiscard]] bool always() const noexcept;
};

inline bool condition::matches(const treatment& t) const noexcept {
    if (!devices.empty() && !devices.contains(t.device)) return false;
    if (!areas.empty() && !areas.contains(t.area)) return false;
    if (!adjuncts.empty() && !adjuncts.intersects(t.adjuncts)) return false;
    if (!history.empty() && !history.intersects(t.history)) return false;
    if (!indications.empty() && !(t.indication && indications.contains(*t.indication))) return false;
    if (depth_over && t.depth <= *depth_over) return false;
    if (depth_max && *depth_max < t.depth) return false;
    if (skin_types != 0) {
        const int s = t.skin_type.value();
        if (s < 1 || s > 6 || (skin_types & (1U << static_cast<unsigned>(s))) == 0) return false;
    }
    return true;
}

enum class target : std::uint8_t { onset, end, abnormal, stage_until, likelihood, interval };
enum class modifier_op : std::uint8_t { add, at_least, raise };

/// A personalisation: when `when` matches, change one value. Adds are never negative and
/// at-least only raises, so a modifier can never make a window shorter.
struct modifier {
    condition when;
    target field = target::end;
    std::uint8_t stage = 0;
    modifier_op op = modifier_op::at_least;
    minutes amount{0};
    likelihood raise_to = likelihood::rare;
    evidence_basis basis = evidence_basis::typical;
    source_span sources;
    std::string_view note;
    std::string_view pointer;
    // Filled by prepare_plans(): the entry's plan_sources then this modifier's, de-duplicated (what a
    // plan lists when this is the entry's only applied modifier, so make_plan copies nothing).
    source_span plan_sources_with;
};

struct stage_def {
    std::string_view code;        // "restriction.makeup.none"
    std::string_view short_code;  // "none"
    std::string_view text;
    std::string_view print_text;  // optional: a shorter `text` for the printed handout
    std::string_view lifted_text;
    time_value until;
};

/// Effects, restrictions, care, milestones and red flags, in that order (references point backwards).
struct entry_def {
    entry_kind kind = entry_kind::effect;
    std::string_view code;
    std::string_view title;
    std::string_view text;
    std::string_view print_text;  // optional: a shorter text for the printed handout (red flags: text and advice)
    std::string_view advice;   // red flags
    std::string_view pointer;
    condition when;
    source_span sources;
    std::optional<cited<likelihood>> likely;   // effects
    time_value onset;                          // red flags: from
    std::optional<time_value> end;             // effects: typical end; care/milestones/red flags: until
    std::optional<time_value> abnormal;        // effects
    std::vector<stage_def> stages;             // restrictions
    std::uint32_t first_stage = 0;             // index of stages[0] among all stages of the protocol
    reminder_mode remind = reminder_mode::none;
    enum_set<routine_slot> slots;
    // red flags
    triage_level level = triage_level::expected;
    enum_set<symptom> symptoms;                // empty: any symptom
    enum_set<sign> signs_all;
    enum_set<sign> signs_any;
    std::optional<severity> min_severity;
    std::uint16_t past_effect = no_index;      // "past": the effect whose abnormal point it follows
    std::vector<modifier> modifiers;
    // Filled after reading by prepare_plans() (src/plan/prepare.cpp), for make_plan to use as is:
    source_span plan_sources;  // sources, likelihood's and every time's (references followed), de-duplicated
    bool unconditional = false;  // `when` is always(): no need to match it per plan
    std::optional<std::pair<minutes, minutes>> end_range;  // the range the sources give for the end
};

struct note_def {
    std::string_view code;
    std::string_view text;
    condition when;
    evidence_basis basis = evidence_basis::typical;
    source_span sources;
    std::string_view pointer;
};

struct indication_def {
    bool present = false;
    cited<int> sessions;
    cited<minutes> interval;
    std::optional<cited<minutes>> interval_max;
    cited<minutes> assess_after_last;
    // Derived (prepare_plans): the milestones' sources when no course modifier applies, de-duplicated,
    // and (index i) when course modifier i alone does.
    source_span next_plan_sources, final_plan_sources;
    std::vector<source_span> next_plan_sources_with, final_plan_sources_with;
};

/// A course note (course.hpp): a change from a session on, for matching treatments.
struct course_change_def {
    std::string_view code, text, pointer;
    condition when;
    int from_session = 2;
    evidence_basis basis = evidence_basis::typical;
    source_span sources;
};

/// A results milestone of a course, counted from its first or its last session.
struct course_milestone_def {
    std::string_view code, title, text, pointer;
    condition when;
    bool after_last = false;
    cited<minutes> at;
    source_span sources;  // its own and at_h's
};

struct course_def {
    std::string_view next_title, next_text;
    source_span next_sources;
    std::string_view final_title, final_text;
    source_span final_sources;
    std::array<indication_def, 6> indications;
    /// Without an indication: the next session's window only (no count, no final assessment).
    std::optional<cited<minutes>> default_interval, default_interval_max;
    source_span default_next_plan_sources;  // derived, as an indication's next_plan_sources
    std::vector<source_span> default_next_plan_sources_with;  // and its next_plan_sources_with
    std::vector<modifier> modifiers;  // target::interval
    // plan_course: booking reminders, re-screening before each session, changes and milestones.
    std::string_view book_title, book_text, window_title, window_text;
    source_span book_sources;
    std::string_view rescreen_text, rescreen_note;
    enum_set<aftercare::condition> rescreen_conditions;
    bool rescreen_procedures = false;
    evidence_basis rescreen_basis = evidence_basis::synthesis;
    source_span rescreen_sources;
    std::vector<course_change_def> changes;
    std::vector<course_milestone_def> milestones;
};

struct symptom_def {
    std::string_view title;
    std::uint16_t effect = no_index;  // the effect entry whose window makes it expected
};

/// A check-in (reminders.hpp): an elapsed-time reminder that asks about the symptoms triage knows.
struct check_in_def {
    std::string_view code;       // "check_in.24h"
    std::string_view title;
    std::string_view text;
    std::string_view message;    // text, then the symptoms (titles) and signs it asks about
    std::string_view pointer;
    cited<minutes> at;           // after the end of treatment
    enum_set<symptom> symptoms;  // the symptoms it asks about; empty: every symptom
    source_span sources;         // its own and at_h's, de-duplicated
};

struct depth_limit {
    std::optional<needle_depth> min;
    std::optional<needle_depth> max;
    source_span sources;
};

// --- triage and screening (the "triage" and "screening" sections) ---------------------------

/// A fixed triage outcome ("triage.expected", "triage.severe", ...): its level, words and sources.
struct triage_outcome {
    std::string_view code;
    triage_level level = triage_level::expected;
    std::string_view title, text, advice, note;
    evidence_basis basis = evidence_basis::synthesis;
    source_span sources;
    std::string_view pointer;
};

/// One piece of the check-in questionnaire's wording (the "questions" section): its text and evidence.
struct question_def {
    std::string_view text;
    evidence_basis basis = evidence_basis::synthesis;
    source_span sources;
    std::string_view note;
    std::string_view pointer;
};

/// The check-in questions (checkin.hpp): the one-tap status, the symptoms triage knows, their
/// severity and signs, and free text. `help` is the outcome of an "I need help" answer.
struct questions_def {
    bool present = false;
    question_def status, symptoms, severity, signs, free_text;
    std::string_view fine_label, help_label;
    std::array<std::string_view, 3> severity_labels{};  // by severity
    triage_outcome help;                                // code "check_in.help"
};

/// A non-response rule (the "follow_up" section): due at `at` local time on day `day` (day 0 is the
/// local day treatment ended) when no check-in has been answered.
struct follow_up_rule {
    std::string_view code;  // "follow_up.nudge", "follow_up.clinic_task"
    std::string_view title, text;
    cited<int> day;
    minutes at{0};
    source_span sources;  // its own and day's, de-duplicated
    std::string_view pointer;
};

struct follow_up_def {
    bool present = false;
    follow_up_rule nudge, clinic_task;
    evidence_basis basis = evidence_basis::study;
    source_span sources;
    std::string_view note;
};

struct triage_def {
    bool present = false;
    std::array<std::string_view, 5> actions{};  // what to do, by triage_level
    source_span actions_sources;
    triage_outcome early, expected, settling, overdue, not_covered, severe;
    int severe_raise = 1;  // levels a severe report is raised by, at least
};

/// A screening rule: what a condition, a dated fact or the treatment itself means for eligibility.
struct screening_rule {
    std::string_view code;  // the finding's code: condition code, "isotretinoin_stopped", "radiotherapy", "age", treatment rule code
    std::string_view title, reason, advice, note;
    decision verdict = decision::proceed;
    detail::condition when;  // the treatment condition; always() when absent
    evidence_basis basis = evidence_basis::typical;
    source_span sources;
    std::optional<cited<int>> wait;  // days, months or years (wait_unit)
    wait_period::unit wait_unit = wait_period::unit::days;
    bool wait_from_as_of = false;    // condition rules: the wait counts from the screening date
    // Dated rules and age: what applies once the wait is over.
    bool has_after = false;
    decision after_verdict = decision::proceed;
    std::string_view after_reason, after_advice;
    std::string_view pointer;
};

struct screening_def {
    bool present = false;
    /// Per condition, the rules in order; the first whose `when` matches applies (the last has none).
    std::array<std::vector<screening_rule>, code_table<aftercare::condition>::codes.size()> conditions;
    std::optional<screening_rule> isotretinoin_stopped, radiotherapy, age;
    /// Per procedure, the rules in order (as for conditions); empty when the protocol has none.
    std::array<std::vector<screening_rule>, code_table<aftercare::procedure>::codes.size()> procedures;
    std::vector<screening_rule> treatment_rules;
};

/// One entry's numbers for one treatment (evaluate(), below).
struct window {
    minutes onset{0};
    std::optional<minutes> end;
    std::optional<minutes> abnormal;
    likelihood likely = likelihood::rare;
    std::uint64_t applied = 0;  // bit i: entries[k].modifiers[i] applied
};

struct protocol_data {
    std::string text;
    std::string origin;
    std::deque<std::string> strings;  // owns every string the views below point into

    std::string_view format, id, version, title, disclaimer;
    std::vector<source> sources;               // sorted by key
    std::vector<std::string_view> source_keys; // the flat store behind every source_span
    std::vector<depth_tier> tiers;
    std::vector<source_span> tier_sources;
    depth_limit depth;                          // min and max for all devices
    std::array<depth_limit, 3> device_depth;   // per device
    std::array<depth_limit, code_table<area>::codes.size()> area_depth;  // per area (max only)
    std::array<symptom_def, code_table<symptom>::codes.size()> symptoms{};
    std::array<std::string_view, code_table<sign>::codes.size()> signs{};
    std::vector<entry_def> entries;
    std::size_t stage_count = 0;
    std::vector<note_def> notes;
    course_def course;
    std::vector<check_in_def> check_ins;  // in file order
    triage_def triage;
    questions_def questions;
    follow_up_def follow_up;
    screening_def screening;

    // Filled after reading by prepare_plans() (src/plan/prepare.cpp):
    std::vector<std::pair<const char*, std::uint16_t>> source_by_address;  // key views -> index in sources, by address
    std::size_t plan_string_bound = 0;  // the most keys and notes a plan can add beyond the entries' plan_sources
    std::vector<std::uint16_t> modified_entries;  // the entries with modifiers, in order
    std::vector<std::vector<std::uint16_t>> refers_to;  // per entry: the (earlier) entries its times refer to
    std::vector<std::vector<std::uint16_t>> dependents; // per entry: the later entries resting on it, ascending; empty: too many to keep

    // Filled by prepare_plan_bases() (src/plan/plan.cpp) after prepare_plans(), and again for a
    // translation: per tier, each entry as make_plan writes it when no modifier applies, for a
    // treatment without a time (no start, finish or stage instants). A plan that no modifier
    // touches copies them. Valid for the protocol_data at `bases_of` only: a copy (its views point
    // into the original's strings) uses make_plan's general path until it has made its own.
    struct plan_base {
        std::vector<entry> entries;              // one per entry_def
        std::vector<stage> stages;               // entries[k].stages point here
        std::vector<std::uint8_t> lifts_at_once;  // a restriction lifted at once in this tier: in no plan
        std::vector<window> windows;             // the evaluation they come from, for a plan that
        std::vector<minutes> stage_until;        // re-evaluates only the entries a modifier touches
    };
    std::vector<plan_base> plan_bases;  // one per tier
    const protocol_data* bases_of = nullptr;

    // Languages (src/i18n/, docs/languages.md):
    std::string lang = "en";                        // the locale of the texts
    std::shared_ptr<const catalogue> words;         // the writers' words; null: English
    std::shared_ptr<const protocol_data> translated_from;  // localize(): the protocol translated, whose strings the copied views point into
    std::vector<std::shared_ptr<const catalogue>> catalogues;  // the protocol's own ("catalogues" section)

    std::string_view intern(std::string s) { return strings.emplace_back(std::move(s)); }
    [[nodiscard]] std::span<const std::string_view> keys(source_span s) const noexcept {
        return std::span<const std::string_view>(source_keys).subspan(s.first, s.count);
    }
    [[nodiscard]] std::uint16_t find_entry(std::string_view code) const noexcept;
    /// The index in `sources` of a key view from this protocol (by address, else by text); sources.size() if none.
    [[nodiscard]] std::size_t source_index(std::string_view key) const noexcept;
    [[nodiscard]] std::size_t tier_index(needle_depth d) const noexcept;  // tiers.size() if too deep
};

// --- evaluation: the numbers of a plan, before any text is attached --------------------------

struct course_window {
    bool has_indication = false;
    bool has_default = false;  // no indication: the protocol's default next-session window
    bool has_next = false;
    minutes next_earliest{0};
    std::optional<minutes> next_latest;
    minutes final_assessment{0};
    int sessions = 0;
    std::uint64_t applied = 0;  // bit i: course.modifiers[i] applied
};

struct evaluation {
    std::vector<window> windows;       // one per entry_def
    std::vector<minutes> stage_until;  // one per stage, already at least the previous stage's
    course_window course;
};

/// Computes every window of `p` for treatment `t` in tier `tier` into `out` (resized as needed,
/// so a caller that evaluates many treatments can reuse one buffer). Pure; never throws.
/// `with_modifiers` false: as if no modifier matched (what the plan bases are made of).
void evaluate(const protocol_data& p, const treatment& t, std::size_t tier, evaluation& out, bool with_modifiers = true);
/// One entry's window (and its stages' ends) into `out`, which already holds every earlier entry's.
void evaluate_entry(const protocol_data& p, const treatment& t, std::size_t tier, std::size_t k, evaluation& out, bool with_modifiers);
/// The course part of evaluate() alone (next session and final assessment), into `out`.
void evaluate_course(const protocol_data& p, const treatment& t, std::size_t tier, course_window& out);

/// Makes `p.plan_bases` for `p` (see there). Called after prepare_plans() and after translating.
void prepare_plan_bases(protocol_data& p);

/// Derives what make_plan copies as is: each entry's de-duplicated sources and end range, the
/// source index by key address, and the bound on a plan's extra strings. Called once per protocol.
void prepare_plans(protocol_data& p);

/// The value of a time (a literal for the tier, or the referenced point) within an evaluation.
[[nodiscard]] minutes resolve(const time_value& v, std::size_t tier, const evaluation& e) noexcept;

}  // namespace aftercare::detail
