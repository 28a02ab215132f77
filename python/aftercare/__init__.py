"""aftercare: evidence-based microneedling aftercare plans, from Python.

A thin, typed layer over the C++ core (the private extension ``aftercare._core``): every window,
restriction and message comes from the core and its protocol data; nothing is recomputed here.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> import aftercare
    >>> t = aftercare.Treatment(device="pen", depth_mm=1.0, area="face", skin_type=3,
    ...                         treated_at=datetime(2026, 11, 21, 14, 0, tzinfo=ZoneInfo("Europe/London")))
    >>> p = aftercare.plan(t)
    >>> p["effect.redness"].finish
    datetime.datetime(2026, 11, 23, 14, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/London'))

Instants are aware datetimes (UTC, or the patient's zone); a naive datetime is rejected. Errors
are :class:`Error` subclasses of :class:`ValueError` carrying the core's message. Not medical advice.
"""

from __future__ import annotations

from aftercare import _core
from aftercare._enums import (
    Adjunct,
    Area,
    Condition,
    Decision,
    Device,
    EntryKind,
    HistoryFlag,
    Indication,
    Likelihood,
    Procedure,
    ReminderAnchor,
    ReminderKind,
    ReminderMode,
    RoutineSlot,
    Severity,
    Sign,
    Symptom,
    TriageLevel,
)
from aftercare._catalogue import catalogue_from_po, catalogue_to_po
from aftercare._checkin import (
    CheckInAnswers,
    CheckInAssessment,
    FollowUp,
    assess_check_in,
    check_in_questionnaire,
    check_in_questions,
    follow_up,
    to_fhir,
)
from aftercare._course import Course, CourseMilestone, CourseReminder, CourseSession, course
from aftercare._errors import Error, InvalidValueError, ProtocolError, TimeZoneError
from aftercare._frame import cohort, cohort_wide, schedules, screenings, triages
from aftercare._plan import Entry, Note, Plan, Stage, TimeZone, plan, plans
from aftercare._protocol import DepthTier, Protocol, Source, default_protocol, load_protocol, parse_protocol, shipped_locales
from aftercare._schedule import Reminder, Schedule, Series, schedule
from aftercare._screening import Eligibility, PatientHistory, ScreeningFinding, screen
from aftercare._treatment import Treatment
from aftercare._triage import Assessment, Finding, ReportAssessment, SymptomReport, SymptomWindow, triage

__version__: str = _core.__version__

__all__ = [
    "Adjunct",
    "Area",
    "Assessment",
    "CheckInAnswers",
    "CheckInAssessment",
    "Condition",
    "Course",
    "CourseMilestone",
    "CourseReminder",
    "CourseSession",
    "Decision",
    "DepthTier",
    "Device",
    "Eligibility",
    "Entry",
    "EntryKind",
    "Error",
    "Finding",
    "FollowUp",
    "HistoryFlag",
    "Indication",
    "InvalidValueError",
    "Likelihood",
    "Note",
    "PatientHistory",
    "Plan",
    "Procedure",
    "Protocol",
    "ProtocolError",
    "Reminder",
    "ReminderAnchor",
    "ReminderKind",
    "ReminderMode",
    "ReportAssessment",
    "RoutineSlot",
    "Schedule",
    "ScreeningFinding",
    "Series",
    "Severity",
    "Sign",
    "Source",
    "Stage",
    "Symptom",
    "SymptomReport",
    "SymptomWindow",
    "TimeZone",
    "TimeZoneError",
    "Treatment",
    "TriageLevel",
    "__version__",
    "assess_check_in",
    "catalogue_from_po",
    "catalogue_to_po",
    "check_in_questionnaire",
    "check_in_questions",
    "cohort",
    "cohort_wide",
    "course",
    "default_protocol",
    "follow_up",
    "load_protocol",
    "parse_protocol",
    "plan",
    "plans",
    "schedule",
    "schedules",
    "screen",
    "screenings",
    "shipped_locales",
    "to_fhir",
    "triage",
    "triages",
]
