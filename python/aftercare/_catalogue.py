"""Catalogues for translators: a catalogue (the data/locales/*.json format) as a gettext .po file and
back, so that a translator can work in Poedit or Weblate (docs/languages.md).

Each message is one .po entry: ``msgctxt`` is the message id (the stable code, never translated),
``msgid`` the English source text and ``msgstr`` the translation. A plural message is one entry per
CLDR plural category of the locale, with ``msgctxt`` "ID[category]" (gettext's own plural forms count
categories differently from CLDR, e.g. three for Ukrainian where CLDR has four). A translation that is
not reviewed ("machine") carries the ``fuzzy`` flag; clearing the flag in Poedit marks it "reviewed".
Day and month names and date formats stay in the JSON file. Needs babel (``pip install babel``).
"""

from __future__ import annotations

import copy
import io
import re
from typing import Any

from aftercare._errors import expect
from aftercare._protocol import Protocol, default_protocol

__all__ = ["catalogue_from_po", "catalogue_to_po"]

_PLURAL_CTXT = re.compile(r"^(?P<id>[a-z0-9_.-]+)\[(?P<cat>zero|one|two|few|many|other)\]$")


def _babel() -> Any:
    try:
        from babel.messages import catalog, pofile
    except ImportError as e:  # pragma: no cover - babel is in requirements/dev.txt
        raise ImportError("catalogue_to_po and catalogue_from_po need babel: pip install babel") from e
    return catalog, pofile


def catalogue_to_po(catalogue: dict[str, Any], *, protocol: Protocol | None = None) -> str:
    """The catalogue ``catalogue`` (``Protocol.catalogue(lang)``) as the text of a .po file whose
    msgids are the English of ``protocol`` (the embedded default when None)."""
    expect(catalogue, dict, "catalogue", "a catalogue dict (Protocol.catalogue(lang))")
    catalog_mod, pofile = _babel()
    source = (protocol or default_protocol()).catalogue("en")["messages"]
    lang = catalogue["locale"]
    cat = catalog_mod.Catalog(locale=None, project="aftercare", domain=lang, fuzzy=False)
    cat.language_team = lang
    for mid, m in catalogue["messages"].items():
        en = source.get(mid, {})
        flags = ["fuzzy"] if m["status"] == "machine" else []
        if "text" in m:
            cat.add(en.get("text", ""), m["text"], context=mid, flags=flags)
            continue
        for category, form in m.items():
            if category == "status":
                continue
            english = en.get(category) or en.get("other", "")
            cat.add(english, form, context=f"{mid}[{category}]", flags=flags)
    out = io.BytesIO()
    pofile.write_po(out, cat, width=0, omit_header=False, sort_output=True)
    return out.getvalue().decode("utf-8")


def catalogue_from_po(po_text: str, into: dict[str, Any]) -> dict[str, Any]:
    """``into`` (a catalogue) with its messages read from the .po text ``po_text``: a message's text
    is its msgstr, its status "machine" when the entry is fuzzy and "reviewed" otherwise (the English
    source catalogue keeps "source"). Entries with an empty msgstr are left out, so that a missing
    translation shows in the completeness checks instead of silently falling back to English.
    Raises ValueError naming the entry for a msgctxt that is not a message id of ``into``."""
    expect(po_text, str, "po_text", "the text of a .po file")
    expect(into, dict, "into", "a catalogue dict")
    _, pofile = _babel()
    cat = pofile.read_po(io.BytesIO(po_text.encode("utf-8")))
    out = copy.deepcopy(into)
    messages: dict[str, Any] = {}
    status_of_source = into["locale"] == "en"
    for entry in cat:
        if not entry.id or entry.context is None:
            continue
        text = entry.string if isinstance(entry.string, str) else ""
        if not text:
            continue
        status = "source" if status_of_source else ("machine" if entry.fuzzy else "reviewed")
        match = _PLURAL_CTXT.match(entry.context)
        if match:
            mid = match["id"]
            if mid not in into["messages"] or "text" in into["messages"][mid]:
                raise ValueError(f"msgctxt {entry.context!r}: not a plural message of catalogue {into['locale']}")
            m = messages.setdefault(mid, {})
            m[match["cat"]] = text
            m["status"] = "machine" if m.get("status") == "machine" else status
        else:
            if entry.context not in into["messages"]:
                raise ValueError(f"msgctxt {entry.context[:60]!r}: not a message id of catalogue {into['locale']}")
            messages[entry.context] = {"text": text, "status": status}
    out["messages"] = dict(sorted(messages.items()))
    return out
