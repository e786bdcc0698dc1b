"""PySide6's import hook, answered from each module's file instead of its parsed source.

Once Qt is loaded, PySide6 (PYSIDE-2029) looks at every module imported after it, once,
to ask whether the module's source mentions "PySide6": the answer decides whether the
module's ``from __feature__ import ...`` choices apply to it. It asks through
:func:`inspect.getsource`, which reads, decodes and splits the whole file into lines and
keeps every line in :mod:`linecache` for the life of the process. When the app starts,
that is about 260 modules: some 50 ms of every start and about 4 MB of source text that
nothing reads again.

:func:`install` gives PySide6 the same answer from the file's bytes, keeping nothing. A
module without a readable ``.py`` file (built in, compiled, in a zip or a frozen bundle)
still gets PySide6's own answer. TrialGuide uses no ``__feature__``; the answers are kept
exact all the same, for any module that does.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

#: Where PySide6 keeps the hook (a private module: checked before it is touched).
FEATURE_MODULE = "shibokensupport.feature"
_HOOK = "_mod_uses_pyside"


def install() -> bool:
    """Answer PySide6's per-import question from the file; whether it could be done.

    Call it after PySide6 is imported (its hook exists from then on). Calling it again,
    or with a PySide6 that no longer has this hook, changes nothing.
    """
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, _HOOK, None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "reads_the_file", False):
        return True
    setattr(feature, _HOOK, _reading_the_file(original))
    return True


def _reading_the_file(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    uses_pyside.reads_the_file = True  # type: ignore[attr-defined]
    uses_pyside.original = original  # type: ignore[attr-defined]
    return uses_pyside
