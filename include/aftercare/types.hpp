// aftercare/types.hpp — the vocabulary: devices, areas, skin types, depths and the treatment.
//
// Every enumeration has a stable text code (the one the command line, JSON and Python use) that
// never changes within a major version, so an app can key its own UI strings and translations on it:
//
//     using namespace aftercare::literals;
//     aftercare::treatment t;
//     t.device     = aftercare::parse_code<aftercare::device>("pen");   // throws on "laser"
//     t.depth      = 1.0_mm;
//     t.area       = aftercare::area::face;
//     t.skin_type  = aftercare::skin_type{3};
//     t.adjuncts   = {aftercare::adjunct::prp};
//     t.treated_at = date::sys_days{date::November / 21 / 2026} + std::chrono::hours{14};
//     std::string_view code = aftercare::to_string(t.area);                  // "face"
//
// Value types here do not validate on construction (like date::day): make_plan() checks a whole
// treatment against the protocol's limits and throws aftercare::invalid_value naming the field.
#pragma once

#include <aftercare/detail/enum_codes.hpp>

#include <date/date.h>

#include <array>
#include <bit>
#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace aftercare {

// =============================================================================================
// Interface
// =============================================================================================

// --- enumerations with stable codes --------------------------------------------------------

/// The kind of device: a home roller/stamp/pen, a professional pen, or RF microneedling.
enum class device : std::uint8_t { home_roller, pen, rf };

/// The treated area.
enum class area : std::uint8_t { face, periorbital, neck, decolletage, scalp, back, abdomen, thighs, arms, hands };

/// Why the course is done; decides the number of sessions, their interval and the final assessment.
enum class indication : std::uint8_t { acne_scars, wrinkles, texture, stretch_marks, hair_loss, pigmentation };

/// Something added to the needling.
enum class adjunct : std::uint8_t { prp };

/// Patient history that changes aftercare (anticoagulants: a prescribed blood thinner or antiplatelet).
enum class history_flag : std::uint8_t { cold_sore_history, pigmentation_history, anticoagulants };

/// What a plan entry is.
enum class entry_kind : std::uint8_t { effect, restriction, care, milestone, red_flag };

/// How likely an expected effect is, in increasing order.
enum class likelihood : std::uint8_t { rare, possible, common, expected };

/// Why a protocol value is what it is: the most common value among sources ("typical"), a study or
/// labeling figure, a ceiling from a review, a SYNTHESIS of ranges, or the conservative choice
/// where sources are missing ("gap").
enum class evidence_basis : std::uint8_t { typical, study, label, regulator, ceiling, synthesis, conservative, gap };

/// How a care step or milestone is turned into reminders.
enum class reminder_mode : std::uint8_t { none, once, daily };

/// A routine time of the patient's day (the wall-clock time comes from the reminder preferences).
enum class routine_slot : std::uint8_t { morning, midday, evening, bedtime };

/// How urgently to act, in increasing order.
enum class triage_level : std::uint8_t { expected, monitor, contact_clinic, urgent, emergency };

/// How bad a reported symptom is.
enum class severity : std::uint8_t { mild, moderate, severe };

/// A symptom a patient can report.
enum class symptom : std::uint8_t {
    redness, swelling, pain, peeling, itching, bleeding, bruising, pus, blisters, rash, cold_sore,
    bumps, dark_patches, grid_marks, lip_swelling, breathing_difficulty, skin_breakdown, dent, numbness,
    swollen_glands, new_patches, fever
};

/// A sign that can come with a symptom.
enum class sign : std::uint8_t { spreading, worsening, reappeared, warm, fever };

// The code tables (the text of each enumerator) are part of the interface: codes are stable.
namespace detail {
template <> struct code_table<device> {
    static constexpr std::string_view field = "device";
    static constexpr std::array<std::string_view, 3> codes{"home_roller", "pen", "rf"};
};
template <> struct code_table<area> {
    static constexpr std::string_view field = "area";
    static constexpr std::array<std::string_view, 10> codes{"face", "periorbital", "neck", "decolletage", "scalp",
                                                            "back", "abdomen", "thighs", "arms", "hands"};
};
template <> struct code_table<indication> {
    static constexpr std::string_view field = "indication";
    static constexpr std::array<std::string_view, 6> codes{"acne_scars", "wrinkles", "texture",
                                                           "stretch_marks", "hair_loss", "pigmentation"};
};
template <> struct code_table<adjunct> {
    static constexpr std::string_view field = "adjunct";
    static constexpr std::array<std::string_view, 1> codes{"prp"};
};
template <> struct code_table<history_flag> {
    static constexpr std::string_view field = "history";
    static constexpr std::array<std::string_view, 3> codes{"cold_sore_history", "pigmentation_history", "anticoagulants"};
};
template <> struct code_table<entry_kind> {
    static constexpr std::string_view field = "kind";
    static constexpr std::array<std::string_view, 5> codes{"effect", "restriction", "care", "milestone", "red_flag"};
};
template <> struct code_table<likelihood> {
    static constexpr std::string_view field = "likelihood";
    static constexpr std::array<std::string_view, 4> codes{"rare", "possible", "common", "expected"};
};
template <> struct code_table<evidence_basis> {
    static constexpr std::string_view field = "basis";
    static constexpr std::array<std::string_view, 8> codes{"typical", "study", "label", "regulator",
                                                           "ceiling", "synthesis", "conservative", "gap"};
};
template <> struct code_table<reminder_mode> {
    static constexpr std::string_view field = "remind";
    static constexpr std::array<std::string_view, 3> codes{"none", "once", "daily"};
};
template <> struct code_table<routine_slot> {
    static constexpr std::string_view field = "slot";
    static constexpr std::array<std::string_view, 4> codes{"morning", "midday", "evening", "bedtime"};
};
template <> struct code_table<triage_level> {
    static constexpr std::string_view field = "level";
    static constexpr std::array<std::string_view, 5> codes{"expected", "monitor", "contact_clinic", "urgent", "emergency"};
};
template <> struct code_table<severity> {
    static constexpr std::string_view field = "severity";
    static constexpr std::array<std::string_view, 3> codes{"mild", "moderate", "severe"};
};
template <> struct code_table<symptom> {
    static constexpr std::string_view field = "symptom";
    static constexpr std::array<std::string_view, 22> codes{
        "redness", "swelling", "pain", "peeling", "itching", "bleeding", "bruising", "pus", "blisters", "rash",
        "cold_sore", "bumps", "dark_patches", "grid_marks", "lip_swelling", "breathing_difficulty",
        "skin_breakdown", "dent", "numbness", "swollen_glands", "new_patches", "fever"};
};
template <> struct code_table<sign> {
    static constexpr std::string_view field = "sign";
    static constexpr std::array<std::string_view, 5> codes{"spreading", "worsening", "reappeared", "warm", "fever"};
};
}  // namespace detail

/// True for the enumerations above (those with a code table).
template <class E>
concept code_enum = std::is_enum_v<E> && requires { detail::code_table<E>::codes; };

/// The stable code of `e` ("home_roller", "contact_clinic").
template <code_enum E>
[[nodiscard]] constexpr std::string_view to_string(E e) noexcept;

/// The enumerator whose code is `code`, or nullopt.
template <code_enum E>
[[nodiscard]] constexpr std::optional<E> from_string(std::string_view code) noexcept;

/// The enumerator whose code is `code`.
/// Throws invalid_value naming the type's field ("device") and listing every allowed code.
template <code_enum E>
[[nodiscard]] E parse_code(std::string_view code);

/// All enumerators of E, in order.
template <code_enum E>
[[nodiscard]] constexpr auto all_values() noexcept;

// --- a set of enumerators, a regular value type without allocation ---------------------------

template <code_enum E>
class enum_set {
    static_assert(detail::code_table<E>::codes.size() <= 32, "enum_set holds at most 32 codes: widen bits_ first");

public:
    class iterator;

    constexpr enum_set() noexcept = default;
    constexpr enum_set(std::initializer_list<E> values) noexcept;

    [[nodiscard]] constexpr bool contains(E e) const noexcept { return (bits_ & bit(e)) != 0; }
    [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }
    [[nodiscard]] constexpr std::size_t size() const noexcept { return static_cast<std::size_t>(std::popcount(bits_)); }
    /// True when the sets share an element.
    [[nodiscard]] constexpr bool intersects(enum_set other) const noexcept { return (bits_ & other.bits_) != 0; }
    /// True when every element of `other` is in this set.
    [[nodiscard]] constexpr bool contains_all(enum_set other) const noexcept { return (bits_ & other.bits_) == other.bits_; }
    constexpr enum_set& insert(E e) noexcept { bits_ |= bit(e); return *this; }
    constexpr enum_set& erase(E e) noexcept { bits_ &= ~bit(e); return *this; }
    [[nodiscard]] constexpr std::uint32_t bits() const noexcept { return bits_; }

    [[nodiscard]] constexpr iterator begin() const noexcept { return iterator{bits_}; }
    [[nodiscard]] constexpr iterator end() const noexcept { return iterator{0}; }

    friend constexpr bool operator==(enum_set, enum_set) noexcept = default;

private:
    static constexpr std::uint32_t bit(E e) noexcept { return std::uint32_t{1} << static_cast<unsigned>(e); }
    std::uint32_t bits_ = 0;
};

// --- value types -----------------------------------------------------------------------------

/// Needle depth, held exactly in whole micrometres (so 1.0 mm == 1.0 mm, and tiers compare exactly).
class needle_depth {
public:
    constexpr needle_depth() noexcept = default;  // 0 mm, which make_plan rejects

    [[nodiscard]] static constexpr needle_depth from_micrometres(std::int32_t um) noexcept;
    /// Rounds to the nearest micrometre. Throws invalid_value("depth", ...) for NaN, infinities and
    /// values beyond ±1 m.
    [[nodiscard]] static needle_depth from_mm(double mm);

    [[nodiscard]] constexpr std::int32_t micrometres() const noexcept { return um_; }
    [[nodiscard]] constexpr double mm() const noexcept { return static_cast<double>(um_) / 1000.0; }

    friend constexpr auto operator<=>(needle_depth, needle_depth) noexcept = default;

private:
    std::int32_t um_ = 0;
};

/// "1.0 mm" (at least one decimal, as many as needed up to three).
[[nodiscard]] std::string to_string(needle_depth d);

/// Fitzpatrick skin type I–VI. Like date::day, constructing any int is allowed; ok() tells
/// whether it is a skin type, and make_plan rejects one that is not.
class skin_type {
public:
    constexpr skin_type() noexcept = default;  // 0: not set
    explicit constexpr skin_type(int fitzpatrick) noexcept : value_(fitzpatrick) {}

    [[nodiscard]] constexpr int value() const noexcept { return value_; }
    [[nodiscard]] constexpr bool ok() const noexcept { return value_ >= 1 && value_ <= 6; }

    friend constexpr auto operator<=>(skin_type, skin_type) noexcept = default;

private:
    int value_ = 0;
};

/// "III" for skin_type{3}; the number in decimal when it is not a skin type.
[[nodiscard]] std::string to_string(skin_type s);

/// The skin type written as "1"…"6" or "I"…"VI" (the way a form or a command line gives it).
/// Throws invalid_value naming "skin_type" for any other text.
[[nodiscard]] skin_type parse_skin_type(std::string_view text);

namespace literals {
/// 1.0_mm, 0.25_mm, 2_mm
consteval needle_depth operator""_mm(long double mm) {
    return needle_depth::from_micrometres(static_cast<std::int32_t>(mm * 1000.0L + (mm < 0 ? -0.5L : 0.5L)));
}
consteval needle_depth operator""_mm(unsigned long long mm) {
    return needle_depth::from_micrometres(static_cast<std::int32_t>(mm * 1000ULL));
}
}  // namespace literals

// --- the treatment ---------------------------------------------------------------------------

/// One microneedling session, as it was done. A regular value type.
struct treatment {
    aftercare::device device = aftercare::device::pen;
    needle_depth depth;                      // required: 0 is rejected
    aftercare::area area = aftercare::area::face;
    aftercare::skin_type skin_type;          // required: 0 is rejected
    enum_set<aftercare::adjunct> adjuncts;
    /// Without an indication the plan has only the protocol's default next-session window (when the
    /// protocol gives one: course.without_indication) and no final assessment.
    std::optional<aftercare::indication> indication;
    /// Which session of the course this was, from 1.
    int session = 1;
    /// When the treatment ended, as a UTC instant; without it the plan is relative (hours only).
    std::optional<date::sys_seconds> treated_at;
    enum_set<history_flag> history;

    friend bool operator==(const treatment&, const treatment&) = default;
};

// =============================================================================================
// Implementation
// =============================================================================================


template <code_enum E>
constexpr std::string_view to_string(E e) noexcept {
    const auto i = static_cast<std::size_t>(e);
    const auto& codes = detail::code_table<E>::codes;
    return i < codes.size() ? codes[i] : std::string_view{};
}

template <code_enum E>
constexpr std::optional<E> from_string(std::string_view code) noexcept {
    const auto& codes = detail::code_table<E>::codes;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        if (codes[i] == code) {
            return static_cast<E>(i);
        }
    }
    return std::nullopt;
}

template <code_enum E>
E parse_code(std::string_view code) {
    if (auto e = from_string<E>(code)) {
        return *e;
    }
    detail::throw_unknown_code(detail::code_table<E>::field, code, detail::code_table<E>::codes);
}

template <code_enum E>
constexpr auto all_values() noexcept {
    constexpr std::size_t n = detail::code_table<E>::codes.size();
    std::array<E, n> values{};
    for (std::size_t i = 0; i < n; ++i) {
        values[i] = static_cast<E>(i);
    }
    return values;
}

template <code_enum E>
constexpr enum_set<E>::enum_set(std::initializer_list<E> values) noexcept {
    for (E e : values) {
        insert(e);
    }
}

template <code_enum E>
class enum_set<E>::iterator {
public:
    using value_type = E;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;

    constexpr iterator() noexcept = default;
    constexpr explicit iterator(std::uint32_t rest) noexcept : rest_(rest) {}
    constexpr E operator*() const noexcept { return static_cast<E>(std::countr_zero(rest_)); }
    constexpr iterator& operator++() noexcept { rest_ &= rest_ - 1; return *this; }
    constexpr iterator operator++(int) noexcept { auto old = *this; ++*this; return old; }
    friend constexpr bool operator==(iterator, iterator) noexcept = default;

private:
    std::uint32_t rest_ = 0;
};

constexpr needle_depth needle_depth::from_micrometres(std::int32_t um) noexcept {
    needle_depth d;
    d.um_ = um;
    return d;
}

}  // namespace aftercare
