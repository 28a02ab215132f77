"""`aftercare plan --format fhir`: the Bundle for the default example checked offline by what runs here —
fhir.resources (R4B models) for structure and datatypes, FHIRPath rules (fhirpathpy) for the invariants
and codes it does not check (tim-10, cpl-3, required value sets, IANA zone codes, dateTimes with zones,
references) — and a round trip: the Bundle's instants are the schedule's."""

from __future__ import annotations

import copy
import json
import re
import zoneinfo
from collections import Counter
from typing import Any

import pydantic
import pytest
from conftest import EXAMPLE
from fhir.resources.R4B import get_fhir_model_class
from fhirpathpy import evaluate as fhirpath
from support import one_line_error

SUBJECT = "Patient/example"
AUTHOR = "Practitioner/clinic-1"
TZ_EXTENSION = "http://hl7.org/fhir/StructureDefinition/timezone"

# Required bindings of R4 (the value sets fhir.resources does not enforce).
VALUE_SETS = {
    "CarePlan.status": {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"},
    "CarePlan.intent": {"proposal", "plan", "order", "option"},
    "CarePlan.activity.detail.status": {"not-started", "scheduled", "in-progress", "on-hold", "completed", "cancelled",
                                        "stopped", "unknown", "entered-in-error"},
    "CarePlan.activity.detail.kind": {"Appointment", "CommunicationRequest", "DeviceRequest", "MedicationRequest",
                                      "NutritionOrder", "Task", "ServiceRequest", "VisionPrescription"},
    "CarePlan.activity.detail.scheduledTiming.repeat.periodUnit": {"s", "min", "h", "d", "wk", "mo", "a"},
    "CarePlan.contained.lifecycleStatus": {"proposed", "planned", "accepted", "active", "on-hold", "completed", "cancelled",
                                           "entered-in-error", "rejected"},
    "Bundle.type": {"document", "message", "transaction", "transaction-response", "batch", "batch-response", "history",
                    "searchset", "collection"},
    "PlanDefinition.status": {"draft", "active", "retired", "unknown"},
    "Questionnaire.status": {"draft", "active", "retired", "unknown"},
    "Questionnaire.descendants().where(linkId.exists()).type": {
        "group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time", "string", "text", "url",
        "choice", "open-choice", "attachment", "reference", "quantity"},
    "Questionnaire.descendants().enableWhen.operator": {"exists", "=", "!=", ">", "<", ">=", "<="},
}

DATETIME_WITH_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$")


def evaluate(resource: dict[str, Any], path: str) -> list[Any]:
    """FHIRPath on a copy: fhirpathpy consumes the primitive extensions (`_timeOfDay`) of what it reads."""
    return list(fhirpath(copy.deepcopy(resource), path))


def fhir_bundle(run_cli, *extra: str) -> dict[str, Any]:
    result = run_cli("plan", *EXAMPLE, "--format", "fhir", "--subject", SUBJECT, "--author", AUTHOR, *extra, check=True)
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


@pytest.fixture(scope="module")
def bundle(run_cli) -> dict[str, Any]:
    return fhir_bundle(run_cli)


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def structural_errors(resource: dict[str, Any]) -> str | None:
    """fhir.resources' R4B model for the resource: None when it validates, else the error text."""
    try:
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    except pydantic.ValidationError as e:
        return str(e)
    return None


def violations(bundle: dict[str, Any]) -> list[str]:
    """The FHIRPath rules; each returns the offending values (empty when the rule holds)."""
    out: list[str] = []
    care = resources(bundle, "CarePlan")
    plans = resources(bundle, "PlanDefinition")
    questionnaires = resources(bundle, "Questionnaire")
    targets = {"Bundle": [bundle], "CarePlan": care, "PlanDefinition": plans, "Questionnaire": questionnaires}

    def check(name: str, root: str, path: str) -> None:
        for res in targets[root]:
            bad = evaluate(res, path)
            if bad:
                out.append(f"{name}: {bad[:3]}")

    # tim-10: "If there's a timeOfDay, there cannot be a when, or vice versa".
    check("tim-10", "CarePlan", "CarePlan.activity.detail.scheduledTiming.repeat.where(timeOfDay.exists() and when.exists())")
    # cpl-3: "Provide a reference or detail, not both".
    check("cpl-3", "CarePlan", "CarePlan.activity.where(detail.exists() and reference.exists())")
    # que-1: a group has items; a display item has none.
    check("que-1", "Questionnaire", "Questionnaire.descendants().where(type = 'group' and item.empty())")
    # Required value sets.
    for path, allowed in VALUE_SETS.items():
        root = path.split(".", 1)[0]
        for res in targets[root]:
            for value in evaluate(res, path):
                if value not in allowed:
                    out.append(f"{path}: {value!r} not in the required value set")
    # IANA zone codes on every timeOfDay (the `timezone` extension), one per time.
    # (Read from the JSON itself: fhirpathpy does not keep a repeating primitive's extensions paired with it.)
    zones = zoneinfo.available_timezones()
    for activity in care[0].get("activity", []):
        rep = activity.get("detail", {}).get("scheduledTiming", {}).get("repeat", {})
        times, exts = rep.get("timeOfDay", []), rep.get("_timeOfDay", [])
        if len(exts) != len(times):
            out.append(f"timeOfDay without a zone: {times}")
        for t in times:
            if not TIME.match(t):
                out.append(f"time {t!r}")
        for ext in exts:
            codes = [e.get("valueCode") for e in (ext or {}).get("extension", []) if e.get("url") == TZ_EXTENSION]
            if len(codes) != 1 or codes[0] not in zones:
                out.append(f"zone {codes!r}")
    # Every dateTime with a time has a zone.
    for path in ["CarePlan.activity.detail.scheduledTiming.event", "CarePlan.activity.detail.scheduledPeriod.start",
                 "CarePlan.activity.detail.scheduledPeriod.end", "CarePlan.period.start", "CarePlan.period.end",
                 "CarePlan.created", "CarePlan.activity.detail.scheduledTiming.repeat.boundsPeriod.start"]:
        for value in evaluate(care[0], path):
            if not DATETIME_WITH_ZONE.match(value):
                out.append(f"{path}: {value!r} has no zone")
    # References: the caller's, or a contained resource; nothing invented.
    contained = {"#" + c["id"] for c in care[0].get("contained", [])}
    for ref in evaluate(bundle, "Bundle.descendants().reference"):
        if isinstance(ref, str) and ref not in {SUBJECT, AUTHOR} and ref not in contained:
            out.append(f"reference {ref!r}")
    # Canonicals point at resources in the Bundle (url|version).
    canon = {f"{r['url']}|{r['version']}" for r in plans + questionnaires}
    for ref in evaluate(care[0], "CarePlan.instantiatesCanonical | CarePlan.activity.detail.instantiatesCanonical"):
        if ref not in canon:
            out.append(f"canonical {ref!r}")
    return out


def test_bundle_for_the_default_example_passes_the_offline_checks(bundle) -> None:
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    assert structural_errors(bundle) is None
    for entry in bundle["entry"]:
        assert structural_errors(entry["resource"]) is None, entry["resource"]["resourceType"]
    for goal in resources(bundle, "CarePlan")[0]["contained"]:
        assert structural_errors(goal) is None
    assert violations(bundle) == []


def test_the_checks_catch_what_they_are_for(bundle) -> None:
    # Each mutation breaks one rule; the layer meant for it must report it (so the checks can fail).
    def mutated(change) -> dict[str, Any]:
        doc = copy.deepcopy(bundle)
        change(resources(doc, "CarePlan")[0])
        return doc

    def with_repeat(c: dict[str, Any]) -> dict[str, Any]:
        return next(a["detail"]["scheduledTiming"]["repeat"] for a in c["activity"]
                    if "repeat" in a["detail"].get("scheduledTiming", {}))

    struct = [
        lambda c: with_repeat(c).update(timeOfDay=["8:00"]),
        lambda c: c["activity"][0]["detail"].update(scheduledPeriod={"start": "2026-11-21T14:00"}),  # no zone
        lambda c: c.pop("status"),
    ]
    for change in struct:
        doc = mutated(change)
        assert structural_errors(resources(doc, "CarePlan")[0]) is not None
    rules = [
        lambda c: with_repeat(c).update(when=["MORN"]),                               # tim-10
        lambda c: c["activity"][0].update(reference={"reference": SUBJECT}),          # cpl-3
        lambda c: c["activity"][0]["detail"].update(status="planned"),                # value set
        lambda c: with_repeat(c)["_timeOfDay"][0]["extension"][0].update(valueCode="Europe/Atlantis"),
        lambda c: c["subject"].update(reference="Patient/invented"),
    ]
    for change in rules:
        assert violations(mutated(change)) != []


def test_careplan_carries_the_plan(run_cli, bundle) -> None:
    plan = json.loads(run_cli("plan", *EXAMPLE, "--format", "json", check=True).stdout)
    care = resources(bundle, "CarePlan")[0]
    (definition,) = resources(bundle, "PlanDefinition")
    assert care["intent"] == "plan" and care["status"] == "active"
    assert care["subject"] == {"reference": SUBJECT} and care["author"] == {"reference": AUTHOR}
    assert care["text"]["status"] == "generated" and care["text"]["div"].startswith('<div xmlns="http://www.w3.org/1999/xhtml">')
    assert care["category"][0]["coding"][0]["code"] == "assess-plan"
    assert care["instantiatesCanonical"] == [f"{definition['url']}|{plan['protocol']['version']}"]
    assert definition["version"] == plan["protocol"]["version"]
    assert DATETIME_WITH_ZONE.match(care["created"])
    assert care["period"] == {"start": plan["treatment"]["treated_at"], "end": plan["reminder_settings"]["horizon"]}
    entries = {e["code"]: e for e in plan["entries"]}
    goals = {g["id"]: g for g in care["contained"]}
    for code, e in entries.items():
        if e["kind"] in ("effect", "milestone"):
            goal = goals[code.replace("_", "-")]
            due = e["end"] if e["kind"] == "effect" else e["start"]
            assert goal["target"][0]["dueDate"] == due[:10]  # the local date of the instant
    # Red-flag rules are the plan's guidance notes.
    flags = [e for e in plan["entries"] if e["kind"] == "red_flag"]
    assert len(care["note"]) == len(flags)
    assert all(f["title"] in n["text"] for f, n in zip(flags, care["note"], strict=True))
    # Restrictions, each stage: doNotPerform with the stage's period.
    stops = [a["detail"] for a in care["activity"] if a["detail"].get("doNotPerform")]
    stages = [s for e in plan["entries"] if e["kind"] == "restriction" for s in e["stages"]]
    assert [d["scheduledPeriod"]["end"] for d in stops] == [s["until"] for s in stages]


def test_the_bundles_instants_are_the_schedules(run_cli, bundle) -> None:
    plan = json.loads(run_cli("plan", *EXAMPLE, "--format", "json", check=True).stdout)
    care = resources(bundle, "CarePlan")[0]
    events = Counter(evaluate(care, "CarePlan.activity.detail.scheduledTiming.event"))
    expected = Counter(r["at"] for r in plan["reminders"] if r["kind"] in ("routine", "check_in"))
    assert events == expected
    # The check-ins point at their Questionnaires, with the check-in's instant.
    check_ins = [r for r in plan["reminders"] if r["kind"] == "check_in"]
    tasks = [a["detail"] for a in care["activity"] if a["detail"].get("kind") == "Task"]
    assert [t["scheduledTiming"]["event"] for t in tasks] == [[r["at"]] for r in check_ins]
    ids = {q["id"] for q in resources(bundle, "Questionnaire")}
    assert {t["instantiatesCanonical"][0].split("/")[-1].split("|")[0] for t in tasks} == ids
    # Each timeOfDay is the routine slot's wall-clock time in the patient's zone.
    slots = plan["reminder_settings"]["slots"]
    repeats = [a["detail"]["scheduledTiming"]["repeat"] for a in care["activity"] if "repeat" in a["detail"].get("scheduledTiming", {})]
    assert repeats
    for rep in repeats:
        assert set(rep["timeOfDay"]) <= {f"{v}:00" for v in slots.values()}
        assert {e["extension"][0]["valueCode"] for e in rep["_timeOfDay"]} == {"Europe/London"}


def test_subject_is_required_and_checked(run_cli) -> None:
    one_line_error(run_cli("plan", *EXAMPLE, "--format", "fhir"), "--subject")
    one_line_error(run_cli("plan", *EXAMPLE, "--format", "fhir", "--subject", "Practitioner/1"), "subject", "Patient/ID")
    one_line_error(run_cli("plan", *EXAMPLE, "--format", "fhir", "--subject", "Patient/1", "--author", "Medication/2"), "author")
    one_line_error(run_cli("plan", "--device", "pen", "--depth", "1.0", "--skin-type", "3", "--format", "fhir", "--subject", "Patient/1"),
                   "--treated-at")
