"""Shared fixtures: the `aftercare` command built by CMake, and the JSON schemas in docs/schema."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
from collections.abc import Callable, Sequence

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cli_path() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("AFTERCARE_CLI", ROOT / "build" / "aftercare"))
    if not path.exists():
        pytest.fail(f"the aftercare command is not built at {path}; run `make build` (or set AFTERCARE_CLI)")
    return path


@pytest.fixture(scope="session")
def run_cli(cli_path: pathlib.Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    def run(*args: str | os.PathLike[str], check: bool = False, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(cli_path), *map(str, args)], capture_output=True, text=True, timeout=60, env=env, check=False
        )
        if check and result.returncode != 0:
            raise AssertionError(f"aftercare {' '.join(map(str, args))} exited {result.returncode}: {result.stderr}")
        return result

    return run


def load_schema(name: str) -> dict:
    """A JSON schema of docs/schema/ ("plan", "triage", "screening")."""
    schema: dict = json.loads((ROOT / "docs" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    return schema


@pytest.fixture(scope="session")
def plan_schema() -> dict:
    return load_schema("plan")


@pytest.fixture(scope="session")
def triage_schema() -> dict:
    return load_schema("triage")


@pytest.fixture(scope="session")
def screening_schema() -> dict:
    return load_schema("screening")


EXAMPLE: Sequence[str] = (
    "--device", "pen", "--depth", "1.0", "--area", "face", "--skin-type", "3",
    "--treated-at", "2026-11-21T14:00", "--tz", "Europe/London",
)


# --- the Python package ----------------------------------------------------------------------
# Plots render off-screen; hypothesis is seeded by its own database and has no deadline (the
# machine is shared, timings are not what it checks).
os.environ.setdefault("MPLBACKEND", "Agg")

from hypothesis import settings  # noqa: E402

settings.register_profile("aftercare", deadline=None, max_examples=150, print_blob=True)
settings.load_profile("aftercare")

#: Where tests leave artifacts worth looking at (the plot PNG); inside the git-ignored build tree.
ARTIFACTS = ROOT / "build" / "test-output"


@pytest.fixture(scope="session")
def artifacts() -> pathlib.Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
