"""The "Draft, not approved" banner (it lives in :mod:`app.ui.draft_banner`).

The kiosk controller and the preview window both show it; the preview sits in the
interface layer, below the kiosk, so the widget lives there too.
"""

from __future__ import annotations

from app.ui.draft_banner import DraftBanner, approval_text

__all__ = ["DraftBanner", "approval_text"]
