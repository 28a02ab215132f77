"""aftercare.schedule through Python: the scenarios of tests/cpp/reminders_tests.cpp, with every
expectation derived from the plan's entries, the protocol's check-ins or the documented rules
(docs/reminders.md), and the exports read back by real parsers (jsonschema, icalendar +
recurring-ical-events, pandas).

Aware datetimes that share a tzinfo compare and subtract on the wall clock (PEP 495), so instants
are compared in UTC here (`utc()`), and wall-clock readings with `.astimezone(zone)`.
"""

from __future__ import annotations

import collections
import dataclasses
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import jsonschema
import numpy as np
import pandas as pd
import pytest
import recurring_ical_events
from support import H, example

import aftercare
from aftercare import EntryKind, ReminderAnchor, ReminderKind, ReminderMode, RoutineSlot

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
MIN = timedelta(minutes=1)
DAY = timedelta(days=1)
KIND_ORDER = list(ReminderKind)  # the C++ enum's order: routine, lifted, check_in, milestone


# --- helpers: the documented rules, computed with zoneinfo --------------------------------------


def treated(zone: str, y: int, mo: int, d: int, hh: int, mm: int, **changes: Any) -> aftercare.Treatment:
    """The example treatment (pen 1.0 mm, face, skin type III) ended at a wall-clock time in `zone`."""
    return example(treated_at=datetime(y, mo, d, hh, mm, tzinfo=ZoneInfo(zone)), **changes)


def utc(at: datetime | None) -> datetime:
    assert at is not None and at.utcoffset() is not None, at
    return at.astimezone(UTC)


def wall(day: date, t: time, zone: ZoneInfo) -> datetime:
    """The instant of a wall-clock time by the DST rule (RFC 5545 §3.3.5). PEP 495's fold=0 reading is
    exactly that rule: of two readings it takes the earlier, and a time in a spring-forward gap is
    read with the offset before the gap, i.e. it moves forward by the gap."""
    return datetime.combine(day, t, tzinfo=zone).astimezone(UTC)


def exists(day: date, t: time, zone: ZoneInfo) -> bool:
    naive = datetime.combine(day, t)
    return wall(day, t, zone).astimezone(zone).replace(tzinfo=None) == naive


def offsets(day: date, t: time, zone: ZoneInfo) -> tuple[timedelta, timedelta]:
    """PEP 495: at a transition, fold=0 reads a wall-clock time with the offset before it, fold=1 after."""
    local = datetime.combine(day, t, tzinfo=zone)
    before, after = local.utcoffset(), local.replace(fold=1).utcoffset()
    assert before is not None and after is not None
    return before, after


def gap(day: date, t: time, zone: ZoneInfo) -> timedelta:
    """The length of the spring-forward gap `t` falls in on `day` (zero when it exists)."""
    before, after = offsets(day, t, zone)
    return max(after - before, timedelta(0))


def ambiguous(day: date, t: time, zone: ZoneInfo) -> bool:
    """Whether `t` happens twice on `day` (a fall-back overlap)."""
    before, after = offsets(day, t, zone)
    return before > after


def minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def hhmm(m: int) -> time:
    return time(m // 60, m % 60)


def in_quiet_hours(at: datetime, zone: ZoneInfo, times: dict[str, time]) -> bool:
    tod = at.astimezone(zone).time()
    return not (times["wake"] <= tod < times["bed"])


def shown_at(due: datetime, zone: ZoneInfo, times: dict[str, time]) -> datetime:
    """docs/reminders.md: an elapsed reminder due in quiet hours [bed, next wake) is shown at the next
    wake time (due at or after bed: the next day's; before wake: that day's), the wake time itself
    resolved by the DST rule; otherwise it is shown when due."""
    local = due.astimezone(zone)
    tod = local.time()
    if times["wake"] <= tod < times["bed"]:
        return utc(due)
    day = local.date() + (DAY if tod >= times["bed"] else timedelta(0))
    at = wall(day, times["wake"], zone)
    if at < utc(due):  # an ambiguous wake time whose first reading is before `due`: the next one is the later reading
        at = datetime.combine(day, times["wake"], tzinfo=zone).replace(fold=1).astimezone(UTC)
    return at


def check_ins(p: aftercare.Plan) -> dict[str, timedelta]:
    """The protocol's check-ins: code -> time after treatment (the protocol file's at_h)."""
    return {c["code"]: timedelta(hours=c["at_h"]["value"]) for c in json.loads(p.protocol.text)["check_ins"]}


def due_by_plan(p: aftercare.Plan) -> dict[str, datetime]:
    """When each elapsed reminder is due, from the plan: a stage's until_at for its ".lifted" notice,
    the entry's start for one-off care and milestones without a slot, treated_at + the protocol's
    time for check-ins."""
    assert p.treatment.treated_at is not None
    out: dict[str, datetime] = {}
    for e in p:
        if e.kind == EntryKind.RESTRICTION:
            for s in e.stages:
                assert s.until_at is not None
                out[s.code + ".lifted"] = s.until_at
        elif e.kind in (EntryKind.CARE, EntryKind.MILESTONE) and e.remind == ReminderMode.ONCE and not e.slots:
            assert e.start is not None
            out[e.code] = e.start
    for code, after in check_ins(p).items():
        out[code] = utc(p.treatment.treated_at) + after  # in UTC: an aware + timedelta is wall-clock arithmetic
    return out


def series_of(s: aftercare.Schedule, code: str) -> aftercare.Series:
    return next(x for x in s.series if x.code == code)


def reminder(s: aftercare.Schedule, code: str) -> aftercare.Reminder:
    return next(r for r in s.reminders if r.code == code)


def expected_defaults(wake: int, bed: int) -> dict[str, time]:
    """The slot defaults of docs/reminders.md (minutes after midnight), clamped into [wake, bed)."""
    def clamp(m: int) -> int:
        return min(max(m, wake), bed - 1)
    morning, evening, bedtime = clamp(wake + 30), clamp(bed - 90), clamp(bed - 30)
    lo, hi = min(morning, evening), max(morning, evening)
    midday = clamp(13 * 60 if lo < 13 * 60 < hi else lo + (hi - lo) // 2)
    return {"wake": hhmm(wake), "bed": hhmm(bed), "morning": hhmm(morning), "midday": hhmm(midday),
            "evening": hhmm(evening), "bedtime": hhmm(bedtime)}


@pytest.fixture(scope="module")
def london_example() -> aftercare.Schedule:
    """The example: pen 1.0 mm, face, skin III, ended Sat 2026-11-21 14:00 in London; wake 07:00, bed 22:30."""
    return aftercare.schedule(aftercare.plan(treated("Europe/London", 2026, 11, 21, 14, 0)), wake="07:00", bed="22:30")


# --- the example schedule -------------------------------------------------------------------------


def test_example_has_each_kind_in_the_patients_zone(london_example: aftercare.Schedule) -> None:
    s = london_example
    assert s.zone_name == "Europe/London" and s.tz == LONDON  # the plan's zone, by default
    assert {r.kind for r in s} == set(ReminderKind)
    assert {r.anchor for r in s} == set(ReminderAnchor)
    assert list(s) == list(s.reminders) and len(s) == len(s.reminders) > 40
    for r in s:
        for at in (r.at, r.due, r.window_end):
            if at is not None:
                assert at.tzinfo == LONDON and at.utcoffset() is not None, r.code
        assert r.title and r.text and r.sources, r.code
        assert r.at.utcoffset() == r.at.astimezone(LONDON).utcoffset()
    # The check-ins are the protocol's; they have no plan entry.
    p = s.plan
    assert {r.code for r in s if r.kind == ReminderKind.CHECK_IN} == set(check_ins(p))
    assert all(r.entry is None for r in s if r.kind == ReminderKind.CHECK_IN)
    assert all(r.entry in p for r in s if r.kind != ReminderKind.CHECK_IN)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.reminders[0].at = s.reminders[1].at  # type: ignore[misc]


def test_example_wall_clock_reminders_are_at_their_slot_times(london_example: aftercare.Schedule) -> None:
    s = london_example
    times = s.times
    wake, bed = minutes(times["wake"]), minutes(times["bed"])
    assert (wake, bed) == (7 * 60, 22 * 60 + 30)
    assert times == expected_defaults(wake, bed)
    wall_clock = [r for r in s if r.anchor == ReminderAnchor.WALL_CLOCK]
    assert len(wall_clock) > 30
    for r in wall_clock:
        assert r.slot is not None and r.entry is not None
        entry = s.plan[r.entry]
        assert r.slot in entry.slots and entry.kind == EntryKind.CARE
        assert r.at.astimezone(LONDON).time() == times[r.slot.value], r  # no DST change in late November
        assert utc(r.due) == utc(r.at)
        # Daily care is "entry.slot" in a series; one-off care at a slot keeps the entry's code.
        if entry.remind == ReminderMode.DAILY:
            assert r.code == f"{entry.code}.{r.slot.value}" and r.series == r.code
            assert entry.start is not None and entry.finish is not None
            assert utc(entry.start) <= utc(r.at) < utc(entry.finish)  # inside the care window
        else:
            assert entry.remind == ReminderMode.ONCE and r.code == entry.code and r.series is None
            # The first time the slot's wall-clock time comes at or after the entry's onset.
            assert entry.start is not None and utc(entry.start) <= utc(r.at) < utc(entry.start) + DAY


def test_example_elapsed_reminders_are_the_plans_times(london_example: aftercare.Schedule) -> None:
    s = london_example
    p = s.plan
    treated_at = p.treatment.treated_at
    horizon = s.horizon
    assert treated_at is not None and horizon is not None
    due = due_by_plan(p)
    elapsed = [r for r in s if r.anchor == ReminderAnchor.ELAPSED]
    for r in elapsed:
        assert r.slot is None and r.series is None
        assert utc(r.due) == utc(due[r.code]), r.code
        assert utc(r.at) == shown_at(r.due, LONDON, s.times), r.code
    # Named examples: a lifted restriction is due when its stage ends, the first wash at its onset.
    mineral = reminder(s, "restriction.makeup.none.lifted")
    stage = next(st for st in p["restriction.makeup"].stages if st.code == "restriction.makeup.none")
    assert mineral.kind == ReminderKind.LIFTED and mineral.entry == "restriction.makeup"
    assert utc(mineral.due) == utc(stage.until_at) and mineral.text == stage.lifted_text
    wash = reminder(s, "care.first_wash")
    assert wash.kind == ReminderKind.ROUTINE and utc(wash.at) == utc(treated_at) + p["care.first_wash"].onset
    # Every stage lift, check-in and one-off due within the horizon is there, once; nothing else.
    want = {code for code, at in due.items() if utc(at) <= utc(horizon)}
    assert sorted(r.code for r in elapsed) == sorted(want)
    # The default horizon is the end of the aftercare: the last stage lift, daily care end, check-in or
    # one-off milestone (the next-session window, which a plan without an indication now has too).
    ends = [st.until for e in p.of_kind("restriction") for st in e.stages]
    ends += [e.end for e in p.of_kind("care") if e.remind == ReminderMode.DAILY and e.end is not None]
    ends += list(check_ins(p).values())
    ends += [e.onset for e in p.of_kind("milestone") if e.remind == ReminderMode.ONCE]
    assert utc(horizon) == utc(treated_at) + max(ends)
    assert all(utc(r.due) <= utc(horizon) for r in s)


def test_example_no_reminder_in_quiet_hours_and_sorted(london_example: aftercare.Schedule) -> None:
    s = london_example
    for r in s:
        assert not in_quiet_hours(r.at, LONDON, s.times), r
        assert utc(r.at) >= utc(r.due)
    key = [(utc(r.at), KIND_ORDER.index(r.kind), r.code) for r in s]
    assert key == sorted(key)
    assert len(set(key)) == len(key)  # a code and an instant identify a reminder


def test_example_series_are_the_daily_reminders(london_example: aftercare.Schedule) -> None:
    s = london_example
    p = s.plan
    daily = {f"{e.code}.{slot.value}": (e, slot) for e in p.of_kind("care") if e.remind == ReminderMode.DAILY for slot in e.slots}
    assert {x.code for x in s.series} == set(daily)
    assert {r.series for r in s if r.series is not None} == set(daily)
    for x in s.series:
        entry, slot = daily[x.code]
        assert (x.entry, x.slot, x.title, x.text, x.sources) == (entry.code, slot, entry.title, entry.text, entry.sources)
        assert x.count == len(x.instants) > 0 and x.rrule == f"FREQ=DAILY;COUNT={x.count}"
        # Its instants are exactly its reminders, in order.
        assert [utc(i) for i in x.instants] == [utc(r.at) for r in s if r.series == x.code]
        # DTSTART: the first wall-clock reading, the zone's tzinfo; then one per consecutive day.
        assert x.first.tzinfo == LONDON and x.first.fold == 0
        assert x.first.time() == s.times[slot.value]
        for i, at in enumerate(x.instants):
            assert at.tzinfo == LONDON
            assert utc(at) == wall(x.first.date() + i * DAY, x.first.time(), LONDON)
        # Days are included while the slot's time is inside [start, end): the day before the first and
        # the day after the last are outside (or past the horizon).
        assert entry.start is not None and entry.finish is not None and s.horizon is not None
        before = wall(x.first.date() - DAY, x.first.time(), LONDON)
        after = wall(x.first.date() + x.count * DAY, x.first.time(), LONDON)
        assert before < utc(entry.start) <= utc(x.instants[0])
        assert utc(x.instants[-1]) < utc(entry.finish)
        assert after >= utc(entry.finish) or after > utc(s.horizon)


def test_course_milestone_sets_the_default_horizon() -> None:
    t = treated("Europe/London", 2026, 11, 21, 14, 0, indication="acne_scars")
    first = aftercare.schedule(aftercare.plan(t))
    next_session = first.plan["milestone.next_session"]
    r = reminder(first, "milestone.next_session")
    assert (r.kind, r.anchor) == (ReminderKind.MILESTONE, ReminderAnchor.ELAPSED)
    assert utc(r.at) == utc(next_session.start) and utc(r.window_end) == utc(next_session.finish)
    assert utc(first.horizon) == utc(r.due)  # the next course milestone is later than the aftercare
    assert "milestone.final_assessment" not in {x.code for x in first}  # the next session's plan has it
    last = aftercare.schedule(aftercare.plan(dataclasses.replace(t, session=3)))
    assert "milestone.next_session" not in {x.code for x in last}
    assessment = reminder(last, "milestone.final_assessment")
    assert utc(assessment.at) == utc(last.plan["milestone.final_assessment"].start)
    assert utc(last.horizon) == utc(assessment.due)


def test_quiet_hours_move_elapsed_reminders_to_the_next_wake_time() -> None:
    # Treated 23:00: the first wash (6 h) is due at 05:00, shown at 07:00; the 24 h check-in is due
    # at 23:00 the next day and shown at 07:00 the day after.
    s = aftercare.schedule(aftercare.plan(treated("Europe/London", 2026, 11, 21, 23, 0)))
    wash, day1 = reminder(s, "care.first_wash"), reminder(s, "check_in.24h")
    assert wash.due == datetime(2026, 11, 22, 5, 0, tzinfo=LONDON) and wash.at == datetime(2026, 11, 22, 7, 0, tzinfo=LONDON)
    assert day1.due == datetime(2026, 11, 22, 23, 0, tzinfo=LONDON) and day1.at == datetime(2026, 11, 23, 7, 0, tzinfo=LONDON)
    # The bedtime pillowcase (22:00) from a treatment at 23:00 is the next night.
    assert reminder(s, "care.pillowcase").at == datetime(2026, 11, 22, 22, 0, tzinfo=LONDON)
    for r in s:
        assert utc(r.at) == (shown_at(r.due, LONDON, s.times) if r.anchor == ReminderAnchor.ELAPSED else utc(r.due))
    # Bed starts quiet hours, wake ends them.
    at_bed = aftercare.schedule(aftercare.plan(treated("Europe/London", 2026, 11, 21, 22, 30)))
    assert reminder(at_bed, "check_in.24h").at == datetime(2026, 11, 23, 7, 0, tzinfo=LONDON)
    at_wake = aftercare.schedule(aftercare.plan(treated("Europe/London", 2026, 11, 21, 7, 0)))
    on_time = reminder(at_wake, "check_in.24h")
    assert on_time.at == on_time.due == datetime(2026, 11, 22, 7, 0, tzinfo=LONDON)


# --- daylight saving --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "short_night"),
    [((2026, 3, 24, 14, 0), timedelta(hours=23)),   # Europe/London springs forward on 29 Mar 2026
     ((2026, 10, 20, 10, 0), timedelta(hours=25))],  # and falls back on 25 Oct 2026
)
def test_a_wall_clock_series_keeps_its_local_time_across_a_dst_change(when: tuple[int, ...], short_night: timedelta) -> None:
    s = aftercare.schedule(aftercare.plan(treated("Europe/London", *when)))
    spf = series_of(s, "care.sunscreen.morning")
    morning = s.times["morning"]
    assert [i.astimezone(LONDON).time() for i in spf.instants] == [morning] * spf.count
    assert len({i.utcoffset() for i in spf.instants}) == 2  # the series spans the change
    steps = collections.Counter(utc(b) - utc(a) for a, b in zip(spf.instants, spf.instants[1:]))
    assert steps == {DAY: spf.count - 2, short_night: 1}


def test_elapsed_reminders_stay_elapsed_across_a_dst_change() -> None:
    # Treated Fri 2026-03-27 14:00 GMT; the clocks go forward on Sun 29 Mar.
    t = treated("Europe/London", 2026, 3, 27, 14, 0)
    s = aftercare.schedule(aftercare.plan(t))
    p, t0 = s.plan, utc(t.treated_at)
    exercise = reminder(s, "restriction.exercise.none.lifted")
    until = next(st.until for st in p["restriction.exercise"].stages if st.code == "restriction.exercise.none")
    assert exercise.anchor == ReminderAnchor.ELAPSED and utc(exercise.at) - t0 == until  # exact elapsed time
    assert exercise.at.astimezone(LONDON).hour == 15  # ...which the clocks now read an hour later
    assert t.treated_at is not None and exercise.at - t.treated_at == until + H  # (Python's wall-clock difference)
    for r in s:
        if r.anchor == ReminderAnchor.ELAPSED:
            assert utc(r.due) - t0 == utc(due_by_plan(p)[r.code]) - t0, r.code
        else:
            assert r.slot is not None and r.at.astimezone(LONDON).time() == s.times[r.slot.value], r.code
    # New York, spring forward on 8 Mar 2026: treated Sat 7 Mar 15:00 EST, 72 h later is 16:00 EDT.
    ny = aftercare.schedule(aftercare.plan(treated("America/New_York", 2026, 3, 7, 15, 0)))
    c = reminder(ny, "check_in.72h")
    assert utc(c.at) - utc(ny.plan.treatment.treated_at) == check_ins(ny.plan)["check_in.72h"]
    assert c.at.astimezone(NEW_YORK).replace(tzinfo=None) == datetime(2026, 3, 10, 16, 0)


# The morning slot on the day the clocks change (docs/reminders.md's table): a time in the gap moves
# forward by the gap, a repeated time takes the earlier instant, every other day reads the slot time.
DST_CASES = [
    # zone, the morning slot that day, the gap it is in (None: it is repeated), the reminder as documented
    ("Europe/London", datetime(2026, 3, 29, 1, 30), H, "2026-03-29T02:30:00+01:00"),
    ("Europe/London", datetime(2026, 10, 25, 1, 30), None, "2026-10-25T01:30:00+01:00"),
    ("America/New_York", datetime(2026, 3, 8, 2, 30), H, "2026-03-08T03:30:00-04:00"),
    ("America/New_York", datetime(2026, 11, 1, 1, 30), None, "2026-11-01T01:30:00-04:00"),
    ("Australia/Lord_Howe", datetime(2026, 10, 4, 2, 15), H / 2, "2026-10-04T02:45:00+11:00"),
    ("Australia/Lord_Howe", datetime(2026, 4, 5, 1, 45), None, "2026-04-05T01:45:00+11:00"),
    ("Asia/Tokyo", datetime(2026, 3, 29, 1, 30), timedelta(0), "2026-03-29T01:30:00+09:00"),
]


@pytest.mark.parametrize(("zone_name", "slot", "in_gap", "documented"), DST_CASES)
def test_wall_clock_reminders_follow_the_dst_rule(zone_name: str, slot: datetime, in_gap: timedelta | None,
                                                  documented: str) -> None:
    zone = ZoneInfo(zone_name)
    before = slot - 2 * DAY  # sunscreen starts 24 h after treatment
    t = treated(zone_name, before.year, before.month, before.day, 12, 0)
    s = aftercare.schedule(aftercare.plan(t), zone_name, wake="00:30", bed=time(23, 0), morning=slot.time())
    spf = series_of(s, "care.sunscreen.morning")
    assert spf.first.replace(tzinfo=None) == slot and spf.first.tzinfo == zone
    first = spf.instants[0]
    assert first.isoformat() == documented
    assert utc(first) == wall(slot.date(), slot.time(), zone)
    g = gap(slot.date(), slot.time(), zone)
    assert g == (in_gap or timedelta(0)) and ambiguous(slot.date(), slot.time(), zone) == (in_gap is None)
    assert exists(slot.date(), slot.time(), zone) == (g == timedelta(0))
    assert first.astimezone(zone).replace(tzinfo=None) == slot + g  # moved forward by the gap (0 when it exists)
    if in_gap is None:  # repeated: the earlier of the two readings
        assert utc(first) < utc(slot.replace(tzinfo=zone, fold=1)) and first.fold == 0
    # A calendar's DTSTART (fold=0) + RRULE reads the same instants (zoneinfo follows RFC 5545 here).
    assert utc(spf.first) == utc(first)
    for i, at in enumerate(spf.instants[1:], start=1):
        assert at.astimezone(zone).replace(tzinfo=None) == slot + i * DAY


def test_a_wake_time_in_the_gap_moves_forward_by_the_gap() -> None:
    # New York, 2026-03-08: 02:00 EST -> 03:00 EDT. Wake at 02:30 does not exist that day.
    t = treated("America/New_York", 2026, 3, 7, 1, 0)
    s = aftercare.schedule(aftercare.plan(t), "America/New_York", wake=time(2, 30), bed="23:00")
    c = reminder(s, "check_in.24h")
    assert utc(c.due) == utc(t.treated_at) + check_ins(s.plan)["check_in.24h"]
    assert c.due.astimezone(NEW_YORK).time() == time(1, 0)  # in quiet hours (before wake)
    day = date(2026, 3, 8)
    assert not exists(day, time(2, 30), NEW_YORK) and gap(day, time(2, 30), NEW_YORK) == H
    assert c.at.astimezone(NEW_YORK).replace(tzinfo=None) == datetime(2026, 3, 8, 2, 30) + H
    assert c.at.isoformat() == "2026-03-08T03:30:00-04:00"  # docs/reminders.md


def test_a_reminder_due_in_the_repeated_hour_goes_to_the_later_wake() -> None:
    # London falls back on 2026-10-25 (01:00-02:00 happens twice). Wake 01:30: the check-in due at
    # the second 01:10 (01:10 GMT) is after the first 01:30 (BST), so the next wake is the second 01:30.
    t = example(treated_at=datetime(2026, 10, 24, 1, 10, tzinfo=UTC))
    s = aftercare.schedule(aftercare.plan(t), LONDON, wake="01:30", bed="23:00")
    c = reminder(s, "check_in.24h")
    assert utc(c.due) == datetime(2026, 10, 25, 1, 10, tzinfo=UTC) and c.due.fold == 1
    assert utc(c.at) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC) == shown_at(c.due, LONDON, s.times)
    assert (c.at.hour, c.at.minute, c.at.fold) == (1, 30, 1)


# --- preferences --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("wake", "bed"), [("07:00", "22:30"), ("11:00", "23:59"), ("14:00", "23:59"), ("07:00", "07:30"),
                                           ("00:00", "23:59"), ("05:15", "21:45"), ("23:50", "23:59")])
def test_slot_defaults_derive_from_wake_and_bed(wake: str, bed: str) -> None:
    w, b = (int(x[:2]) * 60 + int(x[3:]) for x in (wake, bed))
    want = expected_defaults(w, b)
    relative = aftercare.plan(example(treated_at=None))  # needs no zone
    from_text = aftercare.schedule(relative, wake=wake, bed=bed).times
    from_time = aftercare.schedule(relative, wake=hhmm(w), bed=hhmm(b)).times
    assert from_text == from_time == want
    for name in ("morning", "midday", "evening", "bedtime"):
        assert want["wake"] <= from_text[name] < want["bed"], name  # never in quiet hours
    # The same with a zone and a treatment time; the reminders use them.
    s = aftercare.schedule(aftercare.plan(example()), "Asia/Tokyo", wake=wake, bed=bed)
    assert s.times == want
    for r in s:
        assert not in_quiet_hours(r.at, ZoneInfo("Asia/Tokyo"), want), r
        if r.slot is not None:
            assert r.at.astimezone(ZoneInfo("Asia/Tokyo")).time() == want[r.slot.value]


def test_given_slots_are_used_and_shape_the_defaults() -> None:
    relative = aftercare.plan(example(treated_at=None))
    times = aftercare.schedule(relative, morning="08:15", evening=time(20, 0)).times
    assert (times["morning"], times["evening"]) == (time(8, 15), time(20, 0))
    assert times["midday"] == time(13, 0) and times["bedtime"] == time(22, 0)
    early = aftercare.schedule(relative, morning="07:00", evening="12:00").times  # 13:00 is not between them
    assert early["midday"] == hhmm((7 * 60 + 12 * 60) // 2)
    assert aftercare.schedule(relative).times == expected_defaults(7 * 60, 22 * 60 + 30)  # 07:00-22:30 by default


BAD_PREFERENCES = [
    # kwargs, field, value, what the message says, what `allowed` says
    ({"wake": "23:00"}, "wake", "23:00", "wake 23:00 is not before bed 22:30", "before bed 22:30"),
    ({"wake": time(22, 30)}, "wake", "22:30", "wake 22:30 is not before bed 22:30", "before bed 22:30"),
    ({"bed": "06:00"}, "wake", "07:00", "wake 07:00 is not before bed 06:00", "before bed 06:00"),
    ({"morning": "06:00"}, "morning", "06:00", "morning 06:00 is outside waking hours 07:00–22:30", "07:00–22:30"),
    ({"midday": time(22, 30)}, "midday", "22:30", "midday 22:30 is outside waking hours 07:00–22:30", "07:00–22:30"),
    ({"bedtime": "23:15"}, "bedtime", "23:15", "bedtime 23:15 is outside waking hours 07:00–22:30", "07:00–22:30"),
    ({"wake": "06:00", "bed": "21:00", "evening": "21:00"}, "evening", "21:00",
     "evening 21:00 is outside waking hours 06:00–21:00", "06:00–21:00"),
    ({"evening": "25:00"}, "evening", "25:00", "evening '25:00' is not a time of day HH:MM", "00:00 and 23:59"),
    ({"bed": "24:00"}, "bed", "24:00", "bed '24:00' is not a time of day HH:MM", "00:00 and 23:59"),
    ({"wake": "7:00"}, "wake", "7:00", "wake '7:00' is not a time of day HH:MM", "HH:MM"),
    ({"wake": time(7, 0, tzinfo=UTC)}, "wake", "07:00:00+00:00", "wake '07:00:00+00:00' has a tzinfo", "without tzinfo"),
    ({"bed": time(22, 30, 15)}, "bed", "22:30:15", "bed '22:30:15' is not a time of day in whole minutes", "whole minutes"),
    ({"morning": time(8, 0, 0, 1)}, "morning", "08:00:00.000001", "is not a time of day in whole minutes", "whole minutes"),
    ({"horizon": timedelta(hours=-1)}, "horizon", "-60 min", "horizon -60 min is negative", "0 or more"),
]


@pytest.mark.parametrize(("kwargs", "field", "value", "message", "allowed"), BAD_PREFERENCES)
def test_bad_preferences_name_the_field_value_and_what_is_allowed(
    kwargs: dict[str, Any], field: str, value: str, message: str, allowed: str
) -> None:
    for p in (aftercare.plan(example(), tz="Europe/London"), aftercare.plan(example(treated_at=None))):
        with pytest.raises(aftercare.InvalidValueError) as info:
            aftercare.schedule(p, **kwargs)
        e = info.value
        assert (e.field, e.value) == (field, value)
        assert message in str(e) and str(e).startswith(field + " ")
        assert allowed in e.allowed and e.id == "aftercare.invalid_value"
        assert not isinstance(e, aftercare.TimeZoneError)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"wake": 7}, 'wake must be a datetime.time or "HH:MM", not int'),
     ({"bedtime": datetime(2026, 11, 21, 22, 0)}, 'bedtime must be a datetime.time or "HH:MM", not datetime'),
     ({"midday": 13.5}, 'midday must be a datetime.time or "HH:MM", not float'),
     ({"horizon": 48}, "horizon must be a datetime.timedelta or None, not int"),
     ({"horizon": "48h"}, "horizon must be a datetime.timedelta or None, not str")],
)
def test_wrong_types_raise_type_error(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(TypeError, match=f"^{message}$"):
        aftercare.schedule(aftercare.plan(example(), tz="Europe/London"), **kwargs)


@pytest.mark.parametrize("hours", [0, 1, 24, 48, 100, 200, 24 * 28])
def test_the_horizon_cuts_reminders(hours: int) -> None:
    p = aftercare.plan(example(indication="acne_scars"), tz="Europe/London")
    full = aftercare.schedule(p, horizon=timedelta(days=365))
    cut = aftercare.schedule(p, horizon=timedelta(hours=hours))
    t0 = utc(p.treatment.treated_at)
    assert utc(cut.horizon) == t0 + timedelta(hours=hours)
    # Exactly the reminders due at or before the horizon (before any quiet-hours move).
    assert [(r.code, utc(r.at)) for r in cut] == [(r.code, utc(r.at)) for r in full if utc(r.due) <= utc(cut.horizon)]
    assert {x.code for x in cut.series} == {r.series for r in cut if r.series is not None}
    for x in cut.series:
        assert [utc(i) for i in x.instants] == [utc(i) for i in series_of(full, x.code).instants if utc(i) <= utc(cut.horizon)]
    if hours == 0:
        assert len(cut) == 0 and cut.series == ()
    if hours == 48:  # due exactly at the horizon: kept
        assert utc(reminder(cut, "restriction.makeup.mineral_only.lifted").due) == utc(cut.horizon)
        assert series_of(cut, "care.sunscreen.morning").count == 1


# A timedelta beyond ±106,751,991 days does not fit int64 microseconds: the bindings convert
# durations to whole seconds directly, so the largest ones keep their sign instead of wrapping.
def test_a_huge_negative_horizon_is_rejected() -> None:
    with pytest.raises(aftercare.InvalidValueError, match="^horizon .* is negative"):
        aftercare.schedule(aftercare.plan(example(), tz="Europe/London"), horizon=timedelta(days=-999_999_999))


def test_a_huge_positive_timedelta_is_not_called_negative() -> None:
    p = aftercare.plan(example(), tz="Europe/London")
    for call in (lambda: aftercare.schedule(p, horizon=timedelta.max),
                 lambda: aftercare.schedule(p).to_ics(duration=timedelta.max)):
        try:
            call()
        except aftercare.InvalidValueError as e:
            assert not e.value.startswith("-"), str(e)


# --- zones ----------------------------------------------------------------------------------------


def test_a_plan_without_treatment_time_has_an_empty_schedule(plan_schema: dict[str, Any]) -> None:
    p = aftercare.plan(example(treated_at=None))
    s = aftercare.schedule(p)  # no zone needed
    assert s.reminders == () and s.series == () and len(s) == 0 and list(s) == []
    assert s.horizon is None and s.zone_name is None and s.tz is UTC
    assert s.times == expected_defaults(7 * 60, 22 * 60 + 30)
    doc = json.loads(s.to_json())
    jsonschema.validate(doc, plan_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert doc["reminders"] == [] and doc["series"] == [] and doc["reminder_settings"]["horizon"] is None
    with pytest.raises(aftercare.InvalidValueError, match="treated_at is required for an iCalendar file") as info:
        s.to_ics()
    assert info.value.field == "treated_at"
    # A zone may be given all the same: the schedule is still empty.
    london = aftercare.schedule(p, "Europe/London")
    assert len(london) == 0 and london.zone_name == "Europe/London" and london.tz == LONDON


def test_a_zone_is_required_with_a_treatment_time() -> None:
    p = aftercare.plan(example())  # treated_at in datetime.timezone.utc: the plan's zone is UTC, not an IANA zone
    assert p.tz is UTC
    for tz in (None, UTC):
        with pytest.raises(aftercare.InvalidValueError, match="^zone is required: the plan has a treatment time") as info:
            aftercare.schedule(p, tz)
        assert info.value.field == "zone" and not isinstance(info.value, aftercare.TimeZoneError)
    s = aftercare.schedule(p, "UTC")  # the IANA zone UTC is a zone
    assert s.zone_name == "UTC" and len(s) > 0
    with pytest.raises(aftercare.TimeZoneError) as bad:
        aftercare.schedule(p, "Europe/Atlantis")
    assert (bad.value.field, bad.value.value) == ("tz", "Europe/Atlantis")
    with pytest.raises(aftercare.TimeZoneError):
        aftercare.schedule(p, timezone(timedelta(hours=2)))  # a fixed offset has no wall-clock rules


def test_the_default_zone_is_the_plans_zone() -> None:
    kyiv = ZoneInfo("Europe/Kyiv")
    by_treatment = aftercare.plan(example(treated_at=datetime(2026, 11, 21, 16, 0, tzinfo=kyiv)))
    assert by_treatment.tz == kyiv
    s = aftercare.schedule(by_treatment)
    assert s.zone_name == "Europe/Kyiv" and s.tz == kyiv
    assert all(r.at.tzinfo == kyiv for r in s)
    by_argument = aftercare.plan(example(), tz="America/New_York")
    assert aftercare.schedule(by_argument).zone_name == "America/New_York"
    tokyo = aftercare.schedule(by_treatment, "Asia/Tokyo")  # an explicit zone wins
    assert tokyo.zone_name == "Asia/Tokyo" and tokyo.tz == ZoneInfo("Asia/Tokyo")
    for r in tokyo:
        if r.slot is not None:
            assert r.at.astimezone(ZoneInfo("Asia/Tokyo")).time() == tokyo.times[r.slot.value]
    assert [utc(r.at) for r in s] != [utc(r.at) for r in tokyo]  # the routine follows the patient's clock


# --- exports ----------------------------------------------------------------------------------------

EXPORT_CASES = [
    ("Europe/London", (2026, 11, 21, 14, 0), {}),
    ("Europe/London", (2026, 3, 24, 14, 0), {"wake": "06:00", "bed": "23:00", "morning": "06:45", "evening": "21:30"}),
    ("America/New_York", (2026, 10, 27, 9, 0), {}),
    ("Australia/Lord_Howe", (2026, 9, 29, 15, 0), {"wake": time(8, 0), "bed": time(22, 0)}),
]


def export_schedule(zone: str, when: tuple[int, ...], prefs: dict[str, Any]) -> aftercare.Schedule:
    t = treated(zone, *when, indication="acne_scars", skin_type=5)
    return aftercare.schedule(aftercare.plan(t), **prefs)


def parse_instant(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    assert at.utcoffset() is not None, text
    return at


@pytest.mark.parametrize(("zone", "when", "prefs"), EXPORT_CASES)
def test_json_validates_and_says_what_the_schedule_says(
    zone: str, when: tuple[int, ...], prefs: dict[str, Any], plan_schema: dict[str, Any]
) -> None:
    s = export_schedule(zone, when, prefs)
    tz = ZoneInfo(zone)
    text = s.to_json()
    doc = json.loads(text)
    jsonschema.validate(doc, plan_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert json.loads(s.to_json(indent=None)) == doc and "\n" not in s.to_json(indent=None)
    settings = doc["reminder_settings"]
    assert settings["time_zone"] == s.zone_name == zone
    assert (settings["wake"], settings["bed"]) == (s.times["wake"].strftime("%H:%M"), s.times["bed"].strftime("%H:%M"))
    assert settings["slots"] == {slot.value: s.times[slot.value].strftime("%H:%M") for slot in RoutineSlot}
    assert utc(parse_instant(settings["horizon"])) == utc(s.horizon)
    assert timedelta(hours=settings["horizon_h"]) == utc(s.horizon) - utc(s.plan.treatment.treated_at)

    assert len(doc["reminders"]) == len(s)
    for j, r in zip(doc["reminders"], s.reminders, strict=True):
        at = parse_instant(j["at"])
        assert (j["code"], j["kind"], j["anchor"]) == (r.code, r.kind, r.anchor)
        assert utc(at) == utc(r.at) and at.utcoffset() == r.at.utcoffset()
        assert j["local"] == r.at.astimezone(tz).replace(tzinfo=None).isoformat()
        assert j.get("slot") == r.slot and j.get("series") == r.series and j.get("entry") == r.entry
        assert (j["title"], j["text"], tuple(j["sources"])) == (r.title, r.text, r.sources)
        if r.anchor == ReminderAnchor.ELAPSED:
            assert utc(parse_instant(j["due"])) == utc(r.due)
        else:
            assert "due" not in j
        assert ("window_end" in j) == (r.window_end is not None)
        if r.window_end is not None:
            assert utc(parse_instant(j["window_end"])) == utc(r.window_end)
    assert [x["code"] for x in doc["series"]] == [x.code for x in s.series]
    for j, x in zip(doc["series"], s.series, strict=True):
        assert (j["entry"], j["slot"], j["count"], j["rrule"], j["time_zone"]) == (x.entry, x.slot, x.count, x.rrule, zone)
        assert j["dtstart"] == x.first.replace(tzinfo=None).isoformat()
        assert [utc(parse_instant(i)) for i in j["instants"]] == [utc(i) for i in x.instants]


def expand_ics(ics: str) -> collections.Counter[tuple[str, datetime]]:
    """(code, UTC instant) of every occurrence recurring-ical-events expands from the calendar; the
    code is the event's X-AFTERCARE-CODE (as in test_ics.py)."""
    cal = icalendar.Calendar.from_ical(ics)
    events = recurring_ical_events.of(cal).between(datetime(2000, 1, 1, tzinfo=UTC), datetime(2035, 1, 1, tzinfo=UTC))
    return collections.Counter((str(e["X-AFTERCARE-CODE"]), utc(e["DTSTART"].dt)) for e in events)


@pytest.mark.parametrize(("zone", "when", "prefs"), EXPORT_CASES)
def test_ics_expands_to_exactly_the_reminders(zone: str, when: tuple[int, ...], prefs: dict[str, Any]) -> None:
    s = export_schedule(zone, when, prefs)
    tz = ZoneInfo(zone)
    # These cases avoid the two reader bugs test_ics.py works around: no daily reminder in a gap, no
    # one-off at the second reading of a repeated hour.
    for x in s.series:
        assert all(i.astimezone(tz).time() == x.first.time() for i in x.instants), x.code
    assert all(r.at.astimezone(tz).fold == 0 for r in s)
    ics = s.to_ics()
    want = collections.Counter((r.code, utc(r.at)) for r in s)
    assert sum(want.values()) == len(s) > 40
    assert expand_ics(ics) == want
    cal = icalendar.Calendar.from_ical(ics)
    events = cal.walk("VEVENT")
    assert len(events) == len(s.series) + sum(1 for r in s if r.series is None)  # one per series or one-off
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert str(cal["X-WR-TIMEZONE"]) == zone
    for e in events:
        assert e["DURATION"].dt == timedelta(minutes=15) and len(e.walk("VALARM")) == 1
        if "RRULE" in e:
            x = series_of(s, str(e["X-AFTERCARE-CODE"]))
            assert e["DTSTART"].dt.replace(tzinfo=None) == x.first.replace(tzinfo=None)
            assert e["RRULE"]["COUNT"] == [x.count] and e["RRULE"]["FREQ"] == ["DAILY"]


def test_ics_options(london_example: aftercare.Schedule) -> None:
    s = london_example
    cal = icalendar.Calendar.from_ical(s.to_ics(calendar_name="Ana's aftercare", duration=timedelta(minutes=5), alarm=False))
    assert str(cal["X-WR-CALNAME"]) == "Ana's aftercare"
    for e in cal.walk("VEVENT"):
        assert e["DURATION"].dt == timedelta(minutes=5) and e.walk("VALARM") == []
    default = icalendar.Calendar.from_ical(s.to_ics())
    assert str(default["X-WR-CALNAME"]) == f"Aftercare: {s.plan.protocol.title}"
    for ok in (MIN, timedelta(hours=24)):
        assert all(e["DURATION"].dt == ok for e in icalendar.Calendar.from_ical(s.to_ics(duration=ok)).walk("VEVENT"))


@pytest.mark.parametrize(
    ("duration", "value"),
    [(timedelta(0), "0 min"), (timedelta(seconds=59), "0 min"), (timedelta(hours=24, minutes=1), "1441 min"),
     (timedelta(minutes=-5), "-5 min")],
)
def test_ics_duration_out_of_range(london_example: aftercare.Schedule, duration: timedelta, value: str) -> None:
    with pytest.raises(aftercare.InvalidValueError) as info:
        london_example.to_ics(duration=duration)
    e = info.value
    assert (e.field, e.value) == ("duration", value) and "1 min–24 h" in e.allowed
    assert str(e) == f"duration {value} is outside 1 min–24 h"


def test_ics_duration_must_be_a_timedelta(london_example: aftercare.Schedule) -> None:
    with pytest.raises(TypeError, match="^duration must be a datetime.timedelta, not int$"):
        london_example.to_ics(duration=15)  # type: ignore[arg-type]


def test_dataframe_columns_dtypes_and_rows() -> None:
    s = aftercare.schedule(aftercare.plan(treated("Europe/London", 2026, 11, 21, 14, 0, indication="acne_scars")))
    df = s.to_dataframe()
    assert list(df.columns) == ["code", "kind", "anchor", "slot", "title", "at", "due", "local", "window_end", "series",
                                "entry", "text", "sources"]
    assert len(df) == len(s)
    for col in ("at", "due", "window_end"):
        assert df[col].dtype == pd.DatetimeTZDtype(unit="s", tz="Europe/London"), col
    assert df["local"].dtype == np.dtype("datetime64[s]")
    for col, enum in (("kind", ReminderKind), ("anchor", ReminderAnchor), ("slot", RoutineSlot)):
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
        assert list(df[col].cat.categories) == [m.value for m in enum], col
    assert isinstance(df["code"].dtype, pd.CategoricalDtype)
    assert df["code"].tolist() == [r.code for r in s]
    for (_, row), r in zip(df.iterrows(), s.reminders, strict=True):
        assert row["at"] == pd.Timestamp(r.at) and row["due"] == pd.Timestamp(r.due)
        assert row["local"] == pd.Timestamp(r.at.astimezone(LONDON).replace(tzinfo=None))  # the wall-clock reading
        assert (row["kind"], row["anchor"]) == (r.kind.value, r.anchor.value)
        assert (pd.isna(row["slot"]) and r.slot is None) or row["slot"] == r.slot
        assert (pd.isna(row["window_end"]) and r.window_end is None) or row["window_end"] == pd.Timestamp(r.window_end)
        assert (pd.isna(row["series"]) and r.series is None) or row["series"] == r.series
        assert row["sources"] == r.sources and row["title"] == r.title
    assert df["window_end"].notna().sum() == sum(r.window_end is not None for r in s) == 1

    tokyo = s.to_dataframe("Asia/Tokyo")  # the same instants, read in another zone
    assert tokyo["at"].dtype == pd.DatetimeTZDtype(unit="s", tz="Asia/Tokyo")
    assert (tokyo["at"] == df["at"]).all() and (tokyo["due"] == df["due"]).all()
    assert tokyo["local"].tolist() == [pd.Timestamp(r.at.astimezone(ZoneInfo("Asia/Tokyo")).replace(tzinfo=None)) for r in s]
    assert (tokyo["local"] - df["local"] == pd.Timedelta(hours=9)).all()  # London is on GMT in November
    assert str(s.in_zone("Asia/Tokyo").to_dataframe()["at"].dt.tz) == "Asia/Tokyo"
    assert str(aftercare.schedule(aftercare.plan(example(treated_at=None))).to_dataframe()["at"].dt.tz) == "UTC"


def test_in_zone_keeps_the_instants(london_example: aftercare.Schedule) -> None:
    s = london_example
    tokyo_zone = ZoneInfo("Asia/Tokyo")
    tokyo = s.in_zone("Asia/Tokyo")
    assert tokyo.tz == tokyo_zone and tokyo.zone_name == s.zone_name == "Europe/London"  # still the patient's zone
    assert len(tokyo) == len(s) and tokyo.times == s.times
    assert [(r.code, utc(r.at), utc(r.due)) for r in tokyo] == [(r.code, utc(r.at), utc(r.due)) for r in s]
    assert all(r.at.tzinfo == tokyo_zone and r.due.tzinfo == tokyo_zone for r in tokyo)
    assert utc(tokyo.horizon) == utc(s.horizon) and tokyo.horizon.tzinfo == tokyo_zone  # type: ignore[union-attr]
    for a, b in zip(tokyo.series, s.series, strict=True):
        assert [utc(i) for i in a.instants] == [utc(i) for i in b.instants]
    assert tokyo.to_json() == s.to_json()  # the document is the patient's, in the patient's zone
    assert s.in_zone(None).tz is UTC and all(r.at.tzinfo is UTC for r in s.in_zone(None))


def test_in_zone_keeps_the_series_dtstart(london_example: aftercare.Schedule) -> None:
    """Series.first is DTSTART: the first one's wall-clock reading with the zone's tzinfo. After
    in_zone it must still be the same instant as the first reminder of the series (in London in
    November there is no gap), not the London reading re-labelled as Tokyo time."""
    tokyo = london_example.in_zone("Asia/Tokyo")
    for x in tokyo.series:
        assert utc(x.first) == utc(x.instants[0]), (x.code, x.first, x.instants[0])


def test_schedule_from_many_threads_is_the_same() -> None:
    zones = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Tokyo"]
    p = aftercare.plan(treated("Europe/London", 2026, 10, 20, 10, 0, indication="acne_scars"))

    def run(zone: str) -> tuple[str, list[tuple[str, datetime, datetime]]]:
        s = aftercare.schedule(p, zone, wake="06:30", bed="23:00")
        return s.to_json(indent=None), [(r.code, utc(r.at), utc(r.due)) for r in s]

    expected = {z: run(z) for z in zones}
    assert len({doc for doc, _ in expected.values()}) == len(zones)
    jobs = [zones[i % len(zones)] for i in range(64)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for zone, got in zip(jobs, pool.map(run, jobs), strict=True):
            assert got == expected[zone], zone


def test_reminder_objects_built_in_cpp_are_ordinary_reminders() -> None:
    """Schedule.reminders is built in C++ without Reminder's __init__: each must still be a frozen
    Reminder equal to one made the ordinary way, its instants those the core computed, in the zone
    asked for (across the fall-back of 25 October), with its series named."""
    london = ZoneInfo("Europe/London")
    s = aftercare.schedule(aftercare.plan(example(1.5, treated_at=datetime(2026, 10, 22, 9, 0, tzinfo=london))))
    core = s._native.reminders(s._tz)  # the plain values, through the former dict path
    series = [x.code for x in s.series]
    assert len(s.reminders) == len(core) > 40
    for r, d in zip(s.reminders, core, strict=True):
        assert type(r) is aftercare.Reminder
        again = aftercare.Reminder(
            code=d["code"], kind=ReminderKind(d["kind"]), anchor=ReminderAnchor(d["anchor"]), title=d["title"], text=d["text"],
            entry=d["entry"], slot=None if d["slot"] is None else RoutineSlot(d["slot"]), at=d["at"], due=d["due"],
            window_end=d["window_end"], series=None if d["series"] is None else series[d["series"]], sources=d["sources"])
        assert r == again and hash(r) == hash(again) and repr(r) == repr(again)
        assert r.at.tzinfo is london and r.at.utcoffset() == d["at"].utcoffset() and r.at.fold == d["at"].fold
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.reminders[0].code = "x"  # type: ignore[misc]
    kyiv = s.in_zone("Europe/Kyiv").reminders
    assert [r.at for r in kyiv] == [r.at for r in s.reminders]  # the same instants
    assert all(r.at.tzinfo == ZoneInfo("Europe/Kyiv") for r in kyiv)
    utc = s.in_zone("UTC").reminders
    assert all(r.at.utcoffset() == timedelta(0) for r in utc)
