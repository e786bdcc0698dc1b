"""Paths that are not regular files, for tests that every reader refuses them cleanly."""

from __future__ import annotations

import os
from pathlib import Path

#: The cases :func:`not_a_regular_file` makes.
NOT_FILES = ("fifo", "dev_zero", "symlink_to_dev_zero", "folder")


def not_a_regular_file(path: Path, case: str) -> str:
    """Make ``path`` a FIFO, a link to /dev/zero or a folder (or name /dev/zero itself)."""
    if case == "fifo":
        os.mkfifo(path)
    elif case == "dev_zero":
        return "/dev/zero"
    elif case == "symlink_to_dev_zero":
        path.symlink_to("/dev/zero")
    elif case == "folder":
        path.mkdir()
    else:
        raise ValueError(case)
    return str(path)
