// aftercare/io/fhir.hpp — the plan as FHIR R4: a Bundle with a CarePlan, its PlanDefinition and the
// check-in Questionnaires (docs/guide-fhir.md says what each element carries and what a receiver may lose).
//
//     aftercare::fhir_options o;
//     o.subject = "Patient/123";                    // required: the library invents no patient
//     o.author = "Practitioner/456";                // optional
//     o.created = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());  // optional; the library never reads the clock
//     std::string bundle = aftercare::to_fhir(plan, schedule, o);
//
// The CarePlan: generated narrative, status active, intent plan, category assess-plan, subject/author,
// period (treatment end → the schedule's horizon), created, instantiatesCanonical → the PlanDefinition
// (url|version). Care steps are activities with scheduledTiming: repeat.timeOfDay with the patient's
// IANA zone on each time (the `timezone` extension on _timeOfDay) and every concrete instant in
// Timing.event; restrictions (each stage) are doNotPerform activities with a scheduledPeriod; effects and
// milestones are contained Goals with target.dueDate; red-flag rules are the plan's notes; each
// check-in is an activity whose detail.instantiatesCanonical is its Questionnaire.
#pragma once

#include <aftercare/checkin.hpp>
#include <aftercare/plan.hpp>
#include <aftercare/reminders.hpp>

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

namespace aftercare {

struct fhir_options {
    /// The CarePlan's and Goals' subject: a FHIR reference ("Patient/123", "Group/7", an absolute URL
    /// or "urn:uuid:..."). Required.
    std::string subject;
    /// The CarePlan's author ("Practitioner/456", "Organization/1", ...); empty: none.
    std::string author;
    /// CarePlan.created; empty: not written.
    std::optional<date::sys_seconds> created;
    /// Where the canonical URLs of the PlanDefinition and Questionnaires live:
    /// BASE/PlanDefinition/ID and BASE/Questionnaire/ID. A clinic passes its own FHIR base URL.
    std::string canonical_base = "urn:aftercare:fhir";
    /// Spaces per level; -1 writes one line.
    int indent = 2;
};

/// The FHIR R4 Bundle (type collection) for plan `p` and its schedule `s`, as JSON (UTF-8).
/// Throws invalid_value("subject", ...) / ("author", ...) for a reference that is not one,
/// ("schedule", ...) when `s` is not a schedule of `p`, and ("treated_at", ...) for a plan without a
/// treatment time (a FHIR CarePlan needs its instants).
[[nodiscard]] std::string to_fhir(const plan& p, const reminder_schedule& s, const fhir_options& options);

/// One check-in's questions as a FHIR R4 Questionnaire (JSON). Never throws except std::bad_alloc.
[[nodiscard]] std::string to_fhir(const questionnaire& q, const fhir_options& options = {});

/// A code as a FHIR id: '_' becomes '-' ("check_in.24h" → "check-in.24h").
[[nodiscard]] std::string fhir_id(std::string_view code);

/// BASE/TYPE/ID.
[[nodiscard]] std::string fhir_canonical(std::string_view base, std::string_view type, std::string_view id);

}  // namespace aftercare
