"""tools/check_system_libs.py: what `make run` checks before starting Qt, with a fake
linker cache (no real library is needed or touched)."""

from __future__ import annotations

import pytest

from tools.check_system_libs import LIBRARIES, ldconfig_names, main, missing_libraries


def _cache(names) -> str:
    """What ``ldconfig -p`` prints for ``names``."""
    lines = [f"{len(names)} libs found in cache `/etc/ld.so.cache'"]
    lines += [f"\t{name} (libc6,x86-64) => /lib/x86_64-linux-gnu/{name}" for name in names]
    return "\n".join(lines) + "\n"


FRESH_DEBIAN = _cache(
    [name for name in LIBRARIES if name not in {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}]
)
EVERYTHING = _cache(list(LIBRARIES))


def _never(_name: str) -> bool:
    return False


def test_ldconfig_output_is_parsed():
    assert ldconfig_names(EVERYTHING) == set(LIBRARIES)


def test_the_fresh_debian_machine_of_the_report_is_told_the_exact_apt_line(capsys):
    """The two libraries Qt's message did not name are named, with their packages."""
    assert main([], ldconfig=lambda: FRESH_DEBIAN, loads=_never, platform="linux") == 1
    err = capsys.readouterr().err
    assert "libxcb-icccm.so.4 (Debian/Ubuntu package libxcb-icccm4)" in err
    assert "libxcb-keysyms.so.1 (Debian/Ubuntu package libxcb-keysyms1)" in err
    assert (
        "  sudo apt-get install -y --no-install-recommends libxcb-icccm4 libxcb-keysyms1\n" in err
    )
    assert "make run INSTALL_SYSTEM_DEPS=1" in err
    assert "libxcb-cursor0" not in err  # present here: not blamed


def test_nothing_missing_says_nothing(capsys):
    assert main([], ldconfig=lambda: EVERYTHING, loads=_never, platform="linux") == 0
    assert capsys.readouterr().err == ""


def test_a_library_outside_the_cache_that_loads_counts_as_present():
    """LD_LIBRARY_PATH libraries are not in ldconfig's cache; ctypes finds them."""
    found = missing_libraries(LIBRARIES, FRESH_DEBIAN, loads=lambda n: n == "libxcb-icccm.so.4")
    assert found == ["libxcb-keysyms.so.1"]


def test_install_as_root_runs_apt_get_and_checks_again(capsys):
    caches = iter([FRESH_DEBIAN, EVERYTHING])
    ran: list[list[str]] = []
    code = main(
        ["--install"],
        ldconfig=lambda: next(caches),
        loads=_never,
        is_root=True,
        run=lambda cmd: ran.append(cmd) or 0,
        platform="linux",
    )
    assert code == 0
    assert ran == [
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "--no-install-recommends", "libxcb-icccm4", "libxcb-keysyms1"],
    ]


@pytest.mark.parametrize("root", [False, True])
def test_install_refused_without_root_and_failure_reported(capsys, root):
    ran: list[list[str]] = []
    code = main(
        ["--install"],
        ldconfig=lambda: FRESH_DEBIAN,  # apt-get "succeeds" but nothing changes
        loads=_never,
        is_root=root,
        run=lambda cmd: ran.append(cmd) or 0,
        platform="linux",
    )
    err = capsys.readouterr().err
    if root:
        assert code == 2 and "still missing after apt-get" in err
    else:
        assert code == 1 and ran == [] and "needs root" in err


def test_not_linux_is_not_checked():
    assert main([], ldconfig=lambda: "", loads=_never, platform="win32") == 0
