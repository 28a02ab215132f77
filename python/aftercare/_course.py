"""A course of sessions planned from one treatment: booking windows, what changes between sessions,
re-screening, results milestones and booking reminders (the C++ ``aftercare::plan_course``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from aftercare import _core
from aftercare._enums import Condition
from aftercare._plan import TimeZone, _default_zone
from aftercare._protocol import Protocol, default_protocol
from aftercare._treatment import Treatment

__all__ = ["Course", "CourseMilestone", "CourseReminder", "CourseSession", "course"]


@dataclass(frozen=True, slots=True)
class CourseSession:
    """One session and its booking window: times after the course's first session, and aware
    datetimes when the treatment time is known."""

    number: int
    earliest: timedelta
    typical: timedelta
    latest: timedelta
    earliest_at: datetime | None
    typical_at: datetime | None
    latest_at: datetime | None
    #: What changes at this session: dicts with code, text, basis and sources.
    changes: tuple[dict[str, object], ...]
    #: The screening conditions to ask about again before this session (empty for the first).
    rescreen: tuple[Condition, ...]
    rescreen_procedures: bool


@dataclass(frozen=True, slots=True)
class CourseMilestone:
    code: str
    title: str
    text: str
    after: timedelta
    at: datetime | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CourseReminder:
    code: str
    session: int
    title: str
    text: str
    after: timedelta
    at: datetime | None


class Course:
    """A course of sessions. Iterating it gives the sessions in order."""

    __slots__ = ("_milestones", "_native", "_protocol", "_reminders", "_sessions", "_treatment", "_zone")

    def __init__(self, native: _core.Course, treatment: Treatment, protocol: Protocol) -> None:
        self._native = native
        self._treatment = treatment
        self._protocol = protocol
        self._zone = _default_zone(treatment, None)
        self._sessions = tuple(
            CourseSession(**{**d, "rescreen": tuple(Condition(c) for c in d["rescreen"])})
            for d in native.sessions(self._zone)
        )
        self._milestones = tuple(CourseMilestone(**d) for d in native.milestones(self._zone))
        self._reminders = tuple(CourseReminder(**d) for d in native.reminders(self._zone))

    @property
    def native(self) -> _core.Course:
        return self._native

    @property
    def treatment(self) -> Treatment:
        return self._treatment

    @property
    def protocol(self) -> Protocol:
        return self._protocol

    @property
    def total_sessions(self) -> int:
        return self._native.total_sessions

    @property
    def sessions(self) -> tuple[CourseSession, ...]:
        return self._sessions

    @property
    def milestones(self) -> tuple[CourseMilestone, ...]:
        return self._milestones

    @property
    def reminders(self) -> tuple[CourseReminder, ...]:
        return self._reminders

    @property
    def rescreen_text(self) -> str:
        return self._native.rescreen_text

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(self._native.notes)

    def __iter__(self) -> Iterator[CourseSession]:
        return iter(self._sessions)

    def __len__(self) -> int:
        return len(self._sessions)

    def to_json(self, tz: TimeZone = None, *, indent: int | None = 2) -> str:
        """The course as JSON (docs/schema/course.schema.json), as ``aftercare course --format json``
        writes it; instants in ``tz`` (default: the zone of ``treatment.treated_at`` when that is a
        :class:`zoneinfo.ZoneInfo`, else UTC)."""
        return self._native.to_json(_default_zone(self._treatment, tz), -1 if indent is None else indent)

    def to_text(self, tz: TimeZone = None) -> str:
        """The course as readable text, as ``aftercare course`` prints it."""
        return self._native.to_text(_default_zone(self._treatment, tz))

    def to_ics(self, tz: TimeZone = None) -> str:
        """The course as an iCalendar file: all-day session windows and milestones, timed booking reminders."""
        return self._native.to_ics(_default_zone(self._treatment, tz))

    def __repr__(self) -> str:
        return f"<Course {self.total_sessions} sessions ({len(self)} planned)>"


def course(treatment: Treatment, *, sessions: int | None = None, protocol: Protocol | None = None,
           lang: str | None = None) -> Course:
    """The course planned from ``treatment`` (session ``treatment.session`` of it) under ``protocol``
    (the embedded default when None), with ``sessions`` sessions in all (the indication's usual
    number when None).

    Raises :class:`aftercare.InvalidValueError` naming ``sessions`` when it is out of range or
    missing for a treatment without an indication. ``lang`` gives its texts in that locale. Runs
    without the GIL.
    """
    p = protocol if protocol is not None else default_protocol()
    if lang is not None:
        p = p.localized(lang)
    if sessions is not None and (isinstance(sessions, bool) or not isinstance(sessions, int)):
        raise TypeError(f"sessions must be an int, not {type(sessions).__name__}")
    return Course(_core.plan_course(treatment.native, p.native, sessions), treatment, p)
