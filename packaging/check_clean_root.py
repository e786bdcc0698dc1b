"""Install the .deb into a clean Debian root and run it there: a missing Depends shows up.

``make package-check`` installs the package on the build machine, where every library
the app could need is already present, so a library missing from the package's
``Depends`` goes unnoticed until a clinic installs it. This check:

1. makes a minimal Debian root with ``debootstrap --variant=minbase`` (cached in
   ``build/clean-root-base``; ``--fresh`` makes it again);
2. copies it to a scratch root, installs the .deb there with ``apt-get install
   --no-install-recommends``: nothing but the package's ``Depends`` (and theirs);
3. runs ``trialguide --smoke-test`` inside it (fails on a non-zero exit or any stderr);
4. starts ``trialguide`` inside it on an Xvfb display of the host (the X socket is bind-
   mounted; Xvfb itself is not installed in the root, so its libraries cannot hide a
   missing Depends) and waits for its window to be mapped.

Needs root (debootstrap, chroot, mount), debootstrap and the Debian archive this
machine's apt uses (read from its sources; ``--mirror`` names another).
Usage: ``python3 packaging/check_clean_root.py dist/trialguide_VERSION_amd64.deb``
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# check_installed (beside this file) also puts the checkout on the path, for tools.xvfb.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_installed import _wait_for_window as wait_for_window  # noqa: E402

SUITE = "bookworm"


def system_mirror() -> str | None:
    """The Debian archive this machine's own apt uses (its sources), or None.

    The clean root is made from the same archive as the build machine's packages, so the
    check needs no address of its own and works behind the machine's own mirror.
    """
    candidates: list[str] = []
    sources = Path("/etc/apt/sources.list.d")
    for path in sorted(sources.glob("*.sources")) if sources.is_dir() else []:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("URIs:"):
                candidates += line.split()[1:]
    listing = Path("/etc/apt/sources.list")
    if listing.is_file():
        for line in listing.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[0] == "deb":
                candidates.append(parts[2] if parts[1].startswith("[") else parts[1])
    main = [uri for uri in candidates if not uri.rstrip("/").endswith(("-security", "-updates"))]
    return main[0] if main else None


#: The program's environment inside the root: a clinic PC's, nothing from the host.
CHROOT_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": "/tmp/home",
    "LANG": "C.UTF-8",
}


def _run(cmd: list[str], what: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        raise SystemExit(
            f"{what} failed (exit {result.returncode}):\n{result.stdout[-3000:]}"
            f"\n{result.stderr[-3000:]}"
        )
    print(f"clean root: {what}: {time.monotonic() - started:.0f} s", flush=True)
    return result


def make_base(base: Path, mirror: str, fresh: bool) -> None:
    """Debootstrap a minimal root into ``base`` (unless one is there already)."""
    if fresh and base.exists():
        shutil.rmtree(base)
    if (base / ".trialguide-base-done").exists():
        return
    if base.exists():
        shutil.rmtree(base)  # half made by an interrupted run
    base.parent.mkdir(parents=True, exist_ok=True)
    _run(["debootstrap", "--variant=minbase", SUITE, str(base), mirror], f"debootstrap {SUITE}")
    (base / ".trialguide-base-done").touch()


@contextlib.contextmanager
def _mounted(source: str, target: Path, *options: str) -> Iterator[None]:
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", *options, source, str(target)], check=True)
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def in_root(root: Path, *cmd: str) -> list[str]:
    """A command run inside ``root`` with the clinic PC's environment only."""
    env = [f"{key}={value}" for key, value in CHROOT_ENV.items()]
    chroot = shutil.which("chroot") or "/usr/sbin/chroot"
    return [chroot, str(root), "/usr/bin/env", "-i", *env, *cmd]


def check(deb: Path, base: Path, mirror: str, keep: bool) -> None:
    """Install ``deb`` into a copy of ``base``; run the smoke test and a real window."""
    from tools.xvfb import XvfbError, xvfb

    scratch = Path(tempfile.mkdtemp(prefix="trialguide-clean-root-", dir=base.parent))
    root = scratch / "root"
    try:
        _run(["cp", "-a", str(base), str(root)], "copy the clean root")
        shutil.copy2("/etc/resolv.conf", root / "etc" / "resolv.conf")
        shutil.copy2(deb, root / "tmp" / deb.name)
        (root / "tmp" / "home").mkdir(exist_ok=True)
        with _mounted("proc", root / "proc", "-t", "proc"):
            _run(in_root(root, "apt-get", "update", "-qq"), "apt-get update")
            _run(
                in_root(
                    root,
                    "apt-get",
                    "install",
                    "-y",
                    "-qq",
                    "--no-install-recommends",
                    f"/tmp/{deb.name}",
                ),
                "install the .deb with its Depends only",
            )
            smoke = subprocess.run(
                in_root(root, "/usr/bin/trialguide", "--smoke-test"),
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            if smoke.returncode != 0 or smoke.stderr.strip():
                raise SystemExit(
                    f"clean root: smoke test failed (exit {smoke.returncode})\n"
                    f"stdout: {smoke.stdout}\nstderr: {smoke.stderr}"
                )
            print(f"clean root: smoke test: {smoke.stdout.strip()}")
            try:
                with (
                    xvfb() as display,
                    _mounted("/tmp/.X11-unix", root / "tmp" / ".X11-unix", "--bind"),
                ):
                    command = in_root(root, f"DISPLAY={display}", "/usr/bin/trialguide")
                    print(f"clean root: real window: {wait_for_window(command, scratch, display)}")
            except XvfbError as exc:
                raise SystemExit(str(exc)) from None
    finally:
        if keep:
            print(f"clean root: kept {root}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deb", type=Path, help="the .deb to check")
    parser.add_argument("--base", type=Path, default=ROOT / "build" / "clean-root-base")
    parser.add_argument(
        "--mirror", default=None, help="the Debian archive (default: the one apt uses here)"
    )
    parser.add_argument("--fresh", action="store_true", help="debootstrap the base again")
    parser.add_argument("--keep", action="store_true", help="keep the scratch root")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("check_clean_root: needs root (debootstrap, chroot, mount)", file=sys.stderr)
        return 2
    missing = [tool for tool in ("debootstrap", "chroot", "xwininfo") if not shutil.which(tool)]
    if missing:
        print(f"check_clean_root: not installed: {', '.join(missing)}", file=sys.stderr)
        return 2
    if not args.deb.is_file():
        print(f"check_clean_root: {args.deb}: no such package (make package)", file=sys.stderr)
        return 2
    mirror = args.mirror or system_mirror()
    if mirror is None:
        print(
            "check_clean_root: no Debian archive in apt's sources; give --mirror", file=sys.stderr
        )
        return 2
    started = time.monotonic()
    make_base(args.base.resolve(), mirror, args.fresh)
    check(args.deb.resolve(), args.base.resolve(), mirror, args.keep)
    print(f"clean root: passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
