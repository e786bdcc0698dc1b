"""What the screen tests share: pages the window builds unseen, in idle moments."""

from __future__ import annotations

import pytest

from app.session import Screen


@pytest.fixture
def warmed_unseen(make_window, default_record, qtbot):
    """``warm(screen)``: a window warming its pages until ``screen``'s is whole, unseen.

    Returns the session, the window and the page, still hidden and never shown.
    """

    def warm(screen: Screen):
        session, window = make_window(default_record)
        window.warm_pages = True
        window._warm_later()
        qtbot.waitUntil(lambda: screen in window.pages, timeout=20_000)
        page = window.pages[screen]
        assert page.isHidden()
        qtbot.waitUntil(lambda: page.complete, timeout=20_000)
        assert session.screen is Screen.WELCOME  # never shown on the way
        return session, window, page

    return warm
