"""to_json / to_text through Python: the same documents as the command writes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from conftest import EXAMPLE, ROOT
from support import example

import aftercare


def hours(td: timedelta) -> float:
    return td.total_seconds() / 3600


def check_round_trip(p: aftercare.Plan, doc: dict[str, Any]) -> None:
    """The JSON says exactly what the entries say."""
    assert [e["code"] for e in doc["entries"]] == [e.code for e in p]
    for e, j in zip(p, doc["entries"], strict=True):
        assert j["kind"] == e.kind
        assert j["title"] == e.title
        assert j["onset_h"] == hours(e.onset)
        end_key = "typical_end_h" if e.kind == "effect" else "until_h"
        assert j.get(end_key) == (None if e.end is None else hours(e.end))
        assert j.get("abnormal_after_h") == (None if e.abnormal_after is None else hours(e.abnormal_after))
        assert j.get("likelihood") == e.likelihood
        assert j.get("level") == e.level
        assert tuple(j["sources"]) == e.sources
        assert tuple(j.get("notes", ())) == e.notes
        for key, at in (("start", e.start), ("end", e.finish)):
            if at is None:
                assert key not in j
            else:
                parsed = datetime.fromisoformat(j[key])  # instants: see PEP 495 on ambiguous times
                assert parsed.timestamp() == at.timestamp() and parsed.utcoffset() == at.utcoffset()
        if e.kind == "restriction":
            assert [(s["code"], s["until_h"]) for s in j["stages"]] == [(s.code, hours(s.until)) for s in e.stages]


def test_json_matches_the_schema_and_the_entries(plan_schema: dict[str, Any]) -> None:
    p = aftercare.plan(example(indication="acne_scars", history={"cold_sore_history"}))
    doc = json.loads(p.to_json())
    jsonschema.validate(doc, plan_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert doc["schema"] == "aftercare.plan/1"
    assert doc["generator"]["version"] == aftercare.__version__
    assert doc["protocol"]["id"] == p.protocol.id and doc["tier"] == p.tier
    assert doc["time_zone"] is None  # UTC, written Z
    assert doc["entries"][0]["start"].endswith("Z")
    check_round_trip(p, doc)


@pytest.mark.parametrize("tz", ["Europe/London", "Europe/Kyiv", "America/New_York", "Asia/Kolkata"])
def test_json_in_a_zone(tz: str, plan_schema: dict[str, Any]) -> None:
    p = aftercare.plan(example(), tz=tz)
    doc = json.loads(p.to_json())
    jsonschema.validate(doc, plan_schema)
    assert doc["time_zone"] == tz
    check_round_trip(p, doc)
    # Another zone for one export only.
    assert json.loads(p.to_json("UTC"))["time_zone"] == "UTC"


def test_json_is_the_commands_json(run_cli: Any, plan_schema: dict[str, Any]) -> None:
    """`aftercare plan --format json` writes the plan with its reminders: schedule(plan).to_json()."""
    cli = run_cli("plan", *EXAMPLE, "--format", "json", check=True).stdout
    london = ZoneInfo("Europe/London")
    t = aftercare.Treatment(device="pen", depth_mm=1.0, area="face", skin_type=3,
                            treated_at=datetime(2026, 11, 21, 14, 0, tzinfo=london))
    s = aftercare.schedule(aftercare.plan(t))
    assert s.to_json() == cli
    assert s.to_json(indent=None) == json.dumps(json.loads(cli), ensure_ascii=False, separators=(",", ":"))
    # The plan alone is the same document without the reminders.
    doc = json.loads(cli)
    plan_only = json.loads(aftercare.plan(t).to_json())
    jsonschema.validate(plan_only, plan_schema)
    assert {k: v for k, v in doc.items() if k not in ("reminder_settings", "reminders", "series")} == plan_only
    assert len(doc["reminders"]) == len(s) > 0


def test_text_is_the_commands_text(run_cli: Any) -> None:
    cli = run_cli("plan", *EXAMPLE, check=True).stdout
    t = example(treated_at=datetime(2026, 11, 21, 14, 0, tzinfo=ZoneInfo("Europe/London")))
    text = aftercare.schedule(aftercare.plan(t)).to_text()
    assert text == cli
    plan_text = aftercare.plan(t).to_text()
    assert "What to expect" in plan_text and "Not medical advice" in plan_text
    assert plan_text.split("Not medical advice")[0] in text  # the plan, then its reminders
    assert len(aftercare.plan(t).to_text(sources=False)) < len(plan_text)


def test_relative_plan_has_no_instants(plan_schema: dict[str, Any]) -> None:
    p = aftercare.plan(example(treated_at=None))
    doc = json.loads(p.to_json())
    jsonschema.validate(doc, plan_schema)
    assert doc["treatment"]["treated_at"] is None
    check_round_trip(p, doc)


@pytest.mark.parametrize("lang", ["en", "es", "uk"])
def test_json_bytes_are_the_json_text_encoded(lang: str) -> None:
    """to_json_bytes() is to_json() as UTF-8, for every result type; the str is the same text whether
    the document is all ASCII (copied as it is) or not (decoded)."""
    london = ZoneInfo("Europe/London")
    t = example(treated_at=datetime(2026, 11, 21, 14, 0, tzinfo=london), indication="acne_scars")
    p = aftercare.plan(t, lang=lang)
    s = aftercare.schedule(p)
    a = aftercare.triage(p, [aftercare.SymptomReport("redness", after=timedelta(hours=72), severity="moderate")])
    e = aftercare.screen(aftercare.PatientHistory(conditions=["rosacea"]), t, as_of="2026-11-20", lang=lang)
    for value in (p, s, a, e):
        for indent in (2, None):
            text = value.to_json(indent=indent)
            data = value.to_json_bytes(indent=indent)
            assert isinstance(data, bytes) and data == text.encode("utf-8"), (type(value).__name__, indent)
            assert json.loads(data) == json.loads(text)
    assert p.to_json_bytes("UTC") == p.to_json("UTC").encode()
    # Both ways to a str were taken above: English triage and screening documents are ASCII only
    # (copied), the plans (en dashes) and every Spanish or Ukrainian document are not (decoded).
    assert not s.to_json().isascii()
    if lang == "en":
        assert a.to_json().isascii() and e.to_json().isascii()


def test_json_bytes_of_a_document_past_its_first_estimate() -> None:
    """to_json_bytes() writes into a bytes object sized from the plan's entries and grows it when
    the text is longer: a protocol with a 360 kB care text (quotes, backslashes and en dashes in it)
    gives the same bytes as the str, and bad options still raise before anything is written."""
    document = json.loads((ROOT / "data" / "protocols" / "microneedling.json").read_text(encoding="utf-8"))
    document["care"][0]["text"] = 'Cool "compress" \\ \u2013 ok. ' * 12_000
    protocol = aftercare.parse_protocol(json.dumps(document))
    p = aftercare.plan(example(), protocol=protocol)
    for indent in (2, None):
        data = p.to_json_bytes(indent=indent)
        assert len(data) > 360_000 and data == p.to_json(indent=indent).encode("utf-8")
        assert json.loads(data)["entries"] == json.loads(p.to_json(indent=indent))["entries"]
    with pytest.raises(ValueError, match="indent 17"):
        p.to_json_bytes(indent=17)
