"""The examples and the Python code in the docs run (as nlohmann/json runs its docs/examples)."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

import pytest
from conftest import ROOT


def test_cohort_example_runs(artifacts: pathlib.Path) -> None:
    chart = artifacts / "cohort_patient.png"
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "cohort.py"), str(chart)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("240 patients -> ")
    for heading in ("Typical redness (days) by device and depth tier", "Sun restriction lifts after",
                    "Next sessions due per week", "Longest bruising windows", "chart saved to"):
        assert heading in out, heading
    assert result.stderr == ""
    assert chart.read_bytes()[:4] == b"\x89PNG"


def python_blocks(path: pathlib.Path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", path.read_text(encoding="utf-8"), flags=re.S | re.M)


@pytest.mark.parametrize("doc", ["README.md", "docs/python.md"])
def test_python_code_in_the_docs_runs(doc: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = python_blocks(ROOT / doc)
    assert blocks, f"no ```python blocks in {doc}"
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    for i, block in enumerate(blocks):  # one namespace per document: later blocks build on earlier ones
        code = compile(block, f"{doc} python block {i + 1}", "exec")
        exec(code, namespace)  # noqa: S102 - our own documentation
