"""Kiosk mode: full screen, idle reset, staff PIN, staff panel."""
