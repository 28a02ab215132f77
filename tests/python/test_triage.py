"""aftercare.triage: the scenarios of tests/cpp/triage_tests.cpp, through Python.

Window levels and red-flag boundaries are derived from each plan's entries and from the protocol's
"triage" and "red_flags" sections, so they follow the data; a few expectations of the default
protocol are pinned as the C++ tests pin them.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import pathlib
import pickle
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from conftest import ROOT
from support import LATER, T0, H, example

import aftercare
from aftercare import InvalidValueError, ReportAssessment, Severity, Sign, Symptom, SymptomReport, TriageLevel

PROTOCOL: dict[str, Any] = json.loads(aftercare.default_protocol().text)
TRIAGE: dict[str, Any] = PROTOCOL["triage"]
RED_FLAGS: dict[str, dict[str, Any]] = {r["code"]: r for r in PROTOCOL["red_flags"]}
#: The effect each symptom belongs to (redness → effect.redness), for the symptoms that have one.
EFFECT_OF: dict[str, str] = {s: d["effect"] for s, d in PROTOCOL["symptoms"].items() if "effect" in d}
LEVELS: list[TriageLevel] = list(TriageLevel)
SEVERITIES: list[Severity] = list(Severity)
S = timedelta(seconds=1)
M = timedelta(minutes=1)
D = timedelta(days=1)
KYIV = ZoneInfo("Europe/Kyiv")
LONDON = ZoneInfo("Europe/London")


def rank(level: TriageLevel | str) -> int:
    """The position of a level in expected < monitor < contact_clinic < urgent < emergency."""
    return LEVELS.index(TriageLevel(level))


def at(symptom: Symptom | str, after: timedelta, severity: Severity | str | None = None,
       signs: Iterable[Sign | str] = ()) -> SymptomReport:
    return SymptomReport(symptom, after=after, severity=severity, signs=tuple(signs))


def assess(p: aftercare.Plan, reports: Sequence[SymptomReport]) -> tuple[ReportAssessment, ...]:
    """Every report in one call (the core assesses each independently)."""
    a = aftercare.triage(p, reports, as_of=LATER)
    assert len(a) == len(reports)
    return a.reports


def one(p: aftercare.Plan, report: SymptomReport) -> ReportAssessment:
    return assess(p, [report])[0]


def rules(ra: ReportAssessment) -> list[str]:
    return [f.rule for f in ra.matched]


def outcome(name: str) -> tuple[TriageLevel, str]:
    """The level and rule code of a window outcome of the protocol ("expected" → triage.expected)."""
    return TriageLevel(TRIAGE[name]["level"]), f"triage.{name}"


def satisfying(rule: dict[str, Any], after: timedelta) -> SymptomReport:
    """A report that meets every condition of red-flag `rule` except, perhaps, the time."""
    signs = list(rule.get("signs_all", ())) + list(rule.get("signs_any", ())[:1])
    return at(rule.get("symptoms", ["redness"])[0], after, rule.get("min_severity"), signs)


def treatment_name(t: aftercare.Treatment) -> str:
    return f"{t.device} {t.depth_mm} mm {t.area}" + (" prp" if t.adjuncts else "")


# Treatments that exercise every tier, device and modifier class of the default protocol (as the C++ tests).
TREATMENTS: list[aftercare.Treatment] = [
    example(0.25, device="home_roller"),
    example(0.25),
    example(0.5, area="neck"),
    example(1.0),
    example(1.0, area="periorbital"),
    example(1.5, area="scalp"),
    example(2.0, area="abdomen", adjuncts={"prp"}),
    example(1.0, device="rf"),
    example(3.0, device="rf", area="back", adjuncts={"prp"}),
]
by_treatment = pytest.mark.parametrize("t", TREATMENTS, ids=treatment_name)


@pytest.fixture(scope="module")
def pen() -> aftercare.Plan:
    """The plan of the example treatment: a 1.0 mm pen on the face, ended 2026-11-21 14:00 UTC."""
    return aftercare.plan(example())


# --- the window levels, derived from each plan -------------------------------------------------


def fires_at_any_time(p: aftercare.Plan, symptom: str) -> bool:
    """A red flag in the plan that the symptom fires at any time, without signs or severity."""
    return any(symptom in r.get("symptoms", []) and code in p and not r.get("signs_any") and not r.get("signs_all")
               and "min_severity" not in r and "past" not in r and "from_h" not in r and "until_h" not in r
               for code, r in RED_FLAGS.items())


@by_treatment
def test_window_levels_at_every_boundary(t: aftercare.Treatment) -> None:
    p = aftercare.plan(t)
    checked = 0
    for symptom, effect in EFFECT_OF.items():
        e = p.find(effect)
        if e is None or fires_at_any_time(p, symptom):
            continue  # after a home device or very short needles bruising is never "expected": its own test
        assert e.end is not None and e.abnormal_after is not None, effect
        onset, end, abnormal = e.onset, e.end, e.abnormal_after
        cases: list[tuple[timedelta, str]] = []
        if onset > timedelta(0):
            cases.append((onset - S, "early"))
        cases += [(onset, "expected"), (end, "expected")]
        if end < abnormal:
            cases += [(end + S, "settling"), (abnormal, "settling")]
        reports = [at(symptom, when) for when, _ in cases] + [at(symptom, abnormal + S)]
        *inside, past = assess(p, reports)
        for (when, name), ra in zip(cases, inside, strict=True):
            assert (ra.level, ra.decided.rule) == outcome(name), (symptom, when)
            assert ra.after == when
            assert ra.window is not None
            assert (ra.window.effect, ra.window.onset, ra.window.typical_end, ra.window.abnormal_after) == (
                effect, onset, end, abnormal)
            assert (ra.window.onset_at, ra.window.typical_end_at) == (e.start, e.finish)
            assert ra.window.abnormal_after_at == T0 + abnormal
            assert ra.seen_at == T0 + when
        # The abnormal point itself is not past it; one second later the effect's "past" rule fires.
        assert rank(inside[-1].level) < rank(TriageLevel.CONTACT_CLINIC)
        past_rules = [code for code, r in RED_FLAGS.items() if r.get("past") == effect and code in p
                      and symptom in r.get("symptoms", [symptom]) and not r.get("signs_any") and not r.get("signs_all")]
        past_rules.sort(key=lambda code: -rank(TriageLevel(RED_FLAGS[code]["level"])))  # highest first, stable
        if past_rules:
            assert past.decided.rule == past_rules[0], symptom
            assert past.level == TriageLevel(RED_FLAGS[past_rules[0]]["level"])
            assert "triage.overdue" not in rules(past)
        else:
            assert (past.level, past.decided.rule) == outcome("overdue")
        checked += 1
    assert checked >= 6


@by_treatment
def test_the_window_is_the_plans_entry_for_the_symptoms_effect(t: aftercare.Treatment) -> None:
    p = aftercare.plan(t)
    for symptom in Symptom:
        ra = one(p, at(symptom, H))
        effect = EFFECT_OF.get(symptom)
        if effect is None or effect not in p:
            assert ra.window is None, symptom
        else:
            assert ra.window is not None and ra.window.effect == effect


# --- every red-flag rule, derived from the protocol ----------------------------------------------


@by_treatment
def test_every_red_flag_at_inside_and_past_its_window(t: aftercare.Treatment) -> None:
    p = aftercare.plan(t)
    flags = p.of_kind("red_flag")
    assert len(flags) >= 25
    for e in flags:
        rule = RED_FLAGS[e.code]
        assert e.level == TriageLevel(rule["level"]), e.code
        # (when, fires?) at the edges of the rule's window in this plan.
        if "past" in rule:
            edges = [(e.onset, False), (e.onset + S, True), (e.onset + 60 * D, True)]  # strictly after the abnormal point
            inside = e.onset + S
        else:
            edges = [(e.onset, True)]  # from is inclusive
            if e.onset > timedelta(0):
                edges.append((e.onset - S, False))
            if e.end is not None:
                edges += [(e.end - S, True), (e.end, False)]  # until is exclusive
            else:
                edges.append((e.onset + 365 * D, True))  # no end: any time after
            inside = e.onset
        results = assess(p, [satisfying(rule, when) for when, _ in edges])
        for (when, fires), ra in zip(edges, results, strict=True):
            assert (e.code in rules(ra)) == fires, (e.code, when)
            if fires:
                assert rank(ra.level) >= rank(rule["level"])
                assert next(f for f in ra.matched if f.rule == e.code).level == TriageLevel(rule["level"])

        # Without its signs, below its minimum severity, or for a symptom it does not name, it does not fire.
        variants: list[SymptomReport] = []
        base = satisfying(rule, inside)
        if rule.get("signs_all") or rule.get("signs_any"):
            variants.append(at(base.symptom, inside, base.severity))
        if rule.get("min_severity", "mild") != "mild":
            below = SEVERITIES[SEVERITIES.index(Severity(rule["min_severity"])) - 1]
            variants += [at(base.symptom, inside, below, base.signs), at(base.symptom, inside, None, base.signs)]
        named = rule.get("symptoms")
        if named and len(named) < len(Symptom):
            other = next(s for s in Symptom if s not in named)
            variants.append(at(other, inside, base.severity, base.signs))
        for variant, ra in zip(variants, assess(p, variants), strict=True):
            assert e.code not in rules(ra), (e.code, variant)


def test_red_flags_follow_the_treatment() -> None:
    """A rule with a treatment condition is in the plans it applies to only (rf_blisters: RF)."""
    for code, rule in RED_FLAGS.items():
        when = rule.get("when")
        if when is None:
            assert all(code in aftercare.plan(t) for t in TREATMENTS), code
            continue
        assert set(when) <= {"device", "history", "depth_mm"}, f"{code}: a condition this test does not know: {when}"

        def applies(t: aftercare.Treatment) -> bool:
            depth = when.get("depth_mm", {})
            return ((t.device in when.get("device", [t.device]))
                    and (not when.get("history") or bool(set(t.history) & set(when["history"])))
                    and t.depth_mm <= depth.get("max", t.depth_mm) and t.depth_mm > depth.get("over", -1.0))
        for t in [*TREATMENTS, example(history={"anticoagulants"})]:
            assert (code in aftercare.plan(t)) == applies(t), (code, treatment_name(t))


# --- pinned expectations of the default protocol (a 1.0 mm pen on the face) ---------------------

PINNED: list[tuple[str, timedelta, str, str]] = [
    ("redness", 0 * H, "expected", "triage.expected"),
    ("redness", 48 * H, "expected", "triage.expected"),
    ("redness", 48 * H + S, "monitor", "triage.settling"),
    ("redness", 168 * H, "monitor", "triage.settling"),
    ("redness", 168 * H + S, "contact_clinic", "red_flag.redness_persistent"),
    ("bruising", 120 * H, "expected", "triage.expected"),
    ("bruising", 240 * H, "monitor", "triage.settling"),
    ("bruising", 240 * H + S, "contact_clinic", "red_flag.bruising_persistent"),
    ("bleeding", 1 * H, "expected", "triage.expected"),
    ("bleeding", 6 * H, "monitor", "triage.settling"),
    ("bleeding", 6 * H + S, "contact_clinic", "red_flag.bleeding_persistent"),
    ("peeling", 48 * H - S, "monitor", "triage.early"),
    ("peeling", 48 * H, "expected", "triage.expected"),
    ("peeling", 168 * H + S, "contact_clinic", "red_flag.peeling_persistent"),
    ("itching", 12 * H, "monitor", "triage.early"),
    ("bumps", 168 * H - S, "monitor", "red_flag.bumps_early"),
    ("bumps", 168 * H, "contact_clinic", "red_flag.bumps_late"),
    ("dark_patches", 10 * H, "monitor", "red_flag.dark_patches_early"),
    ("dark_patches", 168 * H, "contact_clinic", "red_flag.dark_patches"),
    ("grid_marks", 24 * H, "monitor", "red_flag.grid_marks_early"),
    ("grid_marks", 168 * H, "contact_clinic", "red_flag.grid_marks"),
    ("pus", 0 * H, "contact_clinic", "red_flag.pus"),
    ("cold_sore", 72 * H, "contact_clinic", "red_flag.cold_sore"),
    ("blisters", 24 * H, "contact_clinic", "red_flag.blisters"),
    ("rash", 24 * H, "contact_clinic", "red_flag.rash"),
]


@pytest.mark.parametrize(("symptom", "when", "level", "rule"), PINNED)
def test_pinned_levels_of_the_default_protocol(pen: aftercare.Plan, symptom: str, when: timedelta, level: str, rule: str) -> None:
    ra = one(pen, at(symptom, when))
    assert (ra.level, ra.decided.rule) == (level, rule)
    assert ra.level is TriageLevel(level)
    assert ra.decided.reason and ra.decided.advice and ra.decided.title and ra.decided.sources
    assert ra.matched[0] == ra.decided
    # The words are the protocol's.
    if rule.startswith("red_flag."):
        assert (ra.decided.title, ra.decided.reason, ra.decided.advice) == (
            RED_FLAGS[rule]["title"], RED_FLAGS[rule]["text"], RED_FLAGS[rule]["advice"])
    else:
        words = TRIAGE[rule.removeprefix("triage.")]
        assert (ra.decided.title, ra.decided.reason, ra.decided.advice) == (words["title"], words["text"], words["advice"])


def test_signs_that_are_red_flags_at_any_time(pen: aftercare.Plan) -> None:
    level = {code: TriageLevel(r["level"]) for code, r in RED_FLAGS.items()}
    for when in (0 * H, S, 10 * H, 47 * H, 200 * H, 2000 * H):
        pus, fever, spreading, warm, rash, swelling, reappeared, cold_sore, bruising = assess(pen, [
            at("pus", when),
            at("pus", when, signs=["fever"]),
            at("pus", when, signs=["spreading"]),
            at("redness", when, signs=["spreading", "warm"]),
            at("rash", when, signs=["spreading"]),
            at("swelling", when, signs=["fever"]),
            at("redness", when, signs=["reappeared"]),
            at("cold_sore", when),
            at("bruising", when, signs=["spreading"]),
        ])
        assert (pus.level, pus.decided.rule) == (level["red_flag.pus"], "red_flag.pus"), when
        assert (fever.level, fever.decided.rule) == (level["red_flag.fever"], "red_flag.fever")
        assert fever.level is TriageLevel.URGENT
        assert spreading.level == level["red_flag.spreading"] == TriageLevel.URGENT
        assert "red_flag.pus" in rules(fever) and "red_flag.pus" in rules(spreading)  # listed, but outranked
        assert warm.decided.rule == "red_flag.spreading_warm"
        assert rash.level is TriageLevel.URGENT
        assert swelling.decided.rule == "red_flag.fever"
        assert rank(reappeared.level) >= rank(TriageLevel.CONTACT_CLINIC)
        assert cold_sore.level == level["red_flag.cold_sore"] == TriageLevel.CONTACT_CLINIC
        assert rank(bruising.level) >= rank(TriageLevel.CONTACT_CLINIC)


def test_worsening_pain_from_its_hour_and_bleeding_that_will_not_stop(pen: aftercare.Plan) -> None:
    worsening = RED_FLAGS["red_flag.worsening"]
    start = worsening["from_h"]["value"] * H
    assert start == pen["red_flag.worsening"].onset == 48 * H
    before, on = assess(pen, [at("pain", start - S, signs=["worsening"]), at("pain", start, signs=["worsening"])])
    assert before.level is TriageLevel.EXPECTED and "red_flag.worsening" not in rules(before)
    assert (on.level, on.decided.rule) == (TriageLevel(worsening["level"]), "red_flag.worsening")
    bleeding = one(pen, at("bleeding", 10 * M, "severe"))
    assert (bleeding.level, bleeding.decided.rule) == (TriageLevel.URGENT, "red_flag.bleeding_severe")
    assert not bleeding.raised_by_severity


@by_treatment
def test_airway_symptoms_are_an_emergency_at_any_time(t: aftercare.Treatment) -> None:
    airway = RED_FLAGS["red_flag.airway"]
    assert TriageLevel(airway["level"]) is TriageLevel.EMERGENCY
    assert set(airway["symptoms"]) == {"lip_swelling", "breathing_difficulty"}
    cases = [(s, when, sev) for s in (Symptom.LIP_SWELLING, Symptom.BREATHING_DIFFICULTY)
             for when in (0 * H, S, H, 72 * H, 8760 * H) for sev in (None, Severity.MILD, Severity.SEVERE)]
    results = assess(aftercare.plan(t), [at(s, when, sev) for s, when, sev in cases])
    for case, ra in zip(cases, results, strict=True):
        assert ra.level is TriageLevel.EMERGENCY, case
        assert ra.decided.rule == "red_flag.airway"
        assert ra.decided.advice == airway["advice"]
        assert not ra.raised_by_severity  # capped: nothing above emergency


def test_blisters_after_rf_are_urgent_and_after_a_pen_are_for_the_clinic(pen: aftercare.Plan) -> None:
    after_rf = one(aftercare.plan(example(device="rf")), at("blisters", 24 * H))
    assert after_rf.level == TriageLevel(RED_FLAGS["red_flag.rf_blisters"]["level"]) == TriageLevel.URGENT
    assert after_rf.decided.rule == "red_flag.rf_blisters"
    assert "red_flag.blisters" in rules(after_rf)
    after_pen = one(pen, at("blisters", 24 * H))
    assert after_pen.level == TriageLevel(RED_FLAGS["red_flag.blisters"]["level"]) == TriageLevel.CONTACT_CLINIC
    assert "red_flag.rf_blisters" not in rules(after_pen)


# --- highest level wins -------------------------------------------------------------------------


def test_the_highest_level_wins_across_reports_and_rules(pen: aftercare.Plan) -> None:
    reports = [at("redness", 10 * H), at("pus", 30 * H), at("lip_swelling", 2 * H), at("peeling", 72 * H)]
    a = aftercare.triage(pen, reports)
    assert a.level is TriageLevel.EMERGENCY
    assert [r.level for r in a] == [TriageLevel.EXPECTED, TriageLevel.CONTACT_CLINIC, TriageLevel.EMERGENCY, TriageLevel.EXPECTED]
    assert [r.report for r in a.reports] == reports  # in the order given
    assert a.reports == tuple(a) and len(a) == len(reports)
    assert all(r.report is given for r, given in zip(a.reports, reports, strict=True))
    assert a.plan is pen
    # The overall level is the highest report's, whichever subset is given.
    for i in range(len(reports)):
        subset = reports[: i + 1]
        assert aftercare.triage(pen, subset).level == max((r.level for r in a.reports[: i + 1]), key=rank)

    # Within a report: every matching rule is listed, highest first; the first of a level decides.
    ra = one(pen, at("redness", 20 * H, signs=["spreading", "warm", "fever"]))
    assert (ra.level, ra.decided.rule) == (TriageLevel.URGENT, "red_flag.spreading_warm")
    assert {"red_flag.fever", "red_flag.spreading", "triage.expected"} <= set(rules(ra))
    assert ra.matched[0] == ra.decided
    assert [rank(f.level) for f in ra.matched] == sorted((rank(f.level) for f in ra.matched), reverse=True)

    # Same level: the rule listed first in the protocol decides; red flags before window levels.
    tie = one(pen, at("redness", 169 * H, signs=["reappeared"]))
    assert tie.decided.rule == "red_flag.reappeared"
    assert "red_flag.redness_persistent" in rules(tie)
    order = list(RED_FLAGS)
    assert order.index("red_flag.reappeared") < order.index("red_flag.redness_persistent")

    empty = aftercare.triage(pen, [])
    assert empty.level is TriageLevel.EXPECTED and len(empty) == 0 and empty.reports == ()
    # Any iterable of reports.
    assert aftercare.triage(pen, (r for r in reports)).level is TriageLevel.EMERGENCY


# --- severity -----------------------------------------------------------------------------------


def test_severe_raises_by_at_least_one_level(pen: aftercare.Plan) -> None:
    raise_by = TRIAGE["severe"]["raise_levels"]
    assert raise_by >= 1
    itch = one(pen, at("itching", 48 * H, "severe"))
    plain_itch = one(pen, at("itching", 48 * H))
    assert plain_itch.decided.rule == "triage.expected"
    assert rank(itch.level) == min(rank(plain_itch.level) + raise_by, rank(TriageLevel.EMERGENCY))
    assert itch.level is TriageLevel.MONITOR
    assert itch.decided.rule == "triage.severe" and itch.raised_by_severity
    assert itch.decided.advice == TRIAGE["actions"][itch.level]  # the action for the raised level
    assert itch.decided.reason == TRIAGE["severe"]["text"]
    assert "triage.expected" in rules(itch)
    pus = one(pen, at("pus", 30 * H, "severe"))
    assert pus.level is TriageLevel.URGENT and pus.raised_by_severity and pus.decided.rule == "triage.severe"
    # Excessive redness inside the window is for the clinic by its own rule (InMode), not by the raise.
    red = one(pen, at("redness", 10 * H, "severe"))
    assert (red.level, red.decided.rule) == (TriageLevel.CONTACT_CLINIC, "red_flag.excessive")
    assert not red.raised_by_severity
    assert one(pen, at("redness", 10 * H, "moderate")).level is TriageLevel.EXPECTED


@by_treatment
def test_severe_is_never_below_the_raise_of_the_same_report_without_severity(t: aftercare.Treatment) -> None:
    p = aftercare.plan(t)
    raise_by = TRIAGE["severe"]["raise_levels"]
    sign_sets: list[tuple[str, ...]] = [(), ("warm",), ("worsening",), ("spreading",), ("reappeared",), ("fever",)]
    cases = [(s, when, signs) for s in Symptom for when in (0 * H, H, 7 * H, 47 * H, 100 * H, 200 * H, 400 * H)
             for signs in sign_sets]
    plain, mild, moderate, severe = (
        assess(p, [at(s, when, sev, signs) for s, when, signs in cases]) for sev in (None, "mild", "moderate", "severe"))
    for case, n, lo, mid, hi in zip(cases, plain, mild, moderate, severe, strict=True):
        floor = min(rank(n.level) + raise_by, rank(TriageLevel.EMERGENCY))
        assert lo.level == n.level, case
        assert rank(mid.level) >= rank(lo.level), case
        assert rank(hi.level) >= floor, case
        assert hi.raised_by_severity == (hi.decided.rule == "triage.severe"), case
        assert not (n.raised_by_severity or lo.raised_by_severity or mid.raised_by_severity)


# --- a clinic's protocol: overdue and not covered ------------------------------------------------


def clinic_protocol(with_triage: bool = True) -> aftercare.Protocol:
    """tests/cpp/data/minimal_protocol.json, with a triage section but without red flags."""
    doc = json.loads((ROOT / "tests" / "cpp" / "data" / "minimal_protocol.json").read_text(encoding="utf-8"))
    if with_triage:
        def out(level: str, title: str) -> dict[str, Any]:
            return {"level": level, "title": title, "text": f"{title} text", "advice": f"{title} advice",
                    "basis": "synthesis", "sources": ["CLINIC_SOP"]}

        doc["triage"] = {
            "actions": {"expected": "a0", "monitor": "a1", "contact_clinic": "a2", "urgent": "a3", "emergency": "a4",
                        "sources": ["CLINIC_SOP"]},
            "early": out("monitor", "early"),
            "expected": out("expected", "expected"),
            "settling": out("monitor", "settling"),
            "overdue": out("urgent", "overdue"),
            "not_covered": out("contact_clinic", "not covered"),
            "severe": {"raise_levels": 2, "title": "severe", "text": "severe text", "sources": ["CLINIC_SOP"]},
        }
    return aftercare.parse_protocol(json.dumps(doc), "clinic.json")


def test_overdue_and_not_covered_come_from_the_triage_section() -> None:
    p = aftercare.plan(example(), protocol=clinic_protocol())
    assert not p.of_kind("red_flag")
    abnormal = p["effect.redness"].abnormal_after
    assert abnormal is not None
    settling, overdue, pus, severe = assess(p, [
        at("redness", abnormal), at("redness", abnormal + S), at("pus", H), at("pus", H, "severe")])
    assert settling.decided.rule == "triage.settling"
    assert (overdue.decided.rule, overdue.level, overdue.decided.advice) == ("triage.overdue", TriageLevel.URGENT, "overdue advice")
    assert (pus.decided.rule, pus.level, pus.window) == ("triage.not_covered", TriageLevel.CONTACT_CLINIC, None)
    # raise_levels 2: severe not-covered goes from contact_clinic to emergency, with that level's action.
    assert (severe.level, severe.decided.advice, severe.raised_by_severity) == (TriageLevel.EMERGENCY, "a4", True)
    assert severe.decided.reason == "severe text"


def test_a_protocol_without_a_triage_section_cannot_triage() -> None:
    p = aftercare.plan(example(), protocol=clinic_protocol(with_triage=False))
    with pytest.raises(InvalidValueError) as info:
        aftercare.triage(p, [at("pus", H)])
    assert info.value.field == "protocol"
    assert 'no "triage" section' in str(info.value)


# --- time ---------------------------------------------------------------------------------------


def test_seen_at_and_after_are_the_same_report_when_the_plan_has_a_time(pen: aftercare.Plan) -> None:
    seen = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)  # 7 d 19 h after 21 Nov 14:00 UTC
    by_instant = [SymptomReport("redness", seen_at=seen.astimezone(tz)) for tz in (UTC, KYIV, LONDON, timezone(timedelta(hours=-5)))]
    by_hours = at("redness", seen - T0)
    assert seen - T0 == 187 * H
    results = assess(pen, [*by_instant, by_hours])
    for ra in results:
        assert ra.after == 187 * H
        assert ra.seen_at == seen
        assert ra.decided == results[-1].decided
        assert ra.decided.rule == "red_flag.redness_persistent"
    a, b = aftercare.triage(pen, by_instant[:1]), aftercare.triage(pen, [by_hours])
    assert a.to_json() == b.to_json() and a.to_text() == b.to_text()
    # The report keeps the zone it was given in; the assessment speaks in the plan's zone.
    assert by_instant[1].seen_at is not None and by_instant[1].seen_at.tzinfo is KYIV
    assert by_instant[1].after is None and by_hours.seen_at is None
    kyiv_plan = aftercare.plan(example(), tz="Europe/Kyiv")
    ra = one(kyiv_plan, by_hours)
    assert ra.seen_at == seen and ra.seen_at is not None and ra.seen_at.tzinfo == KYIV
    assert ra.seen_at.utcoffset() == timedelta(hours=2)
    assert ra.window is not None and ra.window.typical_end_at is not None and ra.window.typical_end_at.tzinfo == KYIV
    # Exactly at the end of treatment is fine.
    start = one(pen, SymptomReport("redness", seen_at=T0))
    assert (start.after, start.level) == (timedelta(0), TriageLevel.EXPECTED)


def test_a_plan_without_a_treatment_time_takes_after_only() -> None:
    relative = aftercare.plan(example(treated_at=None))
    ra = one(relative, at("redness", 187 * H))
    assert ra.decided.rule == "red_flag.redness_persistent"
    assert ra.seen_at is None
    assert ra.window is not None
    assert (ra.window.onset_at, ra.window.typical_end_at, ra.window.abnormal_after_at) == (None, None, None)
    with pytest.raises(InvalidValueError) as info:
        aftercare.triage(relative, [at("pus", H), SymptomReport("redness", seen_at=T0 + 5 * H)])
    assert info.value.field == "reports[1].seen_at"
    assert "no treatment time" in str(info.value)


def test_a_time_before_the_treatment_is_rejected(pen: aftercare.Plan) -> None:
    with pytest.raises(InvalidValueError) as before:
        aftercare.triage(pen, [at("pus", H), SymptomReport("redness", seen_at=T0 - S)])
    assert before.value.field == "reports[1].seen_at"
    assert str(before.value) == "reports[1].seen_at 2026-11-21T13:59:59Z is before the end of treatment (2026-11-21T14:00:00Z)"
    # The same instant in another zone is the same instant.
    with pytest.raises(InvalidValueError):
        aftercare.triage(pen, [SymptomReport("redness", seen_at=(T0 - S).astimezone(KYIV))])
    with pytest.raises(InvalidValueError) as negative:
        aftercare.triage(pen, [at("redness", -S)])
    assert negative.value.field == "reports[0].hours_after"
    assert "before the end of treatment" in str(negative.value)


def test_a_time_after_as_of_is_rejected(pen: aftercare.Plan) -> None:
    as_of = T0 + 24 * H
    assert aftercare.triage(pen, [at("redness", 24 * H)], as_of=as_of).level is TriageLevel.EXPECTED  # at as_of: fine
    assert aftercare.triage(pen, [SymptomReport("redness", seen_at=as_of)], as_of=as_of.astimezone(KYIV)).level is TriageLevel.EXPECTED
    for late in (at("redness", 24 * H + S), SymptomReport("redness", seen_at=as_of + S)):
        with pytest.raises(InvalidValueError) as info:
            aftercare.triage(pen, [at("pus", H), late], as_of=as_of)
        assert info.value.field == "reports[1].seen_at"
        assert "is in the future" in str(info.value)
    with pytest.raises(InvalidValueError) as naive:
        aftercare.triage(pen, [at("redness", H)], as_of=datetime(2026, 11, 22, 14, 0))
    assert naive.value.field == "as_of"
    assert "naive datetime" in str(naive.value)


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field", "enum", "bad", "hint"),
    [
        ({"symptom": "rednes"}, "symptom", Symptom, "rednes", " (did you mean 'redness'?)"),
        ({"signs": ["warm", "hot"]}, "sign", Sign, "hot", ""),
        ({"signs": "hot"}, "sign", Sign, "hot", ""),
        ({"severity": "awful"}, "severity", Severity, "awful", ""),
    ],
)
def test_unknown_codes_are_rejected_with_the_allowed_list(kwargs: dict[str, Any], field: str, enum: type[StrEnum], bad: str,
                                                          hint: str) -> None:
    args: dict[str, Any] = {"symptom": "redness", "after": H} | kwargs
    with pytest.raises(InvalidValueError) as info:
        SymptomReport(args.pop("symptom"), **args)
    allowed = ", ".join(m.value for m in enum)
    assert info.value.field == field
    assert info.value.allowed == allowed
    assert info.value.value == bad
    assert str(info.value) == f"{field} '{bad}' is not one of {allowed}{hint}"
    assert isinstance(info.value, ValueError) and info.value.id == "aftercare.invalid_value"


def test_unknown_symptom_message_lists_every_code() -> None:
    with pytest.raises(InvalidValueError) as info:
        SymptomReport("rednes", after=H)
    assert "redness, swelling, pain" in info.value.allowed
    assert "breathing_difficulty" in str(info.value)
    assert list(PROTOCOL["symptoms"]) == [s.value for s in Symptom]  # the protocol names every symptom


@pytest.mark.parametrize("kwargs", [{}, {"seen_at": T0, "after": H}, {"seen_at": None, "after": None}])
def test_exactly_one_of_seen_at_and_after(kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidValueError) as info:
        SymptomReport("redness", **kwargs)
    assert info.value.field == "seen_at"
    assert "exactly one of seen_at" in str(info.value)
    assert "exactly one of seen_at" in info.value.allowed


def test_naive_and_mistyped_times_are_rejected() -> None:
    with pytest.raises(InvalidValueError) as naive:
        SymptomReport("redness", seen_at=datetime(2026, 11, 22, 9, 0))
    assert naive.value.field == "seen_at"
    assert str(naive.value).startswith("seen_at 2026-11-22 09:00:00 is a naive datetime (no tzinfo)")
    assert naive.value.allowed == "an aware datetime (with tzinfo)"
    with pytest.raises(TypeError, match="after must be a datetime.timedelta"):
        SymptomReport("redness", after=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="seen_at must be an aware datetime.datetime"):
        SymptomReport("redness", seen_at="2026-11-22T09:00")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="severity must be a str code"):
        SymptomReport("redness", after=H, severity=3)  # type: ignore[arg-type]


def test_enums_are_accepted_as_members_or_codes(pen: aftercare.Plan) -> None:
    by_member = SymptomReport(Symptom.PUS, after=30 * H, severity=Severity.SEVERE, signs=[Sign.FEVER, Sign.WARM])
    by_code = SymptomReport("pus", after=30 * H, severity="severe", signs=("warm", "fever"))
    assert by_member == by_code
    assert by_code.symptom is Symptom.PUS and by_code.severity is Severity.SEVERE
    assert by_code.signs == frozenset({Sign.FEVER, Sign.WARM})
    assert all(type(s) is Sign for s in by_code.signs)
    # One sign alone, as a member or a code; none as None or ().
    assert SymptomReport("pus", after=H, signs=Sign.FEVER).signs == SymptomReport("pus", after=H, signs="fever").signs == {Sign.FEVER}
    assert SymptomReport("pus", after=H, signs=None).signs == SymptomReport("pus", after=H).signs == frozenset()
    a, b = aftercare.triage(pen, [by_member]), aftercare.triage(pen, [by_code])
    assert a.reports[0].decided == b.reports[0].decided
    assert a.to_json() == b.to_json()


def test_finding_sources_are_keys_of_the_protocols_sources(pen: aftercare.Plan) -> None:
    keys = {s.key for s in pen.protocol.sources}
    reports = [at(s, when, sev, signs) for s in Symptom for when in (0 * H, 30 * H, 100 * H, 300 * H)
               for sev in (None, "severe") for signs in ((), ("spreading", "warm", "fever"), ("worsening", "reappeared"))]
    findings = [f for ra in assess(pen, reports) for f in ra.matched]
    assert len({f.rule for f in findings}) >= 30
    for f in findings:
        assert f.sources, f.rule
        assert set(f.sources) <= keys, f.rule
        if f.rule in RED_FLAGS:
            assert set(RED_FLAGS[f.rule]["sources"]) <= set(f.sources), f.rule


# --- exporters: the schema and the command's output ------------------------------------------------


def validate(doc: dict[str, Any], schema: dict[str, Any]) -> None:
    jsonschema.validate(doc, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_json_matches_the_schema_and_the_assessment(pen: aftercare.Plan, triage_schema: dict[str, Any]) -> None:
    reports = [at("redness", 187 * H, "mild", ["warm"]), at("peeling", 72 * H, "severe"), at("lip_swelling", 0 * H)]
    a = aftercare.triage(pen, reports)
    doc = json.loads(a.to_json())
    validate(doc, triage_schema)
    assert doc["schema"] == "aftercare.triage/1"
    assert doc["protocol"]["id"] == pen.protocol.id
    assert doc["level"] == a.level
    assert doc["action"] == TRIAGE["actions"][a.level]
    assert set(doc["sources"]) <= {s.key for s in pen.protocol.sources}
    for j, ra in zip(doc["reports"], a, strict=True):
        assert (j["symptom"], j["level"], j["rule"], j["raised_by_severity"]) == (ra.report.symptom, ra.level, ra.decided.rule,
                                                                                 ra.raised_by_severity)
        assert j["hours_after"] == ra.after / H
        assert [m["rule"] for m in j["matched"]] == rules(ra)
        assert tuple(j["sources"]) == ra.decided.sources
        assert datetime.fromisoformat(j["seen_at"]) == ra.seen_at
        assert all(key in doc["sources"] for key in j["sources"])
    # Compact, and another zone for one export.
    assert a.to_json(indent=None) == json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    kyiv = json.loads(a.to_json("Europe/Kyiv"))
    validate(kyiv, triage_schema)
    assert kyiv["time_zone"] == "Europe/Kyiv"
    assert kyiv["reports"][0]["seen_at"] == "2026-11-29T11:00:00+02:00"
    # A plan without a treatment time.
    relative = json.loads(aftercare.triage(aftercare.plan(example(treated_at=None)), reports).to_json())
    validate(relative, triage_schema)
    assert relative["reports"][0]["seen_at"] is None


# The same input as tests/python/test_cli_triage.py: a treatment that ended in the past, reports before --as-of.
CLI_REPORTS: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (("--symptom", "redness", "--seen-at", "2026-11-18T09:00", "--severity", "mild", "--sign", "warm"),
     {"symptom": "redness", "seen_at": datetime(2026, 11, 18, 9, 0), "severity": "mild", "signs": ["warm"]}),
    (("--symptom", "pus", "--hours-after", "30", "--sign", "fever"), {"symptom": "pus", "after": 30 * H, "signs": ["fever"]}),
    (("--symptom", "peeling", "--severity", "severe", "--hours-after", "60"), {"symptom": "peeling", "after": 60 * H, "severity": "severe"}),
    (("--symptom", "lip_swelling", "--hours-after", "2.5"), {"symptom": "lip_swelling", "after": 150 * M}),
    (("--symptom", "bumps", "--hours-after", "200", "--sign", "worsening", "--sign", "spreading"),
     {"symptom": "bumps", "after": 200 * H, "signs": ["worsening", "spreading"]}),
]


def python_report(spec: dict[str, Any], tz: dt.tzinfo) -> SymptomReport:
    spec = dict(spec)
    if "seen_at" in spec:
        spec["seen_at"] = spec["seen_at"].replace(tzinfo=tz)  # the command reads local times in --tz
    return SymptomReport(spec.pop("symptom"), **spec)


@pytest.mark.parametrize("zone", ["Europe/London", "Europe/Kyiv"])
def test_json_and_text_are_the_commands(run_cli: Any, triage_schema: dict[str, Any], zone: str) -> None:
    tz = ZoneInfo(zone)
    args = ["--device", "pen", "--depth", "1.0", "--area", "face", "--skin-type", "3", "--treated-at", "2026-11-10T14:00",
            "--tz", zone, "--as-of", "2026-12-31T23:59"]
    for cli_args, _ in CLI_REPORTS:
        args += cli_args
    cli_json = run_cli("triage", *args, "--format", "json", check=True).stdout
    cli_text = run_cli("triage", *args, check=True).stdout
    t = example(treated_at=datetime(2026, 11, 10, 14, 0, tzinfo=tz))
    a = aftercare.triage(aftercare.plan(t), [python_report(spec, tz) for _, spec in CLI_REPORTS],
                         as_of=datetime(2026, 12, 31, 23, 59, tzinfo=tz))
    assert a.to_json() == cli_json
    assert a.to_text() == cli_text
    validate(json.loads(cli_json), triage_schema)
    assert a.level is TriageLevel.EMERGENCY
    # The plan's zone is the default; naming it gives the same document.
    assert a.to_json(zone) == cli_json and a.to_text(zone) == cli_text
    assert len(a.to_text(sources=False)) < len(cli_text)


def test_json_and_text_are_the_commands_without_a_treatment_time(run_cli: Any) -> None:
    args = ("--device", "pen", "--depth", "1", "--skin-type", "3", "--symptom", "redness", "--hours-after", "200",
            "--symptom", "pus", "--hours-after", "0.5", "--sign", "spreading")
    a = aftercare.triage(aftercare.plan(example(treated_at=None)), [at("redness", 200 * H), at("pus", 30 * M, signs=["spreading"])])
    assert a.to_json() == run_cli("triage", *args, "--format", "json", check=True).stdout
    assert a.to_text() == run_cli("triage", *args, check=True).stdout


def test_the_reports_file_gives_the_same_assessment(run_cli: Any, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "reports.json"
    path.write_text(json.dumps({"reports": [
        {"symptom": "redness", "seen_at": "2026-11-18T09:00", "severity": "mild", "signs": ["warm"]},
        {"symptom": "lip_swelling", "hours_after": 2},
    ]}), encoding="utf-8")
    cli = run_cli("triage", "--device", "pen", "--depth", "1.0", "--area", "face", "--skin-type", "3", "--treated-at",
                  "2026-11-10T14:00", "--tz", "Europe/London", "--as-of", "2026-12-31T23:59", "--reports", str(path),
                  "--format", "json", check=True).stdout
    t = example(treated_at=datetime(2026, 11, 10, 14, 0, tzinfo=LONDON))
    a = aftercare.triage(aftercare.plan(t), [
        SymptomReport("redness", seen_at=datetime(2026, 11, 18, 9, 0, tzinfo=LONDON), severity="mild", signs="warm"),
        SymptomReport("lip_swelling", after=2 * H),
    ])
    assert a.to_json() == cli
    assert [r.level for r in a] == [TriageLevel.CONTACT_CLINIC, TriageLevel.EMERGENCY]


# --- values and threads ---------------------------------------------------------------------------


def test_symptom_report_is_a_hashable_value(pen: aftercare.Plan) -> None:
    a = at("redness", 3 * H, "mild", ["warm", "spreading"])
    b = at("redness", 3 * H, "mild", ["spreading", "warm"])
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != at("redness", 3 * H, "mild", ["warm"])
    assert a != at("redness", 3 * H, "severe", ["warm", "spreading"])
    assert a != at("redness", 3 * H + S, "mild", ["warm", "spreading"])
    assert a != SymptomReport("redness", seen_at=T0 + 3 * H, severity="mild", signs=["warm", "spreading"])  # different kinds of time
    # The same instant in two zones is the same report.
    x = SymptomReport("pus", seen_at=T0 + 3 * H)
    y = SymptomReport("pus", seen_at=(T0 + 3 * H).astimezone(KYIV))
    assert x == y and hash(x) == hash(y)
    # Whole seconds, as the core keeps them.
    assert at("pus", 3 * H + timedelta(microseconds=400)) == at("pus", 3 * H)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.symptom = Symptom.PUS  # type: ignore[misc]


def test_reports_an_hour_apart_in_a_fall_back_hour_are_different() -> None:
    first = SymptomReport("redness", seen_at=datetime(2026, 10, 25, 1, 30, tzinfo=LONDON))  # 00:30 UTC (BST)
    second = SymptomReport("redness", seen_at=datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=LONDON))  # 01:30 UTC (GMT)
    p = aftercare.plan(example(treated_at=datetime(2026, 10, 24, 14, 0, tzinfo=LONDON)))
    a, b = assess(p, [first, second])
    assert b.after - a.after == H  # the core sees two instants
    assert first != second
    assert len({first, second}) == 2


@pytest.mark.parametrize(
    "report",
    [
        SymptomReport("redness", after=187 * H, severity="mild", signs=["warm"]),
        SymptomReport("pus", seen_at=datetime(2026, 11, 23, 9, 30, tzinfo=KYIV), signs=["fever", "spreading"]),
        SymptomReport("breathing_difficulty", after=timedelta(0)),
    ],
    ids=repr,
)
def test_symptom_report_pickles_and_copies(pen: aftercare.Plan, report: SymptomReport) -> None:
    for back in (pickle.loads(pickle.dumps(report)), copy.deepcopy(report), copy.copy(report)):
        assert back == report and hash(back) == hash(report)
        assert back.seen_at == report.seen_at
        assert (back.seen_at is None) or (report.seen_at is not None and back.seen_at.tzinfo == report.seen_at.tzinfo)
        assert (back.symptom, back.after, back.severity, back.signs) == (report.symptom, report.after, report.severity, report.signs)
        assert aftercare.triage(pen, [back]).to_json() == aftercare.triage(pen, [report]).to_json()
    shown = repr(report)
    assert shown.startswith(f"SymptomReport('{report.symptom}'")
    assert eval(shown, {"SymptomReport": SymptomReport, "datetime": dt, "zoneinfo": __import__("zoneinfo")}) == report  # noqa: S307


def test_triage_from_threads_gives_equal_results(pen: aftercare.Plan) -> None:
    reports = [at("redness", 170 * H, "mild", ["warm"]), at("pus", 30 * H, "severe"), at("bumps", 200 * H), at("peeling", 10 * H),
               SymptomReport("lip_swelling", seen_at=(T0 + 2 * H).astimezone(KYIV))]
    reference = aftercare.triage(pen, reports)
    expected = [(r.level, r.decided, r.matched, r.after, r.seen_at) for r in reference]
    expected_json = reference.to_json()
    plans = [pen, aftercare.plan(example(device="rf")), aftercare.plan(example(0.25, device="home_roller"))]
    other = [aftercare.triage(p, reports).to_json() for p in plans]

    def work(_: int) -> bool:
        for _ in range(40):
            a = aftercare.triage(pen, reports)
            if [(r.level, r.decided, r.matched, r.after, r.seen_at) for r in a] != expected or a.to_json() != expected_json:
                return False
            if [aftercare.triage(p, reports).to_json() for p in plans] != other:
                return False
        return True

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(pool.map(work, range(8)))
