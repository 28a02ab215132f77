"""Bad input: aftercare.Error subclasses of ValueError, with the C++ message verbatim."""

from __future__ import annotations

import dataclasses
import pickle
import re
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT
from support import example

import aftercare
from aftercare import Error, InvalidValueError, ProtocolError, TimeZoneError


def test_hierarchy() -> None:
    assert issubclass(Error, ValueError)
    assert issubclass(InvalidValueError, Error) and issubclass(ProtocolError, Error)
    assert issubclass(TimeZoneError, InvalidValueError)


# (changes to the example treatment, field, exact message) — as tests/cpp/plan_tests.cpp
BAD_TREATMENTS: list[tuple[dict[str, Any], str, str]] = [
    ({"depth_mm": 0.0}, "depth", "depth 0.0 mm is outside 0.1–3.0 mm"),
    ({"depth_mm": -1.0}, "depth", "depth -1.0 mm is outside 0.1–3.0 mm"),
    ({"depth_mm": 4.0}, "depth", "depth 4.0 mm is outside 0.1–3.0 mm"),
    ({"depth_mm": 3.001}, "depth", "depth 3.001 mm is outside 0.1–3.0 mm"),
    ({"device": "home_roller", "depth_mm": 0.75}, "depth", "depth 0.75 mm is too deep for a home_roller (at most 0.5 mm)"),
    ({"device": "rf", "depth_mm": 0.25}, "depth", "depth 0.25 mm is too shallow for rf (at least 0.5 mm)"),
    ({"skin_type": 0}, "skin_type", "skin_type 0 is outside Fitzpatrick I–VI (1–6)"),
    ({"skin_type": 7}, "skin_type", "skin_type 7 is outside Fitzpatrick I–VI (1–6)"),
    ({"session": 0}, "session", "session 0 is not 1 or more"),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_TREATMENTS)
def test_limits_are_checked_by_plan_with_the_field_named(changes: dict[str, Any], field: str, message: str) -> None:
    t = example(**changes)  # a value: limits depend on the protocol, so plan() checks them
    with pytest.raises(InvalidValueError) as info:
        aftercare.plan(t)
    assert str(info.value) == message
    assert info.value.field == field
    assert info.value.id == "aftercare.invalid_value"
    with pytest.raises(InvalidValueError) as checked:
        t.check()
    assert str(checked.value) == message


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"device": "laser"}, "device", "device 'laser' is not one of home_roller, pen, rf"),
        ({"area": "eyelid"}, "area", "area 'eyelid' is not one of face, periorbital, neck, decolletage, scalp, back, "
                                     "abdomen, thighs, arms, hands"),
        ({"adjuncts": ["prp", "botox"]}, "adjunct", "adjunct 'botox' is not one of prp"),
        ({"indication": "acne"}, "indication",
         "indication 'acne' is not one of acne_scars, wrinkles, texture, stretch_marks, hair_loss, pigmentation"
         " (did you mean 'acne_scars'?)"),
        ({"history": {"diabetes"}}, "history", "history 'diabetes' is not one of cold_sore_history, pigmentation_history, anticoagulants"),
        ({"skin_type": "VII"}, "skin_type", "skin_type 'VII' is not a Fitzpatrick skin type (1–6 or I–VI)"),
        ({"skin_type": 10**30}, "skin_type", f"skin_type {10**30} is outside Fitzpatrick I–VI (1–6)"),
        ({"depth_mm": float("nan")}, "depth", "depth nan mm is not a finite depth in millimetres"),
        ({"depth_mm": float("inf")}, "depth", "depth inf mm is not a finite depth in millimetres"),
        ({"treated_at": datetime(2026, 11, 21, 14, 0)}, "treated_at",
         "treated_at 2026-11-21 14:00:00 is a naive datetime (no tzinfo); pass an aware datetime, e.g. "
         'datetime(2026, 11, 21, 14, 0, tzinfo=ZoneInfo("Europe/London"))'),
    ],
)
def test_codes_and_values_are_checked_at_construction(kwargs: dict[str, Any], field: str, message: str) -> None:
    base: dict[str, Any] = {"device": "pen", "depth_mm": 1.0, "skin_type": 3}
    with pytest.raises(InvalidValueError) as info:
        aftercare.Treatment(**(base | kwargs))
    assert str(info.value) == message
    assert info.value.field == field


def test_naive_datetime_error_carries_value_and_allowed() -> None:
    with pytest.raises(InvalidValueError) as info:
        example(treated_at=datetime(2026, 11, 21, 14, 0))
    assert info.value.value == "2026-11-21 14:00:00"
    assert info.value.allowed == "an aware datetime (with tzinfo)"


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"device": 1}, "device must be a str code (aftercare.Device), not int"),
        ({"treated_at": "2026-11-21T14:00"}, "treated_at must be an aware datetime.datetime, not str"),
        ({"skin_type": 3.0}, "skin_type must be an int 1–6 or a str I–VI, not float"),
        ({"skin_type": True}, "skin_type must be an int 1–6 or a str I–VI, not bool"),
        ({"adjuncts": [1]}, "adjuncts codes must be str, not int"),
        ({"history": 5}, "history must be a code or an iterable of codes, not int"),
    ],
)
def test_wrong_types_are_type_errors(kwargs: dict[str, Any], fragment: str) -> None:
    base: dict[str, Any] = {"device": "pen", "depth_mm": 1.0, "skin_type": 3}
    with pytest.raises(TypeError, match=re.escape(fragment)):
        aftercare.Treatment(**(base | kwargs))


def test_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        aftercare.Treatment("pen", 1.0, "face", 3)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("tz", "value"),
    [("Mars/Base", "Mars/Base"), ("", ""), (timezone(timedelta(hours=2)), "UTC+02:00")],
)
def test_unknown_zones_are_time_zone_errors(tz: Any, value: str) -> None:
    p = aftercare.plan(example())
    for call in (lambda: p.to_json(tz), lambda: p.to_text(tz), lambda: p.in_zone(tz), lambda: aftercare.plan(example(), tz=tz)):
        with pytest.raises(TimeZoneError) as info:
            call()
        assert str(info.value) == (f"tz '{value}' is not a time zone in the tz database "
                                   "(expected an IANA name such as Europe/London)")
        assert info.value.field == "tz" and info.value.value == value
        assert info.value.id == "aftercare.time_zone_error"


def test_protocol_errors_carry_the_position() -> None:
    text = (ROOT / "data" / "protocols" / "microneedling.json").read_text(encoding="utf-8")
    needle = '"onset_h": {"value": 0, "basis": "typical", "sources": ["HKJDV18", "DERMAPEN_DT"]}'
    bad = text.replace(needle, needle.replace('"value": 0', '"value": -4'), 1)
    line = text[: text.index(needle)].count("\n") + 1
    with pytest.raises(ProtocolError) as info:
        aftercare.parse_protocol(bad, "clinic.json")
    e = info.value
    assert e.origin == "clinic.json" and e.line == line and e.column > 0
    assert e.pointer == "/effects/0/onset_h/value"
    assert e.expected.startswith("expected hours >= 0")
    assert str(e) == f"clinic.json:{e.line}:{e.column}: {e.pointer}: {e.expected}"
    assert e.id == "aftercare.protocol_error"


def test_unreadable_protocol_file(tmp_path: Any) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(ProtocolError) as info:
        aftercare.load_protocol(missing)
    assert info.value.origin == str(missing)
    assert "cannot read" in str(info.value)
    with pytest.raises(ProtocolError, match=r"^<string>:1:[0-9]+: \(document\): not valid JSON"):
        aftercare.parse_protocol("not json")


def test_errors_pickle_with_their_attributes() -> None:
    with pytest.raises(InvalidValueError) as info:
        aftercare.plan(example(4.0))
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is InvalidValueError
    assert (str(again), again.field, again.value, again.allowed, again.id) == (
        str(info.value), "depth", "4.0 mm", "0.1–3.0 mm", "aftercare.invalid_value")
    with pytest.raises(ProtocolError) as perr:
        aftercare.parse_protocol("{}", "x.json")
    p = pickle.loads(pickle.dumps(perr.value))
    assert (p.origin, p.line, p.pointer) == (perr.value.origin, perr.value.line, perr.value.pointer)


def test_nothing_half_done_a_failed_replace_leaves_the_original() -> None:
    t = example()
    with pytest.raises(InvalidValueError):
        dataclasses.replace(t, device="laser")
    assert t == example()
    assert aftercare.plan(t).tier == "moderate"


def test_unknown_entry_code_is_none_not_an_error() -> None:
    p = aftercare.plan(example())
    assert p.find("effect.nope") is None
    assert "effect.nope" not in p
    assert 42 not in p  # type: ignore[operator]


def test_kyiv_zone_object_from_zoneinfo_is_accepted() -> None:
    p = aftercare.plan(example(), tz=ZoneInfo("Europe/Kyiv"))
    assert '"time_zone": "Europe/Kyiv"' in p.to_json()
