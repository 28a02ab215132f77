"""aftercare.plan: the scenarios of tests/cpp/plan_tests.cpp, through Python."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from support import T0, H, end_of, example, numbers, stage_until

import aftercare
from aftercare import Adjunct, Area, Device, EntryKind, HistoryFlag, Indication, Likelihood, ReminderMode


def test_example_pen_treatment_has_every_kind_of_entry() -> None:
    p = aftercare.plan(example())
    assert p.tier == "moderate"
    assert {e.kind for e in p} == set(EntryKind)
    for code in ("effect.redness", "effect.swelling", "effect.sensitivity", "effect.peeling", "effect.pinpoint_bleeding",
                 "effect.bruising", "effect.itching", "restriction.makeup", "restriction.sun", "restriction.actives",
                 "restriction.exercise", "restriction.swimming_heat", "restriction.alcohol", "restriction.touching",
                 "restriction.procedures", "care.first_wash", "care.cleanse", "care.moisturise", "care.sunscreen",
                 "care.sunscreen_reapply", "care.pillowcase", "milestone.normal_skincare", "red_flag.airway"):
        assert code in p, code
    assert p.find("care.antiviral") is None  # no cold-sore history
    assert "care.elevate_head" not in p  # not RF
    with pytest.raises(KeyError):
        p["care.antiviral"]


def test_example_windows_match_the_protocol_table() -> None:
    p = aftercare.plan(example())
    redness = p["effect.redness"]
    assert redness.kind is EntryKind.EFFECT
    assert redness.onset == timedelta(0)
    assert redness.end == 48 * H
    assert redness.abnormal_after == 168 * H
    assert redness.likelihood is Likelihood.EXPECTED
    assert redness.end_range == (3 * H, 168 * H)
    assert stage_until(p, "restriction.makeup", "restriction.makeup.none") == 24 * H
    assert stage_until(p, "restriction.makeup", "restriction.makeup.mineral_only") == 48 * H
    assert stage_until(p, "restriction.sun", "restriction.sun.strict") == 240 * H
    assert end_of(p, "restriction.sun") == 336 * H
    assert end_of(p, "restriction.actives") == 168 * H
    assert p["care.first_wash"].onset == 6 * H
    assert p["care.cleanse"].onset == 24 * H
    assert p["care.sunscreen_reapply"].end == 240 * H


def test_absolute_times_follow_treated_at() -> None:
    p = aftercare.plan(example())
    for e in p:
        assert e.start == T0 + e.onset
        if e.end is not None:
            assert e.finish == T0 + e.end
        for s in e.stages:
            assert s.until_at == T0 + s.until
    relative = aftercare.plan(example(treated_at=None))
    assert all(e.start is None and e.finish is None for e in relative)
    assert relative.treatment.treated_at is None


def test_entries_are_plain_python_values() -> None:
    p = aftercare.plan(example())
    makeup = p["restriction.makeup"]
    assert isinstance(makeup.stages, tuple) and all(isinstance(s.until, timedelta) for s in makeup.stages)
    assert isinstance(makeup.sources, tuple) and all(type(s) is str for s in makeup.sources)
    assert type(makeup.code) is str and type(makeup.title) is str
    # Entries outlive the plan and are values: they compare, hash, pickle and copy.
    entries = p.entries
    del p
    again = aftercare.plan(example()).entries
    assert entries == again
    assert hash(entries) == hash(again)
    assert pickle.loads(pickle.dumps(entries)) == entries
    assert copy.deepcopy(entries) == entries
    with pytest.raises(dataclasses.FrozenInstanceError):
        entries[0].code = "x"  # type: ignore[misc]


# --- each modifier --------------------------------------------------------------------------


def test_rf_lengthens_redness_and_makeup_and_adds_head_elevation() -> None:
    a = aftercare.plan(example(1.0))
    b = aftercare.plan(example(1.0, device=Device.RF))
    assert end_of(b, "effect.redness") == 72 * H
    assert end_of(a, "effect.redness") == 48 * H
    assert stage_until(b, "restriction.makeup", "restriction.makeup.none") == 48 * H
    assert stage_until(b, "restriction.makeup", "restriction.makeup.mineral_only") == 72 * H
    assert "care.elevate_head" in b
    assert b["care.sunscreen"].onset == 48 * H
    assert b["effect.redness"].notes  # says why
    assert not a["effect.redness"].notes


def test_prp_adds_a_day_of_redness_and_a_provider_note() -> None:
    t = example()
    prp = dataclasses.replace(t, adjuncts={"prp"})
    assert prp.adjuncts == frozenset({Adjunct.PRP})
    assert end_of(aftercare.plan(prp), "effect.redness") == end_of(aftercare.plan(t), "effect.redness") + 24 * H
    assert "note.prp_provider" in {n.code for n in aftercare.plan(prp).notes}


def test_periorbital_bruises_more() -> None:
    pf = aftercare.plan(example(0.5))
    pe = aftercare.plan(example(0.5, area="periorbital"))
    a, b = pf["effect.bruising"], pe["effect.bruising"]
    order = list(Likelihood)
    assert a.likelihood is not None and b.likelihood is not None
    assert order.index(b.likelihood) > order.index(a.likelihood)
    assert a.end is not None and b.end is not None and b.end > a.end
    assert end_of(pe, "effect.swelling") >= 72 * H
    assert "note.orbital_rim" in {n.code for n in pe.notes}


def test_scalp_and_body_swell_longer() -> None:
    face = end_of(aftercare.plan(example(0.5)), "effect.swelling")
    scalp = aftercare.plan(example(0.5, area=Area.SCALP))
    assert end_of(scalp, "effect.swelling") == 96 * H
    assert scalp["effect.itching"].likelihood is Likelihood.COMMON
    for area in ("back", "abdomen", "thighs", "arms"):
        swelling = end_of(aftercare.plan(example(0.5, area=area)), "effect.swelling")
        assert swelling == 120 * H
        assert swelling > face


@pytest.mark.parametrize("skin", [1, 2, 3])
def test_lighter_skin_has_the_short_sun_restriction(skin: int) -> None:
    p = aftercare.plan(example(0.5, skin_type=skin))
    assert stage_until(p, "restriction.sun", "restriction.sun.strict") == 72 * H
    assert end_of(p, "restriction.sun") == 336 * H


@pytest.mark.parametrize("skin", [4, 5, 6, "IV", "V", "VI"])
def test_skin_types_iv_to_vi_extend_sun_protection(skin: int | str) -> None:
    p = aftercare.plan(example(0.5, skin_type=skin))
    assert stage_until(p, "restriction.sun", "restriction.sun.strict") == 336 * H
    assert end_of(p, "restriction.sun") == 672 * H
    assert p["care.sunscreen"].end == 672 * H  # sunscreen follows the restriction


def test_pigmentation_history_extends_sun_protection() -> None:
    p = aftercare.plan(example(0.5, skin_type=2, history={HistoryFlag.PIGMENTATION_HISTORY}))
    assert end_of(p, "restriction.sun") == 672 * H


def test_cold_sore_history_adds_the_antiviral_reminder() -> None:
    p = aftercare.plan(example(history="cold_sore_history"))
    e = p["care.antiviral"]
    assert e.remind is ReminderMode.DAILY
    assert e.sources


def test_home_roller_gets_the_shallow_plan_and_a_stop_note() -> None:
    p = aftercare.plan(example(0.25, device="home_roller"))
    assert p.tier == "cosmetic"
    assert "restriction.nothing_on_skin" not in p
    assert len(p["restriction.makeup"].stages) == 1
    assert p["care.first_wash"].onset == timedelta(0)
    assert "note.home_device" in {n.code for n in p.notes}


def test_areas_without_data_say_so() -> None:
    assert "note.area_no_data" in {n.code for n in aftercare.plan(example(area="hands")).notes}


# --- the course -----------------------------------------------------------------------------


def test_next_session_and_final_assessment_come_from_the_indication() -> None:
    t = example(indication=Indication.ACNE_SCARS)
    p = aftercare.plan(t)
    assert p["milestone.next_session"].onset == 672 * H
    assert p["milestone.next_session"].end == 1008 * H
    assert p["milestone.final_assessment"].onset == 2 * 672 * H + 2160 * H
    last = aftercare.plan(dataclasses.replace(t, session=3))
    assert "milestone.next_session" not in last
    assert last["milestone.final_assessment"].onset == 2160 * H
    assert "milestone.next_session" not in aftercare.plan(dataclasses.replace(t, session=7))
    assert "milestone.final_assessment" not in aftercare.plan(example())


def test_darker_skin_never_gets_intervals_below_four_weeks_except_the_studied_hair_protocol() -> None:
    def next_session(**changes: object) -> timedelta:
        return aftercare.plan(example(**changes))["milestone.next_session"].onset

    assert next_session(skin_type=5, indication="stretch_marks") == 672 * H
    assert next_session(skin_type=5, indication="hair_loss", area="scalp") == 168 * H
    assert next_session(skin_type=2, indication="pigmentation") == 720 * H


def test_boundaries_of_depth_are_inclusive() -> None:
    assert aftercare.plan(example(0.1)).tier == "cosmetic"
    assert aftercare.plan(example(3.0, device="rf")).tier == "deep"  # plain needling stops at 2.5 mm
    assert aftercare.plan(example(0.5, device="home_roller")).tier == "light"
    assert aftercare.plan(example(0.5, device="rf")).tier == "light"


# --- plans, batches and the objects around them -----------------------------------------------


def test_plans_batch_equals_one_by_one() -> None:
    cohort = [example(d / 10, device=dev) for dev in ("pen", "rf") for d in range(5, 26, 5)]
    batch = aftercare.plans(cohort)
    assert [numbers(p) for p in batch] == [numbers(aftercare.plan(t)) for t in cohort]
    assert [p.treatment for p in batch] == cohort
    assert aftercare.plans([]) == []
    assert len(aftercare.plans(t for t in cohort)) == len(cohort)  # any iterable


def test_a_bad_treatment_in_a_batch_is_named() -> None:
    cohort = [example(), example(), example(4.0)]
    with pytest.raises(aftercare.InvalidValueError) as info:
        aftercare.plans(cohort)
    assert str(info.value) == "depth 4.0 mm is outside 0.1–3.0 mm"
    assert info.value.__notes__ == ["in treatment 2 of the batch"]


def test_plan_zone_defaults_to_the_treatment_zone() -> None:
    kyiv = ZoneInfo("Europe/Kyiv")
    t = example(treated_at=datetime(2026, 11, 21, 16, 0, tzinfo=kyiv))  # 14:00 UTC
    p = aftercare.plan(t)
    assert p.tz == kyiv
    assert p["effect.redness"].finish == datetime(2026, 11, 23, 16, 0, tzinfo=kyiv)
    assert p["effect.redness"].finish.tzinfo is kyiv  # type: ignore[union-attr]
    utc = p.in_zone("UTC")
    assert utc.tz == ZoneInfo("UTC")
    assert utc["effect.redness"].finish == p["effect.redness"].finish
    assert aftercare.plan(t, tz=None).tz == kyiv
    assert aftercare.plan(example()).tz is UTC  # datetime.timezone.utc stays UTC
    assert aftercare.plan(example(), tz="America/New_York")["effect.redness"].finish.utcoffset() == -5 * H  # type: ignore[union-attr]


def test_plan_is_a_value_that_pickles_and_knows_its_inputs() -> None:
    proto = aftercare.default_protocol()
    p = aftercare.plan(example(), protocol=proto, tz="Europe/London")
    assert p.protocol == proto
    assert p.treatment == example()
    assert len(p) == len(p.entries) > 20
    assert [e.code for e in p.of_kind("effect")][0] == "effect.redness"
    again = pickle.loads(pickle.dumps(p))
    assert again.entries == p.entries and again.tz == p.tz
    assert "moderate tier" in repr(p) and "Europe/London" in repr(p)


def test_treatment_is_a_frozen_hashable_value() -> None:
    t = example(adjuncts=["prp"], indication="acne_scars", history=("cold_sore_history",))
    assert t.device is Device.PEN and t.area is Area.FACE and t.indication is Indication.ACNE_SCARS
    assert t == example(adjuncts=("prp",), indication=Indication.ACNE_SCARS, history="cold_sore_history")
    assert len({t, dataclasses.replace(t)}) == 1
    assert pickle.loads(pickle.dumps(t)) == t
    assert copy.deepcopy(t) == t
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.depth_mm = 2.0  # type: ignore[misc]
    assert repr(t).startswith("Treatment(device='pen', depth_mm=1.0, area='face', skin_type=3, adjuncts=('prp',), ")
    assert dataclasses.asdict(t)["device"] == "pen"
    assert t.to_dict()["adjuncts"] == ["prp"]
    assert aftercare.Treatment(**t.to_dict()) == t
    assert example(1.0004).depth_mm == 1.0  # micrometres, like the core


def test_treated_at_keeps_its_zone_and_whole_seconds() -> None:
    london = ZoneInfo("Europe/London")
    t = example(treated_at=datetime(2026, 6, 1, 9, 30, 15, 999_999, tzinfo=london))
    assert t.treated_at == datetime(2026, 6, 1, 9, 30, 15, tzinfo=london)
    assert t.treated_at.tzinfo is london  # type: ignore[union-attr]
    assert t.native.treated_at == datetime(2026, 6, 1, 8, 30, 15, tzinfo=UTC)


def test_check_uses_the_protocol_limits() -> None:
    example(3.0, device="rf").check()
    with pytest.raises(aftercare.InvalidValueError, match="too deep for a pen"):
        example(3.0).check()
    minimal = aftercare.load_protocol(aftercare_minimal_protocol())
    with pytest.raises(aftercare.InvalidValueError, match="depth 3.0 mm is outside 0.2–2.0 mm"):
        example(3.0).check(minimal)
    p = aftercare.plan(example(0.5), protocol=minimal)
    assert [e.code for e in p] == ["effect.redness", "restriction.makeup", "care.moisturise"]
    assert p.protocol.id == "clinic.example.minimal"


def aftercare_minimal_protocol() -> str:
    from conftest import ROOT

    return str(ROOT / "tests" / "cpp" / "data" / "minimal_protocol.json")
