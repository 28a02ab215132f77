"""aftercare.screen: the scenarios of tests/cpp/screening_tests.cpp, through Python.

Decisions and waits are read from the protocol's "screening" section (so they follow the data);
the `until` dates are checked against an independent calendar-month computation, and a few
decisions and dates of the default protocol are pinned as the C++ tests pin them.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st
from support import example

import aftercare
from aftercare import Condition, Decision, Device, InvalidValueError, PatientHistory

PROTOCOL: dict[str, Any] = json.loads(aftercare.default_protocol().text)
SCREENING: dict[str, Any] = PROTOCOL["screening"]
DECISIONS: list[Decision] = list(Decision)
TODAY = date(2026, 11, 21)
WAIT_KEYS = {"wait_days": "days", "wait_months": "months", "wait_years": "years"}


def rank(decision: Decision | str) -> int:
    """The position of a decision in proceed < caution < needs_clearance < defer < do_not_treat."""
    return DECISIONS.index(Decision(decision))


def add_wait(start: date, count: int, unit: str) -> date:
    """include/aftercare/screening.hpp: days are days; months and years are calendar months (a year
    is 12), and a day the resulting month does not have rolls to the 1st of the next month."""
    if unit == "days":
        return start + timedelta(days=count)
    months = count * (12 if unit == "years" else 1)
    year, month = divmod(start.year * 12 + start.month - 1 + months, 12)
    month += 1
    try:
        return date(year, month, start.day)
    except ValueError:
        return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def wait_of(rule: dict[str, Any]) -> tuple[int, str] | None:
    """The rule's wait as (count, unit), or None."""
    waits = [(rule[key]["value"], unit) for key, unit in WAIT_KEYS.items() if key in rule]
    assert len(waits) <= 1, rule["title"]
    return waits[0] if waits else None


def required_wait(rule: dict[str, Any]) -> tuple[int, str]:
    wait = wait_of(rule)
    assert wait is not None, rule["title"]
    return wait


def with_device(device: Device | str, skin_type: int = 3) -> aftercare.Treatment:
    depth = 0.25 if device == Device.HOME_ROLLER else 1.0
    return example(depth, device=device, skin_type=skin_type)


def matches(when: dict[str, Any] | None, t: aftercare.Treatment) -> bool:
    """Whether a rule's `when` applies to `t`, for the conditions the default protocol uses."""
    if when is None:
        return True
    known = {"device": str(t.device), "skin_type": t.skin_type}
    assert set(when) <= set(known), f"a condition this test does not know: {when}"
    return all(known[key] in values for key, values in when.items())


def rule_for(condition: str, t: aftercare.Treatment) -> dict[str, Any]:
    return next(r for r in SCREENING["conditions"][condition] if matches(r.get("when"), t))


def finding(e: aftercare.Eligibility, code: str) -> aftercare.ScreeningFinding:
    found = [f for f in e if f.code == code]
    assert len(found) == 1, [f.code for f in e]
    return found[0]


def screen(history: PatientHistory, t: aftercare.Treatment | None = None, as_of: date | str = TODAY) -> aftercare.Eligibility:
    return aftercare.screen(history, t if t is not None else with_device(Device.PEN), as_of=as_of)


# --- every condition, as the protocol says, for every device ------------------------------------


def test_the_protocol_has_rules_for_every_condition() -> None:
    assert list(SCREENING["conditions"]) == [c.value for c in Condition]
    for code, rules in SCREENING["conditions"].items():
        assert rules and "when" not in rules[-1], code  # the last rule applies to every other treatment
        assert all("when" in r for r in rules[:-1]), code


@pytest.mark.parametrize("device", list(Device))
def test_every_condition_follows_its_rule(device: Device) -> None:
    t = with_device(device)
    for c in Condition:
        e = screen(PatientHistory([c]), t)
        assert len(e) == 1, c
        f = e.findings[0]
        rule = rule_for(c, t)
        assert f.code == c.value
        assert f.decision is Decision(rule["decision"]), c
        assert e.decision is f.decision
        assert (f.title, f.reason, f.advice) == (rule["title"], rule["reason"], rule["advice"])
        assert f.basis == rule["basis"]
        assert f.note == rule.get("note", "")
        assert f.sources == tuple(rule["sources"])
        assert f.wait == wait_of(rule)
        from_screening_date = rule.get("wait_from") == "screening_date"
        assert (f.until is not None) == (f.wait is not None and from_screening_date), c
        if f.until is not None:
            assert f.wait is not None and f.until == add_wait(TODAY, *f.wait)
        deferring_with_date = f.decision is Decision.DEFER and f.until is not None
        assert e.earliest == (f.until if deferring_with_date else None)


# (device, condition, decision), as tests/cpp/screening_tests.cpp pins them.
PINNED: list[tuple[str, str, str]] = [
    ("pen", "skin_cancer", "do_not_treat"),
    ("pen", "bleeding_disorder", "do_not_treat"),
    ("pen", "immunosuppressed", "do_not_treat"),
    ("pen", "metal_allergy", "do_not_treat"),
    ("pen", "pregnancy", "needs_clearance"),
    ("pen", "breastfeeding", "needs_clearance"),
    ("pen", "anticoagulants", "needs_clearance"),
    ("pen", "eczema", "needs_clearance"),
    ("pen", "active_acne", "defer"),
    ("pen", "open_wound", "defer"),
    ("pen", "active_infection", "defer"),
    ("pen", "active_cold_sore", "defer"),
    ("pen", "isotretinoin", "defer"),
    ("pen", "rosacea", "caution"),
    ("pen", "vitiligo", "caution"),
    ("pen", "cold_sore_history", "caution"),
    ("pen", "pacemaker", "proceed"),
    ("rf", "pacemaker", "do_not_treat"),
    ("pen", "metal_implant", "proceed"),
    ("rf", "metal_implant", "do_not_treat"),
    ("pen", "keloid_history", "needs_clearance"),
    ("rf", "keloid_history", "do_not_treat"),
]


@pytest.mark.parametrize(("device", "condition", "decision"), PINNED)
def test_pinned_decisions_of_the_default_protocol(device: str, condition: str, decision: str) -> None:
    e = screen(PatientHistory(condition), with_device(device))
    assert e.decision is Decision(decision)
    assert e.findings[0].code == condition


def test_pinned_words_of_the_default_protocol() -> None:
    hsv = screen(PatientHistory("cold_sore_history")).findings[0]
    assert "antiviral" in hsv.advice
    pregnant = screen(PatientHistory("pregnancy")).findings[0]
    assert "obstetrician" in pregnant.advice
    assert "§8 item 9" in pregnant.note
    iso = screen(PatientHistory("isotretinoin"))
    assert iso.decision is Decision.DEFER
    assert iso.earliest is None and iso.findings[0].until is None  # current use: no date until the course ends


def test_cold_sore_history_on_the_treatment_counts() -> None:
    t = example(history={"cold_sore_history"})
    e = screen(PatientHistory(), t)
    assert e.decision is Decision(rule_for("cold_sore_history", t)["decision"]) is Decision.CAUTION
    assert [f.code for f in e] == ["cold_sore_history"]
    assert [f.code for f in screen(PatientHistory("cold_sore_history"), t)] == ["cold_sore_history"]  # once
    assert screen(PatientHistory(), example(history={"pigmentation_history"})).findings == ()


def test_rules_about_the_treatment_itself() -> None:
    (rule,) = SCREENING["treatment"]
    assert rule["code"] == "rf_skin_type_vi"
    for device in Device:
        for skin in range(1, 7):
            t = with_device(device, skin)
            e = screen(PatientHistory(), t)
            if matches(rule["when"], t):
                assert [f.code for f in e] == ["rf_skin_type_vi"]
                assert e.decision is Decision(rule["decision"]) is Decision.CAUTION
                assert (e.findings[0].reason, e.findings[0].advice) == (rule["reason"], rule["advice"])
            else:
                assert e.findings == () and len(e) == 0, (device, skin)
                assert e.decision is Decision.PROCEED and e.earliest is None
    assert matches(rule["when"], with_device(Device.RF, 6)) and not matches(rule["when"], with_device(Device.RF, 5))


# --- the highest decision wins; the earliest date -------------------------------------------------


def test_the_highest_decision_wins() -> None:
    e = screen(PatientHistory(["cold_sore_history", "tan", "skin_cancer", "pregnancy"]))
    assert e.decision is Decision.DO_NOT_TREAT
    assert [f.code for f in e] == ["skin_cancer", "tan", "pregnancy", "cold_sore_history"]
    assert e.findings == tuple(e) and len(e) == 4
    assert [rank(f.decision) for f in e] == sorted((rank(f.decision) for f in e), reverse=True)
    assert e.earliest is None  # do not treat: no date
    assert screen(PatientHistory(["cold_sore_history", "pregnancy"])).decision is Decision.NEEDS_CLEARANCE
    # Every pair of conditions: the decision is the higher of the two alone.
    pen = with_device(Device.PEN)
    alone = {c: screen(PatientHistory(c), pen).decision for c in Condition}
    codes = list(Condition)
    for i, a in enumerate(codes):
        for b in codes[i + 1:]:
            if {a, b} == {Condition.ISOTRETINOIN}:
                continue
            assert screen(PatientHistory([a, b]), pen).decision == max(alone[a], alone[b], key=rank), (a, b)


def test_earliest_is_the_last_until_of_the_deferring_findings() -> None:
    h = PatientHistory(["tan", "cold_sore_history"], isotretinoin_stopped=date(2026, 7, 31))
    e = screen(h)
    assert e.decision is Decision.DEFER
    assert finding(e, "tan").until == date(2026, 12, 5)
    assert finding(e, "isotretinoin_stopped").until == date(2027, 1, 31)
    assert e.earliest == date(2027, 1, 31) == max(f.until for f in e if f.decision is Decision.DEFER and f.until is not None)
    # One deferring finding without a date: no overall date.
    s = screen(dataclasses.replace(h, conditions=h.conditions | {Condition.SUNBURN}))
    assert s.decision is Decision.DEFER and s.earliest is None
    # docs/python.md's example.
    doc = screen(PatientHistory(["rosacea"], isotretinoin_stopped=date(2026, 9, 1)))
    assert doc.decision is Decision.DEFER and doc.earliest == date(2027, 3, 1)


# --- waits: at, just inside and just past each boundary ---------------------------------------------


def test_add_wait_helper_matches_the_headers_examples() -> None:
    """The oracle itself (the rows of the C++ add_wait test)."""
    rows = [
        (date(2026, 5, 21), 6, "months", date(2026, 11, 21)),
        (date(2026, 12, 15), 3, "months", date(2027, 3, 15)),
        (date(2026, 8, 31), 6, "months", date(2027, 3, 1)),
        (date(2027, 8, 31), 6, "months", date(2028, 3, 1)),
        (date(2027, 8, 29), 6, "months", date(2028, 2, 29)),
        (date(2028, 8, 29), 6, "months", date(2029, 3, 1)),
        (date(2026, 1, 31), 1, "months", date(2026, 3, 1)),
        (date(2026, 3, 31), 1, "months", date(2026, 5, 1)),
        (date(2026, 12, 31), 11, "months", date(2027, 12, 1)),  # no 31 November
        (date(2026, 10, 31), 1, "months", date(2026, 12, 1)),
        (date(2026, 11, 30), 1, "months", date(2026, 12, 30)),
        (date(2024, 2, 29), 1, "years", date(2025, 3, 1)),
        (date(2024, 2, 29), 4, "years", date(2028, 2, 29)),
        (date(2004, 2, 29), 22, "years", date(2026, 3, 1)),
        (date(2026, 12, 25), 14, "days", date(2027, 1, 8)),
        (date(2028, 2, 28), 1, "days", date(2028, 2, 29)),
        (date(2026, 11, 21), 12, "months", date(2027, 11, 21)),
    ]
    for start, count, unit, expected in rows:
        assert add_wait(start, count, unit) == expected, (start, count, unit)


def test_isotretinoin_wait_at_inside_and_past_its_end() -> None:
    rule = SCREENING["isotretinoin_stopped"]
    wait = required_wait(rule)
    stopped = date(2026, 5, 21)
    end = add_wait(stopped, *wait)
    assert end == date(2026, 11, 21)  # the default 6 months
    h = PatientHistory(isotretinoin_stopped=stopped)
    inside = screen(h, as_of=end - timedelta(days=1))
    f = inside.findings[0]
    assert (f.code, f.decision, f.until, f.wait) == ("isotretinoin_stopped", Decision(rule["decision"]), end, wait)
    assert (f.title, f.reason, f.advice) == (rule["title"], rule["reason"], rule["advice"])
    assert inside.decision is Decision.DEFER and inside.earliest == end
    for day in (end, end + timedelta(days=1), end + timedelta(days=400)):
        past = screen(h, as_of=day)
        g = past.findings[0]
        assert past.decision is Decision(rule["after"]["decision"]) is Decision.PROCEED
        assert g.until is None and g.wait == wait
        assert (g.reason, g.advice) == (rule["after"]["reason"], rule["after"]["advice"])
        assert past.earliest is None
    # Stopped today: the full wait from today.
    assert screen(PatientHistory(isotretinoin_stopped=TODAY)).findings[0].until == add_wait(TODAY, *wait)


@pytest.mark.parametrize(
    ("stopped", "until"),
    [
        (date(2026, 8, 31), date(2027, 3, 1)),  # no 31 February: the 1st of March
        (date(2027, 8, 31), date(2028, 3, 1)),  # leap year, still no 31 February
        (date(2027, 8, 29), date(2028, 2, 29)),  # 29 February exists in 2028
        (date(2028, 8, 29), date(2029, 3, 1)),  # but not in 2029
        (date(2026, 7, 31), date(2027, 1, 31)),
        (date(2026, 12, 15), date(2027, 6, 15)),  # across a year end
    ],
)
def test_isotretinoin_until_counts_calendar_months_and_never_short(stopped: date, until: date) -> None:
    assert wait_of(SCREENING["isotretinoin_stopped"]) == (6, "months")  # the pinned dates assume the default wait
    for as_of in (stopped, until - timedelta(days=1)):
        e = screen(PatientHistory(isotretinoin_stopped=stopped), as_of=as_of)
        assert e.findings[0].until == until == e.earliest
        assert e.decision is Decision.DEFER
    assert screen(PatientHistory(isotretinoin_stopped=stopped), as_of=until).decision is Decision.PROCEED


@given(stopped=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)), gap=st.integers(0, 800))
def test_isotretinoin_decision_follows_the_calendar_wait(stopped: date, gap: int) -> None:
    rule = SCREENING["isotretinoin_stopped"]
    wait = required_wait(rule)
    as_of = stopped + timedelta(days=gap)
    end = add_wait(stopped, *wait)
    e = screen(PatientHistory(isotretinoin_stopped=stopped), as_of=as_of)
    assert end > stopped
    if as_of < end:
        assert (e.decision, e.findings[0].until, e.earliest) == (Decision(rule["decision"]), end, end)
    else:
        assert (e.decision, e.findings[0].until, e.earliest) == (Decision(rule["after"]["decision"]), None, None)


def test_radiotherapy_wait_then_clearance() -> None:
    rule = SCREENING["radiotherapy"]
    wait = required_wait(rule)
    ended = date(2026, 8, 31)
    end = add_wait(ended, *wait)
    assert end == date(2026, 12, 1)  # 3 months: no 31 November
    h = PatientHistory(radiotherapy_ended=ended)
    inside = screen(h, as_of=end - timedelta(days=1))
    assert inside.decision is Decision(rule["decision"]) is Decision.DEFER
    assert inside.earliest == end == inside.findings[0].until
    assert inside.findings[0].code == "radiotherapy"
    after = screen(h, as_of=end)
    assert after.decision is Decision(rule["after"]["decision"]) is Decision.NEEDS_CLEARANCE  # no authoritative interval
    assert after.findings[0].basis == rule["basis"] == "gap"
    assert after.findings[0].note == rule["note"]
    assert after.earliest is None and after.findings[0].until is None


def test_age_boundary_and_leap_birthdays() -> None:
    rule = SCREENING["age"]
    min_age = rule["min_age_years"]["value"]
    assert min_age == 22
    born = date(TODAY.year - min_age, TODAY.month, TODAY.day)
    h = PatientHistory(birth_date=born)
    day_before = screen(h, as_of=TODAY - timedelta(days=1))
    f = day_before.findings[0]
    assert (f.code, f.decision, f.until, f.wait) == ("age", Decision(rule["decision"]), TODAY, (min_age, "years"))
    assert day_before.decision is Decision.NEEDS_CLEARANCE
    assert day_before.earliest is None  # not a deferral
    for day in (TODAY, TODAY + timedelta(days=1)):  # the birthday, and after it
        e = screen(h, as_of=day)
        assert e.decision is Decision(rule["after"]["decision"]) is Decision.PROCEED
        assert e.findings[0].until is None and e.findings[0].reason == rule["after"]["reason"]
    # Born on 29 February: the birthday in a common year is the 1st of March.
    leap = PatientHistory(birth_date=date(2026 - min_age, 2, 29))
    feb28 = screen(leap, as_of=date(2026, 2, 28))
    assert feb28.decision is Decision.NEEDS_CLEARANCE and feb28.findings[0].until == date(2026, 3, 1)
    assert screen(leap, as_of=date(2026, 3, 1)).decision is Decision.PROCEED
    # Born on 28 February: the birthday is the 28th, leap year or not.
    for year in (2026, 2028):
        feb28_born = PatientHistory(birth_date=date(year - min_age, 2, 28))
        assert screen(feb28_born, as_of=date(year, 2, 27)).findings[0].until == date(year, 2, 28)
        assert screen(feb28_born, as_of=date(year, 2, 28)).decision is Decision.PROCEED
    # A newborn and an old patient.
    assert screen(PatientHistory(birth_date=TODAY)).findings[0].until == add_wait(TODAY, min_age, "years")
    assert screen(PatientHistory(birth_date=date(1930, 1, 1))).decision is Decision.PROCEED


@given(born=st.dates(min_value=date(1900, 1, 1), max_value=date(2040, 12, 31)), age_days=st.integers(0, 40 * 366))
def test_age_decision_follows_the_calendar_birthday(born: date, age_days: int) -> None:
    rule = SCREENING["age"]
    as_of = born + timedelta(days=age_days)
    birthday = add_wait(born, rule["min_age_years"]["value"], "years")
    f = screen(PatientHistory(birth_date=born), as_of=as_of).findings[0]
    if as_of < birthday:
        assert (f.decision, f.until) == (Decision(rule["decision"]), birthday)
    else:
        assert (f.decision, f.until) == (Decision(rule["after"]["decision"]), None)


def test_tan_counts_from_the_screening_date_and_a_scar_has_no_date() -> None:
    tan_wait = wait_of(SCREENING["conditions"]["tan"][0])
    assert tan_wait == (14, "days")
    tan = screen(PatientHistory("tan"), as_of=date(2026, 12, 25))
    assert tan.findings[0].until == date(2027, 1, 8) == add_wait(date(2026, 12, 25), *tan_wait) == tan.earliest
    assert tan.findings[0].wait == tan_wait
    scar_rule = SCREENING["conditions"]["recent_scar"][0]
    scar = screen(PatientHistory("recent_scar"))
    assert scar.decision is Decision.DEFER
    assert scar.findings[0].until is None
    assert scar.findings[0].wait == wait_of(scar_rule) == (12, "months")
    assert scar.earliest is None


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["isotretinoin_stopped", "radiotherapy_ended", "birth_date"])
def test_dates_after_the_screening_date_are_rejected(field: str) -> None:
    today: dict[str, Any] = {field: TODAY}
    tomorrow: dict[str, Any] = {field: TODAY + timedelta(days=1)}
    screen(PatientHistory(**today))  # the same day is not the future
    with pytest.raises(InvalidValueError) as info:
        screen(PatientHistory(**tomorrow))
    assert info.value.field == field
    assert str(info.value) == f"{field} 2026-11-22 is in the future (after the screening date 2026-11-21)"
    assert info.value.value == "2026-11-22"


def test_contradictory_and_impossible_input_is_rejected() -> None:
    with pytest.raises(InvalidValueError) as both:
        screen(PatientHistory("isotretinoin", isotretinoin_stopped=date(2026, 1, 1)))
    assert both.value.field == "isotretinoin_stopped"
    assert "contradicts the condition isotretinoin" in str(both.value)
    with pytest.raises(InvalidValueError) as impossible:
        PatientHistory(birth_date="2026-02-30")
    assert impossible.value.field == "birth_date"
    assert str(impossible.value) == "birth_date '2026-02-30' is not a date YYYY-MM-DD"
    with pytest.raises(InvalidValueError) as old:
        screen(PatientHistory(birth_date=date(1876, 11, 21)))
    assert old.value.field == "birth_date" and "more than 150 years" in str(old.value)
    screen(PatientHistory(birth_date=date(1876, 11, 22)))
    with pytest.raises(InvalidValueError) as deep:
        screen(PatientHistory(), example(0.0))
    assert deep.value.field == "depth"
    minimal = aftercare.load_protocol(ROOT / "tests" / "cpp" / "data" / "minimal_protocol.json")
    with pytest.raises(InvalidValueError) as bare:
        aftercare.screen(PatientHistory(), example(), as_of=TODAY, protocol=minimal)
    assert bare.value.field == "protocol"


@pytest.mark.parametrize("conditions", ["pregnant", ["pregnancy", "pregnant"], ("tan", "Pregnancy")])
def test_unknown_condition_is_rejected_naming_the_field(conditions: Any) -> None:
    with pytest.raises(InvalidValueError) as info:
        PatientHistory(conditions)
    allowed = ", ".join(c.value for c in Condition)
    bad = next(c for c in ([conditions] if isinstance(conditions, str) else conditions) if c not in set(Condition))
    assert info.value.field == "condition"
    assert info.value.allowed == allowed
    assert info.value.value == bad
    assert str(info.value) == f"condition '{bad}' is not one of {allowed} (did you mean 'pregnancy'?)"  # each is close to it
    with pytest.raises(TypeError, match="conditions"):
        PatientHistory([3])  # type: ignore[list-item]


def test_as_of_is_a_date_or_its_iso_text() -> None:
    h = PatientHistory(["tan"], isotretinoin_stopped="2026-07-31")
    by_date, by_text = screen(h, as_of=TODAY), screen(h, as_of="2026-11-21")
    assert by_date.as_of == by_text.as_of == TODAY and type(by_text.as_of) is date
    assert by_date.to_json() == by_text.to_json()
    assert by_date.findings == by_text.findings
    # A datetime is rejected, aware or naive: its date depends on a zone.
    for moment in (datetime(2026, 11, 21, 0, 30, tzinfo=ZoneInfo("Europe/Kyiv")), datetime(2026, 11, 21, 14, 0, tzinfo=UTC),
                   datetime(2026, 11, 21)):
        with pytest.raises(InvalidValueError) as info:
            screen(h, as_of=moment)
        assert info.value.field == "as_of"
        assert "is a datetime; pass a datetime.date" in str(info.value)
    for text in ("21/11/2026", "2026-11-31", "2026-13-01"):
        with pytest.raises(InvalidValueError) as bad:
            screen(h, as_of=text)
        assert bad.value.field == "as_of"
        assert str(bad.value) == f"as_of '{text}' is not a date YYYY-MM-DD"
    with pytest.raises(TypeError, match="as_of must be a datetime.date"):
        screen(h, as_of=20261121)  # type: ignore[arg-type]
    # History dates as datetimes are rejected the same way.
    with pytest.raises(InvalidValueError) as birth:
        PatientHistory(birth_date=datetime(2000, 1, 1, tzinfo=UTC))
    assert birth.value.field == "birth_date"


def test_the_screening_date_is_the_callers_local_date() -> None:
    """00:30 in Kyiv on 21 November is 20 November in UTC; the caller picks the date (as the command does)."""
    kyiv = ZoneInfo("Europe/Kyiv")
    t = example(treated_at=datetime(2026, 11, 21, 0, 30, tzinfo=kyiv))
    h = PatientHistory(birth_date=date(2004, 11, 21))
    assert t.treated_at is not None
    local, utc = t.treated_at.date(), t.treated_at.astimezone(UTC).date()
    assert (local, utc) == (date(2026, 11, 21), date(2026, 11, 20))
    assert screen(h, t, as_of=local).decision is Decision.PROCEED
    assert screen(h, t, as_of=utc).decision is Decision.NEEDS_CLEARANCE


# --- sources, exporters and the command -------------------------------------------------------------


def test_finding_sources_are_keys_of_the_protocols_sources() -> None:
    keys = {s.key for s in aftercare.default_protocol().sources}
    h = PatientHistory([c for c in Condition if c is not Condition.ISOTRETINOIN], isotretinoin_stopped=date(2026, 7, 31),
                       radiotherapy_ended=date(2026, 10, 1), birth_date=date(2010, 1, 1))
    e = screen(h, with_device(Device.RF, 6))
    assert len(e) == len(Condition) - 1 + 4
    assert {"isotretinoin_stopped", "radiotherapy", "age", "rf_skin_type_vi"} <= {f.code for f in e}
    for f in e:
        assert f.sources and set(f.sources) <= keys, f.code
    assert e.protocol == aftercare.default_protocol()
    assert e.treatment == with_device(Device.RF, 6)


def validate(doc: dict[str, Any], schema: dict[str, Any]) -> None:
    jsonschema.validate(doc, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_json_matches_the_schema_and_the_findings(screening_schema: dict[str, Any]) -> None:
    h = PatientHistory(["cold_sore_history", "tan", "recent_scar"], isotretinoin_stopped=date(2026, 7, 31), birth_date="1990-03-02")
    e = screen(h)
    doc = json.loads(e.to_json())
    validate(doc, screening_schema)
    assert doc["schema"] == "aftercare.screening/1"
    assert (doc["decision"], doc["earliest"], doc["as_of"]) == ("defer", None, "2026-11-21")
    assert [f["code"] for f in doc["findings"]] == [f.code for f in e]
    for j, f in zip(doc["findings"], e, strict=True):
        assert (j["decision"], j["title"], j["reason"], j["advice"], j["basis"]) == (f.decision, f.title, f.reason, f.advice, f.basis)
        # Absent values are left out.
        assert j.get("until") == (None if f.until is None else f.until.isoformat())
        assert j.get("note") == (f.note or None)
        assert ("wait" in j) == (f.wait is not None)
        if f.wait is not None:
            assert (j["wait"]["count"], j["wait"]["unit"]) == f.wait
        assert tuple(j["sources"]) == f.sources
        assert all(key in doc["sources"] for key in f.sources)
    assert e.to_json(indent=None) == json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    text = e.to_text()
    for part in ("Screening: DEFER", "DEFER: Isotretinoin (course ended) [isotretinoin_stopped] — until 2027-01-31",
                 "Wait: 12 months", "CAUTION: History of cold sores", "Sources", "Not medical advice"):
        assert part in text, part
    assert len(e.to_text(sources=False)) < len(text)


PEN_LONDON = ("--device", "pen", "--depth", "1.0", "--area", "face", "--skin-type", "3", "--treated-at", "2026-11-21T14:00",
              "--tz", "Europe/London")


@pytest.mark.parametrize(
    ("args", "history", "treatment", "tz"),
    [
        ((*PEN_LONDON, "--condition", "cold_sore_history", "--condition", "tan", "--isotretinoin-stopped", "2026-07-31",
          "--birth-date", "1990-03-02", "--as-of", "2026-11-21"),
         PatientHistory(["cold_sore_history", "tan"], isotretinoin_stopped="2026-07-31", birth_date="1990-03-02"),
         example(treated_at=datetime(2026, 11, 21, 14, 0, tzinfo=ZoneInfo("Europe/London"))), "Europe/London"),
        ((*PEN_LONDON, "--radiotherapy-ended", "2026-08-31", "--condition", "recent_scar", "--as-of", "2026-11-30"),
         PatientHistory("recent_scar", radiotherapy_ended=date(2026, 8, 31)),
         example(treated_at=datetime(2026, 11, 21, 14, 0, tzinfo=ZoneInfo("Europe/London"))), "Europe/London"),
        (("--device", "rf", "--depth", "1.0", "--skin-type", "VI", "--as-of", "2026-11-21", "--condition", "keloid_history",
          "--condition", "pregnancy", "--birth-date", "2008-02-29"),
         PatientHistory(["keloid_history", "pregnancy"], birth_date=date(2008, 2, 29)),
         example(device="rf", skin_type=6, treated_at=None), None),
    ],
    ids=["defer", "radiotherapy", "rf-without-time"],
)
def test_json_and_text_are_the_commands(run_cli: Any, screening_schema: dict[str, Any], args: tuple[str, ...],
                                        history: PatientHistory, treatment: aftercare.Treatment, tz: str | None) -> None:
    cli_json = run_cli("screen", *args, "--format", "json", check=True).stdout
    cli_text = run_cli("screen", *args, check=True).stdout
    validate(json.loads(cli_json), screening_schema)
    as_of = args[args.index("--as-of") + 1]
    e = aftercare.screen(history, treatment, as_of=as_of)
    assert e.to_json(tz) == cli_json
    assert e.to_text() == cli_text


def test_the_commands_default_screening_date_is_the_local_date_of_the_treatment(run_cli: Any) -> None:
    kyiv = ZoneInfo("Europe/Kyiv")
    t = example(treated_at=datetime(2026, 11, 21, 0, 30, tzinfo=kyiv))
    h = PatientHistory(birth_date="2004-11-21")
    cli = run_cli("screen", "--device", "pen", "--depth", "1.0", "--skin-type", "3", "--treated-at", "2026-11-21T00:30",
                  "--tz", "Europe/Kyiv", "--birth-date", "2004-11-21", "--format", "json", check=True).stdout
    assert t.treated_at is not None
    assert aftercare.screen(h, t, as_of=t.treated_at.date()).to_json(kyiv) == cli


# --- values and threads ---------------------------------------------------------------------------


def test_patient_history_is_a_hashable_value() -> None:
    a = PatientHistory(["tan", "pregnancy"], isotretinoin_stopped="2026-07-31", birth_date=date(1990, 3, 2))
    b = PatientHistory((Condition.PREGNANCY, Condition.TAN), isotretinoin_stopped=date(2026, 7, 31), birth_date="1990-03-02")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a.conditions == frozenset({Condition.TAN, Condition.PREGNANCY})
    assert all(type(c) is Condition for c in a.conditions)
    assert a.isotretinoin_stopped == date(2026, 7, 31) and type(a.birth_date) is date and a.radiotherapy_ended is None
    assert a != PatientHistory(["tan"], isotretinoin_stopped="2026-07-31", birth_date=date(1990, 3, 2))
    assert a != dataclasses.replace(a, birth_date=date(1990, 3, 3))
    assert PatientHistory() == PatientHistory(None) == PatientHistory([]) and PatientHistory().conditions == frozenset()
    assert PatientHistory("tan") == PatientHistory(Condition.TAN) == PatientHistory(["tan", "tan"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.birth_date = None  # type: ignore[misc]


@pytest.mark.parametrize(
    "history",
    [
        PatientHistory(),
        PatientHistory(["tan", "cold_sore_history"], isotretinoin_stopped="2026-07-31", birth_date="1990-03-02"),
        PatientHistory("recent_scar", radiotherapy_ended=date(2026, 8, 31), birth_date=date(2004, 2, 29)),
    ],
    ids=repr,
)
def test_patient_history_pickles_and_copies(history: PatientHistory) -> None:
    for back in (pickle.loads(pickle.dumps(history)), copy.deepcopy(history), copy.copy(history)):
        assert back == history and hash(back) == hash(history)
        assert back.native.conditions == history.native.conditions
        assert screen(back).to_json() == screen(history).to_json()


def test_screen_from_threads_gives_equal_results() -> None:
    rf = with_device(Device.RF, 6)
    h = PatientHistory(["tan", "keloid_history", "cold_sore_history", "pregnancy"], isotretinoin_stopped=date(2026, 8, 31),
                       birth_date=date(2005, 1, 1))
    reference = screen(h, rf)
    assert reference.decision is Decision.DO_NOT_TREAT

    def work(_: int) -> bool:
        return all(screen(h, rf).findings == reference.findings and screen(h, rf).to_json() == reference.to_json() for _ in range(40))

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(pool.map(work, range(8)))
