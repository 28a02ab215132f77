"""Reminders: the plan's care steps, lifted restrictions, check-ins and milestones at the
patient's real local times (the C++ ``aftercare::schedule``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from aftercare import _core, _errors
from aftercare._errors import expect
from aftercare._enums import ReminderAnchor, ReminderKind, RoutineSlot
from aftercare._plan import Plan, TimeZone

if TYPE_CHECKING:
    import pandas as pd

    from aftercare._html import Clinic, Paper

__all__ = ["Reminder", "Schedule", "Series", "schedule"]

_KIND = {m.value: m for m in ReminderKind}
_ANCHOR = {m.value: m for m in ReminderAnchor}
_SLOT = {m.value: m for m in RoutineSlot}


@dataclass(frozen=True, slots=True)
class Reminder:
    """One reminder: something to show the patient at one instant.

    ``at`` is when to show it, an aware datetime in the schedule's zone. A ``wall_clock``
    reminder (daily care) is at its routine slot's time of day; an ``elapsed`` one (a first wash,
    a lifted restriction, a check-in, a milestone) is a fixed time after the end of treatment,
    ``due``, moved to the next waking time when that falls in the patient's quiet hours.
    """

    #: Stable code: "care.cleanse.morning", "restriction.makeup.none.lifted", "check_in.24h".
    code: str
    kind: ReminderKind
    anchor: ReminderAnchor
    title: str
    text: str
    #: The plan entry it comes from ("care.cleanse"); None for check-ins.
    entry: str | None
    #: The routine slot of a wall-clock reminder.
    slot: RoutineSlot | None
    at: datetime
    #: When it was due, before any move out of quiet hours (the same as ``at`` for wall-clock ones).
    due: datetime
    #: The close of the next-session window, for that milestone.
    window_end: datetime | None
    #: The code of the daily series it belongs to (see :attr:`Schedule.series`), or None.
    series: str | None
    #: Source keys (see :attr:`aftercare.Protocol.sources`).
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Series:
    """A daily reminder as a recurrence: the same wall-clock time on ``count`` consecutive days,
    what ``DTSTART;TZID=<zone>:<first>`` with ``RRULE:<rrule>`` expands to in a calendar."""

    code: str
    entry: str
    slot: RoutineSlot
    title: str
    text: str
    #: DTSTART: the wall-clock reading of the first one in the patient's zone (fold=0); after
    #: :meth:`Schedule.in_zone`, the same instant in that zone.
    first: datetime
    count: int
    #: "FREQ=DAILY;COUNT=3".
    rrule: str
    #: Every instant of the series, in order, in the schedule's zone.
    instants: tuple[datetime, ...]
    sources: tuple[str, ...]


class Schedule:
    """The reminders for one plan at the patient's local times: an immutable value.

    Made by :func:`aftercare.schedule`. Iterating it gives its reminders, sorted by instant.
    Datetimes are aware, in :attr:`tz` (the patient's zone); :meth:`in_zone` shows the same
    schedule in another zone.
    """

    __slots__ = ("_native", "_plan", "_reminders", "_series", "_tz")

    def __init__(self, native: _core.Schedule, plan: Plan, tz: tzinfo) -> None:
        self._native = native
        self._plan = plan
        self._tz = tz
        self._reminders: tuple[Reminder, ...] | None = None
        self._series: tuple[Series, ...] | None = None

    @property
    def native(self) -> _core.Schedule:
        """The C++ value (``aftercare._core.Schedule``)."""
        return self._native

    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def tz(self) -> tzinfo:
        """The zone of the datetimes: the patient's zone, or UTC for a plan without a treatment time."""
        return self._tz

    @property
    def zone_name(self) -> str | None:
        """The patient's IANA zone as the library's tz database resolved it; None without a treatment time."""
        return self._native.zone_name

    @property
    def times(self) -> dict[str, time]:
        """The times of day used, after defaults: wake, bed, morning, midday, evening, bedtime."""
        return self._native.times()

    @property
    def horizon(self) -> datetime | None:
        """The last instant a reminder may be due; None without a treatment time."""
        return self._native.horizon(self._tz)

    @property
    def series(self) -> tuple[Series, ...]:
        """The daily series (one per care step and slot), as the calendar export writes them."""
        if self._series is None:
            self._series = tuple(
                Series(
                    code=d["code"], entry=d["entry"], slot=_SLOT[d["slot"]], title=d["title"], text=d["text"],
                    first=d["first"], count=d["count"], rrule=d["rrule"], instants=d["instants"], sources=d["sources"],
                )
                for d in self._native.series(self._tz)
            )
        return self._series

    @property
    def reminders(self) -> tuple[Reminder, ...]:
        """Every reminder, sorted by instant (then kind, then code)."""
        if self._reminders is None:  # built in C++, equal strings and instants shared between them
            self._reminders = self._native.reminder_objects(self._tz, Reminder, _KIND, _ANCHOR, _SLOT)
        return self._reminders

    def __iter__(self) -> Iterator[Reminder]:
        return iter(self.reminders)

    def __len__(self) -> int:
        return len(self._native)

    def in_zone(self, tz: TimeZone) -> Schedule:
        """The same schedule with its datetimes in ``tz`` (the reminders stay at the same instants)."""
        return Schedule(self._native, self._plan, _core.zone(tz))

    # --- exports -------------------------------------------------------------------------------

    def to_json(self, *, indent: int | None = 2) -> str:
        """The plan with its reminders as JSON (docs/schema/plan.schema.json): exactly what
        ``aftercare plan --format json`` writes for the same treatment and preferences."""
        return self._native.to_json(None, _errors.expect_indent(indent))

    def to_json_bytes(self, *, indent: int | None = 2) -> bytes:
        """:meth:`to_json`'s document as UTF-8 bytes."""
        return self._native.to_json_bytes(None, _errors.expect_indent(indent))

    def to_text(self, *, sources: bool = True) -> str:
        """The plan with its reminders as readable text, as ``aftercare plan`` prints it."""
        return self._native.to_text(None, sources)

    def to_html(self, *, clinic: Clinic = None, patient: str = "", clinician: bool = False, paper: Paper = "a4") -> str:
        """The printable handout, as :meth:`Plan.to_html`, with the reminder times in the checklist
        and dates in the schedule's zone."""
        from aftercare._html import handout_args

        return _core.schedule_to_html(self._native, None, **handout_args(clinic, patient, clinician, paper))

    def to_pdf(self, path: str | os.PathLike[str], *, clinic: Clinic = None, patient: str = "", clinician: bool = False,
               paper: Paper = "a4") -> None:
        """The handout as a tagged PDF (PDF/UA-1) at ``path``, through WeasyPrint (``pip install aftercare[pdf]``)."""
        from aftercare._html import pdf_of

        pdf_of(self.to_html(clinic=clinic, patient=patient, clinician=clinician, paper=paper), path)

    def _repr_html_(self) -> str:
        from aftercare._html import schedule_html

        return schedule_html(self)

    def to_ics(self, *, calendar_name: str = "", duration: timedelta | None = None, alarm: bool = True) -> str:
        """The reminders as an iCalendar document (RFC 5545), as ``aftercare plan --format ics``
        writes it: one event per one-off reminder, one recurring event per daily series, in the
        patient's zone (DTSTART;TZID with the zone's VTIMEZONE). ``duration`` is each event's
        length (default 15 minutes; 1 minute to 24 hours); ``alarm`` adds a display alarm at the
        event's start. Raises :class:`aftercare.InvalidValueError` for a plan without a treatment time.
        """
        return self._native.to_ics(calendar_name, duration, alarm)

    def to_dataframe(self, tz: TimeZone = None) -> pd.DataFrame:
        """One row per reminder; needs pandas (``pip install aftercare[pandas]``).

        Columns: code, kind, anchor, slot (categoricals), title, at and due (datetime64[s, tz] in
        ``tz``, default the schedule's zone), local (the wall-clock reading of ``at``, naive
        datetime64[s]), window_end, series, entry, text, sources.
        """
        from aftercare._frame import require_pandas

        pd = require_pandas()
        zone = self._tz if tz is None else _core.zone(tz)
        rows = self.reminders

        def instants(values: list[datetime | None]) -> Any:
            return pd.DatetimeIndex(pd.to_datetime(values, utc=True)).as_unit("s").tz_convert(zone).array

        def categorical(values: list[Any], categories: Any) -> Any:
            return pd.Categorical(values, categories=[str(c) for c in categories])

        at = instants([r.at for r in rows])
        return pd.DataFrame({
            "code": pd.Categorical([r.code for r in rows]),
            "kind": categorical([r.kind for r in rows], ReminderKind),
            "anchor": categorical([r.anchor for r in rows], ReminderAnchor),
            "slot": categorical([r.slot for r in rows], RoutineSlot),
            "title": [r.title for r in rows],
            "at": at,
            "due": instants([r.due for r in rows]),
            "local": pd.DatetimeIndex(at).tz_localize(None).array,
            "window_end": instants([r.window_end for r in rows]),
            "series": [r.series for r in rows],
            "entry": [r.entry for r in rows],
            "text": [r.text for r in rows],
            "sources": [r.sources for r in rows],
        })

    def __repr__(self) -> str:
        return f"<Schedule {len(self)} reminders, {len(self.series)} daily series, tz {self.zone_name or 'UTC'}>"


def _schedule_zone(plan: Plan, tz: TimeZone) -> TimeZone:
    """The zone for reminders: ``tz``, else the plan's zone when it is an IANA zone."""
    if tz is not None:
        return tz
    own = plan.tz
    if isinstance(own, ZoneInfo) and own.key is not None:
        return own
    return None


def schedule(
    plan: Plan,
    tz: TimeZone = None,
    *,
    wake: time | str | None = None,
    bed: time | str | None = None,
    morning: time | str | None = None,
    midday: time | str | None = None,
    evening: time | str | None = None,
    bedtime: time | str | None = None,
    horizon: timedelta | None = None,
) -> Schedule:
    """The reminders for ``plan`` at the patient's local times.

    ``tz`` is the patient's zone, an IANA name or :class:`zoneinfo.ZoneInfo` (default: the plan's
    zone when that is one); it is required when the plan has a treatment time. Times of day are
    naive :class:`datetime.time` or "HH:MM": the patient's waking hours are [``wake``, ``bed``)
    (default 07:00–22:30) and the routine slots default from them (morning = wake + 30 min,
    midday 13:00, evening = bed − 90 min, bedtime = bed − 30 min). ``horizon`` limits how long
    after the end of treatment reminders are given (default: the end of the aftercare or the next
    course milestone). Raises :class:`aftercare.InvalidValueError` naming the preference that is
    out of range. A plan without a treatment time has no reminders. Runs without the GIL.
    """
    expect(plan, Plan, "plan", "an aftercare.Plan")
    if horizon is not None:
        expect(horizon, timedelta, "horizon", "a datetime.timedelta or None")
    zone = _schedule_zone(plan, tz)
    native = _core.schedule(plan.native, zone, wake, bed, morning, midday, evening, bedtime, horizon)  # positional: cheaper
    # A ZoneInfo the call accepted is its own tzinfo; a name (or None) is resolved to one.
    return Schedule(native, plan, zone if isinstance(zone, ZoneInfo) else _core.zone(zone, "tz"))
