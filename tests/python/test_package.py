"""The package itself: public API, version from one place, typed (py.typed, stubs that match the
module, mypy --strict clean), and the installed package is the source tree's."""

from __future__ import annotations

import filecmp
import importlib.metadata
import importlib.resources
import pathlib
import re
import subprocess
import sys

import pytest
from conftest import ROOT

import aftercare
from aftercare import _core
from aftercare._enums import CODE_TABLES

SOURCE = ROOT / "python" / "aftercare"


def test_tests_run_against_the_installed_package_built_from_this_tree() -> None:
    installed = pathlib.Path(aftercare.__file__).parent
    assert installed != SOURCE, "tests must import the installed package (pip install .), not the source tree"
    stale = [p.name for p in SOURCE.iterdir() if p.is_file() and not filecmp.cmp(p, installed / p.name, shallow=False)]
    assert not stale, f"the installed package is stale ({stale}); reinstall it: make test-python"


def test_version_comes_from_version_hpp() -> None:
    header = (ROOT / "include" / "aftercare" / "version.hpp").read_text(encoding="utf-8")
    version = re.search(r'#define AFTERCARE_VERSION_STRING "([0-9.]+)"', header)
    assert version is not None
    assert aftercare.__version__ == version.group(1)
    assert importlib.metadata.version("aftercare") == version.group(1)
    assert ".".join(map(str, _core.library_version())) == version.group(1)


def test_public_api_is_curated() -> None:
    assert sorted(aftercare.__all__) == aftercare.__all__
    for name in aftercare.__all__:
        assert hasattr(aftercare, name), name
    assert not any(name.startswith("_") and name != "__version__" for name in aftercare.__all__)
    assert "_core" not in aftercare.__all__
    for name in ("Treatment", "plan", "plans", "cohort", "load_protocol", "parse_protocol", "default_protocol",
                 "Error", "InvalidValueError", "TimeZoneError", "ProtocolError", "Plan", "Entry"):
        assert name in aftercare.__all__


def test_enums_are_the_core_code_tables() -> None:
    tables = _core.codes()
    for enum, table in CODE_TABLES.items():
        assert tuple(m.value for m in enum) == tables[table], enum.__name__
    covered = set(CODE_TABLES.values())
    assert covered == set(tables) - {"basis"}, "a code table of the core has no enum here"


def test_py_typed_and_stubs_are_installed() -> None:
    files = importlib.resources.files("aftercare")
    assert files.joinpath("py.typed").is_file()
    assert files.joinpath("_core.pyi").read_text(encoding="utf-8") == (SOURCE / "_core.pyi").read_text(encoding="utf-8")


def test_stubs_match_the_module(tmp_path: pathlib.Path) -> None:
    """python/aftercare/_core.pyi is what pybind11-stubgen writes for the built module (`make stubs`)."""
    result = subprocess.run(
        [sys.executable, "-m", "pybind11_stubgen", "aftercare._core", "--exit-code", "-o", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    generated = (tmp_path / "aftercare" / "_core.pyi").read_text(encoding="utf-8")
    checked_in = (SOURCE / "_core.pyi").read_text(encoding="utf-8")
    assert generated == checked_in, "python/aftercare/_core.pyi is out of date with the module: run `make stubs`"


@pytest.mark.slow
def test_mypy_strict_is_clean() -> None:
    """The public package, the example and the benchmark type-check with mypy --strict (pyproject.toml)."""
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_is_private_and_documented() -> None:
    assert _core.__doc__ is not None and "Private" in _core.__doc__
    assert not hasattr(aftercare, "make_plan")  # the Python names are plan/plans


def test_the_package_installs_the_command(cli_path: pathlib.Path) -> None:
    """pip gives the same `aftercare` command as the C++ build: as a script, and as `python -m aftercare`."""
    args = ["plan", "--device", "pen", "--depth", "1.0", "--skin-type", "3", "--treated-at", "2026-11-21T14:00",
            "--tz", "Europe/London", "--format", "json"]
    want = subprocess.run([str(cli_path), *args], capture_output=True, text=True, check=True).stdout
    script = pathlib.Path(sys.executable).parent / "aftercare"
    for command in ([str(script)], [sys.executable, "-m", "aftercare"]):
        got = subprocess.run([*command, *args], capture_output=True, text=True, check=False)
        assert (got.returncode, got.stderr) == (0, ""), command
        assert got.stdout == want, command
    bad = subprocess.run([sys.executable, "-m", "aftercare", "plan", "--device", "pen", "--depth", "9", "--skin-type", "3"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and bad.stdout == "" and bad.stderr.count("\n") == 1 and "depth" in bad.stderr
