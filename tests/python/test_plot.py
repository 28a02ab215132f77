"""Plan.plot: a timeline chart, saved to PNG (build/test-output/, for a person to look at) and
checked for what it draws."""

from __future__ import annotations

import pathlib
from datetime import datetime
from zoneinfo import ZoneInfo

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from support import example  # noqa: E402

import aftercare  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures() -> object:
    yield
    plt.close("all")


def test_plot_draws_a_timeline_and_saves_a_png(artifacts: pathlib.Path) -> None:
    t = example(1.5, device="rf", indication="acne_scars", skin_type=5,
                treated_at=datetime(2026, 11, 21, 14, 0, tzinfo=ZoneInfo("Europe/London")))
    p = aftercare.plan(t)
    ax = p.plot()
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    drawn = [e for e in p if e.kind in ("effect", "restriction", "milestone")]
    assert labels == [e.title for e in drawn]
    assert ax.get_xscale() == "symlog"
    assert "rf 1.5 mm" in ax.get_title(loc="left") and "treated 2026-11-21 14:00 GMT" in ax.get_title(loc="left")
    assert [t.get_text() for t in ax.get_xticklabels()][3] == "1 d\n22 Nov"
    assert ax.get_legend() is not None
    out = artifacts / "plan_timeline.png"
    ax.figure.savefig(out, dpi=110)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_plot_on_given_axes_and_relative_plan(artifacts: pathlib.Path) -> None:
    fig, (a, b) = plt.subplots(1, 2, figsize=(16, 7), layout="constrained")
    assert aftercare.plan(example(0.25, device="home_roller", treated_at=None)).plot(a) is a
    assert aftercare.plan(example(2.5, area="back")).plot(ax=b, tz="America/New_York") is b
    fig.savefig(artifacts / "plan_timeline_pair.png", dpi=80)


def test_repr_html_is_the_handout() -> None:
    view = aftercare.plan(example(indication="wrinkles"), tz="Europe/London")._repr_html_()
    assert view.startswith("<iframe") and view.endswith("</iframe>")
    assert "Redness" in view and "Not medical advice" in view and "Daily checklist" in view
    assert "&lt;script" not in view and "<script" not in view
