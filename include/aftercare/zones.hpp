// aftercare/zones.hpp — where a time zone's rules come from: the OS tz database, or the host.
//
// Every conversion the library makes between UTC instants and wall-clock times asks a zone_rules
// for two things, the same two date::time_zone answers:
//  - the period of constant offset that holds an instant (date::sys_info: begin, end, offset,
//    daylight saving, abbreviation), and
//  - how a local time resolves (date::local_info: unique, in a gap, or ambiguous, with the
//    periods either side).
// The default source is the OS database that date-tz reads (/usr/share/zoneinfo). An app on a
// platform without one (Android, Windows, a browser) supplies its own source from the platform's
// zone data: in C++ by deriving from zone_source and zone_rules, from C with
// aftercare_set_zone_source() (aftercare.h). Wherever both know a zone, a faithful host source
// gives byte-identical output.
//
//     const aftercare::zone_rules* london = aftercare::os_zones().find("Europe/London");
//     aftercare::zone_ref z = aftercare::locate_zone("Europe/London", my_source);  // throws time_zone_error
//     aftercare::preferences prefs;
//     prefs.zone = z;                                        // or a const date::time_zone*, as before
//
// zone_ref is what the library's options and results hold: a non-owning reference to a
// zone_rules (or null), implicitly made from a const date::time_zone* so code written for the OS
// database keeps working. The rules a zone_ref names must outlive every use of it.
#pragma once

#include <date/date.h>
#include <date/tz.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace aftercare {

// ---------------------------------------------------------------------------------------------
// Interface
// ---------------------------------------------------------------------------------------------

/// One zone's rules. Implementations must be thread-safe (const calls from many threads at once).
class zone_rules {
public:
    virtual ~zone_rules() = default;

    /// The zone's IANA name as the source resolves it (a link may read as its target).
    [[nodiscard]] virtual const std::string& name() const noexcept = 0;

    /// The period of constant offset that holds `t`: begin <= t < end. May throw an
    /// aftercare::error when the source cannot answer (a host source's failure).
    [[nodiscard]] virtual date::sys_info get_info(date::sys_seconds t) const = 0;

    /// How `local` resolves, as date::time_zone::get_info(local_time) does: unique (first),
    /// nonexistent (first = the period before the gap, second = after it), or ambiguous (first =
    /// the earlier period, second = the later). The default derives it from get_info(sys_seconds)
    /// with derive_local_info().
    [[nodiscard]] virtual date::local_info get_info(date::local_seconds local) const;

    /// The OS database's zone behind these rules, or null for a host source's.
    [[nodiscard]] virtual const date::time_zone* os_zone() const noexcept { return nullptr; }

protected:
    zone_rules() = default;
    zone_rules(const zone_rules&) = default;
    zone_rules& operator=(const zone_rules&) = default;
};

/// A source of zone rules, looked up by IANA name. Implementations must be thread-safe.
class zone_source {
public:
    virtual ~zone_source() = default;
    /// The rules for `name`, or null when this source does not know the zone. The rules live as
    /// long as the source.
    [[nodiscard]] virtual const zone_rules* find(std::string_view name) const = 0;

protected:
    zone_source() = default;
    zone_source(const zone_source&) = default;
    zone_source& operator=(const zone_source&) = default;
};

/// The OS tz database through date-tz (the default source). Its rules live for the program's life.
[[nodiscard]] const zone_source& os_zones() noexcept;

/// The rules of an OS database zone (for the program's life).
[[nodiscard]] const zone_rules& os_zone_rules(const date::time_zone& zone);

/// date's resolution of a local time, computed from the periods `rules.get_info(sys_seconds)`
/// gives around it: what zone_rules::get_info(local_seconds) returns unless a source overrides it.
[[nodiscard]] date::local_info derive_local_info(const zone_rules& rules, date::local_seconds local);

/// A non-owning reference to a zone's rules, or null. A regular value type.
class zone_ref {
public:
    constexpr zone_ref() noexcept = default;
    constexpr zone_ref(std::nullptr_t) noexcept {}                   // NOLINT(google-explicit-constructor)
    constexpr zone_ref(const zone_rules* rules) noexcept : rules_(rules) {}  // NOLINT(google-explicit-constructor)
    /// The OS database zone `zone` (null stays null), so `{.zone = locate_zone("Europe/London")}`
    /// keeps working.
    zone_ref(const date::time_zone* zone);                            // NOLINT(google-explicit-constructor)

    [[nodiscard]] constexpr const zone_rules* get() const noexcept { return rules_; }
    [[nodiscard]] constexpr const zone_rules* operator->() const noexcept { return rules_; }
    [[nodiscard]] constexpr const zone_rules& operator*() const noexcept { return *rules_; }
    constexpr explicit operator bool() const noexcept { return rules_ != nullptr; }

    friend constexpr bool operator==(zone_ref a, zone_ref b) noexcept { return a.rules_ == b.rules_; }
    friend constexpr bool operator==(zone_ref a, std::nullptr_t) noexcept { return a.rules_ == nullptr; }

private:
    const zone_rules* rules_ = nullptr;
};

/// The rules for `name` from `source`. Throws time_zone_error (naming `field`) when it does not
/// know the zone.
[[nodiscard]] zone_ref locate_zone(std::string_view name, const zone_source& source, std::string_view field = "time zone");

}  // namespace aftercare
