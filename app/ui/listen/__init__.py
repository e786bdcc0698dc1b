"""Read aloud in the window: Listen buttons, the reading bar and their controller.

:func:`attach` gives a main window its controller (``window.listen``), a Listen button
in the header (the whole screen) and the reading bar under the header. Screens put a
Listen button beside a section with :meth:`app.ui.screens.base.ScreenPage.listen_beside`.
Nothing here imports the speech engine or QtMultimedia until Listen is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QBoxLayout

if TYPE_CHECKING:
    from app.ui.listen.controller import ListenController
    from app.ui.main_window import MainWindow


def attach(window: MainWindow, root: QBoxLayout) -> ListenController:
    """Listen for ``window``: its controller, the header's Listen button, the reading bar."""
    from app.ui.listen.controller import ListenController
    from app.ui.listen.widgets import ListenBar, ListenButton
    from app.ui.style import fix_text_size

    controller = ListenController(window.session, window, window)
    header = window.header
    button = ListenButton(window.session, None, header)
    button.setProperty("role", "header")
    fix_text_size(button)
    layout = header.layout()
    assert isinstance(layout, QBoxLayout)
    layout.insertWidget(1, button)
    # A screen reader reads a parent's children in their stacking order: the button,
    # made last, goes where it shows (before the title), not after Start over.
    button.stackUnder(header.title)
    bar = ListenBar(controller, root.parentWidget())
    root.insertWidget(root.indexOf(header) + 1, bar)
    controller.header_button, controller.bar = button, bar
    return controller
