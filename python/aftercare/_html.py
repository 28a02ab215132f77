"""The handout in Python: ``to_html``/``to_pdf`` options, and the notebook views (``_repr_html_``) of
Plan, Schedule, Assessment and Eligibility, all in the core's handout style (``_core.handout_css``).

A notebook view is the page itself in a sandboxed ``<iframe srcdoc>``: the handout's style sheet styles
whole pages (``html``, ``h1``...), and in a frame it cannot restyle the notebook around it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import datetime, timedelta
from html import escape
from typing import TYPE_CHECKING, Any, Literal

from aftercare import _core

if TYPE_CHECKING:
    from aftercare._plan import Plan
    from aftercare._schedule import Schedule
    from aftercare._screening import Eligibility
    from aftercare._triage import Assessment

__all__ = ["assessment_html", "duration", "eligibility_html", "handout_args", "pdf_of", "plan_html", "schedule_html"]

#: A clinic profile: a JSON file (name, phone, after_hours, address, logo), or the same as a mapping.
Clinic = str | os.PathLike[str] | Mapping[str, str] | None
Paper = Literal["a4", "letter"]

_LEVEL_WORDS = {
    "expected": "Expected: nothing to do",
    "monitor": "Keep an eye on it",
    "contact_clinic": "Contact the clinic",
    "urgent": "Get medical care today",
    "emergency": "Call emergency services now",
}
_DECISION_WORDS = {
    "proceed": "Treatment can go ahead",
    "caution": "Treatment can go ahead, with care",
    "needs_clearance": "Needs clearance first",
    "defer": "Not yet: wait",
    "do_not_treat": "Do not treat",
}


def duration(d: timedelta) -> str:
    """"48 h", "3 d", "1.5 h": the core's text toolkit, as every writer shows a window."""
    return _core.hours_text(d)


def handout_args(clinic: Clinic, patient: str, clinician: bool, paper: Paper) -> dict[str, Any]:
    """The keyword arguments of ``_core.to_html`` for these options. A wrong type is a TypeError."""
    if not isinstance(patient, str):
        raise TypeError(f"patient must be a str, not {type(patient).__name__}")
    if not isinstance(clinician, bool):
        raise TypeError(f"clinician must be a bool, not {type(clinician).__name__}")
    if not isinstance(paper, str):
        raise TypeError(f"paper must be 'a4' or 'letter', not {type(paper).__name__}")
    args: dict[str, Any] = {"patient": patient, "clinician": clinician, "paper": paper}
    if clinic is None:
        pass
    elif isinstance(clinic, (str, os.PathLike)):
        args["clinic_file"] = os.fspath(clinic)
    elif isinstance(clinic, Mapping):
        args["clinic_json"] = json.dumps(dict(clinic))  # the core checks each field and names it
    else:
        raise TypeError(f"clinic must be a path, a mapping or None, not {type(clinic).__name__}")
    return args


def pdf_of(page: str, path: str | os.PathLike[str]) -> None:
    """Writes the handout page as a tagged PDF (PDF/UA-1) with WeasyPrint (``pip install aftercare[pdf]``)."""
    try:
        import weasyprint  # type: ignore[import-untyped]
    except ImportError as e:  # pragma: no cover - the extra is installed in the tests
        raise ImportError("to_pdf needs WeasyPrint: pip install 'aftercare[pdf]'") from e
    weasyprint.HTML(string=page).write_pdf(os.fspath(path), pdf_variant="pdf/ua-1")


def _frame(page: str, title: str, height: int = 640) -> str:
    return (
        f"<iframe class='aftercare' title='{escape(title)}' sandbox srcdoc=\"{escape(page, quote=True)}\" "
        f"style='width:100%;max-width:60rem;height:{height}px;border:1px solid #8a94a3'></iframe>"
    )


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{escape(title)}</title>\n<style>\n{_core.handout_css()}</style>\n</head>\n"
        f"<body>\n<main class=\"handout\">\n{body}</main>\n</body>\n</html>\n"
    )


def _when(at: datetime | None) -> str:
    return "" if at is None else f"{at:%a} {at.day} {at:%b %Y %H:%M}"


def plan_html(plan: Plan) -> str:
    return _frame(plan.to_html(), "Aftercare plan")


def schedule_html(schedule: Schedule) -> str:
    return _frame(schedule.to_html(), "Aftercare plan and reminders")


def _box(level: str) -> str:
    return "emergency" if level in ("emergency", "urgent") else "call"


def assessment_html(a: Assessment) -> str:
    level = str(a.level)
    items = []
    for r in a.reports:
        seen = _when(r.seen_at) or f"{duration(r.after)} after treatment"
        items.append(
            f"<li><strong>{escape(r.decided.title)}</strong> <span class=\"when\">seen {escape(seen)}</span>"
            f"<span class=\"advice\">{escape(_LEVEL_WORDS[str(r.level)])}. {escape(r.decided.reason)} "
            f"{escape(r.decided.advice)}</span></li>"
        )
    body = (
        "<h1>Triage</h1>\n"
        f"<section class=\"box {_box(level)}\" aria-labelledby=\"h-level\"><h2 id=\"h-level\">{escape(_LEVEL_WORDS[level])}</h2>\n"
        f"<ul class=\"findings\">{''.join(items) or '<li>No symptoms reported.</li>'}</ul></section>\n"
        f"<footer><p>{escape(a.plan.protocol.disclaimer)}</p><p>Protocol {escape(a.plan.protocol.id)} version "
        f"{escape(a.plan.protocol.version)}.</p></footer>\n"
    )
    return _frame(_page("Triage", body), "Triage", 360)


def eligibility_html(e: Eligibility) -> str:
    decision = str(e.decision)
    head = _DECISION_WORDS[decision]
    if e.earliest is not None:
        head += f" (from {e.earliest:%a} {e.earliest.day} {e.earliest:%b %Y})"
    items = []
    for f in e.findings:
        until = f" Until {f.until:%a} {f.until.day} {f.until:%b %Y}." if f.until is not None else ""
        items.append(
            f"<li><strong>{escape(f.title)}</strong>: {escape(_DECISION_WORDS[str(f.decision)])}."
            f"<span class=\"advice\">{escape(f.reason)} {escape(f.advice)}{escape(until)}</span></li>"
        )
    box = "call" if decision in ("proceed", "caution") else "emergency"
    body = (
        "<h1>Screening before microneedling</h1>\n"
        f"<section class=\"box {box}\" aria-labelledby=\"h-decision\"><h2 id=\"h-decision\">{escape(head)}</h2>\n"
        f"<ul class=\"findings\">{''.join(items) or '<li>Nothing in the screening rules stands in the way.</li>'}</ul></section>\n"
        f"<footer><p>{escape(e.protocol.disclaimer)}</p><p>Protocol {escape(e.protocol.id)} version "
        f"{escape(e.protocol.version)}.</p></footer>\n"
    )
    return _frame(_page("Screening", body), "Screening", 360)
