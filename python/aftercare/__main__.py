"""``python -m aftercare`` and the ``aftercare`` script a wheel installs: the command itself.

The wheel carries the same ``aftercare`` executable as the C++ build (``aftercare/bin/aftercare``);
this runs it with the arguments given, so its output, errors and exit codes are the command's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.resources import files

__all__ = ["executable", "main"]


def executable() -> str:
    """The path of the ``aftercare`` command installed with this package."""
    return str(files("aftercare") / "bin" / ("aftercare.exe" if os.name == "nt" else "aftercare"))


def main() -> None:
    exe = executable()
    if not os.access(exe, os.X_OK):
        sys.exit(f"aftercare: the command is not installed with this package ({exe}); reinstall it: pip install .")
    argv = [exe, *sys.argv[1:]]
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execv(exe, argv)  # the command replaces this process: its exit code and streams, unchanged
    sys.exit(subprocess.call(argv))


if __name__ == "__main__":
    main()
