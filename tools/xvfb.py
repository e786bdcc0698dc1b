"""A private Xvfb X server for real-window tests, benchmarks and the installed-package check.

Xvfb picks a free display itself (``-displayfd``), so parallel runs never collide.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator


class XvfbError(RuntimeError):
    """Xvfb is not installed, or did not start."""


@contextlib.contextmanager
def xvfb(screen: str = "1280x800x24", timeout: float = 20.0) -> Iterator[str]:
    """Run Xvfb for the ``with`` block; yield its display (``":99"``).

    Raises:
        XvfbError: Xvfb is not installed (Debian: apt install xvfb) or did not start.
    """
    binary = shutil.which("Xvfb")
    if binary is None:
        raise XvfbError("Xvfb is not installed (Debian: apt install xvfb)")
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(
        [
            binary,
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            screen,
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        number = b""
        deadline = time.monotonic() + timeout
        with os.fdopen(read_fd, "rb") as pipe:
            while not number.endswith(b"\n") and time.monotonic() < deadline:
                chunk = pipe.read(1)
                if not chunk:
                    break
                number += chunk
        if not number.strip():
            raise XvfbError("Xvfb did not start")
        yield f":{number.decode().strip()}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
