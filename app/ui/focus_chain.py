"""Tab order for widgets built after their window: in reading order, not at the end.

Qt puts a widget created after its window last in the window's focus chain, whatever
its place on screen. A view that builds its content in stages (the counselor's rows,
the study details' sections) moves each part built later to right after the part above
it with :func:`place_after`, so that Tab goes through the content as if it had been
built at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def in_focus_chain(widget: QWidget) -> list[QWidget]:
    """The widgets inside ``widget`` in the order of the focus chain (not focus proxies).

    The widgets of a part built in one go are one run of the chain, starting right
    after the part itself: as many as it holds (in its window), and the walk asks for
    no widget past them. PySide makes the widget ``nextInFocusChain()`` returns a child
    of the one asked, for its own bookkeeping: the first widget after the run (another
    page, the main window) would become a child of this part's last widget, and when
    the part was deleted (a study's pages dropped, a record reloaded, a page measured
    unseen and deleted) PySide took every Python handle below it for deleted too, the
    other pages' scroll areas' viewports among them. ``focusProxy()`` does the same with
    the proxy it returns: the app sets no proxy outside a part. A part whose widgets are
    not one run (one moved in after it was placed) still takes one step too many.
    """
    window = widget.window()
    left = sum(1 for child in widget.findChildren(QWidget) if child.window() is window)
    found: list[QWidget] = []
    child = widget.nextInFocusChain() if left else None
    while child is not None and child is not widget and widget.isAncestorOf(child):
        if child.focusProxy() is None:  # Qt orders the proxy in its place
            found.append(child)
        left -= 1
        child = child.nextInFocusChain() if left else None
    return found


def last_in_focus_chain(widget: QWidget) -> QWidget:
    """The last widget of ``widget`` (itself, or one inside it) in the focus chain."""
    return [widget, *in_focus_chain(widget)][-1]


def place_after(tail: QWidget, parts: Iterable[QWidget]) -> QWidget:
    """Move each of ``parts`` (and everything inside it) to right after ``tail``.

    Returns the new tail: the last widget moved, for the next part built. Every widget
    moves, those that take no focus too (they may take it later: a label that gets a
    link in another language).
    """
    for part in parts:
        for widget in (part, *in_focus_chain(part)):
            with taking_focus(tail, widget):
                QWidget.setTabOrder(tail, widget)
            tail = widget
    return tail


@contextmanager
def taking_focus(*widgets: QWidget) -> Iterator[None]:
    """Let ``widgets`` take the focus for a moment (Qt orders only those that can)."""
    held = [widget for widget in widgets if widget.focusPolicy() == Qt.FocusPolicy.NoFocus]
    for widget in held:
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    try:
        yield
    finally:
        for widget in held:
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
