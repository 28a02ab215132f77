"""Eligibility screening before treatment: contraindications, cautions and waits from the
protocol's data (the C++ ``aftercare::screen``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from aftercare import _core, _errors
from aftercare._errors import expect
from aftercare._enums import Condition, Decision, Procedure
from aftercare._plan import TimeZone, _default_zone
from aftercare._protocol import Protocol, default_protocol
from aftercare._treatment import Treatment

__all__ = ["Eligibility", "PatientHistory", "ScreeningFinding", "screen"]

_DECISION = {m.value: m for m in Decision}


@dataclass(frozen=True, init=False)
class PatientHistory:
    """What the patient reports before treatment: a frozen, hashable value.

    ``conditions`` are codes (:class:`Condition`; a str or an iterable of them), checked at once by
    the core. The dates are :class:`datetime.date` or "YYYY-MM-DD": the last dose of a finished
    isotretinoin course (current use is the condition ``isotretinoin``), the end of radiotherapy
    to the area, the birth date. ``procedures`` maps recent procedures (:class:`Procedure`) to
    their dates. They are checked against the screening date by :func:`screen`.
    """

    conditions: frozenset[Condition]
    isotretinoin_stopped: date | None
    radiotherapy_ended: date | None
    birth_date: date | None
    #: Recent procedures and their dates, sorted by code: ((Procedure, date), ...).
    procedures: tuple[tuple[Procedure, date], ...]

    def __init__(
        self,
        conditions: Iterable[Condition | str] | Condition | str | None = (),
        *,
        isotretinoin_stopped: date | str | None = None,
        radiotherapy_ended: date | str | None = None,
        birth_date: date | str | None = None,
        procedures: Mapping[Procedure | str, date | str] | Iterable[tuple[Procedure | str, date | str]] | None = None,
    ) -> None:
        if procedures is not None and not isinstance(procedures, Mapping):
            try:
                procedures = dict(procedures)  # (code, date) pairs, as the attribute holds them
            except (TypeError, ValueError):
                raise TypeError(f"procedures must map procedure codes to dates, not {type(procedures).__name__}") from None
        native = _core.PatientHistory(conditions, isotretinoin_stopped=isotretinoin_stopped,
                                      radiotherapy_ended=radiotherapy_ended, birth_date=birth_date,
                                      procedures=None if procedures is None else {str(k): v for k, v in procedures.items()})
        put = object.__setattr__
        put(self, "conditions", frozenset(Condition(c) for c in native.conditions))
        put(self, "isotretinoin_stopped", native.isotretinoin_stopped)
        put(self, "radiotherapy_ended", native.radiotherapy_ended)
        put(self, "birth_date", native.birth_date)
        put(self, "procedures", tuple(sorted((Procedure(k), d) for k, d in native.procedures.items())))
        put(self, "_native", native)

    @property
    def native(self) -> _core.PatientHistory:
        """The C++ value (``aftercare._core.PatientHistory``)."""
        native: _core.PatientHistory = self.__dict__["_native"]
        return native

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_history, (sorted(map(str, self.conditions)), self.isotretinoin_stopped,
                                   self.radiotherapy_ended, self.birth_date, {str(k): d for k, d in self.procedures}))


def _rebuild_history(conditions: list[str], isotretinoin_stopped: date | None, radiotherapy_ended: date | None,
                     birth_date: date | None, procedures: dict[str, date] | None = None) -> PatientHistory:
    return PatientHistory(conditions, isotretinoin_stopped=isotretinoin_stopped, radiotherapy_ended=radiotherapy_ended,
                          birth_date=birth_date, procedures=procedures)


@dataclass(frozen=True, slots=True)
class ScreeningFinding:
    """One reason in the decision, in the protocol's words."""

    #: A condition code ("pregnancy"), "isotretinoin_stopped", "radiotherapy", "age", a procedure code, or the code
    #: of a rule about the treatment itself ("rf_skin_type_vi").
    code: str
    decision: Decision
    title: str
    reason: str
    advice: str
    #: The first day the finding no longer applies, when a wait applies and its start is known.
    until: date | None
    #: The wait behind ``until``, as (count, "days" | "months" | "years"), or None.
    wait: tuple[int, Literal["days", "months", "years"]] | None
    #: How the protocol's value is supported ("label", "consensus", "typical", ...).
    basis: str
    #: Why the rule is what it is (a disagreement between sources, a gap), when the protocol says.
    note: str
    sources: tuple[str, ...]


class Eligibility:
    """The screening decision for one patient and one planned treatment. Iterating it gives the
    findings, highest decision first."""

    __slots__ = ("_findings", "_native", "_protocol", "_treatment")

    def __init__(self, native: _core.Eligibility, treatment: Treatment, protocol: Protocol) -> None:
        self._native = native
        self._treatment = treatment
        self._protocol = protocol
        self._findings = tuple(
            ScreeningFinding(**{**d, "decision": _DECISION[d["decision"]]}) for d in native.findings()
        )

    @property
    def native(self) -> _core.Eligibility:
        return self._native

    @property
    def decision(self) -> Decision:
        """proceed, caution, needs_clearance, defer or do_not_treat: the highest of the findings."""
        return _DECISION[self._native.decision]

    @property
    def earliest(self) -> date | None:
        """With decision ``defer`` and a date on every deferring finding: the first day none applies."""
        return self._native.earliest

    @property
    def as_of(self) -> date:
        """The planned treatment day the history was screened for."""
        return self._native.as_of

    @property
    def treatment(self) -> Treatment:
        return self._treatment

    @property
    def protocol(self) -> Protocol:
        return self._protocol

    @property
    def findings(self) -> tuple[ScreeningFinding, ...]:
        return self._findings

    def __iter__(self) -> Iterator[ScreeningFinding]:
        return iter(self._findings)

    def __len__(self) -> int:
        return len(self._findings)

    def to_json(self, tz: TimeZone = None, *, indent: int | None = 2) -> str:
        """The decision as JSON (docs/schema/screening.schema.json), as ``aftercare screen
        --format json`` writes it; the treatment time in ``tz`` (default: the zone of
        ``treatment.treated_at`` when that is a :class:`zoneinfo.ZoneInfo`, else UTC)."""
        zone = _default_zone(self._treatment, tz)
        return self._native.to_json(zone, _errors.expect_indent(indent))

    def to_json_bytes(self, tz: TimeZone = None, *, indent: int | None = 2) -> bytes:
        """:meth:`to_json`'s document as UTF-8 bytes."""
        return self._native.to_json_bytes(_default_zone(self._treatment, tz), _errors.expect_indent(indent))

    def to_text(self, *, sources: bool = True) -> str:
        """The decision as readable text, as ``aftercare screen`` prints it."""
        return self._native.to_text(sources)

    def _repr_html_(self) -> str:
        from aftercare._html import eligibility_html

        return eligibility_html(self)

    def __repr__(self) -> str:
        return f"<Eligibility {self.decision} on {self.as_of.isoformat()} ({len(self)} findings)>"


def screen(history: PatientHistory, treatment: Treatment, *, as_of: date | str,
           protocol: Protocol | None = None, lang: str | None = None) -> Eligibility:
    """Screens ``history`` for ``treatment`` on the planned treatment day ``as_of``
    (:class:`datetime.date` or "YYYY-MM-DD") under ``protocol`` (the embedded default when None).

    A cold-sore history on the treatment counts as the condition ``cold_sore_history``. Raises
    :class:`aftercare.InvalidValueError` for a date in the history after ``as_of``, an impossible
    date, ``isotretinoin`` together with ``isotretinoin_stopped``, or a treatment outside the
    protocol's limits. ``lang`` gives the findings' texts in that locale. Runs without the GIL.
    """
    expect(history, PatientHistory, "history", "an aftercare.PatientHistory")
    expect(treatment, Treatment, "treatment", "an aftercare.Treatment")
    if protocol is not None:
        expect(protocol, Protocol, "protocol", "an aftercare.Protocol or None")
    p = protocol if protocol is not None else default_protocol()
    if lang is not None:
        p = p.localized(lang)
    return Eligibility(_core.screen(history.native, treatment.native, as_of, p.native), treatment, p)
