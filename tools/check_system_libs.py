"""Check the system libraries Qt's X11 (xcb) platform needs before ``make run`` starts Qt.

On a fresh Debian machine PySide6's xcb plugin fails to load with a message naming only
``libxcb-cursor0`` even when other libraries (``libxcb-icccm4``, ``libxcb-keysyms1``) are
what is missing. This script asks the dynamic linker's cache (``ldconfig -p``) for each
library the plugin loads (the list ``.ci/run`` installs), and when some are missing prints
the exact ``apt-get install`` line; with ``--install``, as root, it runs that line.

Exit status: 0 all present (or not Linux), 1 some missing (and not installed), 2 the
install failed. Standard library only: it runs before the virtual environment exists.

Usage: ``python3 tools/check_system_libs.py [--install]``
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable

#: Library file (soname) -> the Debian/Ubuntu package that ships it.
LIBRARIES: dict[str, str] = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def ldconfig_names(output: str) -> set[str]:
    """The library file names in ``ldconfig -p`` output."""
    names = set()
    for line in output.splitlines()[1:]:  # the first line counts the libraries
        name = line.strip().split(" ", 1)[0]
        if name:
            names.add(name)
    return names


def _ldconfig_output() -> str | None:
    for ldconfig in ("ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"):
        path = shutil.which(ldconfig) or (ldconfig if os.path.exists(ldconfig) else None)
        if path is None:
            continue
        try:
            return subprocess.run(
                [path, "-p"], capture_output=True, text=True, timeout=30, check=True
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue
    return None


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def missing_libraries(
    libraries: Iterable[str] = LIBRARIES,
    ldconfig_output: str | None = None,
    loads: Callable[[str], bool] = _loads,
) -> list[str]:
    """The libraries the linker cannot find.

    A library the cache does not list is tried with ``ctypes`` before it counts as
    missing (a library found through ``LD_LIBRARY_PATH`` is not in the cache).
    """
    known = ldconfig_names(ldconfig_output) if ldconfig_output is not None else set()
    return [name for name in libraries if name not in known and not loads(name)]


def install_command(packages: Iterable[str]) -> list[str]:
    """The apt-get line that installs ``packages``."""
    return ["apt-get", "install", "-y", "--no-install-recommends", *packages]


def main(
    argv: list[str] | None = None,
    *,
    ldconfig: Callable[[], str | None] = _ldconfig_output,
    loads: Callable[[str], bool] = _loads,
    is_root: bool | None = None,
    run: Callable[[list[str]], int] = lambda cmd: subprocess.run(cmd, check=False).returncode,
    platform: str = sys.platform,
) -> int:
    """Check, print what is missing, install it on request; the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--install", action="store_true", help="install what is missing (root)")
    args = parser.parse_args(argv)
    if not platform.startswith("linux"):
        return 0  # Windows and macOS wheels carry what Qt needs
    missing = missing_libraries(LIBRARIES, ldconfig(), loads)
    if not missing:
        return 0
    packages = [LIBRARIES[name] for name in missing]
    command = install_command(packages)
    print(
        "TrialGuide: Qt's X11 (xcb) platform needs system libraries this machine lacks:\n"
        + "".join(f"  {name} (Debian/Ubuntu package {LIBRARIES[name]})\n" for name in missing)
        + "Install them with:\n"
        + f"  sudo {' '.join(command)}\n"
        + "or, as root: make run INSTALL_SYSTEM_DEPS=1",
        file=sys.stderr,
    )
    if not args.install:
        return 1
    if is_root is None:
        is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if not is_root:
        print("TrialGuide: INSTALL_SYSTEM_DEPS=1 needs root; run the line above.", file=sys.stderr)
        return 1
    print(f"TrialGuide: running {' '.join(command)}", file=sys.stderr)
    if run(["apt-get", "update", "-qq"]) != 0 or run(command) != 0:
        print("TrialGuide: apt-get failed; the libraries are still missing.", file=sys.stderr)
        return 2
    still = missing_libraries(missing, ldconfig(), loads)
    if still:
        print(f"TrialGuide: still missing after apt-get: {', '.join(still)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
