"""`aftercare screen`: decisions, waits and dates, the screening date, JSON schema, one-line errors."""

from __future__ import annotations

import json

import jsonschema
import pytest
from support import one_line_error

PEN = ("--device", "pen", "--depth", "1.0", "--skin-type", "3")
RF = ("--device", "rf", "--depth", "1.0", "--skin-type", "3")
AS_OF = ("--as-of", "2026-11-21")


def screen_json(run_cli, schema: dict, *args: str) -> dict:
    result = run_cli("screen", *args, "--format", "json", check=True)
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return doc


def finding(doc: dict, code: str) -> dict:
    return next(f for f in doc["findings"] if f["code"] == code)


def test_highest_decision_and_earliest_date(run_cli, screening_schema) -> None:
    doc = screen_json(run_cli, screening_schema, *PEN, *AS_OF, "--condition", "cold_sore_history", "--condition", "tan",
                      "--isotretinoin-stopped", "2026-07-31", "--birth-date", "1990-03-02")
    assert doc["schema"] == "aftercare.screening/1"
    assert doc["protocol"]["id"] == "aftercare.microneedling.default"
    assert doc["as_of"] == "2026-11-21"
    assert doc["decision"] == "defer"
    assert doc["earliest"] == "2027-01-31"
    assert finding(doc, "tan")["until"] == "2026-12-05"
    iso = finding(doc, "isotretinoin_stopped")
    assert iso["until"] == "2027-01-31" and iso["wait"] == {"count": 6, "unit": "months"}
    hsv = finding(doc, "cold_sore_history")
    assert hsv["decision"] == "caution" and "antiviral" in hsv["advice"]
    assert finding(doc, "age")["decision"] == "proceed"
    assert [f["decision"] for f in doc["findings"]] == sorted(
        (f["decision"] for f in doc["findings"]),
        key=["proceed", "caution", "needs_clearance", "defer", "do_not_treat"].index, reverse=True)
    for f in doc["findings"]:
        assert f["sources"] and all(key in doc["sources"] for key in f["sources"])


@pytest.mark.parametrize(
    ("device", "condition", "decision"),
    [
        (PEN, "skin_cancer", "do_not_treat"),
        (PEN, "pregnancy", "needs_clearance"),
        (PEN, "breastfeeding", "needs_clearance"),
        (PEN, "isotretinoin", "defer"),
        (PEN, "active_cold_sore", "defer"),
        (PEN, "rosacea", "caution"),
        (PEN, "pacemaker", "proceed"),
        (RF, "pacemaker", "do_not_treat"),
        (PEN, "metal_implant", "proceed"),
        (RF, "metal_implant", "do_not_treat"),
        (PEN, "keloid_history", "needs_clearance"),
        (RF, "keloid_history", "do_not_treat"),
    ],
)
def test_decisions(run_cli, screening_schema, device, condition, decision) -> None:
    doc = screen_json(run_cli, screening_schema, *device, *AS_OF, "--condition", condition)
    assert doc["decision"] == decision
    assert doc["findings"][0]["code"] == condition


def test_every_condition_code_is_accepted(run_cli, screening_schema) -> None:
    codes = ["active_acne", "open_wound", "active_infection", "active_cold_sore", "cold_sore_history", "eczema", "psoriasis", "rosacea",
             "vitiligo", "keloid_history", "isotretinoin", "bleeding_disorder", "anticoagulants", "pregnancy", "breastfeeding",
             "metal_allergy", "anaesthetic_allergy", "diabetes_uncontrolled", "immunosuppressed", "skin_cancer", "sunburn", "tan",
             "recent_scar", "pacemaker", "metal_implant"]
    args = [a for c in codes for a in ("--condition", c)]
    doc = screen_json(run_cli, screening_schema, *RF, *AS_OF, *args)
    assert sorted(f["code"] for f in doc["findings"]) == sorted(codes)
    assert doc["decision"] == "do_not_treat" and doc["earliest"] is None


def test_radiotherapy_wait_then_clearance(run_cli, screening_schema) -> None:
    inside = screen_json(run_cli, screening_schema, *PEN, "--as-of", "2026-11-30", "--radiotherapy-ended", "2026-08-31")
    assert (inside["decision"], inside["earliest"]) == ("defer", "2026-12-01")  # 3 months; no 31 November
    after = screen_json(run_cli, screening_schema, *PEN, "--as-of", "2026-12-01", "--radiotherapy-ended", "2026-08-31")
    assert after["decision"] == "needs_clearance"
    assert finding(after, "radiotherapy")["basis"] == "gap"


def test_the_screening_date_is_the_local_date_of_the_treatment(run_cli, screening_schema) -> None:
    """00:30 in Kyiv on 21 November is still 20 November in UTC: the local date decides the age."""
    doc = screen_json(run_cli, screening_schema, *PEN, "--treated-at", "2026-11-21T00:30", "--tz", "Europe/Kyiv", "--birth-date", "2004-11-21")
    assert doc["as_of"] == "2026-11-21"
    assert finding(doc, "age")["decision"] == "proceed"
    younger = screen_json(run_cli, screening_schema, *PEN, "--treated-at", "2026-11-20T23:30", "--tz", "Europe/Kyiv", "--birth-date", "2004-11-21")
    assert younger["decision"] == "needs_clearance"
    assert finding(younger, "age")["until"] == "2026-11-21"


def test_rf_in_skin_type_vi_is_a_caution(run_cli, screening_schema) -> None:
    doc = screen_json(run_cli, screening_schema, "--device", "rf", "--depth", "1.0", "--skin-type", "VI", *AS_OF)
    assert doc["decision"] == "caution"
    assert doc["findings"][0]["code"] == "rf_skin_type_vi"


def test_text_output(run_cli) -> None:
    out = run_cli("screen", *PEN, *AS_OF, "--condition", "recent_scar", "--condition", "cold_sore_history", check=True).stdout
    assert out.startswith("Screening: DEFER\n")
    assert "DEFER: Recent scar [recent_scar]" in out and "Wait: 12 months" in out
    assert "CAUTION: History of cold sores [cold_sore_history]" in out
    assert "Not medical advice" in out


@pytest.mark.parametrize(
    ("args", "parts"),
    [
        (("--condition", "pregnant"), ["condition 'pregnant' is not one of active_acne, open_wound", "metal_implant"]),
        (("--isotretinoin-stopped", "2026-11-22"), ["--isotretinoin-stopped 2026-11-22 is in the future (after the screening date 2026-11-21)"]),
        (("--radiotherapy-ended", "2027-01-01"), ["--radiotherapy-ended 2027-01-01 is in the future"]),
        (("--birth-date", "2030-01-01"), ["--birth-date 2030-01-01 is in the future"]),
        (("--birth-date", "1850-01-01"), ["--birth-date 1850-01-01 is more than 150 years before"]),
        (("--birth-date", "1990-02-30"), ["--birth-date '1990-02-30' is not a date YYYY-MM-DD"]),
        (("--condition", "isotretinoin", "--isotretinoin-stopped", "2026-01-01"), ["--isotretinoin-stopped 2026-01-01 contradicts"]),
        (("--as-of", "21/11/2026"), ["--as-of '21/11/2026' is not a date YYYY-MM-DD"]),
    ],
)
def test_bad_input_exits_2_with_one_line(run_cli, args, parts) -> None:
    as_of = () if "--as-of" in args else AS_OF
    one_line_error(run_cli("screen", *PEN, *as_of, *args), *parts)


def test_bad_treatment_is_rejected_as_for_plan(run_cli) -> None:
    one_line_error(run_cli("screen", "--device", "laser", "--depth", "1", "--skin-type", "3", *AS_OF), "device 'laser' is not one of")
