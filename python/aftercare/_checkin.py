"""The check-in loop (the C++ ``aftercare/checkin.hpp``): a check-in's questions, the assessment of
its answers, and what is due when nobody answers; and the plan as a FHIR R4 Bundle. Every word,
level and day comes from the protocol's data (``questions``, ``follow_up``); the library sends nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aftercare import _core
from aftercare._enums import TriageLevel
from aftercare._plan import Plan, TimeZone
from aftercare._schedule import Schedule
from aftercare._triage import Assessment, Finding, SymptomReport

__all__ = [
    "CheckInAnswers",
    "CheckInAssessment",
    "FollowUp",
    "assess_check_in",
    "check_in_questionnaire",
    "check_in_questions",
    "follow_up",
    "to_fhir",
]

_LEVEL = {m.value: m for m in TriageLevel}


def check_in_questions(plan: Plan, check_in: str) -> dict[str, Any]:
    """The questions of check-in ``check_in`` ("check_in.72h") as plain JSON values
    (docs/schema/check-in-questions.schema.json): the one-tap status, each symptom's present /
    severity / signs questions with stable ``link_id``\\ s, and free text."""
    data: dict[str, Any] = json.loads(_core.check_in_questions_json(plan.native, check_in, plan.tz, -1))
    return data


def check_in_questionnaire(plan: Plan, check_in: str, *, canonical_base: str = "urn:aftercare:fhir") -> dict[str, Any]:
    """The same questions as a FHIR R4 Questionnaire (parsed JSON)."""
    data: dict[str, Any] = json.loads(_core.check_in_questionnaire(plan.native, check_in, canonical_base, -1))
    return data


class CheckInAnswers:
    """The answers to one check-in: exactly one of ``answered_at`` (an aware datetime) or ``after``
    (a timedelta since the end of treatment); ``status`` "fine" or "help"; the symptoms answered yes
    (their own times are replaced by the check-in's); free text, passed on for a person to read."""

    __slots__ = ("_native",)

    def __init__(
        self,
        check_in: str,
        *,
        answered_at: datetime | None = None,
        after: timedelta | None = None,
        status: str | None = None,
        symptoms: Iterable[SymptomReport] = (),
        free_text: str = "",
    ) -> None:
        self._native = _core.CheckInAnswers(check_in, answered_at=answered_at, after=after, status=status,
                                            symptoms=[s.native for s in symptoms], free_text=free_text)

    @classmethod
    def from_json(cls, plan: Plan, text: str, tz: TimeZone = None, *, origin: str = "<string>") -> CheckInAnswers:
        """Answers from plain JSON (docs/schema/check-in-answers.schema.json); ``answered_at`` there is
        local time in ``tz`` (default: the plan's zone)."""
        out = cls.__new__(cls)
        out._native = _core.CheckInAnswers.from_json(plan.native, text, plan.tz if tz is None else tz, origin)
        return out

    @classmethod
    def from_fhir(cls, plan: Plan, text: str, *, origin: str = "<string>") -> CheckInAnswers:
        """Answers from a FHIR R4 QuestionnaireResponse for one of the plan's check-in Questionnaires."""
        out = cls.__new__(cls)
        out._native = _core.CheckInAnswers.from_fhir(plan.native, text, origin)
        return out

    @property
    def native(self) -> _core.CheckInAnswers:
        return self._native

    @property
    def check_in(self) -> str:
        return self._native.check_in

    @property
    def status(self) -> str | None:
        return self._native.status

    @property
    def free_text(self) -> str:
        return self._native.free_text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CheckInAnswers):
            return NotImplemented
        return self._native.same_as(other._native)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<CheckInAnswers {self.check_in} status={self.status!r} ({len(self._native.symptoms)} symptoms)>"


class CheckInAssessment:
    """The verdict on one check-in: ``level`` (the triage level, raised to at least a clinic call for
    "I need help"), the ``triage`` of the symptoms answered, ``help`` (the protocol's finding) and
    the free text, untouched."""

    __slots__ = ("_native", "_plan", "_triage")

    def __init__(self, native: _core.CheckInAssessment, plan: Plan) -> None:
        self._native = native
        self._plan = plan
        reports = tuple(_report(r) for r in native.symptom_reports)
        self._triage = Assessment(native.triage, plan, reports, plan.tz)

    @property
    def level(self) -> TriageLevel:
        return _LEVEL[self._native.level]

    @property
    def check_in(self) -> str:
        return self._native.check_in

    @property
    def status(self) -> str | None:
        return self._native.status

    @property
    def triage(self) -> Assessment:
        return self._triage

    @property
    def help(self) -> Finding | None:
        h = self._native.help
        return None if h is None else Finding._from_core(h)

    @property
    def help_without_detail(self) -> bool:
        return bool(self._native.help_without_detail)

    @property
    def free_text(self) -> str:
        return self._native.free_text

    def to_json(self, tz: TimeZone = None, *, indent: int | None = 2) -> str:
        """As ``aftercare check-in answer --format json`` writes it; instants in ``tz`` (default: the plan's zone)."""
        return self._native.to_json(self._plan.tz if tz is None else _core.zone(tz), -1 if indent is None else indent)

    def __repr__(self) -> str:
        return f"<CheckInAssessment {self.check_in} {self.level}>"


def _report(native: _core.SymptomReport) -> SymptomReport:
    return SymptomReport(native.symptom, seen_at=native.seen_at, after=native.after, severity=native.severity, signs=native.signs)


def assess_check_in(plan: Plan, answers: CheckInAnswers, *, as_of: datetime | None = None) -> CheckInAssessment:
    """Triage of the symptoms answered, each seen when the check-in was answered; "I need help" is at
    least the protocol's clinic call, also with no symptoms. Raises :class:`aftercare.InvalidValueError`
    for a check-in the protocol does not have, a symptom answered twice or an answer before treatment."""
    return CheckInAssessment(_core.assess_check_in(plan.native, answers.native, as_of), plan)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What is due when nobody answers: ``action`` "none", "nudge" (ask the patient again) or
    "clinic_task" (the clinic contacts the patient), since ``due``; and what follows if still nobody
    answers (``next_action`` at ``next_due``)."""

    action: str
    code: str | None
    title: str | None
    text: str | None
    due: datetime | None
    check_in: str | None
    next_action: str
    next_due: datetime | None
    sources: tuple[str, ...]


def follow_up(schedule: Schedule, answered: Iterable[str] = (), *, now: datetime) -> FollowUp:
    """What is due at ``now`` (an aware datetime) for ``schedule``'s plan when the check-ins in
    ``answered`` (codes) have been answered: nothing once any was answered; the nudge from its time;
    the clinic task from its time on. The library sends nothing."""
    d = _core.follow_up(schedule.plan.native, schedule.native, list(answered), now, schedule.tz)
    return FollowUp(**d)


def to_fhir(schedule: Schedule, *, subject: str, author: str = "", created: datetime | None = None,
            canonical_base: str = "urn:aftercare:fhir", indent: int | None = 2) -> str:
    """The schedule's plan as a FHIR R4 Bundle (CarePlan, PlanDefinition, Questionnaires), as
    ``aftercare plan --format fhir`` writes it. ``subject`` is the patient's FHIR reference
    ("Patient/123"); nothing is invented."""
    return _core.to_fhir(schedule.plan.native, schedule.native, subject=subject, author=author, created=created,
                         canonical_base=canonical_base, indent=-1 if indent is None else indent)
