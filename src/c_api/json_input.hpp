// Private to the C interface: the JSON documents it reads (a treatment, reminder preferences, a
// patient history), with errors that name the JSON pointer, as reports_from_json's do.
#pragma once

#include "aftercare/reminders.hpp"
#include "aftercare/screening.hpp"
#include "aftercare/types.hpp"
#include "aftercare/zones.hpp"

#include <date/date.h>

#include <optional>
#include <string_view>

namespace aftercare::c_api {

struct treatment_input {
    aftercare::treatment treatment;
    zone_ref zone;  // from `zones`; null without "time_zone"
};

/// docs/schema/treatment.schema.json. Throws invalid_value (field = JSON pointer; allowed "a JSON
/// document" for text that is not JSON) and time_zone_error for a zone `zones` does not know.
[[nodiscard]] treatment_input treatment_from_json(std::string_view text, const zone_source& zones);

/// {"wake": "07:00", ...}; empty text means the defaults. The zone is set by the caller.
[[nodiscard]] preferences preferences_from_json(std::string_view text);

struct history_input {
    patient_history history;
    std::optional<date::year_month_day> as_of;
};

/// {"conditions": [...], "isotretinoin_stopped": "YYYY-MM-DD", ..., "as_of": "YYYY-MM-DD"}; empty
/// text means no history.
[[nodiscard]] history_input history_from_json(std::string_view text);

/// The JSON pointer the C interface names for a field the core names ("depth" -> "/depth_mm");
/// `field` itself when it is already a pointer or is not a treatment field.
[[nodiscard]] std::string pointer_for(std::string_view field);

}  // namespace aftercare::c_api
