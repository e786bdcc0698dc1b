"""Bundle size against its floor: the app's bundle and packages vs a frozen hello-world.

Both are frozen here, side by side, with the same Qt filters (packaging/qt_filters.py),
so the ratio shows what TrialGuide itself costs. Prints a table; never fails on size.

Usage: python benchmarks/bundle_size.py [--reuse]   (--reuse: keep existing builds)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "bench"
#: The app's bundle should cost little more than a bare Qt window's.
TARGET_RATIO = 1.3


def folder_size(path: Path) -> int:
    """Bytes in a folder (symlinks counted once, as links)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def archive_size(path: Path, kind: str = "gz") -> int:
    """Bytes of the folder as a .tar.gz (level 6, as the release archive) or .tar.xz
    (preset 6, as dpkg-deb -Zxz -z6 packs a .deb)."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / f"x.tar.{kind}"
        options = {"compresslevel": 6} if kind == "gz" else {"preset": 6}
        with tarfile.open(archive, f"w:{kind}", **options) as tar:
            tar.add(path, arcname=path.name)
        return archive.stat().st_size


def freeze(spec: Path, name: str, reuse: bool) -> Path:
    """Run PyInstaller on a spec into build/bench; return the bundle folder."""
    dist = WORK / "dist"
    bundle = dist / name
    if reuse and bundle.exists():
        return bundle
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(WORK / "work"),
            str(spec),
        ],
        check=True,
        cwd=ROOT,
    )
    return bundle


def mib(n: int) -> str:
    """Bytes as MiB with one decimal."""
    return f"{n / 2**20:.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    """Freeze both, package the app, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="reuse existing builds")
    args = parser.parse_args(argv)
    app = freeze(ROOT / "packaging" / "trialguide.spec", "trialguide", args.reuse)
    floor = freeze(ROOT / "benchmarks" / "floor" / "hello.spec", "hello", args.reuse)
    rows = [
        ("bundle folder", folder_size(app), folder_size(floor)),
        ("bundle .tar.gz", archive_size(app), archive_size(floor)),
    ]
    # Read aloud's share (eSpeak NG's library and English + Persian data), which the
    # floor does not have: the figure issue 13 asks for, before and after.
    speech = next(app.rglob("espeakng_loader"), None)
    if speech is not None:
        print(
            f"read aloud (eSpeak NG, en + fa): {mib(folder_size(speech))} of the folder, "
            f"{mib(archive_size(speech))} as .tar.gz; without it the folder would be "
            f"{mib(folder_size(app) - folder_size(speech))}"
        )
    if shutil.which("dpkg-deb"):
        out = WORK / "packages"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "packaging" / "build_linux.py"),
                "--bundle",
                str(app),
                "--out",
                str(out),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        deb = next(out.glob("trialguide_*.deb"))
        # A .deb is the bundle packed with xz -6: compare with the floor packed alike.
        rows.append((".deb (floor as .tar.xz)", deb.stat().st_size, archive_size(floor, "xz")))
    print(f"{'what':<26}{'TrialGuide':>14}{'floor':>14}{'ratio':>8}  target <= {TARGET_RATIO}")
    for name, ours, base in rows:
        ratio = ours / base
        verdict = "holds" if ratio <= TARGET_RATIO else "MISSED"
        print(f"{name:<26}{mib(ours):>14}{mib(base):>14}{ratio:>8.2f}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
