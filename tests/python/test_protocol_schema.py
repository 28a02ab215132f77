"""docs/schema/protocol.schema.json: every shipped protocol validates, and schema and reader agree.

The reader (`aftercare protocol check`) is the authority. The schema may be looser than the reader
(cross-field rules it cannot express are listed in docs/protocol-format.md, "What the schema cannot
check") but never stricter: whatever the schema rejects, the reader rejects. A corpus of seeded
mutations of the default protocol checks both directions.
"""

from __future__ import annotations

import copy
import json
import pathlib
import random
import re
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import jsonschema
import pytest

from conftest import ROOT, load_schema

SCHEMA = load_schema("protocol")
DEFAULT = ROOT / "data" / "protocols" / "microneedling.json"
FORMAT_DOC = ROOT / "docs" / "protocol-format.md"


def validator(schema: dict[str, Any] = SCHEMA) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


VALIDATOR = validator()


def schema_errors(doc: Any, v: jsonschema.Draft202012Validator = VALIDATOR) -> list[str]:
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message[:160]}" for e in v.iter_errors(doc)]


def validator_for_changes(doc: dict[str, Any], base: dict[str, Any]) -> jsonschema.Draft202012Validator:
    """The whole schema, with `true` for the top-level sections `doc` shares with `base` (which is valid).

    The root is a conjunction of its own keywords and one schema per section, so this gives the same
    verdict as the whole schema, in a fraction of the time (jsonschema takes ~0.2 s for the default).
    """
    same = {k for k in SCHEMA["properties"] if k in doc and k in base and doc[k] == base[k]}
    return validator({**SCHEMA, "properties": {k: True if k in same else v for k, v in SCHEMA["properties"].items()}})


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    message: str


@pytest.fixture(scope="session")
def check(cli_path, tmp_path_factory) -> Callable[[list[tuple[str, bytes]]], list[Verdict]]:
    """`aftercare protocol check` on each (name, file content): accepted, or the one-line error."""
    folder = tmp_path_factory.mktemp("protocols")

    def one(item: tuple[str, bytes]) -> Verdict:
        name, content = item
        path = folder / name
        path.write_bytes(content)
        result = subprocess.run([str(cli_path), "protocol", "check", str(path)], capture_output=True, timeout=60, check=False)
        # bytes: a parse error may quote the file's own (invalid UTF-8) bytes
        stderr = result.stderr.decode("utf-8", "replace").strip()
        assert result.returncode in (0, 2), (name, result.returncode, stderr)
        return Verdict(result.returncode == 0, stderr)

    def run(items: list[tuple[str, bytes]]) -> list[Verdict]:
        with ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(one, items))

    return run


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


# --- the enumerations are the code tables of the C++ headers ------------------------------------

# Schema $defs name -> C++ enumeration whose code_table<> lists the codes.
ENUMS = {
    "device": "device", "area": "area", "indication": "indication", "adjunct": "adjunct", "history_flag": "history_flag",
    "likelihood": "likelihood", "basis": "evidence_basis", "reminder_mode": "reminder_mode", "routine_slot": "routine_slot",
    "triage_level": "triage_level", "severity": "severity", "symptom": "symptom", "sign": "sign", "condition": "condition",
    "decision": "decision",
}


def code_tables() -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    for header in sorted((ROOT / "include" / "aftercare").rglob("*.hpp")):
        text = header.read_text(encoding="utf-8")
        for m in re.finditer(r"struct code_table<(?:aftercare::)?(\w+)>\s*\{.*?codes\{(.*?)\};", text, re.DOTALL):
            tables[m.group(1)] = re.findall(r'"([^"]*)"', m.group(2))
    return tables


def test_every_enumeration_is_the_code_table_of_the_headers() -> None:
    tables = code_tables()
    for name, cpp in ENUMS.items():
        assert SCHEMA["$defs"][name]["enum"] == tables[cpp], name


def test_maps_by_code_list_every_code() -> None:
    defs = SCHEMA["$defs"]
    by_code = {
        "symptom": defs["symptoms"],
        "sign": defs["signs"],
        "condition": defs["screening"]["properties"]["conditions"],
        "indication": defs["course"]["properties"]["indications"],
    }
    for enum, obj in by_code.items():
        assert list(obj["properties"]) == defs[enum]["enum"], enum
        assert obj["additionalProperties"] is False
    # every one is required, except indications (a course names those it has)
    for enum in ("symptom", "sign", "condition"):
        assert by_code[enum]["required"] == defs[enum]["enum"]
    assert list(defs["limits"]["properties"]["device_depth_mm"]["properties"]) == defs["device"]["enum"]


# --- (1) every shipped protocol validates -------------------------------------------------------

def fixture_files() -> list[pathlib.Path]:
    """Protocol files under tests/: C++ data, Python data, the protocol fuzzer's corpus and crashes."""
    tests = ROOT / "tests"
    files = [*sorted((tests / "cpp" / "data").glob("*.json")), *sorted((tests / "python").rglob("*.json")),
             *sorted(p for p in (tests / "fuzz" / "corpus" / "protocol").iterdir() if p.is_file())]
    crashes = tests / "fuzz" / "crashes"
    if crashes.is_dir():
        files += sorted(p for p in crashes.rglob("*") if p.is_file() and "protocol" in str(p.relative_to(crashes)))
    return files


def test_the_default_protocol_validates() -> None:
    assert schema_errors(json.loads(DEFAULT.read_text(encoding="utf-8"))) == []


def test_every_fixture_the_reader_accepts_validates_and_every_one_the_schema_rejects_the_reader_rejects(check) -> None:
    files = fixture_files()
    verdicts = check([(f"fixture-{i}.json", f.read_bytes()) for i, f in enumerate(files)])
    accepted = 0
    for f, v in zip(files, verdicts, strict=True):
        try:
            doc = json.loads(f.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            assert not v.accepted, f"{f}: the reader accepts what is not JSON"
            continue
        except RecursionError:  # nested deeper than Python's json can read (the reader's limit is 64)
            assert not v.accepted and "nesting deeper than" in v.message, f"{f}: {v.message}"
            continue
        errors = schema_errors(doc)
        if v.accepted:
            accepted += 1
            assert errors == [], f"{f.relative_to(ROOT)}: the reader accepts it, the schema does not: {errors[:3]}"
        elif not errors:
            assert known_limitation(v.message), f"{f.relative_to(ROOT)}: {v.message}"
        # (when the schema rejects it, so does the reader: v.accepted is False here)
    assert accepted >= 2  # tests/cpp/data/minimal_protocol.json and the fuzz corpus' minimal.json


# --- the docs' examples -------------------------------------------------------------------------

# `<!-- protocol-schema: #/$defs/X -->` before a ```json block: the part of the schema it is an example of
# ("none (why)" for JSON that is not protocol data).
MARK = re.compile(r"<!-- protocol-schema: (#[^ ]*|none)[^>]*-->\n```json\n(.*?)```", re.DOTALL)
BLOCK = re.compile(r"```json\n(.*?)```", re.DOTALL)


def example_values(block: str) -> list[Any]:
    """A block is one `"key": value` member, or one or more JSON values; `// ...` ends a line."""
    text = re.sub(r"\s+//[^\n]*", "", block).strip()
    if text.startswith('"'):
        return list(json.loads("{" + text + "}").values())
    values, decoder, at = [], json.JSONDecoder(), 0
    while at < len(text):
        value, end = decoder.raw_decode(text, at)
        values.append(value)
        at = len(text) - len(text[end:].lstrip())
    return values


def resolve(pointer: str) -> dict[str, Any]:
    node: Any = SCHEMA
    for token in pointer.lstrip("#/").split("/") if pointer != "#" else []:
        node = node[token]
    assert isinstance(node, dict), pointer
    return node


def doc_examples() -> Iterator[tuple[str, str, str]]:
    for doc in sorted((ROOT / "docs").glob("*.md")):
        for m in MARK.finditer(doc.read_text(encoding="utf-8")):
            if m.group(1) != "none":
                yield doc.name, m.group(1), m.group(2)


def test_every_json_block_of_the_format_guide_names_its_schema() -> None:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    assert len(BLOCK.findall(text)) == len(MARK.findall(text)) >= 10


@pytest.mark.parametrize(("doc", "pointer", "block"), list(doc_examples()), ids=lambda x: x if len(x) < 40 else x[:30])
def test_docs_examples_validate(doc: str, pointer: str, block: str) -> None:
    # The fragment is checked against its part of the schema, with the schema's $defs in reach.
    part = {**resolve(pointer), "$defs": SCHEMA["$defs"]} if pointer != "#" else SCHEMA
    values = example_values(block)
    assert values, block
    for value in values:
        errors = [f"/{'/'.join(map(str, e.absolute_path))}: {e.message[:160]}" for e in validator(part).iter_errors(value)]
        assert errors == [], f"{doc} {pointer}: {json.dumps(value)[:200]}"


def test_docs_examples_cover_every_section() -> None:
    pointers = {p for _, p, _ in doc_examples()}
    for section in ("$defs/sources_section", "$defs/limits", "$defs/tiers", "$defs/symptom_def", "$defs/effect", "$defs/restriction",
                    "$defs/care_step", "$defs/course", "$defs/note_entry", "$defs/red_flag", "properties/check_ins",
                    "$defs/triage_outcome", "$defs/condition_rules", "$defs/when", "$defs/cited_hours", "$defs/time",
                    "$defs/effect_modifier", "$defs/restriction_modifier"):
        assert f"#/{section}" in pointers, section


# --- (2) schema and reader agree on mutations of the default protocol ---------------------------

# What the reader rejects and the schema cannot express: the reader's message -> the phrase in
# docs/protocol-format.md ("What the schema cannot check") that documents it.
LIMITATIONS = {
    r"is not an entry \(or restriction stage\) defined earlier|expected the code of an effect in /effects": "references to earlier entries",
    r"is not a stage of": "a restriction modifier's stage",
    r"unknown source": "source keys that exist",
    r"duplicate (code|tier|stage)": "unique codes",
    r"reversed window|is before|onset after|abnormal .*before|ends before|window": "window order",
    r"deeper tiers may not be": "deeper tiers",
    r"unknown tier|missing tier": "every tier id",
    r"tiers go from shallow to deep|tiers must cover": "tier order",
    r"outside its range|expected min <= max|expected max >= min": "values inside their range",
    r"whole minutes": "whole minutes",
    r"expected a level at least that of": "triage levels that do not go down",
    r"only the last rule may leave out|the last rule applies to every other": "the rule without `when` comes last",
    r"a stage reference can only be to its end": "a stage reference",
    r"expected the clinic task after the nudge": "the clinic task after the nudge",
    r"duplicate key": "Duplicate keys",
}


def known_limitation(message: str) -> str | None:
    return next((doc for pattern, doc in LIMITATIONS.items() if re.search(pattern, message)), None)


def test_every_limitation_is_documented() -> None:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    section = text.split("## What the schema cannot check", 1)[1].split("\n## ", 1)[0]
    for phrase in LIMITATIONS.values():
        assert phrase in section, phrase


Path = tuple[str | int, ...]


def nodes(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from nodes(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from nodes(v, (*path, i))


# Objects keyed by code or id: their keys are data, not names of the format.
MAPS = {"sources", "by_tier", "symptoms", "signs", "conditions", "indications", "device_depth_mm"}


def shape(path: Path) -> Path:
    """Where in the format a path is: list indices and the keys of maps by code become "*"."""
    return tuple("*" if isinstance(t, int) or (i > 0 and path[i - 1] in MAPS) else t for i, t in enumerate(path))


def one_per_shape(paths: list[Path], depth: int = 0) -> list[Path]:
    """The first path of each shape (of its last `depth` steps when given)."""
    first: dict[Path, Path] = {}
    for p in paths:
        first.setdefault(shape(p)[-depth:], p)
    return list(first.values())


def parent_of(doc: Any, path: Path) -> Any:
    for token in path[:-1]:
        doc = doc[token]
    return doc


ENUM_VALUES = {v for name in ENUMS for v in SCHEMA["$defs"][name]["enum"]} | {"onset", "end", "abnormal", "A", "B", "C", "local"}
CODE_KEYS = {"code", "ref", "past", "effect", "stage", "id"}
PROSE_KEYS = {"title", "text", "advice", "reason", "note", "citation", "lifted_text", "print_text", "disclaimer", "url"}


def _other_type(v: Any) -> Any:
    if isinstance(v, bool):
        return "true"
    if isinstance(v, str):
        return 7
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, list):
        return {"0": v[0]} if v else {}
    return [v]


@dataclass
class Mutation:
    kind: str
    what: str
    doc: Any


def mutations(seed: int = 8, per_kind: int = 12) -> list[Mutation]:
    base = json.loads(DEFAULT.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    everything = list(nodes(base))[1:]
    objects = [p for p, v in everything if isinstance(v, dict)] + [()]
    keyed = [p for p, _ in everything if isinstance(p[-1], str)]
    strings = [p for p, v in everything if isinstance(v, str)]
    numbers = [p for p, v in everything if isinstance(v, (int, float)) and not isinstance(v, bool)]
    arrays = [p for p, v in everything if isinstance(v, list)]
    scalar_arrays = [p for p, v in everything if isinstance(v, list) and v and not isinstance(v[0], (dict, list))]
    codes = [p for p in strings if p[-1] in CODE_KEYS]
    enum_strings = [p for p, v in everything if isinstance(v, str) and p[-1] not in PROSE_KEYS and v in ENUM_VALUES]
    items = [p for p, _ in everything if isinstance(p[-1], int)]
    out: list[Mutation] = []

    def make(kind: str, pool: list[Any], change: Callable[[Any, Path], str | None], n: int = per_kind) -> None:
        for path in rng.sample(pool, min(n, len(pool))):
            doc = copy.deepcopy(base)
            what = change(doc, path)
            if what is not None:
                out.append(Mutation(kind, what, doc))

    def at(doc: Any, path: Path) -> tuple[Any, str | int]:
        return parent_of(doc, path), path[-1]

    def ptr(path: Path) -> str:
        return "/" + "/".join(map(str, path))

    def remove_key(doc: Any, path: Path) -> str:
        p, k = at(doc, path)
        del p[k]
        return f"remove {ptr(path)}"

    def add_key(doc: Any, path: Path) -> str:
        parent_of(doc, (*path, "x"))["extra_key"] = "x"
        return f"add {ptr(path)}/extra_key"

    def rename_key(doc: Any, path: Path) -> str:
        p, k = at(doc, path)
        p[str(k) + "_x"] = p.pop(k)
        return f"rename {ptr(path)} to {k}_x"

    def wrong_type(doc: Any, path: Path) -> str:
        p, k = at(doc, path)
        p[k] = _other_type(p[k])
        return f"{ptr(path)} = {json.dumps(p[k])[:40]}"

    def bad_code(doc: Any, path: Path) -> str:
        p, k = at(doc, path)
        v = p[k]
        p[k] = rng.choice([v.upper(), v.split(".")[-1] if "." in v else v + " x", v.replace("_", "-") if "_" in v else v + "!", "x." + v])
        return f"{ptr(path)} = {p[k]!r}"

    def bad_enum(doc: Any, path: Path) -> str:
        p, k = at(doc, path)
        p[k] = rng.choice(["not_a_code", p[k].upper(), p[k] + "s"])
        return f"{ptr(path)} = {p[k]!r}"

    def empty_string(doc: Any, path: Path) -> str:
        p, k = at(doc, path)
        p[k] = ""
        return f"{ptr(path)} = ''"

    def empty_array(doc: Any, path: Path) -> str:
        p, k = at(doc, path)
        p[k] = []
        return f"{ptr(path)} = []"

    def empty_object(doc: Any, path: Path) -> str | None:
        if not path:
            return None
        p, k = at(doc, path)
        p[k] = {}
        return f"{ptr(path)} = {{}}"

    def out_of_range(doc: Any, path: Path) -> str:
        p, k = at(doc, path)
        p[k] = rng.choice([-1, 0, 1e6, 0.001, 2.5, 100000])
        return f"{ptr(path)} = {p[k]}"

    def duplicate_item(doc: Any, path: Path) -> str:
        p, k = at(doc, path)
        p[k].append(p[k][0])
        return f"{ptr(path)} += {p[k][0]!r}"

    def remove_item(doc: Any, path: Path) -> str:
        p, k = at(doc, path)
        del p[k]
        return f"remove {ptr(path)}"

    def reverse(doc: Any, path: Path) -> str | None:
        p, k = at(doc, path)
        if len(p[k]) < 2:
            return None
        p[k].reverse()
        return f"reverse {ptr(path)}"

    # Every kind of object gets an unknown key (so every additionalProperties is tried), and every key
    # (by its name and its parent's) is removed once (so every "required" is tried); the rest are a
    # seeded sample of each kind.
    make("unknown key", one_per_shape(objects), add_key, len(objects))
    make("remove key", one_per_shape(keyed, 2), remove_key, len(keyed))
    make("renamed key", keyed, rename_key)
    make("wrong type", [p for p, _ in everything], wrong_type)
    make("bad code", codes, bad_code)
    make("bad enum", enum_strings, bad_enum)
    make("empty string", strings, empty_string)
    make("empty array", arrays, empty_array)
    make("empty object", objects, empty_object)
    make("number out of range", numbers, out_of_range)
    make("duplicate item", scalar_arrays, duplicate_item)
    make("remove item", items, remove_item)
    make("reorder", arrays, reverse)
    out += cross_field(base)
    return out


def cross_field(base: dict[str, Any]) -> list[Mutation]:
    """Rules across fields, which the reader checks and a schema cannot: each is a documented limitation."""
    out: list[Mutation] = []

    def mutate(kind: str, what: str, change: Callable[[dict[str, Any]], None]) -> None:
        doc = copy.deepcopy(base)
        change(doc)
        out.append(Mutation(kind, what, doc))

    def set_(path: Path, value: Any) -> Callable[[dict[str, Any]], None]:
        def change(doc: dict[str, Any]) -> None:
            parent_of(doc, path)[path[-1]] = value
        return change

    first = base["effects"][0]
    mutate("cross-field", "onset after the typical end", set_(("effects", 0, "onset_h"), {"value": 80000, "sources": first["sources"]}))
    mutate("cross-field", "a reference to a later entry", set_(("effects", 0, "onset_h"), {"ref": base["restrictions"][0]["code"]}))
    mutate("cross-field", "an unknown source", set_(("effects", 0, "sources"), ["NOT_A_SOURCE"]))
    mutate("cross-field", "a duplicate code", set_(("effects", 1, "code"), first["code"]))
    mutate("cross-field", "a duplicate tier", set_(("tiers", 1, "id"), base["tiers"][0]["id"]))
    mutate("cross-field", "tiers out of order", set_(("tiers", 0, "max_depth_mm"), base["tiers"][-1]["max_depth_mm"]))
    mutate("cross-field", "an unknown tier", set_(("effects", 0, "typical_end_h"),
                                                   {"by_tier": {"nope": 1}, "sources": first["sources"]}))
    mutate("cross-field", "deeper is shorter", set_(("effects", 0, "typical_end_h"),
                                                     {"by_tier": {t["id"]: 100 - i for i, t in enumerate(base["tiers"])}, "sources": first["sources"]}))
    mutate("cross-field", "a value outside its range", set_(("effects", 0, "abnormal_after_h"),
                                                             {"value": 500, "range": [1, 2], "sources": first["sources"]}))
    mutate("cross-field", "hours not in whole minutes", set_(("effects", 0, "abnormal_after_h"), {"value": 500.001, "sources": first["sources"]}))
    mutate("cross-field", "an unknown stage", set_(("restrictions", 0, "modifiers"),
                                                    [{"when": {"device": ["rf"]}, "stage": "nope", "add_h": 1, "sources": first["sources"]}]))
    mutate("cross-field", "triage: expected more urgent than settling", set_(("triage", "expected", "level"), "emergency"))
    mutate("cross-field", "follow-up: the clinic task before the nudge", set_(("follow_up", "clinic_task", "day", "value"), 0))
    return out


def test_schema_and_reader_agree_on_mutations_of_the_default(check) -> None:
    corpus = mutations()
    assert len(corpus) >= 100
    verdicts = check([(f"mutation-{i}.json", json.dumps(m.doc).encode()) for i, m in enumerate(corpus)])
    stricter: list[str] = []   # the schema rejects what the reader accepts: a bug in the schema
    missed: list[str] = []     # the reader rejects a structural mistake the schema lets through
    documented: dict[str, int] = {}
    schema_rejects = 0
    base = json.loads(DEFAULT.read_text(encoding="utf-8"))
    assert schema_errors(base) == []
    for m, v in zip(corpus, verdicts, strict=True):
        errors = schema_errors(m.doc, validator_for_changes(m.doc, base)) if isinstance(m.doc, dict) else schema_errors(m.doc)
        schema_rejects += bool(errors)
        if errors and v.accepted:
            stricter.append(f"{m.kind}: {m.what}: schema says {errors[0]}")
        if not errors and not v.accepted:
            limitation = known_limitation(v.message)
            if limitation is None:
                missed.append(f"{m.kind}: {m.what}: reader says {v.message}")
            else:
                documented[limitation] = documented.get(limitation, 0) + 1
    assert stricter == [], "\n".join(stricter)
    assert missed == [], "\n".join(missed)
    # The corpus is not vacuous: most mutations are caught by the schema, and every cross-field
    # mutation is a documented limitation the reader catches.
    assert schema_rejects >= len(corpus) // 2
    cross = [v for m, v in zip(corpus, verdicts, strict=True) if m.kind == "cross-field"]
    assert all(not v.accepted and known_limitation(v.message) for v in cross), [v.message for v in cross]
