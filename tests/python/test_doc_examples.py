"""Every example in README.md and docs/ runs, or says why it does not (docs/architecture.md, "Examples
in the docs"). A code block's language says what it is:

- ``cpp``: a whole program (``<!-- example: examples/cpp/X.cpp -->`` before it: the block is that file)
  or a fragment of one (``<!-- fragment of examples/cpp/X.cpp -->``: its lines stand in that file, in
  order). The examples are built and run by ctest with their output compared (examples/cpp/).
- ``c``: the same, for the C interface's examples in examples/c/ (built with -std=c11 -pedantic
  -Werror under ASan and UBSan and run by ctest from tests/c/).
- ``sh``: commands. ``aftercare ...`` lines run with the built command and must succeed; ``make T``
  needs the target T; ``cmake --preset P`` needs the preset P, and ``cmake --install DIR`` the build
  folder of a preset the block builds; ``node FILE`` needs the repository's script FILE (the
  JavaScript tests run it).
- ``console``: ``$ command`` lines run (bash, in a scratch folder with ``aftercare`` on PATH and the
  repository's ``tests/``, ``data/`` and ``examples/`` beside, so paths read as from the repository's top),
  and the lines after each are its output (stdout and stderr), exactly; a line ``...`` stands for any
  lines, and a line ending in `` ...`` for any line that starts with the rest.
- ``synopsis``: not run; each ``--option`` it names must be one the subcommand's ``--help`` lists.
- ``python``: run, the blocks of one file in order in one namespace (like a notebook), unless
  ``<!-- not run: why -->`` stands before the block.
- ``js``: run under Node with ``aftercare`` importing the built package, each block on its own, by
  bindings/js/test/docs.test.mjs (``make test-js``); what it prints must match the ``text`` block
  right after it when that block is marked ``<!-- output -->``.
- ``text``, ``json``, ``cmake``, ``ics`` and the rest: shown, not run.
  A ``json`` block with ``<!-- protocol-schema: POINTER -->`` before it is protocol data, validated against that
  part of docs/schema/protocol.schema.json (test_protocol_schema.py).
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import shlex
import subprocess
from dataclasses import dataclass

import pytest
from conftest import ROOT

CLI = str(pathlib.Path(os.environ.get("AFTERCARE_CLI", ROOT / "build" / "aftercare")))

DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
BLOCK = re.compile(r"^(?P<fence>```+)(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.S | re.M)
MARKER = re.compile(r"<!--\s*(?P<what>example:|fragment of|not run:)\s*(?P<arg>.*?)\s*-->\s*$")
# js: run by the package's own tests under Node (bindings/js/test/docs.test.mjs, make test-js).
RUN = {"cpp", "c", "sh", "console", "synopsis", "python", "js"}
# swift, kotlin and dart: bindings over aftercare.h in docs/guide-apps.md, shown (no such toolchain
# here); the Java binding they mirror is tests/java/CApiTest.java, run by ctest java.jna.
SHOWN = {"text", "json", "cmake", "ics", "html", "swift", "kotlin", "dart", ""}


@dataclass(frozen=True)
class Block:
    path: pathlib.Path
    line: int
    lang: str
    body: str
    marker: tuple[str, str] | None

    @property
    def id(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def blocks() -> list[Block]:
    out = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for m in BLOCK.finditer(text):
            before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
            mark = MARKER.search(before)
            out.append(Block(path, text.count("\n", 0, m.start()) + 1, m.group("lang"), m.group("body"),
                             (mark.group("what"), mark.group("arg")) if mark else None))
    return out


ALL = blocks()


def of(lang: str) -> list[Block]:
    return [b for b in ALL if b.lang == lang]


def logical_lines(body: str) -> list[str]:
    """Shell lines with their continuations joined and comments removed."""
    out, cur = [], ""
    for raw in body.splitlines():
        line = raw.rstrip()
        if line.endswith("\\"):
            cur += line[:-1] + " "
            continue
        cur += line
        stripped = re.sub(r"(^|\s)#.*$", "", cur).strip()
        if stripped:
            out.append(stripped)
        cur = ""
    return out


def test_every_block_has_a_known_language() -> None:
    unknown = [f"{b.id} ```{b.lang}" for b in ALL if b.lang not in RUN | SHOWN]
    assert not unknown, unknown


def test_no_runnable_block_reads_like_a_synopsis() -> None:
    """``[...]`` optional parts and ``...`` belong in ``synopsis`` blocks, not in commands one pastes."""
    bad = [b.id for b in of("sh") if any(re.search(r"\[--|\s\.\.\.\s|\|[a-z]+\]", line) for line in logical_lines(b.body))]
    assert not bad, bad


# --- C++ -------------------------------------------------------------------------------------------

def normalise(line: str) -> str:
    return " ".join(line.split())


# Where each language's examples live, and the CMakeLists.txt that builds and runs them.
EXAMPLES = {"cpp": (ROOT / "examples" / "cpp", ROOT / "examples" / "cpp" / "CMakeLists.txt"),
            "c": (ROOT / "examples" / "c", ROOT / "tests" / "c" / "CMakeLists.txt")}


@pytest.mark.parametrize("block", of("cpp") + of("c"), ids=lambda b: b.id)
def test_cpp_blocks_are_compiled_examples(block: Block) -> None:
    folder, cmake = EXAMPLES[block.lang]
    assert block.marker is not None and block.marker[0] in ("example:", "fragment of"), \
        f"{block.id}: say which compiled example it is (<!-- example: {folder.relative_to(ROOT)}/X --> or <!-- fragment of ... -->)"
    what, arg = block.marker
    source = ROOT / arg
    assert source.is_file(), f"{block.id}: {arg} does not exist"
    assert source.parent == folder, f"{block.id}: examples live in {folder.relative_to(ROOT)}/ (built and run by ctest)"
    assert source.stem in cmake.read_text(encoding="utf-8")
    assert (source.with_suffix(".output")).is_file(), f"{block.id}: {arg} needs its expected output beside it"
    if what == "example:":
        assert block.body == source.read_text(encoding="utf-8"), f"{block.id} differs from {arg}"
        return
    program = [normalise(x) for x in source.read_text(encoding="utf-8").splitlines()]
    at = 0
    for line in filter(None, (normalise(x) for x in block.body.splitlines())):
        try:
            at = program.index(line, at) + 1
        except ValueError:
            pytest.fail(f"{block.id}: the line {line!r} is not in {arg} (after line {at})")


# --- shell -----------------------------------------------------------------------------------------

PRESETS = json.loads((ROOT / "CMakePresets.json").read_text(encoding="utf-8"))
MAKE_TARGETS = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


def preset_dir(name: str) -> str:
    by_name = {p["name"]: p for p in PRESETS["configurePresets"]}
    assert name in by_name, f"no configure preset {name!r}"
    p = by_name[name]
    while "binaryDir" not in p:
        p = by_name[p["inherits"]]
    return p["binaryDir"].replace("${sourceDir}/", "")


@pytest.mark.parametrize("block", of("sh"), ids=lambda b: b.id)
def test_sh_blocks_run(block: Block, tmp_path: pathlib.Path) -> None:
    built: set[str] = set()
    for line in logical_lines(block.body):
        for part in (p.strip() for p in line.split("&&")):
            words = shlex.split(part)
            if words[0] == "make":
                targets = {w for w in words[1:] if "=" not in w}  # VAR=value words set a variable
                assert targets <= MAKE_TARGETS, f"{block.id}: no make target in {part!r}"
                built.add("build")  # make's build folder is the dev preset's
            elif words[0] == "cmake":
                if "--preset" in words:
                    built.add(preset_dir(words[words.index("--preset") + 1]))
                if "--install" in words:
                    folder = words[words.index("--install") + 1]
                    assert folder in built, f"{block.id}: `{part}` installs from {folder}/, which the block does not build ({sorted(built)})"
            elif words[0] in ("pip", "python", "python3"):
                continue  # set-up commands: the test suite itself runs from such an install
            elif words[0] == "node":
                # a script of the repository's (run by the JavaScript tests: make test-js)
                assert (ROOT / words[1]).is_file(), f"{block.id}: no such script {words[1]}"
            elif words[0] == "aftercare":
                env = dict(os.environ, PATH=f"{pathlib.Path(CLI).parent}{os.pathsep}{os.environ['PATH']}")
                result = subprocess.run(["bash", "-c", part], cwd=tmp_path, env=env, capture_output=True, text=True)
                assert result.returncode == 0, f"{block.id}: `{part}` exited {result.returncode}: {result.stderr}"
            else:
                pytest.fail(f"{block.id}: don't know how to check `{part}`")


@pytest.mark.parametrize("block", of("console"), ids=lambda b: b.id)
def test_console_blocks_print_what_they_show(block: Block, tmp_path: pathlib.Path) -> None:
    env = dict(os.environ, PATH=f"{pathlib.Path(CLI).parent}{os.pathsep}{os.environ['PATH']}")
    for folder in ("tests", "data", "examples"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    steps: list[tuple[str, list[str]]] = []
    for line in block.body.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            assert steps, f"{block.id}: output before any `$ command`"
            steps[-1][1].append(line)
    assert steps, f"{block.id}: a console block shows at least one `$ command`"
    for command, expected in steps:
        got = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True)
        lines = (got.stdout + got.stderr).splitlines()
        assert matches(expected, lines), f"{block.id}: `{command}` printed:\n" + "\n".join(lines)


def matches(expected: list[str], got: list[str]) -> bool:
    if not expected:
        return not got
    if expected[0] == "...":
        return any(matches(expected[1:], got[i:]) for i in range(len(got) + 1))
    first = got[0] == expected[0] or (expected[0].endswith(" ...") and got[0].startswith(expected[0][:-3])) if got else False
    return first and matches(expected[1:], got[1:])


@pytest.mark.parametrize("block", of("synopsis"), ids=lambda b: b.id)
def test_synopsis_blocks_name_real_options(block: Block) -> None:
    helps: dict[str, str] = {}
    for line in logical_lines(block.body):
        words = line.split()
        assert words[0] == "aftercare", f"{block.id}: a synopsis of the command starts with `aftercare`"
        sub = " ".join(w for w in words[1:3] if re.fullmatch(r"[a-z][a-z-]*", w) and w not in ("...",))
        if sub not in helps:
            helps[sub] = subprocess.run([CLI, *sub.split()[:2], "--help"], capture_output=True, text=True).stdout
            if not helps[sub]:
                sub = sub.split()[0]
                helps[sub] = subprocess.run([CLI, sub, "--help"], capture_output=True, text=True).stdout
        for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", line):
            assert option in helps[sub], f"{block.id}: `aftercare {sub}` has no option {option}"


# --- Python ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted({b.path for b in of("python")}), ids=lambda p: str(p.relative_to(ROOT)))
def test_python_blocks_run(path: pathlib.Path, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    for block in (b for b in of("python") if b.path == path):
        if block.marker is not None and block.marker[0] == "not run:":
            assert block.marker[1], f"{block.id}: say why it is not run"
            continue
        try:
            exec(compile(block.body, block.id, "exec"), namespace)  # noqa: S102 - the docs' own examples
        except Exception as e:  # the block's own line is in the traceback
            pytest.fail(f"{block.id} raised {type(e).__name__}: {e}")
