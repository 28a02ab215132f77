"""The treatment: one microneedling session, as it was done."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from aftercare import _core
from aftercare._errors import InvalidValueError, expect
from aftercare._enums import Adjunct, Area, Device, HistoryFlag, Indication

if TYPE_CHECKING:
    from aftercare._protocol import Protocol

__all__ = ["Treatment"]


@dataclass(frozen=True, init=False, repr=False)
class Treatment:
    """One microneedling session, as it was done: a frozen, hashable value.

    Arguments are keyword-only. Codes may be given as str or as the enum members (which *are*
    their codes); they are checked at once by the C++ core, which raises
    :class:`aftercare.InvalidValueError` with its own message (``device 'laser' is not one of
    home_roller, pen, rf``). The limits that depend on the protocol (depth range, a device's own
    depth limit, skin type I–VI, session >= 1) are checked by :func:`aftercare.plan` or
    :meth:`check`.

    ``treated_at`` is when the treatment ended, as an *aware* :class:`~datetime.datetime`; a naive
    one is rejected. It is kept in its own zone, to whole seconds (floored). Without it the plan
    is relative: hours after treatment, no instants.

    Use :func:`dataclasses.replace` to vary one field.
    """

    device: Device
    depth_mm: float
    area: Area
    skin_type: int
    adjuncts: frozenset[Adjunct]
    indication: Indication | None
    session: int
    treated_at: datetime | None
    history: frozenset[HistoryFlag]

    def __init__(
        self,
        *,
        device: Device | str,
        depth_mm: float,
        area: Area | str = Area.FACE,
        skin_type: int | str,
        adjuncts: Iterable[Adjunct | str] | Adjunct | str | None = (),
        indication: Indication | str | None = None,
        session: int = 1,
        treated_at: datetime | None = None,
        history: Iterable[HistoryFlag | str] | HistoryFlag | str | None = (),
    ) -> None:
        expect(device, str, "device", "a str code (aftercare.Device)")
        expect(area, str, "area", "a str code (aftercare.Area)")
        expect(depth_mm, (int, float), "depth_mm", "a number (float or int) of millimetres")
        expect(session, int, "session", "an int")
        if not -(2**31) <= session < 2**31:  # beyond a C int the core cannot even be asked; it checks the rest
            raise InvalidValueError(f"session {session} is not 1 or more within a C int", field="session", value=str(session),
                                    allowed="1 or more")
        native = _core.Treatment(
            device=device,
            depth_mm=depth_mm,
            area=area,
            skin_type=skin_type,
            adjuncts=adjuncts,
            indication=indication,
            session=session,
            treated_at=treated_at,
            history=history,
        )
        self._set(native, treated_at)

    def _set(self, native: _core.Treatment, treated_at: datetime | None) -> None:
        utc = native.treated_at
        if utc is not None and treated_at is not None:
            utc = utc.astimezone(treated_at.tzinfo)  # the same instant, in the caller's zone
        put = object.__setattr__
        put(self, "device", Device(native.device))
        put(self, "depth_mm", native.depth_mm)
        put(self, "area", Area(native.area))
        put(self, "skin_type", native.skin_type)
        put(self, "adjuncts", frozenset(Adjunct(a) for a in native.adjuncts))
        put(self, "indication", None if native.indication is None else Indication(native.indication))
        put(self, "session", native.session)
        put(self, "treated_at", utc)
        put(self, "history", frozenset(HistoryFlag(h) for h in native.history))
        put(self, "_native", native)

    @classmethod
    def _from_native(cls, native: _core.Treatment, treated_at: datetime | None = None) -> Treatment:
        self = cls.__new__(cls)
        self._set(native, treated_at if treated_at is not None else native.treated_at)
        return self

    @property
    def native(self) -> _core.Treatment:
        """The C++ value (``aftercare._core.Treatment``) behind this treatment."""
        native: _core.Treatment = self.__dict__["_native"]
        return native

    def check(self, protocol: Protocol | None = None) -> None:
        """Checks the treatment against the protocol's limits (the default protocol when None).

        Raises :class:`aftercare.InvalidValueError` naming the field, exactly as
        :func:`aftercare.plan` would.
        """
        _core.check_treatment(self.native, None if protocol is None else protocol.native)

    def to_dict(self) -> dict[str, Any]:
        """The fields as plain values (codes as str, sets as sorted lists), e.g. for a DataFrame row."""
        return {
            "device": str(self.device),
            "depth_mm": self.depth_mm,
            "area": str(self.area),
            "skin_type": self.skin_type,
            "adjuncts": sorted(str(a) for a in self.adjuncts),
            "indication": None if self.indication is None else str(self.indication),
            "session": self.session,
            "treated_at": self.treated_at,
            "history": sorted(str(h) for h in self.history),
        }

    def _key(self) -> tuple[Any, ...]:
        # By the UTC instant: within one zone, datetime == ignores fold (PEP 495), so two end times
        # an hour apart in a fall-back hour would otherwise compare equal.
        at = None if self.treated_at is None else self.treated_at.astimezone(UTC)
        return (self.device, self.depth_mm, self.area, self.skin_type, self.adjuncts, self.indication, self.session,
                at, self.history)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Treatment):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        parts = [f"device={str(self.device)!r}", f"depth_mm={self.depth_mm!r}", f"area={str(self.area)!r}",
                 f"skin_type={self.skin_type!r}"]
        if self.adjuncts:
            parts.append(f"adjuncts={tuple(sorted(str(a) for a in self.adjuncts))!r}")
        if self.indication is not None:
            parts.append(f"indication={str(self.indication)!r}")
        if self.session != 1:
            parts.append(f"session={self.session!r}")
        if self.treated_at is not None:
            parts.append(f"treated_at={self.treated_at!r}")
        if self.history:
            parts.append(f"history={tuple(sorted(str(h) for h in self.history))!r}")
        return f"Treatment({', '.join(parts)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.to_dict(),))


def _rebuild(fields: dict[str, Any]) -> Treatment:
    return Treatment(**fields)
