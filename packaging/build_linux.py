"""Build the Linux packages from a PyInstaller bundle (``make package``).

Writes ``dist/trialguide_<version>_amd64.deb`` (the bundle under ``/opt/trialguide``,
``/usr/bin/trialguide``, a desktop entry and icons) and the portable
``dist/trialguide-<version>-linux-x86_64.tar.gz``. The .deb's Depends are worked out
from the bundle itself: every shared library its binaries load from the system is
looked up with ``dpkg -S``, so the list stays right when Qt or PyInstaller change.

Usage: python packaging/build_linux.py [--bundle dist/trialguide] [--out dist]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"

#: Used when dpkg cannot tell (not a Debian system): what Qt's xcb plugin needs.
FALLBACK_DEPENDS = [
    "libc6",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-randr0",
    "libxcb-shape0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
    "libdbus-1-3",
]


def project_version() -> str:
    """The one version number, from pyproject.toml."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def system_libraries(bundle: Path) -> set[str]:
    """Paths of the system libraries the bundle loads but does not carry (found with ldd)."""
    carried = {p.name for p in bundle.rglob("*.so*")}
    elf_files = []
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    elf_files.append(str(path))
    found: set[str] = set()
    result = subprocess.run(["ldd", *elf_files], capture_output=True, text=True, check=False)
    for line in result.stdout.splitlines():
        match = re.search(r"^\s*(\S+)\s+=>\s+(/\S+)", line)
        if match and match.group(1) not in carried and not match.group(2).startswith(str(bundle)):
            found.add(match.group(2))
    return found


def debian_depends(bundle: Path) -> list[str]:
    """Debian packages that own the system libraries the bundle loads."""
    if shutil.which("dpkg") is None or shutil.which("ldd") is None:
        return FALLBACK_DEPENDS
    libraries = sorted(system_libraries(bundle))
    # dpkg knows a library by the path its package installed, before /lib merged into /usr.
    queries = sorted({*libraries, *(os.path.realpath(p) for p in libraries)})
    queries += [q.replace("/usr/lib/", "/lib/", 1) for q in queries if q.startswith("/usr/lib/")]
    result = subprocess.run(["dpkg", "-S", *queries], capture_output=True, text=True, check=False)
    packages = {
        line.split(":", 1)[0].strip()
        for line in result.stdout.splitlines()
        if ": " in line and not line.startswith("diversion")
    }
    # The bundle carries libfontconfig, but its configuration (/etc/fonts) comes from here.
    packages.add("libfontconfig1")
    return sorted(packages)


def _control(version: str, depends: list[str], installed_kib: int) -> str:
    return (
        "Package: trialguide\n"
        f"Version: {version}\n"
        "Section: science\n"
        "Priority: optional\n"
        "Architecture: amd64\n"
        f"Depends: {', '.join(depends)}\n"
        f"Installed-Size: {installed_kib}\n"
        "Maintainer: TrialGuide developers <trialguide@localhost>\n"
        "Description: explains one clinical trial to patients, in English and Persian\n"
        " TrialGuide shows one clinical trial's summary, what taking part involves, a\n"
        " plain-language eligibility self-check and who to contact, in English and\n"
        " Persian (right to left, Solar Hijri dates), offline. Kiosk and counselor\n"
        " modes, and a printable handout.\n"
    )


def _copy_bundle(bundle: Path, target: Path) -> None:
    shutil.copytree(bundle, target, symlinks=True)


def build_deb(bundle: Path, out: Path, version: str) -> Path:
    """Stage the package tree and build it with dpkg-deb."""
    stage = out / "deb-root"
    if stage.exists():
        shutil.rmtree(stage)
    _copy_bundle(bundle, stage / "opt" / "trialguide")
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / "trialguide").symlink_to("/opt/trialguide/trialguide")
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / "trialguide.desktop", apps)
    for icon in (PACKAGING / "linux" / "icons").glob("*/trialguide.png"):
        target = stage / "usr" / "share" / "icons" / "hicolor" / icon.parent.name / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(icon, target)
    doc = stage / "usr" / "share" / "doc" / "trialguide"
    doc.mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / "copyright", doc / "copyright")
    shutil.copy(ROOT / "resources" / "fonts" / "OFL.txt", doc / "OFL-Vazirmatn.txt")
    shutil.copy(PACKAGING / "linux" / "trialguide-kiosk.desktop", doc / "kiosk-autostart.desktop")
    size_kib = (
        sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink())
        // 1024
    )
    (stage / "DEBIAN").mkdir()
    (stage / "DEBIAN" / "control").write_text(
        _control(version, debian_depends(bundle), size_kib), encoding="utf-8"
    )
    deb = out / f"trialguide_{version}_amd64.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", str(stage), str(deb)],
        check=True,
    )
    shutil.rmtree(stage)
    return deb


def build_tarball(bundle: Path, out: Path, version: str) -> Path:
    """The portable archive: the bundle plus desktop file, icon and licences."""
    name = f"trialguide-{version}-linux-x86_64"
    archive = out / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=name)
        tar.add(PACKAGING / "linux" / "trialguide.desktop", arcname=f"{name}/trialguide.desktop")
        tar.add(
            PACKAGING / "linux" / "icons" / "256x256" / "trialguide.png",
            arcname=f"{name}/trialguide.png",
        )
        tar.add(PACKAGING / "linux" / "copyright", arcname=f"{name}/COPYRIGHT")
    return archive


def main(argv: list[str] | None = None) -> int:
    """Build the .deb (where dpkg-deb exists) and the tar.gz."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", default=str(ROOT / "dist" / "trialguide"))
    parser.add_argument("--out", default=str(ROOT / "dist"))
    args = parser.parse_args(argv)
    bundle, out = Path(args.bundle), Path(args.out)
    if not (bundle / "trialguide").is_file():
        print(f"{bundle}: no bundle here; run `make bundle` first", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    version = project_version()
    if shutil.which("dpkg-deb"):
        print(build_deb(bundle, out, version))
    else:
        print("dpkg-deb not found: skipping the .deb", file=sys.stderr)
    print(build_tarball(bundle, out, version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
