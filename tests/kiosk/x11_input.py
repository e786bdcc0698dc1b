"""Send input to an X display from a test, without xdotool: XTEST if present, else SendEvent.

XTEST (libXtst) makes input the server treats as coming from a real device. Where libXtst
is missing (a bare Debian with only xvfb installed) a synthetic key press is sent to the
window with ``xcb_send_event`` (libxcb is always there: Qt's xcb plugin needs it). Qt reads
synthetic key events; pointer events it reads through XInput2, which SendEvent cannot fake,
so the fallback can only type.
"""

from __future__ import annotations

import ctypes
import ctypes.util

#: X11 core event codes and masks.
KEY_PRESS = 2
KEY_RELEASE = 3
KEY_PRESS_MASK = 1 << 0
KEY_RELEASE_MASK = 1 << 1
#: Shift_L in the evdev keymap Xvfb starts with: a key no screen reacts to.
SHIFT_L_KEYCODE = 50


def _load(name: str) -> ctypes.CDLL | None:
    path = ctypes.util.find_library(name)
    candidates = [path] if path else []
    candidates.append(f"lib{name}.so.6" if name in {"X11", "Xtst"} else f"lib{name}.so.1")
    for candidate in candidates:
        try:
            return ctypes.CDLL(candidate)
        except OSError:
            continue
    return None


def xtest_click(display: str, x: int, y: int) -> bool:
    """Move the pointer to (x, y) on the root window and click; False without XTEST."""
    xlib, xtst = _load("X11"), _load("Xtst")
    if xlib is None or xtst is None:
        return False
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XFlush.argtypes = [ctypes.c_void_p]
    xlib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xtst.XTestFakeMotionEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_ulong,
    ]
    xtst.XTestFakeButtonEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint,
        ctypes.c_int,
        ctypes.c_ulong,
    ]
    handle = xlib.XOpenDisplay(display.encode())
    if not handle:
        return False
    try:
        xtst.XTestFakeMotionEvent(handle, 0, x, y, 0)
        xtst.XTestFakeButtonEvent(handle, 1, 1, 20)
        xtst.XTestFakeButtonEvent(handle, 1, 0, 20)
        xlib.XSync(handle, 0)
    finally:
        xlib.XCloseDisplay(handle)
    return True


class _KeyEvent(ctypes.Structure):
    """xcb_key_press_event_t (32 bytes on the wire)."""

    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("detail", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("time", ctypes.c_uint32),
        ("root", ctypes.c_uint32),
        ("event", ctypes.c_uint32),
        ("child", ctypes.c_uint32),
        ("root_x", ctypes.c_int16),
        ("root_y", ctypes.c_int16),
        ("event_x", ctypes.c_int16),
        ("event_y", ctypes.c_int16),
        ("state", ctypes.c_uint16),
        ("same_screen", ctypes.c_uint8),
        ("pad0", ctypes.c_uint8),
    ]


def send_key(display: str, window: int, keycode: int = SHIFT_L_KEYCODE) -> bool:
    """Send a synthetic key press and release to ``window``; False without libxcb."""
    xcb = _load("xcb")
    if xcb is None:
        return False
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_send_event.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint8,
        ctypes.c_uint32,
        ctypes.c_uint32,
        ctypes.c_char_p,
    ]
    xcb.xcb_send_event.restype = ctypes.c_uint32  # an xcb_void_cookie_t
    xcb.xcb_flush.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    if not connection or xcb.xcb_connection_has_error(connection):
        return False
    try:
        for kind, mask in ((KEY_PRESS, KEY_PRESS_MASK), (KEY_RELEASE, KEY_RELEASE_MASK)):
            event = _KeyEvent(
                response_type=kind,
                detail=keycode,
                event=window,
                root_x=1,
                root_y=1,
                event_x=1,
                event_y=1,
                same_screen=1,
            )
            xcb.xcb_send_event(
                connection, 0, window, mask, ctypes.string_at(ctypes.addressof(event), 32)
            )
        xcb.xcb_flush(connection)
    finally:
        xcb.xcb_disconnect(connection)
    return True
