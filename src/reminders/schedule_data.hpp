// Private: what a reminder_schedule holds. Built once by schedule(), then only read.
#pragma once

#include "aftercare/reminders.hpp"
#include "aftercare/zones.hpp"

#include <date/tz.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aftercare::detail {

struct schedule_data {
    explicit schedule_data(aftercare::plan p) : plan(std::move(p)) {}

    aftercare::plan plan;  // keeps the entries' strings and sources (and the protocol) alive
    zone_ref zone;
    routine_times times;
    std::optional<date::sys_seconds> horizon;
    std::vector<reminder> reminders;
    std::vector<reminder_series> series;
    std::vector<date::sys_seconds> instants;  // the series' instants point here
    std::string arena;                        // composed codes and texts point here; never grows after use
};

}  // namespace aftercare::detail
