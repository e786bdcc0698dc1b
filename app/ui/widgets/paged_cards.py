"""A long list of cards shown a page at a time, with a button for the next page.

A registry entry may list over a thousand study sites. One card per site (its name,
place and status: five labels) takes about 6 ms to build and lay out, so a whole list
froze the study details for seconds when it was built, and again on every language,
text-size or contrast switch. :class:`PagedCards` builds the first :data:`PAGE` cards
and a button that adds the next :data:`PAGE`, above a line saying how many are shown:
every card can still be reached, and a visitor waits only for those they ask for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import _
from app.i18n.format import format_number
from app.ui.focus_chain import last_in_focus_chain, place_after
from app.ui.text import TextLabel

#: Cards built at first, and added by each press of the button.
PAGE = 10

Item = TypeVar("Item")

#: Adds the cards for some items to a layout; ``later`` is true for a page added after
#: the first, whose interface words must be put in the current language at once.
BuildPage = Callable[[QVBoxLayout, Sequence[Item], bool], None]


class PagedCards(QWidget, Generic[Item]):
    """Cards for ``items``, :data:`PAGE` at a time; the button below adds the next page.

    Attributes:
        cards: The layout holding the cards, one widget each.
        status: The muted line saying how many cards are shown ("Showing 10 of 1,148.").
        more: The button adding the next page; both are hidden once every card is shown.
    """

    def __init__(
        self,
        items: Sequence[Item],
        build_page: BuildPage[Item],
        lang: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        """Build the first page of cards.

        Args:
            items: What the cards show, in order.
            build_page: Adds the cards for some of the items to a layout.
            lang: Gives the current language code.
            parent: The parent widget.
        """
        super().__init__(parent)
        self._items = items
        self._build_page = build_page
        self._lang = lang
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self.cards = QVBoxLayout()
        self.cards.setContentsMargins(0, 0, 0, 0)
        self.cards.setSpacing(16)
        layout.addLayout(self.cards)
        # The cards first: Tab reaches them before the button, as they are read.
        self._build_page(self.cards, items[:PAGE], False)
        self.status = TextLabel("muted", self)
        self.more = QPushButton(self)
        self.more.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more.clicked.connect(self.show_more)
        layout.addWidget(self.status)
        layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeading)
        self._update()

    @property
    def shown(self) -> int:
        """How many cards are built and shown."""
        return self.cards.count()

    @property
    def complete(self) -> bool:
        """Whether every card is shown."""
        return self.shown >= len(self._items)

    def card(self, index: int) -> QWidget:
        """The card of item ``index`` (among those shown)."""
        item = self.cards.itemAt(index)
        widget = item.widget() if item is not None else None
        assert widget is not None, index  # the layout holds cards only
        return widget

    def show_more(self) -> None:
        """Add the next page of cards, and move the focus to the first of them."""
        start = self.shown
        if self.complete:
            return
        # Tab reaches the new cards after the last one shown, not at the window's end.
        tail = last_in_focus_chain(self.card(start - 1))
        self._build_page(self.cards, self._items[start : start + PAGE], True)
        new = [self.card(index) for index in range(start, self.shown)]
        place_after(tail, new)
        if self.isVisible():  # (Qt would show a new child of a shown widget only later)
            for card in new:
                card.show()
        # Keyboard and screen-reader users go on reading from the first new card's first
        # words (its title). Before the button may hide: Qt would pass the focus on to the
        # next widget that takes it, and scroll the page there.
        first = new[0].findChild(QLabel)
        (first or new[0]).setFocus(Qt.FocusReason.OtherFocusReason)
        self._update()

    def retranslate(self) -> None:
        """Put the status line and the button in the current language."""
        self._update()

    def _update(self) -> None:
        lang = self._lang()
        total = len(self._items)
        remaining = total - self.shown
        self.status.setVisible(remaining > 0)
        self.more.setVisible(remaining > 0)
        status = _("Showing {shown} of {total}.").format(
            shown=format_number(self.shown, lang), total=format_number(total, lang)
        )
        self.status.set_record_text(status, lang)
        text = _("Show {count} more").format(count=format_number(min(PAGE, remaining), lang))
        self.more.setText(text)
        self.more.setAccessibleName(text)
        # (A page may have several lists: the count tells a screen reader which this is.)
        adds = _("Adds the next ones to the list above")
        self.more.setAccessibleDescription(f"{status} {adds}")
