"""The examples and the Python code in the docs run (as nlohmann/json runs its docs/examples)."""

from __future__ import annotations

import importlib.util
import os
import pathlib
import re
import subprocess
import sys
from typing import Any

import pytest
from conftest import ROOT

import aftercare


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


def load_example(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, ROOT / "examples" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_spark_recipe_functions_keep_the_instants_and_the_wall_clock() -> None:
    """The functions examples/spark_cohort.py hands to mapInPandas, on pandas batches as Spark gives
    them (epoch seconds and a zone name): instants back as epoch seconds equal to the in-memory
    path's, a missing end as null, each reminder's local time the wall clock of its own zone."""
    import pandas as pd

    spark = load_example("spark_cohort")
    given = spark.patients(60)
    batches = [given.iloc[:25], given.iloc[25:]]  # Spark sends a partition in several batches
    rows = pd.concat(list(spark.plans(iter(batches))), ignore_index=True)
    frame = given.assign(treated_at=pd.to_datetime(given["treated_epoch"], unit="s", utc=True)).set_index("patient_id")
    expected = aftercare.cohort(frame.drop(columns=["treated_epoch", "time_zone"]))
    assert len(rows) == len(expected)
    assert rows["start"].tolist() == [t.value // 10**9 for t in expected["start"]]
    assert rows["finish"].isna().sum() == expected["finish"].isna().sum() > 0
    reminders = pd.concat(list(spark.reminders(iter(batches))), ignore_index=True)
    for _, r in reminders.sample(50, random_state=1).iterrows():
        instant = pd.Timestamp(int(r["at"]), unit="s", tz="UTC")
        assert instant.tz_convert(r["time_zone"]).tz_localize(None) == pd.Timestamp(r["local"])


def test_the_spark_recipe_runs_on_spark() -> None:
    pytest.importorskip("pyspark")
    result = subprocess.run([sys.executable, str(ROOT / "examples" / "spark_cohort.py"), "600"],
                            capture_output=True, text=True, timeout=600, check=False,
                            env={**os.environ, "PYSPARK_PYTHON": sys.executable})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "the first 500 patients equal the in-memory path" in result.stdout
