"""Property tests with hypothesis (as boost-histogram's tests/test_pbt.py): deeper is never
shorter, RF is never shorter than a pen, JSON round-trips, instants survive any zone."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
import zoneinfo
from zoneinfo import ZoneInfo

from hypothesis import assume, given
from hypothesis import strategies as st
from support import numbers

import aftercare
from aftercare import Adjunct, Area, Device, HistoryFlag, Indication

# Depth limits of the default protocol, by device (µm): the core rejects anything else.
DEPTH_UM = {Device.HOME_ROLLER: (100, 500), Device.PEN: (100, 3000), Device.RF: (500, 3000)}

# Zones both tz databases know (Python's zoneinfo also reads the posix/ and right/ trees and "Factory"),
# loaded once: st.timezones() would reload zone files for every example.
ZONES = [ZoneInfo(k) for k in sorted(zoneinfo.available_timezones())
         if not k.startswith(("posix/", "right/")) and k != "Factory"]
zones = st.sampled_from(ZONES)
instants = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1), timezones=zones, allow_imaginary=False
)
# The core's offsets are right until 2037 only (see test_time.py::test_core_offsets_after_2037), so
# properties that compare the core's offsets with zoneinfo's stay before that.
offset_instants = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2037, 6, 1), timezones=zones, allow_imaginary=False
)


@st.composite
def treatments(draw: st.DrawFn, device: Device | None = None, *, before_2037: bool = False) -> aftercare.Treatment:
    dev = device if device is not None else draw(st.sampled_from(Device))
    lo, hi = DEPTH_UM[dev]
    return aftercare.Treatment(
        device=dev,
        depth_mm=draw(st.integers(lo, hi)) / 1000,
        area=draw(st.sampled_from(Area)),
        skin_type=draw(st.integers(1, 6)),
        adjuncts=draw(st.frozensets(st.sampled_from(Adjunct))),
        indication=draw(st.none() | st.sampled_from(Indication)),
        session=draw(st.integers(1, 8)),
        treated_at=draw(st.none() | (offset_instants if before_2037 else instants)),
        history=draw(st.frozensets(st.sampled_from(HistoryFlag))),
    )


def never_shorter(shorter: aftercare.Plan, longer: aftercare.Plan) -> None:
    a, b = numbers(shorter), numbers(longer)
    for key, value in a.items():
        if key in b:  # an entry present only at one depth cannot shorten
            assert b[key] >= value, (key, value, b[key])


@given(treatments(), st.data())
def test_deeper_is_never_shorter(t: aftercare.Treatment, data: st.DataObject) -> None:
    lo, hi = DEPTH_UM[t.device]
    deeper_um = data.draw(st.integers(round(t.depth_mm * 1000), hi), label="deeper µm")
    deeper = aftercare.Treatment(**(t.to_dict() | {"depth_mm": deeper_um / 1000}))
    never_shorter(aftercare.plan(t), aftercare.plan(deeper))


@given(treatments(device=Device.PEN))
def test_rf_is_never_shorter_than_a_pen(pen: aftercare.Treatment) -> None:
    assume(pen.depth_mm >= 0.5)
    rf = aftercare.Treatment(**(pen.to_dict() | {"device": "rf"}))
    a, b = numbers(aftercare.plan(pen)), numbers(aftercare.plan(rf))
    for key, value in a.items():
        assert key in b and b[key] >= value, key


@given(treatments(before_2037=True), st.sampled_from([None, "UTC", "Europe/London", "Europe/Kyiv", "America/Sao_Paulo", "Asia/Kathmandu"]))
def test_json_round_trips(t: aftercare.Treatment, tz: str | None) -> None:
    p = aftercare.plan(t, tz=tz)
    doc = json.loads(p.to_json())
    assert [e["code"] for e in doc["entries"]] == [e.code for e in p]
    for e, j in zip(p, doc["entries"], strict=True):
        assert timedelta(hours=j["onset_h"]) == e.onset
        end = j.get("typical_end_h", j.get("until_h"))
        assert (None if end is None else timedelta(hours=end)) == e.end
        for key, at in (("start", e.start), ("end", e.finish)):
            assert (key in j) == (at is not None)
            if at is not None:  # the same instant and offset (an ambiguous local time never compares
                parsed = datetime.fromisoformat(j[key])  # equal across zones, PEP 495: compare instants)
                assert parsed.timestamp() == at.timestamp()
                assert parsed.utcoffset() == at.utcoffset()
    assert doc["treatment"]["depth_mm"] == t.depth_mm
    assert doc["treatment"]["skin_type"] == t.skin_type


@given(instants)
def test_an_aware_instant_survives_the_boundary(at: datetime) -> None:
    t = aftercare.Treatment(device="pen", depth_mm=1.0, skin_type=3, treated_at=at)
    floored = at.replace(microsecond=0)
    assert t.treated_at == floored
    assert t.native.treated_at == floored.astimezone(UTC)
    p = aftercare.plan(t)
    assert p["effect.redness"].start == floored
    if isinstance(at.tzinfo, ZoneInfo):  # the plan speaks the treatment's zone
        assert p.tz == at.tzinfo
        assert p["effect.redness"].start.tzinfo == at.tzinfo  # type: ignore[union-attr]


@given(st.lists(treatments(), max_size=8))
def test_batch_equals_one_by_one(cohort: list[aftercare.Treatment]) -> None:
    assert [numbers(p) for p in aftercare.plans(cohort)] == [numbers(aftercare.plan(t)) for t in cohort]
