// aftercare/screening.hpp — eligibility screening before a treatment: contraindications and cautions.
//
// screen(history, treatment, as_of) checks the patient's conditions and dated history against the
// protocol's screening rules and decides, for the planned treatment, whether to proceed:
//
//     aftercare::patient_history h;
//     h.conditions = {aftercare::condition::cold_sore_history, aftercare::condition::tan};
//     h.isotretinoin_stopped = date::year_month_day{date::year{2026} / date::July / 31};
//     h.birth_date = date::year_month_day{date::year{1990} / date::March / 2};
//     h.procedures = {{aftercare::procedure::filler, date::year{2026} / date::November / 14}};  // +14 d
//     const aftercare::eligibility e = aftercare::screen(h, t, date::year{2026} / date::November / 21);
//     // e.decision == decision::defer and e.earliest == 2027-01-31: isotretinoin needs 6 months after
//     // the last dose (until 2027-01-31), a tan 14 days (until 2026-12-05); cold-sore history is a
//     // caution with antiviral advice; 36 years old is within the authorised ages (proceed).
//     for (const aftercare::screening_finding& f : e.findings) {
//         // f.code ("isotretinoin_stopped"), f.decision, f.reason, f.advice, f.until, f.sources
//     }
//
// Decisions, in increasing order: proceed < caution < needs_clearance (a named clinician must sign
// off) < defer (not now; `until` gives the earliest date when it is known) < do_not_treat. The
// overall decision is the highest finding's. Every rule is protocol data with its sources
// (docs/screening.md lists them all); a rule can depend on the treatment (pacemaker: RF only).
//
// Waits, precisely:
// * days: as_of or the given date plus that many days;
// * months and years: calendar months (years are 12 months) added to the date; when the day does
//   not exist in the resulting month (31 August + 6 months, 29 February + 1 year) it is the first
//   day of the following month — never earlier than the full wait;
// * `until` is the first day the finding no longer applies: on that day the wait is over.
// A wait counted from a date the history does not give (how old a scar is) has no `until`.
//
// The evaluation date `as_of` is an input (the planned treatment date): the library never reads the
// clock. Pure and thread-safe.
#pragma once

#include <aftercare/protocol.hpp>
#include <aftercare/types.hpp>

#include <date/date.h>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace aftercare {

// ---------------------------------------------------------------------------------------------
// Interface
// ---------------------------------------------------------------------------------------------

/// A condition that matters before treatment (clinical-evidence §5).
enum class condition : std::uint8_t {
    active_acne, open_wound, active_infection, active_cold_sore, cold_sore_history, eczema, psoriasis, rosacea,
    vitiligo, keloid_history, isotretinoin, bleeding_disorder, anticoagulants, pregnancy, breastfeeding,
    metal_allergy, anaesthetic_allergy, diabetes_uncontrolled, immunosuppressed, skin_cancer, sunburn, tan,
    recent_scar, pacemaker, metal_implant, scleroderma, tattoo_in_area, raised_moles, diabetes_controlled, gold_allergy
};

/// A recent procedure whose date matters before microneedling (clinical-evidence §2).
enum class procedure : std::uint8_t {
    botulinum_toxin, filler, ablative_laser, non_ablative_laser, medium_deep_peel, facial_surgery
};

/// Whether to treat, in increasing order of restriction.
enum class decision : std::uint8_t { proceed, caution, needs_clearance, defer, do_not_treat };

namespace detail {
template <> struct code_table<aftercare::condition> {
    static constexpr std::string_view field = "condition";
    static constexpr std::array<std::string_view, 30> codes{
        "active_acne", "open_wound", "active_infection", "active_cold_sore", "cold_sore_history", "eczema", "psoriasis",
        "rosacea", "vitiligo", "keloid_history", "isotretinoin", "bleeding_disorder", "anticoagulants", "pregnancy",
        "breastfeeding", "metal_allergy", "anaesthetic_allergy", "diabetes_uncontrolled", "immunosuppressed",
        "skin_cancer", "sunburn", "tan", "recent_scar", "pacemaker", "metal_implant", "scleroderma", "tattoo_in_area",
        "raised_moles", "diabetes_controlled", "gold_allergy"};
};
template <> struct code_table<aftercare::procedure> {
    static constexpr std::string_view field = "procedure";
    static constexpr std::array<std::string_view, 6> codes{"botulinum_toxin", "filler", "ablative_laser", "non_ablative_laser",
                                                           "medium_deep_peel", "facial_surgery"};
};
template <> struct code_table<aftercare::decision> {
    static constexpr std::string_view field = "decision";
    static constexpr std::array<std::string_view, 5> codes{"proceed", "caution", "needs_clearance", "defer", "do_not_treat"};
};
}  // namespace detail

/// A procedure and the day it was done.
struct dated_procedure {
    aftercare::procedure what = aftercare::procedure::botulinum_toxin;
    date::year_month_day on;
    friend bool operator==(const dated_procedure&, const dated_procedure&) = default;
};

/// What the patient reports before treatment. A regular value type.
struct patient_history {
    enum_set<aftercare::condition> conditions;
    /// The last dose of isotretinoin, for a course that has ended (current use is the condition
    /// `isotretinoin`; giving both is rejected).
    std::optional<date::year_month_day> isotretinoin_stopped;
    /// The end of radiotherapy to the area to be treated.
    std::optional<date::year_month_day> radiotherapy_ended;
    std::optional<date::year_month_day> birth_date;
    /// Recent procedures in or near the area to be treated, with their dates. When a procedure is
    /// given more than once, the latest date counts.
    std::vector<dated_procedure> procedures;

    friend bool operator==(const patient_history&, const patient_history&) = default;
};

/// A wait as the protocol gives it: a whole number of days, months or years.
struct wait_period {
    enum class unit : std::uint8_t { days, months, years };
    int count = 0;
    unit in = unit::days;
    friend bool operator==(wait_period, wait_period) = default;
};

/// One reason in the decision. The views point into the protocol.
struct screening_finding {
    /// A condition code ("pregnancy"), "isotretinoin_stopped", "radiotherapy", "age", a procedure code
    /// ("filler"), or the code of
    /// a rule about the treatment itself ("rf_skin_type_vi").
    std::string_view code;
    aftercare::decision decision = aftercare::decision::proceed;
    std::string_view title;
    std::string_view reason;
    std::string_view advice;
    /// The first day this finding no longer applies, when a wait applies and its start is known.
    std::optional<date::year_month_day> until;
    /// The wait behind `until` (also given when its start is unknown).
    std::optional<wait_period> wait;
    evidence_basis basis = evidence_basis::typical;
    /// Why the rule is what it is (disagreements, gaps), when the protocol says.
    std::string_view note;
    std::span<const std::string_view> sources;
};

/// The decision for one patient and one planned treatment.
struct eligibility {
    aftercare::decision decision = aftercare::decision::proceed;
    /// With decision == defer and a date on every deferring finding: the first day none applies.
    std::optional<date::year_month_day> earliest;
    /// Highest decision first; equal decisions in the order of the codes.
    std::vector<screening_finding> findings;
    aftercare::treatment treatment;
    date::year_month_day as_of;
    aftercare::protocol protocol;  // keeps the views alive
};

/// The wait added to `from` (a valid date), by the rule above: calendar months, and a day that does
/// not exist in the resulting month rolls to the 1st of the next. Never throws.
[[nodiscard]] date::year_month_day add_wait(date::year_month_day from, wait_period wait) noexcept;

/// Screens `history` for `t` on the date `as_of` (the planned treatment day) under protocol `p`.
/// A cold-sore history recorded on the treatment (t.history) counts as the condition
/// `cold_sore_history`, and an anticoagulant history as `anticoagulants`. A recent procedure
/// defers treatment until its wait after the procedure's date is over (`until`). Pure and thread-safe.
///
/// Throws invalid_value for a date in history that is after `as_of` (it cannot have happened
/// yet), a birth date more than 150 years before it, an impossible date, `isotretinoin` together
/// with `isotretinoin_stopped`, a condition that is not one of the codes; as check_treatment does
/// for `t`; and when `p` has no "screening" section, or a procedure is given and `p` has no rule for it.
[[nodiscard]] eligibility screen(const patient_history& history, const treatment& t, date::year_month_day as_of,
                                 const protocol& p = default_protocol());

}  // namespace aftercare
