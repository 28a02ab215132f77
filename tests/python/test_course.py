"""aftercare.course and `aftercare course`: windows from the protocol's course data, the JSON schema,
the calendar (parsed by icalendar), bad input; the triage, screening and plan rules of issue 10 through
Python and the command, with boundaries read from the protocol."""

from __future__ import annotations

import json
import pathlib
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import icalendar
import jsonschema
import pytest
from support import LATER, H, T0, example, one_line_error

import aftercare
from aftercare import SymptomReport

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROTOCOL = json.loads((ROOT / "data" / "protocols" / "microneedling.json").read_text(encoding="utf-8"))
COURSE_SCHEMA = json.loads((ROOT / "docs" / "schema" / "course.schema.json").read_text(encoding="utf-8"))
SECOND = timedelta(seconds=1)


def hours(value: dict) -> timedelta:
    return timedelta(hours=value["value"])


@pytest.mark.parametrize("indication", list(PROTOCOL["course"]["indications"]))
def test_course_windows_follow_the_protocol(indication: str) -> None:
    data = PROTOCOL["course"]["indications"][indication]
    t = example(1.5, indication=indication, area="scalp" if indication == "hair_loss" else "face")
    c = aftercare.course(t)
    assert c.total_sessions == data["sessions"]["value"] == len(c)
    interval = hours(data["interval_h"])
    latest = hours(data["interval_max_h"]) if "interval_max_h" in data else interval
    assert c.sessions[0].typical == timedelta(0) and c.sessions[0].rescreen == ()
    for before, s in zip(c.sessions, c.sessions[1:], strict=False):
        assert s.earliest == s.typical == before.typical + interval
        assert s.latest == before.typical + latest
        assert s.typical_at == T0 + s.typical
        assert set(s.rescreen) == set(PROTOCOL["course"]["rescreen"]["conditions"])
    final = next(m for m in c.milestones if m.code == "milestone.final_assessment")
    assert final.after == c.sessions[-1].typical + hours(data["assess_after_last_h"])
    assert [r.after for r in c.reminders] == sorted(r.after for r in c.reminders)


def test_course_json_text_and_calendar() -> None:
    t = example(1.5, indication="acne_scars", treated_at=T0.astimezone(ZoneInfo("Europe/Kyiv")))
    c = aftercare.course(t, sessions=3)
    doc = json.loads(c.to_json())
    jsonschema.validate(doc, COURSE_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert doc["time_zone"] == "Europe/Kyiv"
    assert doc["sessions"][1]["earliest"].endswith("+02:00")
    cal = icalendar.Calendar.from_ical(c.to_ics())
    events = [e for e in cal.walk("VEVENT")]
    assert len(events) == (len(c) - 1) + len(c.milestones) + len(c.reminders)
    window = next(e for e in events if str(e["X-AFTERCARE-CODE"]) == "course.session.2")
    assert window.decoded("DTSTART") == c.sessions[1].earliest_at.date()
    assert window.decoded("DTEND") == c.sessions[1].latest_at.date() + timedelta(days=1)  # DTEND is exclusive
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert "Session 3: from" in c.to_text()


def test_course_bad_input() -> None:
    with pytest.raises(aftercare.InvalidValueError, match="sessions is required"):
        aftercare.course(example(1.0))
    with pytest.raises(aftercare.InvalidValueError, match="sessions 61"):
        aftercare.course(example(1.0, indication="wrinkles"), sessions=61)
    with pytest.raises(TypeError):
        aftercare.course(example(1.0), sessions="3")  # type: ignore[arg-type]
    c = aftercare.course(example(1.0), sessions=2)  # without an indication: the default interval
    assert c.sessions[1].earliest == hours(PROTOCOL["course"]["without_indication"]["interval_h"])
    assert all(m.code != "milestone.final_assessment" for m in c.milestones)


def test_cli_course(run_cli, tmp_path: pathlib.Path) -> None:
    args = ("course", "--device", "pen", "--depth", "1.5", "--skin-type", "3", "--indication", "acne_scars",
            "--treated-at", "2026-11-21T14:00", "--tz", "Europe/London")
    doc = json.loads(run_cli(*args, "--sessions", "3", "--format", "json", check=True).stdout)
    jsonschema.validate(doc, COURSE_SCHEMA)
    assert doc["total_sessions"] == 3
    out = tmp_path / "course.ics"
    run_cli(*args, "--format", "ics", "-o", out, check=True)
    assert icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    one_line_error(run_cli(*args, "--sessions", "0"), "--sessions 0", "1–60")
    one_line_error(run_cli("course", "--device", "pen", "--depth", "1.0", "--skin-type", "3"), "sessions is required")


# --- triage, screening and plan rules of issue 10, boundaries from the protocol ------------------

def rule(code: str) -> dict:
    return next(r for r in PROTOCOL["red_flags"] if r["code"] == code)


def level(plan: aftercare.Plan, report: SymptomReport) -> str:
    return str(aftercare.triage(plan, [report], as_of=LATER).level)


def test_new_symptoms_and_their_levels() -> None:
    p = aftercare.plan(example(1.0))
    rf = aftercare.plan(example(1.0, device="rf"))
    for after in (timedelta(0), 10 * H, 400 * H):
        assert level(p, SymptomReport("fever", after=after)) == rule("red_flag.fever_alone")["level"]
        assert level(p, SymptomReport("dent", after=after)) == rule("red_flag.dent")["level"]
        assert level(p, SymptomReport("new_patches", after=after)) == rule("red_flag.new_patches")["level"]
        assert level(p, SymptomReport("skin_breakdown", after=after)) == rule("red_flag.skin_breakdown")["level"]
        assert level(rf, SymptomReport("skin_breakdown", after=after)) == rule("red_flag.skin_breakdown_rf")["level"]
    week = hours(rule("red_flag.glands_persistent")["from_h"])
    assert level(p, SymptomReport("swollen_glands", after=week - SECOND)) == "monitor"
    assert level(p, SymptomReport("swollen_glands", after=week)) == "contact_clinic"


def test_bleeding_on_a_blood_thinner() -> None:
    plain = aftercare.plan(example(1.0))
    thinner = aftercare.plan(example(1.0, history=["anticoagulants"]))
    abnormal = plain["effect.pinpoint_bleeding"].abnormal_after
    assert abnormal is not None
    assert level(thinner, SymptomReport("bleeding", after=abnormal)) != "urgent"
    assert level(thinner, SymptomReport("bleeding", after=abnormal + SECOND)) == "urgent"
    assert level(plain, SymptomReport("bleeding", after=abnormal + SECOND)) == "contact_clinic"
    assert level(plain, SymptomReport("bleeding", after=10 * 60 * SECOND, signs=["worsening"])) == "contact_clinic"
    assert level(thinner, SymptomReport("bleeding", after=10 * 60 * SECOND, signs=["worsening"])) == "urgent"


def test_bruising_after_shallow_needles() -> None:
    limit = rule("red_flag.bruising_shallow")["when"]["depth_mm"]["max"]
    assert level(aftercare.plan(example(limit)), SymptomReport("bruising", after=24 * H)) == "contact_clinic"
    assert level(aftercare.plan(example(limit + 0.001)), SymptomReport("bruising", after=24 * H)) == "expected"
    roller = aftercare.plan(example(0.5, device="home_roller"))
    assert level(roller, SymptomReport("bruising", after=24 * H)) == "contact_clinic"


@pytest.mark.parametrize("code", list(PROTOCOL["screening"]["procedures"]))
def test_procedures_defer_until_their_wait_is_over(code: str) -> None:
    rules = PROTOCOL["screening"]["procedures"][code]
    r = rules[0]  # the face matches the first rule of each
    done = date(2026, 9, 1)
    h = aftercare.PatientHistory(procedures={code: done})
    e = aftercare.screen(h, example(1.0), as_of=done)
    assert e.decision == "defer"
    until = e.earliest
    assert until is not None and until > done
    if "wait_days" in r:
        assert until == done + timedelta(days=r["wait_days"]["value"])
    assert aftercare.screen(h, example(1.0), as_of=until - timedelta(days=1)).decision == "defer"
    assert aftercare.screen(h, example(1.0), as_of=until).decision == r["after"]["decision"]


def test_screening_new_conditions_and_the_command(run_cli, screening_schema) -> None:
    pen, rf = example(1.0), example(1.0, device="rf")
    def decision(condition: str, t: aftercare.Treatment) -> str:
        return str(aftercare.screen(aftercare.PatientHistory([condition]), t, as_of="2026-11-21").decision)
    assert decision("gold_allergy", rf) == "do_not_treat"
    assert decision("gold_allergy", pen) == "caution"
    assert decision("diabetes_controlled", pen) == "caution"
    assert decision("diabetes_uncontrolled", pen) == "do_not_treat"
    assert decision("tattoo_in_area", pen) == "do_not_treat"
    assert decision("scleroderma", pen) == "needs_clearance"
    result = run_cli("screen", "--device", "pen", "--depth", "1.0", "--skin-type", "3", "--as-of", "2026-11-21",
                     "--procedure", "filler=2026-11-14", "--format", "json", check=True)
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, screening_schema)
    assert doc["decision"] == "defer" and doc["earliest"] == "2026-11-28"
    one_line_error(run_cli("screen", "--device", "pen", "--depth", "1.0", "--skin-type", "3", "--procedure", "filler"),
                   "--procedure", "CODE=YYYY-MM-DD")
    one_line_error(run_cli("screen", "--device", "pen", "--depth", "1.0", "--skin-type", "3", "--procedure", "peel=2026-11-01"),
                   "procedure 'peel'", "medium_deep_peel")


def test_plan_scalp_and_depth_limits() -> None:
    scalp = aftercare.plan(example(1.5, area="scalp"))
    assert "restriction.makeup" not in scalp
    assert scalp["care.first_wash"].onset == timedelta(hours=24)
    assert "restriction.minoxidil" in scalp and "care.scalp_hat" in scalp
    limit = PROTOCOL["limits"]["area_depth_mm"]["periorbital"]["max"]
    aftercare.plan(example(limit, area="periorbital"))
    with pytest.raises(aftercare.InvalidValueError, match="too deep for the periorbital area"):
        aftercare.plan(example(limit + 0.001, area="periorbital"))
    no_indication = aftercare.plan(example(1.0))
    assert no_indication["milestone.next_session"].onset == hours(PROTOCOL["course"]["without_indication"]["interval_h"])


def test_every_source_the_protocol_does_not_cite_says_why() -> None:
    """docs/clinical-basis.md lists the unused sources with their notes; none may be left without one."""
    used: set[str] = set()

    def walk(x: object) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "sources" and isinstance(v, list):
                    used.update(v)
                else:
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk({k: v for k, v in PROTOCOL.items() if k != "sources"})
    unused = sorted(set(PROTOCOL["sources"]) - used)
    assert unused, "every source is cited: drop this test's premise"
    assert [k for k in unused if not PROTOCOL["sources"][k].get("note")] == []
    basis = (ROOT / "docs" / "clinical-basis.md").read_text(encoding="utf-8")
    assert all(f"| `{k}` |" in basis for k in unused)
