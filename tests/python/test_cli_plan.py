"""`aftercare plan` and `aftercare protocol`: the command-line contract of DESIGN.md."""

from __future__ import annotations

import json
import pathlib

import jsonschema
import pytest
from conftest import EXAMPLE, ROOT


def test_plan_json_matches_the_schema(run_cli, plan_schema) -> None:
    result = run_cli("plan", *EXAMPLE, "--format", "json", check=True)
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, plan_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert doc["schema"] == "aftercare.plan/1"
    assert doc["protocol"]["id"] == "aftercare.microneedling.default"
    codes = {e["code"] for e in doc["entries"]}
    for code in ("effect.redness", "effect.swelling", "effect.sensitivity", "effect.peeling", "effect.pinpoint_bleeding",
                 "effect.bruising", "restriction.makeup", "restriction.sun", "restriction.actives", "restriction.exercise",
                 "restriction.swimming_heat", "care.cleanse", "care.moisturise", "care.sunscreen"):
        assert code in codes
    redness = next(e for e in doc["entries"] if e["code"] == "effect.redness")
    assert redness["start"] == "2026-11-21T14:00:00+00:00"
    assert redness["end"] == "2026-11-23T14:00:00+00:00"


@pytest.mark.parametrize(
    "extra",
    [
        ("--device", "rf", "--depth", "1.5", "--area", "periorbital", "--skin-type", "VI", "--adjunct", "prp"),
        ("--device", "home_roller", "--depth", "0.25", "--area", "scalp", "--skin-type", "1", "--history", "cold_sore_history"),
        ("--device", "pen", "--depth", "2.5", "--area", "abdomen", "--skin-type", "5", "--indication", "stretch_marks", "--session", "2",
         "--history", "pigmentation_history"),
    ],
)
def test_other_treatments_also_match_the_schema(run_cli, plan_schema, extra) -> None:
    result = run_cli("plan", *extra, "--treated-at", "2026-03-29T01:30", "--tz", "Europe/London", "--format", "json", check=True)
    jsonschema.validate(json.loads(result.stdout), plan_schema)


def test_relative_plan_without_treatment_time(run_cli, plan_schema) -> None:
    result = run_cli("plan", "--device", "pen", "--depth", "1", "--skin-type", "3", "--format", "json", check=True)
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, plan_schema)
    assert doc["treatment"]["treated_at"] is None
    assert all("start" not in e for e in doc["entries"])


def test_text_plan_is_readable(run_cli) -> None:
    out = run_cli("plan", *EXAMPLE, check=True).stdout
    assert "What to expect" in out and "Timeline" in out and "Red flags" in out
    assert "Not medical advice" in out


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("--device", "laser", "--depth", "1", "--skin-type", "3"), ["device 'laser'", "home_roller, pen, rf"]),
        (("--device", "pen", "--depth", "4.0", "--skin-type", "3"), ["depth 4.0 mm", "0.1–3.0 mm"]),
        (("--device", "pen", "--depth", "0", "--skin-type", "3"), ["depth 0.0 mm", "0.1–3.0 mm"]),
        (("--device", "pen", "--depth", "-1", "--skin-type", "3"), ["--depth '-1' is not a depth in mm"]),
        (("--device", "home_roller", "--depth", "0.75", "--skin-type", "3"), ["home_roller", "at most 0.5 mm"]),
        (("--device", "pen", "--depth", "1", "--skin-type", "7"), ["--skin-type '7'", "I–VI"]),
        (("--device", "pen", "--depth", "1", "--skin-type", "VII"), ["--skin-type 'VII'"]),
        (("--device", "pen", "--depth", "1", "--skin-type", "3", "--area", "eyelid"), ["area 'eyelid'", "periorbital"]),
        (("--device", "pen", "--depth", "1", "--skin-type", "3", "--session", "0"), ["--session '0' is not a whole number"]),
        (("--device", "pen", "--depth", "abc", "--skin-type", "3"), ["--depth"]),
        (("--device", "pen", "--depth", "1", "--skin-type", "3", "--tz", "Mars/Base"), ["Mars/Base"]),
        (("--device", "pen", "--depth", "1", "--skin-type", "3", "--treated-at", "2026-11-21T14:00"), ["--tz is required"]),
        (("--device", "pen", "--depth", "1", "--skin-type", "3", "--treated-at", "21/11/2026", "--tz", "UTC"), ["--treated-at '21/11/2026'"]),
        (("--device", "pen", "--depth", "1", "--skin-type", "3", "--format", "xml"), ["--format"]),
        (("--device", "pen", "--depth", "1"), ["--skin-type"]),
        (("--device", "pen", "--depth", "1", "--skin-type", "3", "--protocol", "/nonexistent.json"), ["/nonexistent.json", "cannot be read"]),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(run_cli, args, names) -> None:
    result = run_cli("plan", *args)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""  # nothing half-done
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("aftercare: ")
    for name in names:
        assert name in lines[0]


def test_no_subcommand_is_bad_input(run_cli) -> None:
    result = run_cli()
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1


def test_help_and_version_exit_0(run_cli) -> None:
    assert run_cli("--help").returncode == 0
    version = run_cli("--version")
    assert version.returncode == 0
    assert version.stdout.strip().count(".") == 2


def test_protocol_dump_is_the_data_file(run_cli) -> None:
    out = run_cli("protocol", "dump", check=True).stdout
    assert out == (ROOT / "data" / "protocols" / "microneedling.json").read_text(encoding="utf-8")


def test_protocol_check_accepts_good_and_rejects_bad(run_cli, tmp_path: pathlib.Path) -> None:
    good = run_cli("protocol", "check", ROOT / "tests" / "cpp" / "data" / "minimal_protocol.json", check=True)
    assert good.stdout.startswith("ok: ")
    bad = tmp_path / "clinic.json"
    text = (ROOT / "data" / "protocols" / "microneedling.json").read_text(encoding="utf-8")
    bad.write_text(text.replace('"onset_h": {"value": 0, "basis": "typical", "sources": ["HKJDV18", "DERMAPEN_DT"]}',
                                '"onset_h": {"value": -4, "basis": "typical", "sources": ["HKJDV18", "DERMAPEN_DT"]}', 1),
                   encoding="utf-8")
    result = run_cli("protocol", "check", bad)
    assert result.returncode == 2
    line = result.stderr.strip()
    expected_line = text.splitlines().index(next(l for l in text.splitlines() if '"onset_h": {"value": 0, "basis": "typical", "sources": ["HKJDV18"' in l)) + 1
    assert line.startswith(f"aftercare: {bad}:{expected_line}:")
    assert "/effects/0/onset_h/value" in line and "expected hours >= 0" in line


def test_clinic_protocol_changes_the_plan(run_cli) -> None:
    result = run_cli("plan", "--device", "pen", "--depth", "0.5", "--skin-type", "2", "--protocol",
                     ROOT / "tests" / "cpp" / "data" / "minimal_protocol.json", "--format", "json", check=True)
    doc = json.loads(result.stdout)
    assert doc["protocol"]["id"] == "clinic.example.minimal"
    assert [e["code"] for e in doc["entries"]] == ["effect.redness", "restriction.makeup", "care.moisturise"]
