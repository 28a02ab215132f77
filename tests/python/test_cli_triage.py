"""`aftercare triage`: report groups, the reports file, levels, JSON schema, one-line errors."""

from __future__ import annotations

import json
import pathlib

import jsonschema
import pytest
from support import one_line_error

# A treatment that ended in the past, so no report below is in the future whatever today's date.
PEN = ("--device", "pen", "--depth", "1.0", "--area", "face", "--skin-type", "3",
       "--treated-at", "2026-11-10T14:00", "--tz", "Europe/London")
AS_OF = ("--as-of", "2026-12-31T23:59")


def triage_json(run_cli, schema: dict, *args: str) -> dict:
    result = run_cli("triage", *args, "--format", "json", check=True)
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return doc


def test_options_after_each_symptom_belong_to_it(run_cli, triage_schema) -> None:
    doc = triage_json(run_cli, triage_schema, *PEN, *AS_OF,
                      "--symptom", "redness", "--seen-at", "2026-11-18T09:00", "--severity", "mild", "--sign", "warm",
                      "--symptom", "pus", "--hours-after", "30", "--sign", "fever",
                      "--symptom", "peeling", "--severity", "severe", "--hours-after", "60")
    assert doc["schema"] == "aftercare.triage/1"
    assert doc["protocol"]["id"] == "aftercare.microneedling.default"
    redness, pus, peeling = doc["reports"]
    assert (redness["symptom"], redness["severity"], redness["signs"]) == ("redness", "mild", ["warm"])
    assert redness["hours_after"] == 187  # 18 Nov 09:00 is 7 d 19 h after 10 Nov 14:00 (GMT)
    assert redness["level"] == "contact_clinic" and redness["rule"] == "red_flag.redness_persistent"
    assert redness["window"]["abnormal_after_h"] == 168
    assert redness["window"]["abnormal_after"] == "2026-11-17T14:00:00+00:00"
    assert (pus["symptom"], pus["severity"], pus["signs"]) == ("pus", None, ["fever"])
    assert pus["level"] == "urgent" and pus["rule"] == "red_flag.fever"
    assert pus["seen_at"] == "2026-11-11T20:00:00+00:00"
    assert (peeling["severity"], peeling["signs"]) == ("severe", [])
    assert peeling["rule"] == "triage.severe" and peeling["raised_by_severity"] is True
    assert doc["level"] == "urgent"  # the highest report wins
    assert doc["action"].startswith("Get medical care today")
    for report in doc["reports"]:
        assert report["reason"] and report["advice"] and report["sources"]
        assert all(key in doc["sources"] for key in report["sources"])


@pytest.mark.parametrize(
    ("report", "level", "rule"),
    [
        (("--symptom", "redness", "--hours-after", "48"), "expected", "triage.expected"),
        (("--symptom", "redness", "--hours-after", "48.5"), "monitor", "triage.settling"),
        (("--symptom", "redness", "--hours-after", "168"), "monitor", "triage.settling"),
        (("--symptom", "redness", "--hours-after", "168.01"), "contact_clinic", "red_flag.redness_persistent"),
        (("--symptom", "bruising", "--hours-after", "241"), "contact_clinic", "red_flag.bruising_persistent"),
        (("--symptom", "lip_swelling", "--hours-after", "0"), "emergency", "red_flag.airway"),
        (("--symptom", "breathing_difficulty", "--hours-after", "500"), "emergency", "red_flag.airway"),
        (("--symptom", "redness", "--hours-after", "20", "--sign", "spreading", "--sign", "warm"), "urgent", "red_flag.spreading_warm"),
        (("--symptom", "pain", "--hours-after", "49", "--sign", "worsening"), "contact_clinic", "red_flag.worsening"),
        (("--symptom", "redness", "--hours-after", "30", "--sign", "reappeared"), "contact_clinic", "red_flag.reappeared"),
        (("--symptom", "bleeding", "--hours-after", "0.2", "--severity", "severe"), "urgent", "red_flag.bleeding_severe"),
        (("--symptom", "cold_sore", "--hours-after", "72"), "contact_clinic", "red_flag.cold_sore"),
        (("--symptom", "dark_patches", "--hours-after", "24"), "monitor", "red_flag.dark_patches_early"),
    ],
)
def test_levels(run_cli, triage_schema, report, level, rule) -> None:
    doc = triage_json(run_cli, triage_schema, *PEN, *AS_OF, *report)
    assert (doc["reports"][0]["level"], doc["reports"][0]["rule"]) == (level, rule)


def test_blisters_are_urgent_only_after_rf(run_cli, triage_schema) -> None:
    rf = list(PEN)
    rf[1] = "rf"
    assert triage_json(run_cli, triage_schema, *rf, *AS_OF, "--symptom", "blisters", "--hours-after", "24")["level"] == "urgent"
    assert triage_json(run_cli, triage_schema, *PEN, *AS_OF, "--symptom", "blisters", "--hours-after", "24")["level"] == "contact_clinic"


def test_hours_only_without_a_treatment_time(run_cli, triage_schema) -> None:
    doc = triage_json(run_cli, triage_schema, "--device", "pen", "--depth", "1", "--skin-type", "3", "--symptom", "redness", "--hours-after", "200")
    assert doc["treatment"]["treated_at"] is None
    assert doc["reports"][0]["seen_at"] is None
    assert "typical_end" not in doc["reports"][0]["window"]
    assert doc["reports"][0]["level"] == "contact_clinic"


def test_local_times_follow_the_zone(run_cli, triage_schema) -> None:
    """The same wall-clock times in Kyiv and London give the same interval; the offsets differ."""
    kyiv = [*PEN]
    kyiv[kyiv.index("Europe/London")] = "Europe/Kyiv"
    doc = triage_json(run_cli, triage_schema, *kyiv, *AS_OF, "--symptom", "redness", "--seen-at", "2026-11-18T09:00")
    assert doc["reports"][0]["hours_after"] == 187
    assert doc["reports"][0]["seen_at"] == "2026-11-18T09:00:00+02:00"
    assert doc["time_zone"] == "Europe/Kyiv"


def test_reports_file(run_cli, triage_schema, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "reports.json"
    path.write_text(json.dumps({"reports": [
        {"symptom": "redness", "seen_at": "2026-11-18T09:00", "severity": "mild", "signs": ["warm"]},
        {"symptom": "lip_swelling", "hours_after": 2},
    ]}), encoding="utf-8")
    doc = triage_json(run_cli, triage_schema, *PEN, *AS_OF, "--reports", str(path))
    assert [r["level"] for r in doc["reports"]] == ["contact_clinic", "emergency"]
    assert doc["level"] == "emergency"


def test_text_output(run_cli) -> None:
    out = run_cli("triage", *PEN, *AS_OF, "--symptom", "redness", "--seen-at", "2026-11-18T09:00", "--symptom", "pus", "--hours-after", "30",
                  check=True).stdout
    assert out.startswith("Triage: CONTACT CLINIC\n")
    assert "Report 1: Redness, seen Wed 18 Nov 2026 09:00 (7 d 19 h after treatment)" in out
    assert "[red_flag.redness_persistent]" in out and "Report 2: Pus" in out
    assert "Not medical advice" in out and "\nSources\n" in out


@pytest.mark.parametrize(
    ("args", "parts"),
    [
        (("--symptom", "rednes", "--hours-after", "3"), ["symptom 'rednes' is not one of redness, swelling", "breathing_difficulty"]),
        (("--symptom", "redness", "--hours-after", "3", "--sign", "hot"), ["sign 'hot'", "spreading, worsening, reappeared, warm, fever"]),
        (("--symptom", "redness", "--hours-after", "3", "--severity", "awful"), ["severity 'awful'", "mild, moderate, severe"]),
        (("--seen-at", "2026-11-18T09:00", "--symptom", "redness"), ["--seen-at '2026-11-18T09:00' comes before any --symptom"]),
        (("--symptom", "redness"), ["--symptom redness needs --seen-at LOCAL_TIME or --hours-after H"]),
        (("--symptom", "redness", "--hours-after", "3", "--seen-at", "2026-11-18T09:00"), ["more than one --seen-at/--hours-after"]),
        (("--symptom", "redness", "--hours-after", "3", "--severity", "mild", "--severity", "severe"), ["more than one --severity"]),
        (("--symptom", "redness", "--seen-at", "2026-11-10T13:59"), ["--seen-at 2026-11-10T13:59 is before the end of treatment"]),
        (("--symptom", "redness", "--hours-after", "-2"), ["--hours-after '-2' is before the end of treatment"]),
        (("--symptom", "redness", "--hours-after", "soon"), ["--hours-after 'soon' is not a number of hours"]),
        (("--symptom", "redness", "--seen-at", "18/11/2026"), ["--seen-at '18/11/2026' is not a local time YYYY-MM-DDTHH:MM"]),
        (("--symptom", "redness", "--seen-at", "2027-01-02T09:00"), ["is in the future", "--as-of"]),
        ((), ["give at least one --symptom"]),
    ],
)
def test_bad_input_exits_2_with_one_line(run_cli, args, parts) -> None:
    one_line_error(run_cli("triage", *PEN, *AS_OF, *args), *parts)


def test_the_default_as_of_is_now(run_cli) -> None:
    one_line_error(run_cli("triage", *PEN, "--symptom", "redness", "--seen-at", "2199-01-01T09:00"), "is in the future (it is now")


def test_seen_at_needs_the_treatment_time(run_cli) -> None:
    one_line_error(run_cli("triage", "--device", "pen", "--depth", "1", "--skin-type", "3", "--tz", "Europe/London",
                           "--symptom", "redness", "--seen-at", "2026-11-18T09:00"), "--seen-at needs the treatment time")


@pytest.mark.parametrize(
    ("content", "parts"),
    [
        ('{"reports": [{"symptom": "rednes", "hours_after": 1}]}', ["reports.json:1:26: /reports/0/symptom: symptom 'rednes' is not one of"]),
        ('{"reports": [{"symptom": "pus", "hours_after": 1, "when": 3}]}', ["/reports/0/when: unknown key \"when\""]),
        ('{"reports": [{"symptom": "pus"}]}', ['expected exactly one of "seen_at" (local time) or "hours_after"']),
        ('{"reports": [', ["reports.json:1:", "not valid JSON"]),
        ('{"reports": [{"symptom": "pus", "seen_at": "2026-11-10T13:00"}]}', ["reports[0].seen_at", "is before the end of treatment"]),
    ],
)
def test_bad_reports_file(run_cli, tmp_path: pathlib.Path, content, parts) -> None:
    path = tmp_path / "reports.json"
    path.write_text(content, encoding="utf-8")
    one_line_error(run_cli("triage", *PEN, *AS_OF, "--reports", str(path)), *parts)


def test_reports_file_excludes_symptom_options_and_must_exist(run_cli, tmp_path: pathlib.Path) -> None:
    one_line_error(run_cli("triage", *PEN, *AS_OF, "--reports", str(tmp_path / "x.json"), "--symptom", "pus"), "--symptom and --reports cannot be used together")
    one_line_error(run_cli("triage", *PEN, *AS_OF, "--reports", str(tmp_path / "missing.json")), "cannot be read")
