// aftercare/locale.hpp — the patient's language (docs/languages.md).
//
// The core speaks codes; the words come from catalogues keyed by those codes and a locale. The
// default protocol's English texts are the `en` catalogue; `en-US` changes only the clock and the
// date order; `es` and `uk` translate every message. localize() gives a protocol whose texts, and
// whose writers' words (headings, day and month names, "2 d", "until"), are in that locale: plans,
// schedules, assessments and eligibility made from it, and every writer, speak the language.
//
//     const aftercare::protocol es = aftercare::localize(aftercare::default_protocol(), "es");
//     const aftercare::plan p = aftercare::make_plan(t, es);
//     std::cout << aftercare::to_text(aftercare::schedule(p, prefs));   // in Spanish
//     // p.find("restriction.makeup")->code is still "restriction.makeup": codes never change
//
// A clinic protocol may carry its own catalogues (its "catalogues" section) that add a locale or
// override single messages; a shipped translation applies to a clinic's message only when the
// clinic's English text is the default protocol's (else the clinic must translate it itself, and
// localize() says which message is missing).
#pragma once

#include <aftercare/protocol.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace aftercare {

// ---------------------------------------------------------------------------------------------
// Interface
// ---------------------------------------------------------------------------------------------

/// Who vouches for a message: the source text itself, a translation nobody with clinical training
/// has reviewed yet (machine or unreviewed), or a reviewed translation. Ordered worst first.
enum class review_status : std::uint8_t { machine, reviewed, source };

/// CLDR plural categories (https://cldr.unicode.org/index/cldr-spec/plural-rules).
enum class plural_category : std::uint8_t { zero, one, two, few, many, other };
inline constexpr std::size_t plural_category_count = 6;

/// The CLDR plural rule a locale uses, for integers.
enum class plural_rule : std::uint8_t {
    english,      // en: one, other
    spanish,      // es: one, many, other
    east_slavic,  // uk (and ru, be): one, few, many, other
};

/// The CLDR plural category of the integer `n` under `rule`. constexpr, never throws.
[[nodiscard]] constexpr plural_category plural_of(plural_rule rule, std::uint64_t n) noexcept {
    // CLDR 44 plurals.xml, integers only (v = 0, so i = n):
    switch (rule) {
        case plural_rule::english:  // one: i = 1 and v = 0
            return n == 1 ? plural_category::one : plural_category::other;
        case plural_rule::spanish:  // one: n = 1; many: i != 0 and i % 1000000 = 0 and v = 0
            if (n == 1) return plural_category::one;
            return n != 0 && n % 1000000 == 0 ? plural_category::many : plural_category::other;
        case plural_rule::east_slavic:  // one: i%10=1, i%100!=11; few: i%10=2..4, i%100!=12..14; many: the rest of v=0
            if (n % 10 == 1 && n % 100 != 11) return plural_category::one;
            if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)) return plural_category::few;
            return plural_category::many;
    }
    return plural_category::other;
}

/// The categories a rule's messages must give (also "other" for uk, the category of fractions).
[[nodiscard]] std::span<const plural_category> plural_categories(plural_rule rule) noexcept;

/// "zero", "one", "two", "few", "many", "other".
[[nodiscard]] std::string_view to_string(plural_category c) noexcept;
/// "machine", "reviewed", "source".
[[nodiscard]] std::string_view to_string(review_status s) noexcept;

/// The locales the library ships: "en", "en-US", "es", "uk".
[[nodiscard]] std::span<const std::string_view> shipped_locales() noexcept;

/// `p` with every patient-facing text, and the writers' words, in locale `lang` (a shipped locale or
/// one of the protocol's own catalogues). "en" gives `p` itself. The codes stay the same.
/// Throws invalid_value("lang", ...) naming the locales allowed for an unknown `lang`, and
/// protocol_error (the protocol's origin, the position of the text, the locale and the message id)
/// when a text of `p` has no translation in `lang`: a clinic's own English text the shipped
/// catalogue does not translate and the protocol's catalogues do not either.
/// The default protocol's localisations are made once per locale and shared (thread-safe).
[[nodiscard]] protocol localize(const protocol& p, std::string_view lang);

/// The catalogue of `p`'s messages in `lang` as a catalogue file (data/locales/*.json format,
/// docs/languages.md): every protocol text by its message id, and the writers' words, with their
/// review status. With "en", the protocol's own source texts: what a translator starts from.
/// Throws as localize() does.
[[nodiscard]] std::string catalogue_json(const protocol& p, std::string_view lang = "en");

/// The locale of `p`'s texts ("en" unless localize() made it).
[[nodiscard]] std::string_view locale_of(const protocol& p) noexcept;

/// The lowest review status of the messages `p` speaks with (source for English): machine means the
/// handout and the text carry a one-line notice that the translation is not reviewed.
[[nodiscard]] review_status review_of(const protocol& p) noexcept;

}  // namespace aftercare
