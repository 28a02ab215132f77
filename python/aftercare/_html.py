"""Plan._repr_html_(): the plan as an HTML table for notebooks (no dependencies)."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape
from typing import TYPE_CHECKING

from aftercare import _core
from aftercare._enums import EntryKind

if TYPE_CHECKING:
    from aftercare._plan import Entry, Plan

__all__ = ["duration", "plan_html"]


def duration(d: timedelta) -> str:
    """"48 h", "3 d", "1.5 h": the core's text toolkit, as every writer shows a window."""
    return _core.hours_text(d)


def _when(at: datetime | None) -> str:
    return "" if at is None else f"{at:%a %d %b %H:%M}"


def _window(e: Entry) -> str:
    text = duration(e.onset)
    if e.end is not None:
        text += f" → {duration(e.end)}"
    if e.abnormal_after is not None:
        text += f"; abnormal after {duration(e.abnormal_after)}"
    if e.kind == EntryKind.RESTRICTION and len(e.stages) > 1:
        text += " (" + ", ".join(f"{escape(s.code.rsplit('.', 1)[-1])} until {duration(s.until)}" for s in e.stages) + ")"
    return text


def plan_html(plan: Plan) -> str:
    t = plan.treatment
    zone = str(plan.tz)
    head = (
        f"<b>aftercare plan</b>: {escape(str(t.device))} {t.depth_mm:g} mm, {escape(str(t.area))}, "
        f"skin type {t.skin_type}, <b>{escape(plan.tier)}</b> tier"
    )
    if t.treated_at is not None:
        head += f", treated {escape(_when(t.treated_at.astimezone(plan.tz)))} ({escape(zone)})"
    rows = []
    for e in plan.entries:
        extra = e.level if e.level is not None else (e.likelihood if e.likelihood is not None else "")
        rows.append(
            "<tr>"
            f"<td>{escape(e.kind.value)}</td><td title='{escape(e.code)}'>{escape(e.title)}</td>"
            f"<td>{_window(e)}</td><td>{escape(_when(e.start))}</td><td>{escape(_when(e.finish))}</td>"
            f"<td>{escape(str(extra))}</td><td>{escape(', '.join(e.sources))}</td>"
            "</tr>"
        )
    notes = "".join(f"<li>{escape(n.text)}</li>" for n in plan.notes)
    return (
        f"<div class='aftercare-plan'><p>{head}</p>"
        "<table><thead><tr><th>kind</th><th>entry</th><th>window after treatment</th><th>from</th>"
        "<th>until</th><th>likelihood / level</th><th>sources</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        + (f"<p>Notes:</p><ul>{notes}</ul>" if notes else "")
        + f"<p><small>{escape(plan.protocol.id)} {escape(plan.protocol.version)}. "
        f"{escape(plan.protocol.disclaimer)}</small></p></div>"
    )
