"""The plan: what the skin will do and for how long, what to avoid and until when, what to do."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from aftercare import _core, _errors
from aftercare._errors import expect
from aftercare._enums import EntryKind, Likelihood, ReminderMode, RoutineSlot, Symptom, TriageLevel
from aftercare._protocol import Protocol, default_protocol
from aftercare._treatment import Treatment

if TYPE_CHECKING:
    import pandas as pd

    from aftercare._html import Clinic, Paper
    from matplotlib.axes import Axes

__all__ = ["Entry", "Note", "Plan", "Stage", "TimeZone", "plan", "plans"]

#: A time zone argument: an IANA name, a :class:`zoneinfo.ZoneInfo`, :data:`datetime.timezone.utc`
#: (or None, meaning the default).
TimeZone = str | tzinfo | None


@dataclass(frozen=True, slots=True)
class Stage:
    """A step of a restriction that lifts in stages (makeup: none, then mineral only, then normal)."""

    code: str
    text: str
    lifted_text: str
    #: When the stage ends, after the end of treatment.
    until: timedelta
    #: The same as an aware datetime, when the treatment time is known.
    until_at: datetime | None


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the plan. Which fields are meaningful depends on ``kind``:

    ============  ===================  =====================  ===============================
    kind          onset                end                    also
    ============  ===================  =====================  ===============================
    effect        when it starts       its typical end        abnormal_after, likelihood
    restriction   0                    when it fully lifts    stages
    care          first time           last time (or None)    remind, slots
    milestone     at / window opens    window closes          remind
    red_flag      from when it applies until (or None)        level, symptoms, advice
    ============  ===================  =====================  ===============================

    Durations are :class:`~datetime.timedelta` after the end of treatment; ``start`` and
    ``finish`` are the same as aware datetimes (in the plan's zone) when the treatment time is known.
    """

    code: str
    kind: EntryKind
    title: str
    text: str
    onset: timedelta
    end: timedelta | None
    #: The range the sources give for ``end``, when the protocol records one.
    end_range: tuple[timedelta, timedelta] | None
    abnormal_after: timedelta | None
    likelihood: Likelihood | None
    stages: tuple[Stage, ...]
    remind: ReminderMode
    slots: tuple[RoutineSlot, ...]
    level: TriageLevel | None
    symptoms: tuple[Symptom, ...]
    advice: str
    start: datetime | None
    finish: datetime | None
    #: Source keys (see :attr:`Protocol.sources`), de-duplicated.
    sources: tuple[str, ...]
    #: Why this entry differs for this treatment.
    notes: tuple[str, ...]

    @classmethod
    def _from_core(cls, d: dict[str, Any]) -> Entry:
        likelihood, level = d["likelihood"], d["level"]
        return cls(
            code=d["code"],
            kind=_KIND[d["kind"]],
            title=d["title"],
            text=d["text"],
            onset=d["onset"],
            end=d["end"],
            end_range=d["end_range"],
            abnormal_after=d["abnormal_after"],
            likelihood=None if likelihood is None else _LIKELIHOOD[likelihood],
            stages=tuple(Stage(**s) for s in d["stages"]) if d["stages"] else (),
            remind=_REMIND[d["remind"]],
            slots=tuple(_SLOT[s] for s in d["slots"]),
            level=None if level is None else _LEVEL[level],
            symptoms=tuple(_SYMPTOM[s] for s in d["symptoms"]),
            advice=d["advice"],
            start=d["start"],
            finish=d["finish"],
            sources=d["sources"],
            notes=d["notes"],
        )


# Code -> member, without Enum.__call__ on the hot path (the codes are the core's own).
_KIND = {m.value: m for m in EntryKind}
_LIKELIHOOD = {m.value: m for m in Likelihood}
_REMIND = {m.value: m for m in ReminderMode}
_SLOT = {m.value: m for m in RoutineSlot}
_LEVEL = {m.value: m for m in TriageLevel}
_SYMPTOM = {m.value: m for m in Symptom}


@dataclass(frozen=True, slots=True)
class Note:
    """A note about the whole plan for this treatment (an evidence gap, a labeling caution)."""

    code: str
    text: str
    sources: tuple[str, ...]


class Plan:
    """The personalised plan for one treatment: an immutable value.

    Made by :func:`aftercare.plan`. Instants (``Entry.start``, ``Entry.finish``,
    ``Stage.until_at``) are aware datetimes in :attr:`tz`; :meth:`in_zone` gives the same plan
    in another zone. Iterating a plan gives its entries; ``plan["effect.redness"]`` gets one.
    """

    __slots__ = ("_entries", "_native", "_notes", "_protocol", "_treatment", "_tz")

    def __init__(self, native: _core.Plan, treatment: Treatment, protocol: Protocol, tz: tzinfo) -> None:
        self._native = native
        self._treatment = treatment
        self._protocol = protocol
        self._tz = tz
        self._entries: tuple[Entry, ...] | None = None
        self._notes: tuple[Note, ...] | None = None

    # --- what it holds -------------------------------------------------------------------------

    @property
    def native(self) -> _core.Plan:
        """The C++ value (``aftercare._core.Plan``)."""
        return self._native

    @property
    def treatment(self) -> Treatment:
        return self._treatment

    @property
    def protocol(self) -> Protocol:
        return self._protocol

    @property
    def tz(self) -> tzinfo:
        """The zone of the plan's datetimes: a :class:`zoneinfo.ZoneInfo`, or :data:`datetime.timezone.utc`."""
        return self._tz

    @property
    def tier(self) -> str:
        """The protocol's depth tier the treatment fell in ("moderate")."""
        return self._native.tier

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry, in the protocol's order (effects, restrictions, care, milestones, red flags)."""
        if self._entries is None:
            self._entries = tuple(Entry._from_core(d) for d in self._native.entries(self._tz))
        return self._entries

    @property
    def notes(self) -> tuple[Note, ...]:
        """Notes about the whole plan for this treatment."""
        if self._notes is None:
            self._notes = tuple(Note(**n) for n in self._native.notes())
        return self._notes

    def find(self, code: str) -> Entry | None:
        """The entry with ``code`` ("effect.redness"), or None."""
        index = self._native.find(code)
        return None if index is None else self.entries[index]

    def of_kind(self, kind: EntryKind | str) -> tuple[Entry, ...]:
        """The entries of one kind ("effect", "restriction", "care", "milestone", "red_flag")."""
        k = EntryKind(kind)
        return tuple(e for e in self.entries if e.kind == k)

    def __getitem__(self, code: str) -> Entry:
        entry = self.find(code)
        if entry is None:
            raise KeyError(code)
        return entry

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self._native.find(code) is not None

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self._native)

    def in_zone(self, tz: TimeZone) -> Plan:
        """The same plan with its datetimes in ``tz`` (None: UTC). Cheap: the C++ plan is shared."""
        return Plan(self._native, self._treatment, self._protocol, _core.zone(tz))

    # --- exports -------------------------------------------------------------------------------

    def to_json(self, tz: TimeZone = None, *, indent: int | None = 2) -> str:
        """The plan as JSON (schema ``aftercare.plan/1``, docs/schema/plan.schema.json), with
        instants in ``tz`` (default: the plan's zone). ``indent=None`` writes one line."""
        return _core.to_json(self._native, self._zone(tz), _errors.expect_indent(indent))

    def to_json_bytes(self, tz: TimeZone = None, *, indent: int | None = 2) -> bytes:
        """:meth:`to_json`'s document as UTF-8 bytes, as ``orjson.dumps`` returns JSON: for a file,
        a response or a queue, without decoding it into a ``str`` first."""
        return _core.to_json_bytes(self._native, self._zone(tz), _errors.expect_indent(indent))

    def to_text(self, tz: TimeZone = None, *, sources: bool = True) -> str:
        """The plan as readable text, local dates and times in ``tz`` (default: the plan's zone)."""
        return _core.to_text(self._native, self._zone(tz), sources)

    def to_html(self, tz: TimeZone = None, *, clinic: Clinic = None, patient: str = "", clinician: bool = False,
                paper: Paper = "a4") -> str:
        """The printable handout: one self-contained HTML page (no script, no external resource),
        local dates in ``tz`` (default: the plan's zone). ``clinic`` is a clinic profile file or a
        mapping with the same keys (name, phone, after_hours, address, logo); ``clinician=True``
        adds the numbers and sources behind each line. For the reminder times in the checklist,
        use :meth:`Schedule.to_html`."""
        from aftercare._html import handout_args

        return _core.to_html(self._native, self._zone(tz), **handout_args(clinic, patient, clinician, paper))

    def to_pdf(self, path: str | os.PathLike[str], tz: TimeZone = None, *, clinic: Clinic = None, patient: str = "",
               clinician: bool = False, paper: Paper = "a4") -> None:
        """The handout as a tagged PDF (PDF/UA-1) at ``path``, through WeasyPrint
        (``pip install aftercare[pdf]``); the options are :meth:`to_html`'s."""
        from aftercare._html import pdf_of

        pdf_of(self.to_html(tz, clinic=clinic, patient=patient, clinician=clinician, paper=paper), path)

    def to_dataframe(self, tz: TimeZone = None) -> pd.DataFrame:
        """One row per entry; needs pandas (``pip install aftercare[pandas]``).

        Columns: code, kind, title, onset, end, abnormal_after (timedelta64[s]), likelihood and
        level (ordered categoricals), remind, start and finish (datetime64[s, tz] in ``tz``,
        default the plan's zone; NaT when the treatment time is unknown), text, sources, notes.
        """
        from aftercare._frame import plan_frame

        return plan_frame(self, self._zone(tz))

    def plot(self, ax: Axes | None = None, *, tz: TimeZone = None) -> Axes:
        """A timeline chart; needs matplotlib (``pip install aftercare[plot]``).

        Effects are bars from onset to their typical end, continued faintly to the point after
        which they are abnormal; restrictions are bars split at their stages; milestones are
        marks (with their window). The x axis is time after treatment (linear for the first day,
        logarithmic after); with a treatment time, the top axis shows local dates in ``tz``.
        Returns the Axes.
        """
        from aftercare._plot import plot_plan

        return plot_plan(self, ax=ax, tz=self._zone(tz))

    def _repr_html_(self) -> str:
        from aftercare._html import plan_html

        return plan_html(self)

    def __repr__(self) -> str:
        return (
            f"<Plan {self.tier} tier, {len(self)} entries, {self._treatment!r}, "
            f"protocol {self._protocol.id} {self._protocol.version}, tz {_zone_name(self._tz)}>"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._treatment, self._protocol, _zone_name(self._tz)))

    def _zone(self, tz: TimeZone) -> tzinfo:
        return self._tz if tz is None else _core.zone(tz)


def _zone_name(tz: tzinfo) -> str:
    return tz.key if isinstance(tz, ZoneInfo) and tz.key is not None else "UTC"


def _rebuild(treatment: Treatment, protocol: Protocol, tz: str) -> Plan:
    return plan(treatment, protocol=protocol, tz=tz)


def _default_zone(treatment: Treatment, tz: TimeZone) -> tzinfo:
    if tz is None and treatment.treated_at is not None:
        own = treatment.treated_at.tzinfo
        if isinstance(own, ZoneInfo) and own.key is not None:
            return _core.zone(own, "treated_at")
    return _core.zone(tz)


def _localized(protocol: Protocol, lang: str | None) -> Protocol:
    return protocol if lang is None else protocol.localized(lang)


def plan(treatment: Treatment, *, protocol: Protocol | None = None, tz: TimeZone = None, lang: str | None = None) -> Plan:
    """The plan for ``treatment`` under ``protocol`` (the embedded default when None).

    ``lang`` is the patient's language ("es", "uk", "en-US", ...; None: the protocol's own): every
    text of the plan, and of what is made from it (schedules, triage, handouts), is in it.

    ``tz`` is the zone of the plan's datetimes: an IANA name or a :class:`zoneinfo.ZoneInfo`. By
    default it is the zone of ``treatment.treated_at`` when that is a ZoneInfo, else UTC.
    Raises :class:`aftercare.InvalidValueError` naming the field when the treatment is outside the
    protocol's limits. Runs without the GIL (plans can be made from many threads at once).
    """
    expect(treatment, Treatment, "treatment", "an aftercare.Treatment")
    if protocol is not None:
        expect(protocol, Protocol, "protocol", "an aftercare.Protocol or None")
    p = _localized(protocol if protocol is not None else default_protocol(), lang)
    zone = _default_zone(treatment, tz)
    return Plan(_core.make_plan(treatment.native, p.native), treatment, p, zone)


def plans(treatments: Iterable[Treatment], *, protocol: Protocol | None = None, tz: TimeZone = None,
          lang: str | None = None) -> list[Plan]:
    """The plans for many treatments, made in one C++ loop without the GIL.

    The same as ``[plan(t, protocol=protocol, tz=tz) for t in treatments]``, faster. A bad
    treatment raises the error of :func:`plan`, with a note saying which one it was.
    """
    expect(treatments, Iterable, "treatments", "an iterable of aftercare.Treatment")
    items: Sequence[Treatment] = treatments if isinstance(treatments, Sequence) else list(treatments)
    for i, t in enumerate(items):
        expect(t, Treatment, f"treatments[{i}]", "an aftercare.Treatment")
    if protocol is not None:
        expect(protocol, Protocol, "protocol", "an aftercare.Protocol or None")
    p = _localized(protocol if protocol is not None else default_protocol(), lang)
    natives = _core.make_plans([t.native for t in items], p.native)
    return [Plan(n, t, p, _default_zone(t, tz)) for n, t in zip(natives, items, strict=True)]
