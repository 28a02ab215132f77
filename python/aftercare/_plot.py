"""Plan.plot(): the plan as a timeline chart (matplotlib, an optional extra)."""

from __future__ import annotations

from datetime import timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from aftercare._enums import EntryKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from aftercare._plan import Entry, Plan

__all__ = ["plot_plan"]

COLORS = {EntryKind.EFFECT: "#d95f02", EntryKind.RESTRICTION: "#1b9e77", EntryKind.MILESTONE: "#7570b3"}
ABNORMAL = "#b2182b"
# Ticks in hours after treatment, with their labels (spaced to stay legible on the log part).
TICKS = [
    (0, "0"), (6, "6 h"), (12, "12 h"), (24, "1 d"), (48, "2 d"), (168, "1 wk"), (336, "2 wk"),
    (672, "4 wk"), (2160, "3 mo"), (4320, "6 mo"), (8760, "1 y"),
]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def require_matplotlib() -> Any:
    """The matplotlib.pyplot module, or an ImportError that says which extra to install."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - the test environment has matplotlib
        raise ImportError(
            "aftercare: plots need matplotlib, an optional extra: pip install 'aftercare[plot]'"
        ) from e
    return plt


def _h(d: timedelta) -> float:
    return d.total_seconds() / 3600.0


def _draw(ax: Axes, y: float, e: Entry) -> float:
    """Draws one entry on row y; returns the last hour it reaches."""
    color = COLORS[e.kind]
    onset = _h(e.onset)
    reach = onset
    if e.kind == EntryKind.EFFECT and e.end is not None:
        end = _h(e.end)
        ax.barh(y, max(end - onset, 0.0), left=onset, height=0.6, color=color)
        reach = end
        if e.abnormal_after is not None:
            abnormal = _h(e.abnormal_after)
            if abnormal > end:
                ax.barh(y, abnormal - end, left=end, height=0.6, color=color, alpha=0.22, hatch="////",
                        edgecolor=color, linewidth=0)
            ax.plot([abnormal, abnormal], [y - 0.38, y + 0.38], color=ABNORMAL, linewidth=2)
            reach = max(reach, abnormal)
    elif e.kind == EntryKind.RESTRICTION:
        left = onset
        count = len(e.stages)
        for k, stage in enumerate(e.stages):
            until = _h(stage.until)
            alpha = 1.0 if count == 1 else 1.0 - 0.6 * k / (count - 1)
            ax.barh(y, until - left, left=left, height=0.6, color=color, alpha=alpha, edgecolor="white", linewidth=1.2)
            left = until
        reach = left
    elif e.kind == EntryKind.MILESTONE:
        if e.end is not None and e.end > e.onset:
            ax.plot([onset, _h(e.end)], [y, y], color=color, linewidth=3, solid_capstyle="butt", alpha=0.6)
            reach = _h(e.end)
        ax.plot([onset], [y], marker="D", markersize=8, color=color, linestyle="none")
    return reach


def plot_plan(plan: Plan, ax: Axes | None = None, *, tz: tzinfo) -> Axes:
    plt = require_matplotlib()
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows = [e for e in plan.entries if e.kind in COLORS]
    if ax is None:
        _, ax = plt.subplots(figsize=(13, 0.34 * len(rows) + 2.4), layout="constrained")
    reach = 24.0
    for i, e in enumerate(rows):
        reach = max(reach, _draw(ax, float(i), e))

    ax.set_yticks(range(len(rows)), [e.title for e in rows])
    ax.set_ylim(len(rows) - 0.4, -0.6)  # first entry on top
    ax.set_xscale("symlog", linthresh=24.0, linscale=1.2)
    right = reach * 1.15
    ticks = [(h, label) for h, label in TICKS if h <= right]
    ax.set_xlim(0.0, right)
    t = plan.treatment
    title = (f"{t.device} {t.depth_mm:g} mm, {t.area}, skin type "
             f"{ROMAN[t.skin_type - 1] if 1 <= t.skin_type <= 6 else t.skin_type}: {plan.tier} tier")
    labels = [label for _, label in ticks]
    if t.treated_at is not None:  # local dates under the day ticks
        start = t.treated_at.astimezone(tz)
        title += f"\ntreated {start:%Y-%m-%d %H:%M} {start.tzname()}"
        labels = [f"{label}\n{start + timedelta(hours=h):%-d %b}" if h >= 24 else label for h, label in ticks]
    ax.set_xticks([h for h, _ in ticks], labels)
    ax.minorticks_off()
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel("time after the end of treatment (linear for the first day, logarithmic after)")
    ax.set_title(title, loc="left", fontsize="medium")

    handles = [
        Patch(color=COLORS[EntryKind.EFFECT], label="effect: typical duration"),
        Patch(facecolor=COLORS[EntryKind.EFFECT], alpha=0.22, hatch="////", edgecolor=COLORS[EntryKind.EFFECT],
              label="still within normal"),
        Line2D([], [], color=ABNORMAL, linewidth=2, label="abnormal after: contact the clinic"),
        Patch(color=COLORS[EntryKind.RESTRICTION], label="restriction (stages lighten as they lift)"),
        Line2D([], [], color=COLORS[EntryKind.MILESTONE], marker="D", linestyle="none", label="milestone (and its window)"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False,
              title=f"{plan.protocol.id} {plan.protocol.version}\nNot medical advice.", title_fontsize="x-small",
              alignment="left")
    return ax
