// aftercare/io/html.hpp — the patient's copy: a printable aftercare handout as one HTML page.
//
//     aftercare::html_options o;
//     o.clinic = aftercare::load_clinic("clinic.json");   // name, phone, after-hours number, address, logo
//     o.patient_name = "A. Patient";
//     std::ofstream("handout.html") << aftercare::to_html(aftercare::schedule(plan, prefs), o);
//
// The page is self-contained: inline CSS (with @page rules for A4 and Letter), no script, no
// external resource (a logo is embedded as a data: URI), `lang` set, real headings and lists, large
// type and strong contrast. It holds, in this order:
//   - the clinic's name and numbers, the patient's name and the treatment, when given (nothing is
//     assumed when they are absent);
//   - "Call emergency services now if" (red flags of level emergency) and "Call the clinic if"
//     (urgent and contact_clinic, then what to keep an eye on), each with from when it applies;
//   - a timeline drawn as inline SVG: bars for the effects and restrictions, marks for each lift and
//     milestone, local dates;
//   - what to expect, what to do and what to avoid by day band: the first day, days 2–3, days 4–7,
//     the second week and later;
//   - a checklist with a tick box per daily care step and day (with the reminder times of a schedule);
//   - the next appointment window;
//   - a footer with the protocol's id and version and its disclaimer.
// The patient's copy carries no source URLs. The clinician's copy (copy = handout_copy::clinician)
// adds the numbers behind each line (hours after treatment, the sources' range) and the sources.
#pragma once

#include <aftercare/plan.hpp>
#include <aftercare/reminders.hpp>
#include <aftercare/zones.hpp>

#include <date/tz.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace aftercare {

// ---------------------------------------------------------------------------------------------
// Interface
// ---------------------------------------------------------------------------------------------

/// Who and where the clinic is. Every field is optional: an empty one is left out of the page.
struct clinic_details {
    std::string name;
    std::string phone;
    std::string after_hours;  // after-hours or emergency line of the clinic
    std::string address;
    std::string logo;         // a data: URI (image/png, image/jpeg or image/svg+xml); logo_data_uri reads one
};

enum class handout_copy : std::uint8_t { patient, clinician };

/// The paper the page is laid out for when printed (on a screen it follows the window).
enum class paper_size : std::uint8_t { a4, letter };

struct html_options {
    /// The zone for local dates and times; null means the schedule's zone, else UTC.
    zone_ref zone = nullptr;
    clinic_details clinic;
    std::string patient_name;  // empty: a line to write it on
    handout_copy copy = handout_copy::patient;
    paper_size paper = paper_size::a4;
};

/// The handout for plan `p`. Without a treatment time, days are counted from the treatment
/// ("day 2") instead of dated. Never throws except std::bad_alloc.
[[nodiscard]] std::string to_html(const plan& p, const html_options& options = {});

/// The handout for the schedule's plan; the checklist gives the schedule's reminder times.
/// `options.zone` null means the schedule's zone. Never throws except std::bad_alloc.
[[nodiscard]] std::string to_html(const reminder_schedule& s, const html_options& options = {});

/// The handout's style sheet (what to_html inlines), for pages that show plan fragments
/// (Python's _repr_html_).
[[nodiscard]] std::string_view handout_css() noexcept;

/// Reads a clinic profile, a JSON object with the optional string members "name", "phone",
/// "after_hours", "address" and "logo" (a PNG, JPEG or SVG file, relative to the profile's folder).
/// Throws invalid_value naming the field ("clinic.phone") for a member of the wrong type, an
/// unknown member, a value too long or with control characters, a logo that cannot be read or is not
/// an image; and invalid_value("clinic", ...) when the text is not a JSON object or the file cannot
/// be read or is larger than 4 MiB.
[[nodiscard]] clinic_details parse_clinic(std::string_view json_text, const std::filesystem::path& base = {},
                                          std::string_view origin = "<string>");
[[nodiscard]] clinic_details load_clinic(const std::filesystem::path& path);

/// The image file at `path` as a data: URI. Throws invalid_value(field, ...) when it cannot be read,
/// is larger than 1 MiB or is not a PNG, JPEG or SVG image.
[[nodiscard]] std::string logo_data_uri(const std::filesystem::path& path, std::string_view field = "clinic.logo");

}  // namespace aftercare
