"""The generated parts of docs/ match the protocol (tools/gen_docs.py --check)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_generated_docs_are_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_docs.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
