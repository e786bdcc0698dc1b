"""Python's cyclic garbage collector held off while the app starts.

A start imports PySide6, pydantic and the app and builds the record's models and the
first screen: some 80,000 objects, nearly all of which live as long as the app does.
The cyclic collector runs every 700 new objects and walks the young ones each time,
and now and then the older ones too: about 110 collections and 18-20 ms of a 420 ms
start from source, for a few hundred objects of garbage in all.

So the collector is paused from the start of the command line (:func:`pause`, in
:func:`app.cli.main`, first thing: its parser already imports much of the app) until just before
the event loop starts (:func:`resume`, in :func:`app.launch.run_app`). Any other
command resumes it once its arguments are read.

Before its event loop, the app also freezes what exists (:func:`gc.freeze`): those
objects are left out of every later collection. With every screen built, a full
collection then walks about 15,000 objects instead of 67,000 and takes 1-3 ms instead
of 26-34 ms, which matters when one falls inside a tap. Reference counting still frees
frozen objects. The only thing never freed is garbage that refers to itself in a cycle
among them: the few hundred objects the start made, once.

Deleting a page built unseen and measured (a twin, :mod:`app.ui.language_twin`) leaves
garbage of another kind: its Python wrappers and its copy of the visit refer to each
other, so they are freed only by a full collection. With the start frozen, the
collector's thresholds seldom call for one (none on a visit to every screen in both
languages), and one that comes may fall in a tap. So the twin says so when it is
deleted (:func:`garbage_left`), and the window's next idle moment collects it
(:func:`collect_left_garbage`, 3-10 ms).
"""

from __future__ import annotations

import gc

_paused = False
_garbage_left = False


def pause() -> None:
    """Hold the cyclic collector off (until :func:`resume`), if it runs."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume(*, freeze: bool = False) -> None:
    """Let the collector run again; with ``freeze``, leave what exists out of it for good.

    Does nothing unless :func:`pause` held it off (and has not been resumed since).
    Only the app's start freezes (``run_app``, just before its event loop): a command
    that returns to a caller (a test calling :func:`app.cli.main`) leaves its garbage to
    be collected.
    """
    global _paused
    if _paused:
        _paused = False
        if freeze:
            gc.freeze()
        gc.enable()


def paused() -> bool:
    """Whether :func:`pause` holds the collector off now."""
    return _paused


def garbage_left() -> None:
    """Say that objects were let go which only a full collection frees (widgets deleted).

    Collected by the next :func:`collect_left_garbage`.
    """
    global _garbage_left
    _garbage_left = True


def collect_left_garbage() -> bool:
    """Run a full collection if :func:`garbage_left` was called since the last one.

    Called in an idle moment (the window's warming steps), so that the collection is
    not in a tap. Returns whether it ran. While :func:`pause` holds the collector off
    (the start), nothing is collected and the garbage waits for the next call.
    """
    global _garbage_left
    if not _garbage_left or _paused:
        return False
    _garbage_left = False
    gc.collect()
    return True
