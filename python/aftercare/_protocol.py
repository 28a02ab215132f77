"""The protocol: the clinical knowledge a plan is made from, as data."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from aftercare import _core
from aftercare._errors import expect

__all__ = ["DepthTier", "Protocol", "Source", "default_protocol", "load_protocol", "parse_protocol", "shipped_locales"]


@dataclass(frozen=True, slots=True)
class Source:
    """One cited source: its key ("CHU21"), citation, URL and evidence tier ("A", "B", "C", "local")."""

    key: str
    citation: str
    url: str
    tier: str


@dataclass(frozen=True, slots=True)
class DepthTier:
    """A band of needle depths that share recovery windows; ``max_depth_mm`` is inclusive."""

    id: str
    title: str
    max_depth_mm: float


class Protocol:
    """An immutable protocol, shared and safe to use from many threads.

    Get one from :func:`default_protocol`, :func:`load_protocol` or :func:`parse_protocol`.
    Every number a plan holds comes from here, with the sources behind it.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _core.Protocol) -> None:
        self._native = native

    @property
    def native(self) -> _core.Protocol:
        """The C++ value (``aftercare._core.Protocol``)."""
        return self._native

    @property
    def id(self) -> str:
        return self._native.id

    @property
    def version(self) -> str:
        return self._native.version

    @property
    def title(self) -> str:
        return self._native.title

    @property
    def disclaimer(self) -> str:
        return self._native.disclaimer

    @property
    def origin(self) -> str:
        """Where it was read from: a file path, "<default>", or the origin given to parse_protocol."""
        return self._native.origin

    @property
    def text(self) -> str:
        """The JSON text it was parsed from."""
        return self._native.text

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source, sorted by key."""
        return tuple(Source(*s) for s in self._native.sources())

    def find_source(self, key: str) -> Source | None:
        """The source with ``key``, or None."""
        s = self._native.find_source(key)
        return None if s is None else Source(*s)

    @property
    def tiers(self) -> tuple[DepthTier, ...]:
        """The depth tiers, shallowest first."""
        return tuple(DepthTier(*t) for t in self._native.tiers())

    def tier_for(self, depth_mm: float) -> DepthTier | None:
        """The tier that holds ``depth_mm``, or None when it is deeper than every tier."""
        tier_id = self._native.tier_for(depth_mm)
        return None if tier_id is None else next(t for t in self.tiers if t.id == tier_id)

    @property
    def lang(self) -> str:
        """The locale of the protocol's texts ("en" unless :meth:`localized` made it)."""
        return _core.locale_of(self._native)

    @property
    def review_status(self) -> str:
        """The lowest review status of its messages: "source" (English), "reviewed" or "machine"
        (a translation nobody with clinical training has reviewed; handouts and text say so)."""
        return _core.review_of(self._native)

    def localized(self, lang: str) -> Protocol:
        """This protocol with every patient-facing text, and the writers' words, in ``lang``
        (:func:`shipped_locales`, or one of the protocol's own catalogues). Codes stay the same.

        Raises :class:`aftercare.InvalidValueError` (field ``lang``) for a locale it does not speak,
        and :class:`aftercare.ProtocolError` for a clinic text the catalogues do not translate.
        """
        expect(lang, str, "lang", "a locale code such as 'es'")
        return Protocol(_core.localize(self._native, lang))

    def catalogue(self, lang: str = "en") -> dict[str, Any]:
        """Its messages in ``lang`` as a catalogue (the data/locales/*.json format, docs/languages.md)."""
        import json

        expect(lang, str, "lang", "a locale code such as 'es'")
        result: dict[str, Any] = json.loads(_core.catalogue_json(self._native, lang))
        return result

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Protocol):
            return NotImplemented
        return self._native.same_as(other._native) or self.text == other.text

    def __hash__(self) -> int:
        return hash((self.id, self.version, self.text))

    def __repr__(self) -> str:
        return f"<Protocol {self.id} {self.version} from {self.origin}>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (parse_protocol, (self.text, self.origin))


def default_protocol(lang: str = "en") -> Protocol:
    """The default protocol embedded in the library (data/protocols/microneedling.json), its
    texts in ``lang`` (one of :func:`shipped_locales`)."""
    p = Protocol(_core.default_protocol())
    return p if lang == "en" else p.localized(lang)


def shipped_locales() -> tuple[str, ...]:
    """The locales the library ships: ("en", "en-US", "es", "uk")."""
    return tuple(_core.shipped_locales())


def parse_protocol(text: str, origin: str = "<string>") -> Protocol:
    """Parses a protocol from JSON text; ``origin`` names it in error messages.

    Raises :class:`aftercare.ProtocolError` with the line, column, JSON pointer and what was expected.
    """
    expect(text, str, "text", "a str of JSON")
    expect(origin, str, "origin", "a str")
    return Protocol(_core.parse_protocol(text, origin))


def load_protocol(path: str | os.PathLike[str]) -> Protocol:
    """Reads and parses a protocol file (a clinic's own, in the format of docs/protocol-format.md).

    Raises :class:`aftercare.ProtocolError` (also when the file cannot be read).
    """
    expect(path, (str, os.PathLike), "path", "a str or os.PathLike")
    return Protocol(_core.load_protocol(os.fspath(path)))
