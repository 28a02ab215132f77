"""`aftercare check-in` and the Python check-in loop: the questions (plain JSON and a FHIR
Questionnaire, checked by jsonschema and fhir.resources), a QuestionnaireResponse that round-trips into
the same assessment as the equivalent `aftercare triage --symptom` flags, "I need help", free text, and
the non-response rules at, just before and just after each boundary (derived from the protocol data)."""

from __future__ import annotations

import json
import pathlib
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aftercare
import jsonschema
import pytest
from conftest import EXAMPLE, load_schema
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from support import one_line_error

LONDON = ZoneInfo("Europe/London")
AS_OF = ("--as-of", "2026-12-31T23:59")
PROTOCOL = json.loads(aftercare.default_protocol().text)
SEC = timedelta(seconds=1)


def validated(doc: dict[str, Any], name: str) -> dict[str, Any]:
    jsonschema.validate(doc, load_schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return doc


def questions(run_cli, check_in: str, fmt: str = "json") -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(run_cli("check-in", "questions", *EXAMPLE, "--check-in", check_in, "--format", fmt, check=True).stdout)
    return doc


def response(questionnaire: dict[str, Any], authored: str, status: str | None, symptoms: dict[str, tuple[str | None, list[str]]],
             free_text: str | None = None) -> dict[str, Any]:
    """A QuestionnaireResponse to `questionnaire`, built from its items: yes for each symptom given
    (with its severity and signs), no for the others."""
    items: list[dict[str, Any]] = []
    for item in questionnaire["item"]:
        if item["linkId"] == "status" and status is not None:
            items.append({"linkId": "status", "answer": [{"valueCoding": {"code": status}}]})
        elif item["type"] == "group":
            group = []
            for q in item["item"]:
                link = q["linkId"]
                name = link.split(".")[1]
                if q["type"] == "boolean":
                    group.append({"linkId": link, "answer": [{"valueBoolean": name in symptoms}]})
                elif name in symptoms and link.endswith(".severity") and symptoms[name][0]:
                    group.append({"linkId": link, "answer": [{"valueCoding": {"code": symptoms[name][0]}}]})
                elif name in symptoms and link.endswith(".signs") and symptoms[name][1]:
                    group.append({"linkId": link, "answer": [{"valueCoding": {"code": s}} for s in symptoms[name][1]]})
            items.append({"linkId": item["linkId"], "item": group})
        elif item["linkId"] == "free_text" and free_text:
            items.append({"linkId": "free_text", "answer": [{"valueString": free_text}]})
    return {"resourceType": "QuestionnaireResponse", "status": "completed",
            "questionnaire": f"{questionnaire['url']}|{questionnaire['version']}", "authored": authored, "item": items}


def test_questions_cover_the_symptoms_triage_knows(run_cli) -> None:
    for check_in in PROTOCOL["check_ins"]:
        doc = validated(questions(run_cli, check_in["code"]), "check-in-questions")
        links = [i["link_id"] for i in doc["items"]]
        asked = check_in.get("symptoms", list(PROTOCOL["symptoms"]))
        assert links[0] == "status" and links[1] == "symptoms" and links[-1] == "free_text"
        for s in asked:
            assert [f"symptom.{s}", f"symptom.{s}.severity", f"symptom.{s}.signs"] == links[links.index(f"symptom.{s}"):][:3]
        signs = next(i for i in doc["items"] if i["kind"] == "signs")
        assert [o["code"] for o in signs["options"]] == list(PROTOCOL["signs"])
        assert doc["check_in"]["code"] == check_in["code"]
        assert all(i["sources"] for i in doc["items"])
        assert set(PROTOCOL["questions"]["status"]["sources"]) <= set(doc["sources"])


def test_questionnaire_is_fhir(run_cli) -> None:
    for check_in in PROTOCOL["check_ins"]:
        q = questions(run_cli, check_in["code"], "fhir")
        Questionnaire.model_validate(q)
        assert q["status"] == "active"
        group = next(i for i in q["item"] if i["type"] == "group")
        for item in group["item"]:
            if item["type"] == "choice":
                assert item["enableWhen"] == [{"question": item["linkId"].rsplit(".", 1)[0], "operator": "=", "answerBoolean": True}]


CASES = [
    ({"redness": ("mild", [])}, "2026-11-22T15:00"),
    ({"redness": ("moderate", ["warm", "spreading"])}, "2026-11-24T15:00"),
    ({"pus": (None, ["fever"]), "swelling": ("severe", [])}, "2026-11-24T15:00"),
    ({"bumps": (None, ["worsening"])}, "2026-11-28T15:00"),
    ({"breathing_difficulty": (None, [])}, "2026-11-22T15:00"),
]


@pytest.mark.parametrize(("symptoms", "seen_at"), CASES)
def test_a_questionnaire_response_gives_the_same_assessment_as_the_symptom_flags(run_cli, tmp_path: pathlib.Path, symptoms, seen_at) -> None:
    q = questions(run_cli, "check_in.72h", "fhir")
    qr = response(q, seen_at + ":00+00:00", "fine", symptoms)  # London is on UTC in November
    QuestionnaireResponse.model_validate(qr)
    path = tmp_path / "qr.json"
    path.write_text(json.dumps(qr), encoding="utf-8")
    answer = validated(json.loads(run_cli("check-in", "answer", *EXAMPLE, *AS_OF, "--response", path, "--format", "json", check=True).stdout),
                       "check-in-assessment")
    # The reports in the questionnaire's order (the protocol's symptom order), as a response lists them.
    symptoms = {name: symptoms[name] for name in PROTOCOL["symptoms"] if name in symptoms}
    flags: list[str] = []
    for name, (severity, signs) in symptoms.items():
        flags += ["--symptom", name, "--seen-at", seen_at]
        if severity:
            flags += ["--severity", severity]
        for s in signs:
            flags += ["--sign", s]
    triage = json.loads(run_cli("triage", *EXAMPLE, *AS_OF, *flags, "--format", "json", check=True).stdout)
    assert answer["triage"] == triage
    assert answer["level"] == triage["level"]
    # The same answers as plain JSON, too.
    plain = {"check_in": "check_in.72h", "answered_at": seen_at, "status": "fine",
             "symptoms": [{"symptom": n, **({"severity": v} if v else {}), "signs": g} for n, (v, g) in symptoms.items()]}
    validated(plain, "check-in-answers")
    path.write_text(json.dumps(plain), encoding="utf-8")
    again = json.loads(run_cli("check-in", "answer", *EXAMPLE, *AS_OF, "--answers", path, "--format", "json", check=True).stdout)
    assert again == answer


def test_help_without_detail_is_a_clinic_call_and_free_text_is_passed_on(run_cli, tmp_path: pathlib.Path) -> None:
    q = questions(run_cli, "check_in.24h", "fhir")
    words = "It looks like pus and I have a fever"  # words a rule would react to, if anything read them
    path = tmp_path / "qr.json"
    path.write_text(json.dumps(response(q, "2026-11-22T15:00:00Z", "help", {}, words)), encoding="utf-8")
    doc = json.loads(run_cli("check-in", "answer", *EXAMPLE, *AS_OF, "--response", path, "--format", "json", check=True).stdout)
    assert doc["level"] == PROTOCOL["questions"]["status"]["help_level"]
    assert doc["help"]["without_detail"] is True and doc["triage"]["reports"] == []
    assert doc["free_text"] == words and doc["for_a_person"] is True
    path.write_text(json.dumps(response(q, "2026-11-22T15:00:00Z", "fine", {}, words)), encoding="utf-8")
    fine = json.loads(run_cli("check-in", "answer", *EXAMPLE, *AS_OF, "--response", path, "--format", "json", check=True).stdout)
    assert fine["level"] == "expected" and fine["free_text"] == words  # never parsed for meaning
    text = run_cli("check-in", "answer", *EXAMPLE, *AS_OF, "--response", path, check=True).stdout
    assert words in text


def test_bad_answers_are_one_line_errors(run_cli, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"check_in": "check_in.24h", "hours_after": 30, "status": "maybe"}', encoding="utf-8")
    one_line_error(run_cli("check-in", "answer", *EXAMPLE, *AS_OF, "--answers", path), "/status", "fine, help")
    path.write_text('{"resourceType": "QuestionnaireResponse", "status": "in-progress"}', encoding="utf-8")
    one_line_error(run_cli("check-in", "answer", *EXAMPLE, *AS_OF, "--response", path), "questionnaire")
    one_line_error(run_cli("check-in", "questions", *EXAMPLE, "--check-in", "check_in.5d"), "check_in.24h")
    one_line_error(run_cli("check-in", "follow-up", *EXAMPLE, "--answered", "check_in.5d", "--now", "2026-11-25T00:00"), "answered")


# --- nobody answers ---------------------------------------------------------------------------------

def rule_instant(rule: dict[str, Any], treated_at: datetime, tz: ZoneInfo) -> datetime:
    """The rule's local time on its day, counted from the local day of treatment (protocol data)."""
    hh, mm = map(int, rule["at"].split(":"))
    day0 = treated_at.astimezone(tz).date()
    return datetime.combine(day0 + timedelta(days=rule["day"]["value"]), datetime.min.time(), tz).replace(hour=hh, minute=mm)


@pytest.mark.parametrize(("zone", "treated"), [
    ("Europe/London", datetime(2026, 11, 21, 14, 0)),
    ("America/New_York", datetime(2026, 11, 21, 14, 0)),
    ("Asia/Kolkata", datetime(2026, 11, 21, 14, 0)),
    ("Europe/London", datetime(2026, 10, 23, 14, 0)),     # the clocks go back on day 2 (25 Oct)
    ("America/New_York", datetime(2026, 3, 6, 23, 30)),   # they go forward on day 2 (8 Mar)
])
def test_non_response_rules_fire_at_each_boundary(zone: str, treated: datetime) -> None:
    tz = ZoneInfo(zone)
    t0 = treated.replace(tzinfo=tz)
    p = aftercare.plan(aftercare.Treatment(device="pen", depth_mm=1.0, area="face", skin_type=3, treated_at=t0))
    s = aftercare.schedule(p, zone)
    rules = PROTOCOL["follow_up"]
    nudge = rule_instant(rules["nudge"], t0, tz)
    task = rule_instant(rules["clinic_task"], t0, tz)
    expect = [(nudge - SEC, "none"), (nudge, "nudge"), (nudge + SEC, "nudge"),
              (task - SEC, "nudge"), (task, "clinic_task"), (task + SEC, "clinic_task")]
    for now, action in expect:
        f = aftercare.follow_up(s, now=now)
        assert f.action == action, (now, f)
        assert aftercare.follow_up(s, ["check_in.24h"], now=now).action == "none"
    f = aftercare.follow_up(s, now=nudge)
    assert f.due == nudge and f.next_action == "clinic_task" and f.next_due == task
    assert f.text == rules["nudge"]["text"] and set(rules["nudge"]["sources"]) <= set(f.sources)


def test_follow_up_command(run_cli) -> None:
    rules = PROTOCOL["follow_up"]
    t0 = datetime(2026, 11, 21, 14, 0, tzinfo=LONDON)
    task = rule_instant(rules["clinic_task"], t0, LONDON)
    doc = validated(json.loads(run_cli("check-in", "follow-up", *EXAMPLE, "--now", task.strftime("%Y-%m-%dT%H:%M"), "--format", "json",
                                       check=True).stdout), "follow-up")
    assert doc["action"] == "clinic_task" and doc["rule"]["due"] == task.isoformat()
    none = json.loads(run_cli("check-in", "follow-up", *EXAMPLE, "--now", task.strftime("%Y-%m-%dT%H:%M"), "--answered", "check_in.24h",
                              "--format", "json", check=True).stdout)
    assert none["action"] == "none" and none["rule"] is None


def test_python_check_in_matches_triage() -> None:
    p = aftercare.plan(aftercare.Treatment(device="pen", depth_mm=1.0, area="face", skin_type=3,
                                           treated_at=datetime(2026, 11, 21, 14, 0, tzinfo=LONDON)))
    at = datetime(2026, 11, 24, 15, 0, tzinfo=LONDON)
    reports = [aftercare.SymptomReport("redness", seen_at=at, severity="moderate", signs=["warm"])]
    a = aftercare.assess_check_in(p, aftercare.CheckInAnswers("check_in.72h", answered_at=at, status="help", symptoms=reports))
    t = aftercare.triage(p, reports)
    assert a.triage.level == t.level and [r.decided.rule for r in a.triage] == [r.decided.rule for r in t]
    order = list(aftercare.TriageLevel)
    assert order.index(a.level) >= order.index(aftercare.TriageLevel(PROTOCOL["questions"]["status"]["help_level"]))
    assert a.help is not None and a.help.rule == "check_in.help"
    q = aftercare.check_in_questionnaire(p, "check_in.72h")
    qr = response(q, "2026-11-24T15:00:00+00:00", "help", {"redness": ("moderate", ["warm"])})
    answers = aftercare.CheckInAnswers.from_fhir(p, json.dumps(qr))
    assert answers == aftercare.CheckInAnswers("check_in.72h", answered_at=at, status="help",
                                               symptoms=[aftercare.SymptomReport("redness", after=timedelta(0), severity="moderate", signs=["warm"])])
    assert json.loads(aftercare.assess_check_in(p, answers).to_json())["level"] == a.level.value
    with pytest.raises(aftercare.InvalidValueError, match="check_in"):
        aftercare.check_in_questions(p, "check_in.never")
