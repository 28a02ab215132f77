"""Helpers shared by the Python package's tests (the scenarios of tests/cpp/test_support.hpp)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

import aftercare

#: 2026-11-21 14:00 UTC, the end of treatment the C++ tests use.
T0 = datetime(2026, 11, 21, 14, 0, tzinfo=UTC)
H = timedelta(hours=1)
# An as_of after every report the tests make: triage's default, now, would make them depend on today.
LATER = datetime(2036, 1, 1, tzinfo=UTC)


def example(depth_mm: float = 1.0, **changes: Any) -> aftercare.Treatment:
    """A pen treatment at `depth_mm` on the face, skin type III, ended 2026-11-21 14:00 UTC."""
    t = aftercare.Treatment(device="pen", depth_mm=depth_mm, area="face", skin_type=3, treated_at=T0)
    return dataclasses.replace(t, **changes) if changes else t


def end_of(p: aftercare.Plan, code: str) -> timedelta:
    end = p[code].end
    assert end is not None, code
    return end


def stage_until(p: aftercare.Plan, restriction: str, stage: str) -> timedelta:
    for s in p[restriction].stages:
        if s.code == stage:
            return s.until
    raise AssertionError(f"missing stage {stage}")


def numbers(p: aftercare.Plan) -> dict[str, timedelta]:
    """Every number a window has, by a key that is stable across treatments."""
    out: dict[str, timedelta] = {}
    for e in p.entries:
        out[e.code + ":onset"] = e.onset
        if e.end is not None:
            out[e.code + ":end"] = e.end
        if e.abnormal_after is not None:
            out[e.code + ":abnormal"] = e.abnormal_after
        for s in e.stages:
            out[s.code] = s.until
    return out


def one_line_error(result: Any, *parts: str) -> None:
    """The command failed on bad input: exit 2, nothing on stdout, one line on stderr holding `parts`."""
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("aftercare: ")
    for part in parts:
        assert part in lines[0], lines[0]
