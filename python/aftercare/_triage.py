"""Red-flag triage: how urgently to act on the symptoms a patient reports after treatment (the C++
``aftercare::triage``). Every rule, level and message comes from the protocol's data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from aftercare import _core, _errors
from aftercare._errors import expect
from aftercare._enums import Severity, Sign, Symptom, TriageLevel
from aftercare._plan import Plan, TimeZone

__all__ = ["Assessment", "Finding", "ReportAssessment", "SymptomReport", "SymptomWindow", "triage"]

_LEVEL = {m.value: m for m in TriageLevel}


@dataclass(frozen=True, init=False, repr=False)
class SymptomReport:
    """One symptom as the patient reports it: a frozen, hashable value.

    Exactly one of ``seen_at`` (when it was seen, an *aware* datetime; the plan must have a
    treatment time) or ``after`` (the time since the end of treatment, a timedelta; works with any
    plan). ``severity`` ("mild", "moderate", "severe") and ``signs`` ("spreading", "worsening",
    "reappeared", "warm", "fever") are optional. Codes are checked at once by the core; the times
    against the plan by :func:`aftercare.triage`.
    """

    symptom: Symptom
    seen_at: datetime | None
    after: timedelta | None
    severity: Severity | None
    signs: frozenset[Sign]

    def __init__(
        self,
        symptom: Symptom | str,
        *,
        seen_at: datetime | None = None,
        after: timedelta | None = None,
        severity: Severity | str | None = None,
        signs: Iterable[Sign | str] | Sign | str | None = (),
    ) -> None:
        native = _core.SymptomReport(symptom, seen_at=seen_at, after=after, severity=severity, signs=signs)
        put = object.__setattr__
        put(self, "symptom", Symptom(native.symptom))
        put(self, "seen_at", None if native.seen_at is None or seen_at is None else native.seen_at.astimezone(seen_at.tzinfo))
        put(self, "after", native.after)
        put(self, "severity", None if native.severity is None else Severity(native.severity))
        put(self, "signs", frozenset(Sign(s) for s in native.signs))
        put(self, "_native", native)

    @property
    def native(self) -> _core.SymptomReport:
        """The C++ value (``aftercare._core.SymptomReport``)."""
        native: _core.SymptomReport = self.__dict__["_native"]
        return native

    def _key(self) -> tuple[Any, ...]:
        # By the UTC instant: within one zone, datetime == ignores fold (PEP 495), so two readings
        # an hour apart in a fall-back hour would otherwise compare equal.
        seen = None if self.seen_at is None else self.seen_at.astimezone(UTC)
        return (self.symptom, seen, self.after, self.severity, self.signs)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SymptomReport):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        parts = [repr(str(self.symptom))]
        if self.seen_at is not None:
            parts.append(f"seen_at={self.seen_at!r}")
        if self.after is not None:
            parts.append(f"after={self.after!r}")
        if self.severity is not None:
            parts.append(f"severity={str(self.severity)!r}")
        if self.signs:
            parts.append(f"signs={tuple(sorted(str(s) for s in self.signs))!r}")
        return f"SymptomReport({', '.join(parts)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_report, (str(self.symptom), self.seen_at, self.after,
                                  None if self.severity is None else str(self.severity), sorted(map(str, self.signs))))


def _rebuild_report(symptom: str, seen_at: datetime | None, after: timedelta | None, severity: str | None,
                    signs: list[str]) -> SymptomReport:
    return SymptomReport(symptom, seen_at=seen_at, after=after, severity=severity, signs=signs)


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict on a report. ``rule`` is a red-flag code ("red_flag.pus") or a triage
    outcome ("triage.early", "triage.expected", "triage.settling", "triage.overdue",
    "triage.not_covered", "triage.severe"); the words are the protocol's."""

    rule: str
    level: TriageLevel
    title: str
    reason: str
    advice: str
    sources: tuple[str, ...]

    @classmethod
    def _from_core(cls, d: dict[str, Any]) -> Finding:
        return cls(rule=d["rule"], level=_LEVEL[d["level"]], title=d["title"], reason=d["reason"], advice=d["advice"],
                   sources=d["sources"])


@dataclass(frozen=True, slots=True)
class SymptomWindow:
    """The plan's window for the effect a symptom belongs to (redness: ``effect.redness``):
    durations after the end of treatment, and the same as datetimes when the plan has a time."""

    effect: str
    onset: timedelta
    typical_end: timedelta
    abnormal_after: timedelta
    onset_at: datetime | None
    typical_end_at: datetime | None
    abnormal_after_at: datetime | None


@dataclass(frozen=True, slots=True)
class ReportAssessment:
    """The verdict on one report: its level, the rule that decided it and every rule that applies."""

    report: SymptomReport
    #: The time since the end of treatment.
    after: timedelta
    #: When it was seen, when the plan has a treatment time.
    seen_at: datetime | None
    level: TriageLevel
    decided: Finding
    #: Every rule that applies, highest level first (``decided`` is the first).
    matched: tuple[Finding, ...]
    window: SymptomWindow | None
    #: True when a severe report raised the level (``decided.rule == "triage.severe"``).
    raised_by_severity: bool


class Assessment:
    """The verdict on a set of reports: the highest level, and each report's. Iterating it gives
    the :class:`ReportAssessment` of each report, in the order given."""

    __slots__ = ("_native", "_plan", "_reports", "_tz")

    def __init__(self, native: _core.Assessment, plan: Plan, reports: tuple[SymptomReport, ...], tz: tzinfo) -> None:
        self._native = native
        self._plan = plan
        self._tz = tz
        self._reports = tuple(
            ReportAssessment(
                report=report, after=d["after"], seen_at=d["seen_at"], level=_LEVEL[d["level"]],
                decided=Finding._from_core(d["decided"]), matched=tuple(Finding._from_core(f) for f in d["matched"]),
                window=None if d["window"] is None else SymptomWindow(**d["window"]),
                raised_by_severity=d["raised_by_severity"],
            )
            for report, d in zip(reports, native.reports(tz), strict=True)
        )

    @property
    def native(self) -> _core.Assessment:
        return self._native

    @property
    def level(self) -> TriageLevel:
        """The highest level over all reports (``expected`` with none)."""
        return _LEVEL[self._native.level]

    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def reports(self) -> tuple[ReportAssessment, ...]:
        return self._reports

    def __iter__(self) -> Iterator[ReportAssessment]:
        return iter(self._reports)

    def __len__(self) -> int:
        return len(self._reports)

    def to_json(self, tz: TimeZone = None, *, indent: int | None = 2) -> str:
        """The assessment as JSON (docs/schema/triage.schema.json), as ``aftercare triage
        --format json`` writes it; instants in ``tz`` (default: the plan's zone)."""
        return self._native.to_json(self._zone(tz), _errors.expect_indent(indent))

    def to_json_bytes(self, tz: TimeZone = None, *, indent: int | None = 2) -> bytes:
        """:meth:`to_json`'s document as UTF-8 bytes."""
        return self._native.to_json_bytes(self._zone(tz), _errors.expect_indent(indent))

    def to_text(self, tz: TimeZone = None, *, sources: bool = True) -> str:
        """The assessment as readable text, as ``aftercare triage`` prints it."""
        return self._native.to_text(self._zone(tz), sources)

    def _repr_html_(self) -> str:
        from aftercare._html import assessment_html

        return assessment_html(self)

    def __repr__(self) -> str:
        return f"<Assessment {self.level} ({len(self)} reports)>"

    def _zone(self, tz: TimeZone) -> tzinfo:
        return self._tz if tz is None else _core.zone(tz)


def triage(plan: Plan, reports: Iterable[SymptomReport], *, as_of: datetime | None = None) -> Assessment:
    """How urgently to act on ``reports``, against ``plan`` and the protocol it was made from.

    Each report gets the level of the plan's window for its effect (early, expected, settling,
    overdue) or of the protocol's red-flag rules that match it, whichever is higher; a severe
    report is raised a step. Raises :class:`aftercare.InvalidValueError` for a report seen before
    the end of treatment, given as ``seen_at`` for a plan without a treatment time, or seen after
    ``as_of`` (an aware datetime) when that is given. Runs without the GIL.
    """
    expect(plan, Plan, "plan", "an aftercare.Plan")
    if isinstance(reports, SymptomReport | str | bytes) or not isinstance(reports, Iterable):
        raise TypeError(f"reports must be an iterable of aftercare.SymptomReport, not {type(reports).__qualname__}")
    items = tuple(reports)
    for i, r in enumerate(items):
        expect(r, SymptomReport, f"reports[{i}]", "an aftercare.SymptomReport")
    if as_of is None:
        as_of = datetime.now(UTC)  # as the command: a symptom cannot have been seen in the future
    else:
        expect(as_of, datetime, "as_of", "an aware datetime.datetime or None")
    native = _core.triage(plan.native, [r.native for r in items], as_of)
    return Assessment(native, plan, items, plan.tz)
