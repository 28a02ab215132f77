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
    Device,
    EntryKind,
    HistoryFlag,
    Indication,
    Likelihood,
    ReminderMode,
    RoutineSlot,
    Severity,
    Sign,
    Symptom,
    TriageLevel,
)
from aftercare._errors import Error, InvalidValueError, ProtocolError, TimeZoneError
from aftercare._frame import cohort
from aftercare._plan import Entry, Note, Plan, Stage, TimeZone, plan, plans
from aftercare._protocol import DepthTier, Protocol, Source, default_protocol, load_protocol, parse_protocol
from aftercare._treatment import Treatment

__version__: str = _core.__version__

__all__ = [
    "Adjunct",
    "Area",
    "DepthTier",
    "Device",
    "Entry",
    "EntryKind",
    "Error",
    "HistoryFlag",
    "Indication",
    "InvalidValueError",
    "Likelihood",
    "Note",
    "Plan",
    "Protocol",
    "ProtocolError",
    "ReminderMode",
    "RoutineSlot",
    "Severity",
    "Sign",
    "Source",
    "Stage",
    "Symptom",
    "TimeZone",
    "TimeZoneError",
    "Treatment",
    "TriageLevel",
    "__version__",
    "cohort",
    "default_protocol",
    "load_protocol",
    "parse_protocol",
    "plan",
    "plans",
]
