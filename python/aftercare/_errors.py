"""The exceptions of the aftercare package.

Every error the C++ core raises on bad input arrives as a subclass of :class:`Error`, itself a
:class:`ValueError`, with the core's message unchanged (``str(e)``) and its typed fields as
attributes. ``aftercare._core`` builds them (bindings/python/register_errors.cpp).
"""

from __future__ import annotations

__all__ = ["Error", "InvalidValueError", "ProtocolError", "TimeZoneError"]


class Error(ValueError):
    """Bad input to aftercare. ``id`` is a stable identifier of the kind of error."""

    id: str

    def __init__(self, message: str, *, id: str = "aftercare.error") -> None:  # noqa: A002 - the C++ name
        super().__init__(message)
        self.id = id


class InvalidValueError(Error):
    """A value is not allowed: ``field`` names it ("depth", "treated_at", "tz"), ``value`` is the
    offending value as text and ``allowed`` says what would have been accepted."""

    field: str
    value: str
    allowed: str

    def __init__(
        self,
        message: str,
        *,
        id: str = "aftercare.invalid_value",  # noqa: A002
        field: str = "",
        value: str = "",
        allowed: str = "",
    ) -> None:
        super().__init__(message, id=id)
        self.field = field
        self.value = value
        self.allowed = allowed


class TimeZoneError(InvalidValueError):
    """A time zone that the tz database does not know (or a tzinfo with no IANA name)."""

    def __init__(
        self,
        message: str,
        *,
        id: str = "aftercare.time_zone_error",  # noqa: A002
        field: str = "",
        value: str = "",
        allowed: str = "",
    ) -> None:
        super().__init__(message, id=id, field=field, value=value, allowed=allowed)


class ProtocolError(Error):
    """A protocol that is not valid. ``origin`` is the file (or "<string>"), ``line`` and
    ``column`` are 1-based (0 when unknown), ``pointer`` is the RFC 6901 JSON pointer of the
    offending value and ``expected`` what was expected there."""

    origin: str
    line: int
    column: int
    pointer: str
    expected: str

    def __init__(
        self,
        message: str,
        *,
        id: str = "aftercare.protocol_error",  # noqa: A002
        origin: str = "",
        line: int = 0,
        column: int = 0,
        pointer: str = "",
        expected: str = "",
    ) -> None:
        super().__init__(message, id=id)
        self.origin = origin
        self.line = line
        self.column = column
        self.pointer = pointer
        self.expected = expected


def _type_name(value: object) -> str:
    return type(value).__qualname__


def expect(value: object, kinds: type | tuple[type, ...], name: str, expected: str) -> None:
    """Raises TypeError("NAME must be EXPECTED, not TYPE") unless ``value`` is one of ``kinds``
    (a bool is never taken for a number). Python's convention for a wrong type; a wrong *value*
    stays an :class:`Error` from the core."""
    if isinstance(value, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
        raise TypeError(f"{name} must be {expected}, not bool")
    if not isinstance(value, kinds):
        raise TypeError(f"{name} must be {expected}, not {_type_name(value)}")


def expect_indent(indent: object) -> int:
    """The ``indent`` of a to_json: None (one line) or an int (-1 to 16 spaces; the core checks the range)."""
    if indent is None:
        return -1
    expect(indent, int, "indent", "an int or None")
    assert isinstance(indent, int)
    if not -1 <= indent <= 16:  # noqa: PLR2004 - the core's max_json_indent; checked here as Python ints have no bound
        raise InvalidValueError(f"indent {indent} is outside -1 (one line) to 16 spaces per level",
                                field="indent", value=str(indent), allowed="-1 (one line) to 16")
    return indent
