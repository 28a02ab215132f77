"""Property tests with hypothesis (as boost-histogram's tests/test_pbt.py): deeper is never
shorter, RF is never shorter than a pen, JSON round-trips, instants survive any zone."""

from __future__ import annotations

import dataclasses
import functools
import json
from datetime import UTC, date, datetime, time, timedelta
import zoneinfo
from zoneinfo import ZoneInfo

from hypothesis import assume, event, given, settings
from hypothesis import strategies as st
from support import numbers

import aftercare
from aftercare import Adjunct, Area, Device, HistoryFlag, Indication, ReminderAnchor

# Depth limits of the default protocol, by device and by area (µm): the core rejects anything else.
DEPTH_UM = {Device.HOME_ROLLER: (100, 500), Device.PEN: (100, 2500), Device.RF: (500, 3000)}
AREA_MAX_UM = {Area.PERIORBITAL: 1500, Area.SCALP: 2500}


def depth_range(device: Device | str, area: Area | str) -> tuple[int, int]:
    lo, hi = DEPTH_UM[Device(device)]
    return lo, min(hi, AREA_MAX_UM.get(Area(area), hi))

# Zones both tz databases know (Python's zoneinfo also reads the posix/ and right/ trees and "Factory"),
# loaded once: st.timezones() would reload zone files for every example.
ZONES = [ZoneInfo(k) for k in sorted(zoneinfo.available_timezones())
         if not k.startswith(("posix/", "right/")) and k != "Factory"]
zones = st.sampled_from(ZONES)
instants = st.datetimes(  # the library's dates end 2199-12-31: a year before, so a plan fits
    min_value=datetime(1971, 1, 1), max_value=datetime(2199, 1, 1), timezones=zones, allow_imaginary=False
)
# The core's offsets are right until 2037 only (see test_time.py::test_core_offsets_after_2037), so
# properties that compare the core's offsets with zoneinfo's stay before that.
offset_instants = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2037, 6, 1), timezones=zones, allow_imaginary=False
)


@st.composite
def treatments(draw: st.DrawFn, device: Device | None = None, *, before_2037: bool = False) -> aftercare.Treatment:
    dev = device if device is not None else draw(st.sampled_from(Device))
    area = draw(st.sampled_from(Area))
    lo, hi = depth_range(dev, area)
    return aftercare.Treatment(
        device=dev,
        depth_mm=draw(st.integers(lo, hi)) / 1000,
        area=area,
        skin_type=draw(st.integers(1, 6)),
        adjuncts=draw(st.frozensets(st.sampled_from(Adjunct))),
        indication=draw(st.none() | st.sampled_from(Indication)),
        session=draw(st.integers(1, 8)),
        treated_at=draw(st.none() | (offset_instants if before_2037 else instants)),
        history=draw(st.frozensets(st.sampled_from(HistoryFlag))),
    )


def never_shorter(shorter: aftercare.Plan, longer: aftercare.Plan) -> None:
    a, b = numbers(shorter), numbers(longer)
    for key, value in a.items():
        if key in b:  # an entry present only at one depth cannot shorten
            assert b[key] >= value, (key, value, b[key])


@given(treatments(), st.data())
def test_deeper_is_never_shorter(t: aftercare.Treatment, data: st.DataObject) -> None:
    lo, hi = depth_range(t.device, t.area)
    deeper_um = data.draw(st.integers(round(t.depth_mm * 1000), hi), label="deeper µm")
    deeper = aftercare.Treatment(**(t.to_dict() | {"depth_mm": deeper_um / 1000}))
    never_shorter(aftercare.plan(t), aftercare.plan(deeper))


@given(treatments(device=Device.PEN))
def test_rf_is_never_shorter_than_a_pen(pen: aftercare.Treatment) -> None:
    assume(pen.depth_mm >= 0.5)
    rf = aftercare.Treatment(**(pen.to_dict() | {"device": "rf"}))
    a, b = numbers(aftercare.plan(pen)), numbers(aftercare.plan(rf))
    for key, value in a.items():
        assert key in b and b[key] >= value, key


@given(treatments(before_2037=True), st.sampled_from([None, "UTC", "Europe/London", "Europe/Kyiv", "America/Sao_Paulo", "Asia/Kathmandu"]))
def test_json_round_trips(t: aftercare.Treatment, tz: str | None) -> None:
    p = aftercare.plan(t, tz=tz)
    doc = json.loads(p.to_json())
    assert [e["code"] for e in doc["entries"]] == [e.code for e in p]
    for e, j in zip(p, doc["entries"], strict=True):
        assert timedelta(hours=j["onset_h"]) == e.onset
        end = j.get("typical_end_h", j.get("until_h"))
        assert (None if end is None else timedelta(hours=end)) == e.end
        for key, at in (("start", e.start), ("end", e.finish)):
            assert (key in j) == (at is not None)
            if at is not None:  # the same instant and offset (an ambiguous local time never compares
                parsed = datetime.fromisoformat(j[key])  # equal across zones, PEP 495: compare instants)
                assert parsed.timestamp() == at.timestamp()
                assert parsed.utcoffset() == at.utcoffset()
    assert doc["treatment"]["depth_mm"] == t.depth_mm
    assert doc["treatment"]["skin_type"] == t.skin_type


@given(instants)
def test_an_aware_instant_survives_the_boundary(at: datetime) -> None:
    t = aftercare.Treatment(device="pen", depth_mm=1.0, skin_type=3, treated_at=at)
    floored = at.replace(microsecond=0)
    assert t.treated_at == floored
    assert t.native.treated_at == floored.astimezone(UTC)
    p = aftercare.plan(t)
    assert p["effect.redness"].start == floored
    if isinstance(at.tzinfo, ZoneInfo):  # the plan speaks the treatment's zone
        assert p.tz == at.tzinfo
        assert p["effect.redness"].start.tzinfo == at.tzinfo  # type: ignore[union-attr]


@given(st.lists(treatments(), max_size=8))
def test_batch_equals_one_by_one(cohort: list[aftercare.Treatment]) -> None:
    assert [numbers(p) for p in aftercare.plans(cohort)] == [numbers(aftercare.plan(t)) for t in cohort]


# --- schedule(): reminders at the patient's local times -----------------------------------------------
# Zones with daylight saving of every shape: an hour at 01:00-03:00, at midnight (Havana, Santiago),
# 30 minutes (Lord_Howe), 45-minute offsets (Chatham), negative DST (Dublin), two hours (Troll), the day
# Apia skipped (30 Dec 2011), a zone that moved its clocks for Ramadan (Casablanca) — and some without.
SCHEDULE_ZONES = [ZoneInfo(k) for k in (
    "Europe/London", "Europe/Dublin", "Europe/Kyiv", "America/New_York", "America/St_Johns", "America/Havana",
    "America/Santiago", "America/Sao_Paulo", "Australia/Lord_Howe", "Australia/Sydney", "Pacific/Chatham",
    "Pacific/Apia", "Antarctica/Troll", "Africa/Casablanca", "Asia/Tokyo", "Asia/Kathmandu", "UTC",
)]
MINUTES_A_DAY = 24 * 60
SCHEDULE_END = datetime(2036, 7, 1, tzinfo=UTC)
CHECK_INS = {c["code"]: timedelta(hours=c["at_h"]["value"])
             for c in json.loads(aftercare.default_protocol().text)["check_ins"]}


@functools.cache
def _changes(zone: ZoneInfo) -> tuple[datetime, ...]:
    """The instants the zone's UTC offset changes, 1971 to SCHEDULE_END (to the minute): where to aim
    treatments and times of day. Days are scanned, then the changing day bisected by minutes."""
    out: list[datetime] = []
    day = datetime(1971, 1, 1, tzinfo=UTC)
    prev = day.astimezone(zone).utcoffset()
    while day < SCHEDULE_END:
        if (day + timedelta(days=1)).astimezone(zone).utcoffset() != prev:
            lo, hi = 0, MINUTES_A_DAY  # minutes after `day`: the offset at lo is prev, at hi it is not
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if (day + timedelta(minutes=mid)).astimezone(zone).utcoffset() == prev else (lo, mid)
            change = day + timedelta(minutes=hi)
            out.append(change)
            prev = change.astimezone(zone).utcoffset()
            day = change  # the same day may change again (rare)
            continue
        day += timedelta(days=1)
    return tuple(out)


def _clock(m: int) -> time:
    return time(m // 60, m % 60)


@st.composite
def days(draw: st.DrawFn, window: tuple[int, int] | None = None) -> dict[str, time | str]:
    """Valid preferences: wake < bed, each slot (or its default) within [wake, bed); times of day as
    datetime.time or "HH:MM" at random. `window` (minutes after midnight, [start, end)) is where to aim
    wake and slots: the wall-clock times a change of offset skips or repeats."""
    start, end = window if window is not None else (0, 4 * 60)
    wake = draw(st.sampled_from([
        st.integers(0, MINUTES_A_DAY - 2),                       # any time
        st.integers(max(0, start - 180), min(start, MINUTES_A_DAY - 2)),  # before the window
        st.integers(min(start, MINUTES_A_DAY - 2), min(end - 1, MINUTES_A_DAY - 2)),  # in it
    ]).flatmap(lambda s: s), label="wake")
    bed = draw(st.integers(wake + 1, MINUTES_A_DAY - 1), label="bed")
    lo = min(max(wake, start), bed - 1)
    near = st.integers(lo, max(min(bed - 1, end - 1), lo))
    slot_times = {"default": st.none(), "any": st.integers(wake, bed - 1), "near": near}
    out: dict[str, time | str] = {}
    slots = {slot: draw(slot_times[draw(st.sampled_from(["default", "any", "near", "near"]))], label=slot)
             for slot in ("morning", "midday", "evening", "bedtime")}
    if slots["morning"] is not None and slots["evening"] is not None and slots["evening"] <= slots["morning"]:
        slots["evening"] = None  # a morning routine at or after the evening one is rejected (test_bad_input)
    for name, m in [("wake", wake), ("bed", bed), *slots.items()]:
        if m is not None:
            t = _clock(m)
            out[name] = t if draw(st.booleans()) else t.strftime("%H:%M")
    return out


def _window(change: datetime, zone: ZoneInfo) -> tuple[int, int]:
    """The wall-clock minutes a change of offset skips (spring forward) or repeats (fall back), as
    [start, end) minutes after midnight (cut at midnight)."""
    before, after = (change - timedelta(minutes=1)).astimezone(zone), change.astimezone(zone)
    shift = after.utcoffset() - before.utcoffset()  # type: ignore[operator]
    first = (before + timedelta(minutes=1)) if shift > timedelta(0) else after  # the first skipped / repeated minute
    start = (first.hour * 60 + first.minute) % MINUTES_A_DAY
    return start, min(start + abs(shift) // timedelta(minutes=1), MINUTES_A_DAY)


@st.composite
def scheduled(draw: st.DrawFn) -> tuple[aftercare.Treatment, ZoneInfo, dict[str, time | str]]:
    """A treatment with a treatment time, the patient's zone and day. The core's offsets are zoneinfo's
    until 2037 (test_time.py::test_core_offsets_after_2037), and a schedule reaches months after the
    treatment: treatments end before SCHEDULE_END. Often aimed at a change of the zone's offset: up to
    16 days before it, or a check-in or stage length before it (an elapsed reminder due near it), with
    times of day in the wall-clock times it skips or repeats."""
    t = draw(treatments())
    zone = draw(st.sampled_from(SCHEDULE_ZONES), label="zone")
    changes = _changes(zone)
    aim = draw(st.sampled_from(["none", "before", "elapsed"] if changes else ["none"]), label="aim")
    window = None
    if aim == "none":
        at = draw(st.datetimes(min_value=datetime(1971, 1, 1), max_value=SCHEDULE_END.replace(tzinfo=None),
                               timezones=st.sampled_from([zone, UTC]), allow_imaginary=False), label="treated_at")
    else:
        change = draw(st.sampled_from(changes), label="change")
        window = _window(change, zone)
        if aim == "before":
            at = change - timedelta(minutes=draw(st.integers(0, 16 * MINUTES_A_DAY), label="minutes before"))
        else:
            lengths = sorted({*CHECK_INS.values(), *(timedelta(hours=h) for h in (24, 48, 72, 168, 240, 336))})
            at = change - draw(st.sampled_from(lengths)) + timedelta(minutes=draw(st.integers(-120, 120), label="minutes"))
        at = at.astimezone(zone)
    return dataclasses.replace(t, treated_at=at), zone, draw(days(window))


def _wall(day: date, t: time, zone: ZoneInfo) -> datetime:
    """The DST rule (RFC 5545 §3.3.5), which is PEP 495's fold=0 reading: the earlier of two readings,
    and a time in a gap read with the offset before it (moved forward by the gap)."""
    return datetime.combine(day, t, tzinfo=zone).astimezone(UTC)


def _gap(day: date, t: time, zone: ZoneInfo) -> timedelta:
    """The spring-forward gap `t` falls in on `day`; zero when the time exists."""
    local = datetime.combine(day, t, tzinfo=zone)
    before, after = local.utcoffset(), local.replace(fold=1).utcoffset()
    assert before is not None and after is not None
    return max(after - before, timedelta(0))


def _check_wall_clock(at: datetime, day: date, asked: time, zone: ZoneInfo) -> None:
    """`at` is `asked` on `day` by the DST rule: that wall-clock reading, or moved forward by the gap."""
    assert at.astimezone(UTC) == _wall(day, asked, zone), (day, asked)
    gap = _gap(day, asked, zone)
    assert at.astimezone(zone).replace(tzinfo=None) == datetime.combine(day, asked) + gap
    if gap:
        event("a wall-clock reminder in a gap")
    elif datetime.combine(day, asked, tzinfo=zone).replace(fold=1).astimezone(UTC) != at.astimezone(UTC):
        event("a wall-clock reminder at a repeated time")


@settings(max_examples=100)
@given(scheduled())
def test_every_reminder_is_at_the_local_time_asked_for(case: tuple[aftercare.Treatment, ZoneInfo, dict[str, time | str]]) -> None:
    t, zone, prefs = case
    p = aftercare.plan(t)
    s = aftercare.schedule(p, zone, **prefs)  # type: ignore[arg-type]
    times = s.times
    for name, asked in prefs.items():
        assert times[name] == (asked if isinstance(asked, time) else time.fromisoformat(asked)), name
    assert t.treated_at is not None and s.horizon is not None
    t0 = t.treated_at.astimezone(UTC)
    stages = {st_.code + ".lifted": st_.until for e in p.of_kind("restriction") for st_ in e.stages}

    for x in s.series:  # a daily series: the slot's time on consecutive days
        assert x.first.tzinfo == zone and x.first.time() == times[x.slot.value]
        for i, at in enumerate(x.instants):
            _check_wall_clock(at, x.first.date() + timedelta(days=i), times[x.slot.value], zone)

    for r in s:
        assert r.at.astimezone(UTC) >= r.due.astimezone(UTC) >= t0
        assert r.due.astimezone(UTC) <= s.horizon.astimezone(UTC)
        if r.anchor == ReminderAnchor.WALL_CLOCK:
            assert r.slot is not None and r.at.astimezone(UTC) == r.due.astimezone(UTC)
            asked = times[r.slot.value]
            local = r.at.astimezone(zone)
            # Its day: the local date, or the day before when a gap moved it past midnight.
            day = local.date() if local.time() == asked or _gap(local.date(), asked, zone) else local.date() - timedelta(days=1)
            _check_wall_clock(r.at, day, asked, zone)
            continue
        # Elapsed: due a fixed time after the treatment; shown then, or at the next wake time from quiet hours.
        if r.code in stages or r.code in CHECK_INS:
            assert r.due.astimezone(UTC) - t0 == stages.get(r.code, CHECK_INS.get(r.code)), r.code
        due = r.due.astimezone(zone)
        if times["wake"] <= due.time() < times["bed"]:
            assert r.at.astimezone(UTC) == r.due.astimezone(UTC), r.code
            continue
        day = due.date() + (timedelta(days=1) if due.time() >= times["bed"] else timedelta(0))
        wake = _wall(day, times["wake"], zone)
        if wake < r.due.astimezone(UTC):  # an ambiguous wake whose earlier reading is before `due`: the later one
            event("due in a repeated hour after the first wake")
            wake = datetime.combine(day, times["wake"], tzinfo=zone).replace(fold=1).astimezone(UTC)
        if _gap(day, times["wake"], zone):
            event("moved to a wake time in a gap")
        assert r.at.astimezone(UTC) == wake, (r.code, due)
        assert r.at.astimezone(zone).replace(tzinfo=None) == datetime.combine(day, times["wake"]) + _gap(day, times["wake"], zone)


@given(treatments(before_2037=True), st.sampled_from([None, *SCHEDULE_ZONES]), days())
def test_schedule_json_round_trips(t: aftercare.Treatment, zone: ZoneInfo | None, prefs: dict[str, time | str]) -> None:
    assume(zone is not None or t.treated_at is None)  # a treatment time needs the patient's zone
    s = aftercare.schedule(aftercare.plan(t), zone, **prefs)  # type: ignore[arg-type]
    doc = json.loads(s.to_json())
    assert len(doc["reminders"]) == len(s)
    assert (t.treated_at is None) == (len(s) == 0)
    for j, r in zip(doc["reminders"], s.reminders, strict=True):
        at = datetime.fromisoformat(j["at"])
        assert (j["code"], j["kind"], j["anchor"], j.get("slot"), j.get("series")) == (r.code, r.kind, r.anchor, r.slot, r.series)
        assert at.astimezone(UTC) == r.at.astimezone(UTC) and at.utcoffset() == r.at.utcoffset()
        assert datetime.fromisoformat(j.get("due", j["at"])).astimezone(UTC) == r.due.astimezone(UTC)
    assert [(x["code"], x["count"]) for x in doc["series"]] == [(x.code, x.count) for x in s.series]
