// aftercare/aftercare.hpp — everything, in one include.
//
//     #include <aftercare/aftercare.hpp>
//     using namespace aftercare::literals;
//
//     aftercare::treatment t;
//     t.device = aftercare::device::pen;
//     t.depth = 1.0_mm;
//     t.skin_type = aftercare::skin_type{3};
//     t.treated_at = aftercare::to_utc(aftercare::parse_local_time("2026-11-21T14:00", "treated_at"),
//                                      *aftercare::locate_zone("Europe/London"));
//     aftercare::plan p = aftercare::make_plan(t);             // the embedded default protocol
//     std::cout << aftercare::to_json(p, {.zone = aftercare::locate_zone("Europe/London")});
//
//     aftercare::reminder_schedule s = aftercare::schedule(p, {.zone = aftercare::locate_zone("Europe/London")});
//     std::cout << aftercare::to_ics(s);                        // a calendar file for the patient's phone
#pragma once

#include <aftercare/checkin.hpp>
#include <aftercare/course.hpp>
#include <aftercare/error.hpp>
#include <aftercare/files.hpp>
#include <aftercare/locale.hpp>
#include <aftercare/io/fhir.hpp>
#include <aftercare/io/html.hpp>
#include <aftercare/io/ical.hpp>
#include <aftercare/io/json.hpp>
#include <aftercare/io/text.hpp>
#include <aftercare/plan.hpp>
#include <aftercare/protocol.hpp>
#include <aftercare/reminders.hpp>
#include <aftercare/screening.hpp>
#include <aftercare/time.hpp>
#include <aftercare/triage.hpp>
#include <aftercare/types.hpp>
#include <aftercare/version.hpp>
