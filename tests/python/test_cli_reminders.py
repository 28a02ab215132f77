"""`aftercare plan` reminders: reminders[] and series[] in JSON (checked by the schema and against
zoneinfo), the text section, --wake/--bed/--morning/..., and bad input (exit 2, one line)."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from conftest import EXAMPLE

PLAN = ("plan", "--device", "pen", "--depth", "1.0", "--skin-type", "3")


def plan_json(run_cli, *args: str) -> dict:
    return json.loads(run_cli(*PLAN, *args, "--format", "json", check=True).stdout)


@pytest.mark.parametrize(
    ("zone", "treated_at"),
    [("Europe/London", "2026-10-20T14:00"), ("America/New_York", "2026-03-05T08:15"), ("Australia/Lord_Howe", "2026-04-01T19:00"),
     ("Asia/Tokyo", "2026-11-21T14:00")],
)
def test_reminders_match_the_schema_and_the_zone(run_cli, plan_schema, zone, treated_at) -> None:
    doc = plan_json(run_cli, "--treated-at", treated_at, "--tz", zone, "--indication", "acne_scars")
    jsonschema.validate(doc, plan_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    tz = ZoneInfo(zone)
    reminders = doc["reminders"]
    assert len(reminders) > 40
    instants = [dt.datetime.fromisoformat(r["at"]) for r in reminders]
    assert instants == sorted(instants)
    for r, at in zip(reminders, instants):
        # `at` carries the zone's offset at that instant, and `local` is its wall-clock reading.
        assert at.utcoffset() == at.astimezone(tz).utcoffset(), r
        assert at.astimezone(tz).replace(tzinfo=None).isoformat() == r["local"]
        if r["anchor"] == "wall_clock":
            assert r["local"][11:16] == doc["reminder_settings"]["slots"][r["slot"]]
    kinds = {r["kind"] for r in reminders}
    assert kinds == {"routine", "lifted", "check_in", "milestone"}
    assert {r["code"] for r in reminders if r["kind"] == "check_in"} == {"check_in.24h", "check_in.72h", "check_in.7d"}
    for s in doc["series"]:
        assert s["count"] == len(s["instants"]) and s["rrule"] == f"FREQ=DAILY;COUNT={s['count']}"
        assert [r["at"] for r in reminders if r.get("series") == s["code"]] == s["instants"]
    # Check-in sources are in the document's sources map.
    assert "CHU21" in doc["sources"]


def test_wake_bed_and_slots_shape_the_day(run_cli) -> None:
    doc = plan_json(run_cli, *EXAMPLE[8:], "--wake", "06:00", "--bed", "23:00", "--morning", "06:45", "--evening", "21:30")
    settings = doc["reminder_settings"]
    assert settings["wake"] == "06:00" and settings["bed"] == "23:00"
    assert settings["slots"] == {"morning": "06:45", "midday": "13:00", "evening": "21:30", "bedtime": "22:30"}
    cleanse = next(s for s in doc["series"] if s["code"] == "care.cleanse.morning")
    assert cleanse["dtstart"] == "2026-11-23T06:45:00"
    # Treated 23:30: quiet hours move the 24 h check-in from 23:30 to 06:00 the day after.
    late = plan_json(run_cli, "--treated-at", "2026-11-21T23:30", "--tz", "Europe/London", "--wake", "06:00", "--bed", "23:00")
    check_in = next(r for r in late["reminders"] if r["code"] == "check_in.24h")
    assert check_in["due"] == "2026-11-22T23:30:00+00:00"
    assert check_in["at"] == "2026-11-23T06:00:00+00:00"


def test_relative_plan_has_no_reminders(run_cli, plan_schema) -> None:
    doc = plan_json(run_cli, "--tz", "Europe/London")
    jsonschema.validate(doc, plan_schema)
    assert doc["reminders"] == [] and doc["series"] == []
    assert doc["reminder_settings"]["horizon"] is None


def test_text_plan_lists_the_reminders_at_local_times(run_cli) -> None:
    out = run_cli(*PLAN, "--treated-at", "2026-10-20T14:00", "--tz", "Europe/London", check=True).stdout
    assert "Reminders (local times in Europe/London; quiet hours 22:30–07:00)" in out
    assert "  - 07:30 (morning) Mineral sunscreen, Thu 22 Oct 2026 to Tue 3 Nov 2026 (13\n    days)" in out  # wrapped at 80
    assert "  - Wed 21 Oct 2026 14:00 How is your skin? (1 day)" in out
    assert "  - Tue 27 Oct 2026 13:00 How is your skin? (1 week)" in out  # 7 x 24 h later, after the clocks went back
    assert out.index("Reminders (") < out.index("\nSources\n")


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("--wake", "23:00"), ["wake 23:00 is not before bed 22:30"]),
        (("--wake", "08:00", "--bed", "08:00"), ["wake 08:00 is not before bed 08:00"]),
        (("--wake", "7:00"), ["--wake '7:00'", "HH:MM"]),
        (("--bed", "24:00"), ["--bed '24:00'", "00:00 and 23:59"]),
        (("--evening", "25:00"), ["--evening '25:00'"]),
        (("--morning", "06:00"), ["morning 06:00 is outside waking hours 07:00–22:30"]),
        (("--midday", "23:00", "--treated-at", "2026-11-21T14:00", "--tz", "UTC"), ["midday 23:00 is outside waking hours"]),
        (("--tz", "Europe/Atlantis", "--treated-at", "2026-11-21T14:00", "--format", "ics"), ["--tz 'Europe/Atlantis'", "IANA"]),
        (("--format", "ics"), ["--format ics needs --treated-at and --tz"]),
        (("--format", "ics", "--tz", "Europe/London"), ["--format ics needs --treated-at and --tz"]),
        (("--format", "ics", "--treated-at", "2026-11-21T14:00"), ["--tz is required"]),
    ],
)
def test_bad_reminder_input_exits_2_with_one_clear_line(run_cli, args, names) -> None:
    result = run_cli(*PLAN, *args)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("aftercare: ")
    for name in names:
        assert name in lines[0]
